"""The analyst's side: a self-describing database, views, explain and query."""

from __future__ import annotations

import json

import duckdb
from typer.testing import CliRunner

from hdir_extract.cli import app
from hdir_extract.models import TABLES
from hdir_extract.writers.datapackage import datapackage

VIEWS = ["v_budsjettlinje", "v_oppdrag_historikk", "v_anmodningsvedtak_status", "v_kontroller_feilet"]


def test_every_column_has_a_comment(corpus_tables):
    con = duckdb.connect(str(corpus_tables["_dir"] / "hdir.duckdb"), read_only=True)
    missing = con.execute(
        "select table_name, column_name from duckdb_columns() where comment is null and not internal "
        "and table_name not like 'v\\_%' escape '\\'"
    ).fetchall()
    assert missing == []
    tables = dict(con.execute("select table_name, comment from duckdb_tables()").fetchall())
    assert set(TABLES) <= set(tables) and all(tables[t] for t in TABLES)


def test_views_exist_and_run(corpus_tables):
    con = duckdb.connect(str(corpus_tables["_dir"] / "hdir.duckdb"), read_only=True)
    for view in VIEWS:
        con.execute(f"select * from {view} limit 1").fetchall()


def test_datapackage_describes_every_table(corpus_rows):
    pkg = datapackage(corpus_rows)
    names = [r["name"] for r in pkg["resources"]]
    assert names == list(TABLES)
    oppdrag = next(r for r in pkg["resources"] if r["name"] == "oppdrag")
    fields = {f["name"]: f for f in oppdrag["schema"]["fields"]}
    assert fields["frister"]["type"] == "array" and fields["linje"]["type"] == "integer"
    assert oppdrag["schema"]["foreignKeys"][0]["reference"]["resource"] == "dokumenter"
    assert len(pkg["sources"]) == 5
    json.dumps(pkg)


def test_explain_and_query_cli(corpus_tables):
    out = str(corpus_tables["_dir"])
    runner = CliRunner()
    sql = "select dokumenttype, aar from dokumenter order by 1, 2"
    res = runner.invoke(app, ["query", sql, "--format", "csv", "--out", out])
    assert res.exit_code == 0
    assert res.output.splitlines()[:3] == ["dokumenttype,aar", "aarsrapport,2023", "meld_st,2024"]
    res = runner.invoke(app, ["query", "select count(*) as n from linjer", "--format", "json", "--out", out])
    assert json.loads(res.output)[0]["n"] > 40000
    bad = runner.invoke(app, ["query", "select * from nope", "--out", out])
    assert bad.exit_code == 1 and "nope" in bad.output
    unknown = runner.invoke(app, ["explain", "nosuchtable", "x", "--out", out])
    assert unknown.exit_code == 2
