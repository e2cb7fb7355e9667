"""The printed lines of a document's blocks, in reading order: what the letter and assignment readers walk.

A block is the unit of structure, but a letter's furniture-like parts (the letterhead's "Dato" and its
date, a subject line, an assignment heading) are printed lines, and a line-based rendering sometimes
joins such a line with the paragraph around it (a heading and the first lines of its body, "Frist: …"
and the next assignment's heading). Each block is therefore also read as its segments: the text of each
of its source lines, cut out of the block's joined text by its spans (so de-hyphenation is already
done), with the block it stands in. A Markdown paragraph is usually one segment; a table row is one
segment (its cells joined by a space). Page furniture is never a segment: the reading layer keeps it
out of the body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from hdir_extract.document import Block, Document, Kind, Span
from hdir_extract.parsing.text import join_two

_SPACE = regex.compile(r"\s+")
#: whitespace to Python's str.split() but not to the regex module's \s (Unicode White_Space)
_SPLIT_ONLY = ("\x1c", "\x1d", "\x1e", "\x1f")


# not frozen: a frozen dataclass sets each field through object.__setattr__, five times the cost of
# a plain one, and a document has tens of thousands of segments. Nothing assigns to a Seg; it stays
# hashable (unsafe_hash) and compares by value as before.
@dataclass(slots=True, unsafe_hash=True)
class Seg:
    text: str  # the segment's text, whitespace collapsed
    line: int  # the document line it is printed on
    block: int  # index of its block in Document.blocks
    first: bool  # the first segment of its block
    kind: Kind  # its block's kind
    emphasis: bool = False  # its block is printed wholly bold/italic (a bold run used as a heading)
    start: int = 0  # offsets of the segment in its block's text (a table row: 0, 0)
    end: int = 0


#: whitespace to Python's str.split but not to the regex module's \s (Unicode White_Space)
_SPLIT_ONLY = ("\x1c", "\x1d", "\x1e", "\x1f")


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _split_clean(text: str) -> str:
    """`clean` without a regex, for text holding none of `_SPLIT_ONLY` (there str.split() splits
    exactly where `_SPACE` matches)."""
    return " ".join(text.split())


def _cleaner(text: str) -> Callable[[str], str]:
    """The cheapest function that cleans `text` and its parts as `clean` does."""
    return clean if any(c in text for c in _SPLIT_ONLY) else _split_clean


def block_segments(index: int, b: Block) -> list[Seg]:
    """The segments of one block, in order (empty ones dropped)."""
    if b.kind is Kind.TABLE:
        rows = [(r.line, " ".join(c.text for c in r.cells), 0, 0) for r in b.rows]
        tidy = _cleaner("".join(text for _, text, _, _ in rows))
    elif b.spans:
        starts = [s.start for s in b.spans] + [len(b.text)]
        rows = [
            (s.line, b.text[s.start : starts[k + 1]], s.start, starts[k + 1]) for k, s in enumerate(b.spans)
        ]
        tidy = _cleaner(b.text)
    else:
        rows = [(b.first_line, b.text, 0, len(b.text))]
        tidy = _cleaner(b.text)
    out: list[Seg] = []
    kind, emphasis = b.kind, b.emphasis
    for line, text, start, end in rows:
        text = tidy(text)
        if text:
            out.append(Seg(text, line, index, not out, kind, emphasis, start, end))
    return out


_BULLET = regex.compile(r"^[-•–▪]\s+")


def readable(doc: Document) -> Document:
    """The document with blocks: a reader that builds none (yet) gives one paragraph per printed line,
    a bulleted line a list item (its lines in lower case after it joined to it), so that letters and
    assignments are still read, line by line."""
    if doc.blocks:
        return doc
    blocks: list[Block] = []
    for ln in doc.lines:
        text = ln.text.strip()
        if not text:
            continue
        bullet = _BULLET.match(text)
        last = blocks[-1] if blocks else None
        if not bullet and last and last.kind is Kind.LIST_ITEM and regex.match(r"\p{Ll}", text):
            joined_text = join_two(last.text, text)
            spans = (*last.spans, Span(len(joined_text) - len(text), ln.no))
            blocks[-1] = replace(last, text=joined_text, last_line=ln.no, spans=spans)
        elif bullet:
            item = text[bullet.end() :]
            blocks.append(Block(Kind.LIST_ITEM, item, ln.no, ln.no, ln.page, (Span(0, ln.no),), marker="-"))
        else:
            blocks.append(Block(Kind.PARAGRAPH, text, ln.no, ln.no, ln.page, (Span(0, ln.no),)))
    return replace(doc, blocks=tuple(blocks))


def segments(doc: Document) -> list[Seg]:
    """Every body segment of the document, in reading order (of `readable(doc)`'s blocks)."""
    out: list[Seg] = []
    for i, b in enumerate(doc.blocks):
        if b.kind is not Kind.FURNITURE:
            out.extend(block_segments(i, b))
    return out


def joined(doc: Document, segs: list[Seg]) -> str:
    """Segments joined as prose: consecutive segments of one block are cut out of the block's text
    together (a word the reading layer closed up over a line break stays whole); blocks and table rows
    are joined by a space."""
    parts: list[str] = []
    k = 0
    while k < len(segs):
        first = last = segs[k]
        if first.kind is Kind.TABLE:
            parts.append(first.text)
            k += 1
            continue
        while k + 1 < len(segs) and segs[k + 1].block == first.block and segs[k + 1].start == segs[k].end:
            k += 1
            last = segs[k]
        parts.append(doc.blocks[first.block].text[first.start : last.end])
        k += 1
    text = ""
    for part in parts:
        # two blocks of one sentence (a layout split a paragraph): joined like wrapped lines, so that
        # "(2024-" + "2028)" is "(2024-2028)"
        text = join_two(text, clean(part)) if text else clean(part)
    return clean(text)
