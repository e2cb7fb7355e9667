"""PDF renderings of the corpus documents give the text's records.

Each corpus text is typeset two clearly different ways (tests/typeset: "onecolumn" with fpdf2, one
column and unruled tables; "twocolumn" with reportlab, two columns of justified prose and ruled
full-width tables), read back through the pipeline, and its records compared with the text's, per
table, on content fields (never line numbers). `scripts/pdf_agreement.py` prints the whole matrix
(every document x style x table, and the "textlayer" style that sets the text's own lines). The tests
run a representative part of it (about a minute): the 2023 letter in both styles, the annual report
and the white paper in two columns. The 2026 letter is the 2023 one's kind, the annual report's
one-column records mostly xfail, and the Prop. 1 S is the slowest to typeset and read (about a
minute on its own): those are left to the script.

The extractors are moving onto blocks, so not every table agrees yet. `MEASURED` holds the agreement
(records in both / the larger of the two counts) each case reached when it was measured: a case at or
above `HOLDS` is asserted not to fall below it; the others xfail with their measured ratio.
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest
from tests.conftest import RAW
from tests.typeset import SUFFIX, cached
from tests.typeset.compare import agreement, differences

from hdir_extract.document import Document, Kind
from hdir_extract.pipeline import FileResult, _extract_document, extract_bytes
from hdir_extract.readers import read_document

DOCS = {
    "tb2023": "tildelingsbrev-2023-helsedirektoratet.txt",
    "tb2026": "tildelingsbrev-2026-helsedirektoratet.txt",
    "aarsrapport": "aarsrapport-2023-helsedirektoratet.txt",
    "meld": "meld-st-9-2023-2024-nasjonal-helse-og-samhandlingsplan.txt",
    "prop": "prop-1-s-2024-2025-helse-og-omsorgsdepartementet.txt",
}
RENDERINGS = [
    ("tb2023", "onecolumn"),
    ("tb2023", "twocolumn"),
    ("aarsrapport", "twocolumn"),
    ("meld", "twocolumn"),
    # the structure written as a converter writes Markdown (tests/typeset/markdown.py): quick to read
    *((doc, "markdown") for doc in ("tb2023", "tb2026", "aarsrapport", "meld", "prop")),
    # the structure written as Word writes it (tests/typeset/word.py): quick to write and read
    *((doc, "docx") for doc in ("tb2023", "tb2026", "aarsrapport", "meld", "prop")),
    # ... and as a web page (tests/typeset/html.py)
    *((doc, "html") for doc in ("tb2023", "tb2026", "aarsrapport", "meld", "prop")),
    # the one-column PDF's plain text as a PDF-to-text tool extracts it (tests/typeset/pdftext.py): no
    # blank lines, single spaces between cells. The 2026 letter and the white paper are left to the
    # script (typesetting and extracting them takes about half a minute each)
    *((doc, "pdftext") for doc in ("tb2023", "aarsrapport", "prop")),
]
HOLDS = 0.8
SLACK = 0.01  # a page break that moves one record in a hundred

#: (document, style, table) -> agreement measured with scripts/pdf_agreement.py (the whole matrix; the
#: tests run the RENDERINGS above). Comment: records in both / the text's (+ those only the PDF has).
#: The "textlayer" style (the text's own lines set as they are) agrees in full on every table but the
#: Prop. 1 S's bevilgninger (547/571). Measured on branch layout3 (the 2026 letter's "Kap./post
#: Benevnelse Tildeling Kommentarer" table read as a table, two-column pages as two frames, lines the
#: PDF reader saw wrap, two-column number columns no wider than 0.4 of the measure); re-measure
#: (`scripts/pdf_agreement.py`) when an extractor or the layout changes.
#: The 2023 letter's allocation tables are printed one row per text line ("21 Spesielle driftsutgifter,
#: kan" / "overføres" / "35 149 35 149"): the PDF reader keeps each such line a row of its table
#: (branch pdf3: rows at one pitch, a head over kapittel/post rows read as the table's).
#: "markdown" cases: the same structure written as a converter writes Markdown, read by the Markdown
#: reader (first measured after the letter without a letterhead on its first page was classified).
#: "docx" cases: the same structure written as Word writes it, read by the DOCX reader (first measured
#: with "Boks 7.1 forts." keeping its box's title in DOCX, as in Markdown and text: tiltak 141 -> 144).
#: "html" cases: the same structure as a web page, read by the HTML reader (first measured with a
#: caption printed as a paragraph read as a caption: årsrapport nokkeltall 273 -> 1140).
#: "pdftext" cases: the one-column PDF's plain text (pdfplumber, pages apart by form feeds), read as a
#: text file (branch pdftext: first measured at Prop. 1 S bevilgninger 263, årsrapport bevilgninger 63,
#: tb2023 bevilgninger 148; a stacked header's years in time order, a unit line opening the next table,
#: a row's amounts found among its wrapped names, a letter table's header repeated over a page break).
#: The årsrapport's notes print numbers broken over lines ("-3 390" / "458"): nokkeltall stays low.
MEASURED: dict[tuple[str, str, str], float] = {
    ("aarsrapport", "docx", "bevilgninger"): 1.00,  # 296/296
    ("aarsrapport", "docx", "nokkeltall"): 0.99,  # 1210/1214 (+1)
    ("meld", "docx", "anmodningsvedtak"): 1.00,  # 2/2
    ("meld", "docx", "tiltak"): 0.97,  # 144/147 (+1)
    ("prop", "docx", "anmodningsvedtak"): 1.00,  # 91/91
    ("prop", "docx", "bevilgninger"): 1.00,  # 571/571
    ("tb2023", "docx", "bevilgninger"): 1.00,  # 164/164
    ("tb2023", "docx", "brev"): 1.00,  # 6/6
    ("tb2023", "docx", "indikatorer"): 0.98,  # 61/62
    ("tb2023", "docx", "oppdrag"): 1.00,  # 96/96
    ("tb2026", "docx", "bevilgninger"): 0.97,  # 88/90
    ("tb2026", "docx", "brev"): 1.00,  # 2/2
    ("tb2026", "docx", "indikatorer"): 1.00,  # 108/108
    ("tb2026", "docx", "oppdrag"): 1.00,  # 62/62
    ("aarsrapport", "html", "bevilgninger"): 1.00,  # 296/296
    ("aarsrapport", "html", "nokkeltall"): 0.99,  # 1210/1214 (+1)
    ("meld", "html", "anmodningsvedtak"): 1.00,  # 2/2
    ("meld", "html", "tiltak"): 0.97,  # 144/147 (+1)
    ("prop", "html", "anmodningsvedtak"): 1.00,  # 91/91
    ("prop", "html", "bevilgninger"): 1.00,  # 571/571
    ("tb2023", "html", "bevilgninger"): 1.00,  # 164/164
    ("tb2023", "html", "brev"): 1.00,  # 6/6
    ("tb2023", "html", "indikatorer"): 0.98,  # 61/62 (+1)
    ("tb2023", "html", "oppdrag"): 1.00,  # 96/96
    ("tb2026", "html", "bevilgninger"): 0.97,  # 88/90
    ("tb2026", "html", "brev"): 1.00,  # 2/2
    ("tb2026", "html", "indikatorer"): 1.00,  # 108/108
    ("tb2026", "html", "oppdrag"): 1.00,  # 62/62
    ("aarsrapport", "pdftext", "bevilgninger"): 0.91,  # 271/296 (+2)
    ("aarsrapport", "pdftext", "nokkeltall"): 0.69,  # 849/1214 (+244)
    ("meld", "pdftext", "anmodningsvedtak"): 1.00,  # 2/2
    ("meld", "pdftext", "tiltak"): 0.97,  # 144/147 (+3)
    ("prop", "pdftext", "anmodningsvedtak"): 1.00,  # 91/91
    ("prop", "pdftext", "bevilgninger"): 0.97,  # 556/571 (+11)
    ("tb2023", "pdftext", "bevilgninger"): 1.00,  # 164/164
    ("tb2023", "pdftext", "brev"): 1.00,  # 6/6
    ("tb2023", "pdftext", "indikatorer"): 1.00,  # 62/62
    ("tb2023", "pdftext", "oppdrag"): 0.98,  # 95/96 (+1)
    ("tb2026", "pdftext", "bevilgninger"): 0.96,  # 87/90 (+1)
    ("tb2026", "pdftext", "brev"): 1.00,  # 2/2
    ("tb2026", "pdftext", "indikatorer"): 1.00,  # 108/108
    ("tb2026", "pdftext", "oppdrag"): 0.96,  # 60/62 (+1)
    ("aarsrapport", "markdown", "bevilgninger"): 1.00,  # 296/296
    ("aarsrapport", "markdown", "nokkeltall"): 0.99,  # 1210/1214 (+1)
    ("aarsrapport", "onecolumn", "bevilgninger"): 1.00,  # 296/296
    ("aarsrapport", "onecolumn", "nokkeltall"): 0.92,  # 1122/1214 (+73)
    ("aarsrapport", "twocolumn", "bevilgninger"): 1.00,  # 296/296
    ("aarsrapport", "twocolumn", "nokkeltall"): 0.98,  # 1191/1214 (+14)
    ("meld", "markdown", "anmodningsvedtak"): 1.00,  # 2/2
    ("meld", "markdown", "tiltak"): 0.97,  # 144/147 (+1)
    ("meld", "onecolumn", "anmodningsvedtak"): 1.00,  # 2/2
    ("meld", "onecolumn", "tiltak"): 0.99,  # 146/147 (+1)
    ("meld", "twocolumn", "anmodningsvedtak"): 1.00,  # 2/2
    ("meld", "twocolumn", "tiltak"): 0.99,  # 146/147 (+1)
    ("prop", "markdown", "anmodningsvedtak"): 1.00,  # 91/91
    ("prop", "markdown", "bevilgninger"): 1.00,  # 571/571
    ("prop", "onecolumn", "anmodningsvedtak"): 1.00,  # 91/91
    ("prop", "onecolumn", "bevilgninger"): 1.00,  # 571/571
    ("prop", "twocolumn", "anmodningsvedtak"): 1.00,  # 91/91
    ("prop", "twocolumn", "bevilgninger"): 1.00,  # 571/571
    ("tb2023", "markdown", "bevilgninger"): 1.00,  # 164/164
    ("tb2023", "markdown", "brev"): 1.00,  # 6/6
    ("tb2023", "markdown", "indikatorer"): 0.98,  # 61/62
    ("tb2023", "markdown", "oppdrag"): 1.00,  # 96/96
    ("tb2023", "onecolumn", "bevilgninger"): 1.00,  # 164/164
    ("tb2023", "onecolumn", "brev"): 1.00,  # 6/6
    ("tb2023", "onecolumn", "indikatorer"): 1.00,  # 62/62
    ("tb2023", "onecolumn", "oppdrag"): 0.98,  # 95/96 (+1)
    ("tb2023", "twocolumn", "bevilgninger"): 1.00,  # 164/164
    ("tb2023", "twocolumn", "brev"): 1.00,  # 6/6
    ("tb2023", "twocolumn", "indikatorer"): 1.00,  # 62/62
    ("tb2023", "twocolumn", "oppdrag"): 0.97,  # 94/96 (+2)
    ("tb2026", "markdown", "bevilgninger"): 0.97,  # 88/90
    ("tb2026", "markdown", "brev"): 1.00,  # 2/2
    ("tb2026", "markdown", "indikatorer"): 1.00,  # 108/108
    ("tb2026", "markdown", "oppdrag"): 1.00,  # 62/62
    ("tb2026", "onecolumn", "bevilgninger"): 0.94,  # 85/90
    ("tb2026", "onecolumn", "brev"): 1.00,  # 2/2
    ("tb2026", "onecolumn", "indikatorer"): 1.00,  # 108/108
    ("tb2026", "onecolumn", "oppdrag"): 0.98,  # 61/62 (+1)
    ("tb2026", "twocolumn", "bevilgninger"): 0.95,  # 86/90
    ("tb2026", "twocolumn", "brev"): 1.00,  # 2/2
    ("tb2026", "twocolumn", "indikatorer"): 1.00,  # 108/108
    ("tb2026", "twocolumn", "oppdrag"): 0.98,  # 61/62 (+1)
}


@pytest.fixture(scope="session")
def typeset_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("typeset")


@cache
def _text(doc: str) -> FileResult:
    path = RAW / DOCS[doc]
    return extract_bytes(path.name, path.read_bytes())


@cache
def _pdf_doc(doc: str, style: str, cache_dir: Path) -> Document:
    """The rendering as the PDF reader reads it (typeset once per session)."""
    return read_document(
        f"{doc}.{style}{SUFFIX.get(style, '.pdf')}", cached(RAW / DOCS[doc], style, cache_dir)
    )


@cache
def _pdf(doc: str, style: str, cache_dir: Path) -> FileResult:
    """The rendering's records: the pipeline's extraction over the document read once above."""
    document = _pdf_doc(doc, style, cache_dir)
    res = FileResult(fil=document.source_file, sha256=document.sha256)
    _extract_document(document.source_file, document, res, debug=False)
    return res


CASES = [(doc, style, table) for (doc, style, table) in sorted(MEASURED) if (doc, style) in RENDERINGS]


@pytest.mark.parametrize(("doc", "style", "table"), CASES)
def test_rendering_gives_the_texts_records(doc, style, table, typeset_dir):
    text, pdf = _text(doc), _pdf(doc, style, typeset_dir)
    found = agreement(text.tables, pdf.tables)[table]
    measured = MEASURED[(doc, style, table)]
    if measured < HOLDS:
        pytest.xfail(f"{table} from the {style} PDF: measured {measured:.2f}, now {found.ratio:.2f} {found}")
    assert found.ratio >= measured - SLACK, (found, differences(text.tables, pdf.tables, table))


# (not the Markdown, DOCX or HTML renderings: the Prop. 1 S text already prints a paragraph per line, as
# they do)
REFLOWED_BY_US = ("markdown", "docx", "html")
#: (nor the PDF's plain text: its table rows print their amounts run together with single spaces, which
#: the layer leaves to the extractors' arithmetic, so no cell holds one of the text's numbers alone)
NO_CELLS = ("pdftext",)


@pytest.mark.parametrize(("doc", "style"), [r for r in RENDERINGS if r[1] not in REFLOWED_BY_US + NO_CELLS])
def test_rendering_is_typeset_not_copied(doc, style, typeset_dir):
    """A rendering re-flows the text (its line breaks are not the file's: few pairs of consecutive
    PDF lines are consecutive lines of the text) and prints the text's tables as tables (the PDF's
    TABLE blocks hold the numbers of the text's)."""
    path = RAW / DOCS[doc]
    text_doc = read_document(path.name, path.read_bytes())
    pdf_doc = _pdf_doc(doc, style, typeset_dir)

    def pairs(d: Document) -> set[tuple[str, str]]:
        texts = [" ".join(ln.text.split()) for ln in d.lines if ln.text.strip()]
        return {p for p in itertools.pairwise(texts) if min(len(p[0]), len(p[1])) > 40}

    text_pairs, pdf_pairs = pairs(text_doc), pairs(pdf_doc)
    assert len(pdf_pairs & text_pairs) < 0.5 * len(pdf_pairs)  # a copy would share nearly all

    def numbers(d: Document) -> set[str]:
        cells = (c.text for b in d.of_kind(Kind.TABLE) for r in b.rows for c in r.cells)
        return {t for t in cells if t[:1].isdigit()}

    # most, not all: the text layer's own tables print a wrapped name or a lone number on a line of
    # its own ("76 Private laboratorier og" / "røntgeninstitutt" / "1 198,5 1 198,5"), which the text's
    # layout keeps as rows and a typeset page may set as a paragraph or wrap in a cell otherwise (a
    # rendering without tables keeps next to none)
    want = numbers(text_doc)
    assert len(numbers(pdf_doc) & want) >= 0.6 * len(want)


@pytest.mark.parametrize(("doc", "style"), RENDERINGS)
def test_rendering_records_carry_their_page(doc, style, typeset_dir):
    pdf = _pdf(doc, style, typeset_dir)
    n_pages = pdf.tables["dokumenter"][0]["antall_sider"]
    for table in ("oppdrag", "tiltak", "bevilgninger", "nokkeltall", "anmodningsvedtak"):
        if n_pages is None:  # Markdown has no pages: no record makes one up
            assert all(r["side"] is None for r in pdf.tables.get(table, []))
        else:
            assert all(1 <= r["side"] <= n_pages for r in pdf.tables.get(table, []))


# --- what the reader's fixes give, on real values -----------------------------------------------------


def _allocations(doc: str, style: str, cache_dir: Path) -> set[tuple]:
    rows = _pdf(doc, style, cache_dir).tables.get("bevilgninger", [])
    return {(r["kapittel"], r["post"], r["belopstype"], r["belop_nok"]) for r in rows}


def test_ruled_letter_table_reads_post_rows_under_their_kapittel(typeset_dir):
    """The 2023 letter's allocation table, ruled in two columns: a post printed without its kapittel
    ("77 Laboratorie- og radiologiske" / "undersøkelser" / "3 624,4 3 624,4", in the name column) is
    a post of the kapittel above (732), its amount as the text's ("3 624,4": a decimal amount in this
    thousands table is millions, as the text path reads it)."""
    found = _allocations("tb2023", "twocolumn", typeset_dir)
    assert (732, 77, "tildeling", 3_624_400_000) in found
    assert (732, 77, "bevilgning", 3_624_400_000) in found


def test_letter_table_rows_under_a_header_printed_apart(typeset_dir):
    """The 2026 letter in one column: the income table's header ("Kap./post Benevnelse Tildeling")
    stands apart from its rows, which the reader found as a table: the rows still belong to it."""
    found = _allocations("tb2026", "onecolumn", typeset_dir)
    assert (3740, 4, "tildeling", 32_101_000) in found
    assert (5572, 75, "tildeling", 18_952_000) in found


def test_assignment_title_in_a_narrow_column(typeset_dir):
    """Two columns: the title fills the lines under "ID: TB2023-01 Eieravdeling HOD: FHA" to the
    measure, in the heading's own paragraph; it is the title however long its lines are."""
    oppdrag = {r["oppdrag_id"]: r for r in _pdf("tb2023", "twocolumn", typeset_dir).tables["oppdrag"]}
    assert oppdrag["TB2023-01"]["tittel"] == "Nasjonalt program for rusforebyggende arbeid blant barn og unge"
    assert oppdrag["TB2023-01"]["avdeling"] == "FHA"


def test_word_processor_paragraph_gap(typeset_dir):
    """One column, paragraphs 2 mm apart on a 4.6 mm pitch (a word processor's "6 pt after"): the
    assignment heading's paragraph ends before its body starts."""
    blocks = [b.text for b in _pdf_doc("tb2023", "onecolumn", typeset_dir).blocks]
    assert "ID: TB2023-02 Eieravdeling HOD: FHA Stortingsmelding om trygg digital oppvekst" in blocks


def test_roman_numbered_criteria_are_list_items(typeset_dir):
    """One column: "ii.  Hvordan Helsedirektoratet bidrar …" is a list item (its marker's hanging
    indent is no table cell), as in the text."""
    doc = _pdf_doc("tb2023", "onecolumn", typeset_dir)
    items = {b.text: b.marker for b in doc.blocks if b.kind is Kind.LIST_ITEM}
    text = "Hvordan Helsedirektoratet bidrar til økt pasientsikkerhet i helse- og omsorgstjenestene"
    assert items.get(text) == "ii."


def test_wrapped_header_cell_of_an_unruled_change_table(typeset_dir):
    """One column, the 2026 supplementary letter's change tables: the header cell wraps ("Kap. post
    Tidligere tildeling" / "Ny tildeling Sum tildelt", "2026" beside it); read as one cell, the
    table's three amount columns give the post's three amounts."""
    found = _allocations("tb2026", "onecolumn", typeset_dir)
    assert (760, 70, "tidligere_tildeling", 462_479_000) in found
    assert (760, 70, "ny_tildeling", 500_000) in found
    assert (760, 70, "sum_tildelt", 462_979_000) in found


def test_narrow_first_column_wrapped_over_many_lines(typeset_dir):
    """The annual report in one column: the appropriation table's text column is narrow, so a row's
    "0702 Beredskap 70 Tilskudd, beredskap A/B" wraps over two lines (set closer than the rows are
    set apart) beside its amounts; the lines are one cell and the row keeps its kapittel and post
    (the wrapped line, a first cell's, never crosses the gap between the columns)."""
    found = _allocations("aarsrapport", "onecolumn", typeset_dir)
    assert (702, 70, "regnskap", 4_457_000) in found
    assert (702, 70, "merutgift_mindreutgift", -7_000) in found
    assert (702, 22, "samlet_tildeling", 210_000_000) in found


def test_post_number_alone_on_a_wrapped_line(typeset_dir):
    """The same table: "0762 Primær-" / "helsetjeneste" / "21" / "Spesielle" / … — the post number
    stands alone on a wrapped line of the cell, set as close as the cell's other lines; it is the
    row's post, not a row of its own."""
    found = _allocations("aarsrapport", "onecolumn", typeset_dir)
    assert (762, 21, "samlet_tildeling", 218_702_000) in found
    assert (762, 21, "regnskap", 181_108_458) in found


def test_assignment_title_fills_its_short_paragraph_in_a_narrow_column(typeset_dir):
    """The 2026 letter in two justified columns: "TB2026-41 Avd. HOD: KTA Oppdatering" / "Nasjonal
    veileder for psykososiale tiltak ved" / "kriser, ulykker og katastrofer" is the heading's own
    paragraph; its lines are full to the measure, yet all title (the body opens the next paragraph)."""
    rows = _pdf("tb2026", "twocolumn", typeset_dir).tables.get("oppdrag", [])
    titles = {r["oppdrag_id"]: r["tittel"] for r in rows}
    assert titles["TB2026-41"] == (
        "Oppdatering Nasjonal veileder for psykososiale tiltak ved kriser, ulykker og katastrofer"
    )


def test_a_sum_row_whose_amounts_wrap_onto_a_line_of_their_own(typeset_dir):
    """The annual report in two columns: Note A's last row, alone at the head of a page, wraps its run of
    amounts ("Sum  1 040 437 275 … 143 886" / "421 - - 217 194 306 …"); read together the sum adds up to
    the rows above, so the line without a label is the rest of the sum row."""
    rows = _pdf("aarsrapport", "twocolumn", typeset_dir).tables.get("nokkeltall", [])
    found = {(r["kolonne"], r["verdi"]) for r in rows if r["kilde"] == "Note A" and r["indikator"] == "Sum"}
    assert ("Mer-utgift(-)/ mindre utgift", 1_040_437_275.0) in found
    assert ("Maks. overførbart beløp *", 9_572_511_850.0) in found
    assert ("Mulig overførbart beløp beregnet av virksomhete n", 222_256_875.0) in found


# --- the plain text a PDF-to-text tool extracts ------------------------------------------------------


def test_plain_text_kapittel_table_under_a_stacked_header(typeset_dir):
    """Prop. 1 S as plain text: "Post Betegnelse Regnskap Saldert Forslag" / "2023 budsjett 2025" /
    "2024" (the narrow middle cell wraps twice) names the columns in time order, and the rows' run-together
    amounts ("70 Spesialisthjelp 2 730 293 2 932 000 3 031 100") split by the table's sum."""
    found = _allocations("prop", "pdftext", typeset_dir)
    assert (2711, 70, "regnskap", 2_730_293_000) in found
    assert (2711, 70, "saldert_budsjett", 2_932_000_000) in found
    assert (2711, 70, "forslag", 3_031_100_000) in found


def test_plain_text_appropriation_row_with_its_amounts_among_its_names(typeset_dir):
    """The annual report as plain text: "0709 Pasient- og 87 196 000 84 965 868 2 230 132" /
    "brukerombud 01" / "Driftsutgifter A/B" is one row of Tabell 6-1 (its amounts add up)."""
    found = _allocations("aarsrapport", "pdftext", typeset_dir)
    assert (709, 1, "samlet_tildeling", 87_196_000) in found
    assert (709, 1, "regnskap", 84_965_868) in found
    assert (2711, 70, "samlet_tildeling", 2_760_000_000) in found


def test_plain_text_letter_table_over_a_page_break(typeset_dir):
    """The 2023 letter as plain text: the allocation table's head printed again on the next page stands
    between "71 Fysioterapi, kan nyttes under post" and "62" / "1 474 400 1 474 400"; the table goes on."""
    found = _allocations("tb2023", "pdftext", typeset_dir)
    assert (2755, 71, "tildeling", 1_474_400_000) in found
    assert (2790, 70, "tildeling", 242_000_000) in found
