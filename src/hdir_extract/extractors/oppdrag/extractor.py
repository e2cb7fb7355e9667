"""oppdrag extractor: every assignment of a tildelingsbrev bundle, a supplementary letter or an
oppdragsdokument; what later letters did to assignments (`oppdrag_hendelser`); and every mention of an
assignment id in any document (`referanser`, type "oppdrag").

An assignment is defined where its heading stands (`headings`); a letter's summary list ("Nye
oppdrag: - TTB2023-02 ...") is a mention, unless the assignment has no heading anywhere (then the list
entry defines it: "- TB2026-61 (unntatt offentlighet)"). The heading's title wins over the list's
shorter one. A heading about an assignment given before (a clarification printed under the original
id) is an event, never a second definition (`hendelser`). In the other document types the extractor
returns only mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.brev.index import DocIndex
from hdir_extract.extractors.brev.letterhead import letterhead_segments
from hdir_extract.extractors.brev.letters import LetterSegment, letter_at
from hdir_extract.extractors.brev.segments import Seg, clean, readable, segments
from hdir_extract.extractors.oppdrag import hendelser, sections
from hdir_extract.extractors.oppdrag.frister import find_frister
from hdir_extract.extractors.oppdrag.headings import (
    DEPT,
    Heading,
    Scheme,
    body_width,
    exempt,
    heading_at,
    list_entry,
    list_title,
    read_title,
)
from hdir_extract.extractors.oppdrag.ids import OD_ID, IdAt, all_ids, id_year
from hdir_extract.extractors.oppdrag.oppdragsdokument import id_prefix
from hdir_extract.models import Kontroll, Oppdrag, OppdragHendelse, Record, Referanse
from hdir_extract.parsing.text import join_two

DEFINING_TYPES = frozenset({"tildelingsbrev", "oppdragsdokument"})


@dataclass
class Reading:
    """One document as the assignment readers see it."""

    doc: Document
    segs: list[Seg]
    letters: list[LetterSegment]
    ids: list[IdAt]
    by_seg: dict[int, list[IdAt]]
    scheme: Scheme
    letterhead: frozenset[int]  # segments of a letterhead printed inside the text


def _doc_year(doc: Document, segs: list[Seg], ids: list[IdAt]) -> int | None:
    """The budget year whose ids are defined here. The headings say it themselves: the year of the
    ids printed as headings with a department ("ID: TB2023-01 Eieravdeling HOD: FHA") wins over the
    year the document was recognised as (a renamed file, a letter dated the year before); then the
    recognised year; then the most common id year."""
    headed = [
        id_year(i.oppdrag_id)
        for i in ids
        if segs[i.seg].text.startswith((i.raw, "ID")) and DEPT.search(segs[i.seg].text)
    ]
    if headed:
        return Counter(headed).most_common(1)[0][0]
    if doc.aar:
        return doc.aar
    years = [id_year(i.oppdrag_id) for i in ids]
    return Counter(years).most_common(1)[0][0] if years else None


def _scheme(doc: Document, segs: list[Seg], ids: list[IdAt], letters: list[LetterSegment]) -> Scheme:
    if doc.dokumenttype == "oppdragsdokument":
        years = [int(m.group("year")) for s in segs if (m := OD_ID.match(s.text))]
        year = doc.aar or (Counter(years).most_common(1)[0][0] if years else None)
        return Scheme(year, id_prefix(letters[0].mottaker if letters else None))
    return Scheme(_doc_year(doc, segs, ids))


def read(doc: Document, index: DocIndex | None = None) -> Reading:
    """`index`: the pipeline's shared views of `doc` (built here when not given)."""
    shared = index.of(doc) if index is not None else DocIndex(doc)
    doc = readable(doc)
    segs = shared.segments
    letters = shared.letters
    ids = all_ids(doc, segs)
    by_seg: dict[int, list[IdAt]] = {}
    for i in ids:
        by_seg.setdefault(i.seg, []).append(i)
    return Reading(
        doc, segs, letters, ids, by_seg, _scheme(doc, segs, ids, letters), letterhead_segments(segs)
    )


def _letter_start(r: Reading, line: int) -> int:
    letter = letter_at(r.letters, line)
    start = letter.linje_start if letter else 1
    return next((k for k, s in enumerate(r.segs) if s.line >= start), 0)


def _candidates(r: Reading) -> list[Heading]:
    """Assignment headings and event headings ("Utsettelse av TB2023-31 …"), in reading order."""
    out: list[Heading] = []
    for k, s in enumerate(r.segs):
        h = heading_at(r.segs, k, r.scheme, r.by_seg)
        if h is not None:
            out.append(h)
            continue
        if s.first and s.kind is not Kind.LIST_ITEM and r.scheme.prefix is None:
            ev = hendelser.event_opening(s.text)
            if ev is not None:
                out.append(
                    Heading(
                        ev[1],
                        ev[2],
                        k,
                        s.line,
                        -1,
                        defines=False,
                        hendelse=ev[0],
                        gjelder=ev[1],
                        gjelder_raw=ev[2],
                    )
                )
    return out


def _without_lead_in(title: str | None, mottaker: str | None) -> str | None:
    """A heading a converter joined with the lead-in under it ("ID: 2026-07 Digital sikkerhet … Norsk
    helsenett SF skal:"): the lead-in is the body's, not the title's."""
    if not title or not mottaker:
        return title
    return regex.sub(rf"\s+{regex.escape(mottaker)}\s+skal\s*:?$", "", title) or title


def _decide(r: Reading, headings: list[Heading]) -> None:
    """Definition or event, in reading order: a heading whose title names another id ("TTB2023-04
    Presisering av TB2023-18") defines its own id and is an event on the other; a heading of an id
    defined before, under a clarification label, or whose body points at its own id, is an event."""
    defined: set[str] = set()
    kinds: dict[int, str | None] = {}  # heading segment -> its event kind (None: a definition)
    for h in headings:
        if not h.defines:
            kinds[h.seg] = h.hendelse
            continue
        named = hendelser.named_in_title(h.title)
        if named is not None:
            h.hendelse, h.gjelder, h.gjelder_raw = named
        elif hendelser.kind_of(h.title or "") == "utgaar":
            # "TB2026-40 Innsatsteam og kapasiteter utgår": the heading withdraws the assignment
            h.defines, h.hendelse, h.gjelder, h.gjelder_raw = False, "utgaar", h.oppdrag_id, h.raw
        else:
            ctx = hendelser.context_kind(r.segs, h.seg, _letter_start(r, h.linje), kinds)
            if (
                h.oppdrag_id in defined
                or ctx is not None
                or hendelser.refers_to_itself(r.segs, h.body, h.oppdrag_id, r.by_seg)
            ):
                h.defines, h.hendelse = False, ctx or "presisering"
                h.gjelder, h.gjelder_raw = h.oppdrag_id, h.raw
        kinds[h.seg] = None if h.defines else h.hendelse
        if h.defines:
            defined.add(h.oppdrag_id)


def find_assignments(r: Reading) -> list[Heading]:
    """The defining and event headings, with titles, sections and ends filled in."""
    width = body_width(r.segs)
    headings = _candidates(r)
    mottaker = r.letters[0].mottaker if r.letters else None
    for h in headings:
        if h.defines:
            read_title(r.doc, r.segs, h, r.scheme, width, r.letterhead)
            h.title = _without_lead_in(h.title, mottaker)
        else:
            h.body = h.seg + 1
    _decide(r, headings)
    defined = {h.oppdrag_id: h for h in headings if h.defines}
    about = {h.gjelder for h in headings if not h.defines}
    about |= {w.ident.oppdrag_id for w in hendelser.withdrawals(r.segs, r.by_seg)}
    for k in range(len(r.segs)):
        e = list_entry(r.doc, r.segs, k, r.scheme, r.by_seg)
        if e is None or e.oppdrag_id in about:
            continue  # a list entry of a clarified or withdrawn assignment is no definition
        if hendelser.listed_under_event(r.segs, k) and not hendelser.named_in_title(e.list_text):
            continue  # "Oppdrag som utgår:" / "- TB2026-40 …" (but "- TTB2023-09 Presisering av TB2023-43"
            # gives an assignment of its own)
        if e.oppdrag_id in defined:
            h = defined[e.oppdrag_id]
            h.list_text = h.list_text or e.list_text
            if h.title is None:  # "TTB2023-06" stands alone; its title is in the summary list
                h.title = list_title(e.list_text)
        else:
            e.title = list_title(e.list_text)
            defined[e.oppdrag_id] = e
            headings.append(e)
    headings.sort(key=lambda h: h.seg)
    numbered = sections.numbered_headings(r.doc, r.segs, r.letters, r.letterhead)
    heads = {h.seg for h in headings if not h.from_list}
    found = sections.section_lines(r.segs, r.letters, numbered, heads)
    sections.assign_omraade(r.segs, headings, r.letters, numbered, found)
    sections.assign_ends(r.doc, r.segs, headings, r.letters, numbered, found, r.letterhead)
    return headings


def _text(r: Reading, segs: list[Seg]) -> tuple[str, list[tuple[int, int]]]:
    """Segments joined as prose, with (offset, line) marks to map a position back to its line.
    Consecutive segments of one block are cut out of the block's text together (its de-hyphenation
    kept); blocks are joined like wrapped lines (a layout that split a paragraph: "(2024–" + "2025)")."""
    text, marks = "", []
    k = 0
    while k < len(segs):
        first = segs[k]
        group = [first]
        while (
            first.kind is not Kind.TABLE
            and k + 1 < len(segs)
            and segs[k + 1].block == first.block
            and segs[k + 1].start == segs[k].end  # contiguous: no left-out line between
        ):
            k += 1
            group.append(segs[k])
        block_text = r.doc.blocks[first.block].text
        piece = first.text if first.kind is Kind.TABLE else block_text[first.start : group[-1].end].strip()
        marker = r.doc.blocks[first.block].marker
        shift = 0
        if first.first and first.kind is Kind.LIST_ITEM and marker:
            piece = f"{marker} {piece}"  # "- utrede …", "1. Kartlegge …": the item's marker as printed
            shift = len(marker) + 1
        text = join_two(text, piece) if text else piece
        base = len(text) - len(piece) + shift
        for s in group:
            marks.append((base + (s.start - first.start), s.line))
        k += 1
    return text, marks


def _line_of(marks: list[tuple[int, int]], offset: int) -> int | None:
    found = None
    for start, no in marks:
        if start <= offset:
            found = no
    return found


def _frister(r: Reading, h: Heading, full: str, marks: list[tuple[int, int]], year: int | None):
    frister = []
    kontroller: list[Kontroll] = []
    for f in find_frister(full, year):
        if f.date is not None:
            frister.append(f.date)
            continue
        kontroller.append(
            Kontroll(
                dok_id=r.doc.dok_id,
                linje=_line_of(marks, f.offset) or h.linje,
                kontroll="ugyldig_dato",
                nokkel=f"oppdrag {h.oppdrag_id} frist",
                forventet=f.raw,
                beregnet=None,
                ok=False,
                melding=f"oppdrag {h.oppdrag_id}: the deadline {f.raw!r} is not a real date; "
                "kept out of frister.",
            )
        )
    return sorted(set(frister)), kontroller


def _body(r: Reading, h: Heading) -> list[Seg]:
    """The body's segments: after the title, the "Ansvarlig avdeling" line and letterhead lines left
    out."""
    return [
        s
        for k, s in enumerate(r.segs[h.body : h.end], start=h.body)
        if k not in r.letterhead and not (DEPT.match(s.text) and "ansvarlig" in s.text.casefold())
    ]


def _section(r: Reading, h: Heading):
    """(body text, deadlines, kontroller) of a heading's section."""
    letter = letter_at(r.letters, h.linje)
    body = [] if h.from_list else _body(r, h)
    tekst = clean(_text(r, body)[0])
    if h.from_list:
        tekst = h.list_text or ""
    head = [r.segs[h.seg]] if h.from_list else r.segs[h.seg : h.body]
    full, marks = _text(r, head + body)
    year = letter.dato.year if letter and letter.dato else r.doc.aar
    frister, kontroller = _frister(r, h, full, marks, year)
    return tekst, frister, kontroller


def _oppdrag(r: Reading, h: Heading) -> list[Record]:
    letter = letter_at(r.letters, h.linje)
    tekst, frister, kontroller = _section(r, h)
    refs = sorted({i.oppdrag_id for i in r.ids if h.seg <= i.seg < h.end and i.oppdrag_id != h.oppdrag_id})
    flag = " ".join(filter(None, [h.title, h.list_text, tekst[:300]]))
    rec = Oppdrag(
        dok_id=r.doc.dok_id,
        linje=h.linje,
        oppdrag_id=h.oppdrag_id,
        raw=h.raw,
        avdeling=h.avdeling,
        tittel=h.title,
        tekst=tekst or None,
        omraade=h.omraade,
        brev_nr=letter.brev_nr if letter else None,
        brev_dato=letter.dato if letter else None,
        frister=frister,
        refererer=refs,
        unntatt_offentlighet=exempt(flag),
        linje_slutt=h.linje_slutt,
    )
    return [rec, *kontroller]


def _hendelse(r: Reading, h: Heading) -> OppdragHendelse:
    letter = letter_at(r.letters, h.linje)
    tekst, frister, _ = _section(r, h)
    return OppdragHendelse(
        dok_id=r.doc.dok_id,
        linje=h.linje,
        oppdrag_id=h.gjelder or h.oppdrag_id,
        hendelse=h.hendelse or "presisering",  # type: ignore[arg-type]
        ny_oppdrag_id=h.oppdrag_id if h.defines else None,
        brev_nr=letter.brev_nr if letter else None,
        brev_dato=letter.dato if letter else None,
        tillegg_nr=letter.tillegg_nr if letter else None,
        frister=frister,
        tekst=tekst or None,
        raw=h.gjelder_raw or h.raw,
    )


def _withdrawals(r: Reading, seen: set[tuple[str, int]]) -> list[OppdragHendelse]:
    """One utgaar event per assignment and letter: the section's sentence rather than the summary
    list's entry, and none where a heading already made it an event."""
    chosen: dict[tuple[str, int | None], hendelser.Withdrawal] = {}
    for w in hendelser.withdrawals(r.segs, r.by_seg):
        if (w.ident.oppdrag_id, w.ident.linje) in seen:
            continue
        letter = letter_at(r.letters, w.ident.linje)
        key = (w.ident.oppdrag_id, letter.brev_nr if letter else None)
        if key not in chosen or (chosen[key].listed and not w.listed):
            chosen[key] = w
    out: list[OppdragHendelse] = []
    for w in chosen.values():
        letter = letter_at(r.letters, w.ident.linje)
        out.append(
            OppdragHendelse(
                dok_id=r.doc.dok_id,
                linje=w.ident.linje,
                oppdrag_id=w.ident.oppdrag_id,
                hendelse="utgaar",
                brev_nr=letter.brev_nr if letter else None,
                brev_dato=letter.dato if letter else None,
                tillegg_nr=letter.tillegg_nr if letter else None,
                tekst=w.tekst,
                raw=w.ident.raw,
            )
        )
    return out


def _mentions(dok_id: str, ids: list[IdAt], headings: list[Heading]) -> list[Referanse]:
    definitions = {(h.seg, h.oppdrag_id, h.id_start) for h in headings if h.defines}
    out: list[Referanse] = []
    seen: set[tuple[int, str]] = set()
    for i in ids:
        if (i.seg, i.oppdrag_id, i.start) in definitions or (i.linje, i.oppdrag_id) in seen:
            continue
        seen.add((i.linje, i.oppdrag_id))
        inside = [h for h in headings if h.defines and not h.from_list and h.seg <= i.seg < h.end]
        fra = inside[-1] if inside else None
        out.append(
            Referanse(
                dok_id=dok_id,
                linje=i.linje,
                type="oppdrag",
                ref_id=i.oppdrag_id,
                raw=i.raw,
                fra_type="oppdrag" if fra else None,
                fra_id=fra.oppdrag_id if fra else None,
            )
        )
    return out


def extract(doc: Document, index: DocIndex | None = None) -> list[Record]:
    """`index`: the pipeline's shared views of `doc` (built here when not given)."""
    if doc.dokumenttype not in DEFINING_TYPES:
        segs = index.of(doc).segments if index is not None else segments(readable(doc))
        return list(_mentions(doc.dok_id, all_ids(readable(doc), segs), []))
    r = read(doc, index)
    headings = find_assignments(r)
    records: list[Record] = []
    seen: set[tuple[str, int]] = set()
    for h in headings:
        if h.defines:
            records.extend(_oppdrag(r, h))
        if h.hendelse is not None and h.gjelder is not None:
            records.append(_hendelse(r, h))
            seen.add((h.gjelder, h.linje))
    records.extend(_withdrawals(r, seen))
    records.extend(_mentions(r.doc.dok_id, r.ids, headings))
    return records
