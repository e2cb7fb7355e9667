"""The Markdown reader: each construct on a small snippet, then real converters' files from ../shared/real."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hdir_extract.document import Block, Document, Kind
from hdir_extract.readers import SourceError, read_document
from hdir_extract.readers.markdown import read_markdown
from hdir_extract.readers.sniff import sniff

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
REAL = ROOT.parent / "shared" / "real"


def md(text: str) -> Document:
    return read_markdown("x.md", text.encode(), "0" * 64)


def kinds(doc: Document) -> list[str]:
    return [b.kind.value for b in doc.blocks]


def only(doc: Document, kind: Kind) -> Block:
    found = doc.of_kind(kind)
    assert len(found) == 1, found
    return found[0]


def real(name: str) -> Document:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared real documents are not mounted)")
    return read_document(path.name, path.read_bytes())


# --- lines and front matter ----------------------------------------------------------------------

FRONT = """---
id: ANNET-005
title: "Supplerende tildelingsbrev nr. 2 for 2026"
creator:
  - name: "Helse- og omsorgsdepartementet"
publication_date: 2026-01-01
---

# **Tittel**

Dato 16. april 2026
"""


def test_front_matter_is_counted_but_empty_and_parsed():
    doc = md(FRONT)
    assert len(doc) == 11
    assert doc.texts[:7] == [""] * 7
    assert doc.text(9) == "Tittel" and doc.text(11) == "Dato 16. april 2026"
    assert doc.front_matter["publication_date"] == "2026-01-01"
    assert doc.front_matter["title"] == "Supplerende tildelingsbrev nr. 2 for 2026"
    assert doc.front_matter["creator"] == '- name: "Helse- og omsorgsdepartementet"'
    assert "2026-01-01" not in doc.body_text() and "ANNET" not in doc.full_text()
    assert doc.blocks[0].first_line == 9


def test_a_thematic_break_at_the_top_is_not_front_matter():
    doc = md("---\nVanlig tekst\n\n---\n")
    assert doc.front_matter == {}
    assert [b.text for b in doc.blocks] == ["Vanlig tekst"]


def test_line_texts_strip_markup_and_keep_list_markers():
    doc = md(
        "## 5.2 **Tittel** med *kursiv*\n\nTekst med \\*stjerne\\* og &amp; og [lenke](https://x.no)"
        " ![bilde](a.png)\n\n- punkt\n  - under\n1. nummer\n"
    )
    assert doc.texts == [
        "5.2 Tittel med kursiv",
        "",
        "Tekst med *stjerne* og & og lenke",
        "",
        "- punkt",
        "  - under",
        "1. nummer",
    ]


def test_strict_utf8():
    with pytest.raises(SourceError, match="undecodable byte 0xff"):
        read_markdown("x.md", b"# Tittel\n\xff", "0" * 64)


# --- headings and paragraphs ---------------------------------------------------------------------


def test_atx_heading_level_number_and_emphasis():
    doc = md("### **4.2 Oppdrag**\n\n# Innledning\n")
    first, second = doc.blocks
    assert (first.kind, first.level, first.number, first.title, first.emphasis) == (
        Kind.HEADING,
        3,
        "4.2",
        "Oppdrag",
        True,
    )
    assert (second.level, second.number, second.emphasis) == (1, None, False)


def test_wholly_bold_short_paragraph_is_a_heading():
    doc = md("**Kap. 714, post 21**\n\n**Dette er en hel fet setning som slutter med punktum.**\n")
    head, body = doc.blocks
    assert (head.kind, head.text, head.emphasis, head.level) == (
        Kind.HEADING,
        "Kap. 714, post 21",
        True,
        None,
    )
    assert body.kind is Kind.PARAGRAPH


def test_leading_bold_run_splits_into_heading_and_paragraph():
    doc = md("**TB 2026-67 Utfasing av ordningen** Sivilombudet ba i brev om noe.\n")
    head, body = doc.blocks
    assert (head.kind, head.text, head.emphasis) == (Kind.HEADING, "TB 2026-67 Utfasing av ordningen", True)
    assert (body.kind, body.text) == (Kind.PARAGRAPH, "Sivilombudet ba i brev om noe.")
    assert head.first_line == body.first_line == 1


@pytest.mark.parametrize(
    "text",
    [
        "**Merk:** Dette er en merknad.",  # a label
        "**Pasienter skal få time gjennom «Rett på time».** Det vil si noe.",  # a bold first sentence
        "**Pasienter skal kunne velge behandlingssted** mellom offentlige sykehus.",  # continues
    ],
)
def test_leading_bold_run_that_is_no_heading(text):
    doc = md(text + "\n")
    assert kinds(doc) == ["paragraph"]


def test_paragraph_joins_lines_dehyphenates_and_drops_footnote_references():
    doc = md(
        "Helse- og omsorgs-\ndepartementet viser til tid<sup>1</sup>, lov[^2] og"
        " plan[[33]](#footnote-33).<br>Neste setning.\n"
    )
    block = only(doc, Kind.PARAGRAPH)
    assert block.text == "Helse- og omsorgsdepartementet viser til tid, lov og plan. Neste setning."
    assert block.line_at(block.text.index("viser")) == 2
    assert block.line_at(0) == 1


def test_square_metres_stay():
    assert only(md("Areal på 120 m<sup>2</sup> totalt.\n"), Kind.PARAGRAPH).text == "Areal på 120 m² totalt."


def test_indented_text_is_not_code_and_html_blocks_are_text():
    doc = md("Innledning.\n\n    Innrykket avsnitt om tildeling.\n\n<div>Noe <b>fet</b> tekst</div>\n")
    assert [b.text for b in doc.blocks] == ["Innledning.", "Innrykket avsnitt om tildeling.", "Noe fet tekst"]
    assert doc.text(3) == "Innrykket avsnitt om tildeling."


def test_blockquote_images_and_breaks():
    doc = md("> Stortinget ber regjeringen om noe.\n\n![](_page_0_Picture_0.jpeg)\n\n---\n\nSlutt.\n")
    assert [(b.text, b.role) for b in doc.blocks] == [
        ("Stortinget ber regjeringen om noe.", "quote"),
        ("Slutt.", None),
    ]
    assert doc.text(3) == "" and doc.text(5) == ""


def test_footnote_definitions_and_footnote_lists():
    doc = md("Tekst[^1].\n\n[^1]: Kilde: SSB.\n\n1. World Bank (2023) [↑](#footnote-ref-1)\n")
    notes = doc.of_kind(Kind.FOOTNOTE)
    assert [(n.number, n.text) for n in notes] == [("1", "Kilde: SSB."), ("1", "World Bank (2023)")]
    assert doc.text(3) == "1 Kilde: SSB."


# --- lists ---------------------------------------------------------------------------------------


def test_list_items_marker_number_depth_in_order():
    doc = md("Regjeringen vil:\n\n* styrke noe\n  * under\n* bedre noe\n\n3) tredje\n")
    items = doc.of_kind(Kind.LIST_ITEM)
    assert [(i.text, i.marker, i.number, i.depth) for i in items] == [
        ("styrke noe", "*", None, 0),
        ("under", "*", None, 1),
        ("bedre noe", "*", None, 0),
        ("tredje", "3)", "3", 0),
    ]
    assert doc.blocks[0].role == "lead_in"


def test_bullet_before_a_printed_number_is_one_numbered_item():
    doc = md(
        "- 1) Norsk helsenett fikk et oppdrag.\n  - Frist 15.6.2026.\n"
        "- 2) Det vises til brevet.\n- a) Vurdere\n"
    )
    items = doc.of_kind(Kind.LIST_ITEM)
    assert [(i.marker, i.number, i.depth, i.text) for i in items] == [
        ("1)", "1", 0, "Norsk helsenett fikk et oppdrag."),
        ("-", None, 1, "Frist 15.6.2026."),
        ("2)", "2", 0, "Det vises til brevet."),
        ("a)", "a", 0, "Vurdere"),
    ]
    assert doc.text(1) == "- 1) Norsk helsenett fikk et oppdrag."


def test_a_date_at_a_paragraph_start_is_no_list():
    doc = md("19. juni lanserte regjeringen et nytt mål.\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (Kind.PARAGRAPH, "19. juni lanserte regjeringen et nytt mål.")
    ]


def test_later_paragraphs_of_an_item():
    doc = md("- Første avsnitt.\n\n  Andre avsnitt.\n")
    assert [(b.kind.value, b.role) for b in doc.blocks] == [
        ("list_item", None),
        ("paragraph", "list_continuation"),
    ]


# --- tables --------------------------------------------------------------------------------------

UNIT_TABLE = """### Kap. 714, post 21

|           |                     |              |       | (i 1 000 kroner) |
|-----------|---------------------|--------------|-------|------------------|
| Kap. post | Tidligere tildeling | Ny tildeling |       | Sum tildeling    |
| 714.21    | 102 700             |              | 4 676 | 107 376          |
"""


def test_unit_only_header_row_goes_to_unit_and_first_row_is_header():
    doc = md(UNIT_TABLE)
    table = only(doc, Kind.TABLE)
    assert table.unit == "(i 1 000 kroner)"
    assert [r.header for r in table.rows] == [True, False]
    assert table.rows[0].texts == ["Kap. post", "Tidligere tildeling", "Ny tildeling", "", "Sum tildeling"]
    body = table.body_rows[0]
    assert body.texts == ["714.21", "102 700", "", "4 676", "107 376"]  # the extra column survives
    assert [c.col for c in body.cells] == [0, 1, 2, 3, 4]
    assert body.cells[3].line == 6 and body.line == 6
    assert (table.first_line, table.last_line) == (3, 6)
    assert doc.text(4) == "" and doc.text(6) == "714.21\t102 700\t\t4 676\t107 376"
    assert (
        table.text
        == "Kap. post\tTidligere tildeling\tNy tildeling\t\tSum tildeling\n714.21\t102 700\t\t4 676\t107 376"
    )


def test_header_row_with_names_is_kept_and_body_untouched():
    doc = md("| Frist | Beskrivelse |\n|---|---|\n| 19. januar | Foretaksmøte |\n")
    table = only(doc, Kind.TABLE)
    assert [(r.header, r.texts) for r in table.rows] == [
        (True, ["Frist", "Beskrivelse"]),
        (False, ["19. januar", "Foretaksmøte"]),
    ]


def test_table_split_at_a_page_break_is_one_table():
    doc = md(
        "| Frist | Beskrivelse |\n|---|---|\n| april | Årsrapport |\n\n"
        "| Juni | Foretaksmøte |\n|---|---|\n| Juni | Tertial |\n"
    )
    table = only(doc, Kind.TABLE)
    assert [(r.header, r.texts[0]) for r in table.rows] == [
        (True, "Frist"),
        (False, "april"),
        (False, "Juni"),
        (False, "Juni"),
    ]
    assert (table.first_line, table.last_line) == (1, 7)


def test_caption_and_unit_lines_around_a_table():
    doc = md(
        "Tabell 3.1 Bevilgninger til Helsedirektoratet\n\n(i 1 000 kr)\n\n"
        "| Post | Beløp |\n|---|---|\n| 21 | 5 000 |\n"
    )
    table = only(doc, Kind.TABLE)
    assert table.caption == "Tabell 3.1 Bevilgninger til Helsedirektoratet"
    assert table.unit == "(i 1 000 kr)"
    assert only(doc, Kind.CAPTION).number == "Tabell 3.1"
    assert doc.blocks[1].role == "unit"


def test_caption_between_two_tables_names_the_next():
    doc = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nTabell 2 Neste tabell\n\n| c | d |\n|---|---|\n| 3 | 4 |\n")
    first, second = doc.of_kind(Kind.TABLE)
    assert (first.caption, second.caption) == (None, "Tabell 2 Neste tabell")


def test_html_table():
    doc = md(
        "<table>\n<tr><th>Kap.</th><th>Beløp</th></tr>\n<tr><td>701</td>\n<td>68 100</td></tr>\n</table>\n"
    )
    table = only(doc, Kind.TABLE)
    assert [(r.header, r.texts) for r in table.rows] == [
        (True, ["Kap.", "Beløp"]),
        (False, ["701", "68 100"]),
    ]
    assert [c.line for c in table.body_rows[0].cells] == [3, 4]


# --- boxes ---------------------------------------------------------------------------------------


def test_numbered_box_until_box_end():
    doc = md(
        "## 3 Kapittel\n\n##### ***Boks 3.1 Regjeringen vil***\n\n- styrke noe\n\n"
        "[Boks slutt]\n\nEtter boksen.\n"
    )
    (box,) = doc.boxes
    assert (box.number, box.title, box.first_line, box.last_line) == ("Boks 3.1", "Regjeringen vil", 3, 7)
    assert [b.box for b in doc.blocks] == [None, 0, 0, 0, None]
    assert doc.blocks[1].role == "box_title" and doc.blocks[3].role == "box_end"


def test_numbered_box_closed_by_next_heading():
    doc = md(
        "### Boks 4.1 Eksempel\n\nInnhold.\n\n#### Underoverskrift\n\nMer.\n\n### 4.3 Neste del\n\nTekst.\n"
    )
    (box,) = doc.boxes
    assert (box.first_line, box.last_line) == (1, 7)
    assert doc.blocks[-1].box is None


def test_unnumbered_box_title_is_the_title_line_before_its_content():
    doc = md(
        "## Kapittel\n\nLangt avsnitt i kapitlet som ikke er i boksen.\n\nRegjeringen vil\n\n"
        "Regjeringen vil styrke helsetjenesten gjennom å\n\n* bedre noe\n* styrke noe\n\n[Boks slutt]\n"
    )
    (box,) = doc.boxes
    assert (box.number, box.title, box.first_line, box.last_line) == (None, "Regjeringen vil", 5, 12)
    title = doc.blocks[box.first_block]
    assert (title.kind, title.role) == (Kind.HEADING, "box_title")
    assert doc.blocks[1].box is None


# --- sniffing ------------------------------------------------------------------------------------


def test_markdown_file_names_and_markdown_renamed_txt():
    assert sniff("brev.md", b"Tekst") == "md"
    assert sniff("brev.markdown", b"Tekst") == "md"
    assert sniff("brev.txt", FRONT.encode()) == "md"
    assert sniff("brev.txt", b"# A\n\n## B\n\n### C\n\n| a | b |\n|---|---|\n| 1 | 2 |\n") == "md"
    assert sniff("brev.txt", b"# A\n\nTekst med ** tegn.\n") == "txt"
    assert read_document("brev.txt", FRONT.encode()).format == "md"


def test_corpus_text_files_stay_plain_text():
    paths = sorted(RAW.glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        assert sniff(path.name, path.read_bytes()) == "txt", path.name


# --- real converters' files ----------------------------------------------------------------------


def test_real_nr1_table_unit_and_cell_lines():
    doc = real("supplerende-tildelingsbrev-2026-nr1-helsedirektoratet.md")
    assert doc.format == "md"
    assert doc.texts[:27] == [""] * 27  # the converter's front matter
    assert doc.front_matter["publication_date"] == "2026-02-27"
    assert all("ANNET-004" not in b.text and "2026-02-27" not in b.text for b in doc.blocks)
    table = next(t for t in doc.of_kind(Kind.TABLE) if t.body_rows[0].texts[0] == "770.70")
    assert table.unit == "(alle tall i 1 000 kroner)"
    assert table.header_rows[0].texts == [
        "Kap. post",
        "Tidligere tildeling",
        "Ny tildeling",
        "Sum tildelt 2026",
    ]
    row = table.body_rows[0]
    assert row.texts == ["770.70", "456 847", "41 600", "498 447"]
    cell = row.cells[2]
    assert cell.text == "41 600" and cell.line == 82
    assert (
        "41 600"
        in (REAL / "supplerende-tildelingsbrev-2026-nr1-helsedirektoratet.md")
        .read_text(encoding="utf-8")
        .split("\n")[cell.line - 1]
    )
    assert [i.text for i in doc.of_kind(Kind.LIST_ITEM)][-2:] == [
        "TB2026-61 (unntatt offentlighet). For detaljer se eget vedlegg.",
        "TB2026-62 (unntatt offentlighet). For detaljer se eget vedlegg.",
    ]


def test_real_nr2_bold_run_heading_and_extra_column():
    doc = real("supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md")
    on_316 = [b for b in doc.blocks if b.first_line == 316]
    assert [b.kind for b in on_316] == [Kind.HEADING, Kind.PARAGRAPH]
    assert on_316[0].emphasis and on_316[0].text.startswith("TB 2026-67 Utfasing av dispensasjonsordning")
    assert on_316[1].text.startswith("Sivilombudet ba i brev av 26. november 2025")
    # the front matter's date is the converter's guess, never the document's
    assert doc.front_matter["publication_date"] == "2026-01-01"
    assert "2026-01-01" not in doc.full_text()
    table = next(t for t in doc.of_kind(Kind.TABLE) if t.body_rows[0].texts[0] == "740.01")
    assert table.body_rows[0].texts == ["740.01", "1 556 792", "", "56 230", "1 613 022"]
    assert table.unit == "(i 1 000 kroner)"
    sub = [b for b in doc.of_kind(Kind.LIST_ITEM) if b.first_line in (217, 218)]
    assert [(b.number, b.depth) for b in sub] == [("1", 0), (None, 1)]


def test_real_nr4_prose_headings_and_date_paragraph():
    doc = real("supplerende-tildelingsbrev-2026-nr4-helsedirektoratet.md")
    block = doc.block_at(239)
    assert block is not None and block.kind is Kind.PARAGRAPH
    assert block.text.startswith("19. juni lanserte regjeringen")
    lead = doc.block_at(144)  # "### Tildelingen på posten økes med til sammen 8,55 mill. kroner:"
    assert lead is not None and (lead.kind, lead.role) == (Kind.PARAGRAPH, "lead_in")
    items = [b for b in doc.of_kind(Kind.LIST_ITEM) if b.first_line in (228, 229)]
    assert [(b.marker, b.number) for b in items] == [("a)", "a"), ("b)", "b")]


def test_real_oppdragsdokument_table():
    doc = real("oppdragsdokument-2026-norsk-helsenett.md")
    table = doc.of_kind(Kind.TABLE)[0]
    assert table.unit == "(i 1000 kroner)"
    assert table.header_rows[0].texts == ["Kapittel", "Post", "Betegnelse", "Bevilgning"]
    amounts = {(r.texts[0], r.texts[1]): r.texts[3] for r in table.body_rows if r.texts[3]}
    assert amounts[("701", "74")] == "123 900" and amounts[("Sum", "")] == "270 906"
    schedule = doc.of_kind(Kind.TABLE)[-1]  # split at a page break, read as one table
    assert [r.texts[0] for r in schedule.rows if not r.header][-1] == "11. november"


def test_real_meld_st_conversion_boxes_and_lists():
    doc = real("meld-st-9-2023-2024.docx-conversion.md")
    assert doc.front_matter == {}
    box = next(b for b in doc.boxes if b.title == "Regjeringen vil")
    inside = doc.blocks[box.first_block : box.last_block + 1]
    lead_ins = [b for b in inside if b.role == "lead_in"]
    assert lead_ins[0].text.startswith("Regjeringen vil forsterke den forebyggende innsatsen")
    items = [b for b in inside if b.kind is Kind.LIST_ITEM]
    assert items[0].text.startswith("be Helsedirektoratet utrede hvordan omstilling")
    assert all(b.box == box.index and b.marker == "*" for b in items)
    assert inside[-1].role == "box_end"
    titles = [b.title for b in doc.boxes]
    assert "Tannpleier i kommunen" in titles and "Hva er læring og mestring?" in titles
    notes = doc.of_kind(Kind.FOOTNOTE)
    assert len(notes) == 163 and notes[0].text.startswith("World Bank Blogs (2023)")
    first_ref = doc.block_at(183)
    assert first_ref is not None and "over tid, har Norge" in first_ref.text


# --- invariants on arbitrary Markdown --------------------------------------------------------------

_PIECES = [
    "# ", "## ", "**", "*", "|", "| a | b |\n|---|---|\n", "- ", "1. ", "- 1) ", "> ", "<sup>1</sup>", "<br>",
    "<table><tr><td>x", "</td></tr></table>", "[^1]", "[^1]: ", "[↑](#footnote-ref-2)", "\n", "\n\n", "    ",
    "---\n", "Boks 3.1 Tittel", "[Boks slutt]", "Regjeringen vil", "tekst ", "(i 1 000 kroner)", "```\n",
    "![](a.png)", "19. juni ", "helse-\n", "key: v\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
def test_lines_spans_and_order_hold_for_any_markdown(parts):
    source = "".join(parts)
    try:
        doc = md(source)
    except SourceError:
        return  # no visible text
    raw = source.split("\n")
    assert len(doc) == len(raw) - (raw[-1] == "")
    assert [b.first_line for b in doc.blocks] == sorted(b.first_line for b in doc.blocks)
    for b in doc.blocks:
        assert 1 <= b.first_line <= b.last_line <= len(doc)
        assert all(0 <= s.start < len(b.text) and b.first_line <= s.line <= b.last_line for s in b.spans)
        assert all(1 <= c.line <= len(doc) for r in b.rows for c in r.cells)
    for box in doc.boxes:
        assert all(doc.blocks[i].box == box.index for i in range(box.first_block, box.last_block + 1))


def test_a_numbered_section_written_as_a_sentence_stays_a_heading():
    # a letter's goal is a numbered section whose title is a sentence; an unnumbered sentence is prose
    doc = md(
        "## 3.6. Pasienter, brukere og pårørende medvirker og blir involvert av helsepersonell i eget"
        " forløp og i utviklingen av tjenestene.\n\n"
        "## Helsedirektoratet skal i 2026 samarbeide med direktoratene om tiltak i planen.\n"
    )
    first, second = doc.blocks
    assert (first.kind, first.number) == (Kind.HEADING, "3.6")
    assert second.kind is Kind.PARAGRAPH


def test_a_year_opening_a_paragraph_is_no_list_item_and_a_continued_box_keeps_its_title():
    # "… 2,7 dager i" / (a box) / "2022. Under koronapandemien …": CommonMark reads "2022." as item 2022
    doc = md(
        "### Boks 7.1 Regjeringen vil\n\nRegjeringen vil:\n\n- styrke fødetilbudet\n\n"
        "Tall fra Medisinsk fødselsregister viser en liggetid på 2,7 dager i\n\n"
        "### Boks 7.1 forts.\n\n- Videreutvikle doulaordningen for gravide med innvandrerbakgrunn.\n\n"
        "2022. Under koronapandemien var liggetiden 2,6 dager.\n"
    )
    last = doc.blocks[-1]
    assert (last.kind, last.text) == (Kind.PARAGRAPH, "2022. Under koronapandemien var liggetiden 2,6 dager.")
    assert [(b.number, b.title) for b in doc.boxes] == [("Boks 7.1", "Regjeringen vil")] * 2


def test_a_caption_with_its_title_glued_to_the_number_names_its_table():
    # the årsrapport prints "Tabell 7-1Nøkkeltall Helfo" (no space); a converter sets it in bold
    from hdir_extract.readers.structure import caption

    assert caption("Tabell 7-1Nøkkeltall Helfo") == ("Tabell 7-1", "Nøkkeltall Helfo")
    assert caption("Figur 3-1Tillit til kostråd") == ("Figur 3-1", "Tillit til kostråd")
    assert caption("Tabellen viser") is None and caption("Tabell 3ab") is None
    doc = md(
        "**Tabell 7-1Nøkkeltall Helfo**\n\n| Nøkkeltall for Helfo | 2023 2022 |\n|---|---:|\n"
        "| Antall årsverk | 426 431 |\n"
    )
    head, table = doc.blocks
    assert (head.kind, head.number) == (Kind.CAPTION, "Tabell 7-1")
    assert table.caption == "Tabell 7-1Nøkkeltall Helfo"


def _paged_letter() -> str:
    """A letter converted page by page: each page's running head ("Tildelingsbrev 2027
    Helsedirektoratet 3", the number at either end) left as a paragraph between two pages' paragraphs."""
    parts = ["# Tildelingsbrev 2027 til Helsedirektoratet", "Dette tildelingsbrevet gjelder for 2027."]
    for page in range(2, 9):
        head = f"Tildelingsbrev 2027 Helsedirektoratet {page}" if page % 2 else f"{page} Tildelingsbrev 2027"
        parts += [f"## TB2027-{page:02d} Oppdrag nummer {page} om bedre tjenester"]
        parts += [f"Helsedirektoratet skal utrede tiltak {page}.{k} og rapportere om det." for k in range(8)]
        parts += [head]
    return "\n\n".join(parts) + "\n"


def test_running_heads_a_converter_left_are_page_furniture():
    text = _paged_letter()
    doc = read_document("brev.md", text.encode())
    heads = [f.text for f in doc.furniture]
    assert heads == [
        f"{n} Tildelingsbrev 2027" if n % 2 == 0 else f"Tildelingsbrev 2027 Helsedirektoratet {n}"
        for n in range(2, 9)
    ]
    assert not any("Tildelingsbrev 2027 Helsedirektoratet" in b.text for b in doc.blocks)
    # the line keeps its text (a line number finds it in the file), and `sidemarg` cites that line
    f = doc.furniture[1]
    assert doc.text(f.line) == text.split("\n")[f.line - 1] == "Tildelingsbrev 2027 Helsedirektoratet 3"


def test_a_heading_or_item_that_ends_in_a_number_is_never_furniture():
    parts = []
    for k in range(1, 6):
        parts += [f"## Mål {k}", *[f"Tekst om mål {k} og arbeidet med det, del {n}." for n in range(9)]]
        parts += [f"- Nøkkeltall for delmål {k}"]
    doc = read_document("mal.md", ("\n\n".join(parts) + "\n").encode())
    assert doc.furniture == ()
