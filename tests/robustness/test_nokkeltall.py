"""nokkeltall and indikatorer give the same records when the documents change the way real documents
change: other blank-line patterns, page furniture in other places, re-flowed prose.

Records are compared on content (kilde, indikator, aar, verdi, enhet; type, maal_nr, tekst), never
on line numbers. Each perturbed document is extracted once per module.
"""

from __future__ import annotations

import collections
import textwrap

import pytest
import regex
from tests import perturb as P

from hdir_extract.document import Document
from hdir_extract.extractors import indikatorer, nokkeltall
from hdir_extract.models import Indikator, Kontroll, Nokkeltall
from hdir_extract.readers.text import read_text


def _doc(texts: list[str], like: Document) -> Document:
    """The changed text read the way a file is read: the text reader builds its blocks."""
    doc = read_text(like.source_file, "\n".join(texts).encode("utf-8"), "0" * 64)
    return doc.classified(like.dok_id, like.dokumenttype, like.aar, like.tittel, like.utsteder)


def _values(doc: Document) -> collections.Counter:
    return collections.Counter(
        (r.kilde, r.indikator, r.aar, r.verdi, r.enhet, r.verditype)
        for r in nokkeltall.extract(doc)
        if isinstance(r, Nokkeltall)
    )


def _items(doc: Document) -> collections.Counter:
    return collections.Counter(
        (r.type, r.maal_nr, r.tekst, tuple(r.underpunkter))
        for r in indikatorer.extract(doc)
        if isinstance(r, Indikator)
    )


_FOOTER = "Årsrapport 2023  {n}"  # the årsrapport's own running footer
# a row of an accounts table: four or more amount groups at the end of the line
_TABLE_ROW = regex.compile(r"(?:\s+-?\d{1,3}|\s+(?:Ikke aktuell|-)){4,}\s*$")
AARSRAPPORT = {
    "drop_interleaved_blanks": P.drop_interleaved_blanks,
    "double_blanks": P.double_blank_lines,
    "collapse_blanks": P.collapse_blank_lines,
    "footer_every_55": lambda ls: P.insert_page_furniture(ls, header=_FOOTER),
    "footer_every_37": lambda ls: P.insert_page_furniture(ls, every=37, header=_FOOTER),
    "side_n": P.insert_page_furniture,
    # a text layer without the interleaved blanks, then page breaks at other places
    "tight_with_footer": lambda ls: P.insert_page_furniture(
        P.drop_interleaved_blanks(ls), every=47, header=_FOOTER
    ),
    "reflow_80": lambda ls: P.reflow_prose(ls, 80),
    # what the PDF reader gives for a typeset text: a wide gap (3+ spaces) becomes a TAB
    "wide_gaps_as_tabs": lambda ls: [regex.sub(r" {3,}", "\t", t) for t in ls],
    # a typesetter's line wrap at a narrower measure: a long heading leaves a word or two alone
    # ("... og antall" / "LIS" / "i allmennmedisin (i ny ordning).")
    # (a table row is laid out on one line however wide: only text lines are wrapped)
    "typeset_wrap_100": lambda ls: [
        p
        for t in ls
        for p in (
            [t]
            if _TABLE_ROW.search(t)
            else textwrap.wrap(t, 100, break_on_hyphens=False, break_long_words=False) or [t]
        )
    ],
}
LETTERS = {
    "drop_interleaved_blanks": P.drop_interleaved_blanks,
    "double_blanks": P.double_blank_lines,
    "side_n": P.insert_page_furniture,
    "reflow_80": lambda ls: P.reflow_prose(ls, 80),
    "reflow_100": lambda ls: P.reflow_prose(ls, 100),
}


@pytest.fixture(scope="module")
def aarsrapport(corpus_docs):
    doc = corpus_docs[("aarsrapport", 2023)]
    return doc, _values(doc), [ln.text for ln in doc.lines]


@pytest.mark.parametrize("name", list(AARSRAPPORT))
def test_aarsrapport_values_survive(aarsrapport, name):
    doc, base, texts = aarsrapport
    changed = _values(_doc(AARSRAPPORT[name](texts), doc))
    assert sum(base.values()) > 300
    assert changed == base, (
        name,
        list((base - changed).elements())[:5],
        list((changed - base).elements())[:5],
    )


@pytest.mark.parametrize("year", [2023, 2026])
@pytest.mark.parametrize("name", list(LETTERS))
def test_indikatorer_survive(corpus_docs, year, name):
    doc = corpus_docs[("tildelingsbrev", year)]
    base = _items(doc)
    changed = _items(_doc(LETTERS[name]([ln.text for ln in doc.lines]), doc))
    assert sum(base.values()) >= 60
    assert changed == base, (
        name,
        list((base - changed).elements())[:3],
        list((changed - base).elements())[:3],
    )


def test_intro_sentence_wrapped_before_its_colon(corpus_docs):
    """'De utvalgte nøkkeltallene' / 'er:' re-wrapped still opens the list outside any goal."""
    doc = corpus_docs[("tildelingsbrev", 2023)]
    texts = [ln.text for ln in doc.lines]
    i = next(k for k, t in enumerate(texts) if t.strip().endswith("De utvalgte nøkkeltallene er:"))
    texts[i : i + 1] = [texts[i].replace(" er:", ""), "er:"]
    items = [r for r in indikatorer.extract(_doc(texts, doc)) if isinstance(r, Indikator)]
    assert "Overtid" in {r.tekst for r in items if r.maal_nr is None}


def test_section_text_joined_across_lines_and_page_breaks(corpus_docs):
    """A value, its unit and its year split by a page break still read as one value."""
    doc = corpus_docs[("aarsrapport", 2023)]
    texts = [ln.text for ln in doc.lines]
    i = next(k for k, t in enumerate(texts) if t.startswith("Tilbakekrevd beløp i 2023 er 98"))
    texts[i : i + 1] = ["Tilbakekrevd beløp i 2023 er 98", "", "Årsrapport 2023  88", "", "millioner kroner."]
    rows = [r for r in nokkeltall.extract(_doc(texts, doc)) if isinstance(r, Nokkeltall)]
    hit = [r for r in rows if r.kilde == "Nøkkeltall 5" and r.verdi == 98]
    assert [(r.enhet, r.aar) for r in hit] == [("mill. kroner", 2023)]


def test_total_row_is_checked():
    texts = [
        "Tabell 9-1 Antall saker",
        "",
        "Sakstype  2023  2022",
        "Klager  120  100",
        "Søknader  80  95",
        "Sum  200  196",
        "",
        "Dette er en lang setning med vanlig tekst som ikke er en del av tabellen i det hele tatt.",
    ]
    # only the id, type and year of this Document are used: `_doc` reads the lines through the text reader
    like = Document(dok_id="t", source_file="t.txt", sha256="0" * 64, format="txt", lines=[],
                    dokumenttype="aarsrapport", aar=2023)  # fmt: skip
    checks = {r.nokkel: r for r in nokkeltall.extract(_doc(texts, like)) if isinstance(r, Kontroll)}
    assert checks["Tabell 9-1 Sum 2023"].ok
    assert not checks["Tabell 9-1 Sum 2022"].ok and checks["Tabell 9-1 Sum 2022"].avvik == -1
