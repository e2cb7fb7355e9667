"""Assignment ids: "TB2023-01", "TTB2021- 21", "TB2026 -12", "TB- 2026-2", "TB 2022-31", "TB2026–32",
and two in one "TTB2024-40/41".

Canonical form: PREFIX + YEAR + "-" + number zero-padded to two digits ("TB2023-01", "TTB2023-104"),
so a definition "TB2023-01" and a mention "TB2023-1" join. The printed form is kept by callers as `raw`.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hdir_extract.parsing.errors import ParseError

_DASH = r"[-\u2010-\u2015\u2212]"
ID_PATTERN = regex.compile(
    rf"(?<![A-Za-zÆØÅæøå])(?P<prefix>TTB|TB)\s?(?:{_DASH}\s?)?(?P<year>20\d\d)\s?{_DASH}\s?(?P<nr>\d{{1,3}})(?!\d)"
    rf"(?P<more>(?:\s?/\s?\d{{1,3}}(?!\d))*)"
)


class IdError(ParseError):
    """Not an assignment id."""


@dataclass(frozen=True, slots=True)
class IdMatch:
    start: int
    end: int
    raw: str
    oppdrag_id: str


def canonical(prefix: str, year: int | str, nr: int | str) -> str:
    return f"{prefix.upper()}{int(year)}-{int(nr):02d}"


def normalise_id(text: str) -> str:
    """Normalise one printed id. Raises IdError unless `text` is exactly one id."""
    m = ID_PATTERN.fullmatch(text.strip())
    if not m or m.group("more"):
        raise IdError(f"not one assignment id: {text!r}")
    return canonical(m.group("prefix"), m.group("year"), m.group("nr"))


def find_ids(text: str) -> list[IdMatch]:
    """Every id in `text`; "TTB2024-40/41" gives two matches sharing the printed span."""
    out: list[IdMatch] = []
    for m in ID_PATTERN.finditer(text):
        prefix, year = m.group("prefix"), m.group("year")
        out.append(IdMatch(m.start(), m.end(), m.group(0), canonical(prefix, year, m.group("nr"))))
        for extra in regex.findall(r"\d{1,3}", m.group("more")):
            out.append(IdMatch(m.start(), m.end(), m.group(0), canonical(prefix, year, extra)))
    return out
