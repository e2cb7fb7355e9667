"""Storting sessions: "(2023–2024)", "2023 - 2024", "2023−2024" -> "2023-2024".

A session runs from October to September: a resolution of 12 May 2022 belongs to 2021-2022.
"""

from __future__ import annotations

import datetime as dt

import regex

from hdir_extract.parsing.errors import ParseError

_SESSION = regex.compile(r"(\d{4})\s*[-\u2010-\u2015\u2212/]\s*(\d{4})")


class SessionError(ParseError):
    """Not a session of two consecutive years."""


def parse_session(text: str) -> str:
    m = _SESSION.search(text)
    if not m:
        raise SessionError(f"no session in {text!r}")
    first, second = int(m.group(1)), int(m.group(2))
    if second != first + 1:
        raise SessionError(f"session years are not consecutive: {text!r}")
    return f"{first}-{second}"


def session_for_date(date: dt.date) -> str:
    """The session a date falls in (October starts a new session)."""
    start = date.year if date.month >= 10 else date.year - 1
    return f"{start}-{start + 1}"
