"""The analysis notebook runs headlessly against a fresh extraction, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "utforsk.ipynb"


def test_notebook_executes(corpus_tables, monkeypatch):
    db = corpus_tables["_dir"] / "hdir.duckdb"
    monkeypatch.setenv("HDIR_DB", str(db))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert (db.parent / "oppdrag_per_avdeling.png").exists()
