"""Kapittel/post tables: rows that name a kapittel ("700 Helse- og omsorgsdepartementet",
"1 H.M. Kongen og H.M. Dronningen:") followed by its posts ("01 Driftsutgifter 323 186 000"), or both
on one line ("5521 70 Merverdiavgift 3 770").

The proposed resolution of every Prop. 1 S ("Kap. Post Kroner Kroner"), its fullmakt tables ("Kap. Post
Betegnelse Samlet ramme") and overview tables such as a Prop. 1 LS's "Tabell 1.4 … Mill. kroner" print
them so, as cells one per line (the web edition) or one row per line (a PDF's text layer). `read_kp`
turns their printed rows into kapitler with their posts and amount cells; each table kind then says
what the amounts are (`prop_vedtak`, or `kp_values` for a table whose header names its columns).

Rules (judgement calls):
- a code of three or four digits is a kapittel; a code of one or two digits is a kapittel when its
  name ends in ":" (the resolution's layout), or when no kapittel is open or the open one's total is
  printed, and the row prints no amount; otherwise a post. A code printed after an empty cell stands
  in the post column and is a post;
- a line without a code continues the open post's (or a just-opened kapittel's) name until the post
  has its amount; after that it is a department group line ("Det kongelige hus") or a labelled row of
  its own ("Sektoravgifter 31") and names nothing;
- in the resolution, an amounts-only row after a post with its amount is the kapittel's total, and
  so is an amount printed after the post's own on the post's line (`read_kp(totals=True)`);
- "Sum …" rows are group or grand totals and close the kapittel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.common import raw_of, segmentations, tokens, value_of
from hdir_extract.extractors.bevilgninger.prop_rows import (
    YEAR,
    PCell,
    PRow,
    clean_name,
    is_amount_text,
    is_header_text,
)

CODE = regex.compile(r"^\d{1,4}$")
#: the next numbered part of the resolution ("II", "III") ends its table
ROMAN = regex.compile(r"^\s*[IVX]{1,5}\.?\s*$")
SECTION = regex.compile(r"^\s*(Utgifter|Inntekter)\s*:?\s*$", regex.I)
#: the unit a table names (a unit line, its header or its caption)
UNIT = (
    (regex.compile(r"\bmrd\.?\s*kr|\bmilliarder\s+kr", regex.I), 1_000_000_000),
    (regex.compile(r"\bmill(?:\.|ioner)?\s*kr", regex.I), 1_000_000),
    (regex.compile(r"\b1\s?000\s*kr|\btusen\s+kr", regex.I), 1000),
    (regex.compile(r"^\(?\s*(?:i\s+)?(?:hele\s+)?kr(?:oner|\.)?\s*\)?$", regex.I), 1),
)
SOURCE_NOTE = regex.compile(r"^\s*Kilder?\s*:", regex.I)


def kp_unit(text: str) -> int | None:
    """Kroner per printed unit named in `text` ("Mill. kroner", "(i 1 000 kr)", "Kroner")."""
    for pattern, unit in UNIT:
        if pattern.search(text):
            return unit
    return None


@dataclass(slots=True)
class KPPost:
    post: int
    line: int
    names: list[str] = field(default_factory=list)
    amounts: list[PCell] = field(default_factory=list)  # its own cells; "" an empty position

    @property
    def navn(self) -> str | None:
        return clean_name(self.names)

    @property
    def filled(self) -> list[PCell]:
        return [c for c in self.amounts if c.text]


@dataclass(slots=True)
class KPKapittel:
    kap: int
    line: int
    names: list[str] = field(default_factory=list)
    posts: list[KPPost] = field(default_factory=list)
    totals: list[PCell] = field(default_factory=list)  # a total printed on its own line

    @property
    def navn(self) -> str | None:
        return clean_name(self.names)


@dataclass(slots=True)
class _Logical:
    """One logical row: codes, name parts and amount cells (a printed row may hold several)."""

    line: int
    codes: list[tuple[int, bool]] = field(default_factory=list)  # (number, printed after an empty cell)
    names: list[str] = field(default_factory=list)
    amounts: list[PCell] = field(default_factory=list)


def _is_amount(c: PCell) -> bool:
    return c.run or is_amount_text(c.text)


def _is_code(cells: Sequence[PCell], i: int, ahead: Sequence[PCell]) -> bool:
    """A bare number is a code when a name follows it on its row (maybe after another code or empty
    cells). Printed alone on its row, it is a code when the next rows name it; ending a row without
    a code (a layer that lost a row break prints "44 544 000 511 799 000 702" or "Spesialisthelse-
    tjenester 732"), when the next row starts with a name. Otherwise it is an amount ("0" after a
    post's name in an "Endring" column)."""
    c = cells[i]
    if c.run or not CODE.match(c.text):
        return False  # an amount chunk of a row printed on one line
    before = [x for x in cells[:i] if x.text]
    if not any(x.text for x in cells[i + 1 :]):
        if not before:
            return _names_next(ahead)
        if not any(CODE.match(x.text) and not x.run for x in before):
            first = next((x for x in ahead if x.text), None)
            return first is not None and _is_name(first)
        return False
    return _names_next(cells[i + 1 :])


def _is_name(c: PCell) -> bool:
    return not CODE.match(c.text) and not _is_amount(c) and not c.text.lower().startswith("sum")


def _names_next(cells: Sequence[PCell]) -> bool:
    """The next cell that is not empty or another code is a name."""
    for nxt in cells:
        if not nxt.text:
            continue
        if CODE.match(nxt.text) and not nxt.run:
            continue
        return not _is_amount(nxt) and not nxt.text.lower().startswith("sum")
    return False


def logical_rows(row: PRow, ahead: Sequence[PCell] = ()) -> list[_Logical]:
    """A printed row's logical rows: a code after a name or an amount starts the next one (a layer
    that lost the breaks between cell-per-line rows prints several rows as one). `ahead`: the cells
    of the next printed rows (a code may be printed on a row of its own, its name on the next)."""
    out: list[_Logical] = []
    cur: _Logical | None = None
    empty_before = False
    for i, c in enumerate(row.cells):
        if c.text and is_header_text(c.text) and not YEAR.match(c.text):
            continue  # the column header repeated after a page break, run into a row ("Post")
        if not c.text:
            if cur is not None and cur.names:
                cur.amounts.append(c)  # an empty amount position after the name
            else:
                empty_before = True
            continue
        code = _is_code(row.cells, i, ahead)
        # a code after a name or amount, or a name after an amount, starts the next logical row
        if (
            cur is None
            or (code and (cur.names or cur.amounts))
            or (not code and not _is_amount(c) and cur.amounts)
        ):
            cur = _Logical(c.line)
            out.append(cur)
        if code and not cur.names and not cur.amounts:
            cur.codes.append((int(c.text), empty_before))
        elif _is_amount(c):
            cur.amounts.append(c)
        else:
            cur.names.append(c.text)
        empty_before = False
    return out


@dataclass(slots=True)
class _Walk:
    kapitler: list[KPKapittel] = field(default_factory=list)
    kap: KPKapittel | None = None
    post: KPPost | None = None
    closed: bool = True  # no kapittel open, or its total printed


def _is_kapittel(lr: _Logical, w: _Walk) -> bool:
    number, after_empty = lr.codes[0]
    if after_empty:
        return False  # printed in the post column
    if number >= 100:
        return True
    name = " ".join(lr.names).rstrip()
    if name.endswith(":"):
        return True
    return w.closed and not any(c.text for c in lr.amounts)


def _open_kapittel(w: _Walk, number: int, line: int, names: list[str]) -> KPKapittel:
    w.kap = KPKapittel(number, line, [n.rstrip(":").strip() for n in names])
    w.kapitler.append(w.kap)
    w.post, w.closed = None, False
    return w.kap


def _step(w: _Walk, lr: _Logical) -> None:
    filled = [c for c in lr.amounts if c.text]
    label = " ".join(lr.names)
    if lr.names and label.lower().startswith("sum"):
        w.post, w.closed = None, True  # a group or grand total
        return
    if lr.codes:
        if len(lr.codes) >= 2:
            # kapittel and post on one line: a one-post kapittel, named by its post's name
            _open_kapittel(w, lr.codes[0][0], lr.line, lr.names)
            post = lr.codes[1][0]
        elif _is_kapittel(lr, w):
            _open_kapittel(w, lr.codes[0][0], lr.line, lr.names)
            return
        else:
            post = lr.codes[0][0]
        if w.kap is None:
            return  # a post with no kapittel above it: not this kind of table
        w.post = KPPost(post, lr.line, list(lr.names), list(lr.amounts))
        w.kap.posts.append(w.post)
        return
    if w.post is not None and not w.post.filled:
        w.post.names.extend(lr.names)  # the post's name wrapped, maybe with its amounts at the end
        w.post.amounts.extend(lr.amounts)
    elif w.kap is not None and not w.kap.posts and not w.closed and not filled:
        w.kap.names.extend(n.rstrip(":").strip() for n in lr.names)  # a wrapped kapittel name
    elif w.kap is not None and not lr.names and filled and not w.closed:
        w.kap.totals.extend(filled)  # the kapittel total on a line of its own
    # else: a group line ("Det kongelige hus") or a labelled row without a code: names nothing


def read_kp(rows: Sequence[PRow], totals: bool = True) -> list[KPKapittel]:
    """The kapitler and posts of one kapittel/post table's printed rows (header rows are skipped).
    `totals`: the table prints each kapittel's total after its last post (the resolution); in a table
    whose amount columns are all the posts' own, a post's second amount is no total."""
    w = _Walk()
    kept = [
        r for r in rows if not (r.prose or not r.filled or is_header_text(r.text) or SECTION.match(r.text))
    ]
    for j, row in enumerate(kept):
        ahead = [c for r in kept[j + 1 : j + 3] for c in r.cells]
        for lr in logical_rows(row, ahead):
            _step(w, lr)
            if (
                totals
                and w.kap is not None
                and w.kap.posts
                and w.kap.posts[-1] is w.post
                and _has_total(w.post)
            ):
                w.closed = True  # the kapittel total printed after the post's own amount
    return w.kapitler


def _has_total(post: KPPost | None) -> bool:
    return post is not None and len(post.filled) >= 2


def table_end(row: PRow) -> bool:
    """Where a kapittel/post table ends: running text (a table's footnotes are sentences), a source
    line, the next numbered part of the resolution ("II"). (A layer may take a row printed on one line,
    "1 Driftsutgifter 89 340 000", for a footnote: the block kind is no end.)"""
    text = row.text
    return row.prose or bool(ROMAN.match(text)) or bool(SOURCE_NOTE.match(text))


# --- tables whose header names their columns ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class KPValue:
    kap: int
    kapittelnavn: str | None
    post: int
    postnavn: str | None
    column: int  # index of the amount column
    raw: str
    value: float  # as printed
    belop_nok: int
    line: int


def _split_to(cells: list[PCell], n: int) -> list[PCell]:
    """Amount cells (with empty positions) as at most n cells: a run-together chunk is split into as
    many amounts as the other cells leave columns for, the most even split first."""
    out: list[PCell] = []
    for i, c in enumerate(cells):
        room = n - len(out) - (len(cells) - i - 1)
        if c.run and room > 1:
            toks = tokens(c.text)
            for k in range(room, 1, -1):
                splits = segmentations(toks, k)
                if splits:
                    best = min(splits, key=lambda p: _unevenness(c.text, p))
                    out.extend(PCell(raw_of(c.text, p), c.line) for p in best)
                    break
            else:
                out.append(c)
        else:
            out.append(c)
    return out


def _unevenness(text: str, parts: list) -> float:
    widths = [len(raw_of(text, p)) for p in parts]
    return max(widths) - min(widths)


def kp_values(kapitler: list[KPKapittel], n_columns: int, unit: int) -> list[KPValue]:
    """Each post's amounts in column order (empty positions and nil dashes hold their column), in
    kroner: a table printed in `unit` kroner ("Mill. kroner" = 1 000 000)."""
    out: list[KPValue] = []
    for kap in kapitler:
        for post in kap.posts:
            cells = _split_to(post.amounts, n_columns)
            for col, c in enumerate(cells[:n_columns]):
                v = value_of(c.text) if c.text else None
                if v is None:
                    continue
                out.append(
                    KPValue(
                        kap=kap.kap,
                        kapittelnavn=kap.navn,
                        post=post.post,
                        postnavn=post.navn,
                        column=col,
                        raw=c.text,
                        value=v,
                        belop_nok=round(v * unit),
                        line=c.line,
                    )
                )
    return out


# --- one table read on its own (an overview table "Kap. Post Betegnelse Endring", "Mill. kroner") ---

#: header words that name the code and name columns, not an amount column
CODE_COLUMN_WORDS = frozenset({"kap.", "kap", "post", "post-gr.", "betegnelse", "formål", "vk"})
HEADER_LOOKAHEAD = 4  # caption and unit lines stand at most this many rows above the column header


@dataclass(frozen=True, slots=True)
class KPTable:
    unit: int  # kroner per printed unit
    columns: tuple[str, ...]  # amount columns as the header names them ("Endring", "Regnskap 2024")
    kapitler: tuple[KPKapittel, ...]
    values: tuple[KPValue, ...]
    sums: tuple[tuple[str, tuple[PCell, ...]], ...]  # printed "Sum …" rows: label, amount cells


def header_columns(header: Sequence[PRow]) -> list[str]:
    """The amount columns a header names: "Endring"; "Regnskap 2024"; words printed over their years
    ("Regnskap Anslag Anslag" / "Kap. Post 2024 2025 2026") are paired in order."""
    labels: list[str] = []
    years: list[str] = []
    for row in header:
        for c in row.filled:
            words = [w for w in c.text.split() if w.casefold() not in CODE_COLUMN_WORDS]
            if not words:
                continue
            if all(YEAR.match(w) for w in words):
                years.extend(words)
            else:
                labels.append(" ".join(words))
    bare = [i for i, label in enumerate(labels) if not any(YEAR.match(w) for w in label.split())]
    if bare and len(bare) == len(years):
        for i, y in zip(bare, years, strict=True):
            labels[i] = f"{labels[i]} {y}"
    return labels or years


def read_kp_table(rows: Sequence[PRow]) -> KPTable | None:
    """A kapittel/post table from its first rows on: caption and unit lines, the column header, the
    body up to running text or a source line. None where no column header follows."""
    start = next((i for i, r in enumerate(rows[: HEADER_LOOKAHEAD + 1]) if _header_row(r)), None)
    if start is None:
        return None
    unit = next((u for r in rows[:start] if (u := kp_unit(r.text))), 1)
    end = start
    while end < len(rows) and _header_row(rows[end]):
        end += 1
    columns = header_columns(rows[start:end])
    body: list[PRow] = []
    for r in rows[end:]:
        if table_end(r):
            break
        body.append(r)
    kapitler = read_kp(body, totals=False)
    sums = tuple(
        (r.filled[0].text, tuple(c for c in r.filled[1:] if _is_amount(c)))
        for r in body
        if r.filled and r.filled[0].text.lower().startswith("sum")
    )
    values = kp_values(kapitler, max(len(columns), 1), unit)
    return KPTable(unit, tuple(columns), tuple(kapitler), tuple(values), sums)


def _header_row(row: PRow) -> bool:
    return not row.prose and bool(row.filled) and is_header_text(row.text)
