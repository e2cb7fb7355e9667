"""hdir_extract: Helsedirektoratet's governance documents -> validated records -> Parquet and DuckDB."""

from __future__ import annotations

import hashlib
from pathlib import Path

__version__ = "0.1.0"


def _parser_version() -> str:
    """A digest of this package's source: any code change invalidates the per-document cache."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.relative_to(Path(__file__).parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = _parser_version()
