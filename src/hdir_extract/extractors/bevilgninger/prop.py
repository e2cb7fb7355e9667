"""Prop. 1 S: kapittel tables "(i 1 000 kr)", the "Forslag til vedtak" section and its fullmakt tables.

The text layer prints one table cell per line, each cell starting with a tab ("\t01", "\tDriftsutgifter",
"\t282 495"); an empty cell is a line holding only a tab, and rows are separated by blank lines.
Another extraction of the same document collapses, drops or doubles those blank lines and may merge
or drop the empty cells, and a PDF-derived text puts running heads and page numbers between rows.
So nothing here counts blank lines: a tab-only line is taken as evidence of an empty cell (a lower
bound on the column of the amounts after it), and which column each amount belongs to is decided by
the table's own arithmetic (the printed "Sum kap." row must equal the sum of its posts in every
column) and by the proposed resolution ("Forslag til vedtak" prints every proposed post in kroner,
so the forslag column must hold exactly those amounts; see `_assign_columns`).

A PDF text layer of the same tables has no tabs (every line may then be a cell; tables end at their
"Sum kap." row, a numbered part of the resolution or running text, and a lone number is a page number
only next to a running head, in page order), and a typeset PDF prints one row per line, read through
the cell-per-line view of `rows.expand_rows` with run-together amounts split by the same arithmetic.
"""

from __future__ import annotations

import itertools
import math
from contextvars import ContextVar
from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.common import Ctx, kroner, raw_of, segmentations, tokens, value_of
from hdir_extract.extractors.bevilgninger.rows import expand_rows
from hdir_extract.parsing.text import join_lines

CELL = regex.compile(r"^[ ]*\t(.*)$")
NUM_CELL = regex.compile(r"^[-\u2212\u2013]?\s?\d{1,3}(?: \d{3})*(?:,\d+)?$|^[-\u2212\u2013]?\d+(?:,\d+)?$")
POST_CELL = regex.compile(r"^\d{1,2}$")
KAP_CELL = regex.compile(r"^\d{3,4}$")
#: kapittel numbers run from 1 (the Royal House) to 5999; no ministry's range is assumed
SUM_KAP = regex.compile(r"^Sum kap\.?\s*(\d{1,4})\s*$", regex.I)
KAP_HEADING = regex.compile(r"^\s*Kap\.\s+(\d{1,4})\s+(\p{L}.{0,150})$")
CONTINUED = regex.compile(r"\s*\((?:forts(?:\.|atte?)?|fortsettelse)\)\s*$", regex.I)
UNIT_THOUSAND = regex.compile(r"\(i 1 ?000 kr(oner)?\)", regex.I)
#: a header fragment: a column word and/or a year, nothing else (wrapped headers print them split)
HEADER_PART = regex.compile(r"^(Regnskap|Saldert|Saldert budsjett|budsjett|Forslag)?\s*(\d{4})?$", regex.I)
HEADER_WORD = regex.compile(
    r"^(?:Post|Kap\.?|Post-gr\.|Betegnelse|Endring|i pst\.|Pst\.?\s*endr\.?.*|Endring i pst\.)$", regex.I
)
#: a percentage-change column ("Endring i pst.", "Pst. endr. 24/25") printed after the amounts
CHANGE_COLUMN = regex.compile(r"\bEndring\b|\bpst\.?(?:\s|$)", regex.I)
COLUMN_WORDS = (
    ("regnskap", "regnskap"),
    ("saldert", "saldert_budsjett"),
    ("budsjett", "saldert_budsjett"),
    ("forslag", "forslag"),
)

# Page furniture of a PDF-derived proposition, printed between table rows when a table runs over a
# page break: a page number, "Side 12", a running head "Prop. 1 S (2024–2025)" (also "2024–2025
# Prop. 1 S 45"), and the ministry's name as the other running head.
PAGE_NO = regex.compile(r"^\s*(?:Side\s+)?\d{1,3}(?:\s+av\s+\d{1,3})?\s*$", regex.I)
RUNNING_HEAD = regex.compile(
    r"^\s*(?:\d{1,3}\s+)?(?:\d{4}\s*[-\u2013]\s*\d{4}\s+)?Prop\.\s*\d+\s*\p{Lu}{1,3}\b"
    r"(?:\s*\(\d{4}\s*[-\u2013]\s*\d{4}\))?[^\t]{0,80}$"
)
MINISTRY_HEAD = regex.compile(r"^\s*(?:\d{1,3}\s+)?[\p{L}\- ]{0,60}departementet(?:\s+\d{1,3})?\s*$")


def is_name(c: str | None) -> bool:
    """A post or kapittel name cell: has a letter and is not a "Sum ..." row label."""
    return c is not None and regex.search(r"\p{L}", c) is not None and not c.lower().startswith("sum")


#: a text layer without the tab before each cell (a PDF or HTML text dump keeps the cell-per-line
#: layout but not the tabs): every printed line may then be a cell. Set per document, per thread.
LOOSE_CELLS: ContextVar[bool] = ContextVar("loose_cells", default=False)
#: a line of running text in a tab-less layer, where every line reads as a cell: a long line, or a
#: sentence or lead-in. Only asked between table rows (a post name may be long or end in "mv.").
PROSE = regex.compile(r"^.{100,}$|^.{50,}[.:]\s*$")


def cell(text: str) -> str | None:
    m = CELL.match(text)
    if m:
        return m.group(1).strip()
    if LOOSE_CELLS.get() and text.strip():
        return text.strip()
    return None


def is_prose(text: str) -> bool:
    """Running text: never a table cell (tab cells are never prose)."""
    return not text.lstrip(" ").startswith("\t") and bool(PROSE.match(text.strip()))


SIDE_NO = regex.compile(r"^\s*Side\s+\d{1,3}(?:\s+av\s+\d{1,3})?\s*$", regex.I)


def _head(text: str) -> bool:
    """A running head ("Prop. 1 S (2024–2025)") or "Side N": never a cell."""
    return "\t" not in text and bool(RUNNING_HEAD.match(text) or SIDE_NO.match(text))


def _printed_near(doc, no: int, step: int, k: int = 2) -> list[str]:
    """The next `k` printed lines from `no` in direction `step` (blank lines skipped)."""
    out: list[str] = []
    j = no + step
    while 1 <= j <= len(doc.lines) and len(out) < k:
        if doc.text(j).strip():
            out.append(doc.text(j))
        j += step
    return out


def is_furniture(doc, no: int) -> bool:
    """A running head or page number (never a tab cell).

    With tab cells a lone number line is a page number. In a tab-less layer a lone number may be an
    amount cell, so it is a page number only where a running head stands next to it (the page break
    prints them together). The ministry's name counts only next to a page number or proposition head,
    as it may also be a kapittel name or end a wrapped post name."""
    text = doc.text(no)
    if "\t" in text or not text.strip():
        return False
    if _head(text):
        return True
    if PAGE_NO.match(text):
        return not LOOSE_CELLS.get() or no in PAGE_LINES.get()
    if not MINISTRY_HEAD.match(text):
        return False
    if LOOSE_CELLS.get():
        # without tabs a kapittel or post name may be a ministry's name: only the running head counts
        near = [*_printed_near(doc, no, -1, 2), *_printed_near(doc, no, 1, 2)]
        return any(RUNNING_HEAD.match(t) for t in near)
    return any(_head_or_page_no(doc.text(j)) for j in range(no - 3, no + 4) if j != no)


def _head_or_page_no(text: str) -> bool:
    return "\t" not in text and bool(_head(text) or PAGE_NO.match(text))


#: view lines holding a run-together chunk of a row-per-line table (see `rows.expand_rows`)
RUN_LINES: ContextVar[frozenset[int]] = ContextVar("run_lines", default=frozenset())
#: lines holding a page number in a tab-less layer (see `page_number_lines`). Set per document.
PAGE_LINES: ContextVar[frozenset[int]] = ContextVar("page_lines", default=frozenset())


def page_number_lines(doc) -> frozenset[int]:
    """Lone-number lines that are page numbers in a tab-less layer.

    A candidate stands next to a running head (over the ministry's name). A head may have two
    candidates (the page number on one side, a post or kapittel cell on the other): page numbers rise
    page by page, so the one that continues the sequence is taken, and a lone candidate that does not
    continue it (a cell after a head without a page number) is left to the table."""
    blocks: list[list[tuple[int, int]]] = []
    for ln in doc.lines:
        if "\t" in ln.text or not RUNNING_HEAD.match(ln.text):
            continue
        cands = []
        for step in (-1, 1):
            j = _next_printed_no(doc, ln.no, step)
            if j is not None and MINISTRY_HEAD.match(doc.text(j)):
                j = _next_printed_no(doc, j, step)
            if j is not None and PAGE_NO.match(doc.text(j)) and not SIDE_NO.match(doc.text(j)):
                cands.append((j, int(regex.sub(r"\D", "", doc.text(j)))))
        blocks.append(cands)
    out: set[int] = set()
    prev: int | None = None
    for i, cands in enumerate(blocks):
        if not cands:
            continue
        if prev is None:
            # the first page number: the candidate the next head's page number continues
            later = [v for c in blocks[i + 1 : i + 3] for _j, v in c]
            fits = [c for c in cands if any(0 < v - c[1] <= 3 for v in later)] or cands[:1]
        else:
            fits = [c for c in cands if 0 <= c[1] - prev <= 3]  # a head on every page or every other
        if fits:
            best = min(fits, key=lambda c: abs(c[1] - (prev + 1)) if prev is not None else 0)
            out.add(best[0])
            prev = best[1]
    return frozenset(out)


def _next_printed_no(doc, no: int, step: int) -> int | None:
    j = no + step
    while 1 <= j <= len(doc.lines):
        if doc.text(j).strip():
            return j
        j += step
    return None


@dataclass(slots=True)
class Row:
    post: int | None
    name_lines: list[str] = field(default_factory=list)
    linje: int = 0
    values: list[tuple[str, int]] = field(default_factory=list)  # (raw, linje)
    # per amount: its position among the row's printed cells (amounts and tab-only empty cells)
    # after the name; a lower bound on its column, since an extraction may merge or drop empty cells
    slots: list[int] = field(default_factory=list)
    n_slots: int = 0
    # per printed cell: True when it is a chunk of a row-per-line table that may hold several amounts
    # run together (see `rows.expand_rows`)
    runs: list[bool] = field(default_factory=list)

    def add(self, raw: str, linje: int, empties: int, run: bool = False) -> None:
        slot = self.n_slots + empties
        self.values.append((raw, linje))
        self.slots.append(slot)
        self.runs.append(run)
        self.n_slots = slot + 1

    def drop_last(self) -> None:
        self.values, self.slots, self.runs = self.values[:-1], self.slots[:-1], self.runs[:-1]


def _columns(header: list[str], aar: int | None, last: list[tuple[str, int]] | None) -> list[tuple[str, int]]:
    """(belopstype, year) per amount column, from the header words and years.

    Wrapped headers print "Regnskap" / "2023" on separate lines, and truncated ones keep only the
    years (" 2023", " budsjett 2024", " 2025"): a year without its word takes the word the last
    complete header gave that year; with no header at all the last complete header is reused, and
    failing that the standard Prop. 1 S order (regnskap aar-2, saldert budsjett aar-1, forslag aar).
    """
    text = " ".join(header)
    cols: list[tuple[str | None, int]] = []
    for m in regex.finditer(
        r"(Regnskap|Saldert\s+budsjett|budsjett|Forslag)?\s*(\d{4})", text, flags=regex.I
    ):
        word = (m.group(1) or "").lower()
        kind = next((k for w, k in COLUMN_WORDS if word.startswith(w)), None) if word else None
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


def _has_change_column(header: list[str]) -> bool:
    """The header names a percentage-change column after the amounts (its cells give no rows)."""
    return any(CHANGE_COLUMN.search(h) for h in header)


Placement = tuple[int, ...]
#: (kapittel, post) -> (kroner, budget year, linje) of the proposed resolution
Vedtak = dict[tuple[int, int], tuple[int, int | None, int]]


@dataclass(slots=True)
class Reading:
    """One way to read a row's printed amounts: the column of each, its raw text, line and value."""

    cols: Placement
    raws: list[tuple[str, int]]
    vals: list[float]


def _distance(a: Placement, b: Placement) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def _placements(row: Row, n: int, m: int, free: bool) -> list[Placement]:
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


#: a kapittel table is printed in thousands: an amount of more than three digit groups (a trillion
#: kroner) is two amounts run together
MAX_GROUPS = 3


def _implausible(raws: list[str], vals: list[float]) -> float:
    """How unlikely a split of run-together amounts is. Each amount counts (a chunk that reads as one
    amount is one: "269 551" is not 269 and 551), an amount too large for the table counts much more
    ("155 901 123 091 125 037" is three), and among equals the split whose amounts are most alike."""
    too_big = sum(len(r.split()) > MAX_GROUPS for r in raws)
    return 3.0 * too_big + len(raws) + _spread(vals) / 10


def _options(row: Row, n: int) -> list[Reading]:
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
    readings: list[tuple[tuple[int, float], list[tuple[str, int]], list[float]]] = []
    for combo in itertools.islice(itertools.product(*per_cell), 5000):
        raws = [x for part in combo for x in part]
        if len(raws) > n:
            continue
        vals = [value_of(r) or 0.0 for r, _ in raws]
        readings.append((_implausible([r for r, _ in raws], vals), raws, vals))
    readings.sort(key=lambda t: t[0])
    return [
        Reading(c, raws, vals) for _k, raws, vals in readings for c in _placements(row, n, len(raws), True)
    ]


def _assign_columns(
    rows: list[Row], total: Row, n: int, required: list[dict[int, float] | None]
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


def _kapittel_tables(ctx: Ctx, vedtak: Vedtak) -> dict[tuple[int, int], int]:
    """Parse every kapittel table; returns forslag per (kapittel, post) in kroner for later checks."""
    doc = ctx.doc
    forslag: dict[tuple[int, int], int] = {}
    vedtak_kap = {(k, aar) for (k, _p), (_b, aar, _l) in vedtak.items()}
    last_cols: list[tuple[str, int]] | None = None
    unit = 1000
    heading: tuple[int, str, int] | None = None
    header: list[str] = []
    rows: list[Row] = []
    row: Row | None = None
    total: Row | None = None
    total_kap: int | None = None
    empties = 0  # tab-only lines (empty cells) since the last printed line
    n_lines = len(doc.lines)

    def next_cell(i: int) -> str | None:
        """The next printed line's cell text, over blank lines and page furniture."""
        for j in range(i + 1, min(i + 10, n_lines + 1)):
            t = doc.text(j)
            if t.strip() and not is_furniture(doc, j):
                return cell(t)
        return None

    def finish() -> None:
        nonlocal rows, row, total, header, last_cols
        if total is not None and rows and total_kap is not None:
            cols = _columns(header, doc.aar, last_cols)
            width = max(len(r.values) for r in [*rows, total])
            if len(cols) < width and not _has_change_column(header):
                # a truncated header names fewer columns than the rows print: reuse the last full one
                cols = _columns([], doc.aar, last_cols)
            if len(cols) >= width or _has_change_column(header):
                if any(h.lower().startswith("regnskap") for h in header):
                    last_cols = cols
                table = (total_kap, cols, unit, heading, _has_change_column(header))
                _emit_table(ctx, rows, total, table, vedtak, vedtak_kap, forslag)
        rows, row, total, header = [], None, None, []

    for ln in doc.lines:
        text = ln.text
        if not text.strip():
            if "\t" in text:
                empties += 1
            continue
        c = cell(text)
        in_table = bool(rows) or total is not None
        if is_furniture(doc, ln.no):
            continue
        amount = c is not None and (NUM_CELL.match(c) is not None or ln.no in RUN_LINES.get())
        if total is not None and not amount:
            finish()
            in_table = False
        m = KAP_HEADING.match(text) if c is None or not text.startswith(("\t", " ")) else None
        if m and ", post" not in text:
            kap_no = int(m.group(1))
            if in_table and heading is not None and heading[0] == kap_no:
                # the kapittel heading repeated over a table continued on the next page
                empties = 0
                continue
            heading = (kap_no, CONTINUED.sub("", m.group(2)).strip(), ln.no)
            rows, row, header, total = [], None, [], None
            empties = 0
            continue
        if (c is not None and UNIT_THOUSAND.search(c)) or (c is None and UNIT_THOUSAND.search(text)):
            if not in_table:
                unit = 1000
                row, header = None, []
            # inside a table: the unit line of a header repeated after a page break
        elif c is not None and POST_CELL.match(c) and is_name(next_cell(ln.no)):
            row = Row(post=int(c), linje=ln.no)
            rows.append(row)
        elif c is not None and (sm := SUM_KAP.match(c)):
            total = Row(post=None, linje=ln.no)
            total_kap = int(sm.group(1))
            row = None
        elif c is not None and amount and (total is not None or row is not None):
            # (outside a row a number is a header year printed on its own line: "Regnskap" / "2023")
            target = total if total is not None else row
            if target is not None:
                target.add(c, ln.no, empties, ln.no in RUN_LINES.get())
        elif in_table and _is_header_piece(c, text):
            # the column header repeated at the top of the next page
            row = None if row is not None and row.values else row
        elif row is not None and not row.values and (c is not None or len(text) < 120):
            row.name_lines.append(c if c is not None else text.strip())
        elif row is None and total is None:
            part = c if c is not None else text.strip()
            if c is not None and part.lower() in {"post", "kap.", "post-gr."}:
                header = [part]
            elif HEADER_PART.match(part) or c is not None or HEADER_WORD.match(part):
                header.append(part)
            elif len(text) > 60:
                header = []
        elif row is not None and row.values:
            # prose after a row without a "Sum kap." line: not a kapittel table after all
            rows, row, header = [], None, []
        empties = 0
    finish()
    return forslag


def _is_header_piece(c: str | None, text: str) -> bool:
    part = c if c is not None else text.strip()
    if not part:
        return False
    return bool(HEADER_WORD.match(part) or (HEADER_PART.match(part) and regex.search(r"\p{L}|\d{4}", part)))


def _emit_table(ctx, rows, total, table, vedtak, vedtak_kap, forslag) -> None:
    kap, cols, unit, heading, change_col = table
    if header_is_not_post(rows):
        return
    n = len(cols)
    if change_col:
        # a trailing percentage-change cell ("-2,7") is no amount: off the row before placement
        for r in [*rows, total]:
            if r.values and (len(r.values) > n or "," in r.values[-1][0]):
                if r.runs[-1] and " " in r.values[-1][0].strip():
                    raw, linje = r.values[-1]
                    r.values[-1] = (raw.rsplit(" ", 1)[0], linje)  # run-together: its last number
                else:
                    r.drop_last()
    f_col = next((i for i, (kind, _y) in enumerate(cols) if kind == "forslag"), None)
    required: list[dict[int, float] | None] = []
    for r in rows:
        req = None
        if f_col is not None and (kap, cols[f_col][1]) in vedtak_kap and r.post is not None:
            hit = vedtak.get((kap, r.post))
            # the resolution proposes the post in kroner: the forslag cell, in the table's unit
            req = {f_col: hit[0] / unit if hit and hit[1] == cols[f_col][1] else None}
        required.append(req)
    readings, total_reading, _reconciled = _assign_columns(rows, total, n, required)
    navn = heading[1] if heading and heading[0] == kap else None
    kilde = f"Kap. {kap}{' ' + navn if navn else ''} (i 1 000 kr)" if unit == 1000 else f"Kap. {kap}"
    sums = [0] * n
    for r, rd in zip(rows, readings, strict=True):
        postnavn = join_lines(r.name_lines) or None
        for (raw, linje), c in zip(rd.raws, rd.cols, strict=False):
            v = value_of(raw)
            if v is None:
                continue
            kind, year = cols[c]
            belop = kroner(v, unit)
            sums[c] += belop
            ctx.add(
                kapittel=kap,
                kapittelnavn=navn,
                post=r.post,
                postnavn=postnavn,
                belopstype=kind,
                aar=year,
                belop_nok=belop,
                kilde=kilde,
                raw=raw,
                linje=linje,
            )
            if kind == "forslag" and r.post is not None:
                forslag[(kap, r.post)] = belop
    for (raw, linje), c in zip(total_reading.raws, total_reading.cols, strict=False):
        v = value_of(raw)
        kind, year = cols[c]
        ctx.check(
            "sum_kapittel",
            f"kap {kap} {kind} {year}",
            kroner(v or 0, unit),
            sums[c],
            linje,
            f"Sum kap. {kap} {kind} {year}",
        )


def header_is_not_post(rows: list[Row]) -> bool:
    return not rows or any(r.post is None for r in rows)


# --- Forslag til vedtak ---------------------------------------------------------------------------

BUDSJETTAAR = regex.compile(r"budsjett(?:året|år)\s+(?:for\s+)?(\d{4})", regex.I)
#: the next numbered part of the resolution ("II", "III") or its income/expense part
SECTION_END = regex.compile(r"^\s*(?:[IVX]+|Inntekter:|Utgifter:)\s*$")
MILL = regex.compile(
    r"^(?P<num>[-\u2212\u2013]?\d[\d ]*(?:,\d+)?)\s*"
    r"(?P<unit>mill\.?|millioner|mrd\.?|milliarder)?\s*(?:kr\.?|kroner)?$",
    regex.I,
)
#: a header cell of the resolution's tables, repeated when a table runs over a page break
VEDTAK_HEADER = regex.compile(r"^(?:VK|Kap\.?|Post|Kroner|Betegnelse)$", regex.I)
FULLMAKT_KIND = (("bestillingsfullmakt", "bestillingsfullmakt"), ("tilsagnsfullmakt", "tilsagnsfullmakt"))


def _vedtak(ctx: Ctx) -> Vedtak:
    """The proposed resolution: "Kap. Post ... Kroner Kroner" tables, amounts in whole kroner.

    Cells: a kapittel cell ("\t700") then its name, a post cell ("\t01") then its name and its amount;
    the kapittel total is printed as a second amount after the last post. "Sum ..." cells are
    programme-category or grand totals and give no rows.
    """
    doc = ctx.doc
    aar = doc.aar
    lines = doc.lines
    found: Vedtak = {}
    i = 0
    while i < len(lines):
        nxt = _next_nonblank_no(doc, lines[i].no)
        if cell(lines[i].text) == "Kroner" and nxt is not None and cell(doc.text(nxt)) == "Kroner":
            start = lines[i].no
            # the budget year is named in the section's preamble; fall back to the document year
            for j in range(start - 1, max(start - 60, 0), -1):
                if (m := BUDSJETTAAR.search(doc.text(j))) is not None:
                    aar = int(m.group(1))
                    break
            section = next(
                (
                    doc.text(j).strip().rstrip(":")
                    for j in range(start - 1, max(start - 14, 0), -1)
                    if doc.text(j).strip().rstrip(":") in {"Utgifter", "Inntekter"}
                ),
                "",
            )
            i = _vedtak_table(ctx, nxt + 1, aar, section, found) - 1
        i += 1
    return found


def _vedtak_checks(ctx: Ctx, vedtak: Vedtak, forslag: dict[tuple[int, int], int]) -> None:
    """Every proposed post against the forslag column of its kapittel table (× 1000)."""
    for (kap, post), (belop, aar, linje) in vedtak.items():
        if (kap, post) in forslag:
            ctx.check(
                "forslag_vedtak_mot_forslag",
                f"kap {kap} post {post:02d} forslag {aar}",
                forslag[(kap, post)],
                belop,
                linje,
                f"Kap. {kap} post {post:02d} vedtak vs table",
            )


def _vedtak_table(ctx: Ctx, start: int, aar: int | None, section: str, found: Vedtak) -> int:
    """One resolution table. A number cell followed by a name is a kapittel when it has three or four
    digits, or (kapitler 1-99) when it follows a kapittel total or starts the table; otherwise a post."""
    doc = ctx.doc
    kap: int | None = None
    navn: str | None = None
    post: int | None = None
    postnavn: list[str] = []
    posts: list[int] = []
    in_sum = False
    kap_closed = True  # no kapittel open: a 1-2 digit number cell starts one
    kilde = f"Forslag til vedtak, {section} (kroner)".replace(",  (", ", (")
    no = start
    while no <= len(doc.lines):
        text = doc.text(no)
        if not text.strip():
            no += 1
            continue
        if SECTION_END.match(text) or (post is None and is_prose(text)):
            break  # the next part of the resolution, or running text after the table
        if is_furniture(doc, no):
            no += 1
            continue
        c = cell(text)
        if VEDTAK_HEADER.match(c if c is not None else text.strip()):
            no += 1
            continue
        if c is None:
            if SECTION_END.match(text) or len(text) > 40:
                break
            if post is not None and postnavn:
                postnavn.append(text.strip())
            no += 1
            continue
        nxt = _next_nonblank(doc, no)
        if (KAP_CELL.match(c) or (POST_CELL.match(c) and kap_closed)) and is_name(nxt):
            kap, navn, post, posts, in_sum, kap_closed = int(c), None, None, [], False, False
            navn_line = _next_nonblank_no(doc, no)
            navn = cell(doc.text(navn_line)) if navn_line else None
            no = (navn_line or no) + 1
            continue
        if POST_CELL.match(c) and kap is not None and is_name(nxt):
            post, postnavn, in_sum = int(c), [], False
            no += 1
            continue
        if c.lower().startswith("sum"):
            in_sum, post, kap_closed = True, None, True
        elif NUM_CELL.match(c) or no in RUN_LINES.get():
            for raw in _vedtak_amounts(c, no in RUN_LINES.get(), posts, post is not None and not in_sum):
                v = value_of(raw)
                if in_sum or kap is None or v is None:
                    pass
                elif post is not None:
                    belop = kroner(v, 1)
                    ctx.add(
                        kapittel=kap,
                        kapittelnavn=navn,
                        post=post,
                        postnavn=join_lines(postnavn) or None,
                        belopstype="forslag_vedtak",
                        aar=aar,
                        belop_nok=belop,
                        kilde=kilde,
                        raw=raw,
                        linje=no,
                    )
                    posts.append(belop)
                    found.setdefault((kap, post), (belop, aar, no))
                    post = None
                else:
                    kap_closed = True
                    ctx.check(
                        "sum_kapittel",
                        f"kap {kap} forslag_vedtak {aar}",
                        kroner(v, 1),
                        sum(posts),
                        no,
                        f"Kap. {kap} total in Forslag til vedtak",
                    )
        elif post is not None:
            postnavn.append(c)
        no += 1
    return no


def _vedtak_amounts(c: str, run: bool, posts: list[int], for_post: bool) -> list[str]:
    """The amounts of one resolution cell. A row-per-line table prints the kapittel total on its last
    post's line, and the two may run together ("125 037 000 1 716 331 000"): the split in which the
    second amount is the kapittel total (the posts so far plus the first) is taken; failing that one
    amount if the chunk reads as one, else the first split into two."""
    if not run:
        return [c]
    toks = tokens(c)
    pairs = [[raw_of(c, p) for p in parts] for parts in segmentations(toks, 2)]
    if for_post:
        for a, b in pairs:
            va, vb = value_of(a), value_of(b)
            if va is not None and vb is not None and abs(sum(posts) + va - vb) < 0.5:
                return [a, b]
    if segmentations(toks, 1):
        return [c]
    return pairs[0] if pairs else [c]


def _next_nonblank_no(doc, no: int) -> int | None:
    """The next line with text, over blank lines and page furniture."""
    for j in range(no + 1, min(no + 12, len(doc.lines) + 1)):
        if doc.text(j).strip() and not is_furniture(doc, j):
            return j
    return None


def _next_nonblank(doc, no: int) -> str | None:
    j = _next_nonblank_no(doc, no)
    if j is None:
        return None
    return cell(doc.text(j)) if cell(doc.text(j)) is not None else doc.text(j).strip()


def _fullmakter(ctx: Ctx) -> None:
    """Bestillings- and tilsagnsfullmakt tables ("Kap. Post Betegnelse Samlet ramme", "173,1 mill.")."""
    doc = ctx.doc
    for ln in doc.lines:
        if cell(ln.text) != "Samlet ramme":
            continue
        kind = None
        # the kind is named in the heading a few printed lines above (blank lines not counted)
        printed = [j for j in range(ln.no - 1, max(ln.no - 40, 0), -1) if doc.text(j).strip()][:8]
        for j in printed:
            low = doc.text(j).lower()
            kind = next((k for w, k in FULLMAKT_KIND if w in low), None)
            if kind:
                break
        if kind is None:
            continue
        aar = doc.aar
        kap: int | None = None
        post: int | None = None
        names: list[str] = []
        no = ln.no + 1
        while no <= len(doc.lines):
            text = doc.text(no)
            no += 1
            if not text.strip():
                continue
            if is_furniture(doc, no - 1):
                continue
            if SECTION_END.match(text) or (post is None and is_prose(text)):
                break  # the next part of the resolution, or running text after the table
            c = cell(text)
            if c is None:
                if post is not None and len(text) < 80:
                    names.append(text.strip())
                    continue
                break
            if KAP_CELL.match(c):
                kap, post = int(c), None
            elif POST_CELL.match(c):
                post, names = int(c), []
            elif (m := MILL.match(c)) and post is not None and kap is not None:
                v = value_of(m.group("num"))
                if v is None:
                    continue
                scale = {"m": 1_000_000}.get((m.group("unit") or "k")[:1].lower(), 1)
                if (m.group("unit") or "").lower().startswith(("mrd", "milliard")):
                    scale = 1_000_000_000
                ctx.add(
                    kapittel=kap,
                    post=post,
                    postnavn=join_lines(names) or None,
                    belopstype=kind,
                    aar=aar,
                    belop_nok=kroner(v, scale),
                    kilde=kind.capitalize(),
                    raw=m.group("num").strip(),
                    linje=no - 1,
                )
                post = None
            elif post is not None:
                names.append(c)


def extract_prop(ctx: Ctx) -> None:
    loose = not any(ln.text.lstrip(" ").startswith("\t") for ln in ctx.doc.lines)
    # a typeset PDF prints its tables one row per line: read them through a cell-per-line view whose
    # lines map back to the document's (see `rows`)
    LOOSE_CELLS.set(loose)
    PAGE_LINES.set(page_number_lines(ctx.doc) if loose else frozenset())
    view = expand_rows(ctx.doc, lambda no: is_furniture(ctx.doc, no)) if loose else None
    work = Ctx(view.doc, line_map=view.line_map) if view else ctx
    RUN_LINES.set(view.runs if view else frozenset())
    if view:
        PAGE_LINES.set(page_number_lines(view.doc))
    # the resolution first: its amounts place the forslag column of the kapittel tables
    vedtak = _vedtak(work)
    forslag = _kapittel_tables(work, vedtak)
    _vedtak_checks(work, vedtak, forslag)
    _fullmakter(work)
    if work is not ctx:
        ctx.rows.extend(work.rows)
        ctx.checks.extend(work.checks)
