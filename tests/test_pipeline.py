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


def test_supplementary_letter_alone_expects_no_indicators_but_a_main_letter_does():
    """Goals and indicators are the main letter's: a file holding only supplementary letter nr. 2 gives
    none without a warning; the main letter cut off before its goals still warns."""
    from tests.pdf_factory import SHARED, shared

    from hdir_extract.pipeline import extract_bytes

    nr2 = shared(SHARED.parent / "real" / "supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md")
    res = extract_bytes(nr2.name, nr2.read_bytes())
    assert res.tables["brev"][0]["tillegg_nr"] == 2
    assert not [m for _, m in res.messages if "indikatorer" in m]
    # a main letter in the file and no indicators found: the analyst is warned
    from hdir_extract.extractors import EXTRACTORS
    from hdir_extract.models import Brev
    from hdir_extract.pipeline import _missing

    spec = next(e for e in EXTRACTORS if e.name == "indikatorer")

    def letter(kind: str) -> Brev:
        return Brev(
            dok_id="d",
            brev_nr=1,
            brevtype=kind,
            dato=None,
            var_ref=None,
            emne=None,
            linje_start=1,
            linje_slutt=2,
        )

    assert _missing(spec, "tildelingsbrev", [], [letter("tildelingsbrev"), letter("tillegg")])
    assert not _missing(spec, "tildelingsbrev", [], [letter("tillegg")])
