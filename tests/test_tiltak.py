"""tiltak on the real Meld. St. 9 (2023–2024) and the Prop. 1 S 2024–2025 (issue 11)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from hdir_extract.document import Document, Line
from hdir_extract.extractors import tiltak
from hdir_extract.models import Tiltak

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def meld(corpus_docs) -> list[Tiltak]:
    doc = corpus_docs[("meld_st", 2024)]
    return [r for r in tiltak.extract(doc) if isinstance(r, Tiltak)]


def _by_line(records: list[Tiltak]) -> dict[int, Tiltak]:
    return {r.linje: r for r in records}


def test_every_regjeringen_vil_box_and_its_item_count(meld):
    boxes = Counter(r.kilde for r in meld if r.kilde and r.kilde.startswith("Boks") and not r.grensetilfelle)
    assert boxes == {
        "Boks 3.1": 23,  # four lead-in groups, "… gjennom å" without a colon
        "Boks 4.1": 14,
        "Boks 5.1": 33,  # goes on after " Boks 5.1 forts." on the next page; sub-items included
        "Boks 6.1": 16,  # three groups
        "Boks 7.1": 14,  # goals as lead-ins; "Boks 7.1 forts." ~100 lines later continues nr
        "Boks 8.1": 14,  # no lead-in at all
        "Boks 9.1": 6,
    }


def test_nr_runs_on_across_groups_and_continuations(meld):
    box71 = sorted((r for r in meld if r.kilde == "Boks 7.1"), key=lambda r: r.linje)
    assert [r.nr for r in box71] == list(range(1, 15))
    assert box71[11].tekst == (
        "Øke forskningen om gravide med minoritetsbakgrunn gjennom Nasjonalt "
        "forskningssenter for kvinnehelse."
    )
    assert box71[11].linje == 10722
    assert {r.kapittel for r in box71} == {
        "7 En sammenhengende, trygg og helhetlig svangerskaps-, fødsels- og barselomsorg"
    }


def test_items_that_wrap_over_blank_lines_and_page_breaks(meld):
    by_line = _by_line(meld)
    # first line, blank line (column break), then the rest with a hyphenated word across the break
    assert by_line[3666].tekst == (
        "legge til rette for en framtidsrettet og bærekraftig allmennlegetjeneste gjennom å endre "
        "kompetanse- og spesialistutdanningskrav, redusere fastlegenes oppgaver og å fremme en "
        "lovproposisjon med meldingsdel våren 2025 med regjeringens samlede løsninger for "
        "allmennlegetjenestene"
    )
    # an item broken in the middle by a blank line, going on in lower case
    assert by_line[3703].tekst.endswith(
        "pasientforløp gjennom å styrke samhandlingen mellom spesialisthelsetjenesten og den "
        "kommunale helse- og omsorgstjenesten. Midlene skal brukes etter enighet mellom "
        "helseforetak og aktuelle kommuner"
    )
    assert (by_line[3703].linje, by_line[3703].linje_slutt) == (3703, 3711)
    # continuation after a blank line that starts with a number
    assert by_line[1712].tekst == "legge fram en egen strategi for kvinnehelse i 2024"


def test_box_ends_where_the_next_page_resumes_the_running_text(meld):
    by_line = _by_line(meld)
    # Boks 4.1's last item is followed by " helse- og omsorgstjenester gjennom veiledning" (next page)
    last = by_line[3743]
    assert last.tekst == (
        "vurdere å oppnevne et offentlig utvalg for å gjennomgå pasient- og brukerrettighetsloven med "
        "sikte på å forenkle og gjøre loven mer tilgjengelig for pasienter, brukere, pårørende og "
        "helsepersonell"
    )
    assert last.linje_slutt == 3747


def test_literal_list_outside_boxes_is_not_borderline(meld):
    rows = [r for r in meld if r.kilde and r.kilde.startswith("2.3.5")]
    assert len(rows) == 12
    assert not any(r.grensetilfelle for r in rows)
    assert (
        rows[0].kilde
        == "2.3.5 Forenkle og tydeliggjøre regelverket for å understøtte vår felles helsetjeneste"
    )


def test_borderline_lists(meld):
    borderline = Counter(r.kilde for r in meld if r.grensetilfelle)
    assert borderline == {
        "5 God bruk av personell og kompetanse": 3,  # "Regjeringen vil … gjennom tre innsatsområder:"
        "Boks 5.5": 7,  # sub-list under "– Regjeringen vil understøtte … gjennom å:" in a theme box
        "9.4.1 Prioriterte områder for digital samhandling mellom personell": 5,
        "10.2.4 System for å følge med på kvalitet og måloppnåelse over tid": 4,
    }
    # the bullet item interrupted by two figures goes on after them
    item = _by_line(meld)[14596]
    assert item.linje_slutt == 14716
    assert item.tekst.endswith("få enkel og sikker tilgang til informasjon som epikriser og sammenfatninger.")


def test_not_tiltak(meld):
    texts = " ".join(r.tekst for r in meld)
    assert "aktiv pasient- og pårørendemedvirkning" not in texts  # "Helse Sør-Øst vil prioritere:"
    assert "Reduksjon i antall pasientskader" not in texts  # "… følgende resultater oppnås:" (goals)
    assert "gjennomgang av helseforskningsloven" not in texts  # "Av lovarbeid regjeringen varsler …"


def test_matches_the_hand_made_list(meld):
    gold = [json.loads(s) for s in (FIXTURES / "tiltak_gold.jsonl").read_text(encoding="utf-8").splitlines()]
    by_line = _by_line(meld)
    for g in gold:
        got = by_line[g["linje"]]
        assert (got.tekst, got.linje_slutt, got.nr, got.grensetilfelle) == (
            g["tekst"],
            g["linje_slutt"],
            g["nr"],
            g["grensetilfelle"],
        ), g["linje"]


def test_prop_1_s_look_alikes_give_no_tiltak(corpus_docs):
    doc = corpus_docs[("prop_1_s", 2025)]
    assert any("Norge vil bidra til å:" in ln.text for ln in doc.lines)  # the look-alike is there
    assert tiltak.extract(doc) == []


def _doc(lines: list[str]) -> Document:
    return Document(
        dok_id="t",
        source_file="t.txt",
        sha256="0",
        format="txt",
        lines=[Line(no=i, text=t) for i, t in enumerate(lines, start=1)],
    )


def test_running_prose_and_other_subjects_give_nothing():
    doc = _doc(
        [
            "Regjeringen vil komme tilbake til Stortinget på egnet måte.",
            "",
            "Helse Sør-Øst vil prioritere:",
            "– aktiv pasientmedvirkning",
            "",
            "Regjeringens tre mål er:",
            "– færre pasientskader",
        ]
    )
    assert tiltak.extract(doc) == []


def _pdf_doc(lines: list[str], new_page_at: int) -> Document:
    return Document(
        dok_id="t",
        source_file="t.pdf",
        sha256="0",
        format="pdf",
        lines=[Line(no=i, text=t, page=1 if i < new_page_at else 2) for i, t in enumerate(lines, start=1)],
    )


def test_pdf_page_change_alone_never_ends_a_box():
    # "… og effektiv" / "ressursbruk": nothing but the next line tells that the item goes on
    lines = [
        "Boks 2.1 Regjeringen vil",
        "– evaluere modellen for trygge overganger og effektiv",
        "ressursbruk",
        "",
        "– be Helsedirektoratet utarbeide en felles måte",
        "",
        "Det er viktig at tjenestene henger sammen. Kommunene",
        "har ansvaret for dette.",
        "",
        "Boks 2.2 Eksempler",
        "– styrke tjenesten",
    ]
    for new_page_at in (3, 4, 5, 6, 7, 8):
        recs = tiltak.extract(_pdf_doc(lines, new_page_at))
        assert [r.tekst for r in recs] == [
            "evaluere modellen for trygge overganger og effektiv ressursbruk",
            "be Helsedirektoratet utarbeide en felles måte",
        ], new_page_at


def test_a_box_ends_where_the_sentence_it_interrupted_resumes_on_the_next_page():
    running = [f"omsorgstjenester gjennom veiledning i kommune nummer {k} og i" for k in range(12)]
    lines = [
        "Regjeringen vil legge til rette for interkommunalt samarbeid om",
        "",
        "Boks 2.1 Regjeringen vil",
        "– styrke tjenesten",
        "i hele landet",
        *running,
        "resten av landet.",
    ]
    (rec,) = tiltak.extract(_pdf_doc(lines, new_page_at=6))
    assert (rec.kilde, rec.tekst, rec.linje_slutt) == ("Boks 2.1", "styrke tjenesten i hele landet", 5)


def test_pdf_page_change_inside_an_item_that_plainly_goes_on():
    # the line before the page change ends in a function word, or the next page starts with one
    lines = [
        "Boks 2.1 Regjeringen vil",
        "– styrke tjenesten i",
        "hele landet",
        "– fremme et notat med forslag",
    ]
    lines += ["til lovendringer", "– evaluere ordningen"]
    for new_page_at in (3, 5):
        recs = tiltak.extract(_pdf_doc(lines, new_page_at))
        assert [r.tekst for r in recs] == [
            "styrke tjenesten i hele landet",
            "fremme et notat med forslag til lovendringer",
            "evaluere ordningen",
        ]
