"""One Parquet file per table, each replaced atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hdir_extract.models import TABLES
from hdir_extract.writers.atomic import atomic_path
from hdir_extract.writers.frames import frame


def write_parquet(tables: dict[str, list[dict[str, Any]]], out_dir: Path) -> list[Path]:
    written = []
    for name, model in TABLES.items():
        target = out_dir / f"{name}.parquet"
        df = frame(model, tables.get(name, []))
        with atomic_path(target) as tmp:
            df.write_parquet(tmp)
        written.append(target)
    return written
