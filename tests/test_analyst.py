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


def _con(corpus_tables):
    return duckdb.connect(str(corpus_tables["_dir"] / "hdir.duckdb"), read_only=True)


def test_budget_chain_of_kapittel_740_post_01(corpus_tables):
    rows = (
        _con(corpus_tables)
        .execute(
            "select aar, prop_regnskap, prop_saldert_budsjett, prop_forslag, prop_forslag_vedtak, "
            "tb_tildeling, ar_samlet_tildeling, ar_regnskap from v_budsjettlinje "
            "where kapittel = 740 and post = 1 order by aar"
        )
        .fetchall()
    )
    by_year = {r[0]: r[1:] for r in rows}
    # 2023: the Prop. 1 S accounts, the letter's allocation and the agency's own accounts side by side
    assert by_year[2023] == (1396688000, None, None, None, 1305832000, 1371030000, 1333983405)
    assert by_year[2024][1] == 1538891000
    assert by_year[2025][2:4] == (1591294000, 1591294000)
    assert by_year[2026][4] == 1556792000


def test_oppdrag_history_joins_definitions_and_mentions(corpus_tables):
    con = _con(corpus_tables)
    given = con.execute(
        "select distinct gitt_i, brev_nr from v_oppdrag_historikk where oppdrag_id = 'TB2023-14'"
    ).fetchall()
    assert len(given) == 1 and given[0][0].startswith("tildelingsbrev-2023")
    mentions = con.execute(
        "select count(*) from v_oppdrag_historikk where oppdrag_id = 'TB2023-14'"
    ).fetchone()[0]
    assert mentions >= 3
    # an assignment only mentioned (defined in a letter that is not in the corpus) is listed too
    only_mentioned = con.execute(
        "select count(*) from v_oppdrag_historikk where gitt_i is null and oppdrag_id = 'TB2024-28'"
    ).fetchone()[0]
    assert only_mentioned >= 1


def test_resolution_status(corpus_tables):
    con = _con(corpus_tables)
    row = con.execute(
        "select status, rapportering_avsluttes, antall_omtaler from v_anmodningsvedtak_status "
        "where sesjon = '2020-2021' and vedtak_nr = 646"
    ).fetchone()
    assert row[0] == "avsluttet" and row[1] is True and row[2] >= 2
    open_n = con.execute(
        "select count(*) from v_anmodningsvedtak_status where status = 'under arbeid'"
    ).fetchone()[0]
    assert open_n > 30


def test_failed_checks_view_shows_the_source_line(corpus_tables):
    rows = (
        _con(corpus_tables)
        .execute("select kontroll, kildelinje from v_kontroller_feilet where kontroll = 'ugyldig_dato'")
        .fetchall()
    )
    assert rows and all("31.6.2026" in (line or "") for _, line in rows)


def test_explain_prints_record_and_source_lines(corpus_tables):
    out = str(corpus_tables["_dir"])
    runner = CliRunner()
    res = runner.invoke(app, ["explain", "oppdrag", "TB2026-14", "--out", out])
    assert res.exit_code == 0, res.output
    assert "oppdrag_id=TB2026-14" in res.output and "tildelingsbrev-2026-helsedirektoratet.txt" in res.output
    assert any(line.lstrip().startswith(">") and "TB2026" in line for line in res.output.splitlines())
    res = runner.invoke(app, ["explain", "bevilgninger", "740", "01", "2025", "--out", out])
    assert res.exit_code == 0 and "1591294" in res.output.replace(" ", "")
    cases = [("anmodningsvedtak", "646"), ("tiltak", "helseforskningsloven"), ("nokkeltall", "Avtalte"),
             ("indikatorer", "folkehelsearbeid"), ("brev", None), ("kontroller", "sum_kapittel")]  # fmt: skip
    for table, key in cases:
        args = ["explain", table] + ([key] if key else []) + ["--out", out]
        assert runner.invoke(app, args).exit_code == 0, table


def test_readme_queries_run_and_match_their_printed_output(corpus_tables):
    import re

    from hdir_extract.schema import README

    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```\n\n(\|.*?)\n\n", text, flags=re.S)
    assert len(blocks) == 5
    con = _con(corpus_tables)
    for sql, table in blocks:
        rows = con.execute(sql).fetchall()
        printed = [line for line in table.splitlines()[2:]]
        assert len(rows) == len(printed), sql
        for row, line in zip(rows, printed, strict=True):
            cells = [c.strip() for c in line.strip("|").split("|")]
            for value, cell in zip(row, cells, strict=True):
                if cell.endswith("…"):
                    assert str(value).startswith(cell[:-1].strip()), (sql, value, cell)
                else:
                    assert ("" if value is None else str(value)) == cell, (sql, value, cell)


def test_query_csv_writes_list_columns_joined(corpus_tables):
    sql = "select oppdrag_id, frister from oppdrag where oppdrag_id = 'TB2023-01'"
    res = CliRunner().invoke(app, ["query", sql, "--format", "csv", "--out", str(corpus_tables["_dir"])])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == ["oppdrag_id,frister", "TB2023-01,2023-05-01"]
