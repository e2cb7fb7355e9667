"""brev extractor: the letters of a tildelingsbrev bundle (main letter and supplementary letters),
one row each, segmented by `letters.segment_letters`."""

from __future__ import annotations

from hdir_extract.document import Document
from hdir_extract.extractors.brev.letters import segment_letters
from hdir_extract.models import Brev, Record


def extract(doc: Document) -> list[Record]:
    return [
        Brev(
            dok_id=doc.dok_id,
            linje=seg.linje_start,
            brev_nr=seg.brev_nr,
            brevtype=seg.brevtype,  # type: ignore[arg-type]
            dato=seg.dato,
            var_ref=seg.var_ref,
            emne=seg.emne,
            linje_start=seg.linje_start,
            linje_slutt=seg.linje_slutt,
        )
        for seg in segment_letters(doc)
    ]
