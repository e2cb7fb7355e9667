"""The in-memory document every extractor reads: normalised lines with page/line provenance.

A `Document` is plain data. Sources (`sources.text`, `sources.pdf`) build it; extractors only read it.
Line numbers are 1-based. For text input they are the lines of the file itself, so a person can open
the file at `linje`; for PDF input they are the lines of the normalised text (`hdir-extract text FILE`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line number
    text: str  # normalised text (NFC, no soft hyphens, NBSP/thin spaces as plain spaces, tabs kept)
    page: int | None = None  # 1-based page, None for text input


@dataclass(slots=True)
class Document:
    dok_id: str
    source_file: str
    sha256: str
    format: str  # "txt" | "pdf"
    lines: list[Line]
    n_pages: int | None = None
    # filled by classify(): dokumenttype, aar, tittel, utsteder
    dokumenttype: str = "ukjent"
    aar: int | None = None
    tittel: str | None = None
    utsteder: str | None = None
    # page furniture removed from PDF pages: (page, position, text)
    furniture: list[tuple[int, str, str]] = field(default_factory=list)
    # problems the reader met that did not stop it (e.g. pages without a text layer): warnings
    warnings: list[str] = field(default_factory=list)

    def with_lines(self, lines: list[Line]) -> Document:
        """A copy with other lines (an extractor's cleaned view), every other field kept."""
        return replace(self, lines=lines)

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
