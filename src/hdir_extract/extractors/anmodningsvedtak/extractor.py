"""anmodningsvedtak: the Storting's request resolutions, their follow-up, and every mention of them.

Read from the document's blocks (`pieces`), never from its line breaks:
- Prop. 1 S: the overview table (session, number, stikkord, Ja/Nei for "rapportering avsluttes")
  merged with the per-resolution entries; one row per (session, number) even when an entry is
  printed twice; every disagreement between overview and entries goes to `kontroller`.
- Meld. St.: resolutions quoted in running text (`anmodningsvedtak_quoted`).
- Every document: numbered mentions in running text -> `referanser` (type "anmodningsvedtak").
  Letters and annual reports give only mentions.
"""

from __future__ import annotations

from hdir_extract.document import Document
from hdir_extract.extractors.anmodningsvedtak.body import body_pieces
from hdir_extract.extractors.anmodningsvedtak.entries import parse_entries
from hdir_extract.extractors.anmodningsvedtak.flow import Flow
from hdir_extract.extractors.anmodningsvedtak.merge import Key, merge
from hdir_extract.extractors.anmodningsvedtak.overview import parse_overview
from hdir_extract.extractors.anmodningsvedtak.pieces import flow_units
from hdir_extract.extractors.anmodningsvedtak.quoted import Quoted, find_quoted
from hdir_extract.extractors.anmodningsvedtak.references import in_entry, references
from hdir_extract.extractors.anmodningsvedtak.text import fulgt_opp
from hdir_extract.models import Anmodningsvedtak, Record

#: document types that print resolutions themselves (entries or quoted definitions)
_DEFINING_TYPES = {"prop_1_s", "meld_st"}


def extract(doc: Document) -> list[Record]:
    pieces = body_pieces(doc)
    flow = Flow(doc, flow_units(pieces))
    mentions = flow.mentions()
    if doc.dokumenttype not in _DEFINING_TYPES:
        return list(references(doc, mentions, spans=[]))
    overview = parse_overview(pieces)
    entries = parse_entries(pieces)
    rows, spans, kontroller = merge(doc, overview, entries)
    records: list[Record] = [*rows.values(), *kontroller]
    header_lines = {e.header_line for e in entries}
    inside = [m for m in mentions if m.linje not in header_lines and not in_entry(m, spans)]
    quoted = find_quoted(flow, inside)
    records.extend(_quoted_rows(doc, quoted, rows))
    quoted_starts = {q.mention.start for q in quoted}

    def skip(m) -> bool:  # an entry's own header, the overview table, a quoted definition
        in_overview = overview is not None and overview.covers(m.linje)
        return m.linje in header_lines or in_overview or m.start in quoted_starts

    records.extend(references(doc, mentions, spans, skip))
    return records


def _quoted_rows(doc: Document, quoted: list[Quoted], rows: dict[Key, Anmodningsvedtak]) -> list[Record]:
    out: list[Record] = []
    seen: set[Key] = set()
    for q in quoted:
        key = (q.sesjon, q.mention.nr)
        if key in rows or key in seen:
            continue  # already read from an entry of this document, or quoted twice
        seen.add(key)
        out.append(
            Anmodningsvedtak(
                dok_id=doc.dok_id,
                linje=q.mention.linje,
                sesjon=q.sesjon,
                vedtak_nr=q.mention.nr,
                dato=q.dato,
                stikkord=q.stikkord,
                vedtakstekst=q.tekst,
                behandling=q.behandling,
                fulgt_opp=fulgt_opp(q.oppfolging),
                oppfolging=q.oppfolging or None,
                kilde="lopende_tekst",
            )
        )
    return out
