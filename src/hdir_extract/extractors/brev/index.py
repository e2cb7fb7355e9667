"""Views of one document that several extractors (brev, oppdrag, bevilgninger) read: its segments and
its letters.

The pipeline builds one `DocIndex` per document and hands it explicitly to the extractors that read
these views (`ExtractorSpec.takes_index`), so a letter is segmented once per document instead of once
per extractor. Each view is built on first use from the document alone; nothing is kept in module
state, and no extractor changes a view it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hdir_extract.document import Document
from hdir_extract.extractors.brev.letters import LetterSegment, segment_letters
from hdir_extract.extractors.brev.segments import Seg, readable, segments


@dataclass(slots=True)
class DocIndex:
    doc: Document
    _segments: list[Seg] | None = field(default=None, repr=False)
    _letters: list[LetterSegment] | None = field(default=None, repr=False)

    @property
    def segments(self) -> list[Seg]:
        """`segments(readable(doc))`: the document's body segments in reading order."""
        if self._segments is None:
            self._segments = segments(readable(self.doc))
        return self._segments

    @property
    def letters(self) -> list[LetterSegment]:
        """`segment_letters(doc)`: the letters of the document, in file order."""
        if self._letters is None:
            self._letters = segment_letters(self.doc, self.segments)
        return self._letters

    def classified(self, doc: Document) -> DocIndex:
        """These views for `doc`, this index's document as classified: classification sets only its
        metadata (id, type, year, title), never the lines or blocks that every view is built from."""
        return DocIndex(doc, self._segments, self._letters)

    def of(self, doc: Document) -> DocIndex:
        """This index if it was built for `doc`, else a new one (an extractor called on a view)."""
        return self if doc is self.doc else DocIndex(doc)
