"""Recognise what a document is from its CONTENT (never its file name): type, year, title, issuer.

Rules, in order (first match wins; each also in the README's method notes):
- prop_1_s: "Prop. 1 S" with a session "(2024–2025)" near the top; year = "FOR BUDSJETTÅRET 2025",
  else the session's second year. Another proposition ("Prop. 1 LS", "Prop. 12 S") is `annet`:
  recognised, listed, not extracted.
- meld_st: "Meld. St. N (YYYY–YYYY)" near the top; year = the date of "Tilråding fra … 1. mars 2024".
- aarsrapport: "Årsrapport YYYY" (title or running footer) with the directorate's report structure
  ("Leders beretning", "årsregnskap", "bevilgningsrapportering"); year = the most frequent YYYY there.
- tildelingsbrev: the word "tildelingsbrev" and assignment ids (TB/TTB) in the text; year = the most
  frequent year of TB-prefixed ids (the letter's own assignments outnumber mentions of older ones),
  else "… for 2026" next to tildelingsbrev/Helsedirektoratet.
Anything else is `ukjent`: reported and skipped, never guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from hdir_extract.document import Document
from hdir_extract.parsing import DateError, SessionError, find_dates, parse_session

HEAD_LINES = 60
# Title lines only: the name stands at the start of a short line (a mention in prose is not a title).
_PROP = regex.compile(
    r"^\s*Prop\.\s*(\d+)\s*(L?S|L)\b\s*(?:\((\d{4}\s*[-–]\s*\d{4})\))?\s*$", regex.MULTILINE
)
_BUDGET_YEAR = regex.compile(r"FOR\s+BUDSJETT[ÅA]RET\s+(\d{4})", regex.IGNORECASE)
_MELD = regex.compile(r"^\s*Meld\.\s*St\.\s*(\d+)\s*(?:\((\d{4}\s*[-–]\s*\d{4})\))?\s*$", regex.MULTILINE)
_SESSION = regex.compile(r"\((\d{4}\s*[-–]\s*\d{4})\)")
_AARSRAPPORT = regex.compile(r"\b[ÅA]rsrapport(?:en)?\s+(?:for\s+)?(20\d\d)\b", regex.IGNORECASE)
_TB_ID_YEAR = regex.compile(r"(?<![A-Za-z])TT?B\s?[-–]?\s?(20\d\d)\s?[-–]\s?\d{1,3}")
_TB_FOR_YEAR = regex.compile(
    r"(?:tildelingsbrev\w*|Helsedirektoratet|budsjettår\w*)\s+for\s+(20\d\d)", regex.IGNORECASE
)
_MINISTRY = regex.compile(r"\b(\p{Lu}\p{Ll}*-\s+og\s+\p{Ll}*departementet|\p{Lu}\p{Ll}*departementet)\b")


@dataclass(frozen=True, slots=True)
class Classification:
    dokumenttype: str
    aar: int | None
    tittel: str | None
    utsteder: str | None
    reason: str


def _head(doc: Document, n: int = HEAD_LINES) -> str:
    return "\n".join(t for t in doc.texts[:n] if t.strip())


def _session_in(text: str) -> str | None:
    m = _SESSION.search(text)
    if not m:
        return None
    try:
        return parse_session(m.group(1))
    except SessionError:
        return None


def _ministry(text: str) -> str | None:
    m = _MINISTRY.search(text)
    return m.group(1).strip() if m else None


def _classify_prop(doc: Document, head: str) -> Classification | None:
    m = _PROP.search(head)
    if not m:
        return None
    nr, kind = m.group(1), m.group(2)
    session = parse_session(m.group(3)) if m.group(3) else _session_in(head[m.end() : m.end() + 40])
    title = f"Prop. {nr} {kind}" + (f" ({session.replace('-', '–')})" if session else "")
    budget = _BUDGET_YEAR.search(head)
    year = int(budget.group(1)) if budget else (int(session[-4:]) if session else None)
    issuer = _ministry(head)
    if nr == "1" and kind == "S":
        return Classification("prop_1_s", year, title, issuer, "title 'Prop. 1 S' on the first page")
    return Classification(
        "annet", year, title, issuer, f"a proposition of another kind ({title}), not extracted"
    )


def _classify_meld(doc: Document, head: str) -> Classification | None:
    m = _MELD.search(head)
    if not m:
        return None
    session = parse_session(m.group(2)) if m.group(2) else _session_in(head[m.end() : m.end() + 40])
    title_lines = [t.strip() for t in doc.texts[:HEAD_LINES] if t.strip()]
    subtitle = next(
        (
            t
            for t in title_lines
            if t not in ("Melding til Stortinget",) and not _MELD.search(t) and not _SESSION.fullmatch(t)
        ),
        None,
    )
    title = f"Meld. St. {m.group(1)}" + (f" ({session.replace('-', '–')})" if session else "")
    if subtitle:
        title += f" {subtitle}"
    year = None
    for t in doc.texts[:200]:
        if "Tilråding" in t or "tilråding" in t:
            dates = [d for d in find_dates(t) if d.date]
            if dates:
                year = dates[0].date.year  # type: ignore[union-attr]
                break
    if year is None and session:
        year = int(session[:4])
    return Classification("meld_st", year, title, _ministry(head), "title 'Meld. St.' on the first page")


def _most_common(values: list[int]) -> int | None:
    if not values:
        return None
    counts = Counter(values).most_common()
    best = max(c for _, c in counts)
    return max(v for v, c in counts if c == best)  # a tie goes to the later year


def _classify_aarsrapport(doc: Document, text: str) -> Classification | None:
    years = [int(y) for y in _AARSRAPPORT.findall(text)]
    lowered = text.lower()
    markers = sum(w in lowered for w in ("leders beretning", "årsregnskap", "bevilgningsrapportering"))
    if not years or markers < 2:
        return None
    year = _most_common(years)
    return Classification(
        "aarsrapport",
        year,
        f"Årsrapport {year}",
        "Helsedirektoratet",
        "'Årsrapport YYYY' with the report's sections",
    )


def _classify_tildelingsbrev(doc: Document, text: str) -> Classification | None:
    if len(regex.findall(r"tildelingsbrev", text, flags=regex.IGNORECASE)) < 2:
        return None
    id_years = [int(y) for y in _TB_ID_YEAR.findall(text)]
    if len(id_years) < 3:
        return None
    year = _most_common(id_years) or _most_common([int(y) for y in _TB_FOR_YEAR.findall(_head(doc, 300))])
    return Classification(
        "tildelingsbrev",
        year,
        f"Tildelingsbrev {year} Helsedirektoratet",
        "Helse- og omsorgsdepartementet",
        "the word tildelingsbrev and TB/TTB assignment ids",
    )


def classify(doc: Document) -> Classification:
    head = _head(doc)
    for rule in (_classify_prop, _classify_meld):
        try:
            found = rule(doc, head)
        except (SessionError, DateError):
            found = None
        if found:
            return found
    text = doc.full_text()
    for rule2 in (_classify_aarsrapport, _classify_tildelingsbrev):
        found = rule2(doc, text)
        if found:
            return found
    return Classification("ukjent", None, None, None, "no known document type recognised from the content")
