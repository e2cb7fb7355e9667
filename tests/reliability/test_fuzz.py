"""Every extractor on arbitrary text and on shuffled or truncated corpus documents returns records
(validated pydantic models) or nothing; it never raises."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import RAW, load_document

from hdir_extract.document import Document, Line
from hdir_extract.extractors import EXTRACTORS
from hdir_extract.models import Record

TYPES = ["tildelingsbrev", "aarsrapport", "prop_1_s", "meld_st"]
# text built from the characters and words the documents are made of, so generated lines reach deep
# into the extractors' rules (ids, amounts, dates, headings, list markers)
WORDS = [
    "TB2023-01", "TTB2024- 4", "Kap.", "Post", "0740", "01", "Sum kap.", "1 234", "−12", "–", "-",
    "(i 1 000 kr)", "Frist:", "1. mars 2024", "Vedtak nr. 66", "(2023–2024)", "«Stortinget ber", "»",
    "Mål 1:", "Nøkkeltall", "Regjeringen vil:", "Boks 4.1", "Dato", "Vår ref", "Side 2", "\t", "Tabell 2-4",
    "%", "mill. kroner", "Ja", "Nei", "Avd. HOD: FHA", "Tildeling", "Regnskap 2023", "Forslag 2025",
    "omsorgs-", "tjenesten",
]  # fmt: skip
line = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=8).map(" ".join)


def _doc(texts: list[str], dokumenttype: str, aar: int = 2024) -> Document:
    lines = [Line(no=i, text=t.replace("\n", " ").replace("\r", " ")) for i, t in enumerate(texts, start=1)]
    return Document(dok_id="fuzz", source_file="fuzz.txt", sha256="0" * 64, format="txt", lines=lines,
                    dokumenttype=dokumenttype, aar=aar)  # fmt: skip


def _run_all(doc: Document) -> None:
    for spec in EXTRACTORS:
        if doc.dokumenttype in spec.doc_types:
            records = spec.func(doc)
            assert all(isinstance(r, Record) for r in records), spec.name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=60), st.sampled_from(TYPES))
def test_extractors_never_crash_on_generated_text(texts, dokumenttype):
    _run_all(_doc(texts, dokumenttype))


def test_extractors_never_crash_on_shuffled_or_truncated_corpus():
    rng = random.Random(20261124)
    for path in sorted(RAW.glob("*.txt")):
        doc = load_document(path)
        texts = doc.texts
        for variant in (
            texts[: len(texts) // 3],  # truncated
            texts[len(texts) // 2 :],  # the second half only
            rng.sample(texts[:3000], k=min(3000, len(texts))),  # shuffled lines
            [t[: len(t) // 2] for t in texts[:3000]],  # every line cut in half
        ):
            _run_all(_doc(variant, doc.dokumenttype, doc.aar or 2024))
