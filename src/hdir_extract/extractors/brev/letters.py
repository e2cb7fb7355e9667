"""Letter segments of a tildelingsbrev bundle (the main letter and each supplementary letter), of a
supplementary letter in its own file, and of an oppdragsdokument.

`segment_letters` is shared by every extractor that needs to know which letter a line belongs to
(oppdrag, bevilgninger). It is a pure function of the document's blocks (read as their printed lines,
see `segments`).

A letter starts at its subject or title line:
- "Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til tildelingsbrev" (wrapped over up to
  three printed lines);
- a title standing alone: "Tillegg til tildelingsbrev", "Supplerende tildelingsbrev nr. 1 for 2026",
  "Supplerende tildelingsbrev nr. 2 Helsedirektoratet", "Endring av tildelingsbrev",
  "Tildelingsbrev for 2026", "Oppdragsdokument til Norsk helsenett SF for 2026";
- a main letter that follows another letter's closing ("Med hilsen", signatures, "Kopi") starts at its
  chapter 1 ("1 Innledning"): a main letter in a bundle often prints no subject at all.
The ministry's letterhead footer ("Postadresse … Saksbehandler") that PDF-to-text puts just before a
subject belongs to the new letter. Each letter's date, reference and addressee come from its own
letterhead (`letterhead`), wherever in the letter it stands; a letter without a date keeps dato null.
A supplementary letter's printed number ("nr. 2") is its `tillegg_nr`; `brev_nr` is the order in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.brev.letterhead import addressee, letter_date, letter_ref
from hdir_extract.extractors.brev.segments import Seg, readable, segments


@dataclass(frozen=True, slots=True)
class LetterSegment:
    brev_nr: int  # 1-based order in the file
    brevtype: str  # "tildelingsbrev" | "tillegg" | "oppdragsdokument"
    linje_start: int
    linje_slutt: int
    dato: dt.date | None = None
    var_ref: str | None = None
    emne: str | None = None
    dato_linje: int | None = None
    tillegg_nr: int | None = None
    mottaker: str | None = None


_SUPPLEMENT_WORDS = (
    r"(?:Supplerende\s+tildelingsbrev|Tillegg(?:soppdrag)?\s+til\s+(?:tillegg\s+til\s+)?tildelingsbrev(?:et)?"
    r"|Endring(?:er)?\s+(?:av|i)\s+tildelingsbrev(?:et)?)"
)
_SUPPLEMENT = regex.compile(_SUPPLEMENT_WORDS, regex.IGNORECASE)
_OPPDRAGSDOKUMENT = regex.compile(r"(?i)^(?:Revidert\s+|Korrigert\s+|Endret\s+)?oppdragsdokument")
_MAIN_WORD = regex.compile(r"(?i)tildelingsbrev")
_BUDGET_SUBJECT = regex.compile(r"^Statsbudsjettet\s+(?:for\s+)?20\d\d\b")
# an addressee after a title: one to five words, the first capitalised ("Helsedirektoratet", "til Norsk
# helsenett SF")
_NAME_TAIL = r"(?:\s*[-–]?\s*(?:til\s+)?\p{Lu}[\p{L}-]*(?:\s+[\p{L}][\p{L}-]*){0,4}?)?"
_YEAR_TAIL = r"(?:\s+(?:for|til)\s+(?:tildelingsbrevet\s+)?(?:for\s+)?20\d\d|\s+20\d\d)?"
# A title standing alone. "I tillegg til tildelingsbrev ..." in running text does not start with a
# capital T, and the title may only be followed by a number, a year and an addressee (otherwise it is
# a wrapped sentence).
_TITLE = regex.compile(
    rf"^(?:{_SUPPLEMENT_WORDS}|Tildelingsbrev(?:et)?|(?:Revidert\s+|Korrigert\s+|Endret\s+)?[Oo]ppdragsdokument(?:et)?)"
    rf"(?:\s+nr\.?\s*(?P<nr>\d+))?{_YEAR_TAIL}{_NAME_TAIL}{_YEAR_TAIL}\s*[.:]?$"
)
_NUMBER = regex.compile(r"(?i)\bnr\.?\s*(\d+)\b")
_LETTERHEAD_START = regex.compile(r"^Postadresse\b")
_CLOSING = regex.compile(r"^Med\s+(?:vennlig\s+)?hilsen\b", regex.IGNORECASE)
_CHAPTER_ONE = regex.compile(r"^1\.?\s+\p{Lu}\p{L}+(?:\s+\p{L}+){0,5}$")
#: letters with fewer printed lines than this before their subject are the first letter
_PREAMBLE = 40
#: a title is a short line
_TITLE_MAX = 120


def subject_at(segs: list[Seg], k: int) -> str | None:
    """The subject text when segment `k` starts a letter's subject, else None."""
    text = segs[k].text
    if len(text) <= _TITLE_MAX and (m := _TITLE.match(text)):
        return m.group(0).strip(" .:")
    if not _BUDGET_SUBJECT.match(text):
        return None
    # "Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til" + "tildelingsbrev": the
    # subject may wrap once or twice
    joined = text
    for nxt in segs[k + 1 : k + 3]:
        if _SUPPLEMENT.search(joined) or _MAIN_WORD.search(joined) or len(nxt.text) > 90:
            break
        joined = f"{joined} {nxt.text}"
    m = _SUPPLEMENT.search(joined) or _MAIN_WORD.search(joined)
    return regex.sub(r"\s+", " ", joined[: m.end()]) if m else None


def _letter_start(segs: list[Seg], k: int) -> int:
    """Move a letter's start back over the letterhead footer that stands just before its subject."""
    for j in range(k - 1, max(k - 40, -1), -1):
        text = segs[j].text
        if _LETTERHEAD_START.match(text):
            return j
        if len(text) > 50:  # running text of the previous letter
            break
    return k


def _main_after_closing(segs: list[Seg], closing: int, limit: int) -> int | None:
    """A main letter that follows another letter's closing: after "Med hilsen", the signatures, "Kopi"
    and address lists (short lines), the body of a tildelingsbrev starts with its chapter 1
    ("1 Innledning"). A main letter carries no "Tillegg" subject, so this is how it is seen when a
    supplementary letter stands before it in the bundle."""
    long = 0
    for j in range(closing + 1, min(limit, len(segs), closing + 41)):
        text = segs[j].text
        if _CHAPTER_ONE.match(text):
            return j
        long += len(text) > 60  # "Dokumentet er elektronisk signert og har derfor ikke ..." is one
        if long > 2:  # running text: the letter goes on (an attachment, a list)
            return None
    return None


def _anchors(segs: list[Seg]) -> list[tuple[int, str | None, bool]]:
    """Where letters start: (segment index, subject, is a main letter seen by its chapter 1)."""
    subjects: list[tuple[int, str | None, bool]] = []
    for k in range(len(segs)):
        if segs[k].kind is Kind.LIST_ITEM and segs[k].first:
            continue  # "- Tillegg til tildelingsbrev nr. 4 2021" in a list is a mention
        subject = subject_at(segs, k)
        if subject is None or (subjects and k - subjects[-1][0] < 5):
            continue
        subjects.append((k, subject, False))
    out = list(subjects)
    for k, s in enumerate(segs):
        if not _CLOSING.match(s.text):
            continue
        nxt_subject = min((a for a, _, _ in subjects if a > k), default=len(segs))
        chapter = _main_after_closing(segs, k, nxt_subject)
        if chapter is not None:
            out.append((chapter, None, True))
    return sorted(out)


def _kind(subject: str | None, index: int, main: bool) -> str:
    """tildelingsbrev, tillegg or oppdragsdokument. A later letter is a supplement unless its own subject
    names a (main) tildelingsbrev or it starts with the chapter 1 of a main letter; the first letter is a
    supplement when its own title says so (a supplementary letter in its own file)."""
    if subject is not None and _OPPDRAGSDOKUMENT.match(subject):
        return "oppdragsdokument"
    if subject is not None and _SUPPLEMENT.search(subject):
        return "tillegg"
    later_main = index > 0 and (subject is not None or main)
    return "tillegg" if index > 0 and not later_main else "tildelingsbrev"


def _tillegg_nr(subject: str | None, brevtype: str) -> int | None:
    if brevtype != "tillegg" or subject is None:
        return None
    m = _NUMBER.search(subject)
    return int(m.group(1)) if m else None


def segment_letters(doc: Document, segs: list[Seg] | None = None) -> list[LetterSegment]:
    """Split a document into letters, in file order (which need not be date order, and a supplementary
    letter may come first). `segs`: the caller's `segments(readable(doc))`, where it has them."""
    doc = readable(doc)
    if segs is None:
        segs = segments(doc)
    if not segs:
        return []
    starts: list[tuple[int, str | None, bool]] = []
    for k, subject, main in _anchors(segs):
        if not starts and k < _PREAMBLE:
            starts.append((0, subject, main))  # the first letter's own subject line
        else:
            if not starts:
                starts.append((0, None, False))
            starts.append((_letter_start(segs, k), subject, main))
    if not starts:
        starts.append((0, None, False))
    bounds = [start for start, _, _ in starts] + [len(segs)]
    letters = [
        _letter(doc, i, segs, bounds[i], bounds[i + 1], subject, main)
        for i, (_, subject, main) in enumerate(starts)
    ]
    # a bundle is one recipient's letters: a letter that prints no address (a main letter in a bundle
    # often prints none) takes the recipient the bundle's other letters name
    named = [seg.mottaker for seg in letters if seg.mottaker]
    common = max(set(named), key=named.count) if named else None
    return [replace(seg, mottaker=seg.mottaker or common) for seg in letters]


def _letter(
    doc: Document, i: int, segs: list[Seg], start: int, end: int, subject: str | None, main: bool
) -> LetterSegment:
    own = segs[start:end]
    tail = own[-1]
    # the letter ends with its last block, unless that block runs on into the next letter (a layout
    # that joined a signature line with the next letter's "Postadresse")
    whole = end == len(segs) or segs[end].block != tail.block
    last = doc.blocks[tail.block].last_line if whole else tail.line
    dato, dato_linje = letter_date(own)
    brevtype = _kind(subject, i, main)
    return LetterSegment(
        brev_nr=i + 1,
        brevtype=brevtype,
        linje_start=1 if i == 0 else own[0].line,
        linje_slutt=last,
        dato=dato,
        var_ref=letter_ref(own),
        emne=subject,
        dato_linje=dato_linje,
        tillegg_nr=_tillegg_nr(subject, brevtype),
        mottaker=addressee(own, subject),
    )


def letter_at(segments: list[LetterSegment], linje: int) -> LetterSegment | None:
    """The letter that line `linje` belongs to."""
    for seg in segments:
        if seg.linje_start <= linje <= seg.linje_slutt:
            return seg
    return None


def letter_starts(segments: list[LetterSegment]) -> set[int]:
    return {s.linje_start for s in segments}
