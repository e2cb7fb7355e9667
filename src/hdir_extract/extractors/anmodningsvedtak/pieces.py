"""A piece: a block, or a stretch of one, with spans mapping its text back to document lines.

Almost every piece is a whole block (`body.py` says where one is cut). A piece keeps its block, so a
heading keeps its printed number, a list item its marker and a table its rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hdir_extract.document import Block, Document, Kind, Span
from hdir_extract.extractors.anmodningsvedtak.headers import stands_alone
from hdir_extract.extractors.anmodningsvedtak.text import line_ends_sentence
from hdir_extract.parsing.text import join_two


@dataclass(frozen=True, slots=True)
class Piece:
    kind: Kind
    text: str
    spans: tuple[Span, ...]  # offsets in `text` -> document lines, first at 0
    block: Block  # the block it was cut from (a table's cells, a heading's number)

    @property
    def first_line(self) -> int:
        return self.spans[0].line

    @property
    def last_line(self) -> int:
        return self.spans[-1].line

    @property
    def whole(self) -> bool:
        return self.text == self.block.text

    @property
    def title(self) -> str:
        """A heading's text without its printed number ("5.4.7 Oppfølging … mv." -> "Oppfølging …
        mv.": unlike `Block.title`, a full stop at the end stays)."""
        number = self.block.number if self.whole else None
        if number and self.text.startswith(number):
            return self.text[len(number) :].lstrip(" .\t")
        return self.text

    def as_text(self) -> Piece:
        """The piece as printed text: a list item with its marker ("c. forslag …"), a table's rows
        (cells joined by a space) one per line, each mapped to its row's line; any other piece as it is."""
        if self.kind is Kind.LIST_ITEM and self.block.marker and self.spans[0].start == 0:
            lead = len(self.block.marker) + 1
            spans = (self.spans[0], *(Span(s.start + lead, s.line) for s in self.spans[1:]))
            return Piece(self.kind, f"{self.block.marker} {self.text}", spans, self.block)
        if self.kind is not Kind.TABLE:
            return self
        spans: list[Span] = []
        texts: list[str] = []
        pos = 0
        for row in self.block.rows:
            text = " ".join(t.strip() for t in row.texts if t.strip())
            if text:
                spans.append(Span(pos, row.line))
                texts.append(text)
                pos += len(text) + 1
        return Piece(Kind.TABLE, "\n".join(texts), tuple(spans) or self.spans, self.block)

    def line_at(self, offset: int) -> int:
        i = max(bisect.bisect_right([s.start for s in self.spans], offset) - 1, 0)
        return self.spans[i].line

    def printed_lines(self) -> list[tuple[int, int, int]]:
        """(start, end, line) of each printed line in `text`."""
        ends = [s.start for s in self.spans[1:]] + [len(self.text)]
        return [(s.start, e, s.line) for s, e in zip(self.spans, ends, strict=True)]


def whole(block: Block) -> Piece:
    spans = block.spans or (Span(0, block.first_line),)
    if spans[0].start != 0:
        spans = (Span(0, spans[0].line), *spans[1:])
    return Piece(block.kind, block.text, spans, block)


def cut(piece: Piece, start: int, end: int) -> Piece:
    """The piece's text from `start` to `end`, stripped, with its spans moved along."""
    raw = piece.text[start:end]
    start += len(raw) - len(raw.lstrip())
    text = raw.strip()
    end = start + len(text)
    spans: list[Span] = []
    for s in piece.spans:
        if s.start <= start:
            spans = [Span(0, s.line)]
        elif s.start < end:
            spans.append(Span(s.start - start, s.line))
    return Piece(piece.kind, text, tuple(spans), piece.block)


def joined(first: Piece, second: Piece) -> Piece:
    """Two pieces read as one paragraph (a line the layout split off the paragraph it belongs to)."""
    lead = len(first.text) + 1
    spans = (*first.spans, *(Span(s.start + lead, s.line) for s in second.spans))
    return Piece(Kind.PARAGRAPH, f"{first.text} {second.text}", spans, second.block)


def document_blocks(doc: Document) -> Sequence[Block]:
    """The document's blocks. A reader that builds none (yet) gives paragraphs of printed lines: a line
    goes on into the next while its sentence does, like wrapped text (an entry header, a session marker
    or a title is then cut out again by `body.py`)."""
    if doc.blocks:
        return doc.blocks
    out: list[Block] = []
    for ln in doc.lines:
        text = ln.text.strip()
        if not text:
            continue
        last = out[-1] if out else None
        if last is not None and not line_ends_sentence(last.text) and not stands_alone(text):
            joined_text = join_two(last.text, text)
            spans = (*last.spans, Span(len(joined_text) - len(text), ln.no))
            out[-1] = replace(last, text=joined_text, last_line=ln.no, spans=spans)
        else:
            out.append(Block(Kind.PARAGRAPH, text, ln.no, ln.no, ln.page, (Span(0, ln.no),)))
    return out


def flow_units(pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces as running text: a list item with its marker, a table one unit per non-empty cell (a
    mention in a cell is printed on the cell's line)."""
    out: list[Piece] = []
    for p in pieces:
        if p.kind is not Kind.TABLE:
            out.append(p.as_text())
            continue
        for row in p.block.rows:
            for cell in row.cells:
                if cell.text.strip():
                    out.append(Piece(Kind.TABLE, cell.text.strip(), (Span(0, cell.line),), p.block))
    return out
