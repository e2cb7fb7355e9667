"""The input of the layout rules: one printed line and what its reader knows about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceLine:
    no: int  # 1-based document line
    text: str  # normalised text (tabs kept: they separate table cells)
    page: int | None = None
    #: "topp" | "bunn" when the reader knows the line is page furniture (a PDF's margins)
    furniture: str | None = None
    #: the cells of a table row the reader saw (a PDF's ruled grid or aligned columns)
    cells: tuple[str, ...] | None = None
    #: the reader saw a paragraph gap before this line (a PDF's vertical spacing)
    gap_before: bool = False
    #: left indent in points relative to the text column (PDF), for list nesting; None when unknown
    indent: float | None = None
    #: the reader saw the line wrap (the next line's first word did not fit after it: True) or break
    #: where that word would have fitted (False); None when unknown (a text file, a table row)
    wrapped: bool | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip(" ")  # a lone TAB is an empty table cell, not a blank line
