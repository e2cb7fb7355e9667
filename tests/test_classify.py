"""Document type and year come from the content: renamed files are recognised all the same."""

from __future__ import annotations

import shutil

import pytest
from tests.conftest import RAW, load_document

from hdir_extract.pipeline import extract_bytes

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
