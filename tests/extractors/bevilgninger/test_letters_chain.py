"""The allocation chain of 2026: the main letter's tildeling plus every later change must give where the
next letter's change table starts (kontroll "tildelingskjede")."""

from __future__ import annotations

from tests.conftest import RAW
from tests.extractors.bevilgninger.real_letters import NHN, NR2, NR4, real_letter, real_path, tables_of

from hdir_extract.checks.tildeling_chain import tildeling_chain_checks
from hdir_extract.extractors.bevilgninger import extract
from hdir_extract.models import Dokument

TB2026 = RAW / "tildelingsbrev-2026-helsedirektoratet.txt"


def test_bundle_main_letter_and_nr1(corpus_rows):
    """The 2026 bundle: nr. 1's 760.21 table starts from the main letter's 335 550."""
    links = {
        k["nokkel"]: (k["forventet"], k["beregnet"], k["ok"], k["linje"])
        for k in corpus_rows["kontroller"]
        if k["kontroll"] == "tildelingskjede"
    }
    key = "kap 760 post 21 2026 Helsedirektoratet: tidligere_tildeling brev 2"
    assert links[key] == ("335550000", "335550000", True, 6781)
    # 2023: letter 4's headerless 765.21 table starts from the main letter's 187 166
    key = "kap 765 post 21 2023 Helsedirektoratet: tidligere_tildeling brev 4"
    assert links[key] == ("187166000", "187166000", True, 3537)
    assert len(links) == 6 and all(v[2] for v in links.values())


def test_nr2_starts_where_nr1_left_every_post():
    tables = tables_of(TB2026, real_path(NR2), real_path(NR4))
    nr2 = [
        k for k in tables["kontroller"] if k["kontroll"] == "tildelingskjede" and k["linje"] in range(80, 200)
    ]
    # ten change tables in nr. 2, each starting from main letter + nr. 1 (760.21: 335 550 + 12 200)
    assert len(nr2) == 10 and all(k["ok"] for k in nr2)
    assert ("347750000", "347750000", True) in [(k["forventet"], k["beregnet"], k["ok"]) for k in nr2]


def test_a_missing_letter_breaks_the_chain():
    """The main letter and nr. 2 without nr. 1's rows: nr. 2's 760.21 table starts 12 200 higher than the
    chain has reached."""
    tables = tables_of(TB2026, real_path(NR2))
    nr1 = {(r["dok_id"], r["brev_nr"]) for r in tables["bevilgninger"] if r.get("brev_dato") == "2026-02-27"}
    assert nr1
    rows = [r for r in tables["bevilgninger"] if (r["dok_id"], r["brev_nr"]) not in nr1]
    checks = tildeling_chain_checks({**tables, "bevilgninger": rows})
    link = next(k for k in checks if k["nokkel"].startswith("kap 760 post 21 ") and k["linje"] == 158)
    assert (link["forventet"], link["beregnet"], link["ok"], link["avvik"]) == (
        "347750000",
        "335550000",
        False,
        -12_200_000.0,
    )


def test_another_recipient_is_never_added_to_the_directorate():
    """Norsk helsenett's 760.21 (4 100) in its oppdragsdokument stays out of the directorate's chain."""
    doc = real_letter(NHN, "oppdragsdokument")
    nhn = [r.model_dump(mode="json") for r in extract(doc)]
    dokument = Dokument(
        dok_id=doc.dok_id,
        dokumenttype="oppdragsdokument",
        aar=2026,
        tittel=None,
        utsteder=None,
        kilde_fil=NHN,
        sha256=doc.sha256,
        format="md",
        antall_linjer=len(doc.lines),
        antall_sider=None,
    ).model_dump(mode="json")
    tables = tables_of(TB2026, extra={"bevilgninger": nhn, "dokumenter": [dokument]})
    links = [k for k in tables["kontroller"] if k["kontroll"] == "tildelingskjede"]
    link = next(k for k in links if k["nokkel"].startswith("kap 760 post 21 2026 Helsedirektoratet"))
    assert (link["forventet"], link["beregnet"], link["ok"]) == ("335550000", "335550000", True)
    assert not [k for k in links if k["dok_id"] == doc.dok_id]  # its chain has one letter: no link
