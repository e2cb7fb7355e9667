"""The name of a "Nøkkeltall N - <name>" section runs on over a line break after a word no title ends
with ("… som behandles av" / "Helsedirektoratet")."""

from __future__ import annotations

from pathlib import Path

from hdir_extract.pipeline import extract_bytes

ROOT = Path(__file__).resolve().parents[3]
AARSRAPPORT = ROOT / "data" / "raw" / "aarsrapport-2023-helsedirektoratet.txt"


def test_a_title_ending_in_a_function_word_goes_on():
    res = extract_bytes(AARSRAPPORT.name, AARSRAPPORT.read_bytes())
    found = {
        (r["aar"], r["verdi"])
        for r in res.tables["nokkeltall"]
        if r["kilde"] == "Nøkkeltall 3"
        and r["indikator"]
        == "Søknader om data fra NPR og KPR i felles søknadsskjema som behandles av Helsedirektoratet"
    }
    assert found == {(2023, 170.0), (2022, 143.0)}
