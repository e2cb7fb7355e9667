"""Letter segmentation of the real tildelingsbrev bundles (`letters.segment_letters`, `brev`)."""

from __future__ import annotations

import datetime as dt

from hdir_extract.document import Document, Line
from hdir_extract.extractors import brev
from hdir_extract.extractors.brev.letters import furniture_lines, letter_at, segment_letters
from hdir_extract.models import Brev


def test_2023_bundle_letters_dates_and_refs(corpus_docs):
    doc = corpus_docs[("tildelingsbrev", 2023)]
    segs = segment_letters(doc)
    assert [s.brevtype for s in segs] == ["tildelingsbrev"] + ["tillegg"] * 5
    # the main letter and the last two supplementary letters print no date: null, not guessed
    assert [s.dato for s in segs] == [
        None,
        dt.date(2023, 6, 16),
        dt.date(2023, 6, 16),
        dt.date(2023, 2, 6),  # file order is not date order
        None,
        None,
    ]
    assert [s.var_ref for s in segs] == [None, "23/2173-", "23/2173-", "23/133-9", None, None]
    assert segs[1].emne == "Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til tildelingsbrev"
    assert segs[3].emne == "Tillegg til tildelingsbrev"
    # the letters tile the file (trailing blank lines aside)
    assert segs[0].linje_start == 1 and segs[-1].linje_slutt == 4102
    assert [s.linje_start for s in segs] == [1, 2896, 3111, 3238, 3584, 3839]
    # the date block of letter 4 stands after its first assignment (line 3314)
    assert segs[3].dato_linje == 3314
    assert letter_at(segs, 3284).brev_nr == 4 and letter_at(segs, 1000).brev_nr == 1


def test_2026_bundle_has_main_letter_and_supplement(corpus_docs):
    segs = segment_letters(corpus_docs[("tildelingsbrev", 2026)])
    assert [(s.brev_nr, s.brevtype, s.dato) for s in segs] == [
        (1, "tildelingsbrev", None),
        (2, "tillegg", dt.date(2026, 2, 27)),
    ]
    assert segs[1].emne == "Supplerende tildelingsbrev nr. 1 for 2026"
    assert segs[1].var_ref == "25/2306-"


def test_furniture_marks_page_numbers_address_and_ref_block(corpus_docs):
    doc = corpus_docs[("tildelingsbrev", 2023)]
    furn = furniture_lines(doc)
    assert doc.text(489).strip() == "Side 11" and 489 in furn
    assert {2924, 2925, 2926} <= furn  # Helsedirektoratet / Postboks 220 Skøyen / 0213 OSLO
    assert {2933, 2937, 2939, 2941, 2943} <= furn  # Deres ref / Vår ref / 23/2173- / Dato / date
    assert 1117 in furn  # a mailto: line dropped into an assignment
    assert 418 not in furn and 3892 in furn  # body text stays; a stray "Postboks" line does not


def test_brev_rows(corpus_docs):
    rows = brev.extract(corpus_docs[("tildelingsbrev", 2023)])
    assert all(isinstance(r, Brev) for r in rows)
    assert [r.brev_nr for r in rows] == [1, 2, 3, 4, 5, 6]
    assert all(r.linje == r.linje_start for r in rows)


def test_single_letter_without_subject():
    doc = Document(
        "d", "f.txt", "0" * 64, "txt", [Line(i + 1, t) for i, t in enumerate(["1 Innledning", "Tekst."])]
    )
    segs = segment_letters(doc)
    assert len(segs) == 1 and segs[0].brevtype == "tildelingsbrev" and segs[0].linje_slutt == 2
