"""Record -> source: find records by their natural key and show the cited lines with context.

Works on the DuckDB database alone (the `linjer` table holds every document line), so an analyst can
follow any number back to the line it was read from without the raw files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from hdir_extract.parsing import IdError, normalise_id

# table -> the key columns `explain TABLE KEY...` takes, in order; "~" marks a text column matched
# case-insensitively as a substring.
EXPLAIN_KEYS: dict[str, tuple[str, ...]] = {
    "bevilgninger": ("kapittel", "post", "aar", "belopstype"),
    "oppdrag": ("oppdrag_id",),
    "anmodningsvedtak": ("vedtak_nr", "sesjon"),
    "referanser": ("ref_id", "type"),
    "nokkeltall": ("~indikator", "aar"),
    "indikatorer": ("~tekst",),
    "tiltak": ("~tekst",),
    "brev": ("dok_id", "brev_nr"),
    "kontroller": ("kontroll", "~nokkel"),
    "dokumenter": ("dok_id",),
    "feil": ("fil",),
    "sidemarg": ("dok_id", "side"),
}
CONTEXT = 2
MAX_RECORDS = 20


@dataclass
class Explained:
    record: dict[str, Any]
    kilde_fil: str | None
    lines: list[tuple[int, int | None, str, bool]]  # (linje, side, tekst, cited)


def _value(column: str, raw: str) -> Any:
    if column == "oppdrag_id":
        try:
            return normalise_id(raw)
        except IdError:
            return raw.upper()
    if column in ("kapittel", "post", "aar", "vedtak_nr", "brev_nr", "side"):
        return int(raw)
    return raw


def find(con: duckdb.DuckDBPyConnection, table: str, keys: list[str]) -> list[dict[str, Any]]:
    if table not in EXPLAIN_KEYS:
        raise KeyError(f"unknown table {table!r}; choose from {', '.join(EXPLAIN_KEYS)}")
    columns = EXPLAIN_KEYS[table]
    if len(keys) > len(columns):
        raise ValueError(
            f"{table} takes at most {len(columns)} key(s): {', '.join(c.lstrip('~') for c in columns)}"
        )
    where, params = [], []
    for col, raw in zip(columns, keys, strict=False):
        if col.startswith("~"):
            where.append(f"{col[1:]} ilike ?")
            params.append(f"%{raw}%")
        else:
            where.append(f"{col} = ?")
            params.append(_value(col, raw))
    sql = (
        f"select * from {table}"
        + (f" where {' and '.join(where)}" if where else "")
        + f" limit {MAX_RECORDS}"
    )
    rel = con.execute(sql, params)
    names = [d[0] for d in rel.description]
    return [dict(zip(names, row, strict=True)) for row in rel.fetchall()]


def explain(con: duckdb.DuckDBPyConnection, table: str, keys: list[str]) -> list[Explained]:
    out = []
    for rec in find(con, table, keys):
        dok_id, linje = rec.get("dok_id"), rec.get("linje")
        fil = con.execute("select kilde_fil from dokumenter where dok_id = ?", [dok_id]).fetchone()
        lines: list[tuple[int, int | None, str, bool]] = []
        if linje is not None:
            last = rec.get("linje_slutt") or linje
            last = min(last, linje + 15)  # long records: show the start
            rows = con.execute(
                "select linje, side, tekst from linjer"
                " where dok_id = ? and linje between ? and ? order by linje",
                [dok_id, linje - CONTEXT, last + CONTEXT],
            ).fetchall()
            lines = [(n, s, t, linje <= n <= last) for n, s, t in rows]
        out.append(Explained(rec, fil[0] if fil else None, lines))
    return out
