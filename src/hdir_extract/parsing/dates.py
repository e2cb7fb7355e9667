"""Norwegian dates: "1. mars 2024", "18. feb. 2021", "15.10.2024", "1. mars" (year from context),
and month-only "desember 2023", which is a `YearMonth`, never a date with an invented day
(dateparser fills in today's day; we do not).

A printed date that does not exist ("30. februar 2023") raises DateError from `parse_date`;
`find_dates` returns it as a match with `error` set so a caller can keep the text and report it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from hdir_extract.parsing.errors import ParseError

MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
}  # fmt: skip
ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "des": 12,
}  # fmt: skip
_MONTH_WORD = (
    r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des)"
)
# "1. mars 2024", "1 mars 2024", "17.juni 2022" (no space after the dot), "18. feb. 2021", "1. mars"
_WORD_DATE = regex.compile(
    rf"(?<![\d.])(?P<day>[0-3]?\d)(?:\.\s*|\s+)(?P<month>{_MONTH_WORD})\b\.?(?:\s+(?P<year>(?:19|20)\d\d)\b)?",
    regex.IGNORECASE,
)
# "15.10.2024", "1.3.2024", "31.12. 2023" (a space before the year, tildelingsbrev 2023)
_NUMERIC_DATE = regex.compile(
    r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)(?![\d])"
)
# "15.09.23", "1.10.26": two-digit years, opt-in (find_dates(short_year=True)) because "2.1.13" may be
# a section number; callers that read deadlines ("Frist: 15.09.23") ask for it.
_SHORT_YEAR_DATE = regex.compile(
    r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d\d)(?![\d.,]\d|\d)"
)
# "desember 2023"
_MONTH_YEAR = regex.compile(
    rf"(?<![\d.]\s?)\b(?P<month>{_MONTH_WORD})\.?\s+(?P<year>(?:19|20)\d\d)\b", regex.IGNORECASE
)


class DateError(ParseError):
    """The text is not a (valid) Norwegian date."""


@dataclass(frozen=True, slots=True)
class YearMonth:
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    raw: str
    date: dt.date | None  # None when the printed date does not exist (see `error`)
    year_from_context: bool = False
    error: str | None = None


def month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS[w]
    if w in ABBREVIATIONS:
        return ABBREVIATIONS[w]
    raise DateError(f"not a month: {word!r}")


def _make(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as e:
        raise DateError(f"no such date: {raw!r} ({e})") from e


def parse_date(text: str, default_year: int | None = None) -> dt.date:
    """Parse one date; the whole text must be the date (surrounding spaces and a final '.' allowed)."""
    s = text.strip().rstrip(".").strip()
    for pattern in (_NUMERIC_DATE, _WORD_DATE):
        m = pattern.fullmatch(s) or pattern.fullmatch(s + ".")
        if m:
            year = m.group("year")
            if year is None and default_year is None:
                raise DateError(f"date without a year and no year from context: {text!r}")
            y = int(year) if year else default_year
            assert y is not None
            return _make(
                y,
                month_number(m.group("month")) if pattern is _WORD_DATE else int(m.group("month")),
                int(m.group("day")),
                text,
            )
    raise DateError(f"not a date: {text!r}")


def parse_month(text: str) -> YearMonth:
    """Parse "desember 2023" into a YearMonth (no day is invented)."""
    m = _MONTH_YEAR.fullmatch(text.strip().rstrip("."))
    if not m:
        raise DateError(f"not a month and year: {text!r}")
    return YearMonth(int(m.group("year")), month_number(m.group("month")))


def find_dates(text: str, default_year: int | None = None, short_year: bool = False) -> list[DateMatch]:
    """Every full date in `text`, in order. Yearless dates take `default_year` (skipped without one).
    With `short_year`, "15.09.23" is read as 2023-09-15 (two-digit years are 20xx)."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    patterns = (_NUMERIC_DATE, _WORD_DATE, _SHORT_YEAR_DATE) if short_year else (_NUMERIC_DATE, _WORD_DATE)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            year = m.group("year")
            if year is None and default_year is None:
                continue
            y = (2000 + int(year) if len(year) == 2 else int(year)) if year else default_year
            assert y is not None
            month = month_number(m.group("month")) if pattern is _WORD_DATE else int(m.group("month"))
            raw = m.group(0)
            try:
                date, error = _make(y, month, int(m.group("day")), raw), None
            except DateError as e:
                date, error = None, str(e)
            taken.append((m.start(), m.end()))
            found.append(DateMatch(m.start(), m.end(), raw, date, year is None, error))
    return sorted(found, key=lambda d: d.start)
