"""Grounding ('forankring'): every record's key value must be printed on the line it cites.

For each record with a `grounding_text()`, the cited line (and, for values wrapped over a line break,
the next line) is compared after the documented normalisation: whitespace removed, dashes unified,
case folded. A record whose value is not there becomes a failed `kontroller` row; the record is kept,
so nothing is silently dropped or silently trusted.
"""

from __future__ import annotations

import regex

from hdir_extract.document import Document
from hdir_extract.models import Kontroll, Record

_SPACE = regex.compile(r"\s+")
_DASH = regex.compile(r"[\u2010-\u2015\u2212]")


def compact(text: str) -> str:
    return _DASH.sub("-", _SPACE.sub("", text)).casefold()


def check_grounding(doc: Document, records: list[Record]) -> list[Kontroll]:
    failures: list[Kontroll] = []
    checked = 0
    for rec in records:
        value = rec.grounding_text()
        if not value or rec.linje is None:
            continue
        checked += 1
        window = compact(doc.text(rec.linje) + doc.text(rec.linje + 1))
        if compact(value) in window:
            continue
        failures.append(
            Kontroll(
                dok_id=doc.dok_id,
                linje=rec.linje,
                side=rec.side,
                kontroll="forankring",
                nokkel=f"{rec.table} {value}",
                forventet=value,
                beregnet=doc.text(rec.linje).strip()[:200],
                ok=False,
                melding=f"{rec.table}: the value {value!r} is not printed on line {rec.linje}.",
            )
        )
    summary = Kontroll(
        dok_id=doc.dok_id,
        linje=None,
        side=None,
        kontroll="forankring",
        nokkel=f"{doc.dok_id} alle",
        forventet=str(checked),
        beregnet=str(checked - len(failures)),
        avvik=float(len(failures)),
        ok=not failures,
        melding=f"{checked - len(failures)} of {checked} records found on their cited line.",
    )
    return [summary, *failures]
