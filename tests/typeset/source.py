"""What a typesetter prints of a corpus text: its structure as read by the project's text reader
(headings, paragraphs, list items, tables with rows x cells, captions, footnotes), not its line breaks.

The text's own page furniture is dropped (a typesetter prints its own running head and page numbers).
A table's unit line, which the layout keeps on the table, is printed above it as in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hdir_extract.classify import classify
from hdir_extract.document import Kind
from hdir_extract.parsing.text import join_two
from hdir_extract.readers import read_document


@dataclass(frozen=True, slots=True)
class Element:
    kind: str  # "heading" | "paragraph" | "item" | "table" | "caption" | "footnote"
    text: str = ""
    level: int = 2  # headings: 1 = chapter
    marker: str = ""  # list items: "–", "1.", "a)"
    depth: int = 0
    rows: tuple[tuple[str, ...], ...] = ()  # tables: every row padded to the table's width
    header_rows: int = 0
    numeric: tuple[bool, ...] = field(default=())  # tables: per column, set flush right


def is_number(text: str) -> bool:
    t = text.replace(" ", "").replace("\u2212", "-").replace("%", "")
    return bool(t) and all(ch.isdigit() or ch in ",.-–()" for ch in t) and any(ch.isdigit() for ch in t)


def _table(rows: list[list[str]], header_rows: int) -> Element:
    width = max(len(r) for r in rows)
    head = [c for r in rows[:header_rows] for c in r]
    if header_rows > 1 and len(head) == width:
        # one header row of a cell-per-line table that the text's layout read as several short rows
        # (a wrapped header cell, "Regnskap" / "2023", looked like a paragraph's end)
        rows, header_rows = [head, *rows[header_rows:]], 1
    padded = tuple(tuple(r) + ("",) * (width - len(r)) for r in rows)
    body = padded[header_rows:] or padded
    numeric = tuple(
        sum(1 for r in body if is_number(r[c])) > 0.5 * max(1, sum(1 for r in body if r[c]))
        for c in range(width)
    )
    return Element("table", rows=padded, header_rows=header_rows, numeric=numeric)


#: a kapittel/post code opening a row of an allocation table ("701.21")
_CODE = re.compile(r"^\d{3,4}\.\d{2}$")


def _joined_comments(rows: list[list[str]]) -> list[list[str]]:
    """A kapittel/post row's comment, which the text's layout keeps as one row per printed line (only
    its last cell filled, so each line keeps its line number), printed as one cell of that row."""
    out: list[list[str]] = []
    code_row = False
    for r in rows:
        if out and code_row and len(r) == len(out[-1]) and not any(r[:-1]):
            out[-1][-1] = join_two(out[-1][-1], r[-1]) if out[-1][-1] else r[-1]
            continue
        code_row = bool(r) and bool(_CODE.match(r[0]))
        out.append(list(r))
    return out


def elements(path: Path) -> tuple[str, list[Element]]:
    """The document's title (for the running head) and its elements in reading order."""
    doc = read_document(path.name, path.read_bytes())
    title = classify(doc).tittel or path.stem
    out: list[Element] = []
    for b in doc.blocks:
        if b.kind is Kind.FURNITURE:
            continue
        if b.kind is Kind.HEADING:
            out.append(Element("heading", b.text, level=min(b.level or 3, 3)))
        elif b.kind is Kind.LIST_ITEM:
            out.append(Element("item", b.text, marker=b.marker or "–", depth=min(b.depth, 3)))
        elif b.kind is Kind.TABLE:
            if b.unit:
                out.append(Element("paragraph", b.unit))
            printed = [[c.text for c in r.cells] for r in b.rows if any(c.text for c in r.cells)]
            rows = _joined_comments(printed)
            if rows:
                out.append(_table(rows, sum(1 for r in b.rows if r.header)))
        elif b.kind is Kind.CAPTION:
            out.append(Element("caption", b.text))
        elif b.kind is Kind.FOOTNOTE:
            out.append(Element("footnote", b.text))
        elif b.text:
            out.append(Element("paragraph", b.text))
    return title, out
