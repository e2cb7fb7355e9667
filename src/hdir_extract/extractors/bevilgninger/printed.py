"""The printed rows of a document's body, read from its blocks: what letter and report tables are read from.

The reading layer gives every document blocks with page furniture kept out. Two kinds of table reach the
bevilgninger readers:
- grid tables (Markdown, DOCX, a PDF's ruled grid): a TABLE block whose cells carry column indices. Each
  table row is one printed row, its cells joined by a TAB, so that a number never runs into the next
  cell and an empty cell (a converter's stray column) leaves no trace in the amounts;
- tables in a text layer: the layout cannot always tell their rows (a row's name and its amounts stand on
  separate lines, a column header is taken for a heading, a row for a paragraph), so every printed line
  of the body is a printed row, tagged with the block it stands in (a numbered heading ends a table).

`printed_rows` is a pure function of the document. A document whose reader builds no blocks (a PDF before
its reader builds them) is read line by line: one paragraph block per printed line, a bare page label
("Side 15") as page furniture.
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections import defaultdict
from dataclasses import dataclass

import regex

from hdir_extract.document import Block, Cell, Document, Kind


@dataclass(frozen=True, slots=True)
class Printed:
    """One printed row: a line of a text layer, or one row of a grid table."""

    text: str  # the printed line; a grid row's cells joined by TAB
    line: int  # the document line it is printed on (what `linje` cites)
    block: int  # index of its block in `all_blocks(doc)`
    kind: Kind  # kind of that block
    numbered: bool = False  # the block is a numbered heading ("2.1.2 Tildelinger")
    cells: tuple[Cell, ...] = ()  # grid rows only
    header: bool = False  # a grid table's column-header row
    unit: str | None = None  # the grid or text table's unit line, where the layout found one

    @property
    def grid(self) -> bool:
        return bool(self.cells)


#: a bare page label: the only furniture a document without blocks is told apart from its body by
PAGE_LABEL = regex.compile(r"^\s*Side\s+\d{1,4}(?:\s*(?:av|/)\s*\d{1,4})?\s*$", regex.I)


def all_blocks(doc: Document) -> tuple[Block, ...]:
    """The document's blocks, page furniture included; for a document without blocks, one per line."""
    if doc.blocks or not doc.lines:
        return doc.blocks
    return tuple(
        Block(
            Kind.FURNITURE if PAGE_LABEL.match(ln.text) else Kind.PARAGRAPH,
            ln.text.strip(),
            ln.no,
            ln.no,
            ln.page,
        )
        for ln in doc.lines
        if ln.text.strip()
    )


def body_blocks(blocks: tuple[Block, ...]) -> list[Block]:
    """Blocks without page furniture."""
    return [b for b in blocks if b.kind is not Kind.FURNITURE]


def is_grid(block: Block) -> bool:
    """A table whose reader knew its columns (cells with column indices)."""
    return block.kind is Kind.TABLE and any(c.col is not None for r in block.rows for c in r.cells)


#: "Årsrapport 2023  27", "27 Årsrapport 2023": a title and a page number, nothing else on the line
_TITLED_PAGE = regex.compile(
    r"^\s*(?:(?P<n1>\d{1,3})\s+(?P<t1>\p{L}[^\t]*?)|(?P<t2>\p{L}[^\t]*?)\s+(?P<n2>\d{1,3}))\s*$"
)
MIN_REPEATS = 3
MIN_PAGE_LINES = 15


def _rising(numbers: list[int]) -> int:
    """Length of the longest strictly rising subsequence (patience sorting)."""
    tails: list[int] = []
    for n in numbers:
        k = bisect.bisect_left(tails, n)
        tails[k : k + 1] = [n]
    return len(tails)


def _unordered_heads(doc: Document) -> set[int]:
    """Running heads and feet the reading layer leaves in the body because their page numbers do not
    all rise in order (a text layer that kept only some pages' feet, an appendix that restarts at 1, a
    page foot inserted beside the document's own): a short "<title> <page>" line whose title recurs on
    at least three lines, a page apart, with numbers that mostly rise (two thirds of them in rising
    order: "kan nyttes under post 21" recurs with numbers that do not). A title names a document (two
    words, ten letters: "Årsrapport 2023"), never a label ("Post 21", "Kap. 714, post 21")."""
    seen: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for ln in doc.lines:
        m = _TITLED_PAGE.match(ln.text) if len(ln.text) <= 60 else None
        if not m:
            continue
        title = " ".join((m.group("t1") or m.group("t2")).split()).casefold()
        if len(title.split()) < 2 or len(regex.findall(r"\p{L}", title)) < 10 or title[-1] in ".:;,":
            continue
        seen[title].append((ln.no, int(m.group("n1") or m.group("n2"))))
    out: set[int] = set()
    for occ in seen.values():
        rising = _rising([n for _, n in occ])
        if rising < MIN_REPEATS or 3 * rising < 2 * len(occ):
            continue
        if statistics.median(b[0] - a[0] for a, b in itertools.pairwise(occ)) >= MIN_PAGE_LINES:
            out.update(no for no, _ in occ)
    return out


def furniture_lines(doc: Document, blocks: tuple[Block, ...]) -> frozenset[int]:
    """Page furniture: the reading layer's, and running heads it left in the body (`_unordered_heads`)."""
    marks = {f.line for f in doc.furniture if f.line is not None}
    marks.update(b.first_line for b in blocks if b.kind is Kind.FURNITURE)
    marks.update(_unordered_heads(doc))
    return frozenset(marks)


def _block_lines(block: Block) -> list[int]:
    """The lines a block is printed on: its spans' lines, or its whole range (tables, unspanned blocks)."""
    if block.kind is not Kind.TABLE and block.spans:
        return sorted({s.line for s in block.spans})
    return list(block.lines)


def printed_rows(doc: Document, blocks: tuple[Block, ...] | None = None) -> list[Printed]:
    """Every printed row of the body, in reading order (blank lines and page furniture left out).
    `blocks`: the document's `all_blocks`, when the caller has them already."""
    blocks = all_blocks(doc) if blocks is None else blocks
    furniture = furniture_lines(doc, blocks)
    out: list[Printed] = []
    seen: set[int] = set()
    for i, b in enumerate(blocks):
        if b.kind is Kind.FURNITURE:
            continue
        numbered = b.kind is Kind.HEADING and b.number is not None
        if is_grid(b):
            for r in b.rows:
                text = "\t".join(c.text for c in r.cells)
                if text.strip():
                    out.append(Printed(text, r.line, i, b.kind, cells=r.cells, header=r.header, unit=b.unit))
            continue
        unit = b.unit if b.kind is Kind.TABLE else None
        heads = _wrapped_heads(b)
        for no in _block_lines(b):
            text = heads.get(no, doc.text(no))
            if no in seen or no in furniture or not text.strip():
                continue
            seen.add(no)  # a line shared by two blocks (a heading and its body on one line) is one row
            out.append(Printed(text, no, i, b.kind, numbered=numbered, unit=unit))
    return out


def _wrapped_heads(block: Block) -> dict[int, str]:
    """A text-layer table's column header whose cells wrapped over lines ("Kap. post Tidligere" /
    "bevilgning Ny tildeling Sum" / "tildelt"), read as the layout joined it: its first line carries the
    whole header, its other lines nothing (""), so that a column name broken between lines is one name.
    Body rows keep their printed lines (the flow readers tell their names and amounts apart)."""
    out: dict[int, str] = {}
    if block.kind is not Kind.TABLE:
        return out
    for r in block.rows:
        if r.header and r.last_line is not None and r.last_line > r.line:
            out.update(dict.fromkeys(range(r.line + 1, r.last_line + 1), ""))
            out[r.line] = "\t".join(c.text for c in r.cells if c.text)
    return out
