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
"""

from __future__ import annotations

import itertools
from contextvars import ContextVar
from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.common import Ctx, kroner, value_of
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
#: a line of running text ending a table in a tab-less layer (cells are short or unpunctuated)
PROSE = regex.compile(r"^.{100,}$|^.{40,}[.:]\s*$")


def cell(text: str) -> str | None:
    m = CELL.match(text)
    if m:
        return m.group(1).strip()
    if LOOSE_CELLS.get() and text.strip() and not PROSE.match(text.strip()):
        return text.strip()
    return None


def _head_or_page_no(text: str) -> bool:
    """A running head or a page number (without tabs a lone number may be an amount cell)."""
    if "\t" in text or not text.strip():
        return False
    return bool(RUNNING_HEAD.match(text) or (PAGE_NO.match(text) and not LOOSE_CELLS.get()))


def is_furniture(doc, no: int) -> bool:
    """A running head or page number (never a tab cell). The ministry's name counts only next to a
    page number or proposition head, as it may also end a wrapped post name."""
    text = doc.text(no)
    if _head_or_page_no(text):
        return True
    if "\t" in text or not MINISTRY_HEAD.match(text):
        return False
    return any(_head_or_page_no(doc.text(j)) for j in range(no - 3, no + 4) if j != no)


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

    def add(self, raw: str, linje: int, empties: int) -> None:
        slot = self.n_slots + empties
        self.values.append((raw, linje))
        self.slots.append(slot)
        self.n_slots = slot + 1


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


def _distance(a: Placement, b: Placement) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def _options(row: Row, n: int) -> list[Placement]:
    """Every column placement of a row's amounts that respects the printed order and the empty cells
    seen before each amount; the placement the cells show (exact when no empty cell was lost) first."""
    m = len(row.values)
    if m >= n:
        return [tuple(range(n))]
    slots = row.slots[:m] or [0] * m

    def allowed(c: Placement) -> bool:
        if any(c[k] < slots[k] for k in range(m)):
            return False
        return all(c[k] - c[k - 1] >= slots[k] - slots[k - 1] for k in range(1, m))

    cands = [c for c in itertools.combinations(range(n), m) if allowed(c)]
    hinted = tuple(slots)
    # closest to the printed cells first; ties left to right
    return sorted(cands, key=lambda c: (c != hinted, _distance(c, hinted), c))


def _assign_columns(
    rows: list[Row], total: Row, n: int, vals: list[list[float]], required: list[dict[int, float] | None]
) -> tuple[list[Placement], Placement, bool]:
    """Column index of each printed amount, for every post row and for the sum row.

    A search over every row's allowed placements (see `_options`) for one in which each column of
    posts adds up to the printed "Sum kap." cell (an empty sum cell: nothing in that column). A row's
    `required` entries {column: value} come from the proposed resolution and restrict its placements
    (the forslag column holds the resolution's amount, or stays empty if the post is not proposed);
    if no placement satisfies them the restriction is dropped, since the document may disagree with
    itself. With no reconciling placement the printed cells' own placement is kept (the sum check then
    fails, which is the information the analyst needs).
    """
    items = [total, *rows]
    ivals = [vals[-1], *vals[:-1]]
    ireq = [None, *required]
    base_opts = [_options(r, n) for r in items]

    def restricted(i: int) -> list[Placement]:
        req = ireq[i]
        if not req:
            return base_opts[i]
        keep = []
        for c in base_opts[i]:
            at = dict(zip(c, ivals[i], strict=False))
            if all(_meets(at, col, v) for col, v in req.items()):
                keep.append(c)
        return keep or base_opts[i]

    for opts in ([restricted(i) for i in range(len(items))], base_opts):
        found = _search(opts, ivals, n)
        if found is not None:
            return list(found[1:]), found[0], True
    first = [o[0] for o in base_opts]
    return first[1:], first[0], False


def _meets(at: dict[int, float], col: int, v: float | None) -> bool:
    """Column `col` holds `v`, or is empty when `v` is None."""
    return col not in at if v is None else col in at and abs(at[col] - v) < 0.5


def _search(opts: list[list[Placement]], vals: list[list[float]], n: int) -> list[Placement] | None:
    """Depth-first search (item 0 is the sum row) with a column checked as soon as no later row can
    still add to it; bounded so that a pathological table cannot stall the run."""
    last_use = [-1] * n
    for i, o in enumerate(opts):
        for c in o:
            for col in c:
                last_use[col] = max(last_use[col], i)
    sums = [0.0] * n
    printed = [0.0] * n
    choice: list[Placement] = []
    budget = [200_000]

    def ok_at(i: int) -> bool:
        return all(abs(sums[c] - printed[c]) < 0.5 for c in range(n) if last_use[c] == i)

    def dfs(i: int) -> bool:
        if i == len(opts):
            return True
        for c in opts[i]:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            target = printed if i == 0 else sums
            for v, col in zip(vals[i], c, strict=False):
                target[col] += v
            if ok_at(i):
                choice.append(c)
                if dfs(i + 1):
                    return True
                choice.pop()
            for v, col in zip(vals[i], c, strict=False):
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
        if in_table and c is None and is_furniture(doc, ln.no):
            continue
        if total is not None and (c is None or not NUM_CELL.match(c)):
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
        elif c is not None and NUM_CELL.match(c) and (total is not None or row is not None):
            # (outside a row a number is a header year printed on its own line: "Regnskap" / "2023")
            target = total if total is not None else row
            if target is not None:
                target.add(c, ln.no, empties)
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
                r.values, r.slots = r.values[:-1], r.slots[:-1]
    vals = [[value_of(raw) or 0.0 for raw, _ in r.values[:n]] for r in [*rows, total]]
    f_col = next((i for i, (kind, _y) in enumerate(cols) if kind == "forslag"), None)
    required: list[dict[int, float] | None] = []
    for r in rows:
        req = None
        if f_col is not None and (kap, cols[f_col][1]) in vedtak_kap and r.post is not None:
            hit = vedtak.get((kap, r.post))
            # the resolution proposes the post in kroner: the forslag cell, in the table's unit
            req = {f_col: hit[0] / unit if hit and hit[1] == cols[f_col][1] else None}
        required.append(req)
    row_cols, total_cols, _reconciled = _assign_columns(rows, total, n, vals, required)
    navn = heading[1] if heading and heading[0] == kap else None
    kilde = f"Kap. {kap}{' ' + navn if navn else ''} (i 1 000 kr)" if unit == 1000 else f"Kap. {kap}"
    sums = [0] * n
    for r, rc in zip(rows, row_cols, strict=True):
        postnavn = join_lines(r.name_lines) or None
        for (raw, linje), c in zip(r.values, rc, strict=False):
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
    for (raw, linje), c in zip(total.values, total_cols, strict=False):
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
        c = cell(text)
        if VEDTAK_HEADER.match(c if c is not None else text.strip()):
            no += 1
            continue
        if c is None:
            if is_furniture(doc, no):
                no += 1
                continue
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
        elif NUM_CELL.match(c):
            v = value_of(c)
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
                    raw=c,
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
            c = cell(text)
            if c is None and is_furniture(doc, no - 1):
                continue
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
    LOOSE_CELLS.set(not any(ln.text.lstrip(" ").startswith("\t") for ln in ctx.doc.lines))
    # the resolution first: its amounts place the forslag column of the kapittel tables
    vedtak = _vedtak(ctx)
    forslag = _kapittel_tables(ctx, vedtak)
    _vedtak_checks(ctx, vedtak, forslag)
    _fullmakter(ctx)
