"""Write a whole run's output: every Parquet file, the DuckDB database and the datapackage.

Everything is first written into a staging folder inside the output folder; only when all files are
complete are they renamed into place (each rename is atomic, and the renames follow each other within
microseconds). A run killed while extracting or writing therefore leaves the previous complete output
untouched. `run.json`, renamed last, records which run the files belong to.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hdir_extract import PARSER_VERSION
from hdir_extract.writers.datapackage import write_datapackage
from hdir_extract.writers.duckdb_db import DB_NAME, write_duckdb
from hdir_extract.writers.parquet import write_parquet

Rows = dict[str, list[dict[str, Any]]]


def write_outputs(tables: Rows, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(".staging-*"):  # left by a killed run
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        files = write_parquet(tables, staging)
        files.append(write_duckdb(staging))
        files.append(write_datapackage(tables, staging))
        run = {
            "parser_version": PARSER_VERSION,
            "files": sorted(p.name for p in files),
            "rows": {name: len(rows) for name, rows in tables.items()},
        }
        (staging / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
        files.append(staging / "run.json")
        final = []
        for f in files:
            target = out_dir / f.name
            os.replace(f, target)
            final.append(target)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


__all__ = ["DB_NAME", "write_outputs"]
