"""Which reading of a key-figure row's digits gives the table's cells: column count first, then sizes.

Preference: a reading with exactly the table's column count; then one whose extra leading number is a
footnote printed with the table (a marker, not a value); then one with empty cells placed where their
sizes fit the columns. Within a step the reading whose values lie closest to their column's typical
size wins (log scale), and in a table of year columns also the one whose values are closest to each
other (one indicator over a few years).
"""

from __future__ import annotations

import math
from itertools import combinations

import regex

from hdir_extract.extractors.nokkeltall.cells import Cell, value

Placed = list[Cell | None]  # one entry per column, None for an empty cell
_EMPTY_PENALTY = 1.5  # an empty cell is less likely than a clean split, but not than an absurd one


def choose(
    readings: list[list[Cell]], ncol: int, notes: set[str], medians: list[float | None], by_row: bool
) -> tuple[Placed | None, bool]:
    """The chosen cells, and whether another reading was possible (reported as a Kontroll)."""
    steps: list[list[tuple[float, Placed]]] = [[], [], [], []]
    for r in readings:
        if len(r) == ncol:
            steps[0].append((_cost(r, medians, by_row), list(r)))
        elif len(r) == ncol + 1 and r[0][1] is None and r[0][0] in notes:
            steps[1].append((_cost(r[1:], medians, by_row), list(r[1:])))
        elif len(r) == ncol + 1 and r[0][1] is None and regex.fullmatch(r"\d{1,2}", r[0][0]):
            # an unlisted small number before the values: most likely a footnote marker
            steps[2].append((_cost(r[1:], medians, by_row) + 1.0, list(r[1:])))
    # an empty cell printed as nothing competes with readings that split a number to fill the row
    placed = _with_empty(readings, ncol, medians)
    if placed is not None:
        cost, cells = placed
        if steps[0] and cost < min(c for c, _ in steps[0]):
            steps[0] = [(cost, cells)]
        elif not any(steps[:3]):
            steps[3].append((cost, cells))
    for step in steps:
        if step:
            step.sort(key=lambda x: x[0])
            distinct = {tuple(s[1]) for s in step}
            return step[0][1], len(distinct) > 1
    return None, False


def _cost(cells: list[Cell], medians: list[float | None], by_row: bool) -> float:
    """How far the values lie from their column's typical size (log scale); in a table of year
    columns, also how far apart the values of the row are."""
    vals = [value(t) for t, _ in cells]
    logs = [math.log10(abs(v) + 1) for v in vals if v is not None]
    cost = 0.0
    for v, med in zip(vals, medians, strict=False):
        if v is not None and med is not None:
            cost += 0.5 * abs(math.log10(abs(v) + 1) - med)
    if logs and (by_row or not any(m is not None for m in medians)):
        cost += max(logs) - min(logs)
    return cost


def _with_empty(
    readings: list[list[Cell]], ncol: int, medians: list[float | None]
) -> tuple[float, Placed] | None:
    """Rows with fewer cells than columns (an empty cell printed as nothing): place the cells where
    they fit the columns' sizes best. Only for rows with at least two cells."""
    best: tuple[float, Placed] | None = None
    for r in readings:
        if len(r) < 2 or len(r) >= ncol:
            continue
        for pos in combinations(range(ncol), len(r)):
            placed: Placed = [None] * ncol
            for p, c in zip(pos, r, strict=False):
                placed[p] = c
            cost = sum(
                0.5 * abs(math.log10(abs(v) + 1) - medians[p])
                for p, c in zip(pos, r, strict=False)
                if (v := value(c[0])) is not None and medians[p] is not None
            )
            cost += _EMPTY_PENALTY * (ncol - len(r))
            if best is None or cost < best[0]:
                best = (cost, placed)
    return best


def _fewest(rd: list[list[Cell]]) -> list[Cell] | None:
    """The reading that keeps each space-grouped run as one number (cells as printed)."""
    return min(rd, key=len) if rd else None


def common_width(readings: list[list[list[Cell]]]) -> int:
    """The column count: the most common number of cells as printed (ties: the wider)."""
    counts: dict[int, int] = {}
    for rd in readings:
        r = _fewest(rd)
        if r:
            counts[len(r)] = counts.get(len(r), 0) + 1
    if not counts:
        return 0
    return max(counts, key=lambda w: (counts[w], w))


def column_medians(readings: list[list[list[Cell]]], ncol: int) -> list[float | None]:
    """Typical size (log10) per column, from rows whose cells as printed fill the columns."""
    cols: list[list[float]] = [[] for _ in range(ncol)]
    for rd in readings:
        r = _fewest(rd)
        if r and len(r) == ncol:
            for i, (t, _) in enumerate(r):
                v = value(t)
                if v is not None:
                    cols[i].append(math.log10(abs(v) + 1))
    return [sorted(c)[len(c) // 2] if c else None for c in cols]
