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


def test_salary_under_the_group_that_has_members(values):
    """ "1538 Fagdirektør  1 240 503  -  3  -": three women and no men, so the salary is the women's
    (the text layer drops the empty men's cell, and the cells alone would put it under menn)."""
    fag = {
        r.kolonne: r.verdi for r in values if r.kilde == "Tabell 2-2" and r.indikator == "1538 Fagdirektør"
    }
    assert fag == {"Gjennomsnittlig lønn kvinner": 1240503, "Antall kvinner": 3}
    forste = {
        r.kolonne: r.verdi
        for r in values
        if r.kilde == "Tabell 2-3" and r.indikator == "1408 Førstekonsulent"
    }
    assert forste == {"Gjennomsnittlig lønn menn": 545165, "Antall menn (Kvinner/menn)": 1}


def test_running_footer_is_furniture_also_in_the_appendix(corpus_docs):
    """ "Årsrapport 2023  15" stands on some pages only, and the appendix numbers its pages anew
    ("Årsrapport 2023  13" inside Note A): the reading layer keeps every one out of the tables."""
    doc = corpus_docs[("aarsrapport", 2023)]
    footers = {f.line: f.text for f in doc.furniture}
    assert footers[875] == "Årsrapport 2023  15" and footers[9052] == "Årsrapport 2023  13"
    assert len([t for t in footers.values() if t.startswith("Årsrapport 2023")]) == 12


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


def _row(values, linje):
    return [(r.kilde, r.aar, r.kolonne, r.verdi, r.enhet) for r in values if r.linje == linje]


def test_artskontorapportering_note_column_and_years(values):
    # "Innbetalinger fra gebyrer 1 48 052 301 50 673 308": "1" is the note column
    assert _row(values, 9302) == [
        ("Tabell 6-2", 2023, None, 48052301, "kroner"),
        ("Tabell 6-2", 2022, None, 50673308, "kroner"),
    ]
    assert _cells(values, "Tabell 6-2", "Oppgjørsvirksomhet") == {2023: 118995971, 2022: 36544856}
    # the second header ("Eiendeler og gjeld 2023 2022") keeps the note column; negative amounts
    assert _cells(values, "Tabell 6-2", "Sum mellomværende med statskassen") == {
        2023: -189721158,
        2022: -106998286,
    }
    # "429 803 437 918 526" split where the printed sum confirms it
    assert _cells(values, "Tabell 6-2", "Bankkontoer med statlige midler utenfor Norges Bank") == {
        2023: 429803437,
        2022: 918526,
    }
    # a label wrapped above its values, a row holding only its note reference
    assert _cells(values, "Tabell 6-2", "Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)") == {
        2023: 2056603,
        2022: 1633253,
    }
    assert not _row(values, 9363)
    # the bevilgningsrapportering rows belong to bevilgninger
    assert not [r for r in values if 8016 <= r.linje <= 8516]


def test_accounts_notes(values):
    arsverk = [("Note 2", 2023, None, 1038, "årsverk"), ("Note 2", 2022, None, 1046, "årsverk")]
    assert _row(values, 9487) == arsverk
    assert _cells(values, "Note 7", "Tilskudd til utlandet") == {2023: 515000147, 2022: 260559266}
    # an empty cell printed as nothing: the sum puts 2 200 690 in the 2023 column
    assert _cells(values, "Note 5", "Immaterielle eiendeler og lignende") == {2023: 2200690}
    # Note A: code as label, "Overført + Årets = Samlet"
    assert [(r.kolonne, r.verdi) for r in values if r.linje == 8634] == [
        ("Overført fra i fjor", 11900000),
        ("Årets tildelinger", 1359130000),
        ("Samlet tildeling", 1371030000),
    ]
    # the wide table of Note A/B: nine columns, split by the row's running sums
    wide = [r.verdi for r in values if r.linje == 8840]
    assert wide == [37046595, -62704689, -25658094, 143334245, 0, 0, 117676151, 67956500, 7681031]
    assert [r.verdi for r in values if r.linje == 9018] == [2263000, 0, 2263000]  # "Ikke aktuell"
    assert _cells(values, "Note B", "Arbeids- og velferdsetaten (NAV) 2651.72") == {2023: 395875455}
    assert [r.verdi for r in values if r.linje == 9160] == [11658500000, 11606481000]
    # capital accounts of the bevilgningsrapportering
    assert _row(values, 8520) == [("Tabell 6-1", 2023, None, 397761550, "kroner")]
    assert [(r.kolonne, r.verdi) for r in values if r.linje == 8545] == [
        (None, 27831404),
        (None, -71890081),
        ("Endring", 99721485),
    ]
    # prose between the tables of a note is no table ("Av dette beløpet er 12 155 187 743")
    assert not [r for r in values if r.linje in (9189, 9246, 9250)]


def test_accounts_sums_checked(records):
    sums = {r.linje: r.ok for r in records if isinstance(r, Kontroll) and r.kontroll == "tabell_sum"}
    assert sums[9140] and sums[9413] and sums[9608] and sums[9550]
    # the printed total of Note A does not add up from the rows printed: reported, not hidden
    assert sums[8748] is False


def test_narrative_periods_and_compared_values(values):
    # "Siden 2013 ... økt fra 60 til 72 prosent i 2023": the pair's first value is the period start
    assert _at(values, 1846) == [(60, "prosent", 2013, "resultat"), (72, "prosent", 2023, "resultat")]
    # "... gått ned fra 18 til 15 prosent i samme periode"
    assert _at(values, 1848) == [(18, "prosent", 2013, "resultat"), (15, "prosent", 2023, "resultat")]
    # "mer enn halvert fra 2010 til 2022. ... en nedgang fra henholdsvis 15 til seks prosent"
    assert _at(values, 1927) == [(15, "prosent", 2010, "resultat")]
    # "16 prosent ... daglig, mot 15 året før" (the year from the sentences before)
    assert (15, "prosent", 2022, "resultat") in _at(values, 1913)
    # "Livskvalitetsundersøkelsen for 2023 viser at ..." carries on in the sentences that follow
    assert {v[2] for ln in (2040, 2042, 2044, 2046, 2048) for v in _at(values, ln)} == {2023}
    # "siden 2019" / "fra 2019" starts a period; "2,5 % lavere enn i 2022" is this year's difference
    assert [v[2] for v in _at(values, 1672)] == [None]
    assert [v[2] for v in _at(values, 5259)] == [None]
    assert _at(values, 5180) == [(2.5, "prosent", 2023, "resultat"), (90, "prosent", 2023, "maaltall")]


def test_narrative_conditions_units_and_wrapped_targets(values):
    # durations of a guideline or group definition are no results
    assert _at(values, 1881) == [] and _at(values, 1889) == [] and _at(values, 1891) == []
    # the indicator's own threshold ("Tilbakekreving over 200 000 kroner omfattet 33 helseaktører")
    assert _at(values, 6781) == [(33, "antall", None, "resultat")]
    # "sum for tonn CO2-utslipp (...) var 311 131 i 2022"
    assert _at(values, 4307) == [(311131, "tonn", 2022, "resultat")]
    # a row of a Resultat/Måltall table wrapped over three lines: "11,1" / "virkedager" / "6 virkedager"
    assert _at(values, 6720) == [(6, "dager", 2023, "maaltall")]
    assert _at(values, 6700) == [(88, "prosent", 2023, "resultat"), (80, "prosent", 2023, "maaltall")]
