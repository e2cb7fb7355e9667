"""Allocation tables printed as running text ("Kap./post Benevnelse Tildeling Kommentarer" over rows
"701.21 Spesielle" / "driftsutgifter" / "142 056 Det tildeles:" / "- 30 mill. kroner …"): the layout
reads them as tables of kapittel/post rows with the comment as a cell (readers/layout/code_tables.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hdir_extract.document import Block, Document, Kind
from hdir_extract.readers import read_document

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
TB2026 = RAW / "tildelingsbrev-2026-helsedirektoratet.txt"
TB2023 = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"


@cache
def _doc(path: Path) -> Document:
    return read_document(path.name, path.read_bytes())


def _table_with(doc: Document, code: str) -> Block:
    tables = (b for b in doc.blocks if b.kind is Kind.TABLE)
    return next(b for b in tables if any(r.cells[0].text == code for r in b.rows))


def _row(block: Block, code: str) -> list[str]:
    return [c.text for c in next(r for r in block.rows if r.cells[0].text == code).cells]


def _comment(block: Block, code: str) -> str:
    """A row's comment: the comment cells of the rows under it up to the next code."""
    rows = list(block.rows)
    k = next(i for i, r in enumerate(rows) if r.cells[0].text == code)
    out = []
    for r in rows[k + 1 :]:
        if r.cells[0].text:
            break
        out.append(r.cells[-1].text)
    return " ".join(out)


def test_the_expenditure_table_is_one_table_of_code_rows_under_its_head() -> None:
    t = _table_with(_doc(TB2026), "701.21")
    assert t.unit == "(alle tall i 1 000 kroner)"
    assert [c.text for c in t.rows[0].cells] == ["Kap./post", "Benevnelse", "Tildeling", "Kommentarer"]
    assert t.rows[0].header
    assert _row(t, "701.21")[:3] == ["701.21", "Spesielle driftsutgifter", "142 056"]
    assert _row(t, "702.70")[:3] == ["702.70", "Tilskudd", "4 899"]
    assert _row(t, "709.01")[:3] == ["709.01", "Pasient- og brukerombud", "88 620"]
    codes = [r.cells[0].text for r in t.rows if r.cells[0].text and not r.header]
    assert codes[0] == "701.21" and codes[-1] == "783.79" and len(codes) == 46


def test_a_comment_keeps_its_list_and_the_lines_it_is_printed_on() -> None:
    doc = _doc(TB2026)
    t = _table_with(doc, "701.21")
    assert _comment(t, "701.60") == (
        "Søknadsbasert tilskuddsordninger for kommuner for å ta helseteknologi i bruk."
    )
    assert _comment(t, "701.21").startswith("Det tildeles: - 30 mill. kroner til Helseteknologiordningen")
    # every comment row stands on the line it is printed on; a word wrapped at its hyphen stays whole
    for r in t.rows:
        if not r.cells[0].text and r.cells[-1].text:
            assert r.cells[-1].text.split()[0] in doc.text(r.line)
    assert any("TTB2024-40/41" in r.cells[-1].text for r in t.rows)


def test_the_next_table_under_its_title_and_unit_is_a_table_of_its_own() -> None:
    doc = _doc(TB2026)
    t = _table_with(doc, "575.60")
    assert _row(t, "575.60")[2] == "14 249 900"
    assert _table_with(doc, "701.21") is not t
    title = next(b for b in doc.blocks if b.text == "Tildeling over Kommunal- og distriktsdepartementet")
    assert title.kind is not Kind.TABLE


def test_a_year_under_the_head_is_the_amount_column_s() -> None:
    t = _table_with(_doc(TB2026), "2711.70")
    assert [c.text for c in t.rows[0].cells] == ["Kap./post", "Benevnelse", "Tildeling 2026", "Kommentarer"]
    assert _row(t, "2751.70")[2] == "15 569 000"  # the last group wrapped onto its own line


def test_a_change_table_without_a_comment_column_ends_at_its_amounts() -> None:
    """tb2023: "Kap. post Tidligere bevilgning Ny tildeling Sum tildelt" / "762.21 185 951 350 186 301":
    the letter's closing lines below are no comment."""
    doc = _doc(TB2023)
    t = next(b for b in doc.blocks if b.kind is Kind.TABLE and "762.21" in b.text)
    assert "Ansvarlig avdeling" not in t.text
