"""Prop. 1 S: kapittel tables "(i 1 000 kr)", the "Forslag til vedtak" section and its fullmakt tables.

The text layer prints one table cell per line, each cell starting with a tab ("\t01", "\tDriftsutgifter",
"\t282 495"); empty cells are mostly left out, so a row can carry fewer amounts than the table has
columns. Which columns they belong to is decided by the table's own arithmetic: the printed
"Sum kap." row must equal the sum of its posts in every column (see `_assign_columns`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.common import Ctx, kroner, value_of
from hdir_extract.parsing.text import join_lines

CELL = regex.compile(r"^[ ]*\t(.*)$")
NUM_CELL = regex.compile(r"^[-\u2212\u2013]?\s?\d{1,3}(?: \d{3})*(?:,\d+)?$|^[-\u2212\u2013]?\d+(?:,\d+)?$")
POST_CELL = regex.compile(r"^\d{1,2}$")
KAP_CELL = regex.compile(r"^\d{3,4}$")
SUM_KAP = regex.compile(r"^Sum kap\.?\s*(\d{3,4})\s*$", regex.I)
KAP_HEADING = regex.compile(r"^\s*Kap\.\s+(\d{3,4})\s+(\p{L}.{0,150})$")
UNIT_THOUSAND = regex.compile(r"\(i 1 ?000 kr(oner)?\)", regex.I)
#: a header fragment: a column word and/or a year, nothing else (wrapped headers print them split)
HEADER_PART = regex.compile(r"^(Regnskap|Saldert|Saldert budsjett|budsjett|Forslag)?\s*(\d{4})?$", regex.I)
COLUMN_WORDS = (
    ("regnskap", "regnskap"),
    ("saldert", "saldert_budsjett"),
    ("budsjett", "saldert_budsjett"),
    ("forslag", "forslag"),
)


def is_name(c: str | None) -> bool:
    """A post or kapittel name cell: has a letter and is not a "Sum ..." row label."""
    return c is not None and regex.search(r"\p{L}", c) is not None and not c.lower().startswith("sum")


def cell(text: str) -> str | None:
    m = CELL.match(text)
    return m.group(1).strip() if m else None


@dataclass(slots=True)
class Row:
    post: int | None
    name_lines: list[str] = field(default_factory=list)
    linje: int = 0
    values: list[tuple[str, int]] = field(default_factory=list)  # (raw, linje)
    blanks_before_values: int = 0


@dataclass(slots=True)
class Table:
    rows: list[Row] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    unit: int = 1000
    heading: tuple[int, str, int] | None = None  # (kapittel, name, linje)


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


def _assign_columns(rows: list[Row], total: Row, n: int) -> tuple[list[list[int]], list[int], bool]:
    """Column index of each printed amount, for every post row and for the sum row.

    A row with all n amounts is read left to right. A row with fewer is first read with its leading
    empty cells taken from the blank lines printed before its first amount (one blank per empty cell),
    the rest left to right; if the column sums then do not match the printed "Sum kap." row, every
    other placement of the incomplete rows is tried and the first that reconciles is taken.
    """

    def options(row: Row) -> list[tuple[int, ...]]:
        m = len(row.values)
        if m >= n:
            return [tuple(range(n))]
        skip = min(row.blanks_before_values, n - m)
        hinted = tuple(range(skip, skip + m))
        rest = [c for c in itertools.combinations(range(n), m) if c != hinted]
        return [hinted, *rest]

    all_rows = [*rows, total]
    opts = [options(r) for r in all_rows]
    vals = [[value_of(raw) or 0.0 for raw, _ in r.values[:n]] for r in all_rows]

    def fits(choice: tuple[tuple[int, ...], ...]) -> bool:
        sums = [0.0] * n
        printed: list[float | None] = [None] * n
        for r_i, cols in enumerate(choice[:-1]):
            for v, c in zip(vals[r_i], cols, strict=False):
                sums[c] += v
        for v, c in zip(vals[-1], choice[-1], strict=False):
            printed[c] = v
        return all(abs(sums[c] - (printed[c] or 0.0)) < 0.5 for c in range(n))

    first = tuple(o[0] for o in opts)
    if fits(first):
        return [list(c) for c in first[:-1]], list(first[-1]), True
    space = 1
    for o in opts:
        space *= len(o)
    if space <= 20000:
        for choice in itertools.product(*opts):
            if fits(choice):
                return [list(c) for c in choice[:-1]], list(choice[-1]), True
    return [list(c) for c in first[:-1]], list(first[-1]), False


def _kapittel_tables(ctx: Ctx) -> dict[tuple[int, int], int]:
    """Parse every kapittel table; returns forslag per (kapittel, post) in kroner for later checks."""
    doc = ctx.doc
    forslag: dict[tuple[int, int], int] = {}
    last_cols: list[tuple[str, int]] | None = None
    unit = 1000
    heading: tuple[int, str, int] | None = None
    header: list[str] = []
    rows: list[Row] = []
    row: Row | None = None
    total: Row | None = None
    total_kap: int | None = None
    total_linje = 0
    blanks = 0
    n_lines = len(doc.lines)

    def next_cell(i: int) -> str | None:
        for j in range(i + 1, min(i + 4, n_lines + 1)):
            t = doc.text(j)
            if t.strip():
                return cell(t)
        return None

    def finish() -> None:
        nonlocal rows, row, total, header, last_cols
        if total is not None and rows and total_kap is not None:
            cols = _columns(header, doc.aar, last_cols)
            width = max(len(r.values) for r in [*rows, total])
            if len(cols) < width:
                # a truncated header names fewer columns than the rows print: reuse the last full one
                cols = _columns([], doc.aar, last_cols)
            if len(cols) >= width:
                if any(h.lower().startswith("regnskap") for h in header):
                    last_cols = cols
                _emit_table(ctx, rows, total, total_kap, total_linje, cols, unit, heading, forslag)
        rows, row, total, header = [], None, None, []

    for ln in doc.lines:
        text = ln.text
        if not text.strip():
            blanks += 1
            continue
        c = cell(text)
        if total is not None and (c is None or not NUM_CELL.match(c)):
            finish()
        m = KAP_HEADING.match(text) if c is None else None
        if m and ", post" not in text:
            heading = (int(m.group(1)), m.group(2).strip(), ln.no)
            rows, row, header = [], None, []
            blanks = 0
            continue
        if (c is not None and UNIT_THOUSAND.search(c)) or (c is None and UNIT_THOUSAND.search(text)):
            unit = 1000
            rows, row, header = [], None, []
        elif c is not None and POST_CELL.match(c) and is_name(next_cell(ln.no)):
            row = Row(post=int(c), linje=ln.no)
            rows.append(row)
        elif c is not None and (sm := SUM_KAP.match(c)):
            total = Row(post=None, linje=ln.no)
            total_kap, total_linje = int(sm.group(1)), ln.no
            row = None
        elif c is not None and NUM_CELL.match(c):
            target = total if total is not None else row
            if target is not None:
                if not target.values:
                    # blank lines before a row's first amount stand for its empty leading cells
                    target.blanks_before_values = blanks
                target.values.append((c, ln.no))
        elif row is not None and not row.values and (c is not None or len(text) < 120):
            row.name_lines.append(c if c is not None else text.strip())
        elif row is None and total is None:
            part = c if c is not None else text.strip()
            if c is not None and part.lower() in {"post", "kap.", "post-gr."}:
                header = [part]
            elif HEADER_PART.match(part) or c is not None:
                header.append(part)
            elif len(text) > 60:
                header = []
        elif row is not None and row.values:
            # prose after a row without a "Sum kap." line: not a kapittel table after all
            rows, row, header = [], None, []
        blanks = 0
    finish()
    return forslag


def _emit_table(ctx, rows, total, kap, sum_linje, cols, unit, heading, forslag) -> None:
    n = len(cols)
    if header_is_not_post(rows):
        return
    row_cols, total_cols, _reconciled = _assign_columns(rows, total, n)  # a miss shows in the sum check
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
FULLMAKT_KIND = (("bestillingsfullmakt", "bestillingsfullmakt"), ("tilsagnsfullmakt", "tilsagnsfullmakt"))


def _vedtak(ctx: Ctx, forslag: dict[tuple[int, int], int]) -> None:
    """The proposed resolution: "Kap. Post ... Kroner Kroner" tables, amounts in whole kroner.

    Cells: a kapittel cell ("\t700") then its name, a post cell ("\t01") then its name and its amount;
    the kapittel total is printed as a second amount after the last post. "Sum ..." cells are
    programme-category or grand totals and give no rows.
    """
    doc = ctx.doc
    aar = doc.aar
    lines = doc.lines
    i = 0
    while i < len(lines):
        if cell(lines[i].text) == "Kroner" and cell(doc.text(lines[i].no + 1)) == "Kroner":
            start = lines[i].no
            # the budget year is named in the section's preamble; fall back to the document year
            for j in range(start - 1, max(start - 40, 0), -1):
                if (m := BUDSJETTAAR.search(doc.text(j))) is not None:
                    aar = int(m.group(1))
                    break
            section = next(
                (
                    doc.text(j).strip().rstrip(":")
                    for j in range(start - 1, max(start - 6, 0), -1)
                    if doc.text(j).strip().rstrip(":") in {"Utgifter", "Inntekter"}
                ),
                "",
            )
            i = _vedtak_table(ctx, start + 2, aar, section, forslag) - 1
        i += 1


def _vedtak_table(ctx: Ctx, start: int, aar: int | None, section: str, forslag) -> int:
    doc = ctx.doc
    kap: int | None = None
    navn: str | None = None
    post: int | None = None
    postnavn: list[str] = []
    posts: list[int] = []
    in_sum = False
    kilde = f"Forslag til vedtak, {section} (kroner)".replace(",  (", ", (")
    no = start
    while no <= len(doc.lines):
        text = doc.text(no)
        if not text.strip():
            no += 1
            continue
        c = cell(text)
        if c is None:
            if SECTION_END.match(text) or len(text) > 40:
                break
            if post is not None and postnavn:
                postnavn.append(text.strip())
            no += 1
            continue
        nxt = _next_nonblank(doc, no)
        if KAP_CELL.match(c) and is_name(nxt):
            kap, navn, post, posts, in_sum = int(c), None, None, [], False
            navn_line = _next_nonblank_no(doc, no)
            navn = cell(doc.text(navn_line)) if navn_line else None
            no = (navn_line or no) + 1
            continue
        if POST_CELL.match(c) and kap is not None and is_name(nxt):
            post, postnavn, in_sum = int(c), [], False
            no += 1
            continue
        if c.lower().startswith("sum"):
            in_sum, post = True, None
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
                if (kap, post) in forslag:
                    ctx.check(
                        "forslag_vedtak_mot_forslag",
                        f"kap {kap} post {post:02d} forslag {aar}",
                        forslag[(kap, post)],
                        belop,
                        no,
                        f"Kap. {kap} post {post:02d} vedtak vs table",
                    )
                post = None
            else:
                ctx.check(
                    "sum_kapittel",
                    f"kap {kap} forslag_vedtak {aar}",
                    kroner(v, 1),
                    sum(posts),
                    no,
                    f"Kap. {kap} total in Forslag til vedtak",
                )
        elif (post is not None and not postnavn) or post is not None:
            postnavn.append(c)
        no += 1
    return no


def _next_nonblank_no(doc, no: int) -> int | None:
    for j in range(no + 1, min(no + 8, len(doc.lines) + 1)):
        if doc.text(j).strip():
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
        for j in range(ln.no - 1, max(ln.no - 12, 0), -1):
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
    forslag = _kapittel_tables(ctx)
    _vedtak(ctx, forslag)
    _fullmakter(ctx)
