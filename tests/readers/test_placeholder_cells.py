"""Empty cells printed as words ("Ikke aktuell") in a table printed without TABs: the årsrapport's Note A
rows for posts that cannot be transferred are rows of the table, not paragraphs of prose."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hdir_extract.document import Document, Kind
from hdir_extract.readers import read_document
from hdir_extract.readers.layout.tables import numeric_row, split_cells

ROOT = Path(__file__).resolve().parents[2]
AARSRAPPORT = ROOT / "data" / "raw" / "aarsrapport-2023-helsedirektoratet.txt"


@cache
def _doc() -> Document:
    return read_document(AARSRAPPORT.name, AARSRAPPORT.read_bytes())


def test_an_empty_cell_word_is_a_cell_of_its_own():
    row = '073379 "kan nyttes under post 21" 2 263 000 0 2 263 000 Ikke aktuell Ikke aktuell Ikke aktuell'
    assert split_cells(row) == [
        '073379 "kan nyttes under post 21"',
        "2 263 000 0 2 263 000",
        "Ikke aktuell",
        "Ikke aktuell",
        "Ikke aktuell",
    ]
    assert numeric_row(row)


def test_a_sentence_ending_in_ikke_aktuelt_is_no_row():
    # one number before the words: a sentence, not a row of amounts and empty cells
    assert not numeric_row("Ordningen var i 2022 og 2023 ikke aktuelt")


def test_a_code_labels_a_row_of_amounts():
    # a kapittel/post code of six digits is printed ungrouped; amounts that long are grouped
    assert split_cells("070222 140 400 000 69 600 000 210 000 000") == [
        "070222",
        "140 400 000 69 600 000 210 000 000",
    ]
    assert split_cells("2023 2022 2021") == ["2023 2022 2021"]  # years are no code


def test_note_a_rows_with_empty_cells_are_table_rows():
    doc = _doc()
    rows = {
        r.cells[0].text: r
        for b in doc.blocks
        if b.kind is Kind.TABLE
        for r in b.rows
        if r.cells and r.cells[0].text.endswith('"overslagsbevilgning"')
    }
    # 0732.77, 0737.70 and 0761.65 are overslagsbevilgninger: nothing to transfer, four columns "Ikke aktuell"
    assert sorted(rows) == [
        '073277 "overslagsbevilgning"',
        '073770 "overslagsbevilgning"',
        '076165 "overslagsbevilgning"',
    ]
    row = rows['073277 "overslagsbevilgning"']
    assert [c.text for c in row.cells] == [
        '073277 "overslagsbevilgning"',
        "-13 395 513 0 -13 395 513",
        *["Ikke aktuell"] * 4,
    ]
    assert not row.header
    assert not any(b.kind is Kind.PARAGRAPH and "Ikke aktuell Ikke aktuell" in b.text for b in doc.blocks)
