"""The line-based layout (readers/layout/) on the real corpus text: the blocks it builds where a box,
a footnote, a heading or a table make the printed lines hard to read."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tests import perturb as P

from hdir_extract.document import Block, Document, Kind
from hdir_extract.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
MELD = RAW / "meld-st-9-2023-2024-nasjonal-helse-og-samhandlingsplan.txt"


@cache
def _doc(path: Path) -> Document:
    return read_document(path.name, path.read_bytes())


def _block_at(doc: Document, line: int) -> Block:
    """The block holding `line` (the innermost: a box's item rather than the paragraph around it)."""
    found = [b for b in doc.blocks if b.first_line <= line <= b.last_line and b.kind is not Kind.FURNITURE]
    return min(found, key=lambda b: b.last_line - b.first_line)


# --- a box interrupts the running text ---------------------------------------------------------------


def test_a_box_item_ends_where_the_running_text_it_interrupted_resumes():
    # Boks 4.1's last item ends "… pårørende og helsepersonell"; the next line (" helse- og
    # omsorgstjenester gjennom veiledning", the next page) goes on with "… samarbeid om" before the box
    doc = _doc(MELD)
    item = _block_at(doc, 3743)
    assert (item.kind, item.first_line, item.last_line) == (Kind.LIST_ITEM, 3743, 3747)
    assert item.text.endswith("mer tilgjengelig for pasienter, brukere, pårørende og helsepersonell")
    assert doc.boxes[item.box].number == "Boks 4.1"
    assert doc.boxes[item.box].last_line == 3747
    para = next(b for b in doc.blocks if b.first_line == 3650)
    assert (para.kind, para.last_line, para.box) == (Kind.PARAGRAPH, 3761, None)
    assert "samarbeid om helse- og omsorgstjenester gjennom veiledning og informasjon." in para.text
    assert para.text.endswith("Nasjonale virkemidler skal understøtte dette.")
    assert para.line_at(para.text.index("helse- og omsorgstjenester gjennom")) == 3748


def test_a_box_set_into_a_sentence_starts_without_a_blank_line_before_it():
    # the Meld. St. text layer without its interleaved blank lines: "… interkommunalt samarbeid om" /
    # "Boks 4.1 Regjeringen vil" and "… 2,7 dager i" / "Boks 7.1 forts." have no break before the box
    doc = _read(P.drop_interleaved_blanks(_doc(MELD).texts))
    numbers = [x.number for x in doc.boxes]
    assert "Boks 4.1" in numbers and "Boks 7.1" in numbers  # "forts." goes on with the same box
    last = next(b for b in doc.blocks if b.text.startswith("De regionale helseforetakene får i oppdrag"))
    assert last.kind is Kind.LIST_ITEM and doc.boxes[last.box].number == "Boks 7.1"
    # a sentence that names a box at a line's start opens none
    doc = _read(["Tiltakene er samlet i", "Boks 4.1 viser hva regjeringen vil gjøre.", ""] * 3)
    assert doc.boxes == ()


def test_a_box_paragraph_ends_where_the_hyphenated_word_it_interrupted_goes_on():
    # "… anskaffelser og inn-" / Boks 9.2 … "innføring i regionen." / " føre bedre digitale løsninger"
    doc = _doc(MELD)
    para = next(b for b in doc.blocks if b.first_line == 14369)
    assert (para.kind, para.last_line, para.box) == (Kind.PARAGRAPH, 14442, None)
    assert "sette i gang anskaffelser og innføre bedre digitale løsninger" in para.text
    box = next(x for x in doc.boxes if x.number == "Boks 9.2")
    assert box.last_line == 14415
    # the list after the resumed paragraph is the running text's, not the box's
    assert _block_at(doc, 14443).box is None


# --- footnotes and chapter headings ------------------------------------------------------------------


def test_a_referenced_footnote_is_no_chapter_heading():
    # "… lærer av det som går bra.7" (line 9591), then "7 Å lære av det som går bra kalles …" (9607): the
    # footnote, though 7 would also be the next chapter's number; chapter 7 is the heading at 10527
    doc = _doc(MELD)
    note = _block_at(doc, 9607)
    assert (note.kind, note.number, note.first_line, note.last_line) == (Kind.FOOTNOTE, "7", 9607, 9609)
    chapters = [(b.number, b.first_line) for b in doc.blocks if b.kind is Kind.HEADING and b.level == 1]
    assert chapters == [
        ("1", 14),
        ("2", 652),
        ("3", 1627),
        ("4", 3648),
        ("5", 6516),
        ("6", 9263),
        ("7", 10527),
        ("8", 12191),
        ("9", 13986),
        ("10", 15459),
    ]
    seven = _block_at(doc, 10527)
    assert seven.text == "7 En sammenhengende, trygg og helhetlig svangerskaps-, fødsels- og barselomsorg"
    assert seven.last_line == 10528


def test_a_list_of_cited_footnotes_marks_each_as_cited():
    """ "… samfunnet.4, 5": footnote 5 is cited too. Re-broken at 80 columns, "5 NTNU (2020). …" stands
    where chapter 5 could follow chapter 4, and is still a footnote: the chapters are the printed ten."""
    lines = MELD.read_text(encoding="utf-8").split("\n")
    doc = read_document(MELD.name, "\n".join(P.reflow_prose(lines, 80)).encode())
    chapters = [b.text.split()[0] for b in doc.blocks if b.kind is Kind.HEADING and b.level == 1]
    assert chapters == [str(n) for n in range(1, 11)]
    assert any(b.kind is Kind.FOOTNOTE and b.text.startswith("5 NTNU (2020)") for b in doc.blocks)


def test_a_heading_title_wrapped_before_its_period_of_years():
    heading = _block_at(_doc(MELD), 9967)
    assert (heading.kind, heading.number, heading.last_line) == (Kind.HEADING, "6.4.2", 9968)
    assert heading.title == "Prioriterte nasjonale innsatsområder 2024–2028"


# --- headings set apart from their body --------------------------------------------------------------

TB2023 = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"
TB2026 = RAW / "tildelingsbrev-2026-helsedirektoratet.txt"


def _span(block: Block) -> tuple[Kind, int, int]:
    return block.kind, block.first_line, block.last_line


def test_an_assignment_line_after_a_field_line_is_no_part_of_it():
    # "Frist: Settes i dialog med Helsedirektoratet" / "TB2026-7 Avd. HOD: KTA …": the next word fits
    doc = _doc(TB2026)
    assert _span(_block_at(doc, 591)) == (Kind.HEADING, 591, 591)
    head = _block_at(doc, 593)
    assert (head.kind, head.first_line, head.last_line) == (Kind.HEADING, 593, 593)
    assert head.text == "TB2026-7 Avd. HOD: KTA Oppfølging av strategi seksuell helse"
    # "… helsepersonells rettigheter." / "Frist: …": a labelled field starts its own line
    assert _block_at(doc, 2184).text.endswith("knyttet til helsepersonells rettigheter.")
    assert _span(_block_at(doc, 2186)) == (Kind.HEADING, 2186, 2186)
    assert _span(_block_at(doc, 2188)) == (Kind.PARAGRAPH, 2188, 2190)


def test_a_line_led_by_an_assignment_id_stands_apart_from_the_full_line_of_body_below_it():
    # "TTB2023-08 Gratis morsmelkerstatning … hiv" / "Det vises til …" and "TB2026-38 Avd. HOD: DIG
    # Informasjonsforvaltning Kodeverk og terminologi" / "Helsedirektoratet skal, …": an identifier
    # leads a heading of one line, as a label does ("Frist: …"); a re-flowed rendering keeps them apart
    # (3711: "TTB2023-11 Stillinger … i allmennmedisin" fills its line, "For å bedre …" the next)
    for path, head, body in (
        (TB2023, 3630, 3632),
        (TB2023, 3701, 3703),
        (TB2023, 3711, 3713),
        (TB2026, 2630, 2632),
    ):
        doc = _doc(path)
        assert _span(_block_at(doc, head)) == (Kind.HEADING, head, head)
        assert _block_at(doc, body).first_line == body
    assert _block_at(_doc(TB2023), 3630).text.endswith("barn født av mødre som lever med hiv")
    # "… må foreligge innen 1.3.2026" / "TB2026-9 Avd. HOD: HRA Høringsnotat om tannhelse": its own block
    assert _span(_block_at(_doc(TB2026), 739))[1:] == (739, 739)
    assert _block_at(_doc(TB2026), 737).text.endswith("må foreligge innen 1.3.2026")


def test_a_label_line_and_o_bullets_stand_apart():
    # "iii. Hvordan Helsedirektoratet bidrar til økt helsekompetanse i befolkningen" / "Nøkkeltall:"
    doc = _doc(TB2023)
    assert _block_at(doc, 232).text.endswith("i befolkningen")
    assert _span(_block_at(doc, 233))[1:] == (233, 233)
    # "• Andel kommuner …, herunder:" / "o Antall kommuner som har et oversiktsdokument …": sub-items
    doc = _doc(TB2026)
    assert _block_at(doc, 348).text.endswith("folkehelseloven, herunder:")
    sub = _block_at(doc, 352)
    assert (sub.kind, sub.marker, sub.depth) == (Kind.LIST_ITEM, "o", 1)
    assert sub.text == "Antall kommuner som har et oversiktsdokument for gjeldende kommunestyreperiode"


PROP = RAW / "prop-1-s-2024-2025-helse-og-omsorgsdepartementet.txt"


def test_a_short_title_ending_in_a_bracket_after_a_sentence_stands_alone():
    # "… komme tilbake til Stortinget på egnet måte." / "Stortingssesjon (2017–2018)" / "Legevakt- og
    # fastlegeordningen": the session heading is no sentence's end; a re-flowed rendering lost it
    doc = _doc(PROP)
    assert _block_at(doc, 1278).text == "Stortingssesjon (2017–2018)"
    assert _block_at(doc, 1275).text.endswith("Regjeringen vil komme tilbake til Stortinget på egnet måte.")


def test_a_numbered_label_line_and_a_notes_title_stand_apart_from_their_body():
    # "Nøkkeltall 1: Andel av befolkningen … levevaner" / "Tilliten til Helsedirektoratets kostråd, …" and
    # "Note 9 Sammenheng mellom avregning …" / "Del A Forskjellen …": re-flowed, the title stays a title
    doc = _doc(AARSRAPPORT)
    # a title wrapped onto a short second line: "… i henhold til" / "folkehelseloven" / "80 prosent av …"
    assert _block_at(doc, 1668).text.endswith("i henhold til folkehelseloven")
    assert _block_at(doc, 1672).text.startswith("80 prosent av kommunene")
    assert _block_at(doc, 1840).text.endswith("tillit til nasjonale råd om levevaner")
    assert _block_at(doc, 1842).text.startswith("Tilliten til Helsedirektoratets kostråd")
    assert _span(_block_at(doc, 9705))[1:] == (9705, 9705)
    assert _block_at(doc, 9707).text.startswith("Del A Forskjellen")


def test_a_caption_over_a_table_id_cell_is_no_wrapped_cell_of_the_table_above():
    # "\tSum kategori 30.50 … \t6,9" / "" / "Utgifter under programkategori 30.50 fordelt på postgrupper" /
    # "\tPIPR" / … "\t(i 1 000 kr)": the caption opens the next table
    doc = _doc(PROP)
    total = next(r for b in doc.of_kind(Kind.TABLE) for r in b.rows if r.line == 8300)
    assert total.texts[-1] == "6,9"
    assert _block_at(doc, 8308).text == "Utgifter under programkategori 30.50 fordelt på postgrupper"
    head = next(r for b in doc.of_kind(Kind.TABLE) for r in b.rows if r.line == 8316)
    assert head.header and head.texts[0] == "Post- gr."


def test_a_page_break_in_a_double_spaced_layer_after_a_full_stop_ends_the_paragraph():
    # "… avklares nærmere i fagdialogen." / " TB2026-12 Avd. HOD: SHA …" (the next page, no blank between)
    doc = _doc(TB2026)
    assert _block_at(doc, 883).text == (
        "Endelig innretning på oppdraget og frist avklares nærmere i fagdialogen."
    )
    head = _block_at(doc, 884)
    assert (head.kind, head.first_line, head.last_line) == (Kind.HEADING, 884, 884)
    assert head.text.startswith("TB2026-12 Avd. HOD: SHA Oppfølging av svangerskap-")


def test_a_numbered_heading_after_a_field_line():
    heading = _block_at(_doc(TB2026), 2563)
    assert (heading.kind, heading.number, heading.first_line, heading.last_line) == (
        Kind.HEADING,
        "3.7",
        2563,
        2564,
    )
    assert heading.title == (
        "Helse- og omsorgstjenesten er innovativ og jobber systematisk for en bærekraftig utvikling"
    )


def test_a_field_heading_line_stands_apart_from_the_full_line_of_body_below_it():
    doc = _doc(TB2023)
    for head, body in ((517, (518, 523)), (542, (543, 560)), (1256, (1257, 1258))):
        assert _span(_block_at(doc, head)) == (Kind.HEADING, head, head)
        assert _span(_block_at(doc, body[0])) == (Kind.PARAGRAPH, *body)
    assert _block_at(doc, 1256).text == (
        "ID: TB2023-29 Eieravdeling HOD: KTA Forebyggings- og behandlingsreform"
    )
    # a title wrapped before a capital goes on: its tail is a short line, not a full line of body
    wrapped = _block_at(doc, 1681)
    assert (wrapped.first_line, wrapped.last_line) == (1681, 1682)
    assert wrapped.text.endswith("Oppfølging av Riksrevisjonens rapport Dokument 3:4 (2022–2023)")


# --- tables ------------------------------------------------------------------------------------------


def test_a_table_keeps_the_wrapped_name_of_its_last_row():
    # "06 Gjesteinnbyggeroppgjør for" / "fastleger": the last row's name goes on below it
    table = _block_at(_doc(TB2023), 126)
    assert (table.kind, table.first_line, table.last_line) == (Kind.TABLE, 126, 170)
    assert table.unit == "Alle tall i hele tusen"
    # a table printed without TABs keeps one row per printed line, as its other wrapped names ("overføres")
    assert [(r.line, r.texts) for r in table.rows[-2:]] == [
        (169, ["06 Gjesteinnbyggeroppgjør for"]),
        (170, ["fastleger"]),
    ]


AARSRAPPORT = RAW / "aarsrapport-2023-helsedirektoratet.txt"


def test_a_captioned_table_holds_its_head_and_ends_at_the_next_notes_title():
    doc = _doc(AARSRAPPORT)
    table = _block_at(doc, 8044)
    assert (table.kind, table.first_line, table.last_line) == (Kind.TABLE, 8018, 8555)
    assert table.caption == "Tabell 6-1 Bevilgningsrapportering 31.12.2023"
    # the column heads printed one per line under the caption are its header rows
    assert [r.texts for r in table.header_rows][:3] == [
        ["Utgifts-"],
        ["kapittel"],
        ["Kapittelnavn Post Posttekst Note"],
    ]
    assert table.body_rows[0].texts == [
        "0702 Beredskap 21 Spesielle driftsutgifter A/B",
        "18 300 000 14 585 605 3 714 395",
    ]
    assert table.rows[-1].texts[0] == "65.00.07.06 Oppgjørsordning gjesteinnbyggeroppgjør for fastleger"
    note = _block_at(doc, 8556)
    assert (note.kind, note.text) == (Kind.HEADING, "Note A Forklaring av samlet tildeling utgifter")


# --- page furniture ----------------------------------------------------------------------------------


def _read(lines: list[str]) -> Document:
    from hdir_extract.readers.text import read_text

    return read_text("t.txt", "\n".join(lines).encode("utf-8"), "0" * 64)


def test_a_running_head_with_its_page_number_on_a_line_of_its_own_is_furniture():
    # the 2026 letter with a head "Tildelingsbrev 2026" and the page number below it every 50 lines
    lines: list[str] = []
    page = 1
    for i, t in enumerate(TB2026.read_text(encoding="utf-8").split("\n"), start=1):
        lines.append(t)
        if i % 50 == 0:
            page += 1
            lines += ["", "Tildelingsbrev 2026", str(page), ""]
    doc = _read(lines)
    heads = [f.text for f in doc.furniture if f.position == "topp"]
    numbers = [f.text for f in doc.furniture if f.position == "bunn" and f.text.isdigit()]
    assert heads == ["Tildelingsbrev 2026"] * (page - 1)
    assert numbers == [str(n) for n in range(2, page + 1)]
    assert not any(b.text == "Tildelingsbrev 2026" for b in doc.blocks if b.kind is not Kind.FURNITURE)


def test_a_tables_codes_printed_one_per_line_are_no_page_numbers():
    # the 2023 letter's posts 70-72 under kap. 740, a cell per line and a blank line between: the codes
    # stand seven lines apart and rise by one, as page numbers would a page apart
    rows = [
        ("70", "Helsetjenester i annet EØS-land"),
        ("71", "Oppgjørsordning h-reseptlegemidler"),
        ("72", "Oppgjørsordning fritt behandlingsvalg"),
    ]
    lines = ["Kap. 740 Helsedirektoratet", ""]
    for code, name in rows:
        lines += [code, "", name, "", "Netto mellomregning føres ved årets slutt i kapitalregnskapet", "", ""]
    doc = _read(lines)
    assert doc.furniture == ()
    texts = " ".join(b.text for b in doc.blocks)
    assert all(code in texts.split() for code, _ in rows)


def test_a_head_over_post_rows_whose_first_amounts_stand_apart_is_the_tables():
    # the 2023 letter's "2.1.2 Tildelinger": "Kap. Post Postnavn Bevilgning 2023 Tildeling 2023" over
    # "714 21 Spesielle driftsutgifter, kan" / "overføres, kan nyttes under post" / "70, 74 og 79" and,
    # after a blank line, "102 802 71 600": the head and the row's lines are the table's (one row per
    # line, as below), not a heading and a paragraph; the kapittel/post row is a body row
    doc = _doc(RAW / "tildelingsbrev-2023-helsedirektoratet.txt")
    table = _block_at(doc, 245)
    assert table.kind is Kind.TABLE
    assert table.unit == "Alle tall i hele tusen"
    head, row = table.rows[0], table.rows[1]
    assert head.header and [c.text for c in head.cells] == [
        "Kap. Post Postnavn Bevilgning 2023 Tildeling",
        "2023",
    ]
    assert not row.header and row.cells[0].text == "714 21 Spesielle driftsutgifter, kan"


def test_a_kapittel_title_over_its_table_is_no_cell_of_the_table_above():
    # the Prop. 1 S's programme category table ends "\tSum kategori 30.50" … "\t6,9"; after a blank line
    # "Kap. 2751 Legemidler mv." over "\tKPAL" / "\t(i 1 000 kr)" opens the kapittel's own table: a
    # heading, not the wrapped end of the cell "6,9"
    doc = _doc(RAW / "prop-1-s-2024-2025-helse-og-omsorgsdepartementet.txt")
    title = _block_at(doc, 8343)
    assert (title.kind, title.text) == (Kind.HEADING, "Kap. 2751 Legemidler mv.")
    above = _block_at(doc, 8335)
    assert above.kind is Kind.TABLE and [c.text for c in above.rows[-1].cells][-1] == "6,9"
    below = _block_at(doc, 8361)
    assert below.kind is Kind.TABLE and below.unit == "(i 1 000 kr)"


def test_a_header_cell_wrapped_onto_a_row_of_bare_years_is_completed():
    # a PDF header "Post | Betegnelse | Regnskap | Saldert budsjett 2024 | Forslag 2025" over "2023"
    from hdir_extract.document import Cell, Row
    from hdir_extract.readers.layout.build import _join_header_years

    names = ["Post", "Betegnelse", "Regnskap", "Saldert budsjett 2024", "Forslag 2025"]
    head = Row(tuple(Cell(t, 10, i) for i, t in enumerate(names)), 10, True)
    years = Row((Cell("2023", 11, 0),), 11, True)
    body = Row((Cell("01", 12, 0), Cell("Driftsutgifter", 12, 1), Cell("6 414", 12, 2)), 12)
    joined = _join_header_years([head, years, body])
    assert [c.text for c in joined[0].cells][2] == "Regnskap 2023"
    assert joined[1] == body and joined[0].last_line == 11
    # two bare years for one header cell without a year: nothing to pair, the rows stay
    two = Row((Cell("2023", 11, 0), Cell("2022", 11, 1)), 11, True)
    assert _join_header_years([head, two, body]) == [head, two, body]


def test_a_whole_sentence_under_a_table_is_running_text_not_a_wrapped_cell():
    # a change table's one row, then the letter's sentence about it, no blank line between (a PDF whose
    # gaps the reader does not see as paragraph breaks): the sentence ends the table
    text = (
        "(i 1 000 kroner)\n"
        "Kap. post\tTidligere tildeling\tNy tildeling\tSum tildelt\n"
        "770.70\t456 847\t41 600\t498 447\n"
        "Tildelingen på posten økes med 41,6 mill. kroner.\n"
        "Kap. 2756, post 70\n"
    )
    doc = read_document("letter.txt", text.encode())
    table = doc.of_kind(Kind.TABLE)[0]
    assert [r.line for r in table.rows] == [2, 3] and table.last_line == 3
    assert _block_at(doc, 4).kind is Kind.PARAGRAPH
    assert _block_at(doc, 4).text.startswith("Tildelingen på posten økes med 41,6 mill. kroner.")


def test_a_page_label_beside_the_title_is_a_running_head_but_a_repeated_table_head_is_not():
    # a text extraction of a PDF: each page ends "Side N" + the document's title (glued where the
    # extraction dropped the space), and a table that runs over pages 3-6 repeats its column head after it
    head = "Kap./post Benevnelse Tildeling Kommentarer"
    lines: list[str] = []
    for page in range(1, 10):
        if 3 <= page <= 6:
            lines += [head, *(f"70{page}.{k + 10} Post {k} 1 000 Tekst" for k in range(18))]
        else:
            lines += [f"Linje {k} på side {page} i brevet, med vanlig tekst om oppdraget." for k in range(18)]
        glue = "" if page % 2 else " "
        lines.append(f"Side {page}{glue}Tildelingsbrev 2026 Helsedirektoratet")
    doc = read_document("brev.txt", "\n".join(lines).encode())
    assert [f.text for f in doc.furniture] == [ln for ln in lines if ln.startswith("Side ")]
    tables = [b for b in doc.blocks if b.kind is Kind.TABLE]
    assert [" ".join(b.rows[0].texts) for b in tables] == [head] * 4  # each page's table keeps its head
