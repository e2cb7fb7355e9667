"""The analyst's side: a self-describing database, views, explain and query."""

from __future__ import annotations

import json

import duckdb
from typer.testing import CliRunner

from hdir_extract.cli import app
from hdir_extract.models import TABLES
from hdir_extract.writers.datapackage import datapackage

VIEWS = [
    "v_budsjettlinje",
    "v_oppdrag_historikk",
    "v_anmodningsvedtak_status",
    "v_kontroller_feilet",
    "v_tildeling_historikk",
]
HISTORY = (
    "select steg, endring, belop_nok, lopende_sum, trykt_sum_tildelt, brev_nr, brev_dato, linje "
    "from v_tildeling_historikk where kapittel = 760 and post = 21 and aar = 2026 order by steg"
)


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


def test_allocation_history_of_the_bundle(corpus_tables):
    """760.21 in 2026: the main letter's tildeling, then nr. 1's change, with the running total."""
    rows = _con(corpus_tables).execute(HISTORY).fetchall()
    assert [r[:6] for r in rows] == [
        (1, "tildeling", 335_550_000, 335_550_000, None, 1),
        (2, "ny_tildeling", 12_200_000, 347_750_000, 347_750_000, 2),
    ]
    assert str(rows[1][6]) == "2026-02-27" and rows[1][7] == 6781


def test_allocation_history_over_three_files(tmp_path):
    """The bundle with supplementary letters nr. 2 and nr. 4 as their own files (Markdown): nr. 2's table
    (its 9 500 that nr. 4 corrects), nr. 4's korreksjon of +13,5 mill. and its two further changes."""
    from tests.conftest import RAW
    from tests.extractors.bevilgninger.real_letters import NR2, NR4, real_path, tables_of

    from hdir_extract.writers.duckdb_db import write_duckdb
    from hdir_extract.writers.parquet import write_parquet

    tables = tables_of(RAW / "tildelingsbrev-2026-helsedirektoratet.txt", real_path(NR2), real_path(NR4))
    write_parquet(tables, tmp_path)
    write_duckdb(tmp_path)
    con = duckdb.connect(str(tmp_path / "hdir.duckdb"), read_only=True)
    rows = con.execute(HISTORY).fetchall()
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("tildeling", 335_550_000, 335_550_000),
        ("ny_tildeling", 12_200_000, 347_750_000),
        ("ny_tildeling", 9_500_000, 357_250_000),
        ("korreksjon", 13_500_000, 370_750_000),
        ("ny_tildeling", 3_550_000, 374_300_000),
        ("ny_tildeling", 2_000_000, 376_300_000),
    ]
    assert [str(r[6]) for r in rows] == ["None", "2026-02-27", "2026-04-16", *["2026-07-07"] * 3]
    assert rows[2][4] == 357_250_000  # nr. 2's printed sum tildelt beside the running total


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
    assert len(blocks) == 7
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
