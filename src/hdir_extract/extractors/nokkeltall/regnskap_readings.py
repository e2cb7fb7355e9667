"""Every reading of an accounts row's amount tokens as the block's columns, and the arithmetic that
chooses between them: a "Sum …" row equals the rows above it, a column is often the sum or difference
of the columns before it, and only then the sizes of the values decide."""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import combinations, product

import regex

from hdir_extract.document import Document
from hdir_extract.extractors.nokkeltall.regnskap_rows import NIL, Row
from hdir_extract.models import Kontroll, Record
from hdir_extract.parsing.numbers import NumberError, parse_number

_SUM_LABEL = regex.compile(r"^\s*(?:sum|totalt?|i alt)\b", regex.IGNORECASE)
SUM_LABEL = _SUM_LABEL  # a sum row's label ("Sum", "Sum totalt", "I alt")


# compiled once: these run for every token of every candidate reading (regex's per-call pattern lookup
# cost seconds on an årsrapport)
_NUMBER_START = regex.compile(r"[-–−]?(?:0|[1-9]\d{0,2}|\d{4,})(?:,\d+)?")
_GROUP = regex.compile(r"\d{3}")
_NOTE_NR = regex.compile(r"\d{1,2}")


def _numbers(tokens: list[str], most: int, limit: int = 5001) -> list[list[str | None]]:
    """Every way to read the tokens as at most `most` numbers: a number is a first group of 1-3
    digits (or an ungrouped number) followed by groups of exactly three digits; "-" is an empty
    cell. At most `limit` readings (a long row of groups has exponentially many)."""
    n = len(tokens)
    out: list[list[str | None]] = []
    # per token, computed once (the search below visits each token many times): a nil, a possible
    # first group, and how far a run of three-digit groups continuing it reaches
    nil = [t in NIL for t in tokens]
    starts = [bool(_NUMBER_START.fullmatch(t)) for t in tokens]
    reach = list(range(1, n + 1))
    for i in range(n - 2, -1, -1):
        if _GROUP.fullmatch(tokens[i + 1]) and "," not in tokens[i]:
            reach[i] = reach[i + 1]

    def rec(i: int, acc: list[str | None]) -> None:
        if len(out) >= limit or len(acc) > most:
            return
        if i == n:
            out.append(acc)
            return
        if nil[i]:
            rec(i + 1, [*acc, None])
            return
        if not starts[i]:
            return
        # longest numbers first: the reading with fewest cells comes out first
        for k in range(reach[i], i, -1):
            rec(k, [*acc, " ".join(tokens[i:k])])

    rec(0, [])
    return out


def fewest(tokens: list[str]) -> int:
    """Cells as printed when every run of three-digit groups continues the number before it."""
    r = _numbers(tokens, len(tokens), limit=1)
    return len(r[0]) if r else 0


@lru_cache(maxsize=8192)
def val(text: str | None) -> float | None:
    """A cell's value (cached: the same cells are valued for every candidate reading of a row)."""
    if text is None:
        return None
    try:
        v = parse_number(text)
    except NumberError:
        return None
    return None if v is None else float(v)


def _identities(cells: list[str | None]) -> int:
    """How many cells equal the sum or difference of cells printed before them (the running
    arithmetic of an accounts row: "Overført + Årets = Samlet", "2023 - 2022 = Endring")."""
    vals = [val(c) for c in cells]
    if all(v is None or (v.is_integer() and abs(v) < 2**48) for v in vals):
        return _whole_identities([None if v is None else int(v) for v in vals])
    hits = 0
    for k in range(2, len(vals)):
        v = vals[k]
        if v is None:
            continue
        for j in range(k - 1):
            before = [x for x in vals[j:k] if x is not None]
            if len(before) >= 2 and abs(sum(before) - v) < 0.5:
                hits += 1
                break
        else:
            a, b = vals[k - 2], vals[k - 1]
            if a is not None and b is not None and abs(a - b - v) < 0.5 and (a or b):
                hits += 1
    return hits


def _whole_identities(vals: list[int | None]) -> int:
    """`_identities` for whole numbers (every amount in kroner), where sums are exact: the sum of the
    cells j..k-1 is a difference of running sums, so each cell costs one pass, not one per start."""
    run = [0]  # run[i]: sum of the first i cells; count[i]: how many of them are printed
    count = [0]
    for v in vals:
        run.append(run[-1] + (v or 0))
        count.append(count[-1] + (v is not None))
    hits = 0
    for k in range(2, len(vals)):
        v = vals[k]
        if v is None:
            continue
        if any(count[k] - count[j] >= 2 and run[k] - run[j] == v for j in range(k - 1)):
            hits += 1
            continue
        a, b = vals[k - 2], vals[k - 1]
        if a is not None and b is not None and a - b == v and (a or b):
            hits += 1
    return hits


def _spread(cells: list[str | None]) -> float:
    logs = [math.log10(abs(v) + 1) for c in cells if (v := val(c)) is not None and v != 0]
    return max(logs) - min(logs) if len(logs) >= 2 else 0.0


_EMPTY_COST = 1.5  # a cell printed as nothing is less likely than a clean split


_NOTE_COST = {True: -0.5, False: 1.0}  # a leading number that names a printed note / does not


_Reading = tuple[float, list[str | None], str | None]  # (cost, cells, note reference)


def readings(row: Row, ncol: int, note_col: bool, notes: set[str]) -> list[_Reading]:
    """The row's readings as exactly `ncol` cells, cheapest first: (cost, cells, note)."""
    out: list[_Reading] = []
    for r in _numbers(row.tokens, ncol + 1):
        cands: list[_Reading] = []
        if len(r) == ncol:
            cands.append((0.0, r, None))
        if note_col and len(r) == ncol + 1 and r[0] is not None and _NOTE_NR.fullmatch(r[0]):
            cands.append((_NOTE_COST[r[0] in notes], r[1:], r[0]))
        if note_col and len(r) == 1 and r[0] is not None and r[0] in notes and ncol > 1:
            cands.append((0.0, [None] * ncol, r[0]))  # a row with only its note reference
        if 1 <= len(r) < ncol:
            # empty cells printed as nothing: left-aligned first, other placements cost more
            for k, pos in enumerate(combinations(range(ncol), len(r))):
                placed: list[str | None] = [None] * ncol
                for p, c in zip(pos, r, strict=False):
                    placed[p] = c
                cands.append((_EMPTY_COST * (ncol - len(r)) + 0.01 * k, placed, None))
        for cost, cells, note in cands:
            out.append((cost - 2.0 * _identities(cells) + _spread(cells), cells, note))
    out.sort(key=lambda x: x[0])
    seen: set[tuple] = set()
    uniq = []
    for c in out:
        key = tuple(c[1])
        if key not in seen:
            seen.add(key)
            uniq.append(c)
    return uniq[:60]


def _sum_groups(rows: list[Row], breaks: set[int]) -> list[tuple[int, list[int]]]:
    """(index of a sum row, indexes of the rows it sums): the rows since the previous sum row or
    sub-heading."""
    groups = []
    start = 0
    for i, r in enumerate(rows):
        if i in breaks:
            start = i
        if _SUM_LABEL.match(r.label):
            members = list(range(start, i))
            if members:
                groups.append((i, members))
            start = i + 1
    return groups


def _sum_ok(cells_sum: list[str | None], members: list[list[str | None] | None]) -> bool | None:
    if cells_sum is None:
        return None
    checked = False
    for c, s in enumerate(cells_sum):
        sv = val(s)
        if sv is None:
            continue
        col = [val(m[c]) for m in members if m is not None]
        col = [x for x in col if x is not None]
        if not col:
            continue
        checked = True
        # amounts are rounded to whole kroner row by row: allow half a krone per summed row
        if abs(sum(col) - sv) > 0.5 * len(col) + 0.01:
            return False
    return True if checked else None


def choose_block(
    doc: Document, kilde: str, rows: list[Row], breaks: set[int]
) -> tuple[list[list[str | None] | None], list[Record]]:
    """The cheapest reading per row, then per sum group the combination of readings whose column
    sums match the printed sum (searched among the few cheapest readings of each row)."""
    chosen: list[list[str | None] | None] = [r.readings[0][1] if r.readings else None for r in rows]
    checks: list[Record] = []
    for si, members in _sum_groups(rows, breaks):
        idx = [si, *members]
        if any(not rows[i].readings for i in idx):
            continue
        if _sum_ok(chosen[si], [chosen[m] for m in members]) is False:
            options = [rows[i].readings[:4] for i in idx]
            best = None
            total = 1
            for o in options:
                total *= len(o)
            if total <= 20000:
                for combo in product(*options):
                    if _sum_ok(combo[0][1], [c[1] for c in combo[1:]]):
                        cost = sum(c[0] for c in combo)
                        if best is None or cost < best[0]:
                            best = (cost, [c[1] for c in combo])
            if best is not None:
                for i, cells in zip(idx, best[1], strict=False):
                    chosen[i] = cells
        ok = _sum_ok(chosen[si], [chosen[m] for m in members])
        if ok is None:
            continue
        srow = rows[si]
        total_vals = [
            sum(x for m in members if chosen[m] is not None and (x := val(chosen[m][c])) is not None)
            for c in range(len(chosen[si] or []))
        ]
        checks.append(
            Kontroll(
                dok_id=doc.dok_id,
                linje=srow.linje,
                kontroll="tabell_sum",
                nokkel=f"{kilde} {srow.label}".strip(),
                forventet=" | ".join(c or "-" for c in chosen[si] or []),
                beregnet=" | ".join(f"{v:.0f}" for v in total_vals),
                ok=ok,
                melding=None if ok else "Summen av radene over stemmer ikke med sumraden.",
            )
        )
    return chosen, checks


_CLOSE = 1.0  # a second reading within this cost of the best is a real alternative


def ambiguous(r: Row) -> bool:
    return len(r.readings) > 1 and r.readings[1][0] - r.readings[0][0] < _CLOSE


def confirmed(
    r: Row, cells: list[str | None], rows: list[Row], breaks: set[int], chosen: list[list[str | None] | None]
) -> bool:
    """A split is confirmed when the row's own arithmetic holds, or a sum it belongs to adds up."""
    if _identities(cells) and len(cells) >= 3:
        return True
    i = rows.index(r)
    for si, members in _sum_groups(rows, breaks):
        if (i == si or i in members) and _sum_ok(chosen[si], [chosen[m] for m in members]):
            return True
    return False
