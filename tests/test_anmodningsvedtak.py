"""anmodningsvedtak: resolutions from the Prop. 1 S (overview + entries) and the Meld. St. (quoted
in running text), and numbered mentions in all documents, tested on the real corpus."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
from collections import Counter
from pathlib import Path

import pytest

from hdir_extract.document import Document
from hdir_extract.extractors import anmodningsvedtak
from hdir_extract.extractors.anmodningsvedtak.links import cross_document_checks
from hdir_extract.extractors.anmodningsvedtak.text import behandling_of, fulgt_opp
from hdir_extract.models import Anmodningsvedtak, Kontroll, Referanse
from hdir_extract.readers.text import read_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROP = ("prop_1_s", 2025)
MELD = ("meld_st", 2024)
TB23 = ("tildelingsbrev", 2023)
TB26 = ("tildelingsbrev", 2026)


@pytest.fixture(scope="module")
def results(corpus_docs):
    return {key: anmodningsvedtak.extract(doc) for key, doc in corpus_docs.items()}


def _rows(results, key) -> dict[tuple[str | None, int], Anmodningsvedtak]:
    return {(r.sesjon, r.vedtak_nr): r for r in results[key] if isinstance(r, Anmodningsvedtak)}


def _refs(results, key) -> list[Referanse]:
    return [r for r in results[key] if isinstance(r, Referanse)]


def _jsonl(name: str) -> list[dict]:
    return [json.loads(s) for s in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if s.strip()]


def _doc(lines: list[str], dokumenttype: str = "prop_1_s") -> Document:
    """A text document read like a file (blocks from the line-based layout), of the given type."""
    doc = read_text("test.txt", ("\n".join(lines) + "\n").encode("utf-8"), "0" * 64)
    return dataclasses.replace(doc, dok_id="test-doc", dokumenttype=dokumenttype)


# --- Prop. 1 S -----------------------------------------------------------------------------------


def test_prop_resolution_67(results):
    r = _rows(results, PROP)[("2023-2024", 67)]
    assert r.dato == dt.date(2023, 12, 4)
    assert r.linje == 834  # the "Vedtak nr. 67" line of the first printing
    assert r.stikkord == "Registreringsordning for kommersielle helseinstitusjoner"
    assert r.vedtakstekst.startswith("Stortinget ber regjeringen i løpet av våren 2024 fremme nødvendige")
    assert r.vedtakstekst.endswith("legemiddelforskrivning og sykemeldingspraksis.")
    assert r.rapportering_avsluttes is True and r.fulgt_opp is True
    assert r.behandling == "Meld. St. 9 (2023–2024), jf. Innst. 387 S (2023–2024)"
    assert r.kilde == "omtale"


def test_prop_open_and_repealed_resolutions(results):
    rows = _rows(results, PROP)
    r692 = rows[("2023-2024", 692)]
    assert r692.rapportering_avsluttes is False and r692.fulgt_opp is False
    assert r692.stikkord == "Kostnader sykehusbygg"  # from the overview table
    assert r692.overskrift == "Avskrivninger og rentekompensasjon for sykehusbygg"  # the entry heading
    # repeal proposed ("foreslår at vedtak nr. 987 oppheves"): the text says neither done nor continuing
    assert rows[("2020-2021", 987)].fulgt_opp is None
    assert rows[("2020-2021", 987)].rapportering_avsluttes is True
    # "Vedtak nr. 876 4. mai 2021": no comma between number and date
    assert rows[("2020-2021", 876)].dato == dt.date(2021, 5, 4)
    # "Vedtak 611, 26. mai 2020": no "nr."
    assert rows[("2019-2020", 611)].dato == dt.date(2020, 5, 26)
    # a quote over several lines (a. – d.) with the list joined in
    r20 = rows[("2018-2019", 20)]
    assert "b. en gjennomgang av refusjonsordningene på tannhelsefeltet" in r20.vedtakstekst
    assert r20.vedtakstekst.endswith("til spesielle diagnoser.")
    # inner quotes stay, outer ones go
    assert rows[("2018-2019", 25)].vedtakstekst == (
        "Stortinget ber regjeringen fremme forslag om at «ensomhet» tas inn i folkehelseloven § 7."
    )


def test_prop_overview_merge(results):
    rows = _rows(results, PROP)
    assert len(rows) == 91  # every overview row, every entry merged into it
    assert Counter(r.rapportering_avsluttes for r in rows.values()) == Counter({False: 56, True: 35})
    assert all(r.kilde == "omtale" and r.vedtakstekst for r in rows.values())
    assert {s for s, _ in rows} == {
        "2023-2024", "2022-2023", "2021-2022", "2020-2021", "2019-2020", "2018-2019", "2017-2018", "2015-2016"
    }  # fmt: skip
    summary = [k for k in results[PROP] if isinstance(k, Kontroll) and k.kontroll == "oversikt_mot_omtale"]
    assert [(k.forventet, k.beregnet, k.ok) for k in summary] == [("91", "91", True)]


def test_prop_duplicated_entries_give_one_row(results):
    rows = [r for r in results[PROP] if isinstance(r, Anmodningsvedtak)]
    assert len(rows) == len({(r.sesjon, r.vedtak_nr) for r in rows})
    by_key = _rows(results, PROP)
    # printed at 834 and again at 3117; 832 again at 7506 as "17.juni 2022"; 416 at 7931 without «»
    assert by_key[("2023-2024", 67)].linje == 834
    assert by_key[("2021-2022", 832)].linje == 1112 and by_key[("2021-2022", 832)].dato == dt.date(
        2022, 6, 17
    )
    assert by_key[("2021-2022", 416)].linje == 1060
    # 44 exists in two sessions: the later printing (no session marker) goes to 2022-2023 by its date
    assert by_key[("2022-2023", 44)].dato == dt.date(2022, 11, 15)
    assert by_key[("2018-2019", 44)].dato == dt.date(2018, 11, 20)


def test_prop_matches_gold_records(results, corpus_docs):
    files = {doc.source_file: key for key, doc in corpus_docs.items()}
    for g in _jsonl("anmodningsvedtak_gold.jsonl"):
        r = _rows(results, files[g["dokument"]])[(g["sesjon"], g["vedtak_nr"])]
        assert str(r.dato) == g["dato"], g
        assert abs(r.linje - g["linje"]) <= 2, g
        assert r.rapportering_avsluttes == g["rapportering_avsluttes"], g
        assert g["fulgt_opp"] is None or r.fulgt_opp == g["fulgt_opp"], g
        ratio = difflib.SequenceMatcher(None, g["vedtakstekst"], r.vedtakstekst).ratio()
        assert ratio >= 0.95, (g["vedtak_nr"], r.vedtakstekst)


# --- Meld. St. -----------------------------------------------------------------------------------


def test_meld_quoted_resolutions(results):
    rows = _rows(results, MELD)
    assert set(rows) == {("2021-2022", 417), ("2021-2022", 561)}
    r561 = rows[("2021-2022", 561)]  # session not printed: from the date 12. mai 2022
    assert r561.dato == dt.date(2022, 5, 12) and r561.linje == 9058
    assert r561.stikkord == "Første del i legers spesialistutdanning – LIS1"
    assert "som har gjennomført praktisk tjeneste i et annet EU-/EØS-land" in r561.vedtakstekst
    assert r561.vedtakstekst.endswith("innen utgangen av 2022.")
    assert r561.behandling == "Helse- og omsorgskomiteen den 12. mai 2022"
    assert r561.fulgt_opp is False and r561.kilde == "lopende_tekst"
    r417 = rows[("2021-2022", 417)]  # no date: the session of the Innst. 170 L (2021–2022)
    assert r417.behandling == "Prop. 236 L (2020–2021), jf. Innst. 170 L (2021–2022)"
    assert "spesialistgodkjenning av helsepersonell, herunder" in r417.vedtakstekst
    # "Lovvedtak 47 (2021–2022)" in the same sentence is no resolution and no mention
    assert not _refs(results, MELD)


def test_cross_document_date_disagreement(results):
    tables = {
        "anmodningsvedtak": [
            r.model_dump(mode="json")
            for key in (PROP, MELD)
            for r in results[key]
            if isinstance(r, Anmodningsvedtak)
        ]
    }
    checks = cross_document_checks(tables)
    dates = [c for c in checks if "vedtak 561 (2021-2022) dato" in c["nokkel"]]
    assert len(dates) == 1 and {dates[0]["forventet"], dates[0]["beregnet"]} == {"2022-05-24", "2022-05-12"}
    assert not any("vedtak 417" in c["nokkel"] for c in checks)  # same text in both documents


# --- mentions ------------------------------------------------------------------------------------


def test_mentions_tildelingsbrev_2023_exact(results):
    got = {(r.linje, r.ref_id, r.sesjon) for r in _refs(results, TB23)}
    tb = [
        g
        for g in _jsonl("anmodningsvedtak_mentions.jsonl")
        if g["dokument"].startswith("tildelingsbrev-2023")
    ]
    gold = {(g["linje"], str(g["vedtak_nr"]), g["sesjon"]) for g in tb}
    assert got == gold  # "vedtak nr.693", "vedtak nr. 1 (trontaledebatten)", "90 2020-2021.)", "645 og 646"
    assert not [r for r in results[TB23] if isinstance(r, Anmodningsvedtak)]


def test_mentions_prop_lists_and_dates(results):
    refs = _refs(results, PROP)
    at = lambda n: sorted((r.ref_id, r.sesjon) for r in refs if r.linje == n)  # noqa: E731
    # "Vedtak nr. 9, 6. oktober 2020, nr. 702, 25. februar 2021 og 987, 25. mai 2021": days are no numbers
    assert at(11509) == [("702", None), ("9", None), ("987", None)]
    assert at(317) == [("645", None), ("646", None)]  # "nr. 645 og nr. 646 av 18. februar 2021"
    assert at(969) == [("832", "2021-2022"), ("86", "2022-2023")]  # each its own session
    assert at(6967) == [("986", "2020-2021")]
    # not resolutions: "Lovvedtak 20 (2020–2021)", "romertallsvedtak"; an entry's own header and
    # the entry speaking of itself ("vedtak nr. 987 oppheves" inside 987) are no mentions
    assert not at(1143) and not at(1193) and not at(1199) and not at(371)
    inside = [r for r in refs if r.linje == 995]
    assert [(r.ref_id, r.fra_type, r.fra_id) for r in inside] == [("832", "anmodningsvedtak", "2022-2023/86")]


def test_mentions_tildelingsbrev_2026(results):
    refs = {(r.linje, r.ref_id): r for r in _refs(results, TB26)}
    assert refs[(2904, "704")].sesjon == refs[(2904, "705")].sesjon == "2024-2025"  # "704 og 705 (2024-2025)"
    assert refs[(2991, "705")].sesjon is None  # "(2024-2025)" belongs to "Dokument 8:119 S"
    assert refs[(743, "67")].sesjon == "2025-2026"
    assert {(2319, "504"), (2319, "507"), (1501, "1031"), (1511, "1032")} <= set(refs)


def test_mention_forms_synthetic():
    doc = _doc(
        [
            "Stortinget fattet 86 vedtak i saken, jf. Lovvedtak 47 (2021–2022) og romertallsvedtak II.",
            "Det vises til anmodnings-",
            "vedtak 417 og anmodningsvedtak nr. 12 (2023−",
            "2024) samt vedtak 5 (2024 – 2025).",
            "Se Stortingets vedtak nr. 7, 6. oktober 2020 og vedtak 2023 om saken.",
        ],
        "tildelingsbrev",
    )
    got = [(r.linje, r.ref_id, r.sesjon) for r in anmodningsvedtak.extract(doc)]
    assert got == [(3, "417", None), (3, "12", "2023-2024"), (4, "5", "2024-2025"), (5, "7", None)]


# --- follow-up and kontroller --------------------------------------------------------------------


def test_fulgt_opp_rules():
    assert fulgt_opp("Tilskuddet videreføres. Anmodningsvedtaket anses som fulgt opp.") is True
    assert fulgt_opp("Regjeringen vil komme tilbake til Stortinget på egnet måte.") is False
    assert fulgt_opp("Anmodningsvedtaket er fulgt opp gjennom videreføring av tilskuddsordningen.") is True
    assert (
        fulgt_opp("Regjeringen foreslår at vedtak nr. 987 oppheves, jf. forslag til romertallsvedtak.")
        is None
    )
    assert fulgt_opp("Saken ble diskutert i møtet.") is None


def test_behandling_forms():
    assert behandling_of("Vedtaket ble truffet i forbindelse med trontaledebatten 6. oktober 2020.") == (
        "trontaledebatten 6. oktober 2020"
    )
    assert behandling_of(
        "Vedtaket ble truffet ved behandling av Dokument 8:98 S (2021–2022) og Dokument 8:128 S "
        "(2021–2022), jf. Innst. 297 S (2021–2022)."
    ) == ("Dokument 8:98 S (2021–2022) og Dokument 8:128 S (2021–2022), jf. Innst. 297 S (2021–2022)")


def test_overview_entry_disagreements_synthetic():
    doc = _doc(
        [
            "Oversikt over anmodnings- og utredningsvedtak, ordnet etter sesjon og nummer",
            "\tSesjon\t\tVedtak nr.\tStikkord\tRapportering avsluttes (Ja/Nei)",
            "",
            "\t2023–2024",
            "\t5",
            "\tEt tiltak",
            "\tJa",
            "",
            "\t2023–2024",
            "\t6",
            "\tEt annet tiltak",
            "\tNei",
            "",
            "Stortingssesjon (2023–2024)",
            "Et tiltak",
            "Vedtak nr. 5, 5. oktober 2023",
            "«Stortinget ber regjeringen gjøre noe.»",
            "Vedtaket ble truffet i forbindelse med trontaledebatten 5. oktober 2023.",
            "Regjeringen vil komme tilbake til Stortinget på egnet måte.",
            "Ny del",
            "Noe annet skjer her i en lang setning som slutter med punktum.",
            "Et tiltak",
            "Vedtak nr. 5, 6. oktober 2023",
            "«Stortinget ber regjeringen gjøre noe.»",
            "Vedtaket ble truffet i forbindelse med trontaledebatten 5. oktober 2023.",
        ]
    )
    recs = anmodningsvedtak.extract(doc)
    rows = {(r.sesjon, r.vedtak_nr): r for r in recs if isinstance(r, Anmodningsvedtak)}
    assert set(rows) == {("2023-2024", 5), ("2023-2024", 6)}
    assert rows[("2023-2024", 5)].linje == 16 and rows[("2023-2024", 5)].rapportering_avsluttes is True
    assert rows[("2023-2024", 6)].kilde == "oversikt"
    failed = {(k.kontroll, k.linje) for k in recs if isinstance(k, Kontroll) and not k.ok}
    assert failed == {
        ("oversikt_mot_omtale", 10),  # 6 is in the overview but has no entry
        ("oversikt_mot_omtale", 16),  # Ja in the overview, but the government will come back
        ("omtale_mot_omtale", 23),  # printed twice with different dates
        ("oversikt_mot_omtale", 5),  # the summary: 1 of 2 overview rows described
    }


def test_prop_reflowed_gives_the_same_rows(results, corpus_docs):
    """The same Prop. 1 S wrapped at 85 characters (as PDF text comes): same rows, same readings."""
    import textwrap

    doc = corpus_docs[PROP]
    lines: list[str] = []
    for ln in doc.lines:
        wrap = len(ln.text) > 90 and not ln.text.startswith("\t")
        lines.extend(textwrap.wrap(ln.text, 85, break_on_hyphens=False) if wrap else [ln.text])
    wrapped = anmodningsvedtak.extract(_doc(lines))
    got = {(r.sesjon, r.vedtak_nr): r for r in wrapped if isinstance(r, Anmodningsvedtak)}
    base = _rows(results, PROP)
    assert set(got) == set(base)
    fields = ("dato", "vedtakstekst", "rapportering_avsluttes", "fulgt_opp", "stikkord", "behandling")
    for key, b in base.items():
        assert [getattr(got[key], f) for f in fields] == [getattr(b, f) for f in fields], key
    assert len([r for r in wrapped if isinstance(r, Referanse)]) == len(_refs(results, PROP))
