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
from hdir_extract.parsing.ids import canonical, find_ids

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
    out.extend(_cut_ids(doc, segs))
    return sorted(out, key=lambda i: (i.seg, i.start))


_DASH = r"[-\u2010-\u2015\u2212]"
# an id cut after its year at the end of a block: "TB2025-", "TTB 2024 –" (a layout that split the
# paragraph there, e.g. at doubled blank lines)
_CUT_ID = regex.compile(
    rf"(?<![A-Za-zÆØÅæøå])(?P<prefix>TTB|TB)\s?(?:{_DASH}\s?)?(?P<year>20\d\d)\s?{_DASH}\s*$"
)
# the rest at the start of the next block: "64", or two ids sharing the prefix "40/41"
_CUT_TAIL = regex.compile(r"^(?P<nr>\d{1,3})(?!\d)(?P<more>(?:\s?/\s?\d{1,3}(?!\d))*)")


def _cut_ids(doc: Document, segs: list[Seg]) -> list[IdAt]:
    """Ids whose number went to the next block."""
    out: list[IdAt] = []
    for k in range(len(segs) - 1):
        a, b = segs[k], segs[k + 1]
        if a.block == b.block or a.kind is Kind.TABLE or "TB" not in a.text:
            continue
        cut, tail = _CUT_ID.search(a.text), _CUT_TAIL.match(b.text)
        if not cut or not tail:
            continue
        raw = f"{cut.group(0).strip()}{tail.group(0).strip()}"
        start = a.start + len(doc.blocks[a.block].text[a.start : a.end].rstrip()) - len(cut.group(0).rstrip())
        for nr in [tail.group("nr"), *regex.findall(r"\d{1,3}", tail.group("more"))]:
            out.append(IdAt(k, a.line, start, raw, canonical(cut.group("prefix"), cut.group("year"), nr)))
    return out


_ID_YEAR = regex.compile(r"(20\d\d)-\d+$")


def id_year(oppdrag_id: str) -> int:
    return int(_ID_YEAR.search(oppdrag_id).group(1))  # type: ignore[union-attr]
