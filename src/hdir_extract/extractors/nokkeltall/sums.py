"""A key-figure table's total rows checked against the rows above them."""

from __future__ import annotations

import regex

from hdir_extract.document import Document
from hdir_extract.models import Kontroll, Nokkeltall, Record

_ROUNDED_UNITS = frozenset({"mill. kroner", "mrd. kroner", "tusen kroner", "prosent", "årsverk"})
_SUM_LABEL = regex.compile(r"^\s*(?:sum|totalt?|i alt)\b", regex.IGNORECASE)


def sum_checks(doc: Document, kilde: str, values: list[Nokkeltall]) -> list[Record]:
    """A total row ("Sum", "Totalt", "I alt") must equal the rows above it (back to the previous
    total) column by column. Checked only where all those rows share the total's unit, so a key
    figure table mixing årsverk, kroner and prosent is not summed."""
    out: list[Record] = []
    rows: dict[int, list[Nokkeltall]] = {}
    for v in values:
        rows.setdefault(v.linje, []).append(v)
    block: list[list[Nokkeltall]] = []
    for linje in sorted(rows):
        cells = rows[linje]
        label = cells[0].indikator or ""
        if not _SUM_LABEL.match(label):
            block.append(cells)
            continue
        units = {c.enhet for r in block for c in r} | {c.enhet for c in cells}
        if len(block) >= 2 and len(units) == 1:
            out.extend(_column_checks(doc, kilde, linje, label, block, cells))
        block = []
    return out


def _column_checks(
    doc: Document, kilde: str, linje: int, label: str, block: list[list[Nokkeltall]], cells: list[Nokkeltall]
) -> list[Record]:
    out: list[Record] = []
    for c in cells:
        col = [x.verdi for r in block for x in r if (x.aar, x.kolonne) == (c.aar, c.kolonne)]
        if not col or c.verdi is None or any(x is None for x in col):
            continue
        total = sum(x for x in col if x is not None)
        # amounts in millions, shares and årsverk are printed rounded: allow half a unit per summed
        # row; counts must add up exactly
        rounded = c.enhet in _ROUNDED_UNITS or any(x % 1 for x in col if x is not None)
        ok = abs(total - c.verdi) <= (0.5 * len(col) if rounded else 0) + 1e-9
        out.append(
            Kontroll(
                dok_id=doc.dok_id,
                linje=linje,
                kontroll="tabell_sum",
                nokkel=f"{kilde} {label} {c.kolonne or c.aar or ''}".strip(),
                forventet=c.raw,
                beregnet=f"{total:g}",
                avvik=total - c.verdi,
                ok=ok,
                melding=None if ok else "Summen av radene over stemmer ikke med sumraden.",
            )
        )
    return out
