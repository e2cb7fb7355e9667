"""The DuckDB database: one table per Parquet file (plus views), built in a temporary file and moved
into place, so a notebook holding a read-only connection keeps working during a run and sees the new
data after reconnecting."""

from __future__ import annotations

from pathlib import Path

import duckdb

from hdir_extract.models import TABLES
from hdir_extract.writers.atomic import atomic_path
from hdir_extract.writers.views import create_views

DB_NAME = "hdir.duckdb"


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_duckdb(out_dir: Path) -> Path:
    """Load every table's Parquet file in `out_dir` into `out_dir/hdir.duckdb` (tables are copied, so
    the database stands alone), with comments and views."""
    target = out_dir / DB_NAME
    with atomic_path(target) as tmp:
        con = duckdb.connect(str(tmp))
        try:
            # one transaction: ~150 statements (tables, comments) would otherwise each commit on its own
            con.execute("BEGIN TRANSACTION")
            for name, model in TABLES.items():
                parquet = (out_dir / f"{name}.parquet").resolve()
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet({_sql_str(str(parquet))})")
                doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else name
                con.execute(f"COMMENT ON TABLE {name} IS {_sql_str(doc)}")
                for col, field in model.model_fields.items():
                    if field.description:
                        con.execute(f"COMMENT ON COLUMN {name}.{col} IS {_sql_str(field.description)}")
            create_views(con)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return target
