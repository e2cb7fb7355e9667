"""The printed lines that structure a list of resolutions: an entry's header "Vedtak nr. 66,
4. desember 2023" and the session marker "Stortingssesjon (2023–2024)" above a run of entries."""

from __future__ import annotations

import datetime as dt

import regex

from hdir_extract.parsing.dates import DateError, parse_date
from hdir_extract.parsing.sessions import SessionError, parse_session

# "Vedtak nr. 876 4. mai 2021" (no comma), "Vedtak 611, 26. mai 2020" (no "nr."), "17.juni 2022"
HEADER = regex.compile(
    r"^\s*Vedtak\s+(?:nr\.?\s*)?(?P<nr>\d{1,4})\s*[,.]?\s+(?P<date>\d.*?)\s*$", regex.IGNORECASE
)
MARKER = regex.compile(r"^\s*Stortingssesjon\b(?P<rest>.*)$", regex.IGNORECASE)


def parse_header(text: str) -> tuple[int, dt.date | None] | None:
    """("Vedtak nr. 876 4. mai 2021") -> (876, date); None when the text is not an entry header (the
    whole text must be the number and a date: "Vedtak nr. 9, 6. oktober 2020, nr. 702 … oppheves." is
    a sentence)."""
    m = HEADER.match(text)
    if not m:
        return None
    try:
        return int(m.group("nr")), parse_date(m.group("date"))
    except DateError:
        return None


def marker_session(text: str) -> str | None:
    """ "Stortingssesjon (2023–2024)" -> "2023-2024"; None for anything else."""
    m = MARKER.match(text)
    if not m:
        return None
    try:
        return parse_session(m.group("rest"))
    except SessionError:
        return None


def is_marker(text: str) -> bool:
    return MARKER.match(text) is not None


def stands_alone(text: str) -> bool:
    """A printed line that is always a piece of its own: an entry header or a session marker."""
    return parse_header(text) is not None or marker_session(text) is not None
