"""Allocation tables of the tildelingsbrev family, read from the document's printed rows (`printed`).

Layouts met (text flow, one row per kapittel/post, names wrapped, blank lines between):
- "Kap. Post Postnavn Bevilgning 2023 Tildeling 2023": "740 01 Driftsutgifter 1 305 832 1 305 832",
  post-only rows " 21 Spesielle driftsutgifter, kan" / "overføres" / "35 149 35 149";
- "Kap./post Benevnelse Tildeling Kommentarer": "702.70 Tilskudd 4 899 Tildelingen dekker ...", the
  amount followed by a comment that may itself start with digits;
- change tables "Kap. post Tidligere tildeling Ny tildeling Sum tildelt 2026":
  "760.21 335 550 12 200 347 750", and headerless ones ("Tidligere tildeling Ny tildeling Sum
  tildelt" / "187 166 000 kroner 8 500 000 kroner ...") whose kapittel and post stand in the heading above
  ("Kap. 765, post 21");
- fullmakt tables "Kap. Post Betegnelse Samlet ramme" ("89 mill. kroner");
- grid tables (Markdown, DOCX): "Kap. post | Tidligere tildeling | Ny tildeling | | Sum tildeling" with a
  row "714.21 | 102 700 | | 4 676 | 107 376" (a converter's stray column), or an oppdragsdokument's
  "Kapittel | Post | Betegnelse | Bevilgning" with a "Sum" row.

`read_tables` returns each table's columns, unit and rows; `tildelingsbrev` turns them into records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.common import Amount, amounts_from, tokens
from hdir_extract.extractors.bevilgninger.letter_amounts import leading_amount, trailing_amounts, with_units
from hdir_extract.extractors.bevilgninger.printed import Printed

COLUMN = regex.compile(
    r"(?P<w>Tidligere\s+(?:tildeling|bevilgning)|Ny\s+tildeling|Sum\s+tildel(?:t|ing)|Bevilgning|Tildeling"
    r"|Samlet\s+ramme)(?:\s+(?P<y>\d{4}))?",
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
#: "Kap.", "Kap", "Kapittel" opening a column header
KAP_HEAD = regex.compile(r"\s*Kap(?:\.|ittel\b|\b)", regex.I)
KAP_WORD = regex.compile(r"\bKap(?:ittel)?\b|\bKap\.", regex.I)
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
MERKNAD = regex.compile(r"\b(Netto mellomregning\b.*)$", regex.I)
NAME_ENDS_WITH_POST = regex.compile(r"\b(post|postene|under)\s*$", regex.I)
SUM_ROW = regex.compile(r"^\s*Sum\b", regex.I)


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

    @property
    def kinds(self) -> list[str]:
        return [c.kind for c in self.columns]


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


@dataclass(slots=True)
class Total:
    """A printed "Sum" row of a table: its amount (printed unit) and line."""

    amount: Amount


@dataclass(slots=True)
class Table:
    spec: Spec
    rows: list[TRow]
    totals: list[Total] = field(default_factory=list)


# --- looking around a printed row ----------------------------------------------------------------


def _around(rows: list[Printed], i: int, k: int, step: int = 1) -> list[int]:
    """Indices of the next `k` printed rows after (step 1) or before (step -1) row `i`.

    Look-arounds count printed rows, never raw lines: another text extraction of the same letter
    doubles or drops the blank lines between them."""
    out, j = [], i + step
    while 0 <= j < len(rows) and len(out) < k:
        out.append(j)
        j += step
    return out


#: a column word whose noun a wrapped header cell printed after the year of the next cell ("Ny 2026
#: tildeling": "Ny" / "tildeling" wrapped in its cell, "2026" beside it in the next one)
DISPLACED = regex.compile(r"\b(Tidligere|Ny)\s+((?:19|20)\d\d)\s+(tildeling|bevilgning)\b", regex.I)
#: the rest of a header wrapped onto printed lines of its own: column words and years only
HEAD_REST = regex.compile(r"(?:(?:tildel(?:ing|t)|bevilgning|Ny|Tidligere|Sum|(?:19|20)\d\d)\s*)+", regex.I)


def _columns(text: str) -> list[Column]:
    out = []
    for m in COLUMN.finditer(DISPLACED.sub(r"\1 \3 \2", text)):
        w = m.group("w").lower()
        kind = next(k for p, k in KINDS if w.startswith(p))
        out.append(Column(kind, int(m.group("y")) if m.group("y") else None))
    return out


def _wrapped_header(rows: list[Printed], i: int, cols: list[Column]) -> tuple[list[Column], int]:
    """A header whose cells wrapped over printed lines of their own ("Kap. post Tidligere 2026" /
    "tildeling Ny tildeling" / "Sum tildelt"): a plain-text extraction prints each line of the head
    apart. The columns of the lines read together where they name more columns than the first line;
    returns them and the index of the head's last line."""
    text, j = rows[i].text, i + 1
    while j < len(rows) and j - i <= 2 and not rows[j].grid and HEAD_REST.fullmatch(rows[j].text.strip()):
        text, j = f"{text} {rows[j].text.strip()}", j + 1
    joined = _columns(text)
    return (joined, j - 1) if len(joined) > len(cols) else (cols, i)


def header(rows: list[Printed], i: int) -> list[Column] | None:
    """Columns named on printed row `i`, or None when the row is no table header."""
    text = rows[i].text
    if len(text) > 120:
        return None
    cols = list(COLUMN.finditer(text))
    if not cols:
        return None
    has_kap = KAP_HEAD.match(text) is not None and regex.search(r"post", text, regex.I)
    # without "Kap. post" the row must hold nothing but column words and years (not prose that
    # happens to say "tildeling av bevilgning")
    bare = COLUMN.sub("", text).strip()
    if not has_kap and (len(cols) < 2 or bare):
        return None
    if has_kap and len(text) > 90:
        return None
    out = _columns(text)
    # a year printed on its own line under the header ("Tildeling" / "2026") belongs to yearless columns
    for j in _around(rows, i, 2):
        t = rows[j].text.strip()
        if regex.fullmatch(r"\d{4}", t):
            for c in out:
                c.aar = c.aar or int(t)
            break
    return out


def unit_of(text: str | None) -> int | None:
    low = (text or "").lower().strip()
    if not UNIT_LINE.fullmatch(low):
        return None
    if "tusen" in low or regex.search(r"1 ?000", low):
        return 1000
    if "mill" in low:
        return 1_000_000
    return 1


def _unit_before(rows: list[Printed], i: int) -> int | None:
    """The unit stated with the table: the grid's unit row, else just above the header
    ("Alle tall i hele tusen", "(alle tall i 1 000 kroner)")."""
    if rows[i].grid and (u := unit_of(rows[i].unit)) is not None:
        return u
    for j in _around(rows, i, 4, -1):
        if (u := unit_of(rows[j].text)) is not None:
            return u
    return None


def _fullmakt_kind(rows: list[Printed], i: int) -> str | None:
    for j in _around(rows, i, 6, -1):
        low = rows[j].text.lower()
        if "bestillingsfullmakt" in low:
            return "bestillingsfullmakt"
        if "tilsagnsfullmakt" in low:
            return "tilsagnsfullmakt"
    return None


def _kilde(rows: list[Printed], i: int) -> str:
    """The nearest heading above the table (e.g. "2.1.2 Tildelinger", "4.1. Utgifter")."""
    for j in _around(rows, i, 20, -1):
        t = rows[j].text.strip()
        if HEADING.match(t) or regex.match(r"^\d+(\.\d+)*\.?\s+Tildeling", t):
            return t
    return regex.sub(r"\s+", " ", rows[i].text).strip()


def _prose_kap(rows: list[Printed], i: int) -> tuple[int, int] | None:
    """The "Kap. 765, post 21" heading a headerless change table belongs to."""
    for j in _around(rows, i, 30, -1):
        t = rows[j].text.strip()
        m = KAP_POST_PROSE.match(t)
        if m and len(t) < 40:
            return int(m.group(1)), int(m.group(2))
    return None


# --- one printed row's name, amounts or merknad ----------------------------------------------------


def _name(row: TRow, text: str) -> None:
    if text.strip():
        row.name.append(regex.sub(r"\s+", " ", text).strip())


def _fill(spec: Spec, row: TRow, text: str, start: int, no: int, first: bool) -> bool:
    """Add the name, amounts or merknad that printed row `text` (line `no`) carries to `row`."""
    kinds = spec.kinds
    if row.amounts and spec.comments:
        return True
    name_cont = bool(row.name) and NAME_ENDS_WITH_POST.search(row.name[-1]) is not None
    got = with_units(text, start) if not name_cont else None
    if got:
        parts, units = got
        if len(parts) == len(kinds):
            row.amounts = amounts_from(text, no, parts)
            row.units = units
            return True
    if not name_cont and spec.comments and len(kinds) == 1 and not first:
        lead = leading_amount(text, start)
        if lead:
            row.amounts = amounts_from(text, no, [lead[0]])
            return True
    if not name_cont:
        trail = trailing_amounts(text, start, kinds)
        if trail:
            parts, at = trail
            _name(row, text[start:at])
            row.amounts = amounts_from(text, no, parts)
            return True
        if spec.comments and len(kinds) == 1 and first:
            # "702.70 Tilskudd 4 899 Tildelingen dekker ...": the first number after the name
            for t in tokens(text):
                if t.start >= start and regex.search(r"\p{L}", text[start : t.start]):
                    lead = leading_amount(text, t.start)
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


def _split_number(rows: list[Printed], i: int, row: TRow) -> int:
    """A number broken over two lines ("15 569" / "000"): a row holding only one 3-digit group right
    after an amount that ends its line completes that amount. Returns the last row index consumed."""
    a = row.amounts[-1]
    if not rows[i].text.rstrip().endswith(a.raw):
        return i
    for j in _around(rows, i, 1):
        t = rows[j].text.strip()
        if regex.fullmatch(r"\d{3}", t) and not a.decimal:
            a.value = a.value * 1000 + (int(t) if a.value >= 0 else -int(t))
            return j
    return i


# --- tables in a text layer --------------------------------------------------------------------------


def _ends_flow(rows: list[Printed], i: int, start: int) -> bool:
    p = rows[i]
    if i == start:
        return False
    # a grid table with a header row of its own is a table of its own (its rows are read as a grid); the
    # grid rows of a table whose header the reader printed apart (a PDF table found below a header it
    # took for a heading) go on the flow. A header, a numbered heading or a unit line opens another part
    return (
        (p.grid and p.header)
        or header(rows, i) is not None
        or bool(HEADING.match(p.text))
        or unit_of(p.text) is not None
    )


def _repeated_header(rows: list[Printed], i: int, start: int, spec: Spec) -> bool:
    """The table's own header printed again where it goes on over a page break ("Kap. Post Postnavn
    Bevilgning 2023 Tildeling 2023" at the top of the next page): a row of the same block as the row
    before it (the layout read both pages' rows as one table) naming the same columns. The table goes on
    under it: a plain-text extraction prints the head again between a post's wrapped name and its
    amounts ("71 Fysioterapi, kan nyttes under post" / head / "62" / "1 474 400 1 474 400")."""
    return (
        i > start
        and not rows[i].grid
        and rows[i].block == rows[i - 1].block
        and header(rows, i) == spec.columns
    )


def read_flow(rows: list[Printed], spec: Spec, start: int) -> tuple[Table, int]:
    """Rows of a text-layer table from printed row `start` on; returns the table and the next row index."""
    kinds = spec.kinds
    out: list[TRow] = []
    row: TRow | None = None
    kap: int | None = None
    dotted = False
    i = start
    while i < len(rows):
        if _repeated_header(rows, i, start, spec):
            i = _skip_header(rows, i)
            continue
        if _ends_flow(rows, i, start):
            break
        text, no = rows[i].text, rows[i].line
        m = KAP_POST.match(text)
        name_cont = (
            row is not None and row.name and NAME_ENDS_WITH_POST.search(row.name[-1]) and not row.amounts
        )
        had = bool(row and row.amounts)
        if m and not name_cont:
            kap, dotted = int(m.group("kap")), m.group("sep") == "."
            row = TRow(kap, int(m.group("post")), no)
            out.append(row)
            had = False
            _fill(spec, row, text, m.start("rest"), no, first=True)
        elif (m := POST_ONLY.match(text)) and kap is not None and not dotted and not name_cont:
            row = TRow(kap, int(m.group("post")), no)
            out.append(row)
            _fill(spec, row, text, m.start("rest"), no, first=True)
        elif (m := KAP_ONLY.match(text)) and spec.fullmakt and (row is None or row.amounts):
            kap, row = int(m.group("kap")), None
        elif spec.prose_kap and row is None:
            row = TRow(spec.prose_kap[0], spec.prose_kap[1], no)
            out.append(row)
            if not _fill(spec, row, text, 0, no, first=False):
                out.pop()
                break
        elif row is not None:
            if row.amounts and len(row.amounts) >= len(kinds):
                if spec.comments:
                    i += 1
                    continue  # comment lines of the row
                break  # the row is complete and the next line starts no row: the table ended
            if len(text) > 90 and not spec.comments:
                break  # prose after the table
            _fill(spec, row, text, 0, no, first=False)
        else:
            break
        if row is not None and row.amounts and not had and len(kinds) == 1:
            i = _split_number(rows, i, row)
        i += 1
    return Table(spec, out), i


# --- grid tables ------------------------------------------------------------------------------------


def read_grid(rows: list[Printed], spec: Spec, start: int) -> tuple[Table, int]:
    """Body rows of a grid table after its header row `start - 1`, one record row per kapittel/post.

    A row may give its kapittel and post ("714.21", "740 | 01"), only its post under the last kapittel
    ("| 21 | Spesielle driftsutgifter | …", after a "740 | Helsedirektoratet" row), or nothing: then it is
    a "Sum" row (a check of the table), the rest of the row above when that row has no amounts yet (a
    converter that split one row in two), or text under a complete row (the "hvorav …" breakdown of a
    post, no amount of its own)."""
    table = Table(spec, [])
    block = rows[start - 1].block
    row: TRow | None = None
    kap: int | None = None
    i = start
    while i < len(rows) and rows[i].block == block:
        p = rows[i]
        i += 1
        text, no = p.text, p.line
        first_empty = not p.cells[0].text.strip()
        if p.header:
            continue
        if m := KAP_POST.match(text):
            kap = int(m.group("kap"))
            row = TRow(kap, int(m.group("post")), no)
            _fill(spec, row, text, m.start("rest"), no, first=True)
            table.rows.append(row)
        elif SUM_ROW.match(text):
            if trail := trailing_amounts(text, 0, ["sum"]):
                table.totals.append(Total(amounts_from(text, no, trail[0])[0]))
            row = None
        elif (
            kap is not None
            and (m := POST_ONLY.match(text.lstrip()))
            and (first_empty or row is None or row.amounts or _next_post(row, int(m.group("post"))))
        ):
            row = TRow(kap, int(m.group("post")), no)
            _fill(spec, row, text.lstrip(), m.start("rest"), no, first=True)
            table.rows.append(row)
        elif (m := KAP_ONLY.match(text)) and not tokens(text[m.start("rest") :]):
            kap, row = int(m.group("kap")), None
        elif spec.prose_kap and row is None:
            row = TRow(spec.prose_kap[0], spec.prose_kap[1], no)
            if _fill(spec, row, text, 0, no, first=False):
                table.rows.append(row)
            else:
                row = None
        elif row is not None and not row.amounts:
            _fill(spec, row, text, 0, no, first=False)
    return table, i


def _next_post(row: TRow, post: int) -> bool:
    """A post code and a name under a row that has no amounts yet open the next post, not the rest of
    that row ("03 Helsetjenester i annet EØS-land" / "04 Gebyrinntekter | 41 051 41 051": post 03
    prints no amount): posts rise within a kapittel, and a name ending "… under post" goes on with the
    number below it."""
    return post > row.post and not (row.name and NAME_ENDS_WITH_POST.search(row.name[-1]))


# --- the document's tables ---------------------------------------------------------------------------


def _skip_header(rows: list[Printed], i: int) -> int:
    """First row after the header and its wrapped parts ("Kommentarer", a lone year)."""
    j = i + 1
    while (
        j < len(rows)
        and not rows[j].grid
        and regex.fullmatch(r"(Kommentarer?|\d{4})", rows[j].text.strip(), regex.I)
    ):
        j += 1
    return j


def _spec(rows: list[Printed], i: int, cols: list[Column]) -> Spec | None:
    text = rows[i].text
    unit = _unit_before(rows, i)
    has_kap = KAP_WORD.search(text) is not None
    if cols == [Column("bevilgning", cols[0].aar)] and has_kap:
        # an allocation table with one amount column "Bevilgning" (an oppdragsdokument's "Kapittel | Post |
        # Betegnelse | Bevilgning"): the amount is what the letter allocates, its tildeling
        cols = [Column("tildeling", cols[0].aar)]
    spec = Spec(
        columns=cols,
        unit=unit if unit is not None else 1000,  # tildelingsbrev tables are in thousands by custom
        comments=any("kommentar" in rows[j].text.lower() for j in [i, *_around(rows, i, 3)]),
        kilde=_kilde(rows, i),
        fullmakt=_fullmakt_kind(rows, i) if cols[0].kind == "samlet_ramme" else None,
        prose_kap=None if has_kap else _prose_kap(rows, i),
    )
    if cols[0].kind == "samlet_ramme" and spec.fullmakt is None:
        return None
    if not has_kap and spec.prose_kap is None:
        return None
    return spec


def read_tables(rows: list[Printed]) -> list[Table]:
    out: list[Table] = []
    last: Spec | None = None
    i = 0
    while i < len(rows):
        cols = header(rows, i)
        if cols:
            spec = _spec(rows, i, cols)
            if spec is None:
                i += 1
                continue
            last = spec
            if rows[i].grid:
                table, i = read_grid(rows, spec, i + 1)
            else:
                spec.columns, head_end = _wrapped_header(rows, i, spec.columns)
                table, i = read_flow(rows, spec, _skip_header(rows, head_end))
            out.append(table)
            continue
        unit = unit_of(rows[i].text) if not rows[i].grid else None
        if unit is not None and last is not None and last.fullmakt is None and i + 1 < len(rows):
            # a unit line directly followed by rows continues the last table's columns (no header)
            nxt = rows[i + 1]
            if not nxt.grid and KAP_POST.match(nxt.text) and not header(rows, i + 1):
                spec = Spec(columns=last.columns, unit=unit, comments=last.comments, kilde=_kilde(rows, i))
                table, i = read_flow(rows, spec, i + 1)
                out.append(table)
                continue
        i += 1
    return out
