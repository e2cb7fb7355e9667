"""A table row whose only cell wraps over several lines of a narrow column (nothing printed beside it)
is one row: the PDF reader tells the row's lines (set at the font's leading) from the rows (set
further apart by the cell's padding) and reads each row as one line with one cell."""

from __future__ import annotations

from functools import cache

from tests.conftest import RAW
from tests.typeset import render

from hdir_extract.document import Document, Kind
from hdir_extract.pipeline import extract_bytes
from hdir_extract.readers import read_document
from hdir_extract.readers.pdf.cells import mark_cells
from hdir_extract.readers.pdf.layout import PageLine, Word

HEIGHT = 9.3  # points: an 8 pt table font's word boxes
WORD = 5.0  # points per character, near enough


def _line(text: str, top: float, x0: float = 60.0) -> PageLine:
    words, x = [], x0
    for t in text.split():
        words.append(Word(t, x, x + WORD * len(t), top, top + HEIGHT))
        x += WORD * len(t) + 2.5
    return PageLine(
        text, x0, words[-1].x1, top, top + HEIGHT, words=words, cell_gap=20.0, left=60.0, right=535.0
    )


def _stack(rows: list[list[str]], leading: float, padding: float) -> list[PageLine]:
    """Rows of one cell each, the cell's lines `leading` apart, the rows `padding` further."""
    lines, top = [], 100.0
    for row in rows:
        for text in row:
            lines.append(_line(text, top))
            top += HEIGHT + leading
        top += padding
    return lines


NOTE_A = [  # the annual report's Note A, "Kapittel og post  Overført  Årets tildelinger  Samlet"
    ["070221 0 18", "300 000 18", "300 000"],
    ["070222 140", "400 000 69", "600 000 210", "000 000"],
    ["070270 0 4", "450 000 4", "450 000"],
]


def test_a_row_of_one_wrapped_cell_is_one_line() -> None:
    lines = _stack(NOTE_A, leading=1.5, padding=1.7)
    mark_cells(lines)
    kept = [ln for ln in lines if ln.text]
    assert [ln.cells for ln in kept] == [
        ("070221 0 18 300 000 18 300 000",),
        ("070222 140 400 000 69 600 000 210 000 000",),
        ("070270 0 4 450 000 4 450 000",),
    ]
    assert kept[1].last_top == lines[6].top  # the row ends on its fourth line


def test_lines_at_one_pitch_are_not_read_as_rows() -> None:
    """Without the wider gap between rows nothing tells a row's lines from the rows: each line stays."""
    lines = _stack(NOTE_A, leading=1.5, padding=0.0)
    mark_cells(lines)
    assert all(ln.text for ln in lines)
    assert all(ln.cells is None for ln in lines)


def test_a_list_item_s_hanging_lines_are_no_cell() -> None:
    """A list item's second line starts under its text, not under its marker: not a cell's lines."""
    lines = _stack(
        [["- Antall klager 12 13"], ["- Antall helsepersonell 2022 2023"], ["- Tilbakebetalt 4 5"]], 1.5, 1.7
    )
    second = _line("normen/gjennomsnittet 7 8", lines[1].bottom + 1.5, x0=80.0)
    lines.insert(2, second)
    for ln in lines[3:]:
        ln.top, ln.bottom = ln.top + HEIGHT + 1.5, ln.bottom + HEIGHT + 1.5
        for w in ln.words:
            w.top, w.bottom = ln.top, ln.bottom
    mark_cells(lines)
    assert second.text == "normen/gjennomsnittet 7 8"


@cache
def _onecolumn_aarsrapport() -> Document:
    path = RAW / "aarsrapport-2023-helsedirektoratet.txt"
    return read_document("aarsrapport.onecolumn.pdf", render(path, "onecolumn"))


def test_note_a_rows_in_a_narrow_column_are_rows_of_the_table() -> None:
    """The annual report in one column: Note A's rows ("070222" and its amounts "140 400 000 69 600 000
    210 000 000", which the text runs together) are one table row each, on one line, the code in a cell
    of its own."""
    doc = _onecolumn_aarsrapport()
    rows = [r for b in doc.blocks if b.kind is Kind.TABLE for r in b.rows]
    row = next(r for r in rows if r.cells and r.cells[0].text == "070222")
    assert [c.text for c in row.cells] == ["070222", "140 400 000 69 600 000 210 000 000"]
    assert doc.lines[row.line - 1].text == "070222\t140 400 000 69 600 000 210 000 000"


def _row(cells: list[tuple[str, float]], top: float) -> PageLine:
    """A line of cells, each (text, x where it starts), the cells far apart."""
    words = []
    for text, x in cells:
        for t in text.split():
            words.append(Word(t, x, x + WORD * len(t), top, top + HEIGHT))
            x += WORD * len(t) + 2.5
    text = "  ".join(c for c, _ in cells)
    return PageLine(
        text, words[0].x0, words[-1].x1, top, top + HEIGHT, words=words, cell_gap=20.0, left=60.0, right=535.0
    )


def test_a_post_number_wrapped_in_the_name_column_goes_on_with_its_row() -> None:
    """Prop. 1 S, kap. 765 in one column: "Spesielle driftsutgifter, kan overføres, kan nyttes under post"
    / "72" — the post it may be used under, wrapped onto a line set closer than the rows: the name
    cell's end, not a row of post 72."""
    pitch, row = HEIGHT + 1.5, HEIGHT + 3.2
    lines = [
        _row([("21", 60.0), ("Spesielle driftsutgifter, kan overføres", 100.0), ("194 496", 380.0)], 100.0),
        _row([("72", 100.0)], 100.0 + pitch),
        _row(
            [("60", 60.0), ("Kommunale tjenester, kan overføres", 100.0), ("286 644", 380.0)],
            100.0 + pitch + row,
        ),
        _row(
            [("62", 60.0), ("Rusarbeid, kan overføres", 100.0), ("441 001", 380.0)], 100.0 + pitch + 2 * row
        ),
    ]
    mark_cells(lines)
    kept = [ln for ln in lines if ln.text]
    assert kept[0].cells == ("21", "Spesielle driftsutgifter, kan overføres 72", "194 496")
    assert [ln.cells[0] for ln in kept[1:]] == ["60", "62"]


@cache
def _onecolumn_tb2023_allocations() -> set[tuple]:
    path = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"
    rows = extract_bytes("tb2023.onecolumn.pdf", render(path, "onecolumn")).tables.get("bevilgninger", [])
    return {(r["kapittel"], r["post"], r["belopstype"], r["belop_nok"]) for r in rows}


def test_rows_printed_one_line_each_at_one_pitch_stay_rows_of_the_table() -> None:
    """The 2023 letter in one column: its allocation table prints the text's lines one row each ("740 01
    Driftsutgifter  1 305 832 1 305 832" / "21 Spesielle driftsutgifter, kan" / "overføres" /
    "35 149 35 149"), all at one pitch: the lines without cells are rows of the table too, as in the
    text, so post 21 keeps its amounts."""
    found = _onecolumn_tb2023_allocations()
    assert (740, 21, "tildeling", 35_149_000) in found
    assert (3740, 5, "tildeling", 87_000_000) in found


def test_a_row_opening_with_a_code_under_a_repeated_header_is_no_header_cell() -> None:
    """The same table goes on over a page: its header printed again on top, then "765 21 Spesielle
    driftsutgifter, kan" — a row of kapittel 765 (a header's cells are words and years), not the
    header's wrapped line."""
    found = _onecolumn_tb2023_allocations()
    assert (765, 21, "tildeling", 187_166_000) in found
    assert (765, 60, "tildeling", 370_942_000) in found


def test_a_long_comment_cell_wrapped_in_the_last_column_keeps_its_row_in_the_table() -> None:
    """The 2026 letter in one column: "701.21  Spesielle driftsutgifter  142 056  Det tildeles: - 30 mill.
    kroner til …" wraps its comment over twenty lines of the last column, set closer than the rows; the
    lines are the row's (no fillers between rows), so the table goes on to "701.60 … 122 568"."""
    path = RAW / "tildelingsbrev-2026-helsedirektoratet.txt"
    rows = extract_bytes("tb2026.onecolumn.pdf", render(path, "onecolumn")).tables.get("bevilgninger", [])
    found = {(r["kapittel"], r["post"], r["belopstype"], r["belop_nok"]) for r in rows}
    assert (701, 60, "tildeling", 122_568_000) in found
    assert (702, 21, "tildeling", 24_000_000) in found


def test_a_kapittel_title_on_top_of_a_page_opens_its_table() -> None:
    """The Prop. 1 S in two columns: "Kap. 3732 Regionale helseforetak" and "(i 1 000 kr)" stand on top of
    a page, the kapittel's ruled table on the next; the title opens the kapittel's table (a page break
    before it, as a blank line in the text), so its posts keep their kapittel and unit."""
    path = RAW / "prop-1-s-2024-2025-helse-og-omsorgsdepartementet.txt"
    rows = extract_bytes("prop.twocolumn.pdf", render(path, "twocolumn")).tables.get("bevilgninger", [])
    found = {(r["kapittel"], r["post"], r["belopstype"], r["belop_nok"]) for r in rows}
    assert (3732, 80, "forslag", 1_545_000_000) in found
    assert (3732, 90, "regnskap", 591_078_000) in found


def _right(text: str, x1: float) -> tuple[str, float]:
    """A cell set flush right to `x1`."""
    return text, x1 - WORD * len(text.replace(" ", "")) - 2.5 * text.count(" ")


def test_a_column_only_the_header_prints_is_a_column() -> None:
    """A kapittel whose "Forslag 2025" column is empty in every row (the kapittel is closed): the header
    alone prints that column, no more rows than may cross a river. Its words stay a column of their
    own, so "Saldert budsjett 2024" is not read as "Saldert Forslag budsjett 2025 2024"."""
    head = [
        _row([("Post", 64), ("Betegnelse", 108), ("Regnskap", 375), ("Saldert", 446), ("Forslag", 505)], 100),
        _row([("2023", 399), ("budsjett", 439), ("2025", 520)], 110),
        _row([("2024", 459)], 120),
    ]
    names = ["Spesielle driftsutgifter", "Kommunale tiltak", "Vertskommuner", "Utviklingstiltak"]
    rows = [
        _row(
            [(f"{60 + i}", 73), (name, 108), _right(f"{100 + i} 229", 419), _right(f"{200 + i} 871", 479)],
            top,
        )
        for i, (name, top) in enumerate(zip(names * 4, range(134, 134 + 16 * 13, 13), strict=False))
    ]
    lines = head + rows
    mark_cells(lines)
    assert lines[0].cells is not None and "Forslag" not in lines[0].cells[3]
    assert lines[0].cells[3:] == ("Saldert budsjett 2024", "Forslag 2025")
    assert lines[3].cells == ("60", "Spesielle driftsutgifter", "100 229", "200 871", "")


def test_a_row_whose_label_and_amounts_both_wrap_is_one_row() -> None:
    """The same rendering, Note A's second table: a narrow label column wraps '076121 "kan nyttes' /
    'under post 79"' and the run of amounts wraps beside it ('… 15 539 269 8 911 000' / '8 911 000');
    the second line, set closer than the rows and printing only in the row's columns, is the row's."""
    doc = _onecolumn_aarsrapport()
    rows = [r for b in doc.blocks if b.kind is Kind.TABLE for r in b.rows]
    row = next(r for r in rows if r.cells and r.cells[0].text.startswith('076121 "kan nyttes'))
    assert [c.text for c in row.cells] == [
        '076121 "kan nyttes under post 79"',
        "76 015 970 -35 022 833 40 993 137 0 0 0 15 539 269 8 911 000 8 911 000",
    ]
