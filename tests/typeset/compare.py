"""Records of a corpus text against those of its PDF rendering, per table, on content fields only
(never line numbers or pages): how many of them agree."""

from __future__ import annotations

import collections
from dataclasses import dataclass
from typing import Any

import regex

#: the content that identifies a record of each table
KEYS: dict[str, tuple[str, ...]] = {
    "bevilgninger": ("kapittel", "post", "belopstype", "aar", "belop_nok"),
    "oppdrag": ("oppdrag_id", "tittel"),
    "brev": ("brev_nr", "brevtype", "dato"),
    "anmodningsvedtak": ("sesjon", "vedtak_nr"),
    "nokkeltall": ("kilde", "indikator", "aar", "verdi", "enhet"),
    "indikatorer": ("type", "maal_nr", "tekst"),
    "tiltak": ("tekst",),
}


@dataclass(frozen=True, slots=True)
class Agreement:
    same: int  # records in both (as a multiset)
    text: int  # records from the text
    pdf: int  # records from the PDF

    @property
    def ratio(self) -> float:
        """Agreement both ways: records lost and records the text does not have count alike."""
        return self.same / max(self.text, self.pdf) if max(self.text, self.pdf) else 1.0

    def __str__(self) -> str:
        extra = self.pdf - self.same
        return f"{self.same}/{self.text}" + (f" (+{extra})" if extra else "")


def _value(v: Any) -> str:
    # whitespace as printed differs between renderings (a title re-flowed over other line breaks)
    return regex.sub(r"\s+", " ", str(v)).strip() if v is not None else ""


def records(tables: dict[str, list[dict[str, Any]]], table: str) -> collections.Counter:
    return collections.Counter(tuple(_value(r.get(f)) for f in KEYS[table]) for r in tables.get(table, []))


def agreement(text: dict[str, list[dict]], pdf: dict[str, list[dict]]) -> dict[str, Agreement]:
    """Per table that either side has records in."""
    out = {}
    for table in KEYS:
        a, b = records(text, table), records(pdf, table)
        if a or b:
            out[table] = Agreement(sum((a & b).values()), sum(a.values()), sum(b.values()))
    return out


def differences(text: dict, pdf: dict, table: str, n: int = 5) -> tuple[list, list]:
    """A few records only the text has, and a few only the PDF has."""
    a, b = records(text, table), records(pdf, table)
    return sorted(a - b, key=str)[:n], sorted(b - a, key=str)[:n]
