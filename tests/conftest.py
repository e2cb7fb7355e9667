"""Shared fixtures: the real corpus in data/raw, extracted once per test session (no earlier
`make extract` needed), and single classified documents for extractor tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from hdir_extract.document import Document
from hdir_extract.models import TABLES
from hdir_extract.pipeline import classified, collect, deduplicate, extract_files, list_inputs
from hdir_extract.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_document(path: Path) -> Document:
    doc = read_document(path.name, path.read_bytes())
    return classified(doc)[0]


@pytest.fixture(scope="session")
def corpus_docs() -> dict[tuple[str, int | None], Document]:
    """Every corpus document by (dokumenttype, aar), e.g. ("tildelingsbrev", 2023)."""
    docs = {}
    for path in list_inputs(RAW):
        doc = load_document(path)
        docs[(doc.dokumenttype, doc.aar)] = doc
    return docs


@pytest.fixture(scope="session")
def corpus_rows() -> dict[str, list[dict[str, Any]]]:
    """The whole pipeline over data/raw (no cache): rows per table, as written to Parquet."""
    results = deduplicate(extract_files(list_inputs(RAW), workers=2, cache_dir=None))
    return collect(results)


@pytest.fixture(scope="session")
def corpus_tables(corpus_rows, tmp_path_factory) -> dict[str, pl.DataFrame]:
    """The Parquet tables of a full run, read back with polars."""
    from hdir_extract.writers.duckdb_db import write_duckdb
    from hdir_extract.writers.parquet import write_parquet

    out = tmp_path_factory.mktemp("processed")
    write_parquet(corpus_rows, out)
    write_duckdb(out)
    tables = {name: pl.read_parquet(out / f"{name}.parquet") for name in TABLES}
    tables["_dir"] = out  # type: ignore[assignment]
    return tables


def dok_id_of(corpus_rows: dict[str, list[dict[str, Any]]], dokumenttype: str, aar: int) -> str:
    return next(
        d["dok_id"]
        for d in corpus_rows["dokumenter"]
        if d["dokumenttype"] == dokumenttype and d["aar"] == aar
    )
