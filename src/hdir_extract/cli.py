"""Command line: a thin layer over the library (`pipeline`, `writers`, `schema`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hdir_extract.models import TABLES
from hdir_extract.pipeline import FileResult, collect, deduplicate, extract_files, list_inputs
from hdir_extract.sources import Limits

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Extract records from Helsedirektoratet's documents."
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

RawDir = Annotated[Path, typer.Argument(help="Folder with the raw documents (.txt, .pdf).")]
OutDir = Annotated[Path, typer.Option("--out", help="Output folder for Parquet files and hdir.duckdb.")]


def _print_messages(res: FileResult) -> None:
    for severity, text in res.messages:
        label = "[red]error[/red]" if severity == "feil" else "[yellow]warning[/yellow]"
        err.print(f"{label}: {text}", markup=True, soft_wrap=True)


@app.command()
def extract(
    raw_dir: RawDir = Path("data/raw"),
    out_dir: OutDir = Path("data/processed"),
    workers: Annotated[int, typer.Option(help="Parallel processes (default: number of cores).")] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Re-extract every document.")] = False,
    max_mb: Annotated[float, typer.Option(help="Refuse files larger than this (MB).")] = 200.0,
    max_pages: Annotated[int, typer.Option(help="Refuse PDFs with more pages than this.")] = 3000,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Extract every document in RAW_DIR into Parquet tables and a DuckDB database."""
    from hdir_extract.writers.datapackage import write_extras
    from hdir_extract.writers.duckdb_db import write_duckdb
    from hdir_extract.writers.parquet import write_parquet

    if not raw_dir.is_dir():
        err.print(f"error: {raw_dir}: not a folder")
        raise typer.Exit(2)
    paths = list_inputs(raw_dir)
    limits = Limits(max_bytes=int(max_mb * 1024 * 1024), max_pages=max_pages)
    cache_dir = None if no_cache else out_dir / ".cache"
    n_workers = workers or (os.cpu_count() or 1)
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("extracting", total=len(paths))

            def tick(res: FileResult) -> None:
                bar.advance(task)
                bar.console.print(f"  {res.fil}", highlight=False)

            results = extract_files(paths, limits, n_workers, cache_dir, debug, progress=tick)
    else:
        results = extract_files(
            paths,
            limits,
            n_workers,
            cache_dir,
            debug,
            progress=lambda r: print(f"extracted {r.fil}", file=sys.stderr),
        )
    results = deduplicate(results)
    for res in results:
        _print_messages(res)
    tables = collect(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_parquet(tables, out_dir)
    write_duckdb(out_dir)
    write_extras(tables, out_dir)
    failed_checks = sum(1 for k in tables["kontroller"] if not k["ok"])
    counts = ", ".join(f"{t} {len(rows)}" for t, rows in tables.items() if t not in ("feil",))
    err.print(f"{len(paths)} files -> {out_dir}: {counts}; failed checks {failed_checks}")
    if any(r.failed for r in results):
        raise typer.Exit(1)


@app.command()
def validate(out_dir: OutDir = Path("data/processed")) -> None:
    """List the failed cross-checks (kontroller) of the last extraction."""
    import polars as pl

    path = out_dir / "kontroller.parquet"
    if not path.exists():
        err.print(f"error: {path} is missing: run `hdir-extract extract` first")
        raise typer.Exit(2)
    df = pl.read_parquet(path)
    failed = df.filter(~pl.col("ok"))
    for row in failed.iter_rows(named=True):
        out.print(
            f"{row['dok_id']}:{row['linje']}: {row['kontroll']} {row['nokkel']}: "
            f"printed {row['forventet']}, computed {row['beregnet']} — {row['melding']}",
            soft_wrap=True,
        )
    out.print(f"{len(df)} checks, {len(failed)} failed")


@app.command()
def schema(
    check: Annotated[bool, typer.Option("--check", help="Fail if schemas/ differs from the models.")] = False,
) -> None:
    """Write schemas/<table>.schema.json from the pydantic models (or check them)."""
    from hdir_extract.schema import (
        README,
        drifted,
        readme_with_dictionary,
        write_readme_dictionary,
        write_schemas,
    )

    if check:
        bad = drifted()
        if readme_with_dictionary(README.read_text(encoding="utf-8")) != README.read_text(encoding="utf-8"):
            bad.append("README data dictionary")
        if bad:
            err.print(f"schemas differ from the models: {', '.join(bad)} (run `make schemas`)")
            raise typer.Exit(1)
        out.print(f"{len(TABLES)} schemas match the models")
        return
    for path in write_schemas():
        out.print(f"wrote {path}")
    write_readme_dictionary()
    out.print(f"updated the data dictionary in {README}")


@app.command()
def info(out_dir: OutDir = Path("data/processed")) -> None:
    """Documents and row counts per table of the last extraction."""
    import polars as pl

    docs_path = out_dir / "dokumenter.parquet"
    if not docs_path.exists():
        err.print(f"error: {docs_path} is missing: run `hdir-extract extract` first")
        raise typer.Exit(2)
    docs = pl.read_parquet(docs_path)
    for d in docs.iter_rows(named=True):
        out.print(f"{d['dok_id']:<36} {d['dokumenttype']:<15} {d['aar']}  {d['kilde_fil']}")
    for table in TABLES:
        path = out_dir / f"{table}.parquet"
        n = pl.read_parquet(path).height if path.exists() else 0
        out.print(f"{table:<18} {n:>7}")


@app.command()
def text(file: Annotated[Path, typer.Argument(help="A raw document.")]) -> None:
    """Print a document's normalised text with line (and page) numbers, the lines `linje` refers to."""
    from hdir_extract.sources import SourceError, read_document

    try:
        doc = read_document(file.name, file.read_bytes())
    except (SourceError, OSError) as e:
        err.print(f"error: {file}: {e}")
        raise typer.Exit(1) from e
    for ln in doc.lines:
        page = f"{ln.page:>4} " if ln.page is not None else ""
        print(f"{page}{ln.no:>6}  {ln.text}")


if __name__ == "__main__":  # pragma: no cover
    app()
