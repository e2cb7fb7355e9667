"""bevilgninger survives the ways the same documents change: blank lines collapsed, dropped or doubled,
empty table cells merged or lost, page furniture between table rows (with the column header repeated
on the next page), next year's edition, and another ministry's kapittel numbers.

Each perturbed document is extracted once per module; its rows must equal the original's on content
(kapittel, post, belopstype, aar, amount, names), never on line numbers, and every printed sum must
still reconcile.
"""

from __future__ import annotations

import collections
from collections.abc import Callable

import pytest
import regex
from tests import perturb as P

from hdir_extract.document import Document
from hdir_extract.extractors.bevilgninger import extract
from hdir_extract.models import Bevilgning, Kontroll
from hdir_extract.readers.text import read_text

PROP = ("prop_1_s", 2025)
TB2026 = ("tildelingsbrev", 2026)
TB2023 = ("tildelingsbrev", 2023)
AARSRAPPORT = ("aarsrapport", 2023)
RUNNING_HEAD = ("Prop. 1 S (2024–2025)", "Helse- og omsorgsdepartementet")


def drop_empty_cells(lines: list[str]) -> list[str]:
    """A text layer that leaves out empty table cells (the tab-only lines)."""
    return [t for t in lines if t.strip() or "\t" not in t]


def prop_page_breaks(lines: list[str], every: int = 40) -> list[str]:
    """A PDF-derived proposition: a page break at the first row boundary after every `every` lines,
    with the running heads and page number (their order alternating between left and right pages);
    inside a kapittel table the column header ("\\tPost" ... "2025") is repeated on the new page."""
    out: list[str] = []
    header: list[str] | None = None
    collecting = False
    page, since = 1, 0
    for t in lines:
        if t == "\tPost":
            header, collecting = [t], True
        elif collecting:
            if t:
                header.append(t)  # type: ignore[union-attr]
            else:
                collecting = False
        if t.startswith("\tSum kap") or (not t.startswith("\t") and len(t) > 60):
            header = None
        out.append(t)
        since += 1
        if since >= every and t == "" and not collecting:
            page, since = page + 1, 0
            # the page number printed on the running head's line, as a PDF's text layer prints it
            heads = [f"{page} {RUNNING_HEAD[0]}", RUNNING_HEAD[1]]
            heads = heads if page % 2 else [RUNNING_HEAD[1], f"{RUNNING_HEAD[0]} {page}"]
            out.extend([*heads, ""])
            if header:
                out.extend([*header, ""])
    return out


def renumber(lines: list[str], mapping: dict[int, int]) -> list[str]:
    """Another ministry's proposition: the same tables under other kapittel numbers."""

    def new(m: regex.Match) -> str:
        return f"{m[1]}{mapping.get(int(m[2]), m[2])}"

    def sub(t: str) -> str:
        t = regex.sub(r"^(\t)(\d{3,4})(?=\s*$)", new, t)  # a kapittel cell of the resolution
        return regex.sub(r"((?:Sum kap\.|Kap\.)\s*)(\d{3,4})\b", new, t)

    return [sub(t) for t in lines]


# kap. 700-799 / 3700-3799 -> 500-599 / 3500-3599 (another ministry), and 700-709 -> 20-29 (two digits)
OTHER_MINISTRY = {k: k - 200 for k in [*range(700, 800), *range(3700, 3800)]}
TWO_DIGIT = {700 + i: 20 + i for i in range(10)}

PROP_CASES: dict[str, tuple[Callable[[list[str]], list[str]], int, dict[int, int]]] = {
    # name: (perturbation, year shift, kapittel mapping)
    "collapse_blanks": (P.collapse_blank_lines, 0, {}),
    "drop_interleaved_blanks": (P.drop_interleaved_blanks, 0, {}),
    "double_blanks": (P.double_blank_lines, 0, {}),
    "drop_empty_cells": (drop_empty_cells, 0, {}),
    "drop_empty_cells_double_blanks": (lambda t: P.double_blank_lines(drop_empty_cells(t)), 0, {}),
    "page_breaks": (prop_page_breaks, 0, {}),
    "page_breaks_collapsed": (lambda t: P.collapse_blank_lines(prop_page_breaks(t, 25)), 0, {}),
    "running_heads_anywhere": (
        lambda t: P.insert_page_furniture(t, 37, "\n".join([f"{RUNNING_HEAD[0]} {{n}}", RUNNING_HEAD[1]])),
        0,
        {},
    ),
    "next_year_double_blanks": (lambda t: P.double_blank_lines(P.shift_years(t, 1)), 1, {}),
    "other_ministry": (lambda t: renumber(t, OTHER_MINISTRY), 0, OTHER_MINISTRY),
    "two_digit_kapitler": (lambda t: renumber(t, TWO_DIGIT), 0, TWO_DIGIT),
}
LETTER_CASES: dict[str, tuple[tuple[str, int], Callable[[list[str]], list[str]]]] = {
    "tb2026_double_blanks": (TB2026, P.double_blank_lines),
    "tb2026_collapse_blanks": (TB2026, P.collapse_blank_lines),
    "tb2023_double_blanks": (TB2023, P.double_blank_lines),
    "aarsrapport_footers": (AARSRAPPORT, lambda t: P.insert_page_furniture(t, 41, "Årsrapport 2023  {n}")),
    "aarsrapport_double_blanks": (AARSRAPPORT, P.double_blank_lines),
}


def _doc(orig: Document, texts: list[str], shift: int = 0) -> Document:
    """The perturbed text read as a file is read (through the text reader, so it has blocks), classified
    as the original."""
    data = "\n".join(part for t in texts for part in t.split("\n")).encode("utf-8")
    doc = read_text(orig.source_file, data, orig.sha256)
    return doc.classified(orig.dok_id, orig.dokumenttype, (orig.aar or 0) + shift, orig.tittel, orig.utsteder)


def _content(recs, shift: int = 0, mapping: dict[int, int] | None = None) -> collections.Counter:
    mapping = mapping or {}
    navn = P.shift_years([r.postnavn or "" for r in recs if isinstance(r, Bevilgning)], shift)
    return collections.Counter(
        (mapping.get(r.kapittel, r.kapittel), r.post, r.belopstype, r.aar + shift, r.belop_nok, n)
        for r, n in zip([r for r in recs if isinstance(r, Bevilgning)], navn, strict=True)
    )


@pytest.fixture(scope="module")
def prop_results(corpus_docs):
    doc = corpus_docs[PROP]
    base = extract(doc)
    out = {}
    for name, (fn, shift, _mapping) in PROP_CASES.items():
        out[name] = extract(_doc(doc, fn(doc.texts), shift))
    return base, out


@pytest.fixture(scope="module")
def letter_results(corpus_docs):
    out = {}
    for name, (key, fn) in LETTER_CASES.items():
        doc = corpus_docs[key]
        out[name] = (extract(doc), extract(_doc(doc, fn(doc.texts))))
    return out


@pytest.mark.parametrize("name", list(PROP_CASES))
def test_prop_same_rows(prop_results, name):
    base, out = prop_results
    _fn, shift, mapping = PROP_CASES[name]
    want, got = _content(base, shift, mapping), _content(out[name])
    assert sum(want.values()) > 560
    assert got == want, (name, sorted(want - got)[:5], sorted(got - want)[:5])
    failed = [k.melding for k in out[name] if isinstance(k, Kontroll) and not k.ok]
    assert not failed, failed[:3]


def test_prop_new_kapittel_found_by_the_resolution(prop_results):
    """Kap. 760 prints only a forslag column; with its empty cells merged or dropped the amounts are
    placed by the proposed resolution (vedtak in kroner = forslag × 1000), not by blank-line counts."""
    _base, out = prop_results
    for name in ("collapse_blanks", "drop_empty_cells", "double_blanks"):
        rows = [r for r in out[name] if isinstance(r, Bevilgning) and r.kapittel == 760 and r.post == 21]
        kinds = sorted((r.belopstype, r.aar, r.belop_nok) for r in rows)
        assert ("forslag", 2025, 419_911_000) in kinds, (name, kinds)
        assert not [k for k in kinds if k[0] in ("regnskap", "saldert_budsjett")], (name, kinds)


def test_prop_next_year_columns(prop_results):
    _base, out = prop_results
    rows = [r for r in out["next_year_double_blanks"] if isinstance(r, Bevilgning)]
    kap700 = {(r.belopstype, r.aar): r.belop_nok for r in rows if r.kapittel == 700 and r.post == 1}
    assert kap700 == {
        ("regnskap", 2024): 282_495_000,
        ("saldert_budsjett", 2025): 299_351_000,
        ("forslag", 2026): 323_186_000,
        ("forslag_vedtak", 2026): 323_186_000,
    }


def test_prop_other_ministry_numbers(prop_results):
    _base, out = prop_results
    rows = [r for r in out["other_ministry"] if isinstance(r, Bevilgning)]
    assert any(r.kapittel == 3510 and r.belopstype == "regnskap" and r.post == 3 for r in rows)  # was 3710
    two = [r for r in out["two_digit_kapitler"] if isinstance(r, Bevilgning)]
    assert {(r.kapittel, r.belopstype) for r in two if r.kapittel == 20} == {
        (20, "regnskap"),
        (20, "saldert_budsjett"),
        (20, "forslag"),
        (20, "forslag_vedtak"),
    }


@pytest.mark.parametrize("name", list(LETTER_CASES))
def test_letters_and_report_same_rows(letter_results, name):
    base, got = letter_results[name]
    want, have = _content(base), _content(got)
    assert sum(want.values()) > 80
    assert have == want, (name, sorted(want - have)[:5], sorted(have - want)[:5])
    before = sorted(k.nokkel for k in base if isinstance(k, Kontroll) and not k.ok)
    after = sorted(k.nokkel for k in got if isinstance(k, Kontroll) and not k.ok)
    assert after == before
