"""The logical document every extractor reads: lines with provenance, and blocks built once from them.

A `Document` is plain, frozen data: a reader (`readers/`) builds it once from one file, and nothing
changes it afterwards (classification makes a new value with `Document.classified`). Extractors read
its blocks; `lines` are what `linje` points at.

Lines (`Line`) are 1-based and keep their meaning for every format:
- `.txt` and `.md`: the file's own lines (a Markdown file's front matter is counted, so `sed -n` finds a
  record's line), with markup stripped from their text;
- DOCX: one line per paragraph and per table row, in document order;
- PDF: the reader's printed lines in reading order, furniture aside.

Blocks (`Block`) are the document's structure in reading order, the same whatever the rendering: headings
(with level and printed number), paragraphs (joined across line breaks, de-hyphenated), list items (marker,
depth, number), tables (rows x cells, each cell with its line), footnotes, captions and page furniture.
Boxes ("Boks 4.1 …" to "[Boks slutt]") are spans of blocks (`Box`); every block inside one carries the
box's index. Modelled on docling-core's DoclingDocument: structure with provenance, kept apart from the
converters that build it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line number
    text: str  # normalised text (NFC, no soft hyphens, NBSP/thin spaces as plain spaces, tabs kept)
    page: int | None = None  # 1-based page, None where the format has no pages


class Kind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CAPTION = "caption"  # "Tabell 6-1 …", "Figur 3.2 …": also kept on the table it names
    FOOTNOTE = "footnote"
    FURNITURE = "furniture"  # running heads, footers, page numbers: never body text


@dataclass(frozen=True, slots=True)
class Span:
    """Where a source line's text starts inside a block's joined `text`."""

    start: int  # character offset in Block.text
    line: int  # 1-based document line


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # the cell's text, wrapped lines joined with a space
    line: int  # line where the cell's text starts (a cell's value is printed there)
    col: int | None = None  # column index when the layout tells it (grid tables); None when it does not


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    line: int  # first line of the row
    header: bool = False  # a column-header row (names, years, the unit)
    last_line: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True, slots=True)
class Block:
    kind: Kind
    text: str  # joined text; a table's rows are joined by "\n", its cells by "\t"
    first_line: int
    last_line: int
    page: int | None = None  # page of the first line
    spans: tuple[Span, ...] = ()  # one per source line, so an offset in `text` maps back to its line
    level: int | None = None  # heading level (1 = top) where the rendering tells it; None where it cannot
    number: str | None = None  # printed number: heading "5.2", box "Boks 4.1", list item "3" or "b"
    marker: str | None = None  # list marker as printed: "–", "•", "*", "-", "1.", "a)"
    depth: int = 0  # list nesting, 0 = top level
    emphasis: bool = False  # printed wholly bold/italic (a bold run used as a heading)
    role: str | None = None  # "box_title", "box_end", "unit", "lead_in", "title" … where the layer knows it
    box: int | None = None  # index into Document.boxes of the box the block stands in
    rows: tuple[Row, ...] = ()  # tables only
    unit: str | None = None  # tables: the unit line ("(i 1 000 kr)", "Mill. kroner")
    caption: str | None = None  # tables: the caption printed with the table ("Tabell 6-1 …")
    position: str | None = None  # furniture: "topp" | "bunn"
    style: str | None = None  # the source's own style or tag (DOCX style, Markdown token), for diagnostics

    @property
    def title(self) -> str:
        """A heading's text without its printed number ("5.2 Tittel" -> "Tittel")."""
        if self.number and self.text.startswith(self.number):
            return self.text[len(self.number) :].lstrip(" .\t")  # "5.2. Tittel mv." keeps its "mv."
        return self.text

    @property
    def lines(self) -> range:
        return range(self.first_line, self.last_line + 1)

    def line_at(self, offset: int) -> int:
        """The document line on which character `offset` of `text` is printed."""
        if not self.spans:
            return self.first_line
        starts = [s.start for s in self.spans]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.spans[i].line

    @property
    def header_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.header)

    @property
    def body_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.header)


@dataclass(frozen=True, slots=True)
class Box:
    """A framed box: "Boks 3.1 Regjeringen vil" … "[Boks slutt]" (or the next heading)."""

    index: int
    title: str  # as printed, without the number ("Regjeringen vil")
    number: str | None  # "Boks 3.1" where printed; None where the rendering prints none (DOCX)
    first_block: int
    last_block: int
    first_line: int
    last_line: int

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title


@dataclass(frozen=True, slots=True)
class Furniture:
    page: int | None
    position: str  # "topp" | "bunn"
    text: str
    line: int | None = None  # its line where it stands among the document's lines (text input)


@dataclass(frozen=True, slots=True)
class Document:
    dok_id: str
    source_file: str
    sha256: str
    format: str  # "txt" | "md" | "docx" | "pdf"
    lines: tuple[Line, ...]
    blocks: tuple[Block, ...] = ()
    boxes: tuple[Box, ...] = ()
    n_pages: int | None = None
    furniture: tuple[Furniture, ...] = ()
    #: problems the reader met that did not stop it (e.g. pages without a text layer): warnings
    warnings: tuple[str, ...] = ()
    #: metadata a converter put in front of the document (YAML front matter); never used to classify
    front_matter: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # set by `classified`: dokumenttype, aar, tittel, utsteder
    dokumenttype: str = "ukjent"
    aar: int | None = None
    tittel: str | None = None
    utsteder: str | None = None

    def __post_init__(self) -> None:
        # tuples, so that nothing downstream can change the document in place
        for name in ("lines", "blocks", "boxes", "furniture", "warnings"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    # --- new values ---------------------------------------------------------------------------

    def classified(
        self, dok_id: str, dokumenttype: str, aar: int | None, tittel: str | None, utsteder: str | None
    ) -> Document:
        return replace(
            self, dok_id=dok_id, dokumenttype=dokumenttype, aar=aar, tittel=tittel, utsteder=utsteder
        )

    def with_lines(self, lines: Sequence[Line]) -> Document:
        """A copy with other lines (an extractor's cleaned view), every other field kept."""
        return replace(self, lines=tuple(lines))

    # --- lines --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, no: int) -> Line:
        """The line with 1-based number `no`."""
        return self.lines[no - 1]

    def text(self, no: int) -> str:
        return self.lines[no - 1].text if 1 <= no <= len(self.lines) else ""

    def page(self, no: int) -> int | None:
        return self.lines[no - 1].page if 1 <= no <= len(self.lines) else None

    def iter(self, start: int = 1, end: int | None = None) -> Iterator[Line]:
        """Lines start..end inclusive (1-based)."""
        stop = len(self.lines) if end is None else min(end, len(self.lines))
        for i in range(max(start, 1) - 1, stop):
            yield self.lines[i]

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]

    def full_text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    # --- blocks -------------------------------------------------------------------------------

    @property
    def body(self) -> list[Block]:
        """Every block but page furniture, in reading order."""
        return [b for b in self.blocks if b.kind is not Kind.FURNITURE]

    def of_kind(self, *kinds: Kind) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    def block_at(self, line_no: int) -> Block | None:
        """The block covering document line `line_no` (None for a blank line between blocks)."""
        firsts = [b.first_line for b in self.blocks]
        i = bisect.bisect_right(firsts, line_no) - 1
        while i >= 0:
            b = self.blocks[i]
            if b.first_line <= line_no <= b.last_line:
                return b
            if b.last_line < line_no and b.kind is not Kind.TABLE:
                return None
            i -= 1
        return None

    def body_text(self) -> str:
        """The body blocks' texts, one per line: what classification and searches read."""
        return "\n".join(b.text for b in self.blocks if b.kind is not Kind.FURNITURE)
