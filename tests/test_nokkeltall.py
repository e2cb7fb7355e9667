"""nokkeltall: table cells and narrative values of the årsrapport, and the link to indikatorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hdir_extract.extractors import nokkeltall
from hdir_extract.linking import link_tables
from hdir_extract.models import Kontroll, Nokkeltall

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def records(corpus_docs):
    return nokkeltall.extract(corpus_docs[("aarsrapport", 2023)])


@pytest.fixture(scope="module")
def values(records) -> list[Nokkeltall]:
    return [r for r in records if isinstance(r, Nokkeltall)]


def _cells(values, kilde, indikator):
    return {r.aar: r.verdi for r in values if r.kilde == kilde and r.indikator == indikator}


def test_tabell_2_4_year_columns(values):
    assert _cells(values, "Tabell 2-4", "Avtalte årsverk") == {2023: 720, 2022: 741, 2021: 763, 2020: 685}
    # footnote 7 glued to the label, first value not swallowed by it
    tildeling = _cells(values, "Tabell 2-4", "Samlet tildeling post 01-99 (mill. kroner)")
    assert tildeling == {2023: 8882, 2022: 9236, 2021: 13023, 2020: 10022}
    # footnote 8 glued to "post 1-29"; percentages in their printed unit
    util = [r for r in values if r.indikator == "Utnyttelsesgrad post 1-29"]
    assert next((r.aar, r.verdi, r.enhet, r.raw) for r in util) == (2023, 96, "prosent", "96 %")
    # footnote 9 printed between label and values
    assert _cells(values, "Tabell 2-4", "Lønnsutgifter per årsverk (hele tusen)")[2020] == 1035
    assert {r.enhet for r in values if r.indikator == "Lønnsutgifter per årsverk (hele tusen)"} == {
        "tusen kroner"
    }


def test_tables_without_year_columns(values):
    kvinner = {r.kolonne: r.verdi for r in values if r.kilde == "Tabell 2-1" and r.indikator == "Kvinner"}
    assert kvinner == {
        "Helsedirektoratet – Faste stillinger": 425,
        "Helsedirektoratet – Midlertidige stillinger": 39,
        "POBO – Faste stillinger": 53,
        "POBO – Midlertidige stillinger": 4,
    }
    # label wrapped above its value
    konsulent = [r for r in values if r.kilde == "Tabell 2-5" and r.verdi == 13.4]
    assert konsulent[0].linje == 1590 and konsulent[0].indikator.startswith("672 Konsulenttjenester")
    assert konsulent[0].enhet == "mill. kroner"
    # a code wrapped above the label, and a page footer inside the table
    pobo = [r for r in values if r.kilde == "Tabell 2-3" and r.indikator == "1060 Avdelingsdirektør"]
    assert [r.verdi for r in pobo] == [1202631, 1]
    prosj = {
        r.kolonne: r.verdi for r in values if r.kilde == "Tabell 2-2" and r.indikator == "1113 Prosjektleder"
    }
    assert prosj["Årslønn %"] == 90.4 and prosj["Antall kvinner"] == 22


def test_helfo_table_splits_grouped_numbers(records, values):
    besok = _cells(values, "Tabell 7-1", "Antall besøk på helsenorge.no")
    assert besok == {2023: 110333933, 2022: 115752527}
    assert _cells(values, "Tabell 7-1", "Antall krav mottatt – legemidler") == {2023: 218950, 2022: 254732}
    assert _cells(values, "Tabell 7-1", "Refusjonsutgifter totalt") == {2023: 45.5, 2022: 42.3}
    splits = [r for r in records if isinstance(r, Kontroll) and r.kontroll == "tabell_splitt"]
    assert any(r.linje == 9824 and not r.ok for r in splits)
    # figure labels printed inside the table are no values
    assert not [r for r in values if r.kilde == "Tabell 7-1" and r.verdi == 29]


def test_narrative_values(values):
    fastlege = [
        r for r in values if r.kilde == "Nøkkeltall 1" and r.indikator == "Andel innbyggere uten fastlege"
    ]
    assert [(r.verdi, r.enhet, r.aar, r.linje) for r in fastlege] == [(3.9, "prosent", 2023, 2866)]
    levealder = [r for r in values if r.linje == 2693]
    assert [(r.verdi, r.enhet, r.aar) for r in levealder] == [(4.7, "år", 2019), (3.2, "år", 2019)]
    tertial = [r for r in values if r.linje == 2892]
    assert [(r.verdi, r.periode) for r in tertial] == [(69, "første tertial"), (65, "andre tertial")]
    tilbake = {r.verdi: r.enhet for r in values if r.kilde == "Nøkkeltall 5" and r.linje in (6763, 6765)}
    assert tilbake == {98: "mill. kroner", 1.03: "mrd. kroner"}
    # a phone number and a range are no values
    assert not [r for r in values if r.linje == 6439 or r.verdi == 116117]
    assert not [r for r in values if r.linje == 2693 and r.verdi == 30]


def test_targets_in_section_tables(values):
    rows = [(r.verdi, r.verditype, r.aar) for r in values if r.linje == 6670]
    assert rows == [(89, "resultat", 2023), (85, "maaltall", 2023)]


def test_every_hand_checked_value_is_found(values):
    gold = [json.loads(s) for s in (FIXTURES / "nokkeltall_gold.jsonl").read_text().splitlines()]
    pool = [(r.linje, round(r.verdi, 3), r.enhet) for r in values]
    found = 0
    for g in gold:
        hit = next((p for p in pool if abs(p[0] - g["linje"]) <= 1 and p[1] == round(g["verdi"], 3)), None)
        if hit:
            found += 1
            pool.remove(hit)
    assert found == len(gold) == 66


def test_link_to_indikatorer_of_same_year():
    tables = {
        "dokumenter": [
            {"dok_id": "tb23", "dokumenttype": "tildelingsbrev", "aar": 2023},
            {"dok_id": "tb26", "dokumenttype": "tildelingsbrev", "aar": 2026},
            {"dok_id": "ar23", "dokumenttype": "aarsrapport", "aar": 2023},
        ],
        "indikatorer": [
            {"dok_id": "tb23", "indikator_id": "tb23:2255", "type": "nokkeltall", "tekst": "Antall klager"},
            {"dok_id": "tb26", "indikator_id": "tb26:800", "type": "nokkeltall", "tekst": "Antall klager"},
            {
                "dok_id": "tb23",
                "indikator_id": "tb23:2260",
                "type": "nokkeltall",
                "tekst": "Tilbakebetalt beløp",
            },
        ],
        "nokkeltall": [
            {
                "dok_id": "ar23",
                "kilde_type": "nokkeltall",
                "indikator": "Tilbakebetalt beløp",
                "indikator_ref": None,
            },
            {
                "dok_id": "ar23",
                "kilde_type": "nokkeltall",
                "indikator": "Antall klagesaker",
                "indikator_ref": None,
            },
            {
                "dok_id": "ar23",
                "kilde_type": "nokkeltall",
                "indikator": "Klimagassutslipp",
                "indikator_ref": None,
            },
            {"dok_id": "ar23", "kilde_type": "tabell", "indikator": "Antall klager", "indikator_ref": None},
        ],
    }
    out = link_tables(tables)["nokkeltall"]
    assert [r["indikator_ref"] for r in out] == ["tb23:2260", "tb23:2255", None, None]


def test_link_on_the_real_corpus(corpus_rows):
    ind = {r["indikator_id"]: r for r in corpus_rows["indikatorer"]}
    refs = [r for r in corpus_rows["nokkeltall"] if r.get("indikator_ref")]
    assert len(refs) > 50
    tb23 = next(
        d["dok_id"]
        for d in corpus_rows["dokumenter"]
        if d["dokumenttype"] == "tildelingsbrev" and d["aar"] == 2023
    )
    assert all(r["indikator_ref"].startswith(tb23 + ":") for r in refs)
    tilbake = next(r for r in refs if r["indikator"] == "Tilbakebetalt beløp")
    assert ind[tilbake["indikator_ref"]]["tekst"] == "Tilbakebetalt beløp"
    assert ind[tilbake["indikator_ref"]]["linje"] == 2260


def _at(values, linje):
    return [
        (r.verdi, r.enhet, r.aar, r.verditype)
        for r in values
        if r.linje == linje and r.kilde_type != "tabell"
    ]


def test_narrative_numbers_that_are_no_values(values):
    narrative = [r for r in values if r.kilde_type != "tabell"]
    # "hvor 100 er best" (a scale's end), "3 av 4" / "1 av 3" (fractions), footnote texts at the
    # foot of the page ("11  Alkoholbruk ... FHI (2023)"), "Tabell 08771"
    assert _at(values, 4060) == []
    assert _at(values, 1877) == [] and [v for v in _at(values, 2713) if v[0] in (1, 3)] == []
    assert _at(values, 1936) == [] and _at(values, 1998) == [] and _at(values, 2000) == []
    assert not [r for r in narrative if r.verdi == 8771]
    # thresholds in the indicator's definition: "innen 150 sek", "innen 2 virkedager"
    assert _at(values, 6694) == [] and _at(values, 6702) == []
    # after "Sentrale aktiviteter i direktoratet" and after a chapter heading the prose is not the
    # indicator's
    assert _at(values, 4099) == [] and _at(values, 5998) == [] and _at(values, 6856) == []


def test_narrative_units_years_and_targets(values):
    assert _at(values, 4062) == [(77, "skår (0-100)", None, "resultat")]
    assert _at(values, 4066) == [(63, "skår (0-100)", None, "resultat")]
    # the year of "170 besøk ila januar" is the "januar 2024" of the sentence before
    assert (170, "antall", 2024, "resultat") in _at(values, 6437)
    assert _at(values, 3672) == [(125286, "antall", 2022, "resultat")]
    # a year in parentheses serves the value in the same parentheses
    assert _at(values, 5231) == [(72.76, "prosent", 2023, "resultat"), (72.66, "prosent", 2022, "resultat")]
    assert [v[2] for v in _at(values, 5923)] == [2022, 2022]
    # "mot 8 prosent året før"
    assert _at(values, 1909) == [(7, "prosent", 2023, "resultat"), (8, "prosent", 2022, "resultat")]
    assert _at(values, 6732) == [(69, "antall", None, "resultat"), (66, "antall", None, "maaltall")]
    assert _at(values, 5273) == [(396, "antall", 2023, "resultat")]
    assert _at(values, 6743) == [(2002, "antall", None, "resultat")]
    assert _at(values, 1947) == [(7, "liter", None, "resultat")]
    assert (205000, "antall", 2023, "resultat") in _at(values, 6798)
