"""brev extractor: the letters of a tildelingsbrev bundle (main letter and supplementary letters), of a
supplementary letter in its own file, or of an oppdragsdokument, one row each, segmented by
`letters.segment_letters`: its order in the file (brev_nr), kind, printed supplement number (tillegg_nr),
date, reference, subject and addressee."""

from __future__ import annotations

from hdir_extract.document import Document
from hdir_extract.extractors.brev.index import DocIndex
from hdir_extract.models import Brev, Record


def extract(doc: Document, index: DocIndex | None = None) -> list[Record]:
    """`index`: the pipeline's shared views of `doc` (built here when not given)."""
    letters = (index.of(doc) if index is not None else DocIndex(doc)).letters
    return [
        Brev(
            dok_id=doc.dok_id,
            linje=seg.linje_start,
            brev_nr=seg.brev_nr,
            brevtype=seg.brevtype,  # type: ignore[arg-type]
            tillegg_nr=seg.tillegg_nr,
            mottaker=seg.mottaker,
            dato=seg.dato,
            var_ref=seg.var_ref,
            emne=seg.emne,
            linje_start=seg.linje_start,
            linje_slutt=seg.linje_slutt,
        )
        for seg in letters
    ]
