"""Document type and year come from the content: renamed files are recognised all the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests import perturb as P
from tests.conftest import RAW, load_document

from hdir_extract.classify import classify
from hdir_extract.pipeline import extract_bytes
from hdir_extract.readers import read_document

EXPECTED = {
    "aarsrapport-2023-helsedirektoratet.txt": ("aarsrapport", 2023),
    "meld-st-9-2023-2024-nasjonal-helse-og-samhandlingsplan.txt": ("meld_st", 2024),
    "prop-1-s-2024-2025-helse-og-omsorgsdepartementet.txt": ("prop_1_s", 2025),
    "tildelingsbrev-2023-helsedirektoratet.txt": ("tildelingsbrev", 2023),
    "tildelingsbrev-2026-helsedirektoratet.txt": ("tildelingsbrev", 2026),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_type_and_year_from_content_of_renamed_file(name, tmp_path):
    renamed = tmp_path / "dokument_x9.txt"
    shutil.copy(RAW / name, renamed)
    doc = load_document(renamed)
    assert (doc.dokumenttype, doc.aar) == EXPECTED[name]


def test_titles_and_issuers(corpus_docs):
    prop = corpus_docs[("prop_1_s", 2025)]
    assert prop.tittel == "Prop. 1 S (2024–2025)"
    assert prop.utsteder == "Helse- og omsorgsdepartementet"
    meld = corpus_docs[("meld_st", 2024)]
    assert meld.tittel.startswith("Meld. St. 9 (2023–2024) Nasjonal helse- og samhandlingsplan")
    # the report's agency is read from its first pages (it prints no title page: the leader's foreword
    # names it), not assumed
    assert corpus_docs[("aarsrapport", 2023)].utsteder == "Helsedirektoratet"


def test_unknown_document_is_skipped_with_a_warning():
    res = extract_bytes("notat.txt", "Referat fra møte\n\nVi drøftet været og kantinen.\n".encode())
    assert res.skipped and not res.failed
    assert res.tables["dokumenter"][0]["dokumenttype"] == "ukjent"
    assert res.messages == [
        (
            "advarsel",
            "notat.txt: skipped: unknown document type (no known document type recognised from the content)",
        )
    ]


def test_a_mention_of_prop_1_s_in_prose_is_not_a_title():
    text = "1 Innledning\n\nDet vises til Prop. 1 S (2022 – 2023) fra departementet.\n"
    res = extract_bytes("x.txt", text.encode())
    assert res.tables["dokumenter"][0]["dokumenttype"] == "ukjent"


@pytest.mark.parametrize(
    "title",
    [
        "# Prop. 1 S (2025–2026) Proposisjon til Stortinget (forslag til stortingsvedtak)",
        "# Prop. 1 S (2025–2026) Helse- og omsorgsdepartementet",
    ],
)
def test_a_prop_title_a_converter_joined_on_one_line(title):
    text = f"{title}\n\nFOR BUDSJETTÅRET 2026\n\nUtgiftskapitler: 700–782\n"
    cls = classify(read_document("prop.md", text.encode()))
    assert (cls.dokumenttype, cls.aar, cls.tittel) == ("prop_1_s", 2026, "Prop. 1 S (2025–2026)")
    text = "# Innledning\n\nProp. 1 S (2025–2026) foreslår at bevilgningen økes.\n"
    assert classify(read_document("prop.md", text.encode())).dokumenttype == "ukjent"


# --- letters, oppdragsdokumenter and texts about them ----------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "extractors" / "oppdrag" / "fixtures"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


def _fixture(name: str):
    path = FIXTURES / name
    return classify(read_document(path.name, path.read_bytes()))


def _real(name: str):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared development set sits beside the clone)")
    return classify(read_document(path.name, path.read_bytes()))


@pytest.mark.parametrize(
    "name", ["supplerende-tildelingsbrev-2026-nr6.txt", "supplerende-tildelingsbrev-2026-nr6.md"]
)
def test_supplementary_letter_nr6_in_its_own_file(name):
    cls = _fixture(name)
    assert (cls.dokumenttype, cls.aar, cls.mottaker) == ("tildelingsbrev", 2026, "Helsedirektoratet")
    assert cls.tittel.startswith("Supplerende tildelingsbrev nr. 6")


def test_front_matter_never_decides():
    # the Markdown fixture's front matter says "Årsrapport 2019" and 2026-01-01: the letter says otherwise
    cls = _fixture("supplerende-tildelingsbrev-2026-nr6.md")
    assert cls.dokumenttype == "tildelingsbrev" and "2019" not in cls.tittel


def test_oppdragsdokument_is_its_own_type():
    cls = _fixture("oppdragsdokument-2026-nh.txt")
    assert (cls.dokumenttype, cls.aar, cls.mottaker) == ("oppdragsdokument", 2026, "Norsk helsenett SF")
    assert cls.tittel == "Oppdragsdokument til Norsk helsenett SF for 2026"
    corrected = _fixture("oppdragsdokument-2026-nh-korrigert.txt")
    assert (corrected.dokumenttype, corrected.aar) == ("oppdragsdokument", 2026)
    assert corrected.tittel.startswith("Korrigert oppdragsdokument")


@pytest.mark.parametrize("name", ["kilder-om-styringsdokumenter.txt", "kilder-om-aarsrapporter.md"])
def test_a_text_about_letters_and_reports_is_unknown(name):
    # lists of sources naming årsrapporter, tildelingsbrev and ids, prose quoting an årsrapport's
    # chapters, a heading "Årsrapport 2018", and front matter saying "annual_report"
    assert _fixture(name).dokumenttype == "ukjent"


def test_a_letter_title_without_letterhead_or_ids_is_unknown():
    text = "Tillegg til tildelingsbrev\n\nHer drøftes hvordan tillegg til tildelingsbrev skrives.\n"
    assert extract_bytes("notat.txt", text.encode()).tables["dokumenter"][0]["dokumenttype"] == "ukjent"


MELD9 = "Meld. St. 9 (2023–2024) Nasjonal helse- og samhandlingsplan 2024–2027"
REAL_EXPECTED = {
    "supplerende-tildelingsbrev-2026-nr1-helsedirektoratet.md": (
        "tildelingsbrev", 2026, "Supplerende tildelingsbrev nr. 1 for 2026"
    ),
    "supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md": (
        "tildelingsbrev", 2026, "Supplerende tildelingsbrev nr. 2 Helsedirektoratet"
    ),
    "supplerende-tildelingsbrev-2026-nr4-helsedirektoratet.md": (
        "tildelingsbrev", 2026, "Supplerende tildelingsbrev nr. 4 Helsedirektoratet"
    ),
    "oppdragsdokument-2026-norsk-helsenett.md": (
        "oppdragsdokument", 2026, "Oppdragsdokument til Norsk helsenett SF for 2026"
    ),
    "meld-st-9-2023-2024.docx-conversion.md": ("meld_st", 2024, MELD9),
    "meld-st-9-2023-2024.docx": ("meld_st", 2024, MELD9),
    # the development set's own README talks about all these documents: it is none of them
    "README.md": ("ukjent", None, None),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_renderings(name):
    cls = _real(name)
    assert (cls.dokumenttype, cls.aar, cls.tittel) == REAL_EXPECTED[name]


def test_annual_report_chapters_are_read_whole_and_without_blank_lines():
    """The chapter titles wrap ("2. Introduksjon til" / "virksomheten og hovedtall"): the heading is read
    whole. A text layer without its interleaved blank lines still shows three template chapters."""
    lines = (RAW / "aarsrapport-2023-helsedirektoratet.txt").read_text(encoding="utf-8").split("\n")
    for text in ("\n".join(lines), "\n".join(P.drop_interleaved_blanks(lines))):
        c = classify(read_document("rapport.txt", text.encode()))
        assert (c.dokumenttype, c.aar) == ("aarsrapport", 2023)
