"""`make bench`: time a full cold extraction of a raw folder against the floor of merely reading the
same files and writing one Parquet file, and print the ratio. PDFs are also timed against bare
pdfplumber `extract_text()` (pages per second)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from hdir_extract.pipeline import collect, deduplicate, extract_files, list_inputs
from hdir_extract.writers.duckdb_db import write_duckdb
from hdir_extract.writers.parquet import write_parquet


def floor(paths: list[Path], out: Path) -> float:
    t = time.perf_counter()
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in paths]
    pl.DataFrame({"fil": [p.name for p in paths], "tekst": texts}).write_parquet(out / "floor.parquet")
    return time.perf_counter() - t


def full(paths: list[Path], out: Path) -> float:
    t = time.perf_counter()
    tables = collect(deduplicate(extract_files(paths, cache_dir=None)))
    write_parquet(tables, out)
    write_duckdb(out)
    return time.perf_counter() - t


def cached(paths: list[Path], out: Path) -> float:
    cache = out / ".cache"
    extract_files(paths, cache_dir=cache)
    t = time.perf_counter()
    tables = collect(deduplicate(extract_files(paths, cache_dir=cache)))
    write_parquet(tables, out)
    return time.perf_counter() - t


def bare_pdf(paths: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages, t = 0, time.perf_counter()
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages, time.perf_counter() - t


def main(raw: str = "data/raw") -> None:
    paths = list_inputs(Path(raw))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        f = floor(paths, out)
        x = full(paths, out)
        c = cached(paths, out)
    print(f"files: {len(paths)} in {raw}")
    print(f"floor (read + one Parquet):  {f:8.3f} s")
    print(f"full cold extraction:        {x:8.3f} s   ratio {x / f:8.1f}x the floor")
    print(f"second run (cache):          {c:8.3f} s   ({c / max(len(paths), 1):.3f} s per document)")
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    if not pdfs:  # the corpus is text; the PDF path is timed on the test fixtures (real and typeset PDFs)
        pdfs = sorted((Path(__file__).resolve().parents[1] / "tests" / "fixtures").glob("*.pdf"))
    if pdfs:
        t = time.perf_counter()
        extract_files(pdfs, cache_dir=None)  # cold, default settings (a process per core)
        ours = time.perf_counter() - t
        n, bare = bare_pdf(pdfs)
        print(
            f"PDF: {n} pages; pipeline {n / ours:7.1f} pages/s, bare extract_text() {n / bare:7.1f} pages/s, "
            f"ratio {ours / bare:.2f}"
        )


if __name__ == "__main__":
    main(*sys.argv[1:2])
