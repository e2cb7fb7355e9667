"""Numbered mentions of resolutions in running text -> `referanser` rows (type "anmodningsvedtak").

Not a reference: an entry's own header, a cell of the overview table, a quoted definition, and an
entry speaking of itself ("Vedtak 876 ble truffet …" inside entry 876). A mention inside another
entry's text names that entry as where it stands (`fra_type`, `fra_id`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from hdir_extract.document import Document
from hdir_extract.extractors.anmodningsvedtak.mentions import Mention
from hdir_extract.extractors.anmodningsvedtak.merge import EntrySpan
from hdir_extract.models import Referanse


def in_entry(m: Mention, spans: Sequence[EntrySpan]) -> EntrySpan | None:
    return next((s for s in spans if s.first <= m.linje <= s.last), None)


def references(
    doc: Document,
    mentions: Iterable[Mention],
    spans: Sequence[EntrySpan],
    skip: Callable[[Mention], bool] = lambda m: False,
) -> Iterable[Referanse]:
    for m in mentions:
        if skip(m):
            continue
        span = in_entry(m, spans)
        if span is not None:
            sesjon, nr = span.key
            if m.nr == nr and m.sesjon in (None, sesjon):
                continue  # the entry speaking of itself
        yield Referanse(
            dok_id=doc.dok_id,
            linje=m.linje,
            type="anmodningsvedtak",
            ref_id=str(m.nr),
            sesjon=m.sesjon,
            raw=m.raw,
            fra_type="anmodningsvedtak" if span else None,
            fra_id=f"{span.key[0]}/{span.key[1]}" if span else None,
        )
