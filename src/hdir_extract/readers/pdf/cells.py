"""Table rows without rulings: their cells from the gaps between words and from columns that line up.

How a publisher prints a table without rulings, told from the page without per-typesetter rules:
- aligned columns (a proposition's "Kap.  Post  Betegnelse ........ Endring"): a run of rows that leave
  the same vertical strips of the page empty (rivers) is one table. Its columns lie between the
  rivers and each row's words fall into them, so a post printed without its kapittel keeps its place
  in the post column, and a gap narrower than a tab ("1 124,2  1 217,5") still parts two cells;
- one row per line with wide or double-space gaps and no common columns (a text layer typeset as it
  is): the cells are each row's gap-separated parts.
Ruled grids come from pdfplumber's table finder (tables.py) and are not looked at here.

A row is an anchor of a table when it has at least two parts (a cell gap, a dot leader, or a double
space next to a number); a row of one part (a wrapped name, a kapittel's name) may stand between
anchors when it stays inside one column. A list item or footnote ("1  Virkninger gjelder …", "•  Tekst")
is not a row: its marker's hanging indent is not a cell gap.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from hdir_extract.parsing.text import join_two
from hdir_extract.readers.layout.tables import numeric_row
from hdir_extract.readers.pdf.layout import (
    CELL,
    DOUBLE,
    MARKER,
    NUMBER,
    PageLine,
    Word,
    read_gaps,
)

MIN_ANCHORS = 2  # rows with cells needed for a table
MAX_FILLERS = 2  # one-part rows in a row between anchors (a name wrapped over two lines, a kapittel)
RIVER = 0.5  # of the line height: a river is wider than any word space
SPLIT_OVERLAP = 0.25  # of the line height: a gap parts two cells where it overlaps a river this much
CROSS_SHARE = 0.15  # rows that may cross a river (a "Sum" label spanning the code columns)
MIN_CROSS_ROWS = 5  # ... in a table of at least this many rows
ALIGNED_SHARE = 0.8  # anchors whose every cell gap falls on a river, for the columns to hold
WRAP_PITCH = 1.1  # of the closest row pitch: a wrapped cell's next line
MAX_ROW_GAP = 2.0
FILLER_GAP = 0.5  # of the line height, over the usual leading: a heading between two tables
#: of the line height: a wrapped cell's next line is set this close under the line above (no leading
#: beyond the font's own)
WRAP_LEADING = 0.35
WRAP_CLOSER = 0.05  # of the line height: a wrapped line's gap is this much narrower than the rows' gap
_YEAR = regex.compile(r"^(?:19|20)\d\d$")
#: of the line height: lines of one table set at most this far apart (a paragraph gap is wider)
MAX_STACK_GAP = 0.5
#: of the line height: a table's rows are set at least this much further apart than the lines of one
#: row's wrapped cell (the cell's padding)
STACK_STEP = 0.1
MIN_STACK_ROWS = 2  # rows of numbers among the stacked rows, for them to be a table
ALIGN_SLACK = 1.0  # points: the lines of one cell start (or end) at one x, give or take this


@dataclass(slots=True)
class _Row:
    line: PageLine
    words: list[Word]
    kinds: list[str]
    parts: list[list[Word]]
    anchor: bool
    #: a line of the first cell of the row above, wrapped (set closer than the table's rows)
    wrapped_first: bool = False
    #: the row's wrapped lines were read into this one (`_stacked_rows`): its one cell is set
    merged: bool = False
    #: a one-part line set closer under the line above than the table's rows are set apart
    close_set: bool = False
    #: a line with cells set that close: the row above's cells wrapped, each onto a line of its own
    close_cells: bool = False


def _numeric(words: list[Word]) -> bool:
    return all(NUMBER.match(w.text) for w in words)


def _row(line: PageLine) -> _Row:
    words, kinds = read_gaps(line)
    parts: list[list[Word]] = [[words[0]]] if words else []
    for w, kind in zip(words[1:], kinds, strict=True):
        if kind in (CELL, DOUBLE):
            parts.append([w])
        else:
            parts[-1].append(w)
    anchor = len(parts) >= 2
    if anchor and CELL not in kinds:
        # double spaces alone part cells only beside a number ("1062 Direktør  1 328 757"); a
        # sentence typed with two spaces after its full stop is prose
        anchor = any(_numeric(p) for p in parts)
    if anchor and len(parts) == 2 and len(parts[0]) == 1 and MARKER.match(parts[0][0].text):
        # "1  Virkninger gjelder for staten …", "•  Tekst": a footnote or list item, not a row
        anchor = len(parts[1]) < 3 or _numeric(parts[1])
    return _Row(line, words, kinds, parts, anchor)


def _flows(lines: list[PageLine]) -> list[list[PageLine]]:
    """Runs of consecutive lines in one column (ruled table rows stand apart)."""
    flows: list[list[PageLine]] = []
    for ln in lines:
        if ln.kind == "table" or not ln.words:
            flows.append([])
            continue
        if flows and flows[-1] and flows[-1][-1].column == ln.column:
            flows[-1].append(ln)
        else:
            flows.append([ln])
    return [f for f in flows if f]


def _regions(rows: list[_Row], height: float) -> list[tuple[int, int]]:
    """(start, end) of each run of rows that may be a table: anchors, with at most MAX_FILLERS
    one-part rows between them, no wide vertical gap, at least MIN_ANCHORS anchors."""
    out: list[tuple[int, int]] = []
    start = None
    last_anchor = -1
    fillers = 0
    gaps = [0.0] + [b.line.top - a.line.bottom for a, b in itertools.pairwise(rows)]
    lead = statistics.median(gaps[1:]) if len(gaps) > 1 else 0.0
    limit = 0.0  # where the table's anchors start their second cell
    #: the usual gap above an anchor of the table: how far apart its rows are set (infinite while no
    #: anchor has a line above it: not known)
    row_gap = math.inf
    anchor_gaps: list[float] = []
    for i, r in enumerate(rows):
        # a wide gap ends a table; a one-part row set apart by more than the usual leading is a
        # heading or paragraph between two tables ("Kap. 2711 …" over the next table)
        gap = gaps[i] > MAX_ROW_GAP * height or (not r.anchor and gaps[i] > lead + FILLER_GAP * height)
        # a one-part row that stays left of every anchor's second cell, set closer under the line
        # above than the rows are set apart, is the first cell wrapped over several lines (a narrow
        # text column: "0702" / "Beredskap" / "21 Spesielle" / …): it does not count against the
        # fillers a table may hold. Where rows and lines are set at one pitch they cannot be told
        # apart, and a line stays a filler.
        close = (
            start is not None
            and row_gap < math.inf
            and gaps[i] < min(row_gap - WRAP_CLOSER * height, WRAP_LEADING * height)
        )
        in_first = close and _in_first_cell(r, limit - RIVER * height)
        r.wrapped_first = in_first
        # any one-part line set that close is a wrapped line of the row above, in whatever column
        # ("Spesielle driftsutgifter, kan overføres, kan nyttes under post" / "72")
        r.close_set = close and not r.anchor
        r.close_cells = close and r.anchor
        wrapped = in_first or r.close_set  # the row's own line: no filler
        if start is not None and (gap or (not r.anchor and not wrapped and fillers >= MAX_FILLERS)):
            out.append((start, last_anchor + 1))
            start = None
        if r.anchor:
            second = r.parts[1][0].x0
            limit = second if start is None else min(limit, second)
            # the gap above a table's first row is the gap to what stands above the table (a caption,
            # or nothing at a page's head): the rows' spacing shows first above its next anchor
            # the median, not the narrowest: a header's wrapped line with cells of its own ("2023
            # budsjett 2025" under "Regnskap Saldert Forslag") is set as close as any wrapped line
            if start is None:
                anchor_gaps = []
                row_gap = _next_anchor_gap(rows, gaps, i, height)
            else:
                anchor_gaps.append(gaps[i])
                row_gap = statistics.median(anchor_gaps)
            if start is None:
                start = i
            last_anchor, fillers = i, 0
        elif start is not None and not wrapped:
            fillers += 1
        elif start is not None and fillers == 0:
            last_anchor = i  # the last row's first cell wraps on (to the foot of the page): still the table
    if start is not None:
        out.append((start, last_anchor + 1))
    return [(a, b) for a, b in out if sum(1 for r in rows[a:b] if r.anchor) >= MIN_ANCHORS]


def _next_anchor_gap(rows: list[_Row], gaps: list[float], i: int, height: float) -> float:
    """The gap above the next anchor after row `i` (inside the run: no wide gap before it)."""
    for j in range(i + 1, len(rows)):
        if gaps[j] > MAX_ROW_GAP * height:
            break
        if rows[j].anchor:
            return gaps[j]
    return math.inf


def _rivers(anchors: list[_Row], height: float, wrapped: Sequence[_Row] = ()) -> list[tuple[float, float]]:
    """Vertical strips that the anchors' words (and the lines of their wrapped first cells, `wrapped`)
    leave empty (all but a few crossing rows), wider than a word space, inside the table, where at
    least two anchors (or the only ones) part cells."""
    left = int(min(w.x0 for r in anchors for w in r.words))
    right = int(max(w.x1 for r in anchors for w in r.words)) + 1
    cover = [0] * (right - left + 1)
    allowed = int(CROSS_SHARE * len(anchors)) if len(anchors) >= MIN_CROSS_ROWS else 0
    for r in [*anchors, *wrapped]:
        # a few anchors may cross a river (a "Sum" label over the code columns); a first cell's wrapped
        # line never does: it stays in its column
        weight = 1 if r.anchor else allowed + 1
        for w in r.words:
            # a wrapped line's word may start left of the anchors (a page's other column): only the part
            # inside the table counts
            for x in range(max(int(w.x0) - left, 0), min(int(w.x1) + 1, right) - left + 1):
                cover[x] += weight
    rivers = _strips(cover, left, allowed, RIVER * height)
    # a column that only the header prints (a year's column left empty in every row: "Forslag 2025"
    # over a kapittel that is closed) is covered by no more rows than may cross a river, so the strip
    # above merges with the gap before it and runs to the table's edge, where no river is: there, the
    # strip where nothing at all is printed still parts the columns
    rivers += [
        rv
        for rv in _strips(cover, left, 0, RIVER * height)
        if not any(a <= rv[0] and rv[1] <= b for a, b in rivers)
    ]
    rivers.sort()
    need = min(2, len(anchors))
    return [rv for rv in rivers if sum(1 for r in anchors if _parts_at(r, rv, height)) >= need]


def _strips(cover: list[int], left: int, allowed: int, width: float) -> list[tuple[float, float]]:
    """Inner strips (not at either edge) at least `width` wide that at most `allowed` rows cover."""
    strips: list[tuple[float, float]] = []
    start = None
    for x, c in enumerate([*cover, allowed + 1]):
        if c <= allowed and start is None:
            start = x
        elif c > allowed and start is not None:
            a, b = left + start, left + x
            if start > 0 and x < len(cover) and b - a >= width:
                strips.append((float(a), float(b)))
            start = None
    return strips


def _gaps(r: _Row) -> list[tuple[float, float, str]]:
    return [(a.x1, b.x0, kind) for (a, b), kind in zip(itertools.pairwise(r.words), r.kinds, strict=True)]


def _overlap(gap: tuple[float, float, str], river: tuple[float, float]) -> float:
    return min(gap[1], river[1]) - max(gap[0], river[0])


def _parts_at(r: _Row, river: tuple[float, float], height: float) -> bool:
    """The row parts two cells on the river (a cell gap or a double space that falls on it)."""
    return any(g[2] in (CELL, DOUBLE) and _overlap(g, river) >= SPLIT_OVERLAP * height for g in _gaps(r))


def _aligned(anchors: list[_Row], rivers: list[tuple[float, float]], height: float) -> bool:
    """Most anchors part their cells only on rivers."""
    if not rivers:
        return False
    good = 0
    for r in anchors:
        cell_gaps = [g for g in _gaps(r) if g[2] in (CELL, DOUBLE)]
        if all(any(_overlap(g, rv) >= SPLIT_OVERLAP * height for rv in rivers) for g in cell_gaps):
            good += 1
    return good >= ALIGNED_SHARE * len(anchors)


def _crosses(r: _Row, rivers: list[tuple[float, float]], height: float) -> bool:
    """A word of the row stands in a river: the row does not keep to the columns."""
    return any(
        min(w.x1, rv[1]) - max(w.x0, rv[0]) >= SPLIT_OVERLAP * height for w in r.words for rv in rivers
    )


def _split(r: _Row, rivers: list[tuple[float, float]], height: float) -> list[list[Word]]:
    """The row's words in cells: parted at a cell gap, or at a gap that falls on a river."""
    cells: list[list[Word]] = [[r.words[0]]]
    for w, g in zip(r.words[1:], _gaps(r), strict=True):
        on_river = any(_overlap(g, rv) >= SPLIT_OVERLAP * height for rv in rivers)
        if on_river or g[2] == CELL:
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells


def _right_edges(rows: list[_Row], rivers: list[tuple[float, float]], height: float) -> dict[int, float]:
    """Columns set flush right (their cells end at one x, give or take a point): that x."""
    bounds = [(a + b) / 2 for a, b in rivers]
    ends: dict[int, list[float]] = {}
    for r in rows:
        for cell in _split(r, rivers, height):
            first = sum(1 for b in bounds if cell[0].x0 > b)
            if first == sum(1 for b in bounds if cell[-1].x1 > b):
                ends.setdefault(first, []).append(cell[-1].x1)
    return {col: max(xs) for col, xs in ends.items() if len(xs) >= 2 and max(xs) - min(xs) <= 2}


def _column_cells(
    r: _Row, rivers: list[tuple[float, float]], height: float, flush_right: dict[int, float]
) -> tuple[str, ...]:
    """The row's cells, one per column (empty where the row prints nothing in a column). A cell that
    spans a river (a header wider than its numbers, "Sum sektoravgifter" over the code columns)
    belongs to the column it is set in: flush right where it ends at a flush-right column's edge
    (numbers always are), else where it starts."""
    bounds = [(a + b) / 2 for a, b in rivers]
    out = [""] * (len(rivers) + 1)
    for cell in _split(r, rivers, height):
        by_end = sum(1 for b in bounds if cell[-1].x1 > b)
        by_start = sum(1 for b in bounds if cell[0].x0 > b)
        at_edge = by_end in flush_right and abs(cell[-1].x1 - flush_right[by_end]) <= 2
        col = by_end if _numeric(cell) or at_edge else by_start
        text = " ".join(w.text for w in cell)
        out[col] = f"{out[col]} {text}".strip()
    return tuple(out)


def _amount(cell: str) -> bool:
    tokens = cell.split()
    return bool(tokens) and all(NUMBER.match(t) for t in tokens) and not all(_YEAR.match(t) for t in tokens)


def _continues(above: tuple[str, ...], row: tuple[str, ...]) -> bool:
    """`row` is the rest of the row above whose long cells wrapped (set top-aligned): it prints no
    number, only in columns the row above fills, and in fewer of them. In a header (no amounts
    above) a year is a word: "Regnskap" / "2023" is one header cell."""
    filled = {i for i, c in enumerate(row) if c}
    above_filled = {i for i, c in enumerate(above) if c}
    header = not any(_amount(c) for c in above)
    numbers = any(_amount(c) if header else all(NUMBER.match(t) for t in c.split()) for c in row if c)
    if header and filled and _opens_with_code(row[min(filled)]):
        return False  # a header's cells are words and years: "765 21 Spesielle …" opens a row
    return bool(filled) and not numbers and filled <= above_filled and len(filled) < len(above_filled)


def _opens_with_code(cell: str) -> bool:
    """The cell starts with a number that is no year (a kapittel, a post, a code)."""
    first = cell.split()[0] if cell.split() else ""
    return bool(NUMBER.match(first)) and any(ch.isdigit() for ch in first) and not _YEAR.match(first)


def _within(above: tuple[str, ...], row: tuple[str, ...]) -> bool:
    """`row` prints only in columns `above` fills, and in fewer of them."""
    filled = {i for i, c in enumerate(row) if c}
    above_filled = {i for i, c in enumerate(above) if c}
    return bool(filled) and filled <= above_filled and len(filled) < len(above_filled)


def _label_goes_on(above: tuple[str, ...], row: tuple[str, ...]) -> bool:
    """`row` prints only in columns `above` fills, its first cell in the first column `above` fills,
    going on in lower case."""
    filled = [i for i, c in enumerate(row) if c]
    above_filled = [i for i, c in enumerate(above) if c]
    if not filled or not above_filled or filled[0] != above_filled[0] or not set(filled) <= set(above_filled):
        return False
    return row[filled[0]][:1].islower()


def _join_wrapped(rows: list[_Row], cells: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """A cell's wrapped lines are one cell (the contract's `Cell.text`): a line that continues the row
    above at the usual line pitch is joined to it, and left without cells; returns (row, line) of
    each join of a line set closer than the rows, for the caller to read the line into its row
    (`_absorb`). Wrapped lines are as close as
    a table's closest rows, never further."""
    tops = [r.line.top for r in rows]
    steps = [b - a for a, b in itertools.pairwise(tops) if b > a]
    if not steps:
        return []
    pitch = min(steps)
    joined: list[tuple[int, int]] = []
    last = 0
    for i in range(1, len(rows)):
        close = tops[i] - tops[i - 1] <= WRAP_PITCH * pitch
        # a line set closer under its row than the rows are set apart is that row's, numbers and all
        # ("0762 Primærhelsetjeneste" / "21" / "Spesielle driftsmidler A")
        wrapped = (rows[i].wrapped_first or rows[i].close_set) and _within(cells[last], cells[i])
        # a line with cells set that close under a row, in the row's columns, whose label goes on in
        # lower case, holds the rest of the row's cells: a narrow label and a narrow run of amounts
        # both wrapped ('076121 "kan nyttes' / 'under post 79"', '… 8 911 000' / '8 911 000'). A
        # row of its own opens with a capital or a code ("72  Fellesskatt …", set as close)
        wrapped = wrapped or (rows[i].close_cells and _label_goes_on(cells[last], cells[i]))
        if close and any(cells[last]) and (wrapped or _continues(cells[last], cells[i])):
            cells[last] = tuple(
                join_two(a, b) if b else a for a, b in zip(cells[last], cells[i], strict=True)
            )
            cells[i] = ("",) * len(cells[i])
            if wrapped:
                # set closer than the rows: surely the row's own line, read into it. A line at the
                # rows' pitch may be a row of its own the text breaks the same way ("1553 Pasient-
                # og" / "brukerombud  873 773 …"): it keeps its line
                joined.append((last, i))
        else:
            last = i
    return joined


def _set(line: PageLine, cells: tuple[str, ...], text: str | None = None) -> None:
    line.cells = cells
    if text is not None:
        line.text = text


def _part_cells(r: _Row) -> tuple[str, ...]:
    return tuple(" ".join(w.text for w in p) for p in r.parts)


def _first_cell_lines(rows: list[_Row], height: float) -> list[_Row]:
    """One-part rows that stay left of every anchor's second cell: a first cell wrapped over lines."""
    seconds = [r.parts[1][0].x0 for r in rows if r.anchor and len(r.parts) > 1]
    if not seconds:
        return []
    limit = min(seconds) - RIVER * height
    return [r for r in rows if r.wrapped_first and _in_first_cell(r, limit)]


def _in_first_cell(r: _Row, limit: float) -> bool:
    """A line that ends left of `limit`, where the table's second column starts."""
    return bool(r.words) and r.words[-1].x1 < limit


def _table(rows: list[_Row], height: float) -> None:
    """Cells for one run of table rows: by columns where they line up, else by each row's parts. A
    one-part row that crosses a column splits the run in two, each part read on its own."""
    anchors = [r for r in rows if r.anchor]
    rivers = _rivers(anchors, height, _first_cell_lines(rows, height))
    if _aligned(anchors, rivers, height):
        for i, r in enumerate(rows):
            if not r.anchor and _crosses(r, rivers, height):
                for part in (rows[:i], rows[i + 1 :]):
                    if sum(1 for p in part if p.anchor) >= MIN_ANCHORS:
                        _table(_trim(part), height)
                    else:
                        _loose(part)
                return
        flush_right = _right_edges(anchors, rivers, height)
        cells = [
            _padded(r.line.cells, len(rivers) + 1)
            if r.merged and r.line.cells
            else _column_cells(r, rivers, height, flush_right)
            for r in rows
        ]
        joined = _join_wrapped(rows, cells)
        for r, c in zip(rows, cells, strict=True):
            _set(r.line, c, "\t".join(c).strip("\t") if any(c) else r.line.text)
        for last, i in joined:
            _absorb(rows[last].line, rows[i].line)
        return
    _loose(rows, height, any_anchor=True)


def _padded(cells: tuple[str, ...], n: int) -> tuple[str, ...]:
    return cells + ("",) * (n - len(cells))


def _trim(rows: list[_Row]) -> list[_Row]:
    idx = [i for i, r in enumerate(rows) if r.anchor]
    return rows[idx[0] : idx[-1] + 1] if idx else []


def _wrapped_into(above: _Row, bottom: float, r: _Row, height: float) -> int | None:
    """The cell of `above` (a row of cells without amounts, whose last line ends at `bottom`) that
    `r` (one part, no number) continues: `r` is set close under it and stays inside that cell's
    column (from the cell's start to the next cell's start)."""
    if r.anchor or not r.words or _numeric(r.words) or r.line.top - bottom > WRAP_LEADING * height:
        return None
    if _opens_with_code(r.words[0].text):
        return None  # "765 21 Spesielle driftsutgifter, kan" under a header opens a row
    if above.line.cells is None or any(_amount(c) for c in above.line.cells):
        # under a row of amounts a one-part line at the row pitch may be the next row ("60 Kommunale
        # tiltak, kan overføres,"): only a header's or a text row's cells are read as wrapped here
        return None
    starts = [p[0].x0 for p in above.parts]
    for i, x0 in enumerate(starts):
        x1 = starts[i + 1] if i + 1 < len(starts) else float("inf")
        if r.words[0].x0 >= x0 - 1 and r.words[-1].x1 < x1:
            # a wrapped cell goes on mid-phrase (in lower case, or after a hyphen or comma), or is no
            # wider than the cell's line above (that line was filled to the column's width before it
            # broke: "Kap. post Tidligere tildeling" / "Ny tildeling Sum tildelt"); a wider line under
            # a header's short first cell is a label of the rows ("Kap." / "Utgifter:")
            cell = above.parts[i]
            narrower = r.words[-1].x1 - r.words[0].x0 <= cell[-1].x1 - cell[0].x0 + 1
            goes_on = r.words[0].text[:1].islower() or cell[-1].text.endswith(("-", ",")) or narrower
            return i if goes_on else None
    return None


def _loose(rows: list[_Row], height: float = 0.0, any_anchor: bool = False) -> None:
    """Rows outside a table: a row with a cell gap (a TAB in its text) is still a row of cells. A line
    set close under such a row and inside one of its cells' columns, without a number, is that cell
    wrapped ("Kap. post Tidligere tildeling Ny" / "tildeling Sum tildelt" over "2026"): it joins the
    cell and is left without cells of its own (the layout counts it to the row above). `any_anchor`:
    a row parted by double spaces only is a row of cells too (a run of rows read as a table)."""
    above: _Row | None = None
    bottom = 0.0
    for r in rows:
        if r.merged:  # a row whose wrapped lines were read into it (`_stacked_rows`)
            above = None
            continue
        if r.anchor and (any_anchor or CELL in r.kinds):
            _set(r.line, _part_cells(r))
            above, bottom = r, r.line.bottom
            continue
        col = _wrapped_into(above, bottom, r, height) if above is not None and above.line.cells else None
        if above is None or above.line.cells is None or col is None:
            above = None
            continue
        cells = list(above.line.cells)
        cells[col] = join_two(cells[col], " ".join(w.text for w in r.words))
        _set(above.line, tuple(cells))  # the line keeps its printed text; its cell reads on
        _set(r.line, ("",) * len(cells))
        bottom = r.line.bottom


def _one_pitch_rows(rows: list[_Row]) -> None:
    """A table whose rows are printed one line each, all at one pitch ("740 01 Driftsutgifter  1 305 832
    1 305 832" / "21 Spesielle driftsutgifter, kan" / "overføres" / "35 149 35 149"): a line without
    cells among rows with cells, in their font and at their pitch, is a row of the table too (one
    cell), as the text prints it. Nothing tells its lines apart from its rows, so each line stays a row.
    A paragraph gap, another font size or another pitch ends the run."""
    i = 0
    while i < len(rows):
        run = [rows[i]]
        if len(rows) > i + 1 and _same_font(rows[i], rows[i + 1]):
            pitch = rows[i + 1].line.top - rows[i].line.bottom
            h = _line_height(rows[i])
            for r in rows[i + 1 :]:
                gap = r.line.top - run[-1].line.bottom
                if not _same_font(run[-1], r) or abs(gap - pitch) > STACK_STEP * h or gap > MAX_STACK_GAP * h:
                    break
                run.append(r)
        _cells_for_run(run)
        i += len(run)


def _same_font(a: _Row, b: _Row) -> bool:
    return abs(_line_height(a) - _line_height(b)) <= STACK_STEP * _line_height(a)


def _cells_for_run(run: list[_Row]) -> None:
    """Only between the run's first row with cells and its last row with cells or numbers: a caption
    above the table or a note under it, set in its font and at its pitch, is no row."""
    with_amounts = [i for i, r in enumerate(run) if r.line.cells and any(_amount(c) for c in r.line.cells)]
    if len(with_amounts) < MIN_ANCHORS:
        return
    first = next(i for i, r in enumerate(run) if r.line.cells is not None)
    last = max(i for i, r in enumerate(run) if r.line.cells is not None or numeric_row(r.line.text))
    for r in run[first : last + 1]:
        if r.line.cells is None:
            _set(r.line, (r.line.text,))


def _line_height(r: _Row) -> float:
    return r.line.bottom - r.line.top


def _stack_runs(rows: list[_Row]) -> list[list[_Row]]:
    """Runs of lines in one font size, each set at most MAX_STACK_GAP under the one above."""
    runs: list[list[_Row]] = []
    for r in rows:
        ok = r.line.cells is None and bool(r.words)
        if ok and runs and runs[-1]:
            last = runs[-1][-1]
            h = _line_height(last)
            same = abs(_line_height(r) - h) <= STACK_STEP * h
            if same and 0 <= r.line.top - last.line.bottom <= MAX_STACK_GAP * h:
                runs[-1].append(r)
                continue
        runs.append([r] if ok else [])
    return [run for run in runs if len(run) > 2]


def _stacked_rows(rows: list[_Row]) -> None:
    """Table rows whose first cell wraps over several lines in a narrow column, nothing printed beside
    it (the row's other cells empty): the lines of one row are set at the font's leading, the rows
    further apart by the cell's padding. A run of lines set at these two pitches, where at least
    MIN_STACK_ROWS rows read as rows of numbers, is a table: each row's lines are one cell, on one line
    (`_merge`). Rows without numbers after the table's last row of numbers are not its rows (a note
    under the table set in its font); those before it are (its column heads). Paragraphs of prose are
    never set at two such pitches with rows of numbers among them."""
    for run in _stack_runs(rows):
        gaps = [b.line.top - a.line.bottom for a, b in itertools.pairwise(run)]
        leading = min(gaps)
        groups: list[list[_Row]] = [[run[0]]]
        for r, gap in zip(run[1:], gaps, strict=True):
            if gap > leading + STACK_STEP * _line_height(r):
                groups.append([r])
            else:
                groups[-1].append(r)
        if len(groups) < 2 or len(groups) == len(run):
            continue  # one pitch only: nothing tells rows from wrapped lines
        texts = [_joined(g) for g in groups]
        numeric = [_numbers_row(g, t) for g, t in zip(groups, texts, strict=True)]
        if sum(numeric) < MIN_STACK_ROWS:
            continue
        last = max(i for i, n in enumerate(numeric) if n)
        for g, text in zip(groups[: last + 1], texts, strict=False):
            # a row with cells beside its first line (an anchor) keeps its columns: its wrapped lines
            # are read with the table's columns (`_join_wrapped`)
            if len(g) > 1 and not any(r.anchor for r in g) and _one_cell(g):
                _merge(g, text)


def _one_cell(group: list[_Row]) -> bool:
    """The lines line up as a cell's do: all start at one x (set flush left), or all end at one x
    (flush right). A list item's or a hanging paragraph's lines start at two."""
    starts = [r.words[0].x0 for r in group]
    ends = [r.words[-1].x1 for r in group]
    return max(starts) - min(starts) <= ALIGN_SLACK or max(ends) - min(ends) <= ALIGN_SLACK


def _numbers_row(group: list[_Row], text: str) -> bool:
    """The row reads as a row of numbers: a label and numbers, or cells of which one is an amount (a
    nil dash alone is a list item's marker as often)."""
    if any(r.anchor for r in group):
        return any(
            _numeric(p) and any(ch.isdigit() for w in p for ch in w.text) for r in group for p in r.parts
        )
    return numeric_row(text)


def _merge(group: list[_Row], text: str) -> None:
    """The row's lines become its first line, one cell of `text`."""
    group[0].merged = True
    _set(group[0].line, (text,), text)
    for r in group[1:]:
        _absorb(group[0].line, r.line)


def _absorb(row: PageLine, line: PageLine) -> None:
    """A wrapped line of a table row is read into the row's line (its cells already hold its words):
    a row is one line, as a ruled grid's row is, so that the row's text is one line of the document
    (not its first line's words with the rest on lines of their own). The line is left without text,
    for the caller to drop."""
    row.bottom = max(row.bottom, line.bottom)
    row.last_top = line.top
    row.x1 = max(row.x1, line.x1)
    row.words.extend(line.words)
    if row.cells is not None:
        row.text = "\t".join(row.cells).strip("\t")
    line.text = ""
    line.words = []
    line.cells = None


def _joined(group: list[_Row]) -> str:
    text = ""
    for r in group:
        text = join_two(text, r.line.text) if text else r.line.text
    return text


def mark_cells(lines: list[PageLine]) -> None:
    """Set `cells` (and, for aligned columns, a TAB-joined `text`) on the page's table rows. A row's
    lines that are read as one (`_stacked_rows`) are left without text: the caller drops them."""
    for flow in _flows(lines):
        height = statistics.median(w.height for ln in flow for w in ln.words)
        rows = [_row(ln) for ln in flow]
        done = 0
        _stacked_rows(rows)
        rows = [r for r in rows if r.line.text]
        for a, b in _regions(rows, height):
            _loose(rows[done:a], height)
            _table(rows[a:b], height)
            done = b
        _loose(rows[done:], height)
        _one_pitch_rows([r for r in rows if r.line.text])
