"""Prop. 1 S kapittel tables: "Kap. 700 Helse- og omsorgsdepartementet", "(i 1 000 kr)", Post |
Betegnelse | Regnskap 2023 | Saldert budsjett 2024 | Forslag 2025, the posts, and "Sum kap. 700".

Read from the document's printed rows (`prop_rows`) as one stream of cells, so a table reads the same
whether the layer printed it as one TABLE block, split it at a truncated header, or gave its rows as
lines: a post is a 1–2 digit cell followed by a name, its amounts are the amount cells after the name
(an empty cell before an amount is a lower bound on its column), and a table ends at its "Sum kap."
row with its amounts. Which column each amount belongs to is decided by `prop_columns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.extractors.bevilgninger.prop_columns import (
    Columns,
    PostRow,
    columns_of,
    has_change_column,
    truncated_within,
)
from hdir_extract.extractors.bevilgninger.prop_rows import PCell, PRow, is_header_text

NUM_CELL = regex.compile(r"^[-\u2212\u2013]?\s?\d{1,3}(?: \d{3})*(?:,\d+)?$|^[-\u2212\u2013]?\d+(?:,\d+)?$")
POST_CELL = regex.compile(r"^\d{1,2}$")
#: kapittel numbers run from 1 (the Royal House) to 9999; no ministry's range is assumed
SUM_KAP = regex.compile(r"^Sum kap\.?\s*(\d{1,4})\s*$", regex.I)
KAP_HEADING = regex.compile(r"^\s*Kap\.\s+(\d{1,4})\s+(\p{L}.{0,150})$")
CONTINUED = regex.compile(r"\s*\((?:forts(?:\.|atte?)?|fortsettelse)\)\s*$", regex.I)
#: a header fragment: a column word and/or a year, nothing else (wrapped headers print them split)
HEADER_PART = regex.compile(r"^(Regnskap|Saldert|Saldert budsjett|budsjett|Forslag)?\s*(\d{4})?$", regex.I)
HEADER_WORD = regex.compile(
    r"^(?:Post|Kap\.?|Post-gr\.|Betegnelse|Endring|i pst\.|Pst\.?\s*endr\.?.*|Endring i pst\.)$", regex.I
)
#: a header that opens a table: it starts with the code column ("Post Betegnelse Regnskap 2023 …")
HEADER_START = regex.compile(r"^(?:Post|Kap\.?|Post-gr\.)(?:\s|$)", regex.I)
#: the unit of a kapittel table: "(i 1 000 kr)" thousands, "(i mill. kr)" / "Mill. kroner" millions
UNIT_THOUSAND = regex.compile(r"\(?\s*i\s+1\s?000\s+kr(?:oner)?\.?\s*\)?", regex.I)
UNIT_MILLION = regex.compile(r"^\(?\s*(?:i\s+)?mill(?:\.|ioner)\s*kr(?:oner|\.)?\s*\)?$", regex.I)
REGNSKAP_WORD = regex.compile(r"(?:^|\s)Regnskap\b", regex.I)
#: a name printed under its row's amounts is short (a wrapped post name, not a paragraph)
MAX_NAME_TAIL = 80


@dataclass(slots=True)
class KapittelTable:
    """One kapittel table as printed: its posts and "Sum kap." row, not yet placed in columns."""

    kap: int
    navn: str | None  # from the "Kap. 700 …" heading, when it names this kapittel
    cols: Columns
    unit: int  # kroner per printed unit
    change_column: bool
    rows: list[PostRow]
    total: PostRow


def is_name(c: str | None) -> bool:
    """A post or kapittel name cell: has a letter and is not a "Sum ..." row label."""
    return c is not None and regex.search(r"\p{L}", c) is not None and not c.lower().startswith("sum")


def unit_of(text: str) -> int | None:
    """Kroner per printed unit for a unit line, or None when the text names no table unit."""
    t = text.strip()
    if UNIT_THOUSAND.fullmatch(t):
        return 1000
    if UNIT_MILLION.match(t):
        return 1_000_000
    return None


def _is_header_piece(text: str) -> bool:
    return bool(
        HEADER_WORD.match(text)
        or (HEADER_PART.match(text) and regex.search(r"\p{L}|\d{4}", text))
        or is_header_text(text)
    )


@dataclass(slots=True)
class _State:
    """What the reader knows while it walks the cells of one document."""

    aar: int | None
    tables: list[KapittelTable] = field(default_factory=list)
    last_cols: Columns | None = None  # the last complete header (a truncated one reuses it)
    unit: int = 1000
    heading: tuple[int, str] | None = None  # the last "Kap. 700 …" heading
    header: list[str] = field(default_factory=list)
    rows: list[PostRow] = field(default_factory=list)
    row: PostRow | None = None
    total: PostRow | None = None
    total_kap: int | None = None

    @property
    def in_table(self) -> bool:
        return bool(self.rows) or self.total is not None

    def reset(self) -> None:
        self.rows, self.row, self.total, self.header = [], None, None, []

    def finish(self) -> None:
        """Close the table at its "Sum kap." row: keep it when the columns are known."""
        if self.total is not None and self.rows and self.total_kap is not None:
            cols = columns_of(self.header, self.aar, self.last_cols)
            width = max(len(r.values) for r in [*self.rows, self.total])
            change = has_change_column(self.header)
            if (len(cols) < width or truncated_within(self.header, self.last_cols)) and not change:
                # a truncated header names fewer columns than the rows print: reuse the last full one
                cols = columns_of([], self.aar, self.last_cols)
            if (len(cols) >= width or change) and not any(r.post is None for r in self.rows):
                # a complete header names the accounts column; a plain-text extraction prints the header's
                # words on one line ("Post Betegnelse Regnskap Saldert Forslag"), not one cell each
                if any(REGNSKAP_WORD.search(h) for h in self.header):
                    self.last_cols = cols
                navn = self.heading[1] if self.heading and self.heading[0] == self.total_kap else None
                self.tables.append(
                    KapittelTable(self.total_kap, navn, cols, self.unit, change, self.rows, self.total)
                )
        self.reset()


Item = tuple[PCell | None, PRow, bool]  # (cell, its row, first cell of the row); None: a prose row


def _items(rows: list[PRow]) -> list[Item]:
    out: list[Item] = []
    for r in rows:
        if r.prose:
            out.append((None, r, True))
            continue
        out.extend((c, r, i == 0) for i, c in enumerate(r.cells))
    return out


def _next_text(items: list[Item], i: int) -> str | None:
    """The next non-empty cell's text (None at running text or the end)."""
    for c, _r, _f in items[i + 1 : i + 12]:
        if c is None:
            return None
        if c.text:
            return c.text
    return None


def _name_under_amounts(st: _State, c: PCell, prow: PRow, first: bool) -> bool:
    """A post name wrapped onto a line printed under its row's amounts ("60 Tilskudd til … 56 700
    71 211" / "helse- og omsorgstjeneste"): a row of one short name, before the next post."""
    return (
        st.row is not None
        and bool(st.row.values)
        and st.total is None
        and first
        and len(prow.filled) == 1
        and prow.whole_line
        and len(c.text) <= MAX_NAME_TAIL
    )


def read_kapittel_tables(rows: list[PRow], aar: int | None) -> list[KapittelTable]:
    """Every kapittel table of the document's printed rows, in reading order."""
    st = _State(aar)
    items = _items(rows)
    empties = 0  # empty cells since the last printed cell
    for i, (c, prow, first) in enumerate(items):
        if c is None:  # running text
            if st.total is not None:
                st.finish()
            elif st.row is not None and st.row.values:
                st.reset()  # prose after a row without a "Sum kap." line: not a kapittel table
            elif st.rows and not any(r.values for r in st.rows):
                # rows without a single amount before running text were never a table's: a line of
                # running text that a plain-text extraction broke after a number ("… styrkes med 2" /
                # "millioner kroner.") reads like a post and its name
                st.reset()
            elif st.row is None and not st.rows:
                st.header = []
            empties = 0
            continue
        text = c.text
        if not text:
            empties += 1
            continue
        amount = bool(NUM_CELL.match(text)) or c.run
        if st.total is not None and not amount:
            st.finish()
        # a kapittel heading is a line of its own: outside a table, or a table's whole printed line of one
        # cell (a plain-text extraction prints no blank line between the heading and the rows under it,
        # so the layout may take the heading for the table's first row)
        alone = not prow.table or (prow.whole_line and len(prow.filled) == 1)
        m = KAP_HEADING.match(text) if first and alone else None
        if m and ", post" not in text:
            kap_no = int(m.group(1))
            if st.in_table and st.heading is not None and st.heading[0] == kap_no:
                empties = 0  # the kapittel heading repeated over a table continued on the next page
                continue
            st.heading = (kap_no, CONTINUED.sub("", m.group(2)).strip())
            st.reset()
            empties = 0
            continue
        _cell(st, c, prow, first, amount, empties, _next_text(items, i))
        empties = 0
    st.finish()
    return st.tables


def _cell(st: _State, c: PCell, prow: PRow, first: bool, amount: bool, empties: int, nxt: str | None) -> None:
    """One printed cell of a possible kapittel table."""
    text = c.text
    unit = unit_of(text)
    if unit is not None:
        if not st.in_table:
            st.unit, st.row, st.header = unit, None, []
        # inside a table: the unit line of a header repeated after a page break
    elif POST_CELL.match(text) and is_name(nxt):
        st.row = PostRow(post=int(text), linje=c.line)
        st.rows.append(st.row)
    elif sm := SUM_KAP.match(text):
        st.total, st.total_kap, st.row = PostRow(post=None, linje=c.line), int(sm.group(1)), None
    elif amount and (st.total is not None or st.row is not None):
        # (outside a row a number is a header year printed on its own line: "Regnskap" / "2023")
        target = st.total if st.total is not None else st.row
        if target is not None:
            target.add(text, c.line, empties, c.run)
    elif st.in_table and _is_header_piece(text):
        # the column header repeated at the top of the next page
        st.row = None if st.row is not None and st.row.values else st.row
    elif st.row is not None and not st.row.values and (prow.table or len(text) < 120):
        st.row.name_lines.append(text)
    elif _name_under_amounts(st, c, prow, first) and is_name(text):
        st.row.name_lines.append(text)  # type: ignore[union-attr]
    elif st.row is None and st.total is None:
        if HEADER_START.match(text) and (
            text.lower() in {"post", "kap.", "post-gr."} or is_header_text(text)
        ):
            st.header = [text]
        elif HEADER_PART.match(text) or prow.table or HEADER_WORD.match(text) or is_header_text(text):
            st.header.append(text)
        elif len(text) > 60:
            st.header = []
    elif st.row is not None and st.row.values:
        st.reset()  # text after a row without a "Sum kap." line: not a kapittel table
