"""oppdrag, brev and assignment mentions survive the ways a tildelingsbrev bundle changes: re-typeset
at another width (headings stay on their own lines, titles wrap elsewhere), blank lines collapsed,
dropped or doubled, letter page furniture ("Side N", the recipient's address, "Deres ref / Vår ref")
dropped mid-sentence, next year's edition, and the letters of the bundle in another order.

Each perturbed document is extracted once per module; its records must equal the original's on content
(id, title, department, deadlines, references, section, letter, text), never on line numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
import regex
from tests import perturb as P

from hdir_extract.document import Document
from hdir_extract.extractors import brev, oppdrag
from hdir_extract.extractors.brev.letters import segment_letters
from hdir_extract.readers.text import read_text

TB2023 = ("tildelingsbrev", 2023)
TB2026 = ("tildelingsbrev", 2026)
# the first page of a letter as PDF-to-text drops it into a later page: the recipient's address and
# the reference block, with the page number
LETTER_HEADER = (
    "Side {n}\nHelsedirektoratet\nPostboks 220 Skøyen\n0213 OSLO\n\nDeres ref\n\nVår ref\n23/2173-"
)
_YEAR = regex.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")


def _letter_furniture(lines: list[str]) -> list[str]:
    return "\n".join(P.insert_page_furniture(lines, every=41, header=LETTER_HEADER)).split("\n")


PERTURBATIONS: dict[str, Callable[[list[str]], list[str]]] = {
    "reflow_80": lambda lines: P.reflow_prose(lines, 80),
    "reflow_100": lambda lines: P.reflow_prose(lines, 100),
    "collapse_blanks": P.collapse_blank_lines,
    "drop_interleaved_blanks": P.drop_interleaved_blanks,
    "double_blanks": P.double_blank_lines,
    "page_furniture": P.insert_page_furniture,
    "letter_furniture": _letter_furniture,
    "next_year": lambda lines: P.shift_years(lines, 1),
}
FIELDS = (
    "tittel",
    "avdeling",
    "frister",
    "refererer",
    "omraade",
    "brev_nr",
    "brev_dato",
    "unntatt_offentlighet",
)
_EXTRACTED: dict[int, list] = {}


def _extract(doc: Document) -> list:
    """oppdrag.extract once per document object (the module's documents live as long as the module)."""
    if id(doc) not in _EXTRACTED:
        _EXTRACTED[id(doc)] = oppdrag.extract(doc)
    return _EXTRACTED[id(doc)]


def _doc(texts: list[str], like: Document) -> Document:
    """The changed text read again by the text reader (its blocks built from the new lines), classified
    as the original."""
    doc = read_text(like.source_file, ("\n".join(texts) + "\n").encode(), like.sha256)
    return doc.classified(like.dok_id, like.dokumenttype, like.aar, like.tittel, like.utsteder)


def _norm(value: object, shift: int = 0) -> str:
    s = regex.sub(r"\s+", " ", str(value)).strip()
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), s) if shift else s


def _content(doc: Document, shift: int = 0) -> dict[str, tuple[str, ...]]:
    rows = [r for r in _extract(doc) if r.table == "oppdrag"]
    return {_norm(r.oppdrag_id, shift): tuple(_norm(getattr(r, f), shift) for f in FIELDS) for r in rows}


def _mentions(doc: Document, shift: int = 0) -> list[str]:
    return sorted(_norm(r.ref_id, shift) for r in _extract(doc) if r.table == "referanser")


@pytest.fixture(scope="module")
def originals(corpus_docs):
    return {key: corpus_docs[key] for key in (TB2023, TB2026)}


@pytest.fixture(scope="module")
def perturbed(originals):
    out = {}
    for key, doc in originals.items():
        for name, fn in PERTURBATIONS.items():
            changed = _doc(fn(doc.texts), doc)
            if name == "next_year":
                changed = dataclasses.replace(changed, aar=doc.aar + 1)
            out[(key, name)] = changed
    return out


@pytest.mark.parametrize("key", [TB2023, TB2026], ids=["tb2023", "tb2026"])
@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_assignments_are_the_same(originals, perturbed, key, name):
    shift = 1 if name == "next_year" else 0
    before = _content(originals[key], shift)
    after = _content(perturbed[(key, name)])
    assert sorted(after) == sorted(before)
    wrong = {oid: (before[oid], after[oid]) for oid in before if before[oid] != after[oid]}
    assert not wrong


@pytest.mark.parametrize("name", ["collapse_blanks", "double_blanks", "page_furniture", "letter_furniture"])
def test_body_text_keeps_no_page_furniture(originals, perturbed, name):
    # the joined body is the same text: page furniture and blank lines never leak into it
    def tekst(doc):
        return {r.oppdrag_id: _norm(r.tekst) for r in _extract(doc) if r.table == "oppdrag"}

    for key in (TB2023, TB2026):
        assert tekst(perturbed[(key, name)]) == tekst(originals[key])


@pytest.mark.parametrize("name", ["reflow_80", "collapse_blanks", "double_blanks", "letter_furniture"])
def test_mentions_are_the_same(originals, perturbed, name):
    for key in (TB2023, TB2026):
        assert _mentions(perturbed[(key, name)]) == _mentions(originals[key])


def test_reflowed_titles_wrap_elsewhere_and_come_out_whole(perturbed):
    # the re-typeset heading's title wraps at another width than the original's (a check that the
    # perturbation really moved the line breaks the title rules must not depend on)
    doc = perturbed[(TB2023, "reflow_80")]
    heading = next(ln.no for ln in doc.lines if "TB2023-13 Eieravdeling" in ln.text)
    assert doc.text(heading + 1).strip() == "helse i barnehager, skoler og"
    rec = {r.oppdrag_id: r for r in _extract(doc) if r.table == "oppdrag"}
    assert (
        rec["TB2023-13"].tittel
        == "Veileder til ny forskrift om miljø og helse i barnehager, skoler og skolefritidsordninger mv."
    )
    assert rec["TB2023-11"].tittel == "Handlingsplan fysisk aktivitet 2020-2023"


def test_next_year_ids_are_headings_of_the_recognised_year(perturbed):
    rec = {r.oppdrag_id: r for r in oppdrag.extract(perturbed[(TB2026, "next_year")]) if r.table == "oppdrag"}
    assert sorted(rec) == [f"TB2027-{n:02d}" for n in range(1, 63)]
    # two-digit years shift too ("Frist: 1.11.26" -> "1.11.27")
    assert str(rec["TB2027-34"].frister[-1]) == "2027-11-01"
    # a document recognised without a year (or with the wrong one) still finds its own headings
    for aar in (None, 2026):
        doc = dataclasses.replace(perturbed[(TB2026, "next_year")], aar=aar)
        assert len([r for r in _extract(doc) if r.table == "oppdrag"]) == 62


def _reordered(doc: Document, order: list[int]) -> Document:
    segs = segment_letters(doc)
    parts = [doc.texts[s.linje_start - 1 : s.linje_slutt] for s in segs]
    return _doc([t for k in order for t in [*parts[k], ""]], doc)


@pytest.mark.parametrize("key", [TB2023, TB2026], ids=["tb2023", "tb2026"])
def test_supplementary_letter_first_brev_nr_follows_file_order(originals, key):
    doc = originals[key]
    n = len(segment_letters(doc))
    order = [*range(1, n), 0]  # the main letter last
    changed = _reordered(doc, order)
    letters = [r for r in brev.extract(changed)]
    original = brev.extract(doc)
    assert [r.brev_nr for r in letters] == list(range(1, n + 1))
    # the same letters, numbered in the new file order
    assert [(r.brevtype, r.dato, r.var_ref) for r in letters] == [
        (original[k].brevtype, original[k].dato, original[k].var_ref) for k in order
    ]
    before = {r.oppdrag_id: r for r in _extract(doc) if r.table == "oppdrag"}
    after = {r.oppdrag_id: r for r in oppdrag.extract(changed) if r.table == "oppdrag"}
    assert sorted(after) == sorted(before)
    for oid, r in after.items():
        assert (r.tittel, r.brev_dato, r.frister) == (
            before[oid].tittel,
            before[oid].brev_dato,
            before[oid].frister,
        )
        assert r.brev_nr == order.index(before[oid].brev_nr - 1) + 1, oid


def test_letter_without_date_keeps_null(originals):
    # the 2023 bundle's main letter and its last two supplements print no date: null, not guessed
    letters = brev.extract(originals[TB2023])
    assert [str(r.dato) if r.dato else None for r in letters] == [
        None, "2023-06-16", "2023-06-16", "2023-02-06", None, None,
    ]  # fmt: skip
