"""oppdrag extractor on the real tildelingsbrev bundles, and assignment mentions (referanser)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from conftest import FIXTURES
from hdir_extract.document import Document, Line
from hdir_extract.extractors import oppdrag
from hdir_extract.models import Kontroll, Oppdrag, Referanse


def _rows(doc, table):
    return [r for r in oppdrag.extract(doc) if r.table == table]


@pytest.fixture(scope="module")
def tb2023(corpus_docs):
    return {r.oppdrag_id: r for r in _rows(corpus_docs[("tildelingsbrev", 2023)], "oppdrag")}


@pytest.fixture(scope="module")
def tb2026(corpus_docs):
    return {r.oppdrag_id: r for r in _rows(corpus_docs[("tildelingsbrev", 2026)], "oppdrag")}


def test_2023_id_sequence_with_real_gaps(tb2023):
    expected = [f"TB2023-{n:02d}" for n in range(1, 83)]
    # the supplementary letters in the file give TTB2023-02..06, 08..12 and 22..25 (01, 07, 13-21 are
    # in letters that are not in this bundle)
    expected += [f"TTB2023-{n:02d}" for n in [2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 22, 23, 24, 25]]
    assert sorted(tb2023) == sorted(expected)


def test_2026_id_sequence(tb2026):
    assert sorted(tb2026) == [f"TB2026-{n:02d}" for n in range(1, 63)]


def test_2023_matches_hand_checked_records(tb2023):
    gold = [json.loads(s) for s in (FIXTURES / "oppdrag_gold_2023.jsonl").read_text().splitlines() if s]
    assert len(gold) == 96
    for g in gold:
        r = tb2023[g["oppdrag_id"]]
        assert r.linje == g["linje"] and r.linje_slutt == g["linje_slutt"], g["oppdrag_id"]
        assert r.tittel == g["tittel"], g["oppdrag_id"]
        assert r.avdeling == g["avdeling"], g["oppdrag_id"]
        assert r.omraade == g["omraade"], g["oppdrag_id"]
        assert (str(r.brev_dato) if r.brev_dato else None) == g["brev_dato"], g["oppdrag_id"]
        assert [str(d) for d in r.frister] == sorted(g["frister"]), g["oppdrag_id"]
        assert r.refererer == sorted(g["refererer"]), g["oppdrag_id"]


def test_2023_hard_headings(tb2023):
    # department and title in separate PDF cells: "ID: TB2023-39 Eieravdeling HOD:" / "EHE/KTA/SHA" / title
    r = tb2023["TB2023-39"]
    assert r.avdeling == "EHE/KTA/SHA"
    assert r.tittel.startswith("Nasjonalt velfersteknologiprogram, arbeidet med å flytte tjenester hjem")
    # a heading with no title of its own takes it from the letter's summary list
    assert tb2023["TTB2023-06"].tittel.endswith("spesialisthelsetjenester mottatt i andre EØS-land")
    assert tb2023["TTB2023-06"].avdeling == "HRA"  # "Ansvarlig avdeling HOD: HRA" at the end
    assert tb2023["TTB2023-08"].avdeling is None  # the letter names none
    # "Frist 1. mars 2022" in a 2023 letter stays as printed; "Frist 1. mars." takes the letter year
    assert dt.date(2022, 3, 1) in tb2023["TB2023-62"].frister
    assert dt.date(2023, 3, 1) in tb2023["TB2023-62"].frister
    # page furniture ("Side 12") is not part of the text
    assert "Side 12" not in tb2023["TB2023-14"].tekst
    assert tb2023["TB2023-14"].tekst.endswith("rekruttering til arbeid med skolemat i veiledningsmateriell.")
    assert tb2023["TTB2023-04"].brev_nr == 4 and tb2023["TB2023-01"].brev_dato is None


def test_2026_titles_departments_deadlines(tb2026):
    assert tb2026["TB2026-15"].tittel == (
        "Allmennlegetjenesten og oppfølging av Meld. St. 23 (2024 – 2025). Fornye, forsterke, forbedre. "
        "Framtidens allmennlegetjenester og akuttmedisinske tjenester utenfor sykehus"
    )
    assert tb2026["TB2026-23"].tittel == (
        "Oppfølging av tiltak i Meld. St. 21 (2024 –2025) Helse for alle Rettferdig prioritering i vår "
        "felles helsetjeneste"
    )
    assert tb2026["TB2026-31"].tittel == "Erfaringer med og konsekvenser av nye fraværsregler i skolen"
    assert tb2026["TB2026-35"].tittel.endswith("det akuttmedisinske nettverket – LEON-prinsippet")
    assert tb2026["TB2026-36"].avdeling == "SHA"  # "Avd. HOD:" / "SHA" on the next line
    assert tb2026["TB2026-17"].avdeling == "DIG"
    assert tb2026["TB2026-01"].frister == [dt.date(2026, 6, 1)]
    assert tb2026["TB2026-08"].frister == [dt.date(2026, 3, 1), dt.date(2026, 5, 15), dt.date(2026, 12, 31)]
    # "frist 31.12.2025" of an earlier study ("som hadde frist") is not this assignment's deadline
    assert tb2026["TB2026-07"].frister == [dt.date(2026, 12, 31)]
    assert tb2026["TB2026-01"].omraade == "Folkehelsearbeidet er kunnskapsbasert og tverrsektorielt"
    assert tb2026["TB2026-03"].omraade == (
        "Befolkningen har gode levevaner og god livskvalitet i trygge og helsefremmende lokalsamfunn"
    )
    assert tb2026["TB2026-14"].refererer == [
        "TB2023-36", "TB2024-17", "TB2026-04", "TB2026-08", "TB2026-12", "TB2026-24", "TB2026-32",
    ]  # fmt: skip
    assert tb2026["TB2026-60"].linje_slutt < 4109  # ends before "4. Budsjettildeling"


def test_2026_exempt_assignments(tb2026):
    assert tb2026["TB2026-05"].unntatt_offentlighet
    assert tb2026["TB2026-05"].tittel == "Oppdrag unntatt offentlighet jf. Offl. § 15 tredje ledd"
    # defined only in the supplementary letter's list "- TB2026-61 (unntatt offentlighet)."
    r = tb2026["TB2026-61"]
    assert (r.linje, r.brev_nr, r.brev_dato, r.tittel) == (6720, 2, dt.date(2026, 2, 27), None)
    assert r.unntatt_offentlighet and r.frister == []
    assert not tb2026["TB2026-04"].unntatt_offentlighet


def test_impossible_deadline_becomes_kontroll(corpus_docs):
    recs = oppdrag.extract(corpus_docs[("tildelingsbrev", 2026)])
    bad = [r for r in recs if isinstance(r, Kontroll)]
    assert {(r.nokkel, r.forventet) for r in bad} == {
        ("oppdrag TB2026-39 frist", "31.6.2026"),
        ("oppdrag TB2026-40 frist", "31.6.2026"),
    }
    assert all(not r.ok and r.linje in (2696, 2720) for r in bad)


def test_2023_mentions_match_hand_checked(corpus_docs):
    refs = _rows(corpus_docs[("tildelingsbrev", 2023)], "referanser")
    gold = [json.loads(s) for s in (FIXTURES / "oppdrag_mentions_2023.jsonl").read_text().splitlines() if s]
    assert {(r.linje, r.ref_id) for r in refs} == {(g["linje"], g["oppdrag_id"]) for g in gold}
    by_line = {(r.linje, r.ref_id): r for r in refs}
    assert by_line[(1338, "TTB2021-21")].raw == "TTB2021- 21"
    assert by_line[(1213, "TB2021-55")].fra_id == "TB2023-26"
    assert by_line[(3284, "TB2023-18")].fra_id == "TTB2023-04"  # an id inside another's heading
    assert by_line[(3265, "TTB2023-02")].fra_type is None  # the summary list is not an assignment


def test_2026_wrapped_and_broken_ids(corpus_docs):
    refs = {(r.linje, r.ref_id): r for r in _rows(corpus_docs[("tildelingsbrev", 2026)], "referanser")}
    assert (1272, "TB2025-103") in refs  # "TB2025-" + "103" on the next line
    assert (2325, "TB2026-02") in refs  # "TB- 2026-2"
    assert (975, "TB2026-12") in refs  # "TB2026 -12"
    assert (4781, "TB2026-32") in refs  # "TB2026–32" with an en dash
    assert {(4777, "TTB2024-40"), (4777, "TTB2024-41")} <= set(refs)  # "TTB2024-" + "40/41" wrapped


def test_deadline_in_a_sentence_that_opens_with_frist(tb2026):
    # "Frist for utarbeidelse av maler ... er tentativt 1.6.2026": the cue stands far from the date
    assert [str(d) for d in tb2026["TB2026-24"].frister] == ["2026-02-01", "2026-06-01"]
    assert [str(d) for d in tb2026["TB2026-38"].frister] == ["2026-06-15"]


def test_other_documents_give_only_mentions():
    lines = ["Oppdraget (jf. TB2023-14 og TTB2021- 21) er fullført.", "TB2023-14 Skolemåltid er levert."]
    doc = Document(
        "aarsrapport-2023-x", "f.txt", "0" * 64, "txt", [Line(i + 1, t) for i, t in enumerate(lines)]
    )
    doc = dataclasses.replace(doc, dokumenttype="aarsrapport", aar=2023)
    recs = oppdrag.extract(doc)
    assert all(isinstance(r, Referanse) for r in recs)
    assert [(r.linje, r.ref_id, r.raw) for r in recs] == [
        (1, "TB2023-14", "TB2023-14"),
        (1, "TTB2021-21", "TTB2021- 21"),
        (2, "TB2023-14", "TB2023-14"),
    ]
    assert not any(isinstance(r, Oppdrag) for r in recs)


def test_pdf_of_the_2023_letter_gives_the_same_assignments(corpus_docs):
    # the same letter as an A4 PDF with a running header and a "Side N" footer (the shared corpus's
    # PDF): every assignment, its text and every mention come out as from the text file
    from tests.pdf_factory import TB_2023_PDF, shared

    pdf_path = shared(TB_2023_PDF)
    from hdir_extract.classify import classify
    from hdir_extract.readers import read_document

    doc = read_document(pdf_path.name, pdf_path.read_bytes())
    cls = classify(doc)
    doc = dataclasses.replace(doc, dokumenttype=cls.dokumenttype, aar=cls.aar)
    fields = ("tittel", "avdeling", "frister", "refererer", "omraade", "brev_nr", "brev_dato", "tekst")

    def content(d):
        rows = oppdrag.extract(d)
        recs = {r.oppdrag_id: tuple(" ".join(str(getattr(r, f)).split()) for f in fields) for r in rows
                if r.table == "oppdrag"}  # fmt: skip
        return recs, sorted(r.ref_id for r in rows if r.table == "referanser")

    pdf_recs, pdf_mentions = content(doc)
    txt_recs, txt_mentions = content(corpus_docs[("tildelingsbrev", 2023)])
    assert len(pdf_recs) == 96
    assert pdf_recs == txt_recs
    assert pdf_mentions == txt_mentions
