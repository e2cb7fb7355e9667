"""The printed lines of a run of blocks, each with the block it stands in.

The key-figure tables, the accounts and the indicator sections of an årsrapport are read line by printed
line inside their blocks: a table's caption, its column heads and its wrapped row labels stand in
blocks of their own kinds, and a text layer's paragraph may hold a section heading or a note heading
that begins a new line inside it. So each block is opened into its printed lines: a paragraph, heading,
caption or list item into the part of its joined (de-hyphenated) text that each source line holds (its
`spans`), a table into its rows (cells kept). Blank lines and page furniture never appear: the reading
layer has put them aside. A DOCX paragraph is one line, so there a printed line is the whole block.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import regex

from hdir_extract.document import Block, Cell, Document, Kind, Line, Row, Span


@dataclass(frozen=True, slots=True)
class Printed:
    """One printed line of a block, or one row of a table."""

    line: int  # the document line it stands on (a table row: the row's first line)
    text: str  # the line as printed (its part of the block's text, see `block_lines`); a row: its cells
    block: int  # index of its block in Document.blocks
    kind: Kind
    first: bool  # the first printed line of its block: a paragraph break (or a new row) before it
    cells: tuple[Cell, ...] = ()  # a table row's cells
    header: bool = False  # a table row the layer marked as column header
    marker: str | None = None  # a list item's marker, on its first line
    depth: int = 0  # a list item's nesting
    start: int = 0  # where its part of the block's joined text starts (and ends): for `stream`
    end: int = 0

    @property
    def is_row(self) -> bool:
        return self.kind is Kind.TABLE

    def cell_text(self, sep: str = "\t") -> str:
        """A table row's cells joined by `sep` (a TAB keeps the cell boundaries); else the text."""
        return sep.join(c.text for c in self.cells) if self.cells else self.text


def block_lines(block: Block, index: int, doc_lines: Sequence[Line] = ()) -> list[Printed]:
    """The printed lines of one block. A line's text is its part of the block's joined text, with the
    hyphen the layer resolved at its end put back ("Inn-" / "sparinger(-)"), so that joining the lines
    again (`join_lines`) gives the block's own words."""
    if block.kind is Kind.TABLE:
        return [
            p
            for r in block.rows
            if any(c.text.strip() for c in r.cells)
            for p in _row_lines(r, index, doc_lines)
        ]
    spans = block.spans
    if len(spans) <= 1:
        parts = [(block.first_line, 0, len(block.text))]
    else:
        ends = [s.start for s in spans[1:]] + [len(block.text)]
        parts = [(s.line, s.start, e) for s, e in zip(spans, ends, strict=True)]
    out: list[Printed] = []
    for k, (line, a, b) in enumerate(parts):
        text = block.text[a:b]
        if not text.strip():
            continue
        glued = k + 1 < len(parts) and b < len(block.text) and not text[-1:].isspace()
        if glued and not text.endswith(("-", "–", "\u2010")):
            text += "-"  # the two lines were one word: a line-end hyphen the layer resolved
        first = not out
        marker = block.marker if first else None
        out.append(
            Printed(
                line, text.strip(), index, block.kind, first, marker=marker, depth=block.depth, start=a, end=b
            )
        )
    return out


def _row_lines(row: Row, index: int, doc_lines: Sequence[Line]) -> list[Printed]:
    """A table row as printed lines: one, or, where the layer gathered several printed lines of a text
    layer into one row (a cell-per-line reading of TAB-separated rows), each of those lines with its
    cells cut at the TABs (reported as a layout problem)."""
    last = row.last_line or row.line
    if last == row.line or not doc_lines or last > len(doc_lines):
        return [
            Printed(row.line, " ".join(row.texts).strip(), index, Kind.TABLE, True, row.cells, row.header)
        ]
    out: list[Printed] = []
    for no in range(row.line, last + 1):
        parts = [c.strip() for c in doc_lines[no - 1].text.split("\t") if c.strip()]
        if parts:
            cells = tuple(Cell(c, no) for c in parts)
            out.append(Printed(no, " ".join(parts), index, Kind.TABLE, True, cells, row.header))
    return out


def printed_lines(doc: Document, blocks: Iterable[int] | None = None) -> list[Printed]:
    """The printed lines of the document's body blocks (furniture left out), in reading order."""
    out: list[Printed] = []
    for i in range(len(doc.blocks)) if blocks is None else blocks:
        b = doc.blocks[i]
        if b.kind is not Kind.FURNITURE:
            out.extend(block_lines(b, i, doc.lines))
    return out


def stream(doc: Document, lines: list[Printed]) -> tuple[str, list[int]]:
    """The lines read as one running text, and the offset where each line starts in it. The lines of
    one block follow each other as the block joined them (a line-end hyphen resolved, one space);
    blocks and table rows are separated by a space."""
    text = ""
    starts: list[int] = []
    for k, p in enumerate(lines):
        part = p.text if p.is_row else doc.blocks[p.block].text[p.start : p.end]
        same_block = k > 0 and lines[k - 1].block == p.block and not p.is_row
        if k > 0 and not same_block:
            text = text.rstrip() + " "
        starts.append(len(text))
        text += part
    return text, starts


# a block-less document's caption line and numbered chapter heading ("7. Etatstyrers vurdering …")
_CAPTION_LINE = regex.compile(r"^\s*(?:Tabell|Figur)\s+\d+(?:[-.]\d+)?\s*\S.{0,120}$")
_CHAPTER_LINE = regex.compile(r"^\s*(?P<nr>\d{1,2})\.\s+\p{Lu}[^.:]{0,80}$")


def with_line_blocks(doc: Document) -> Document:
    """The document as it is, or, where its reader built no blocks (the PDF reader, until it builds them
    from its geometry), with one block per printed line: a caption line a caption, a numbered chapter
    line a heading, every other line a paragraph of its own, its text as printed (TABs kept, so a table
    row's cells stay apart). The extractors then read it as the old line readers did."""
    if doc.blocks or not doc.lines:
        return doc
    blocks: list[Block] = []
    for ln in doc.lines:
        if not ln.text.strip():
            continue
        kind, number = Kind.PARAGRAPH, None
        if _CAPTION_LINE.match(ln.text):
            kind = Kind.CAPTION
        elif m := _CHAPTER_LINE.match(ln.text):
            kind, number = Kind.HEADING, m.group("nr")
        blocks.append(Block(kind, ln.text, ln.no, ln.no, ln.page, (Span(0, ln.no),), number=number))
    return replace(doc, blocks=tuple(blocks))
