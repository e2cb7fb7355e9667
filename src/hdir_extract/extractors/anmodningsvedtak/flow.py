"""The body as one running text for finding mentions and quotes: one line per piece (a paragraph joined
and de-hyphenated, a heading, a table cell), furniture left out; an offset maps back to its piece and
to the document line it is printed on.

The numbered mentions are found by `mentions.find_mentions` over this text. Each piece being one line,
a mention wrapped or hyphenated over a printed line break is already one string, a running head in
mid-sentence is not in the way, and a quote «…» running over several paragraphs is one stretch of text
with a line break ("\\n") between its paragraphs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from hdir_extract.document import Document, Line
from hdir_extract.extractors.anmodningsvedtak.mentions import DocText, Mention, find_mentions
from hdir_extract.extractors.anmodningsvedtak.pieces import Piece


class Flow:
    def __init__(self, doc: Document, units: Sequence[Piece]) -> None:
        self.units = list(units)
        # one line per unit; a line break inside a unit's text would shift nothing, but is a space there
        lines = [Line(i, u.text.replace("\n", " ")) for i, u in enumerate(self.units, start=1)]
        self.dtext = DocText(dataclasses.replace(doc, lines=tuple(lines), blocks=(), boxes=()))
        self.text = self.dtext.text

    def unit_index(self, offset: int) -> int:
        """0-based index of the unit holding `offset`."""
        return min(max(self.dtext.line_of(offset) - 1, 0), len(self.units) - 1)

    def unit_start(self, index: int) -> int:
        return self.dtext.offset_of(index + 1)

    def unit_end(self, index: int) -> int:
        """Offset of the line break after the unit (the end of the text for the last one)."""
        nxt = self.dtext.offset_of(index + 2)
        return nxt - 1 if nxt > 0 and self.text[nxt - 1 : nxt] == "\n" else nxt

    def line_at(self, offset: int) -> int:
        """The document line on which `offset` of the running text is printed."""
        i = self.unit_index(offset)
        return self.units[i].line_at(offset - self.unit_start(i))

    def mentions(self) -> list[Mention]:
        """Every numbered mention, its `linje` the document line its digits are printed on (`start`,
        `end` and `nr_start` stay offsets in this running text)."""
        if not self.units:
            return []
        return [dataclasses.replace(m, linje=self.line_at(m.nr_start)) for m in find_mentions(self.dtext)]
