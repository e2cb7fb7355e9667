"""Which column each printed amount of a Prop. 1 S kapittel table belongs to, by the table's arithmetic.

A row may print fewer amounts than the table has columns (a new post has only a forslag, an abolished
one no forslag), a text layer may lose the empty cells that tell where the amounts stand, and a row
printed on one line may run its amounts together ("155 901 123 091 125 037"). The printed
"Sum kap." row must equal the sum of its posts in every column, and the proposed resolution
("Forslag til vedtak") prints every proposed post in kroner, so the forslag column must hold exactly
those amounts: `assign_columns` searches the readings of every row for one that satisfies both.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.common import raw_of, segmentations, tokens, value_of

COLUMN_WORDS = (
    ("regnskap", "regnskap"),
    ("saldert", "saldert_budsjett"),
    ("budsjett", "saldert_budsjett"),
    ("forslag", "forslag"),
)
#: the order in time of the columns' years: the accounts of a past year, the current year's budget, the
#: proposal for the next
CHRONOLOGY = {"regnskap": 0, "saldert_budsjett": 1, "forslag": 2}
#: a percentage-change column ("Endring i pst.", "Pst. endr. 24/25") printed after the amounts
CHANGE_COLUMN = regex.compile(r"\bEndring\b|\bpst\.?(?:\s|$)", regex.I)
#: a kapittel table is printed in thousands: an amount of more than three digit groups (a trillion
#: kroner) is two amounts run together
MAX_GROUPS = 3

Columns = list[tuple[str, int]]  # (belopstype, year) per amount column
Placement = tuple[int, ...]


@dataclass(slots=True)
class PostRow:
    """One printed row of a kapittel table (a post, or the "Sum kap." row when `post` is None)."""

    post: int | None
    linje: int
    name_lines: list[str] = field(default_factory=list)
    values: list[tuple[str, int]] = field(default_factory=list)  # (raw, linje)
    # per amount: its position among the row's printed cells (amounts and empty cells) after the name;
    # a lower bound on its column, since a text layer may merge or drop empty cells
    slots: list[int] = field(default_factory=list)
    n_slots: int = 0
    # per amount: a chunk that may hold several amounts run together
    runs: list[bool] = field(default_factory=list)

    def add(self, raw: str, linje: int, empties: int, run: bool = False) -> None:
        slot = self.n_slots + empties
        self.values.append((raw, linje))
        self.slots.append(slot)
        self.runs.append(run)
        self.n_slots = slot + 1

    def drop_last(self) -> None:
        self.values, self.slots, self.runs = self.values[:-1], self.slots[:-1], self.runs[:-1]


#: a column word of a kapittel table's header ("Saldert budsjett" is one column)
COLUMN_WORD = regex.compile(r"\b(Regnskap|Saldert(?:\s+budsjett)?|budsjett|Forslag)\b", regex.I)
HEADER_YEAR = regex.compile(r"\b((?:19|20)\d\d)\b")


def _kind(word: str) -> str | None:
    w = word.lower()
    return next((k for prefix, k in COLUMN_WORDS if w.startswith(prefix)), None)


def _stacked(text: str) -> Columns | None:
    """A header printed on two lines, the words over their years ("Regnskap Saldert Forslag" /
    "2024 budsjett 2025 2026"): the i-th column word takes the i-th year. None unless there are as many
    column words as years ("budsjett" counts only in a header without "Saldert")."""
    words = [m.group(1) for m in COLUMN_WORD.finditer(text)]
    if any(w.lower().startswith("saldert") for w in words):
        words = [w for w in words if w.lower() != "budsjett"]
    years = [int(y) for y in HEADER_YEAR.findall(text)]
    kinds = [_kind(w) for w in words]
    if not years or len(kinds) != len(years) or None in kinds:
        return None
    ranks = [CHRONOLOGY[k] for k in kinds if k is not None]
    if ranks == sorted(ranks):
        # Judgement call: the columns stand in their chronological order (the accounts of a past year,
        # the budget of the current one, the proposal for the next), so their years rise left to right.
        # A plain-text extraction reads a header whose cells wrap unevenly line by line ("Regnskap
        # Saldert Forslag" / "2023 budsjett 2025" / "2024": the narrow middle cell wraps twice), which
        # puts its years out of column order; in that order the sorted years are the columns' years.
        years = sorted(years)
    return [(k, y) for k, y in zip(kinds, years, strict=True) if k is not None]


def columns_of(header: list[str], aar: int | None, last: Columns | None) -> Columns:
    """(belopstype, year) per amount column, from the header words and years.

    Each column word names the year printed with it or under it (`_stacked`). Truncated headers keep
    only some words (" 2023", " budsjett 2024", " 2025"): a year without its word takes the word the
    last complete header gave that year; with no header at all the last complete header is reused,
    and failing that the standard Prop. 1 S order (regnskap aar-2, saldert budsjett aar-1, forslag aar).
    """
    text = " ".join(header)
    stacked = _stacked(text)
    if stacked:
        return stacked
    cols: list[tuple[str | None, int]] = []
    for m in regex.finditer(
        r"(Regnskap|Saldert\s+budsjett|budsjett|Forslag)?\s*(\d{4})", text, flags=regex.I
    ):
        word = (m.group(1) or "").lower()
        kind = _kind(word) if word else None
        cols.append((kind, int(m.group(2))))
    by_year = {y: k for k, y in (last or [])}
    default = [("regnskap", aar - 2), ("saldert_budsjett", aar - 1), ("forslag", aar)] if aar else []
    if not cols:
        return list(last) if last else default
    out = []
    for kind, year in cols:
        if kind is None:
            kind = by_year.get(year) or next((k for k, y in default if y == year), None)
        if kind is None:
            return list(last) if last else default
        out.append((kind, year))
    return out


#: a column word (if printed) and its year
WORD_AND_YEAR = regex.compile(r"(Regnskap|Saldert\s+budsjett|budsjett|Forslag)?\s*(\d{4})", regex.I)


def truncated_within(header: list[str], last: Columns | None) -> bool:
    """The header lost column words (a year printed without its word: "2023 Forslag 2025", "Regnskap 2023
    2025", "budsjett 2024 2025") and its years are among the last complete header's: it is that header,
    cut short. Judgement call: a text file keeps such a table's cells apart, so its rows tell the width;
    a plain-text extraction runs the rows' amounts together, so only the header can, and a Prop. 1 S prints
    the same columns over every kapittel table."""
    text = " ".join(header)
    if not last or _stacked(text):
        return False
    found = list(WORD_AND_YEAR.finditer(text))
    years = {int(m.group(2)) for m in found}
    return any(not m.group(1) for m in found) and years <= {y for _k, y in last} and len(years) < len(last)


def has_change_column(header: list[str]) -> bool:
    """The header names a percentage-change column after the amounts (its cells give no rows)."""
    return any(CHANGE_COLUMN.search(h) for h in header)


def drop_change_cells(rows: list[PostRow], n: int) -> None:
    """A trailing percentage-change cell ("-2,7") is no amount: off each row before placement."""
    for r in rows:
        if r.values and (len(r.values) > n or "," in r.values[-1][0]):
            if r.runs[-1] and " " in r.values[-1][0].strip():
                raw, linje = r.values[-1]
                r.values[-1] = (raw.rsplit(" ", 1)[0], linje)  # run-together: its last number
            else:
                r.drop_last()


@dataclass(slots=True)
class Reading:
    """One way to read a row's printed amounts: the column of each, its raw text, line and value."""

    cols: Placement
    raws: list[tuple[str, int]]
    vals: list[float]


def _distance(a: Placement, b: Placement) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def _placements(row: PostRow, n: int, m: int, free: bool) -> list[Placement]:
    """Every column placement of m amounts that respects the printed order and the empty cells seen
    before each amount; the placement the cells show (exact when no empty cell was lost) first.
    `free`: the cells are run-together chunks, so no empty cell was seen (any ordered placement)."""
    if m > n:
        return []
    if m == n:
        return [tuple(range(n))]
    slots = [0] * m if free else (row.slots[:m] or [0] * m)

    def allowed(c: Placement) -> bool:
        if any(c[k] < slots[k] for k in range(m)):
            return False
        return all(c[k] - c[k - 1] >= slots[k] - slots[k - 1] for k in range(1, m))

    cands = [c for c in itertools.combinations(range(n), m) if allowed(c)]
    hinted = tuple(slots)
    # closest to the printed cells first; ties left to right
    return sorted(cands, key=lambda c: (c != hinted, _distance(c, hinted), c))


def _chunk_splits(raw: str, n: int) -> list[list[str]]:
    """The ways to read one run-together chunk as 1..n amounts ("155 901 123 091" -> two or one)."""
    toks = tokens(raw)
    out = []
    for k in range(1, n + 1):
        out.extend([raw_of(raw, p) for p in parts] for parts in segmentations(toks, k))
    return out


def _spread(vals: list[float]) -> float:
    """How unlike the amounts of one row are (log10 of max/min): a row's columns are of one size."""
    pos = [abs(v) for v in vals if v]
    return math.log10(max(pos) / min(pos)) if len(pos) > 1 else 0.0


def _implausible(raws: list[str], vals: list[float]) -> float:
    """How unlikely a split of run-together amounts is. Each amount counts (a chunk that reads as one
    amount is one: "269 551" is not 269 and 551), an amount too large for the table counts much more
    ("155 901 123 091 125 037" is three), and among equals the split whose amounts are most alike."""
    too_big = sum(len(r.split()) > MAX_GROUPS for r in raws)
    return 3.0 * too_big + len(raws) + _spread(vals) / 10


def _options(row: PostRow, n: int) -> list[Reading]:
    """Every reading of a row: with one amount per cell, the placements of `_placements`; with
    run-together chunks also every split of each chunk, the most plausible first (see `_implausible`;
    "155 901 123 091 125 037" -> 155 901 | 123 091 | 125 037)."""
    if not any(row.runs):
        m = min(len(row.values), n)
        vals = [value_of(raw) or 0.0 for raw, _ in row.values[:m]]
        return [Reading(c, row.values[:m], vals) for c in _placements(row, n, m, False)]
    per_cell: list[list[list[tuple[str, int]]]] = []
    for (raw, linje), run in zip(row.values, row.runs, strict=True):
        splits = _chunk_splits(raw, n) if run else [[raw]]
        per_cell.append([[(r, linje) for r in sp] for sp in splits] or [[(raw, linje)]])
    readings: list[tuple[float, list[tuple[str, int]], list[float]]] = []
    for combo in itertools.islice(itertools.product(*per_cell), 5000):
        raws = [x for part in combo for x in part]
        if len(raws) > n:
            continue
        vals = [value_of(r) or 0.0 for r, _ in raws]
        readings.append((_implausible([r for r, _ in raws], vals), raws, vals))
    readings.sort(key=lambda t: t[0])
    # a chunk's slot is unknown, but the empty cells printed before the row's first chunk still hold
    return [
        Reading(c, raws, vals)
        for _k, raws, vals in readings
        for c in _placements(row, n, len(raws), True)
        if not row.slots or c[0] >= row.slots[0]
    ]


def assign_columns(
    rows: list[PostRow], total: PostRow, n: int, required: list[dict[int, float | None] | None]
) -> tuple[list[Reading], Reading, bool]:
    """The reading (amounts and their columns) of every post row and of the sum row.

    A search over every row's readings (see `_options`) for one in which each column of posts adds
    up to the printed "Sum kap." cell (an empty sum cell: nothing in that column). A row's `required`
    entries {column: value} come from the proposed resolution and restrict its readings (the forslag
    column holds the resolution's amount, or stays empty if the post is not proposed); if no reading
    satisfies them the restriction is dropped, since the document may disagree with itself. With no
    reconciling reading the first one is kept (the sum check then fails, which is the information
    the analyst needs).
    """
    items = [total, *rows]
    ireq = [None, *required]
    base_opts = [_options(r, n) for r in items]

    def restricted(i: int) -> list[Reading]:
        req = ireq[i]
        if not req:
            return base_opts[i]
        keep = []
        for rd in base_opts[i]:
            at = dict(zip(rd.cols, rd.vals, strict=False))
            if all(_meets(at, col, v) for col, v in req.items()):
                keep.append(rd)
        return keep or base_opts[i]

    for opts in ([restricted(i) for i in range(len(items))], base_opts):
        if any(not o for o in opts):
            continue
        found = _search(opts, n)
        if found is not None:
            return list(found[1:]), found[0], True
    # nothing reconciles (a cell is missing or misread): the resolution's forslag still places the
    # rows it names, the printed cells the rest
    first = [(restricted(i) or [Reading((), [], [])])[0] for i in range(len(items))]
    return first[1:], first[0], False


def _meets(at: dict[int, float], col: int, v: float | None) -> bool:
    """Column `col` holds `v`, or is empty when `v` is None."""
    return col not in at if v is None else col in at and abs(at[col] - v) < 0.5


def _search(opts: list[list[Reading]], n: int) -> list[Reading] | None:
    """Depth-first search (item 0 is the sum row) with every column bounded after each row: what the
    later rows can still add to a column (between their smallest and largest reading) must be able
    to close the gap to the printed sum. Bounded so a pathological table cannot stall the run."""
    k = len(opts)
    lo = [[0.0] * n for _ in range(k + 1)]
    hi = [[0.0] * n for _ in range(k + 1)]
    for i in range(k - 1, 0, -1):
        for c in range(n):
            here = [dict(zip(rd.cols, rd.vals, strict=False)).get(c, 0.0) for rd in opts[i]]
            lo[i][c] = lo[i + 1][c] + min(here)
            hi[i][c] = hi[i + 1][c] + max(here)
    sums = [0.0] * n
    printed = [0.0] * n
    choice: list[Reading] = []
    budget = [200_000]

    def feasible(i: int) -> bool:
        return all(lo[i + 1][c] - 0.5 <= printed[c] - sums[c] <= hi[i + 1][c] + 0.5 for c in range(n))

    def dfs(i: int) -> bool:
        if i == k:
            return True
        for rd in opts[i]:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            target = printed if i == 0 else sums
            for v, col in zip(rd.vals, rd.cols, strict=False):
                target[col] += v
            if feasible(i):
                choice.append(rd)
                if dfs(i + 1):
                    return True
                choice.pop()
            for v, col in zip(rd.vals, rd.cols, strict=False):
                target[col] -= v
        return False

    return choice if dfs(0) else None
