"""Numeric tables of the årsrapport ("Tabell 2-4 Nøkkeltall årsverk og utgifter"), one record per cell.

A table is read from its caption (a caption block "Tabell N-M …", or the caption the reader put on a
table block) over the blocks that follow it: the table's rows, and the column heads and wrapped row
labels a text layer leaves in blocks of their own. It ends at a footnote, a numbered heading, the next
caption, running text (a long line without a value at its end) or, once a table block has been read,
at the first block that is not part of a table. The footnotes printed under it (footnote blocks just
after it) name the footnote markers a row may carry.

- The year columns come from a header row "… 2023 2022 2021 2020"; other tables get their column count
  from the rows themselves and their column names from the header lines.
- A row's values are its trailing numbers; a cell of a table block is a hard boundary, and inside one
  every way to group the digits is tried (`cells.py`, `choice.py`). A leading small number that is one
  of the table's footnotes is a marker, not a value; a footnote number glued to the label is removed.
- Labels wrapped above their values are joined to the row; a lone code above a label is its code.
Ambiguous splits are reported as `Kontroll` rows (kontroll "tabell_splitt"), and a total row that does
not add up as "tabell_sum" (`sums.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.nokkeltall.cells import GAP, row_readings, split_row, unit_name, value
from hdir_extract.extractors.nokkeltall.choice import choose, column_medians, common_width
from hdir_extract.extractors.nokkeltall.columns import column_heads, regroup
from hdir_extract.extractors.nokkeltall.printed import Printed, block_lines, printed_lines
from hdir_extract.extractors.nokkeltall.sums import sum_checks
from hdir_extract.models import Kontroll, Nokkeltall, Record
from hdir_extract.parsing.text import join_lines

CAPTION = regex.compile(r"^\s*Tabell\s+(?P<nr>\d+(?:[-.]\d+)?)\s*(?P<title>.*?)\s*$")
# the tables of the statutory accounts are read by `regnskap.py` (and bevilgninger)
ACCOUNTS = regex.compile(r"bevilgningsrapportering|artskontorapportering", regex.IGNORECASE)
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
MAX_ROWS = 120
FOOTNOTE_REACH = 30  # printed lines after the table where its footnotes may stand (further down the page)


@dataclass
class _Table:
    nr: str
    title: str
    lines: list[Printed]
    unit: str | None = None
    footnotes: set[str] = field(default_factory=set)


@dataclass
class _Row:
    linje: int
    label: str
    chunks: list[str]


def extract_tables(doc: Document, lines: list[Printed] | None = None) -> list[Record]:
    """`lines`: the document's `printed_lines`, where the caller has them."""
    out: list[Record] = []
    for tab in _tables(doc, printed_lines(doc) if lines is None else lines):
        out.extend(_read_table(doc, tab))
    return out


def _caption_of(doc: Document, lines: list[Printed], k: int, taken: set[int]) -> regex.Match[str] | None:
    """The caption printed line `k` opens a table with (see `_caption_at`), or the caption the reader
    kept on a table block not yet opened by a caption line."""
    p = lines[k]
    if _caption_at(lines, k):
        return CAPTION.match(p.text)
    if p.is_row and p.block not in taken:
        return CAPTION.match(doc.blocks[p.block].caption or "")
    return None


def _caption_at(lines: list[Printed], k: int) -> bool:
    """A caption line: a caption block's first line; a paragraph of one line "Tabell N-M …" right above
    a table (a DOCX caption in a plain style); a table row that holds only a caption (a text layer may
    run a caption into the table above it)."""
    p = lines[k]
    if not CAPTION.match(p.text) or split_row(p.text):
        return False
    if p.kind is Kind.CAPTION:
        return p.first
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if p.kind is Kind.PARAGRAPH and p.first and nxt is not None and nxt.is_row:
        return True
    return p.is_row and len(p.cells) == 1


def _tables(doc: Document, lines: list[Printed]) -> list[_Table]:
    tables: list[_Table] = []
    taken: set[int] = set()  # table blocks already read under a caption
    k = 0
    while k < len(lines):
        m = _caption_of(doc, lines, k, taken)
        if not m or ACCOUNTS.search(m.group("title")):
            k += 1
            continue
        # a caption block's further lines are the first header lines (a text layer's "POBO" line)
        start = k + 1 if _caption_at(lines, k) else k
        body, end = _body(doc, lines, start)
        taken.update(q.block for q in body if q.is_row)
        unit = next((doc.blocks[q.block].unit for q in body if q.is_row and doc.blocks[q.block].unit), None)
        notes = _footnotes(doc, lines[end : end + FOOTNOTE_REACH])
        tables.append(_Table(m.group("nr"), m.group("title"), body, unit, notes))
        k = max(end, k + 1)
    return tables


def _body(doc: Document, lines: list[Printed], start: int) -> tuple[list[Printed], int]:
    """The table's printed lines from `start`, and the index of the first line after them."""
    body: list[Printed] = []
    k = start
    seen_values = False  # a table row with values has been read
    while k < len(lines) and len(body) <= MAX_ROWS:
        p = lines[k]
        block = doc.blocks[p.block]
        numbered_heading = p.kind is Kind.HEADING and block.number
        if (
            _caption_at(lines, k)
            or _footnote_line(p)
            or (p.first and (p.kind is Kind.CAPTION or numbered_heading))
        ):
            break
        after_rows = seen_values and p.first and not p.is_row and lines[k - 1].is_row
        if after_rows and not _all_values(doc, p.block):
            break  # the first block after the table's own rows (a block of column heads is no end)
        if _is_prose(p.text) and body:
            break
        seen_values = seen_values or (p.is_row and split_row(_text(p)) is not None)
        body.append(p)
        k += 1
    return body, k


def _all_values(doc: Document, index: int) -> bool:
    """A block between two parts of a table whose every line ends in values ("15 %")."""
    return all(split_row(p.text) for p in block_lines(doc.blocks[index], index, doc.lines))


# a footnote's text as printed: its number, then a word ("14 Inkluderer overføring av …")
_FOOTNOTE_TEXT = regex.compile(r"^\s*(?P<nr>\d{1,2})\s+\p{L}.{16,}")


def _footnotes(doc: Document, lines: list[Printed]) -> set[str]:
    """Numbers of the footnotes printed after the table (and further down its page): footnote blocks,
    and a line that opens with a footnote's number and text (a text layer may run the foot of the page
    into a paragraph: reported as a layout problem)."""
    out: set[str] = set()
    for p in lines:
        block = doc.blocks[p.block]
        if p.first and p.kind is Kind.FOOTNOTE and _footnote_line(p) and block.number:
            out.add(block.number)
        elif _footnote_line(p) and (m := _FOOTNOTE_TEXT.match(p.text)):
            out.add(m.group("nr"))
    return out


def _footnote_line(p: Printed) -> bool:
    """A footnote: a footnote block's first line, or a line (also a table row, where the layer took the
    foot of the page into the table) that opens with a footnote's number and text. A text layer may
    take a figure's "15 %" for a footnote: a line that ends in values is none."""
    if p.kind is Kind.FOOTNOTE and p.first:
        return len(p.text) > 20 and not split_row(p.text)
    return bool(_FOOTNOTE_TEXT.match(p.text)) and not split_row(p.text)


def _text(p: Printed) -> str:
    # a table block's cells are hard boundaries: joined by TAB, a cell gap to the row reader
    return p.cell_text("\t").strip() if p.is_row else p.text.strip()


def _is_prose(s: str) -> bool:
    """A running-text line: long, no cell gaps, no value at the end."""
    s = s.strip()
    return len(s) > 75 and not regex.search(GAP, s) and not split_row(s)


def _year_columns(lines: list[Printed]) -> tuple[list[int], int]:
    """Years printed as column heads, and the index of the line after the header."""
    for idx, p in enumerate(lines[:8]):
        t = _text(p)
        sp = split_row(t)
        years = _YEAR.findall(t)
        if len(years) >= 2 and sp:
            tail = " ".join(sp[1]).split()
            if all(_YEAR.fullmatch(y) for y in tail) and len(tail) == len(years):
                return [int(y) for y in tail], idx + 1
    return [], 0


def _is_code_only(text: str) -> bool:
    """A lone whole number ("1060") is a code wrapped above the next row's label, not a value: values
    that stand alone below their label carry decimals or a unit ("13,4")."""
    return bool(regex.fullmatch(r"\s*\d{3,5}\s*", text))


def _rows(lines: list[Printed]) -> tuple[list[_Row], list[Printed]]:
    """The value rows, and the header lines printed above the first of them."""
    rows: list[_Row] = []
    header: list[Printed] = []
    pending: list[Printed] = []  # label lines printed above their values
    codes: list[str] = []  # a lone code ("1060") printed above a row's wrapped label
    for p in lines:
        text = _text(p)
        if _is_code_only(text):
            codes.append(text.strip())
            continue
        sp = split_row(text)
        if sp is None:
            pending.append(p)
            continue
        label, chunks = sp
        if not label.strip() and not pending:
            continue  # a value with nothing to label it: figure data printed inside the table
        own = " ".join(label.split())
        if pending and (not own or own[0].islower()):
            own = join_lines([*(q.text.strip() for q in pending), own])
        elif not rows:
            header.extend(pending)
        pending = []
        if codes:
            own = join_lines([*codes, own])
            codes = []
        rows.append(_Row(p.line, own, chunks))
    return rows, header


def _strip_footnote(label: str, notes: set[str]) -> str:
    """Remove a footnote number glued to the end of a label ("(mill. kroner)7", "post 1-298")."""
    for nr in sorted(notes, key=len, reverse=True):
        if regex.search(rf"[\p{{L}})]{nr}$", label):
            return label[: -len(nr)]
        # a range of budget posts ends in at most two digits: "1-298" is "1-29" + footnote 8
        m = regex.search(rf"\b\d{{1,2}}-(\d+){nr}$", label)
        if m and len(m.group(1)) == 2:
            return label[: -len(nr)]
    return label


def _read_table(doc: Document, tab: _Table) -> list[Record]:
    years, start = _year_columns(tab.lines)
    rows, header = _rows(tab.lines[start:])
    if not rows:
        return []
    readings = [row_readings(r.chunks) for r in rows]
    ncol = len(years) or common_width(readings)
    if not ncol:
        return []
    medians = column_medians(readings, ncol)
    heads = None if years else column_heads(header, ncol)
    kilde = f"Tabell {tab.nr}"
    # a table without year columns reports the caption's year, else the report year
    caption_years = _YEAR.findall(tab.title)
    table_year = int(caption_years[-1]) if caption_years else doc.aar
    out: list[Record] = []
    for row, rd in zip(rows, readings, strict=True):
        cells, ambiguous = choose(rd, ncol, tab.footnotes, medians, bool(years))
        if cells is None:
            continue
        cells = regroup(heads, cells)
        label = _strip_footnote(row.label, tab.footnotes)
        if ambiguous:
            out.append(
                Kontroll(
                    dok_id=doc.dok_id,
                    linje=row.linje,
                    kontroll="tabell_splitt",
                    nokkel=f"{kilde} {label}",
                    forventet=doc.text(row.linje).strip(),
                    beregnet=" | ".join(c[0] for c in cells if c is not None),
                    ok=False,
                    melding="Tallene i raden kan deles på flere måter; valgt etter tallenes størrelse.",
                )
            )
        for i, cell in enumerate(cells):
            if cell is None or (v := value(cell[0])) is None:
                continue
            text, unit = cell
            col_head = heads[i] if heads else None
            out.append(
                Nokkeltall(
                    dok_id=doc.dok_id,
                    linje=row.linje,
                    kilde=kilde,
                    kilde_type="tabell",
                    indikator=label or None,
                    kolonne=col_head,
                    aar=years[i] if years else table_year,
                    verdi=v,
                    enhet=unit_name(unit, [col_head, label, tab.unit, tab.title]),
                    raw=f"{text} {unit}".strip() if unit == "%" else text,
                )
            )
    return out + sum_checks(doc, kilde, [r for r in out if isinstance(r, Nokkeltall)])
