"""Assignment ids as they stand in a document's blocks, each placed on its segment (printed line).

The search runs over each block's joined text, so an id the typesetter wrapped over a line break
("... i sammenheng med TB2025-" + "103, som har frist", "TTB2024-" + "40/41") is found whole where the
reading layer joined the block; the id counts on the line where it starts. Table rows are searched row
by row.

An oppdragsdokument numbers its assignments without a prefix ("ID: 2026-03"); `od_id` reads that form.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.brev.segments import Seg
from hdir_extract.parsing.ids import find_ids

# "ID: 2026-03": an oppdragsdokument's own assignment number (the "ID:" label is required: a bare
# "2026-03" is a date or a range)
OD_ID = regex.compile(r"^ID\s*:\s*(?P<year>20\d\d)\s*[-\u2010-\u2015\u2212]\s*(?P<nr>\d{1,3})(?!\d)")


@dataclass(frozen=True, slots=True)
class IdAt:
    seg: int  # index of the segment the id starts in
    linje: int
    start: int  # offset of the id in its block's text (a table row: in the row's text)
    raw: str
    oppdrag_id: str


def all_ids(doc: Document, segs: list[Seg]) -> list[IdAt]:
    """Every TB/TTB id in the document's body, in reading order."""
    out: list[IdAt] = []
    by_block: dict[int, list[int]] = {}
    for k, s in enumerate(segs):
        by_block.setdefault(s.block, []).append(k)
    for block, ks in by_block.items():
        if segs[ks[0]].kind is Kind.TABLE:
            for k in ks:
                out.extend(
                    IdAt(k, segs[k].line, m.start, m.raw.strip(), m.oppdrag_id)
                    for m in find_ids(segs[k].text)
                )
            continue
        text = doc.blocks[block].text
        if "TB" not in text:
            continue
        starts = [segs[k].start for k in ks]
        for m in find_ids(text):
            k = ks[max(bisect.bisect_right(starts, m.start) - 1, 0)]
            out.append(IdAt(k, segs[k].line, m.start, m.raw.strip(), m.oppdrag_id))
    return sorted(out, key=lambda i: (i.seg, i.start))


def id_year(oppdrag_id: str) -> int:
    return int(regex.search(r"(20\d\d)-\d+$", oppdrag_id).group(1))  # type: ignore[union-attr]
