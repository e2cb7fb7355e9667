"""The sections assignments stand under (omraade) and where each assignment ends.

Numbered headings give a main letter's structure: "2.1 Folkehelse" (a section, the assignments'
omraade), "2.1.3 Spesielle oppdrag", and a chapter "3 Øvrige økonomiske rammer" (counted as a chapter
only when its first section "3.1" follows, so a numbered list item "1. Teknologivalidering" is none).
A supplementary letter without numbered sections prints a bare section line before its assignments
("Helse- og omsorgstjenester"): a line repeating a section name of the main letter, or a short
title-like line standing right before an assignment heading.

An assignment runs to the next assignment heading, section, chapter, letter or closing ("Med hilsen");
its "Ansvarlig avdeling i HOD: XXX" line (and the contact lines after it) is its last line. Headings
of any level inside an assignment ("Bakgrunn", "Nytt ventetidsmål", "1. Vedtak 583") are its own:
heading levels mean nothing across renderings. A single-number heading ends an assignment only when it
continues a numbering begun before the assignment ("2. Forvaltning og drift …" after "1. Digital
samhandling …" in an oppdragsdokument), never when the assignment numbers its own parts.
"""

from __future__ import annotations

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.brev.letters import LetterSegment
from hdir_extract.extractors.brev.segments import Seg, clean
from hdir_extract.extractors.oppdrag.headings import DEPT, Heading, ends_open
from hdir_extract.extractors.oppdrag.hendelser import is_department_end

_LEVEL_N = regex.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<name>\p{Lu}.*?)$")
_LEVEL_1 = regex.compile(r"^(?P<num>\d{1,2})\.?\s+(?P<name>\p{Lu}[^:]*?)$")
_CLOSING = regex.compile(r"^Med\s+(?:vennlig\s+)?hilsen\b", regex.IGNORECASE)
_BUDGET_LINE = regex.compile(r"^Kap\.?\s*\d{3,4}\s*(?:,\s*|\s+)(?:post\s*\d{2})?\s*[-–]?\s*\p{L}{0,20}$")
_CONTACT = regex.compile(r"^Kontaktperson(?:er)?\s*:", regex.IGNORECASE)
_SECTION_FALLBACK = regex.compile(r"^\p{Lu}[\p{L}\s,\-–]{2,70}$")
_LIST_HEADERS = regex.compile(
    r"^(?:Nye\s+oppdrag|Presisering|Endring|Budsjett|Økonomi|Kap\.|Oppdrag\b|Bakgrunn|Deloppdrag)",
    regex.IGNORECASE,
)


def _letter_of(letters: list[LetterSegment], line: int) -> int:
    for i, seg in enumerate(letters):
        if seg.linje_start <= line <= seg.linje_slutt:
            return i
    return -1


def letter_start_segments(segs: list[Seg], letters: list[LetterSegment]) -> set[int]:
    """The first segment of each letter."""
    out: set[int] = set()
    for seg in letters:
        k = next((k for k, s in enumerate(segs) if s.line >= seg.linje_start), None)
        if k is not None:
            out.add(k)
    return out


def _opens_line(segs: list[Seg], k: int) -> bool:
    """Segment `k` opens a block, or stands in one after a line that does not run on into it (a
    line-based layout joined "Frist: Settes i dialog med Helsedirektoratet" and "3.7. Helse- og
    omsorgstjenesten er innovativ og jobber" into one paragraph)."""
    return segs[k].first or not ends_open(segs[k - 1].text)


def _numbered_text(doc: Document, s: Seg) -> str:
    """A numbered list item's text with its number ("4. Budsjettildeling": the reading layer keeps the
    number as the item's marker)."""
    b = doc.blocks[s.block]
    if s.first and s.kind is Kind.LIST_ITEM and b.number and b.number.isdigit():
        return f"{b.number}. {s.text}"
    return s.text


def numbered_headings(
    doc: Document, segs: list[Seg], letters: list[LetterSegment], skip: frozenset[int] = frozenset()
) -> dict[int, tuple[int, str]]:
    """Numbered section headings: segment -> (level, name). Letterhead lines (`skip`) inside a wrapped
    heading are stepped over."""
    out: dict[int, tuple[int, str]] = {}
    level2: list[tuple[int, str, int]] = []  # (segment, "3.1", letter)
    for k, s in enumerate(segs):
        m = _LEVEL_N.match(s.text)
        if not m or s.kind is Kind.LIST_ITEM or len(s.text) >= 130 or not _opens_line(segs, k):
            continue
        name = [m.group("name")]
        # "3.2. Befolkningen har ... i trygge" + "og helsefremmende lokalsamfunn"
        for nxt in [x for j, x in enumerate(segs[k + 1 : k + 12], start=k + 1) if j not in skip][:3]:
            if not regex.match(r"\p{Ll}", nxt.text):
                break
            name.append(nxt.text)
        out[k] = (m.group("num").count(".") + 1, clean(" ".join(name)).rstrip(".").strip())
        level2.append((k, ".".join(m.group("num").split(".")[:2]), _letter_of(letters, s.line)))
    for k, s in enumerate(segs):
        m = _LEVEL_1.match(_numbered_text(doc, s))
        if not m or k in out or not _opens_line(segs, k) or len(s.text) > 70 or s.text[-1] in ".:;,":
            continue
        # a chapter heading "3 Øvrige økonomiske rammer" is followed by its first section "3.1"
        letter = _letter_of(letters, s.line)
        following = [num for j, num, lt in level2 if j > k and lt == letter]
        if following and following[0] == f"{m.group('num')}.1":
            out[k] = (1, clean(m.group("name")))
    return out


def section_lines(
    segs: list[Seg],
    letters: list[LetterSegment],
    numbered: dict[int, tuple[int, str]],
    heading_segs: set[int],
) -> dict[int, str]:
    """Bare section lines of letters without numbered sections ("Helse- og omsorgstjenester")."""
    known = {name.casefold(): name for level, name in numbered.values() if level == 2}
    with_numbered = {_letter_of(letters, segs[k].line) for k, (lv, _) in numbered.items() if lv == 2}
    out: dict[int, str] = {}
    for k, s in enumerate(segs):
        if k in numbered or len(s.text) > 80 or s.kind is Kind.LIST_ITEM:
            continue
        if not s.first and not segs[k - 1].text.endswith((".", ":", "!", "?")):
            continue  # a wrapped line; a section line the layout joined to a paragraph follows a sentence
        if _letter_of(letters, s.line) in with_numbered:
            continue
        if s.text.casefold() in known:
            out[k] = known[s.text.casefold()]
        elif (
            _SECTION_FALLBACK.match(s.text)
            and not _LIST_HEADERS.match(s.text)
            and k + 1 in heading_segs
            and not s.text.endswith((".", ":", ","))
        ):
            out[k] = s.text
    return out


def assign_omraade(
    segs: list[Seg],
    headings: list[Heading],
    letters: list[LetterSegment],
    numbered: dict[int, tuple[int, str]],
    sections: dict[int, str],
) -> None:
    events: dict[int, str | None] = {
        k: (name if level == 2 else None) for k, (level, name) in numbered.items() if level <= 2
    }
    events.update(sections)
    starts = letter_start_segments(segs, letters)
    for h in headings:
        current: str | None = None
        for k in sorted(set(events) | starts):
            if k > h.seg:
                break
            current = None if k in starts and k not in events else events.get(k)
        h.omraade = current


def _chapter_stop(segs: list[Seg], k: int, start: int, numbered_single: dict[int, int]) -> bool:
    """A single-number heading ("2. Forvaltning og drift …") that continues a numbering begun before
    the assignment starting at `start` (and the assignment numbers none of its own parts before it)."""
    n = numbered_single.get(k)
    if n is None or n < 2:
        return False
    if any(start < j < k for j in numbered_single):
        return False
    return any(j < start and numbered_single[j] == n - 1 for j in numbered_single)


def _single_numbers(segs: list[Seg]) -> dict[int, int]:
    out: dict[int, int] = {}
    for k, s in enumerate(segs):
        if s.kind is Kind.HEADING and s.first and (m := _LEVEL_1.match(s.text)):
            out[k] = int(m.group("num"))
    return out


def _label(s: Seg) -> bool:
    """A label line that introduces what follows ("Oppdrag:", "Nye oppdrag:"), never an assignment's
    own closing lines ("Frist: 1.6.2026", "Ansvarlig avdeling HOD: KTA")."""
    return s.first and len(s.text) <= 80 and s.text.endswith(":") and not DEPT.search(s.text)


def assign_ends(
    doc: Document,
    segs: list[Seg],
    headings: list[Heading],
    letters: list[LetterSegment],
    numbered: dict[int, tuple[int, str]],
    sections: dict[int, str],
    letterhead: frozenset[int] = frozenset(),
) -> None:
    """Each assignment ends before the next heading, section, chapter, letter or closing; an "Ansvarlig
    avdeling" line (and its contact lines) is its last line."""
    heads = {h.seg for h in headings if not h.from_list}
    stops = heads | set(numbered) | set(sections)
    stops |= letter_start_segments(segs, letters)
    singles = _single_numbers(segs)
    for h in headings:
        if h.from_list:
            h.end, h.linje_slutt = h.seg + 1, doc.blocks[segs[h.seg].block].last_line
            continue
        letter = _letter_of(letters, h.linje)
        end = h.seg + 1
        k = h.seg + 1
        while k < len(segs) and k not in stops and _letter_of(letters, segs[k].line) == letter:
            text = segs[k].text
            if (
                _CLOSING.match(text)
                or (_BUDGET_LINE.match(text) and k >= h.body)
                or _chapter_stop(segs, k, h.seg, singles)
            ):
                break
            end = k + 1
            if is_department_end(text) and k >= h.body:
                while end < len(segs) and _CONTACT.match(segs[end].text):
                    end += 1
                break
            k += 1
        while end > h.body and end - 1 in letterhead:
            end -= 1  # a letterhead after the last line is not the assignment's
        while end - 1 > h.body and end in heads and _label(segs[end - 1]):
            end -= 1  # "Oppdrag:" right above the next assignment's heading is that one's label
        h.end = max(end, min(h.body, len(segs)), h.seg + 1)
        last = segs[h.end - 1]
        whole = h.end == len(segs) or segs[h.end].block != last.block
        h.linje_slutt = (
            doc.blocks[last.block].last_line if whole and last.kind is not Kind.TABLE else last.line
        )
        if h.avdeling is None:
            for s in segs[h.body : h.end]:
                m = DEPT.search(s.text)
                if m and m.group("code"):
                    h.avdeling = regex.sub(r"\s+", "", m.group("code"))
