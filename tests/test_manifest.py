"""data/raw holds the corpus byte-identical to its manifest."""

from __future__ import annotations

import csv
import hashlib

from tests.conftest import RAW


def test_manifest_matches_files():
    rows = list(csv.DictReader((RAW / "MANIFEST.csv").open(encoding="utf-8")))
    assert len(rows) == 5
    for row in rows:
        data = (RAW / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]
