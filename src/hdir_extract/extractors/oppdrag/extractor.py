"""oppdrag extractor: every assignment of a tildelingsbrev bundle, and every mention of an assignment
id in any document (`referanser`, type "oppdrag").

In a tildelingsbrev an assignment is defined where its heading stands (see `oppdrag_layout`); a
letter's summary list ("Nye oppdrag: - TTB2023-02 ...") is a mention, unless the assignment has no
heading anywhere (then the list entry defines it). In the other document types the extractor returns
only mentions.
"""

from __future__ import annotations

import regex

from hdir_extract.document import Document
from hdir_extract.extractors.brev.letters import LetterSegment, furniture_lines, letter_at, segment_letters
from hdir_extract.extractors.oppdrag import layout
from hdir_extract.extractors.oppdrag.frister import find_frister
from hdir_extract.extractors.oppdrag.ids import IdOnLine, all_ids
from hdir_extract.models import Kontroll, Oppdrag, Record, Referanse
from hdir_extract.parsing.text import join_two

_UNNTATT = regex.compile(r"(?i)unntatt\s+offentlighet")
# "(unntatt offentlighet). For detaljer se eget vedlegg." in a list entry is a marker, not a title
_LIST_MARKERS = regex.compile(
    r"(?i)\(?\s*unntatt\s+offentlighet\s*\)?\.?|for\s+detaljer\s+se\s+eget\s+vedlegg\.?"
)


def _doc_year(doc: Document, ids: list[IdOnLine]) -> int | None:
    """The budget year whose ids are defined here. The headings say it themselves: the year of the
    ids printed as headings with a department ("ID: TB2023-01 Eieravdeling HOD: FHA") wins over the
    year the document was recognised as (a renamed file, a letter dated the year before); then the
    recognised year; then the most common id year."""
    headed = [_id_year(i) for i in ids if _heads_line_with_dept(doc, i)]
    if headed:
        return max(set(headed), key=headed.count)
    if doc.aar:
        return doc.aar
    years = [_id_year(i) for i in ids]
    return max(set(years), key=years.count) if years else None


def _heads_line_with_dept(doc: Document, i: IdOnLine) -> bool:
    text = doc.text(i.linje)
    return not text[: i.start].strip(" \t:ID") and bool(layout.DEPT.search(text[i.start :]))


def _id_year(i: IdOnLine) -> int:
    return int(i.oppdrag_id.split("-")[0][-4:])


def _joined(doc: Document, lines: list[int]) -> tuple[str, list[tuple[int, int]]]:
    """Join lines as prose; returns the text and (offset, line) marks to map a position to its line."""
    text = ""
    marks: list[tuple[int, int]] = []
    for no in lines:
        line = doc.text(no)
        if not line.strip():
            continue
        before = len(text)
        text = join_two(text, line)
        marks.append((max(before, len(text) - len(line.strip())), no))
    return regex.sub(r"[ \t]+", " ", text).strip(), marks


def _line_of(marks: list[tuple[int, int]], offset: int) -> int | None:
    found = None
    for start, no in marks:
        if start <= offset:
            found = no
    return found


def _content_lines(doc: Document, start: int, end: int, furniture: frozenset[int]) -> list[int]:
    return [no for no in range(start, end + 1) if not layout.is_blank_or_furniture(doc, no, furniture)]


def _build(
    doc: Document,
    h: layout.Heading,
    letter: LetterSegment | None,
    furniture: frozenset[int],
    ids: list[IdOnLine],
) -> tuple[Oppdrag, list[Kontroll]]:
    own = h.ident.oppdrag_id
    body_lines = [
        no
        for no in _content_lines(doc, h.body_start, h.linje_slutt, furniture)
        if not (layout.DEPT.match(doc.text(no).strip()) and "ansvarlig" in doc.text(no).casefold())
    ]
    if h.from_list:
        body_lines = []
    tekst, _ = _joined(doc, body_lines)
    if h.from_list:
        tekst = h.list_text or ""
    title_and_body = ([h.linje] if h.from_list else sorted(set(h.title_lines) | {h.linje})) + body_lines
    full, marks = _joined(doc, title_and_body)
    default_year = letter.dato.year if letter and letter.dato else doc.aar
    frister = []
    kontroller: list[Kontroll] = []
    for f in find_frister(full, default_year):
        if f.date is not None:
            frister.append(f.date)
            continue
        linje = _line_of(marks, f.offset) or h.linje
        kontroller.append(
            Kontroll(
                dok_id=doc.dok_id,
                linje=linje,
                kontroll="ugyldig_dato",
                nokkel=f"oppdrag {own} frist",
                forventet=f.raw,
                beregnet=None,
                ok=False,
                melding=f"oppdrag {own}: the deadline {f.raw!r} is not a real date; kept out of frister.",
            )
        )
    refs = sorted({i.oppdrag_id for i in ids if h.linje <= i.linje <= h.linje_slutt and i.oppdrag_id != own})
    texts_for_flag = " ".join(filter(None, [h.title, h.list_text, tekst[:300]]))
    rec = Oppdrag(
        dok_id=doc.dok_id,
        linje=h.linje,
        oppdrag_id=own,
        raw=h.ident.raw,
        avdeling=h.avdeling,
        tittel=h.title,
        tekst=tekst or None,
        omraade=h.omraade,
        brev_nr=letter.brev_nr if letter else None,
        brev_dato=letter.dato if letter else None,
        frister=sorted(set(frister)),
        refererer=refs,
        unntatt_offentlighet=bool(_UNNTATT.search(texts_for_flag)),
        linje_slutt=h.linje_slutt,
    )
    return rec, kontroller


def _list_title(text: str | None) -> str | None:
    if not text:
        return None
    title = layout.clean(_LIST_MARKERS.sub(" ", text)).strip(" .–-")
    return title or None


def find_assignments(doc: Document) -> tuple[list[layout.Heading], list[LetterSegment], frozenset[int]]:
    """The defining headings of a tildelingsbrev, with titles, sections and ends filled in."""
    furniture = furniture_lines(doc)
    letters = segment_letters(doc)
    ids = all_ids(doc)
    year = _doc_year(doc, ids)
    headings = layout.find_headings(doc, year, furniture)
    entries = layout.find_list_entries(doc, year, furniture)
    widths = layout.measure(doc, headings)
    for h in headings:
        layout.read_title(doc, h, widths, furniture)
    defined = {h.ident.oppdrag_id: h for h in headings}
    for e in entries:
        if e.ident.oppdrag_id in defined:
            h = defined[e.ident.oppdrag_id]
            h.list_text = h.list_text or e.list_text
            if h.title is None:  # "TTB2023-06" stands alone; its title is in the summary list
                h.title = _list_title(e.list_text)
        else:
            e.title = _list_title(e.list_text)
            defined[e.ident.oppdrag_id] = e
            headings.append(e)
    headings.sort(key=lambda h: h.linje)
    numbered = layout.numbered_headings(doc, letters, furniture)
    sections = layout.section_lines(doc, letters, numbered, headings, furniture)
    layout.assign_omraade(headings, letters, numbered, sections)
    layout.assign_ends(doc, headings, letters, numbered, sections, furniture)
    return headings, letters, furniture


def _mentions(doc: Document, ids: list[IdOnLine], headings: list[layout.Heading]) -> list[Referanse]:
    definitions = {(h.linje, h.ident.oppdrag_id, h.ident.start) for h in headings}
    out: list[Referanse] = []
    seen: set[tuple[int, str]] = set()
    for i in ids:
        if (i.linje, i.oppdrag_id, i.start) in definitions or (i.linje, i.oppdrag_id) in seen:
            continue
        seen.add((i.linje, i.oppdrag_id))
        inside = [h for h in headings if not h.from_list and h.linje <= i.linje <= h.linje_slutt]
        fra = inside[-1] if inside else None
        out.append(
            Referanse(
                dok_id=doc.dok_id,
                linje=i.linje,
                type="oppdrag",
                ref_id=i.oppdrag_id,
                raw=i.raw,
                fra_type="oppdrag" if fra else None,
                fra_id=fra.ident.oppdrag_id if fra else None,
            )
        )
    return out


def extract(doc: Document) -> list[Record]:
    ids = all_ids(doc)
    if doc.dokumenttype != "tildelingsbrev":
        return list(_mentions(doc, ids, []))
    headings, letters, furniture = find_assignments(doc)
    records: list[Record] = []
    for h in headings:
        rec, kontroller = _build(doc, h, letter_at(letters, h.linje), furniture, ids)
        records.append(rec)
        records.extend(kontroller)
    records.extend(_mentions(doc, ids, headings))
    return records
