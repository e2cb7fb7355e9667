"""Deadlines of an assignment: the dates its text states as deadlines.

A date counts as a deadline when a deadline word stands shortly before it in the same sentence:
"Frist: 15.10.2024", "frist for oppdraget er 31.12. 2023", "innen 1. mai 2023", "senest 1. juni",
"i forkant av ... 1. juli 2023". Other dates (a letter "datert 2. desember 2022", "vedtak ... av 18. feb.
2021", "Bestemmelsene opphører 1. juli 2023", "fra 1. januar 2023 til og med 31. desember 2024") are
not deadlines. A deadline printed without a year ("Frist 1. mars.") takes the year of its letter.
A printed date that does not exist is returned as an error so the caller can report it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from hdir_extract.parsing.dates import find_dates

# word -> how many characters before the date it may stand
_CUES = (
    (regex.compile(r"(?i)\bfrist\w*\b"), 60),
    (regex.compile(r"(?i)\b(?:innen|senest)\b"), 25),
    (regex.compile(r"(?i)\bi\s+forkant\s+av\b"), 90),
)
_OTHERS_DEADLINE = regex.compile(r"(?i)\b(?:hadde|som\s+har)\s+$")
_SENTENCE_FRIST = regex.compile(r"\s*(?:[-–•]\s*)?Frist(?:en)?\b")
# a sentence ends: ". Neste" (a date's own dots are followed by a month or a digit, not a capital)
_SENTENCE_END = regex.compile(r"[.!?]\s+(?=\p{Lu})")


@dataclass(frozen=True, slots=True)
class Frist:
    offset: int
    raw: str
    date: dt.date | None
    error: str | None = None


def _is_deadline(text: str, start: int) -> bool:
    window = text[max(0, start - 250) : start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    # a sentence that opens with "Frist" ("Frist for utarbeidelse av maler ... er 1.6.2026") states a
    # deadline however long its subject is
    if _SENTENCE_FRIST.match(window) and not _OTHERS_DEADLINE.search(window):
        return True
    window = window[-90:]
    for cue, reach in _CUES:
        for m in cue.finditer(window):
            # "utredning ... som hadde frist 31.12.2025", "TB2025-103, som har frist 1.6.26": the
            # deadline of something else, not of this assignment
            if _OTHERS_DEADLINE.search(window[: m.start()]):
                continue
            if len(window) - m.start() <= reach:
                return True
    return False


def find_frister(text: str, default_year: int | None) -> list[Frist]:
    """Deadline dates in the joined text of one assignment, in text order."""
    out: list[Frist] = []
    for d in find_dates(text, default_year=default_year, short_year=True):
        if _is_deadline(text, d.start):
            out.append(Frist(d.start, d.raw, d.date, d.error))
    return out
