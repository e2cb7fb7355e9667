"""A Prop. 1 S's overview rows and entries merged into one row per (session, number), and every
disagreement between them as a failed `kontroller` row.

- The session of an entry: the "Stortingssesjon (…)" marker above it; else the overview row with its
  number (the one whose session fits the date when there are several); else the session its date
  falls in (October–September).
- An entry printed twice is one row (the first printing; a date or text the other printing lacks is
  taken from it); a second printing with another date or text is a failed check.
- An overview row without an entry is a row of its own (kilde "oversikt"); an entry without an
  overview row, a Ja/Nei the follow-up contradicts and a date outside the marker's session are failed
  checks; one summary row counts the overview rows that have an entry.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from hdir_extract.document import Document
from hdir_extract.extractors.anmodningsvedtak.entries import Entry
from hdir_extract.extractors.anmodningsvedtak.overview import Overview, OverviewRow
from hdir_extract.extractors.anmodningsvedtak.text import (
    behandling_of,
    first_sentence,
    fulgt_opp,
    is_behandling,
)
from hdir_extract.models import Anmodningsvedtak, Kontroll
from hdir_extract.parsing.sessions import session_for_date

#: two printings of the same resolution text count as equal above this similarity
_SAME_TEXT = 0.97

Key = tuple[str | None, int]


@dataclass(frozen=True, slots=True)
class EntrySpan:
    """The lines an entry takes (heading to the end of its follow-up), and its resolution."""

    first: int
    last: int
    key: Key


def entry_session(e: Entry, overview: tuple[OverviewRow, ...]) -> str | None:
    if e.marker_sesjon:
        return e.marker_sesjon
    by_date = session_for_date(e.dato) if e.dato else None
    cands = [o.sesjon for o in overview if o.nr == e.nr]
    if by_date in cands or (not cands and by_date):
        return by_date
    if len(cands) == 1:
        return cands[0]
    return by_date


def merge(
    doc: Document, overview: Overview | None, entries: list[Entry]
) -> tuple[dict[Key, Anmodningsvedtak], list[EntrySpan], list[Kontroll]]:
    orows = overview.rows if overview else ()
    by_key: dict[Key, list[Entry]] = {}
    spans: list[EntrySpan] = []
    for e in entries:
        key = (entry_session(e, orows), e.nr)
        by_key.setdefault(key, []).append(e)
        spans.append(EntrySpan(e.heading_line or e.header_line, max(e.end_line, e.quote_end), key))
    over = {(o.sesjon, o.nr): o for o in orows}
    rows: dict[Key, Anmodningsvedtak] = {}
    checks: list[Kontroll] = []
    for key, group in by_key.items():
        rows[key] = _row_from_entries(doc, key, group, over.get(key))
        checks.extend(_entry_checks(doc, key, group, over.get(key), bool(orows)))
    if orows and entries:
        checks.append(_summary(doc, orows, over, by_key))
    for key, o in over.items():
        if key in rows:
            continue
        rows[key] = Anmodningsvedtak(
            dok_id=doc.dok_id,
            linje=o.linje,
            sesjon=o.sesjon,
            vedtak_nr=o.nr,
            stikkord=o.stikkord,
            rapportering_avsluttes=o.rapportering_avsluttes,
            kilde="oversikt",
        )
        if entries:
            checks.append(
                _kontroll(
                    doc,
                    "oversikt_mot_omtale",
                    key,
                    "rad i oversikten",
                    None,
                    o.linje,
                    "The overview table lists the resolution, but no entry describes it.",
                )
            )
    return rows, spans, checks


def _summary(
    doc: Document,
    orows: tuple[OverviewRow, ...],
    over: dict[Key, OverviewRow],
    by_key: dict[Key, list[Entry]],
) -> Kontroll:
    """One row: how many overview rows have an entry (the failures are listed one by one)."""
    matched = sum(1 for key in over if key in by_key)
    return Kontroll(
        dok_id=doc.dok_id,
        linje=min(o.linje for o in orows),
        kontroll="oversikt_mot_omtale",
        nokkel="rader i oversikten med omtale",
        forventet=str(len(over)),
        beregnet=str(matched),
        avvik=float(len(over) - matched),
        ok=matched == len(over) and all(k in over for k in by_key),
        melding=f"{matched} of {len(over)} overview rows have an entry; {len(by_key)} resolutions "
        "have entries.",
    )


def _kontroll(
    doc: Document, kind: str, key: Key, exp: str | None, got: str | None, linje: int, msg: str
) -> Kontroll:
    sesjon, nr = key
    return Kontroll(
        dok_id=doc.dok_id,
        linje=linje,
        kontroll=kind,
        nokkel=f"vedtak {nr} ({sesjon})",
        forventet=exp,
        beregnet=got,
        ok=False,
        melding=msg,
    )


def _split_body(e: Entry) -> tuple[str | None, str | None]:
    """(behandling, oppfolging) from the entry's follow-up: its first sentence says what the resolution
    was made under when it reads so ("Vedtaket ble truffet ved behandling av …")."""
    if not e.body:
        return None, None
    first, rest = first_sentence(e.body[0])
    if is_behandling(first):
        paras = [rest, *e.body[1:]] if rest else e.body[1:]
        return behandling_of(first), "\n".join(paras) or None
    return None, "\n".join(e.body)


def _similar(a: str | None, b: str | None) -> float:
    return difflib.SequenceMatcher(None, (a or "").lower(), (b or "").lower()).ratio()


def _row_from_entries(doc: Document, key: Key, group: list[Entry], o: OverviewRow | None) -> Anmodningsvedtak:
    main = group[0]
    behandling, oppfolging = _split_body(main)
    heading = main.heading or next((e.heading for e in group if e.heading), None)
    stikkord = (o.stikkord if o else None) or heading
    return Anmodningsvedtak(
        dok_id=doc.dok_id,
        linje=main.header_line,
        sesjon=key[0],
        vedtak_nr=key[1],
        dato=main.dato or next((e.dato for e in group if e.dato), None),
        stikkord=stikkord,
        overskrift=heading if heading and heading != stikkord else None,
        vedtakstekst=main.tekst or next((e.tekst for e in group if e.tekst), None),
        behandling=behandling,
        rapportering_avsluttes=o.rapportering_avsluttes if o else None,
        fulgt_opp=fulgt_opp(" ".join(main.body)),
        oppfolging=oppfolging,
        kilde="omtale",
    )


def _entry_checks(
    doc: Document, key: Key, group: list[Entry], o: OverviewRow | None, has_overview: bool
) -> Iterable[Kontroll]:
    main = group[0]
    if has_overview and o is None:
        yield _kontroll(
            doc,
            "oversikt_mot_omtale",
            key,
            None,
            "omtale",
            main.header_line,
            "An entry describes the resolution, but the overview table has no row for it.",
        )
    if main.marker_sesjon and main.dato and session_for_date(main.dato) != main.marker_sesjon:
        yield _kontroll(
            doc,
            "sesjon_mot_dato",
            key,
            main.marker_sesjon,
            session_for_date(main.dato),
            main.header_line,
            "The resolution's date falls in another session than its heading says.",
        )
    done = fulgt_opp(" ".join(main.body))
    said = o.rapportering_avsluttes if o is not None else None
    if done is not None and said is not None and done != said:
        yield _kontroll(
            doc,
            "oversikt_mot_omtale",
            key,
            f"rapportering avsluttes: {'Ja' if said else 'Nei'}",
            f"fulgt opp: {done}",
            main.header_line,
            "The overview's Ja/Nei disagrees with what the entry's follow-up says.",
        )
    yield from _duplicate_checks(doc, key, group)


def _duplicate_checks(doc: Document, key: Key, group: list[Entry]) -> Iterable[Kontroll]:
    main = group[0]
    for dup in group[1:]:
        if dup.dato != main.dato:
            yield _kontroll(
                doc,
                "omtale_mot_omtale",
                key,
                str(main.dato),
                str(dup.dato),
                dup.header_line,
                "The resolution is printed twice with different dates.",
            )
        if main.tekst and dup.tekst and _similar(main.tekst, dup.tekst) < _SAME_TEXT:
            yield _kontroll(
                doc,
                "omtale_mot_omtale",
                key,
                main.tekst[:200],
                dup.tekst[:200],
                dup.header_line,
                "The resolution is printed twice with different texts.",
            )
