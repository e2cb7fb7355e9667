"""Extra files next to the tables (the Frictionless datapackage.json comes with the analyst issue)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_extras(tables: dict[str, list[dict[str, Any]]], out_dir: Path) -> None:
    """Nothing yet."""
    return None
