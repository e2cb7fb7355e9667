"""Cross-document checks of resolutions: the same (session, number) read from two documents.

Extractors see one document at a time, so this runs over the collected rows of all documents
(call it from `linking.link_tables`). Each document keeps its own reading; a disagreement (another
date, another text) becomes a failed `kontroller` row.
"""

from __future__ import annotations

import difflib
from typing import Any

from hdir_extract.models import Kontroll

Rows = dict[str, list[dict[str, Any]]]
#: texts count as the same resolution text above this similarity (spacing and hyphenation vary)
_SAME_TEXT = 0.95


def _norm(text: Any) -> str:
    return " ".join(str(text or "").replace("\u2013", "-").split()).lower()


def cross_document_checks(tables: Rows) -> list[dict[str, Any]]:
    """Failed `kontroller` rows (as dicts) for every pair of documents that disagree on a resolution."""
    by_key: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in tables.get("anmodningsvedtak", []):
        if row.get("sesjon") and row.get("vedtak_nr") is not None:
            by_key.setdefault((row["sesjon"], int(row["vedtak_nr"])), []).append(row)
    out: list[dict[str, Any]] = []
    for (sesjon, nr), rows in sorted(by_key.items()):
        rows = sorted(rows, key=lambda r: (str(r.get("dok_id")), r.get("linje") or 0))
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a.get("dok_id") == b.get("dok_id"):
                    continue
                out.extend(_compare(sesjon, nr, a, b))
    return out


def _compare(sesjon: str, nr: int, a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def fail(what: str, x: Any, y: Any, msg: str) -> None:
        found.append(
            Kontroll(
                dok_id=b.get("dok_id"),
                linje=b.get("linje"),
                side=b.get("side"),
                kontroll="dokument_mot_dokument",
                nokkel=f"vedtak {nr} ({sesjon}) {what}: {a.get('dok_id')} / {b.get('dok_id')}",
                forventet=None if x is None else str(x)[:300],
                beregnet=None if y is None else str(y)[:300],
                ok=False,
                melding=msg,
            ).model_dump(mode="json")
        )

    if a.get("dato") and b.get("dato") and str(a["dato"]) != str(b["dato"]):
        fail("dato", a["dato"], b["dato"], "Two documents give the resolution different dates.")
    ta, tb = _norm(a.get("vedtakstekst")), _norm(b.get("vedtakstekst"))
    if ta and tb and difflib.SequenceMatcher(None, ta, tb).ratio() < _SAME_TEXT:
        fail(
            "vedtakstekst",
            a.get("vedtakstekst"),
            b.get("vedtakstekst"),
            "Two documents quote different texts.",
        )
    return found
