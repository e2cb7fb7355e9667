"""oppdrag extractor on the real tildelingsbrev bundles, and assignment mentions (referanser)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from conftest import FIXTURES
from hdir_extract.extractors import oppdrag
from hdir_extract.models import Kontroll, Oppdrag, OppdragHendelse, Referanse
from hdir_extract.readers.text import read_text


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
    text = "Oppdraget (jf. TB2023-14 og TTB2021- 21) er fullført.\nTB2023-14 Skolemåltid er levert.\n"
    doc = read_text("f.txt", text.encode(), "0" * 64).classified(
        "aarsrapport-2023-x", "aarsrapport", 2023, None, None
    )
    recs = oppdrag.extract(doc)
    assert all(isinstance(r, Referanse) for r in recs)
    assert [(r.linje, r.ref_id, r.raw) for r in recs] == [
        (1, "TB2023-14", "TB2023-14"),
        (1, "TTB2021-21", "TTB2021- 21"),
        (2, "TB2023-14", "TB2023-14"),
    ]
    assert not any(isinstance(r, Oppdrag) for r in recs)


def test_2023_events(corpus_docs):
    recs = oppdrag.extract(corpus_docs[("tildelingsbrev", 2023)])
    events = [
        (r.linje, r.oppdrag_id, r.hendelse, r.ny_oppdrag_id, r.brev_nr)
        for r in recs
        if isinstance(r, OppdragHendelse)
    ]
    # clarifications with an id of their own (an assignment row too), and a postponement
    assert events == [
        (3284, "TB2023-18", "presisering", "TTB2023-04", 4),
        (3429, "TB2023-63", "presisering", "TTB2023-05", 4),
        (3661, "TB2023-43", "presisering", "TTB2023-09", 5),
        (3701, "TB2023-32", "presisering", "TTB2023-10", 5),
        (4000, "TB2023-14", "presisering", "TTB2023-25", 6),
        (4077, "TB2023-31", "endring", None, 6),
    ]
    ttb = next(r for r in recs if isinstance(r, OppdragHendelse) and r.ny_oppdrag_id == "TTB2023-05")
    assert ttb.brev_dato == dt.date(2023, 2, 6) and ttb.frister == [dt.date(2023, 10, 1)]
    assert ttb.raw == "TB2023-63"  # the id it is about, as printed on its line


def test_pdf_of_the_2023_letter_gives_the_same_assignments(corpus_docs):
    # the same letter as an A4 PDF with a running header and a "Side N" footer (the PDF reader's
    # fixture): every assignment, its text and every mention come out as from the text file
    pdf_path = FIXTURES / "pdf_tildelingsbrev-2023.pdf"
    if not pdf_path.exists():
        pytest.skip("the PDF fixture is not in this checkout")
    from hdir_extract.classify import classify
    from hdir_extract.readers import read_document

    doc = read_document(pdf_path.name, pdf_path.read_bytes())
    if not doc.blocks:
        pytest.skip(
            "this checkout's PDF reader builds no blocks yet: read line by line, a table's unit line differs"
        )
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


# --- real letters in other renderings (../shared/real) --------------------------------------------

REAL = FIXTURES.parents[2] / "shared" / "real"


def _real(name: str):
    from hdir_extract.pipeline import classified
    from hdir_extract.readers import SourceError, read_document

    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared development set sits beside the clone)")
    try:
        doc = classified(read_document(path.name, path.read_bytes()))[0]
    except SourceError as e:
        pytest.skip(f"this checkout cannot read {path.suffix} yet: {e}")
    return oppdrag.extract(doc)


def test_real_nr2_assignments_and_clarifications():
    recs = _real("supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md")
    opp = {r.oppdrag_id: r for r in recs if isinstance(r, Oppdrag)}
    assert sorted(opp) == [f"TB2026-{n}" for n in range(63, 72)]
    # a bold run as heading, its body on the same line: "**TB 2026-67 Utfasing av …** Sivilombudet …"
    r = opp["TB2026-67"]
    assert (r.linje, r.raw, r.avdeling, r.frister) == (316, "TB 2026-67", "KTA", [dt.date(2026, 8, 21)])
    assert r.tittel == "Utfasing av dispensasjonsordning - førerkortforskriften § 45 tredje ledd"
    assert opp["TB2026-63"].tittel == "Helseteam tilknyttet barnevernsinstitusjoner"
    assert opp["TB2026-64"].avdeling == "SHA"  # "Frist: 1.5.2026 Ansvarlig avdeling i HOD: SHA"
    assert all(opp[f"TB2026-{n}"].tittel for n in range(63, 70))
    assert all(opp[i].unntatt_offentlighet and opp[i].tittel is None for i in ("TB2026-70", "TB2026-71"))
    # the clarifications of TB2026-17 and TB2026-25 are events, never new assignments
    events = {r.oppdrag_id: r for r in recs if isinstance(r, OppdragHendelse)}
    assert sorted(events) == ["TB2026-17", "TB2026-25"]
    assert {r.hendelse for r in events.values()} == {"presisering"}
    assert events["TB2026-17"].tillegg_nr == 2 and events["TB2026-17"].brev_dato == dt.date(2026, 4, 16)
    assert events["TB2026-17"].frister == [
        dt.date(2026, 6, 1), dt.date(2026, 6, 15), dt.date(2026, 10, 1), dt.date(2026, 11, 1),
    ]  # fmt: skip
    assert events["TB2026-25"].frister == [dt.date(2026, 12, 31)]


def test_real_nr4_assignments():
    recs = _real("supplerende-tildelingsbrev-2026-nr4-helsedirektoratet.md")
    opp = {r.oppdrag_id: r for r in recs if isinstance(r, Oppdrag)}
    assert sorted(opp) == [f"TB2026-{n}" for n in range(78, 99)]
    # the section's title wins over the summary list's shorter one
    assert opp["TB2026-93"].tittel == "Utarbeide forslag til representative beredskapssituasjoner"
    # sub-headings of their own level inside TB2026-83 come before its department line
    assert (opp["TB2026-83"].avdeling, opp["TB2026-83"].linje, opp["TB2026-83"].linje_slutt) == (
        "SHA",
        235,
        318,
    )
    assert opp["TB2026-83"].frister == [dt.date(2026, 10, 1), dt.date(2027, 1, 1), dt.date(2028, 1, 1)]
    assert opp["TB2026-98"].unntatt_offentlighet
    assert opp["TB2026-97"].avdeling == "SHA" and opp["TB2026-97"].linje_slutt == 573
    assert not any(isinstance(r, OppdragHendelse) for r in recs)


def test_real_oppdragsdokument():
    recs = _real("oppdragsdokument-2026-norsk-helsenett.md")
    opp = {r.oppdrag_id: r for r in recs if isinstance(r, Oppdrag)}
    # the enterprise's own numbering "ID: 2026-03" becomes an id unique per recipient and year
    assert sorted(opp) == [f"NH2026-{n:02d}" for n in range(1, 12)]
    assert opp["NH2026-03"].raw == "ID: 2026-03" and opp["NH2026-03"].tittel == "Digital foreldrestøtte"
    assert opp["NH2026-07"].tittel == "Digital sikkerhet i helse- og omsorgssektoren og kommunesektoren"
    assert opp["NH2026-05"].frister == [dt.date(2026, 6, 1), dt.date(2026, 10, 1)]
    assert opp["NH2026-01"].brev_dato == dt.date(2026, 1, 19)
    # "Frist: 31.06.2026" is no date: a check, not a deadline
    bad = [r for r in recs if isinstance(r, Kontroll)]
    assert [(r.nokkel, r.forventet) for r in bad] == [("oppdrag NH2026-09 frist", "31.06.2026")]


def test_real_nr4_quoted_resolutions():
    from hdir_extract.extractors import anmodningsvedtak
    from hdir_extract.pipeline import classified
    from hdir_extract.readers import read_document

    path = REAL / "supplerende-tildelingsbrev-2026-nr4-helsedirektoratet.md"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared development set sits beside the clone)")
    doc = classified(read_document(path.name, path.read_bytes()))[0]
    refs = [r for r in anmodningsvedtak.extract(doc) if isinstance(r, Referanse)]
    quoted = {(r.linje, r.ref_id, r.sesjon) for r in refs if r.ref_id in ("583", "585", "586", "587", "588")}
    # each quote dated "av 26. mars 2026" (session 2025-2026), and its label; the label "5. Vedtak 588"
    # over a quote of 587 is kept as printed, with the quote's session
    assert quoted == {
        (408, "583", "2025-2026"), (410, "583", "2025-2026"), (418, "585", "2025-2026"),
        (420, "585", "2025-2026"), (426, "586", "2025-2026"), (428, "586", "2025-2026"),
        (434, "587", "2025-2026"), (436, "587", "2025-2026"), (444, "588", "2025-2026"),
        (446, "587", "2025-2026"),
    }  # fmt: skip
    # resolutions named without a quote keep their session unprinted
    assert {(r.ref_id, r.sesjon) for r in refs if r.linje == 394} == {("456", None), ("454", None)}
