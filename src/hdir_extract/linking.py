"""Cross-document links made after every document is extracted (e.g. nokkeltall -> indikatorer).

Pure function over the collected rows of all documents; returns the rows, possibly updated, and any
`kontroller` rows the linking produces.

nokkeltall -> indikatorer: a reported value gets the `indikator_id` of the indicator that the
tildelingsbrev of the same year as the årsrapport defines, when the names match. The årsrapport
often shortens or rewords the name ("Andelen" for "Andel", a trailing colon), so names are compared
after normalising case, punctuation and spacing, and a close match (difflib ratio ≥ 0.85, or one
name containing the other) is enough; where several indicators match, the closest wins.
Table cells are not linked: their labels are table rows, not the letter's indicators.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from typing import Any

import regex

Rows = dict[str, list[dict[str, Any]]]

_MIN_RATIO = 0.85


_PUNCT = regex.compile(r"[\p{P}\p{S}]+")
_SPACES = regex.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def _norm(text: str | None) -> str:
    t = (text or "").lower().replace("andelen ", "andel ")
    t = _PUNCT.sub(" ", t)
    return _SPACES.sub(" ", t).strip()


@functools.lru_cache(maxsize=4096)
def _chars(text: str) -> Counter[str]:
    return Counter(text)


def _score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if len(a) >= 12 and len(b) >= 12 and (a in b or b in a):
        return 0.95
    # an upper bound of difflib's ratio() from the shared characters (its quick_ratio, with each name's
    # character counts computed once): a pair that cannot reach the threshold (less the tie-break bonus,
    # with a margin) skips the quadratic ratio() and scores 0, which is below the threshold either way
    shared = sum((_chars(a) & _chars(b)).values())
    if 2.0 * shared / (len(a) + len(b)) < _MIN_RATIO - 0.02:
        return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def link_tables(tables: Rows) -> Rows:
    docs = {d["dok_id"]: d for d in tables.get("dokumenter", [])}
    by_year: dict[int, list[dict[str, Any]]] = {}
    for ind in tables.get("indikatorer", []):
        doc = docs.get(ind.get("dok_id"))
        if doc and doc.get("dokumenttype") == "tildelingsbrev" and doc.get("aar") is not None:
            by_year.setdefault(doc["aar"], []).append(ind)
    cache: dict[tuple[int, str, str | None], str | None] = {}
    for row in tables.get("nokkeltall", []):
        if row.get("kilde_type") == "tabell":
            continue
        doc = docs.get(row.get("dok_id"))
        if not doc or doc.get("dokumenttype") != "aarsrapport" or doc.get("aar") is None:
            continue
        candidates = by_year.get(doc["aar"], [])
        kind = row.get("kilde_type")
        key = (doc["aar"], _norm(row.get("indikator")), kind)
        if key not in cache:
            cache[key] = _best(key[1], kind, candidates)
        row["indikator_ref"] = cache[key]
    return tables


def _best(name: str, kind: str | None, candidates: list[dict[str, Any]]) -> str | None:
    best: tuple[float, str] | None = None
    for ind in candidates:
        s = _score(name, _norm(ind.get("tekst")))
        # the same kind (nøkkeltall/styringsparameter) breaks ties between equally close names
        if ind.get("type") == kind:
            s += 0.01
        if s >= _MIN_RATIO and (best is None or s > best[0]):
            best = (s, ind["indikator_id"])
    return best[1] if best else None
