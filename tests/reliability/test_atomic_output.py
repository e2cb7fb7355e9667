"""Atomic output: a killed run leaves the previous complete output; readers keep working."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
from tests.conftest import RAW

from hdir_extract.pipeline import run

CLI = [sys.executable, "-m", "hdir_extract.cli"]


def consistent(out: Path) -> int:
    """Every file belongs to one run: run.json's row counts equal every Parquet file's and the database's."""
    meta = json.loads((out / "run.json").read_text())
    for table, n in meta["rows"].items():
        assert pl.read_parquet(out / f"{table}.parquet").height == n, table
    con = duckdb.connect(str(out / "hdir.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from dokumenter").fetchone()[0] == meta["rows"]["dokumenter"]
    finally:
        con.close()
    return meta["rows"]["dokumenter"]


def test_killed_run_leaves_previous_output_intact(tmp_path: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(RAW / "tildelingsbrev-2023-helsedirektoratet.txt", raw / "a.txt")
    subprocess.run([*CLI, "extract", str(raw), "--out", str(out), "--workers", "1"], check=True,
                   capture_output=True)  # fmt: skip
    assert consistent(out) == 1
    for f in RAW.glob("*.txt"):
        shutil.copy(f, raw / f.name)
    outcomes = set()
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0):
        cmd = [*CLI, "extract", str(raw), "--out", str(out), "--workers", "1", "--no-cache"]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        outcomes.add(consistent(out))  # old (1 document) or new (5: a.txt is a duplicate), never a mix
        assert not list(out.glob(".*.tmp")), "a temporary file was left next to the output"
    assert outcomes <= {1, 5}
    subprocess.run(
        [*CLI, "extract", str(raw), "--out", str(out), "--workers", "1"], check=True, capture_output=True
    )
    assert consistent(out) == 5
    assert not list(out.glob(".staging-*"))


def test_read_only_reader_survives_a_run_and_sees_new_data_after_reconnect(raw_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(raw_copy, out, workers=1)
    reader = duckdb.connect(str(out / "hdir.duckdb"), read_only=True)
    assert reader.execute("select count(*) from dokumenter").fetchone()[0] == 1
    shutil.copy(RAW / "tildelingsbrev-2026-helsedirektoratet.txt", raw_copy / "b.txt")
    run(raw_copy, out, workers=1)
    assert reader.execute("select count(*) from dokumenter").fetchone()[0] == 1  # still the old snapshot
    reader.close()
    reader = duckdb.connect(str(out / "hdir.duckdb"), read_only=True)
    assert reader.execute("select count(*) from dokumenter").fetchone()[0] == 2
    reader.close()
