"""Letter segments of a tildelingsbrev bundle: the main letter and each supplementary letter.

`segment_letters` is shared by every extractor that needs to know which letter a line belongs to
(oppdrag, bevilgninger). It is a pure function of the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hdir_extract.document import Document


@dataclass(frozen=True, slots=True)
class LetterSegment:
    brev_nr: int  # 1-based order in the file
    brevtype: str  # "tildelingsbrev" | "tillegg"
    linje_start: int
    linje_slutt: int
    dato: dt.date | None = None
    var_ref: str | None = None
    emne: str | None = None
    dato_linje: int | None = None


def segment_letters(doc: Document) -> list[LetterSegment]:
    """Split a bundle into letters. Placeholder: the whole document is one main letter."""
    if not doc.lines:
        return []
    return [LetterSegment(brev_nr=1, brevtype="tildelingsbrev", linje_start=1, linje_slutt=len(doc.lines))]


def letter_at(segments: list[LetterSegment], linje: int) -> LetterSegment | None:
    """The letter that line `linje` belongs to."""
    for seg in segments:
        if seg.linje_start <= linje <= seg.linje_slutt:
            return seg
    return None
