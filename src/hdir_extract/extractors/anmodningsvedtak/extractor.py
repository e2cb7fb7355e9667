"""anmodningsvedtak: the Storting's request resolutions, their follow-up, and every mention of them.

- Prop. 1 S: the overview table (session, number, stikkord, Ja/Nei for "rapportering avsluttes")
  merged with the per-resolution entries; one row per (session, number) even when an entry is
  printed twice; every disagreement between overview and entries goes to `kontroller`.
- Meld. St.: resolutions quoted in running text (`anmodningsvedtak_quoted`).
- Every document: numbered mentions in running text -> `referanser` (type "anmodningsvedtak").
  Letters and annual reports give only mentions.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from hdir_extract.document import Document
from hdir_extract.extractors.anmodningsvedtak.entries import (
    Entry,
    OverviewRow,
    parse_entries,
    parse_overview,
)
from hdir_extract.extractors.anmodningsvedtak.layout import build_view
from hdir_extract.extractors.anmodningsvedtak.mentions import DocText, Mention, find_mentions
from hdir_extract.extractors.anmodningsvedtak.quoted import Quoted, find_quoted
from hdir_extract.extractors.anmodningsvedtak.text import (
    behandling_of,
    first_sentence,
    fulgt_opp,
    is_behandling,
)
from hdir_extract.models import Anmodningsvedtak, Kontroll, Record, Referanse
from hdir_extract.parsing.sessions import session_for_date

#: document types that print resolutions themselves (entries or quoted definitions)
_DEFINING_TYPES = {"prop_1_s", "meld_st"}
#: two printings of the same resolution text count as equal above this similarity
_SAME_TEXT = 0.97

Key = tuple[str | None, int]


@dataclass
class _Span:
    first: int
    last: int
    key: Key


def extract(doc: Document) -> list[Record]:
    # read a cleaned view (no page furniture, blank lines as paragraph breaks); report file lines
    view = build_view(doc)
    return view.remap(_extract(view.doc))


def _extract(doc: Document) -> list[Record]:
    dtext = DocText(doc)
    mentions = find_mentions(dtext)
    if doc.dokumenttype not in _DEFINING_TYPES:
        return list(_references(doc, mentions, spans=[], skip_lines=set(), skip_starts=set()))
    overview = parse_overview(doc)
    entries = parse_entries(doc)
    records: list[Record] = []
    rows, spans, kontroller = _merge(doc, overview, entries)
    records.extend(rows.values())
    records.extend(kontroller)
    header_lines = {e.header_line for e in entries}
    inside = [m for m in mentions if m.linje not in header_lines and not _in_spans(m, spans)]
    quoted = find_quoted(doc, dtext, inside)
    records.extend(_quoted_rows(doc, quoted, rows))
    skip_lines = set(header_lines)
    if overview:
        skip_lines |= set(range(min(o.linje for o in overview) - 2, max(o.linje for o in overview) + 3))
    skip_starts = {q.mention.start for q in quoted}
    records.extend(_references(doc, mentions, spans, skip_lines, skip_starts))
    return records


# --- the Prop. 1 S: overview + entries -----------------------------------------------------------


def _entry_session(e: Entry, overview: list[OverviewRow]) -> str | None:
    """The marker above the entry; else the overview row with this number (the one whose session
    fits the date when there are several); else the session the date falls in."""
    if e.marker_sesjon:
        return e.marker_sesjon
    by_date = session_for_date(e.dato) if e.dato else None
    cands = [o.sesjon for o in overview if o.nr == e.nr]
    if by_date in cands or (not cands and by_date):
        return by_date
    if len(cands) == 1:
        return cands[0]
    return by_date


def _split_body(e: Entry) -> tuple[str | None, str | None]:
    """(behandling, oppfolging) from the entry's body."""
    if not e.body:
        return None, None
    first, rest = first_sentence(e.body[0])
    if is_behandling(first):
        paras = [rest, *e.body[1:]] if rest else e.body[1:]
        return behandling_of(first), "\n".join(paras) or None
    return None, "\n".join(e.body)


def _similar(a: str | None, b: str | None) -> float:
    return difflib.SequenceMatcher(None, (a or "").lower(), (b or "").lower()).ratio()


def _kontroll(doc: Document, kind: str, key: Key, exp: str | None, got: str | None, linje: int, msg: str):
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


def _merge(
    doc: Document, overview: list[OverviewRow], entries: list[Entry]
) -> tuple[dict[Key, Anmodningsvedtak], list[_Span], list[Kontroll]]:
    by_key: dict[Key, list[Entry]] = {}
    spans: list[_Span] = []
    for e in entries:
        key = (_entry_session(e, overview), e.nr)
        by_key.setdefault(key, []).append(e)
        spans.append(_Span(e.heading_line or e.header_line, max(e.end_line, e.quote_end), key))
    over = {(o.sesjon, o.nr): o for o in overview}
    rows: dict[Key, Anmodningsvedtak] = {}
    checks: list[Kontroll] = []
    for key, group in by_key.items():
        rows[key] = _row_from_entries(doc, key, group, over.get(key))
        checks.extend(_entry_checks(doc, key, group, over.get(key), bool(overview)))
    if overview and entries:
        # one summary row: how many overview rows have an entry (the failures are listed one by one)
        matched = sum(1 for key in over if key in by_key)
        checks.append(
            Kontroll(
                dok_id=doc.dok_id,
                linje=min(o.linje for o in overview),
                kontroll="oversikt_mot_omtale",
                nokkel="rader i oversikten med omtale",
                forventet=str(len(over)),
                beregnet=str(matched),
                avvik=float(len(over) - matched),
                ok=matched == len(over) and all(k in over for k in by_key),
                melding=f"{matched} of {len(over)} overview rows have an entry; {len(by_key)} resolutions "
                "have entries.",
            )
        )
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


def _row_from_entries(doc: Document, key: Key, group: list[Entry], o: OverviewRow | None) -> Anmodningsvedtak:
    main = group[0]
    behandling, oppfolging = _split_body(main)
    body = " ".join(main.body)
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
        fulgt_opp=fulgt_opp(body),
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
    if (
        o is not None
        and done is not None
        and o.rapportering_avsluttes is not None
        and done != o.rapportering_avsluttes
    ):
        yield _kontroll(
            doc,
            "oversikt_mot_omtale",
            key,
            f"rapportering avsluttes: {'Ja' if o.rapportering_avsluttes else 'Nei'}",
            f"fulgt opp: {done}",
            main.header_line,
            "The overview's Ja/Nei disagrees with what the entry's follow-up says.",
        )
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


# --- Meld. St.: quoted in running text -----------------------------------------------------------


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


# --- mentions ------------------------------------------------------------------------------------


def _in_spans(m: Mention, spans: list[_Span]) -> _Span | None:
    return next((s for s in spans if s.first <= m.linje <= s.last), None)


def _references(
    doc: Document, mentions: list[Mention], spans: list[_Span], skip_lines: set[int], skip_starts: set[int]
) -> Iterable[Referanse]:
    for m in mentions:
        if m.linje in skip_lines or m.start in skip_starts:
            continue  # an entry's own header, the overview table, a quoted definition
        span = _in_spans(m, spans)
        if span is not None:
            sesjon, nr = span.key
            if m.nr == nr and m.sesjon in (None, sesjon):
                continue  # the entry speaking of itself ("Vedtak 876 ble truffet …")
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
