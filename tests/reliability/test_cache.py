"""Idempotent and incremental: the second run reuses cached results and gives identical tables."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import hdir_extract.pipeline as pipeline
from hdir_extract.models import TABLES
from hdir_extract.pipeline import run


def _tables(out: Path) -> dict[str, pl.DataFrame]:
    return {t: pl.read_parquet(out / f"{t}.parquet") for t in TABLES}


def test_second_run_is_identical_and_uses_the_cache(raw_copy: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    run(raw_copy, out, workers=1)
    first = _tables(out)
    assert list((out / ".cache").glob("*.json"))

    def must_not_extract(*args, **kwargs):
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(pipeline, "extract_file", must_not_extract)
    run(raw_copy, out, workers=1)
    for t, df in _tables(out).items():
        assert df.equals(first[t]), t


def test_renamed_file_reuses_cache_but_reports_the_new_name(raw_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(raw_copy, out, workers=1)
    (f,) = list(raw_copy.iterdir())
    f.rename(raw_copy / "omdoept.txt")
    _, tables = run(raw_copy, out, workers=1)
    assert [d["kilde_fil"] for d in tables["dokumenter"]] == ["omdoept.txt"]


def test_changed_parser_version_or_no_cache_re_extracts(raw_copy: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    run(raw_copy, out, workers=1)
    calls = []
    real = pipeline.extract_file

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_file", counting)
    run(raw_copy, out, workers=1, use_cache=False)
    assert len(calls) == 1
    monkeypatch.setattr(pipeline, "PARSER_VERSION", "other-version")
    run(raw_copy, out, workers=1)
    assert len(calls) == 2
