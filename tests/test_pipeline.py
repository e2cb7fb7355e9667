"""End to end over the real corpus: every table written, the DuckDB database, determinism."""

from __future__ import annotations

import duckdb
from tests.conftest import RAW

from hdir_extract.models import TABLES
from hdir_extract.pipeline import collect, deduplicate, extract_files, list_inputs


def test_five_documents_with_type_and_year(corpus_tables):
    docs = corpus_tables["dokumenter"].sort("dok_id")
    assert docs.height == 5
    assert sorted(zip(docs["dokumenttype"], docs["aar"], strict=True)) == [
        ("aarsrapport", 2023),
        ("meld_st", 2024),
        ("prop_1_s", 2025),
        ("tildelingsbrev", 2023),
        ("tildelingsbrev", 2026),
    ]
    assert all(len(s) == 64 for s in docs["sha256"])
    assert set(docs["format"]) == {"txt"}


def test_duckdb_has_every_table_with_comments(corpus_tables):
    con = duckdb.connect(str(corpus_tables["_dir"] / "hdir.duckdb"), read_only=True)
    names = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert set(TABLES) <= names
    n = con.execute("select count(*) from dokumenter").fetchone()[0]
    assert n == 5
    comment = con.execute(
        "select comment from duckdb_columns() where table_name='bevilgninger' and column_name='belop_nok'"
    ).fetchone()[0]
    assert "kroner" in comment


def test_output_is_deterministic(corpus_rows):
    again = collect(deduplicate(extract_files(list_inputs(RAW), workers=1)))
    assert again == corpus_rows


def test_grounding_summary_per_document(corpus_rows):
    summaries = [k for k in corpus_rows["kontroller"] if k["kontroll"] == "forankring" and k["linje"] is None]
    assert len(summaries) == 5
