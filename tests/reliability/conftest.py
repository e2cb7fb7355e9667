from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import RAW

SMALL = "tildelingsbrev-2023-helsedirektoratet.txt"


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A raw folder with one real corpus document (fast to extract)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / SMALL, raw / SMALL)
    return raw
