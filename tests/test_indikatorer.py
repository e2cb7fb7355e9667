"""indikatorer: the goal/indicator lists of the 2023 and 2026 tildelingsbrev."""

from __future__ import annotations

import json
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from hdir_extract.extractors import indikatorer
from hdir_extract.models import Indikator

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def tb2023(corpus_docs) -> list[Indikator]:
    return indikatorer.extract(corpus_docs[("tildelingsbrev", 2023)])


@pytest.fixture(scope="module")
def tb2026(corpus_docs) -> list[Indikator]:
    return indikatorer.extract(corpus_docs[("tildelingsbrev", 2026)])


def test_2023_matches_every_hand_checked_item(tb2023):
    gold = [
        json.loads(s) for s in (FIXTURES / "nokkeltall_indikatorer_tb2023.jsonl").read_text().splitlines()
    ]
    by_line = {r.linje: r for r in tb2023}
    assert len(tb2023) == len(gold) == 62
    for g in gold:
        r = by_line[g["linje"]]
        assert r.type == g["type"]
        assert r.maal_nr == g["maal_nr"]
        assert r.linje_slutt == g["linje_slutt"]
        assert SequenceMatcher(None, r.tekst, g["tekst"]).ratio() > 0.97, (r.tekst, g["tekst"])


def test_2023_counts_and_specific_items(tb2023):
    assert Counter(r.type for r in tb2023) == {
        "nokkeltall": 33,
        "vurderingskriterium": 23,
        "styringsparameter": 6,
    }
    first = tb2023[0]
    assert first.omraade == "Folkehelse" and first.maal_nr == 1
    assert first.maal == "Folkehelsearbeidet er kunnskapsbasert og tverrsektorielt"
    assert first.indikator_id == f"{first.dok_id}:191"
    # wrapped across a blank line
    assert tb2023[1].tekst == (
        "Andel kommuner som har etablert et systematisk folkehelsearbeid i henhold til folkehelseloven"
    )
    beredskap = next(r for r in tb2023 if r.linje == 1876)
    assert beredskap.underpunkter == [
        "risiko og sårbarhet i helse- og omsorgssektoren",
        "status for beredskapstiltak og –virkemidler i helse- og omsorgssektoren",
        "status for forebyggende sikkerhetstiltak",
    ]
    # the list outside any goal
    outside = [r for r in tb2023 if r.maal_nr is None]
    assert [r.tekst for r in outside][:2] == [
        "Prognose og regnskap på driftsbevilgning",
        "Andel faste og midlertidige ansatte",
    ]
    assert len(outside) == 5 and outside[0].omraade == "Virksomhetsrapportering"


def test_2026_numbered_goal_sections(tb2026):
    assert len(tb2026) == 108
    assert Counter(r.type for r in tb2026) == {"nokkeltall": 74, "styringsparameter": 34}
    by_goal = Counter(r.maal_nr for r in tb2026)
    assert by_goal[4] == 13 and by_goal[8] == 0 and by_goal[None] == 6
    first = tb2026[0]
    assert first.maal_nr == 1 and first.type == "styringsparameter"
    assert (
        first.tekst
        == "Helsedirektoratet skal bidra til systematisk folkehelsearbeid lokalt, regionalt og nasjonalt"
    )
    sosial = next(r for r in tb2026 if r.tekst.startswith("Utviklingen i sosial ulikhet"))
    assert sosial.underpunkter == [
        "Minoritetsbefolkning",
        "Trangboddhet",
        "Lavinntektsfamilier",
        "Utdanningsnivå",
    ]
    # line-break hyphen in "e-" + "helseløsninger" is kept the way a person reads it
    assert any("nasjonale e-helseløsninger" in r.tekst for r in tb2026)
    # an item whose wrapped part starts with a capital after a blank line
    assert any(r.tekst.endswith("nasjonale kostråd og Nøkkelhullet") for r in tb2026)
    uten_lege = next(r for r in tb2026 if r.tekst == "Andel av listeinnbyggere uten lege")
    assert uten_lege.maal_nr == 4 and uten_lege.type == "nokkeltall"
    assert (
        uten_lege.maal
        == "Pasienter og brukere mottar helse- og omsorgstjenester av god kvalitet i hele landet"
    )
