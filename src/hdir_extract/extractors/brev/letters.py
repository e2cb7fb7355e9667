"""Letter segments of a tildelingsbrev bundle: the main letter and each supplementary letter.

`segment_letters` is shared by every extractor that needs to know which letter a line belongs to
(oppdrag, bevilgninger). It is a pure function of the document.

A bundle is the main letter followed by supplementary letters. A supplementary letter is recognised
by its subject line ("Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til tildelingsbrev",
"Tillegg til tildelingsbrev", "Supplerende tildelingsbrev nr. 1 for 2026"); the ministry's letterhead
footer ("Postadresse ... Saksbehandler") that PDF-to-text puts just before it belongs to the new letter.
Each letter's date and reference come from its own "Vår ref / Dato" block, wherever in the letter it
stands (often after the first assignment); a letter without one keeps dato null.

`furniture_lines` marks page furniture dropped into running text: "Side 2", the recipient address
block, the "Deres ref / Vår ref / Dato" block, the letterhead footer and lines that are only a URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from hdir_extract.document import Document
from hdir_extract.parsing.dates import DateError, parse_date


@dataclass(frozen=True, slots=True)
class LetterSegment:
    brev_nr: int  # 1-based order in the file
    brevtype: str  # "tildelingsbrev" | "tillegg"
    linje_start: int
    linje_slutt: int
    dato: dt.date | None = None
    var_ref: str | None = None
    emne: str | None = None
    dato_linje: int | None = None


# A subject line standing at the start of a line. "I tillegg til tildelingsbrev ..." in running text
# does not start with a capital T, and a plain "Tillegg til tildelingsbrev" may only be followed by a
# number or a year (otherwise it is a wrapped sentence).
_BUDGET_SUBJECT = regex.compile(r"^\s*Statsbudsjettet\s+(?:for\s+)?20\d\d\b")
_SUPPLEMENT = regex.compile(
    r"(?:Tillegg(?:soppdrag)?\s+til\s+(?:tillegg\s+til\s+)?tildelingsbrev|Supplerende\s+tildelingsbrev)",
    regex.IGNORECASE,
)
_PLAIN_SUPPLEMENT = regex.compile(
    r"^\s*(?:Tillegg(?:soppdrag)?\s+til\s+(?:tillegg\s+til\s+)?tildelingsbrev|Supplerende\s+tildelingsbrev)"
    r"(?:\s+nr\.?\s*\d+)?(?:\s+(?:for|til)\s+(?:tildelingsbrevet\s+)?(?:for\s+)?20\d\d)?\s*[.:]?\s*$"
)
_MAIN_SUBJECT = regex.compile(r"tildelingsbrev", regex.IGNORECASE)
_LETTERHEAD_START = regex.compile(r"^\s*Postadresse\s*$")
_DATO = regex.compile(r"^\s*Dato\s*:?\s*(?P<value>.*?)\s*$")
_VAR_REF = regex.compile(r"^\s*Vår\s+ref(?:eranse)?\.?\s*:?\s*(?P<value>.*?)\s*$")
_DERES_REF = regex.compile(r"^\s*Deres\s+ref(?:eranse)?\.?\s*:?\s*$")
_REF_VALUE = regex.compile(r"^\s*\d{2,4}\s*/\s*\d+(?:\s*-\s*\d*)?\s*$")
_PAGE = regex.compile(r"^\s*Side\s+\d+(?:\s+(?:av|of)\s+\d+)?\s*$")
_POSTBOKS = regex.compile(r"^\s*Postboks\s+\d+")
_POSTCODE = regex.compile(r"^\s*\d{4}\s+\p{Lu}{2,}\s*$")
_ONLY_LINK = regex.compile(r"^\s*(?:mailto:\S+|https?://\S+|www\.\S+)\s*$")
_IFOLGE_LISTE = regex.compile(r"^\s*Ifølge\s+liste\s*$", regex.IGNORECASE)
_CLOSING = regex.compile(r"^\s*Med\s+(?:vennlig\s+)?hilsen\b", regex.IGNORECASE)
_CHAPTER_ONE = regex.compile(r"^1\.?\s+\p{Lu}\p{L}+(?:\s+\p{L}+){0,5}\s*$")
#: letters with fewer non-blank lines than this before their subject line are the first letter
_PREAMBLE_LINES = 40


def _next_nonblank(doc: Document, no: int, limit: int = 6) -> int | None:
    for k in range(no + 1, min(no + 1 + limit, len(doc.lines) + 1)):
        if doc.text(k).strip():
            return k
    return None


def _prev_nonblank(doc: Document, no: int, limit: int = 3) -> int | None:
    for k in range(no - 1, max(no - 1 - limit, 0), -1):
        if doc.text(k).strip():
            return k
    return None


def _subject_at(doc: Document, no: int) -> str | None:
    """The subject text when line `no` starts a letter's subject line, else None."""
    text = doc.text(no)
    if _PLAIN_SUPPLEMENT.match(text):
        return text.strip()
    if not _BUDGET_SUBJECT.match(text):
        return None
    # "Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til" + "tildelingsbrev": the
    # subject may wrap once or twice.
    joined, k = text.strip(), no
    for _ in range(2):
        if _SUPPLEMENT.search(joined) or _MAIN_SUBJECT.search(joined):
            break
        nxt = _next_nonblank(doc, k, limit=2)
        if nxt is None or len(doc.text(nxt).strip()) > 90:
            break
        joined, k = f"{joined} {doc.text(nxt).strip()}", nxt
    if _SUPPLEMENT.search(joined) or _MAIN_SUBJECT.search(joined):
        return regex.sub(r"\s+", " ", joined)
    return None


def _letter_start(doc: Document, anchor: int) -> int:
    """Move a letter's start back over the letterhead footer that stands just before its subject."""
    for k in range(anchor - 1, max(anchor - 40, 0), -1):
        text = doc.text(k).strip()
        if _LETTERHEAD_START.match(text):
            return k
        if len(text) > 50:  # running text of the previous letter
            break
    return anchor


def _date_and_ref(doc: Document, start: int, end: int) -> tuple[dt.date | None, int | None, str | None]:
    dato: dt.date | None = None
    dato_linje: int | None = None
    var_ref: str | None = None
    for no in range(start, end + 1):
        text = doc.text(no)
        if dato is None and (m := _DATO.match(text)):
            cand = [(no, m.group("value"))] if m.group("value") else []
            if not cand and (nxt := _next_nonblank(doc, no, limit=4)) is not None:
                cand = [(nxt, doc.text(nxt).strip())]
            for k, value in cand:
                if _is_date(value):  # "Dato Tiltak Merknad" is a table header, not a date block
                    dato, dato_linje = parse_date(value), k
        if var_ref is None and (m := _VAR_REF.match(text)):
            value = m.group("value")
            if not value and (nxt := _next_nonblank(doc, no, limit=4)) is not None:
                value = doc.text(nxt).strip()
            if _REF_VALUE.match(value):
                var_ref = value.strip()
    return dato, dato_linje, var_ref


def _main_letter_after_closing(doc: Document, closing: int, limit: int) -> int | None:
    """A main letter that follows another letter's closing: after "Med hilsen", the signatures, "Kopi"
    and address lists (short lines), the body of a tildelingsbrev starts with its chapter 1
    ("1 Innledning"). A main letter carries no "Tillegg" subject, so this is how it is seen when a
    supplementary letter stands before it in the bundle."""
    seen = long = 0
    for k in range(closing + 1, min(limit, len(doc.lines) + 1)):
        text = doc.text(k).strip()
        if not text:
            continue
        if _CHAPTER_ONE.match(text):
            return k
        seen += 1
        long += len(text) > 60  # "Dokumentet er elektronisk signert og har derfor ikke ..." is one
        if long > 2 or seen > 40:  # running text: the letter goes on (an attachment, a list)
            return None
    return None


def _anchors(doc: Document) -> list[tuple[int, str | None, bool]]:
    """Where letters start: (line, subject, is a main letter seen by its chapter 1)."""
    n = len(doc.lines)
    subjects: list[tuple[int, str | None, bool]] = []
    for no in range(1, n + 1):
        subject = _subject_at(doc, no)
        if subject is None or (subjects and no - subjects[-1][0] < 5):
            continue
        subjects.append((no, subject, False))
    out = list(subjects)
    for no in range(1, n + 1):
        if not _CLOSING.match(doc.text(no)):
            continue
        nxt_subject = min((a for a, _, _ in subjects if a > no), default=n + 1)
        chapter = _main_letter_after_closing(doc, no, nxt_subject)
        if chapter is not None:
            out.append((chapter, None, True))
    return sorted(out)


def segment_letters(doc: Document) -> list[LetterSegment]:
    """Split a bundle into letters, in file order (which need not be date order, and a supplementary
    letter may come first)."""
    n = len(doc.lines)
    if not n:
        return []
    starts: list[tuple[int, str | None, bool]] = []
    for no, subject, main in _anchors(doc):
        before = sum(1 for k in range(1, no) if doc.text(k).strip())
        if not starts and before < _PREAMBLE_LINES:
            starts.append((1, subject, main))  # the first letter's own subject line
        else:
            if not starts:
                starts.append((1, None, False))
            starts.append((_letter_start(doc, no), subject, main))
    if not starts:
        starts.append((1, None, False))
    out: list[LetterSegment] = []
    for i, (start, subject, main) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else n
        while end > start and not doc.text(end).strip():
            end -= 1
        dato, dato_linje, var_ref = _date_and_ref(doc, start, end)
        is_supplement = subject is not None and bool(_SUPPLEMENT.search(subject))
        # a later letter is a supplement unless its own subject names a (main) tildelingsbrev or it
        # starts with the chapter 1 of a main letter
        later_main = i > 0 and ((subject is not None and not is_supplement) or main)
        brevtype = "tillegg" if is_supplement or (i > 0 and not later_main) else "tildelingsbrev"
        out.append(
            LetterSegment(
                brev_nr=i + 1,
                brevtype=brevtype,
                linje_start=start,
                linje_slutt=end,
                dato=dato,
                var_ref=var_ref,
                emne=subject,
                dato_linje=dato_linje,
            )
        )
    return out


def letter_at(segments: list[LetterSegment], linje: int) -> LetterSegment | None:
    """The letter that line `linje` belongs to."""
    for seg in segments:
        if seg.linje_start <= linje <= seg.linje_slutt:
            return seg
    return None


def letter_starts(segments: list[LetterSegment]) -> set[int]:
    return {s.linje_start for s in segments}


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except DateError:
        return False
    return True


def _prev_is_dato(doc: Document, no: int) -> bool:
    prev = _prev_nonblank(doc, no)
    return prev is not None and doc.text(prev).strip().rstrip(":") == "Dato"


def _mark_ref_block(doc: Document, no: int, marks: set[int]) -> None:
    """The "Deres ref / Vår ref / Dato" block around line `no` (a "Vår ref" label)."""
    first = no
    for k in range(no - 1, max(no - 8, 0), -1):
        if _DERES_REF.match(doc.text(k)):
            first = k
            break
    last = no
    for k in range(no + 1, min(no + 12, len(doc.lines)) + 1):
        text = doc.text(k).strip()
        m = _DATO.match(text)
        if m and m.group("value") and _is_date(m.group("value")):
            last = k
            break
        if not text or _REF_VALUE.match(text) or text.rstrip(":") == "Dato":
            last = k
            continue
        if _prev_is_dato(doc, k) and _is_date(text):
            last = k
        break
    marks.update(range(first, last + 1))


def _mark_letterhead(doc: Document, no: int, marks: set[int]) -> None:
    """From "Postadresse" to the end of the "Saksbehandler" entry (name, phone), or 25 short lines."""
    end = min(no + 30, len(doc.lines))
    last = no
    seen_saksbehandler = False
    for k in range(no, end + 1):
        text = doc.text(k).strip()
        if len(text) > 50:
            break
        if seen_saksbehandler and not text:
            break
        if text.startswith("Saksbehandler"):
            seen_saksbehandler = True
        last = k
    marks.update(range(no, last + 1))


def furniture_lines(doc: Document) -> frozenset[int]:
    """Lines that are page furniture, not running text (1-based numbers)."""
    marks: set[int] = set()
    for ln in doc.lines:
        text = ln.text
        if _PAGE.match(text) or _ONLY_LINK.match(text) or _IFOLGE_LISTE.match(text):
            marks.add(ln.no)
        elif _VAR_REF.match(text) and not _VAR_REF.match(text).group("value"):
            _mark_ref_block(doc, ln.no, marks)
        elif _LETTERHEAD_START.match(text):
            _mark_letterhead(doc, ln.no, marks)
        elif _POSTBOKS.match(text) and len(text.strip()) < 40:
            marks.add(ln.no)
            prev = _prev_nonblank(doc, ln.no, limit=4)  # double-spaced text: blank lines between
            # the recipient's name above the box number ("Helsedirektoratet")
            if prev is not None and len(doc.text(prev).strip()) < 40 and " " not in doc.text(prev).strip():
                marks.add(prev)
            nxt = _next_nonblank(doc, ln.no, limit=4)
            if nxt is not None and _POSTCODE.match(doc.text(nxt)):
                marks.add(nxt)
    return frozenset(marks)
