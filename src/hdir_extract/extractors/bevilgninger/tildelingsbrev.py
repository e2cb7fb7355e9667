"""Tildelingsbrev: allocation tables of the main letter and supplementary letters' change tables.

Layouts met (text flow, one row per kapittel/post, names wrapped, blank lines between):
- "Kap. Post Postnavn Bevilgning 2023 Tildeling 2023": "740 01 Driftsutgifter 1 305 832 1 305 832",
  post-only rows " 21 Spesielle driftsutgifter, kan" / "overføres" / "35 149 35 149";
- "Kap./post Benevnelse Tildeling Kommentarer": "702.70 Tilskudd 4 899 Tildelingen dekker ...", the
  amount followed by a comment that may itself start with digits;
- change tables "Kap. post Tidligere tildeling Ny tildeling Sum tildelt 2026":
  "760.21 335 550 12 200 347 750", and headerless ones ("Tidligere tildeling Ny tildeling Sum
  tildelt" / "187 166 000 kroner 8 500 000 kroner ...") whose kapittel and post stand in the heading above
  ("Kap. 765, post 21");
- fullmakt tables "Kap. Post Betegnelse Samlet ramme" ("89 mill. kroner").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.common import (
    PAGE_FOOTER,
    Amount,
    Ctx,
    Tok,
    amounts_from,
    kroner,
    raw_of,
    segmentations,
    tokens,
    valid_number,
    value_of,
)
from hdir_extract.extractors.brev.letters import letter_at, segment_letters
from hdir_extract.parsing.text import join_lines

COLUMN = regex.compile(
    r"(?P<w>Tidligere\s+(?:tildeling|bevilgning)|Ny\s+tildeling|Sum\s+tildelt|Bevilgning|Tildeling|Samlet\s+ramme)"
    r"(?:\s+(?P<y>\d{4}))?",
    regex.I,
)
KINDS = (
    ("tidligere", "tidligere_tildeling"),
    ("ny", "ny_tildeling"),
    ("sum", "sum_tildelt"),
    ("bevilgning", "bevilgning"),
    ("tildeling", "tildeling"),
    ("samlet", "samlet_ramme"),
)
KAP_WORD = regex.compile(r"\bKap\b|\bKap\.", regex.I)
#: a unit statement standing alone on its line: "Alle tall i hele tusen", "(alle tall i 1 000 kroner)"
UNIT_LINE = regex.compile(
    r"\(?\s*(?:alle\s+(?:tall|beløp)\s+)?(?:oppgitt\s+)?i\s+(?:hele\s+)?"
    r"(?:1 ?000\s*kr(?:oner)?|tusen(?:\s+kroner)?|kroner|kr|mill(?:ioner|\.)?\s*kr(?:oner)?)\.?\s*\)?",
    regex.I,
)
KAP_POST = regex.compile(r"^\s*(?P<kap>\d{3,4})(?P<sep>\.|\s+)(?P<post>\d{2})(?=\s|$)(?P<rest>.*)$")
POST_ONLY = regex.compile(r"^\s*(?P<post>\d{2})\s+(?P<rest>\p{L}.*)$")
KAP_ONLY = regex.compile(r"^\s*(?P<kap>\d{3,4})\s+(?P<rest>\p{L}.*)$")
HEADING = regex.compile(r"^\s*\d{1,2}(?:\.\d+)+\.?\s+\p{L}")
KAP_POST_PROSE = regex.compile(r"Kap\.\s*(\d{3,4}),?\s*post\s*(\d{1,2})", regex.I)
#: a unit printed with the amount itself ("8 500 000 kroner", "89 mill. kroner")
UNIT_AFTER = regex.compile(r"\s*(?P<u>mill\.?|millioner|mrd\.?|milliarder)?\s*(?:kr\.?|kroner)\b", regex.I)
#: words that begin a comment after an amount ("1,5 mill. kroner til ..." after "1 500")
UNIT_WORD = regex.compile(r"\s*(mill|millioner|mrd|kr\b|kroner|prosent|pst)", regex.I)
MERKNAD = regex.compile(r"\b(Netto mellomregning\b.*)$", regex.I)
NAME_ENDS_WITH_POST = regex.compile(r"\b(post|postene|under)\s*$", regex.I)


@dataclass(slots=True)
class Column:
    kind: str
    aar: int | None


@dataclass(slots=True)
class Spec:
    columns: list[Column]
    unit: int
    comments: bool  # a "Kommentarer" column follows the amount
    kilde: str
    fullmakt: str | None = None
    prose_kap: tuple[int, int] | None = None  # kapittel/post from the heading above (headerless rows)


@dataclass(slots=True)
class TRow:
    kap: int
    post: int
    linje: int
    name: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    merknad: list[str] = field(default_factory=list)
    merknad_linje: int | None = None
    units: list[int] = field(default_factory=list)


def _printed(ctx: Ctx, no: int, k: int, step: int = 1) -> list[int]:
    """The next `k` lines with text after (step 1) or before (step -1) line `no`.

    Look-arounds count printed lines, never raw lines: another text extraction of the same letter
    doubles or drops the blank lines between them.
    """
    out: list[int] = []
    j = no + step
    while 1 <= j <= len(ctx.doc.lines) and len(out) < k:
        if ctx.doc.text(j).strip():
            out.append(j)
        j += step
    return out


def _header(ctx: Ctx, no: int) -> list[Column] | None:
    """Columns named on header line `no`, or None when the line is no table header."""
    text = ctx.doc.text(no)
    if len(text) > 120:
        return None
    cols = [m for m in COLUMN.finditer(text)]
    if not cols:
        return None
    has_kap = regex.match(r"\s*Kap\b", text, regex.I) is not None and regex.search(r"post", text, regex.I)
    # without "Kap. post" the line must hold nothing but column words and years (not prose that
    # happens to say "tildeling av bevilgning")
    bare = COLUMN.sub("", text).strip()
    if not has_kap and (len(cols) < 2 or bare):
        return None
    if has_kap and len(text) > 90:
        return None
    out = []
    for m in cols:
        w = m.group("w").lower()
        kind = next(k for p, k in KINDS if w.startswith(p))
        out.append(Column(kind, int(m.group("y")) if m.group("y") else None))
    # a year printed on its own line under the header ("Tildeling" / "2026") belongs to yearless columns
    for j in _printed(ctx, no, 2):
        t = ctx.doc.text(j).strip()
        if regex.fullmatch(r"\d{4}", t):
            for c in out:
                c.aar = c.aar or int(t)
            break
    return out


def _unit_before(ctx: Ctx, no: int) -> int | None:
    """The unit stated just above a table ("Alle tall i hele tusen", "(alle tall i 1 000 kroner)")."""
    seen = 0
    for j in range(no - 1, 0, -1):
        t = ctx.doc.text(j)
        if not t.strip():
            continue
        seen += 1
        if seen > 4:
            return None
        u = _unit_of(t)
        if u is not None:
            return u
    return None


def _unit_of(text: str) -> int | None:
    low = text.lower().strip()
    if not UNIT_LINE.fullmatch(low):
        return None
    if "tusen" in low or regex.search(r"1 ?000", low):
        return 1000
    if "mill" in low:
        return 1_000_000
    return 1


def _fullmakt_kind(ctx: Ctx, no: int) -> str | None:
    for j in _printed(ctx, no, 6, -1):
        low = ctx.doc.text(j).lower()
        if "bestillingsfullmakt" in low:
            return "bestillingsfullmakt"
        if "tilsagnsfullmakt" in low:
            return "tilsagnsfullmakt"
    return None


def _kilde(ctx: Ctx, no: int) -> str:
    """The nearest heading above the table (e.g. "2.1.2 Tildelinger", "4.1. Utgifter")."""
    for j in _printed(ctx, no, 20, -1):
        t = ctx.doc.text(j).strip()
        if HEADING.match(t) or regex.match(r"^\d+(\.\d+)*\.?\s+Tildeling", t):
            return t
    return ctx.doc.text(no).strip()


def _prose_kap(ctx: Ctx, no: int) -> tuple[int, int] | None:
    """The "Kap. 765, post 21" heading a headerless change table belongs to."""
    for j in _printed(ctx, no, 30, -1):
        t = ctx.doc.text(j).strip()
        m = KAP_POST_PROSE.match(t)
        if m and len(t) < 40:
            return int(m.group(1)), int(m.group(2))
    return None


# --- amounts on one line -------------------------------------------------------------------------


def _with_units(text: str, start: int) -> tuple[list[list[Tok]], list[int]] | None:
    """Amounts each followed by their own unit ("187 166 000 kroner 8 500 000 kroner ...")."""
    parts, units = [], []
    pos = start
    toks = [t for t in tokens(text) if t.start >= start]
    cur: list[Tok] = []
    for t in toks:
        cur.append(t)
        m = UNIT_AFTER.match(text, t.end)
        if m and valid_number(cur):
            parts.append(cur)
            u = (m.group("u") or "").lower()
            units.append(1_000_000_000 if u.startswith(("mrd", "milliard")) else 1_000_000 if u else 1)
            cur, pos = [], m.end()
    if not parts or cur or text[pos:].strip():
        return None
    return parts, units


def _score(kinds: list[str], vals: list[float], parts: list[list[Tok]]) -> tuple[float, float]:
    """Lower is better: first the table's arithmetic, then balanced column widths.

    Change tables: tidligere + ny = sum tildelt. Allocation tables: the tildeling does not exceed the
    bevilgning. Among splits that satisfy the arithmetic, the one with the most even number of digit
    groups per column wins ("215 951 185 951" -> 215 951 | 185 951).
    """
    idx = {k: i for i, k in enumerate(kinds)}
    bad = 0.0
    if {"tidligere_tildeling", "ny_tildeling", "sum_tildelt"} <= idx.keys():
        a, b, c = (vals[idx[k]] for k in ("tidligere_tildeling", "ny_tildeling", "sum_tildelt"))
        bad = abs(a + b - c)
    elif {"bevilgning", "tildeling"} <= idx.keys():
        bad = float(vals[idx["tildeling"]] > vals[idx["bevilgning"]])
    widths = [len(p) for p in parts]
    return bad, float(max(widths) - min(widths))


def _split(text: str, toks: list[Tok], kinds: list[str]) -> list[list[Tok]] | None:
    cands = segmentations(toks, len(kinds))
    best, best_s = None, None
    for c in cands:
        vals = [value_of(raw_of(text, p)) for p in c]
        if any(v is None for v in vals):
            continue
        s = _score(kinds, [v or 0.0 for v in vals], c)
        if best_s is None or s < best_s:
            best, best_s = c, s
    return best


def _trailing_amounts(text: str, start: int, kinds: list[str]) -> tuple[list[list[Tok]], int] | None:
    """Amounts ending the line: the longest run of trailing digit groups that splits into the columns.

    Returns the split and the character offset where the amounts begin (the name ends there).
    """
    toks = [t for t in tokens(text) if t.start >= start]
    if not toks or text[toks[-1].end :].strip():
        return None
    # the run must be contiguous: only spaces between the groups
    run: list[Tok] = [toks[-1]]
    for t in reversed(toks[:-1]):
        if text[t.end : run[0].start].strip():
            break
        run.insert(0, t)
    for i in range(len(run)):
        split = _split(text, run[i:], kinds)
        if split:
            return split, run[i].start
    return None


def _leading_amount(text: str, start: int) -> tuple[list[Tok], int] | None:
    """One amount followed by a comment ("4 899 Tildelingen dekker ...", "1 500 1,5 mill. kroner ...").

    Digit groups are taken greedily while they form one number; a group directly followed by a unit
    word ("1,5 mill.", "100 mill.") is the start of the comment, not part of the amount.
    """
    toks = [t for t in tokens(text) if t.start >= start]
    if not toks or text[start : toks[0].start].strip():
        return None
    part = [toks[0]]
    for t in toks[1:]:
        if text[part[-1].end : t.start] != " " or not valid_number([*part, t]):
            break
        part.append(t)
    while len(part) > 1 and UNIT_WORD.match(text, part[-1].end):
        part.pop()
    if UNIT_WORD.match(text, part[-1].end) and len(part) == 1:
        return None
    return part, part[-1].end


# --- tables --------------------------------------------------------------------------------------


def _parse_table(ctx: Ctx, spec: Spec, start: int) -> int:
    """Read rows from line `start` on; returns the first line after the table."""
    doc = ctx.doc
    kinds = [c.kind for c in spec.columns]
    rows: list[TRow] = []
    row: TRow | None = None
    kap: int | None = None
    dotted = False
    no = start
    while no <= len(doc.lines):
        text = doc.text(no)
        if not text.strip() or PAGE_FOOTER.match(text):
            no += 1
            continue
        if no > start and (_header(ctx, no) or HEADING.match(text) or _unit_of(text) is not None):
            break
        m = KAP_POST.match(text)
        name_cont = (
            row is not None and row.name and NAME_ENDS_WITH_POST.search(row.name[-1]) and not row.amounts
        )
        had = bool(row and row.amounts)
        if m and not name_cont:
            kap, dotted = int(m.group("kap")), m.group("sep") == "."
            row = TRow(kap, int(m.group("post")), no)
            rows.append(row)
            had = False
            _fill(ctx, spec, row, text, m.start("rest"), kinds, no, first=True)
        elif (m := POST_ONLY.match(text)) and kap is not None and not dotted and not name_cont:
            row = TRow(kap, int(m.group("post")), no)
            rows.append(row)
            _fill(ctx, spec, row, text, m.start("rest"), kinds, no, first=True)
        elif (m := KAP_ONLY.match(text)) and spec.fullmakt and (row is None or row.amounts):
            kap, row = int(m.group("kap")), None
        elif spec.prose_kap and row is None:
            row = TRow(spec.prose_kap[0], spec.prose_kap[1], no)
            rows.append(row)
            if not _fill(ctx, spec, row, text, 0, kinds, no, first=False):
                rows.pop()
                break
        elif row is not None:
            if row.amounts and len(row.amounts) >= len(kinds):
                if spec.comments:
                    no += 1
                    continue  # comment lines of the row
                break  # the row is complete and the next line starts no row: the table ended
            if len(text) > 90 and not spec.comments:
                break  # prose after the table
            _fill(ctx, spec, row, text, 0, kinds, no, first=False)
        else:
            break
        if row is not None and row.amounts and not had and len(kinds) == 1:
            no = _split_number(ctx, row, no)
        no += 1
    _emit(ctx, spec, rows)
    return no


def _split_number(ctx: Ctx, row: TRow, no: int) -> int:
    """A number broken over two lines ("15 569" / "000"): a line holding only one 3-digit group right
    after an amount that ends its line completes that amount. Returns the last line consumed."""
    a = row.amounts[-1]
    if not ctx.doc.text(no).rstrip().endswith(a.raw):
        return no
    for j in _printed(ctx, no, 1):
        t = ctx.doc.text(j).strip()
        if regex.fullmatch(r"\d{3}", t) and not a.decimal:
            a.value = a.value * 1000 + (int(t) if a.value >= 0 else -int(t))
            return j
        break
    return no


def _fill(
    ctx: Ctx, spec: Spec, row: TRow, text: str, start: int, kinds: list[str], no: int, first: bool
) -> bool:
    """Add the name, amounts or merknad that line `no` carries to `row`."""
    if row.amounts and spec.comments:
        return True
    name_cont = bool(row.name) and NAME_ENDS_WITH_POST.search(row.name[-1]) is not None
    got = _with_units(text, start) if not name_cont else None
    if got:
        parts, units = got
        if len(parts) == len(kinds):
            row.amounts = amounts_from(text, no, parts)
            row.units = units
            return True
    if not name_cont and spec.comments and len(kinds) == 1 and not first:
        lead = _leading_amount(text, start)
        if lead:
            row.amounts = amounts_from(text, no, [lead[0]])
            return True
    if not name_cont:
        trail = _trailing_amounts(text, start, kinds)
        if trail:
            parts, at = trail
            _name(row, text[start:at])
            row.amounts = amounts_from(text, no, parts)
            return True
        if spec.comments and len(kinds) == 1 and first:
            # "702.70 Tilskudd 4 899 Tildelingen dekker ...": the first number after the name
            for t in tokens(text):
                if t.start >= start and regex.search(r"\p{L}", text[start : t.start]):
                    lead = _leading_amount(text, t.start)
                    if lead:
                        _name(row, text[start : t.start])
                        row.amounts = amounts_from(text, no, [lead[0]])
                        return True
                    break
    mk = MERKNAD.search(text, start)
    if mk or row.merknad:
        if mk:
            _name(row, text[start : mk.start()])
            row.merknad.append(mk.group(1))
            row.merknad_linje = no
        else:
            row.merknad.append(text.strip())
        return True
    if first or not row.amounts:
        _name(row, text[start:])
    return False


def _name(row: TRow, text: str) -> None:
    if text.strip():
        row.name.append(text.strip())


def _units(spec: Spec, rows: list[TRow]) -> list[list[int]]:
    """Unit per amount.

    The header's unit, except: an amount printed with its own unit ("kroner", "mill. kroner") uses it;
    an amount with a decimal comma in a thousand-kroner table is in millions ("3 624,4" under "Alle
    tall i hele tusen" is 3 624,4 mill.), and so are the kapittel's comma-less amounts under 1 000
    printed in the same table (a post of a few hundred thousand kroner beside posts of billions is a
    million figure with its decimals dropped: "418" beside "2 607,4").
    """
    comma_kap = {r.kap for r in rows if any(a.decimal for a in r.amounts)}
    out = []
    for r in rows:
        units = []
        for i, a in enumerate(r.amounts):
            if r.units:
                units.append(r.units[i])
            elif spec.unit == 1000 and (a.decimal or (r.kap in comma_kap and abs(a.value) < 1000)):
                units.append(1_000_000)
            else:
                units.append(spec.unit)
        out.append(units)
    return out


def _emit(ctx: Ctx, spec: Spec, rows: list[TRow]) -> None:
    segs = ctx.letters
    for r, units in zip(rows, _units(spec, rows), strict=True):
        seg = letter_at(segs, r.linje)
        brev = {
            "brev_nr": seg.brev_nr if seg else None,
            "brev_dato": seg.dato if seg and seg.brevtype == "tillegg" else None,
        }
        postnavn = join_lines(r.name) or None
        kinds = [spec.fullmakt or c.kind for c in spec.columns]
        years = [c.aar or ctx.doc.aar for c in spec.columns]
        if not r.amounts and r.merknad:
            for kind, year in zip(kinds, years, strict=True):
                ctx.add(
                    kapittel=r.kap,
                    post=r.post,
                    postnavn=postnavn,
                    belopstype=kind,
                    aar=year,
                    belop_nok=None,
                    merknad=join_lines(r.merknad),
                    kilde=spec.kilde,
                    raw=None,
                    linje=r.merknad_linje,
                    **brev,
                )
            continue
        if len(r.amounts) != len(kinds):
            continue
        vals = {}
        for a, kind, year, unit in zip(r.amounts, kinds, years, units, strict=True):
            belop = kroner(a.value, unit)
            vals[kind] = (belop, a.linje)
            ctx.add(
                kapittel=r.kap,
                post=r.post,
                postnavn=postnavn,
                belopstype=kind,
                aar=year,
                belop_nok=belop,
                kilde=spec.kilde,
                raw=a.raw,
                linje=a.linje,
                **brev,
            )
        if {"tidligere_tildeling", "ny_tildeling", "sum_tildelt"} <= vals.keys():
            s, linje = vals["sum_tildelt"]
            ctx.check(
                "tidligere_pluss_ny",
                f"kap {r.kap} post {r.post:02d} brev {brev['brev_nr']}",
                s,
                vals["tidligere_tildeling"][0] + vals["ny_tildeling"][0],
                linje,
                f"Kap. {r.kap} post {r.post:02d} sum tildelt vs tidligere + ny",
            )


def extract_tildelingsbrev(ctx: Ctx) -> None:
    doc = ctx.doc
    ctx.letters = segment_letters(doc)
    last: Spec | None = None
    no = 1
    while no <= len(doc.lines):
        cols = _header(ctx, no)
        text = doc.text(no)
        if cols:
            unit = _unit_before(ctx, no)
            has_kap = KAP_WORD.search(text) is not None
            spec = Spec(
                columns=cols,
                unit=unit if unit is not None else 1000,  # tildelingsbrev tables are in thousands by custom
                comments=any("kommentar" in doc.text(j).lower() for j in [no, *_printed(ctx, no, 3)]),
                kilde=_kilde(ctx, no),
                fullmakt=_fullmakt_kind(ctx, no) if cols[0].kind == "samlet_ramme" else None,
                prose_kap=None if has_kap else _prose_kap(ctx, no),
            )
            if cols[0].kind == "samlet_ramme" and spec.fullmakt is None:
                no += 1
                continue
            if not has_kap and spec.prose_kap is None:
                no += 1
                continue
            last = spec
            no = _parse_table(ctx, spec, _skip_header(ctx, no))
            continue
        unit = _unit_of(text) if text.strip() else None
        if unit is not None and last is not None and last.fullmakt is None:
            # a unit line directly followed by rows continues the last table's columns (no header)
            nxt = next(iter(_printed(ctx, no, 1)), None)
            if nxt and KAP_POST.match(doc.text(nxt)) and not _header(ctx, nxt):
                spec = Spec(columns=last.columns, unit=unit, comments=last.comments, kilde=_kilde(ctx, no))
                no = _parse_table(ctx, spec, nxt)
                continue
        no += 1


def _skip_header(ctx: Ctx, no: int) -> int:
    """First line after the header and its wrapped parts ("Kommentarer", a lone year)."""
    j = no + 1
    while j <= len(ctx.doc.lines):
        t = ctx.doc.text(j).strip()
        if t and not regex.fullmatch(r"(Kommentarer?|\d{4})", t, flags=regex.I):
            return j
        j += 1
    return j
