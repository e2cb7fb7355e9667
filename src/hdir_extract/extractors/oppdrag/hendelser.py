"""What a later letter does to an assignment given before: clarifies it (presisering), changes it
(endring: a new deadline, a postponement) or withdraws it (utgaar). Each is an `oppdrag_hendelser` row.

Where a letter says so:
- a heading with an id of its own whose title names the earlier one: "TTB2023-04 Presisering av
  TB2023-18 Kjernegruppe …" (an assignment row for TTB2023-04, and a presisering of TB2023-18);
- a heading that opens with the word: "Utsettelse av TB2023-31 Evaluering …", "Presisering av oppdrag
  TB2026-17", "Endring av TB2026-12" (an event only);
- the earlier assignment's own heading printed again in a later letter: "TB2026-17 Utredning offentlig
  KI-tjeneste …" under "Presisering av tidligere oppdrag:", or opening with "Det vises til oppdrag
  TB2026-17", or an id defined earlier in the same file (an event, never a second definition);
- a sentence or list entry saying an assignment goes: "Oppdrag TB2026-12 … utgår", "Følgende oppdrag
  utgår:" followed by a list of ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hdir_extract.document import Kind
from hdir_extract.extractors.brev.segments import Seg
from hdir_extract.extractors.oppdrag.ids import IdAt
from hdir_extract.parsing.ids import find_ids

_PRESISERING = regex.compile(r"(?i)\bpresiser\w*")
_ENDRING = regex.compile(
    r"(?i)\b(?:endring\w*|endret|endres|utsettelse|utsatt|utsettes|forlengelse|ny\s+frist)\b"
)
_UTGAAR = regex.compile(r"(?i)\b(?:utgår|utgått\w*|bortfaller|trekkes\s+tilbake|avsluttes)\b")
_NEW = regex.compile(r"(?i)^(?:nye|nytt)\b")
_ABOUT_ASSIGNMENTS = regex.compile(r"(?i)\boppdrag")
# "Ansvarlig avdeling i HOD: KTA": an assignment's last line
_DEPARTMENT_END = regex.compile(
    r"(?i)\bAnsvarlig\s+avdeling\s*(?:i\s+)?HOD\s*:\s*\p{Lu}{2,5}(?:\s*/\s*\p{Lu}{2,5})*\s*$"
)
# "Presisering av TB2023-18", "Utsettelse av oppdrag TB2023-31", "Endring i TB2026-12": the event word
# opens the heading and the id follows
_EVENT_OPENING = regex.compile(
    r"(?i)^(?P<word>Presisering(?:er)?|Endring(?:er)?|Utsettelse|Endret\s+frist|Ny\s+frist|Forlengelse)"
    r"\s+(?:av|i|for|til)?\s*(?:(?:oppdrag(?:et)?|frist(?:en)?\s+(?:for|i))\s+)?$"
)
_SELF_REFERENCE = regex.compile(r"(?i)\bvises\s+til\s+(?:\p{L}+\s+){0,3}?(?:oppdrag(?:et)?\s+)?$")
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=\p{Lu})")


@dataclass(frozen=True, slots=True)
class Withdrawal:
    seg: int
    ident: IdAt
    tekst: str
    listed: bool = False  # an entry of a letter's summary list (the section's sentence is preferred)


def is_department_end(text: str) -> bool:
    """ "Ansvarlig avdeling i HOD: KTA" (also at the end of a "Frist: …" line): an assignment's last line."""
    return bool(_DEPARTMENT_END.search(text))


def kind_of(text: str) -> str | None:
    """The event a heading's or label's words name (None: none, or a new assignment)."""
    if _NEW.match(text):
        return None
    if _UTGAAR.search(text):
        return "utgaar"
    if _PRESISERING.search(text):
        return "presisering"
    if _ENDRING.search(text):
        return "endring"
    return None


def event_opening(text: str) -> tuple[str, str, str] | None:
    """(hendelse, oppdrag_id, raw) when a heading opens with an event word followed by an id."""
    found = find_ids(text)
    if not found:
        return None
    m = _EVENT_OPENING.match(text[: found[0].start])
    if not m:
        return None
    return kind_of(m.group("word")) or "endring", found[0].oppdrag_id, found[0].raw.strip()


def named_in_title(title: str | None) -> tuple[str, str, str] | None:
    """(hendelse, oppdrag_id, raw) when an assignment's own title names an earlier one it changes:
    "Presisering av TB2023-18 Kjernegruppe …"."""
    return event_opening(title) if title else None


def _is_context(segs: list[Seg], j: int) -> bool:
    """A section heading or label a heading may stand under ("Presisering av tidligere oppdrag:",
    "Nye oppdrag"). A label over a list ("Presiseringer:" / "- TTB2023-09 …") is a summary list's,
    not a section's."""
    s = segs[j]
    if not s.first or not (s.kind is Kind.HEADING or (len(s.text) <= 80 and s.text.endswith(":"))):
        return False
    return j + 1 >= len(segs) or segs[j + 1].kind is not Kind.LIST_ITEM


def context_kind(segs: list[Seg], k: int, letter_start: int, headings: dict[int, str | None]) -> str | None:
    """The event the section above segment `k` is about, looking back to the letter's start: the
    nearest section label about earlier assignments ("Presisering av tidligere oppdrag:", "Endringer i
    tidligere gitte oppdrag", "Oppdrag som utgår"), or the kind of the heading before it in the same
    section (a clarification follows a clarification; a definition starts new assignments). None under
    "Nye oppdrag" or no such label. A label inside the previous assignment ("4. Avslag på henvisninger –
    endringer i koder", "Frist og rapportering:") is passed over: only labels after its department line
    (its last line) or before its heading count."""
    inside_previous = False
    for j in range(k - 1, letter_start - 1, -1):
        if j in headings:
            return headings[j]
        s = segs[j]
        if is_department_end(s.text):
            inside_previous = True  # above here: the previous assignment's own text
        if inside_previous or not _is_context(segs, j):
            continue
        if _NEW.match(s.text):
            return None
        kind = kind_of(s.text)
        if kind is not None and _ABOUT_ASSIGNMENTS.search(s.text):
            return kind
    return None


def refers_to_itself(segs: list[Seg], body: int, oppdrag_id: str, ids: dict[int, list[IdAt]]) -> bool:
    """The body opens by pointing at the heading's own id ("Det vises til oppdrag TB2026-17."): the
    heading is about an assignment given before."""
    for k in range(body, min(body + 2, len(segs))):
        for i in ids.get(k, []):
            if i.oppdrag_id != oppdrag_id:
                continue
            text = segs[k].text
            pos = text.find(i.raw)
            if pos >= 0 and _SELF_REFERENCE.search(text[:pos]):
                return True
    return False


def withdrawals(segs: list[Seg], ids: dict[int, list[IdAt]]) -> list[Withdrawal]:
    """Assignments a sentence or a list says go: "TB2026-12 … utgår.", "Følgende oppdrag utgår:" (or a
    heading "Oppdrag som utgår") and the ids of the list under it."""
    out: list[Withdrawal] = []
    lead = False  # inside the list under a lead-in that says the items go
    for k, s in enumerate(segs):
        if s.kind is Kind.LIST_ITEM and lead:
            if s.first:
                out.extend(Withdrawal(k, i, s.text, listed=True) for i in ids.get(k, [])[:1])
            continue
        said = _UTGAAR.search(s.text) is not None
        lead = (s.text.endswith(":") or s.kind is Kind.HEADING) and said
        if lead or not said:  # no match in the whole text: none in any of its sentences
            continue
        for sentence in _SENTENCE_END.split(s.text):
            if not _UTGAAR.search(sentence):
                continue
            for i in ids.get(k, []):
                if i.raw in sentence:
                    out.append(Withdrawal(k, i, sentence))
    return out


def listed_under_event(segs: list[Seg], k: int) -> bool:
    """List item `k` stands under a label about earlier assignments ("Oppdrag som utgår:",
    "Presisering og endring av tidligere oppdrag:"): its ids are not new assignments."""
    for j in range(k - 1, max(k - 40, -1), -1):
        s = segs[j]
        if s.kind is Kind.LIST_ITEM:
            continue
        return bool(kind_of(s.text)) and bool(_ABOUT_ASSIGNMENTS.search(s.text)) and not _NEW.match(s.text)
    return False
