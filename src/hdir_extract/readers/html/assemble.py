"""Structural items -> the Document's lines, blocks and boxes: one line per item and per table row.

Judgement calls:
- A line's text is what the page prints: a list item with its marker in front ("• …", "1. …"), a table
  row's cells joined by TAB.
- Heading numbers ("5.2 Tittel") and box titles ("Boks 4.1 …") are read from the printed text with
  `readers.structure`; a box opened by a printed title closes at "[Boks slutt]", the next box or the next
  heading of the same or a higher level; a box element (a class naming a box) closes where it ends.
- A paragraph right before a list is its lead-in (role "lead_in"); a unit line right before a table
  ("(i 1 000 kr)") is the table's unit, and a caption right before it is its caption.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from hdir_extract.document import Block, Box, Cell, Kind, Line, Row, Span
from hdir_extract.parsing.text import normalise_line
from hdir_extract.readers import structure
from hdir_extract.readers.html.items import Item

MAX_TITLE_WORDS = 20  # a box title is a short line


@dataclass(slots=True)
class _OpenBox:
    number: str | None
    title: str
    first_block: int
    first_line: int
    level: int | None
    element: bool  # opened by a box element (closes at its end), not by a printed title


class _Assembler:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.blocks: list[Block] = []
        self.boxes: list[Box] = []
        self.open: _OpenBox | None = None
        self.box_titles: dict[str, str] = {}  # title of each numbered box read so far

    def line(self, text: str) -> int:
        self.lines.append(Line(len(self.lines) + 1, normalise_line(text)))
        return len(self.lines)

    def block(self, kind: Kind, text: str, no: int, **kw: object) -> None:
        box = len(self.boxes) if self.open is not None else None
        self.blocks.append(
            Block(kind, text, no, kw.pop("last", no), spans=(Span(0, no),), box=box, **kw)  # type: ignore[arg-type]
        )

    def close_box(self) -> None:
        ob = self.open
        if ob is None:
            return
        self.open = None
        if len(self.blocks) > ob.first_block:
            last = self.blocks[-1]
            self.boxes.append(
                Box(
                    len(self.boxes),
                    ob.title,
                    ob.number,
                    ob.first_block,
                    len(self.blocks) - 1,
                    ob.first_line,
                    last.last_line,
                )
            )

    def heading(self, item: Item) -> None:
        text = normalise_line(item.text)
        found = structure.box_start(text)
        if found or item.role == "box_title":
            number, title = found if found else (None, text)
            title = structure.box_title(number, title, self.box_titles)  # "Boks 7.1 forts."
            ob = self.open
            element = ob is not None and ob.element and ob.first_block == len(self.blocks)
            if not element:  # a box element's own title line names it; otherwise a new box opens
                self.close_box()
            no = self.line(text)
            self.open = _OpenBox(number, title, len(self.blocks), no, item.level, element=element)
            self.block(Kind.HEADING, text, no, number=number, role="box_title", level=item.level)
            return
        ob = self.open
        if ob is not None and not ob.element and (ob.level is None or (item.level or 9) <= ob.level):
            self.close_box()
        number, _ = structure.heading_number(text)
        no = self.line(text)
        self.block(Kind.HEADING, text, no, level=item.level, number=number)


def assemble(items: list[Item]) -> tuple[tuple[Line, ...], tuple[Block, ...], tuple[Box, ...]]:
    a = _Assembler()
    for k, item in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        text = normalise_line(item.text)
        if item.kind == "box_start":
            a.close_box()
            a.open = _OpenBox(None, "", len(a.blocks), len(a.lines) + 1, None, element=True)
        elif item.kind == "box_end":
            if a.open is not None and a.open.element:
                a.close_box()
        elif item.kind == "heading":
            a.heading(item)
        elif item.kind == "paragraph" and structure.is_box_end(text):
            if a.open is None:
                _open_box_before(a)
            a.block(Kind.PARAGRAPH, text, a.line(text), role="box_end")
            a.close_box()
        elif item.kind == "paragraph" and structure.box_start(text) and len(text) < 120:
            a.heading(Item("heading", text, role="box_title"))
        elif item.kind == "paragraph" and structure.is_caption_paragraph(text):
            # "Tabell 6-1 Bevilgningsrapportering 31.12.2023" printed as a paragraph (no <caption>)
            number = structure.caption(text)
            a.block(Kind.CAPTION, text, a.line(text), number=number[0] if number else None)
        elif item.kind == "paragraph":
            role = item.role
            if nxt is not None and nxt.kind == "list_item" and role is None:
                role = "lead_in"
            if nxt is not None and nxt.kind == "table" and structure.is_unit_line(text):
                role = "unit"
            a.block(Kind.PARAGRAPH, text, a.line(text), role=role)
        elif item.kind == "caption":
            number = structure.caption(text)
            a.block(Kind.CAPTION, text, a.line(text), number=number[0] if number else None)
        elif item.kind == "list_item":
            no = a.line(f"{item.marker} {text}" if item.marker else text)
            a.block(Kind.LIST_ITEM, text, no, marker=item.marker, number=item.number, depth=item.depth)
        elif item.kind == "table":
            _table(a, item)
    a.close_box()
    _name_element_boxes(a)
    return tuple(a.lines), tuple(a.blocks), tuple(a.boxes)


def _table(a: _Assembler, item: Item) -> None:
    rows: list[Row] = []
    for cells, header in item.rows:
        no = a.line("\t".join(cells))
        rows.append(
            Row(tuple(Cell(normalise_line(c), no, col=i) for i, c in enumerate(cells)), no, header, no)
        )
    prev = a.blocks[-1] if a.blocks else None
    unit = prev.text if prev is not None and prev.role == "unit" else None
    caption = item.caption or (prev.text if prev is not None and prev.kind is Kind.CAPTION else None)
    if unit is None:
        unit = next(
            (c.text for r in rows if r.header for c in r.cells if c.text and structure.is_unit_line(c.text)),
            None,
        )
    text = "\n".join("\t".join(c.text for c in r.cells) for r in rows)
    a.block(Kind.TABLE, text, rows[0].line, last=rows[-1].line, rows=tuple(rows), unit=unit, caption=caption)


_LEAD_IN_END = regex.compile(r"\b(?:å|gjennom|ved|at|for|om|til|med|og)\s*$", regex.IGNORECASE)


def _title_like(text: str) -> bool:
    """A box title: a short line without sentence punctuation or a colon, not a lead-in waiting for its
    items ("… gjennom å"), not a box note ("1 …")."""
    t = text.strip()
    return (
        len(t.split()) <= MAX_TITLE_WORDS
        and not t.endswith((".", ";", ",", "!"))
        and ":" not in t
        and not _LEAD_IN_END.search(t)
        and not regex.match(r"\d{1,2}\s", t)
    )


def _open_box_before(a: _Assembler) -> None:
    """ "[Boks slutt]" with no box open (a rendering that prints no "Boks N.M" title): the box began at
    the nearest title-like block before it, after the previous box: a heading, or a short line without
    end punctuation that is not a list's lead-in."""
    start = a.boxes[-1].last_block + 1 if a.boxes else 0
    for i in range(len(a.blocks) - 1, start - 1, -1):
        b = a.blocks[i]
        if b.kind is Kind.HEADING or (b.kind is Kind.PARAGRAPH and _title_like(b.text)):
            a.blocks[i] = replace(b, kind=Kind.HEADING, role="box_title")
            for j in range(i, len(a.blocks)):
                a.blocks[j] = replace(a.blocks[j], box=len(a.boxes))
            a.open = _OpenBox(None, b.text, i, b.first_line, b.level, element=False)
            return


def _name_element_boxes(a: _Assembler) -> None:
    """A box element's title is its first heading (or first short line)."""
    for i, box in enumerate(a.boxes):
        if box.title:
            continue
        first = a.blocks[box.first_block]
        found = structure.box_start(first.text)
        title = found[1] if found else first.text
        a.boxes[i] = replace(box, title=title, number=found[0] if found else None)
        if first.kind is Kind.HEADING:
            a.blocks[box.first_block] = replace(first, role="box_title")
