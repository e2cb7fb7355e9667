"""The overview table of a Prop. 1 S: one row per resolution (session, number, stikkord, "rapportering
avsluttes" Ja/Nei).

The table is known by what its rows hold, not by its title: a session ("2023–2024"), a number, the
stikkord and Ja/Nei. Its cells are read as one stream, a row starting at its session cell and ending at
its Ja/Nei, so a row the layout split in two (a stikkord wrapped onto a row of its own) or a table
continued over a page break (two TABLE blocks) still reads as the same rows; a row without a session
cell keeps the session above it (a merged cell).

A text layer without tabs prints every cell on a line of its own, and the layout then sees no table:
after the overview's title ("Oversikt over anmodnings- og utredningsvedtak …"), single-cell pieces are
read as the same stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from hdir_extract.document import Kind
from hdir_extract.extractors.anmodningsvedtak.headers import is_marker, parse_header
from hdir_extract.extractors.anmodningsvedtak.pieces import Piece
from hdir_extract.parsing.numbers import parse_int
from hdir_extract.parsing.sessions import SessionError, parse_session
from hdir_extract.parsing.text import join_lines

TITLE = regex.compile(r"oversikt\s+over\s+anmodnings.*vedtak", regex.IGNORECASE)
_SESSION_CELL = regex.compile(r"\(?\d{4}\s*[-\u2010-\u2015\u2212]\s*\d{4}\)?")
_NUMBER_CELL = regex.compile(r"\d{1,4}")
_JA_NEI = {"ja": True, "nei": False}
#: cells of one row (session, number, a stikkord over a few cells, Ja/Nei)
_MAX_ROW_CELLS = 8
#: single-cell pieces after the title before the first row starts (the column heads, a code)
_MAX_LEAD_CELLS = 20


@dataclass(frozen=True, slots=True)
class OverviewRow:
    sesjon: str
    nr: int
    stikkord: str | None
    rapportering_avsluttes: bool | None
    linje: int  # the line of the number cell


@dataclass(frozen=True, slots=True)
class Overview:
    rows: tuple[OverviewRow, ...]
    first_line: int
    last_line: int

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


Cell = tuple[str, int]  # (text, line)


def as_session(cell: str) -> str | None:
    if not _SESSION_CELL.fullmatch(cell):
        return None
    try:
        return parse_session(cell)
    except SessionError:
        return None


def parse_overview(pieces: Sequence[Piece]) -> Overview | None:
    """The overview from the document's TABLE blocks; else from the single cells after its title."""
    rows: list[OverviewRow] = []
    lines: list[int] = []
    for p in pieces:
        if p.kind is not Kind.TABLE:
            continue
        found = _rows(_table_cells(p), rows[-1].sesjon if rows else None)
        if _is_overview(p, found):
            rows.extend(found)
            lines += [p.block.first_line, p.block.last_line]
    if not rows:
        rows, lines = _untabbed(pieces)
    if not rows:
        return None
    return Overview(tuple(rows), min(lines), max(lines))


def _is_overview(table: Piece, rows: list[OverviewRow]) -> bool:
    """Rows of session, number and Ja/Nei: two of them, or one under a head that names resolutions."""
    head = " ".join(" ".join(r.texts) for r in table.block.header_rows).lower()
    return len(rows) >= 2 or (bool(rows) and "vedtak" in head)


def _table_cells(table: Piece) -> list[tuple[Cell, bool]]:
    """A table's body cells in reading order, each marked as standing in a table row."""
    cells = [c for r in table.block.body_rows for c in r.cells]
    return [((c.text.strip(), c.line), True) for c in cells if c.text.strip()]


def _untabbed(pieces: Sequence[Piece]) -> tuple[list[OverviewRow], list[int]]:
    """The overview printed one cell per line after its title (no table found)."""
    start = next((i for i, p in enumerate(pieces) if TITLE.search(p.text)), None)
    if start is None:
        return [], []
    cells: list[tuple[Cell, bool]] = []
    for p in pieces[start + 1 :]:
        if parse_header(p.text) or is_marker(p.text):
            break  # the entries begin
        if p.kind is Kind.TABLE:
            cells.extend(_table_cells(p))
        else:  # each printed line a cell (the layout may have joined a row's cells into a paragraph)
            cells.extend(((p.text[a:b].strip(), line), False) for a, b, line in p.printed_lines())
    rows = _rows(cells, None)
    return rows, ([pieces[start].first_line, max(r.linje for r in rows)] if rows else [])


def _rows(stream: Iterable[tuple[Cell, bool]], session: str | None) -> list[OverviewRow]:
    """Rows from a stream of cells: a row starts at its session cell (cells before it are column heads)
    and ends at its Ja/Nei. Where the cells do not stand in table rows, two cells that cannot belong to
    a row end the table."""
    rows: list[OverviewRow] = []
    cells: list[Cell] = []
    misses = 0
    for k, ((text, line), in_table) in enumerate(stream):
        if not rows and not in_table and k > _MAX_LEAD_CELLS:
            break  # no row where the overview should begin
        if as_session(text) and not (cells and as_session(cells[0][0])):
            cells = []  # a row starts at its session cell; what came before were column heads
        if rows and not in_table:
            in_row = bool(cells) and as_session(cells[0][0]) is not None and len(cells) < _MAX_ROW_CELLS
            if not as_session(text) and not in_row:
                misses += 1
                if misses > 1:
                    break
        cells.append((text, line))
        if text.lower() in _JA_NEI:
            row = _make_row(cells, rows[-1].sesjon if rows else session)
            if row:
                rows.append(row)
                misses = 0
            cells = []
    return rows


def _make_row(cells: list[Cell], last_session: str | None) -> OverviewRow | None:
    sesjon, nr, linje, rest = last_session, None, 0, []
    for text, line in cells[:-1]:
        s = as_session(text)
        if s is not None and nr is None:
            sesjon = s
            continue
        if nr is None and _NUMBER_CELL.fullmatch(text):
            nr, linje = parse_int(text), line
            continue
        if nr is not None:
            rest.append(text)
    if nr is None or sesjon is None:
        return None
    return OverviewRow(sesjon, nr, join_lines(rest) or None, _JA_NEI[cells[-1][0].lower()], linje)
