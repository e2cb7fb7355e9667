"""Command line: a thin layer over the library (`pipeline`, `writers`, `schema`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hdir_extract.models import TABLES
from hdir_extract.pipeline import FileResult, list_inputs, run
from hdir_extract.readers import Limits

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Extract records from Helsedirektoratet's documents."
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

RawDir = Annotated[Path, typer.Argument(help="Folder with the raw documents (.txt, .md, .docx, .pdf).")]
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
    if not raw_dir.is_dir():
        err.print(f"error: {raw_dir}: not a folder")
        raise typer.Exit(2)
    limits = Limits(max_bytes=int(max_mb * 1024 * 1024), max_pages=max_pages)
    n_workers = workers or (os.cpu_count() or 1)
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("extracting", total=len(list_inputs(raw_dir)))
            results, tables = run(
                raw_dir,
                out_dir,
                limits,
                n_workers,
                not no_cache,
                debug,
                progress=lambda res: bar.advance(task),
            )
    else:
        results, tables = run(
            raw_dir,
            out_dir,
            limits,
            n_workers,
            not no_cache,
            debug,
            progress=lambda r: print(f"extracted {r.fil}", file=sys.stderr),
        )
    for res in results:
        _print_messages(res)
    failed_checks = sum(1 for k in tables["kontroller"] if not k["ok"])
    counts = ", ".join(f"{t} {len(rows)}" for t, rows in tables.items() if t not in ("feil", "linjer"))
    err.print(f"{len(results)} files -> {out_dir}: {counts}; failed checks {failed_checks}", soft_wrap=True)
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
def explain(
    table: Annotated[str, typer.Argument(help="Table, e.g. oppdrag, bevilgninger.")],
    keys: Annotated[
        list[str] | None, typer.Argument(help="Key values, e.g. TB2026-14, or 740 01 2025.")
    ] = None,
    out_dir: OutDir = Path("data/processed"),
) -> None:
    """Show the record(s) with that key and the source lines they cite (two lines of context)."""
    import duckdb

    from hdir_extract.explain import EXPLAIN_KEYS
    from hdir_extract.explain import explain as run_explain

    con = _connect(out_dir)
    try:
        found = run_explain(con, table, keys or [])
    except (KeyError, ValueError) as e:
        err.print(f"error: {e.args[0] if e.args else e}")
        raise typer.Exit(2) from e
    except duckdb.Error as e:
        err.print(f"error: {e}")
        raise typer.Exit(1) from e
    if not found:
        err.print(f"no {table} record with {' '.join(keys or [])} (keys: {', '.join(EXPLAIN_KEYS[table])})")
        raise typer.Exit(1)
    for item in found:
        fields = {k: v for k, v in item.record.items() if v not in (None, [], "")}
        out.print(
            "[bold]" + table + "[/bold] " + ", ".join(f"{k}={v}" for k, v in fields.items()), soft_wrap=True
        )
        if item.lines:
            out.print(
                f"  source: {item.kilde_fil}" + (f", page {item.lines[0][1]}" if item.lines[0][1] else "")
            )
        for n, _side, text_, cited in item.lines:
            out.print(f"  {'>' if cited else ' '} {n:>6}  {text_}", markup=False, soft_wrap=True)
        out.print()


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the tables and views of hdir.duckdb.")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    out_dir: OutDir = Path("data/processed"),
) -> None:
    """Run SQL against data/processed/hdir.duckdb (read-only) and print the result."""
    import duckdb

    if fmt not in ("table", "csv", "json"):
        err.print("error: --format must be table, csv or json")
        raise typer.Exit(2)
    con = _connect(out_dir)
    try:
        rel = con.execute(sql)
        names = [d[0] for d in rel.description or []]
        rows = rel.fetchall()
    except duckdb.Error as e:
        err.print(f"error: {e}")
        raise typer.Exit(1) from e
    import polars as pl

    # built from plain rows: duckdb's own .pl() would need pyarrow
    df = pl.DataFrame(
        [dict(zip(names, r, strict=True)) for r in rows],
        schema=names,
        orient="row",
        strict=False,
        infer_schema_length=None,
    )
    if fmt == "csv":
        # CSV has no lists: list columns (frister, refererer, …) are written as "a; b"
        lists = [c for c, t in df.schema.items() if isinstance(t, pl.List)]
        df = df.with_columns(pl.col(c).cast(pl.List(pl.Utf8)).list.join("; ") for c in lists)
        sys.stdout.write(df.write_csv())
    elif fmt == "json":
        sys.stdout.write(df.write_json() + "\n")
    else:
        with pl.Config(tbl_rows=200, tbl_cols=30, fmt_str_lengths=60, tbl_width_chars=200):
            print(df)


def _connect(out_dir: Path):  # -> duckdb.DuckDBPyConnection
    import duckdb

    from hdir_extract.writers.duckdb_db import DB_NAME

    path = out_dir / DB_NAME
    if not path.exists():
        err.print(f"error: {path} is missing: run `make extract` first")
        raise typer.Exit(2)
    return duckdb.connect(str(path), read_only=True)


@app.command()
def text(file: Annotated[Path, typer.Argument(help="A raw document.")]) -> None:
    """Print a document's normalised text with line (and page) numbers, the lines `linje` refers to."""
    from hdir_extract.readers import SourceError, read_document

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
