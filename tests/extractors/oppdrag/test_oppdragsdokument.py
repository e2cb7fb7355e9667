"""Oppdragsdokumenter: their own assignment numbering ("ID: 2026-03") becomes an id unique per recipient
and year, and a corrected edition supersedes the first in `v_oppdrag_historikk` (by the letter date)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from hdir_extract.extractors import oppdrag
from hdir_extract.extractors.oppdrag.oppdragsdokument import id_prefix
from hdir_extract.models import Oppdrag
from hdir_extract.pipeline import classified, run
from hdir_extract.readers import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _assignments(name: str) -> dict[str, Oppdrag]:
    path = FIXTURES / name
    recs = oppdrag.extract(classified(read_document(path.name, path.read_bytes()))[0])
    return {r.oppdrag_id: r for r in recs if isinstance(r, Oppdrag)}


def test_prefix_from_the_recipient():
    assert id_prefix("Norsk helsenett SF") == "NH"
    assert id_prefix("Helse Sør-Øst RHF") == "HSO"
    assert id_prefix("Helse Midt-Norge RHF") == "HMN"
    assert id_prefix(None) == "OD"


def test_the_same_printed_number_of_two_enterprises_is_two_assignments():
    nh = _assignments("oppdragsdokument-2026-nh.txt")
    hv = _assignments("oppdragsdokument-2026-helse-vest.txt")
    assert sorted(nh) == ["NH2026-01", "NH2026-02"]
    assert sorted(hv) == ["HV2026-03"]
    assert hv["HV2026-03"].raw == "ID: 2026-03"
    assert hv["HV2026-03"].tittel == "Kortere ventetider i psykisk helsevern"
    assert hv["HV2026-03"].frister == [dt.date(2026, 12, 31)]
    # the chapter "2. Oppfølging og rapportering" ends the last assignment
    assert nh["NH2026-02"].linje_slutt == 29


def test_a_corrected_edition_supersedes_the_first(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("oppdragsdokument-2026-nh.txt", "oppdragsdokument-2026-nh-korrigert.txt"):
        shutil.copy(FIXTURES / name, raw / name)
    out = tmp_path / "out"
    run(raw, out, workers=1, use_cache=False)
    con = duckdb.connect(str(out / "hdir.duckdb"), read_only=True)
    dates = con.execute("select dato from brev order by dato").fetchall()
    assert dates == [(dt.date(2026, 1, 19),), (dt.date(2026, 3, 3),)]
    row = con.execute(
        "select distinct tittel, brev_dato, frister, antall_definisjoner from v_oppdrag_historikk "
        "where oppdrag_id = 'NH2026-01'"
    ).fetchall()
    assert row == [
        ("Digital samhandling og innføring av e-multidose", dt.date(2026, 3, 3), [dt.date(2026, 10, 1)], 2)
    ]
    kinds = con.execute("select distinct dokumenttype, mottaker from dokumenter").fetchall()
    assert kinds == [("oppdragsdokument", "Norsk helsenett SF")]
