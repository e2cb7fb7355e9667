"""Prop. 1 S: kapittel tables "(i 1 000 kr)", the "Forslag til vedtak" section and its fullmakt tables.

The document's blocks are read once as printed rows of cells (`prop_rows`); the resolution is read
first (`prop_vedtak`), since its amounts place the forslag column of the kapittel tables
(`prop_kapittel`, `prop_columns`), and every proposed post is then checked against that column.
Every printed "Sum kap." becomes a `sum_kapittel` check; totals never become rows.
"""

from __future__ import annotations

from hdir_extract.extractors.bevilgninger.common import Ctx, kroner, value_of
from hdir_extract.extractors.bevilgninger.prop_columns import assign_columns, drop_change_cells
from hdir_extract.extractors.bevilgninger.prop_kapittel import KapittelTable, read_kapittel_tables
from hdir_extract.extractors.bevilgninger.prop_rows import printed_rows
from hdir_extract.extractors.bevilgninger.prop_vedtak import (
    Vedtak,
    extract_fullmakter,
    extract_vedtak,
    vedtak_checks,
)
from hdir_extract.parsing.text import join_lines

#: a decimal comma in a thousand-kroner table means millions ("3 624,4" = 3 624,4 mill. kroner)
DECIMAL_IS_MILLIONS = 1000


def to_kroner(raw: str, value: float, unit: int) -> int:
    if unit == DECIMAL_IS_MILLIONS and "," in raw:
        return kroner(value, 1_000_000)
    return kroner(value, unit)


def _unit_label(unit: int) -> str:
    return {1000: " (i 1 000 kr)", 1_000_000: " (mill. kr)"}.get(unit, "")


def _required(table: KapittelTable, vedtak: Vedtak) -> list[dict[int, float | None] | None]:
    """Per post row: {forslag column: the proposed amount in the table's unit} when the resolution
    proposes this kapittel for the forslag column's year (None: the post is not proposed)."""
    f_col = next((i for i, (kind, _y) in enumerate(table.cols) if kind == "forslag"), None)
    if f_col is None:
        return [None] * len(table.rows)
    year = table.cols[f_col][1]
    proposed = {k for (k, _p), (_b, aar, _l) in vedtak.items() if aar == year}
    out: list[dict[int, float | None] | None] = []
    for r in table.rows:
        req = None
        if table.kap in proposed and r.post is not None:
            hit = vedtak.get((table.kap, r.post))
            req = {f_col: hit[0] / table.unit if hit and hit[1] == year else None}
        out.append(req)
    return out


def emit_table(ctx: Ctx, table: KapittelTable, vedtak: Vedtak, forslag: dict[tuple[int, int], int]) -> None:
    """The rows of one kapittel table, its columns placed by `assign_columns`, and its sum checks."""
    n = len(table.cols)
    if table.change_column:
        drop_change_cells([*table.rows, table.total], n)
    readings, total_reading, _ok = assign_columns(table.rows, table.total, n, _required(table, vedtak))
    kap = table.kap
    kilde = f"Kap. {kap}{' ' + table.navn if table.navn else ''}{_unit_label(table.unit)}"
    sums = [0] * n
    for r, rd in zip(table.rows, readings, strict=True):
        postnavn = join_lines(r.name_lines) or None
        for (raw, linje), c in zip(rd.raws, rd.cols, strict=False):
            v = value_of(raw)
            if v is None:
                continue
            kind, year = table.cols[c]
            belop = to_kroner(raw, v, table.unit)
            sums[c] += belop
            ctx.add(
                kapittel=kap,
                kapittelnavn=table.navn,
                post=r.post,
                postnavn=postnavn,
                belopstype=kind,
                aar=year,
                belop_nok=belop,
                kilde=kilde,
                raw=raw,
                linje=linje,
            )
            if kind == "forslag" and r.post is not None:
                forslag[(kap, r.post)] = belop
    for (raw, linje), c in zip(total_reading.raws, total_reading.cols, strict=False):
        kind, year = table.cols[c]
        ctx.check(
            "sum_kapittel",
            f"kap {kap} {kind} {year}",
            to_kroner(raw, value_of(raw) or 0, table.unit),
            sums[c],
            linje,
            f"Sum kap. {kap} {kind} {year}",
        )


def extract_prop(ctx: Ctx) -> None:
    rows = printed_rows(ctx.doc)
    # the resolution first: its amounts place the forslag column of the kapittel tables
    vedtak = extract_vedtak(ctx, rows)
    forslag: dict[tuple[int, int], int] = {}
    for table in read_kapittel_tables(rows, ctx.doc.aar):
        emit_table(ctx, table, vedtak, forslag)
    vedtak_checks(ctx, vedtak, forslag)
    extract_fullmakter(ctx, rows)
