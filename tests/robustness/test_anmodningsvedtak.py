"""anmodningsvedtak under the ways documents change: the same resolutions (every content field, texts
compared after whitespace is normalised) and the same mentions come out of the perturbed corpus."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from tests import perturb as P

from hdir_extract.document import Document
from hdir_extract.extractors import anmodningsvedtak
from hdir_extract.models import Anmodningsvedtak, Referanse
from hdir_extract.readers.text import read_text

PROP = ("prop_1_s", 2025)
MELD = ("meld_st", 2024)
FIELDS = (
    "sesjon", "vedtak_nr", "dato", "stikkord", "overskrift", "vedtakstekst", "behandling",
    "rapportering_avsluttes", "fulgt_opp", "oppfolging",
)  # fmt: skip


def _running_heads(left: str, right: str):
    """White-paper running heads: "<left>  165" on odd pages, "164  <right>" on even pages, at a page
    break every 55 lines (in mid-paragraph, in mid-quote, between "Vedtak nr." and its quote)."""

    def apply(lines: list[str]) -> list[str]:
        out: list[str] = []
        page = 1
        for i, t in enumerate(lines, start=1):
            out.append(t)
            if i % 55 == 0:
                page += 1
                out.extend(["", f"{left}  {page}" if page % 2 else f"{page}  {right}", ""])
        return out

    return apply


def _wrap(width: int):
    """A one-line-per-paragraph text set in a column of `width` characters, long lower-case words
    hyphenated before a consonant + vowel ("anmodningsved-" / "tak")."""

    def wrap_line(t: str) -> list[str]:
        out: list[str] = []
        cur = ""
        for w in t.split():
            if not cur or len(cur) + 1 + len(w) <= width:
                cur = f"{cur} {w}" if cur else w
                continue
            room = width - len(cur) - 2
            cuts = [
                k
                for k in range(3, min(room, len(w) - 3) + 1)
                if w.isalpha() and w.islower() and w[k] not in "aeiouyæøå" and w[k + 1] in "aeiouyæøå"
            ]
            if room >= 4 and len(w) >= 8 and cuts:
                out.append(f"{cur} {w[: cuts[-1]]}-")
                cur = w[cuts[-1] :]
            else:
                out.append(cur)
                cur = w
        return [*out, cur] if cur else out

    def apply(lines: list[str]) -> list[str]:
        return [p for t in lines for p in (wrap_line(t) if len(t) > width and "\t" not in t else [t])]

    return apply


def _doc(original: Document, lines: list[str]) -> Document:
    """The changed text read like a file (blocks from the line-based layout), classified as before."""
    doc = read_text(original.source_file, ("\n".join(lines) + "\n").encode("utf-8"), original.sha256)
    return dataclasses.replace(
        doc, dok_id=original.dok_id, dokumenttype=original.dokumenttype, aar=original.aar
    )


def _norm(v: object) -> str:
    return " ".join(str(v).split()) if v is not None else ""


def _content(records) -> tuple[Counter, Counter]:
    rows = Counter(
        tuple(_norm(getattr(r, f)) for f in FIELDS) for r in records if isinstance(r, Anmodningsvedtak)
    )
    refs = Counter((r.ref_id, r.sesjon, r.fra_id) for r in records if isinstance(r, Referanse))
    return rows, refs


MELD_CASES = {
    "double_blanks": P.double_blank_lines,
    "drop_interleaved_blanks": P.drop_interleaved_blanks,
    "running_heads": _running_heads(
        "Meld. St. 9 (2023–2024)", "Nasjonal helse- og samhandlingsplan 2024–2027"
    ),
    "side_n": P.insert_page_furniture,
    "reflow_100": lambda lines: P.reflow_prose(lines, 100),
    "no_blanks_and_heads": lambda lines: _running_heads("Meld. St. 9 (2023–2024)", "Nasjonal helse- og")(
        P.drop_interleaved_blanks(lines)
    ),
}
PROP_CASES = {
    "running_heads": _running_heads("Prop. 1 S (2024–2025)", "Helse- og omsorgsdepartementet"),
    "column_85": _wrap(85),
    "column_50": _wrap(50),
    "column_60_and_heads": lambda lines: _running_heads(
        "Prop. 1 S (2024–2025)", "Helse- og omsorgsdepartementet"
    )(_wrap(60)(lines)),
    "double_blanks": P.double_blank_lines,
    "pdf_like": P.pdf_like,  # the overview table's cells on lines of their own, no tabs
}


@pytest.fixture(scope="module")
def base(corpus_docs):
    return {key: _content(anmodningsvedtak.extract(corpus_docs[key])) for key in (PROP, MELD)}


@pytest.mark.parametrize("case", sorted(MELD_CASES))
def test_meld_quoted_resolutions_survive(case, corpus_docs, base):
    doc = corpus_docs[MELD]
    rows, refs = _content(anmodningsvedtak.extract(_doc(doc, MELD_CASES[case](doc.texts))))
    assert rows == base[MELD][0]
    assert refs == base[MELD][1]
    assert {(r[0], r[1]) for r in rows} == {("2021-2022", "417"), ("2021-2022", "561")}


@pytest.mark.parametrize("case", sorted(PROP_CASES))
def test_prop_entries_survive(case, corpus_docs, base):
    doc = corpus_docs[PROP]
    rows, refs = _content(anmodningsvedtak.extract(_doc(doc, PROP_CASES[case](doc.texts))))
    lost = base[PROP][0] - rows
    assert not lost, sorted(lost)[:2]
    assert rows == base[PROP][0]
    assert refs == base[PROP][1]


def test_prop_next_year(corpus_docs):
    doc = corpus_docs[PROP]
    rows = {
        (r.sesjon, r.vedtak_nr): r
        for r in anmodningsvedtak.extract(_doc(doc, P.shift_years(doc.texts, 1)))
        if isinstance(r, Anmodningsvedtak)
    }
    r = rows[("2024-2025", 67)]  # resolution 67 of 2023-2024, a year on
    assert r.dato is not None and r.dato.year == 2024 and r.rapportering_avsluttes is True
    assert r.stikkord == "Registreringsordning for kommersielle helseinstitusjoner"
    assert len(rows) == 91


def test_running_heads_are_found_and_mapped_back(corpus_docs):
    """A quote broken by a running head reads as one text, and every record keeps the line of the
    file it came from (grounding reads that line)."""
    doc = corpus_docs[MELD]
    lines = _running_heads("Meld. St. 9 (2023–2024)", "Nasjonal helse- og samhandlingsplan 2024–2027")(
        doc.texts
    )
    changed = _doc(doc, lines)
    rows = [r for r in anmodningsvedtak.extract(changed) if isinstance(r, Anmodningsvedtak)]
    for r in rows:
        assert f"Vedtak {r.vedtak_nr}" in changed.text(r.linje) or f"nr. {r.vedtak_nr}" in changed.text(
            r.linje
        )
    r417 = next(r for r in rows if r.vedtak_nr == 417)
    assert "Meld. St." not in r417.vedtakstekst and r417.vedtakstekst.endswith("så snart som mulig.")


def test_hyphenated_trigger_word_is_a_mention():
    text = "Det vises til omtale under anmodningsved-\ntak nr. 692 (2023–2024) om sykehusbygg.\n"
    doc = dataclasses.replace(
        read_text("t.txt", text.encode("utf-8"), "0" * 64), dokumenttype="tildelingsbrev"
    )
    refs = [r for r in anmodningsvedtak.extract(doc) if isinstance(r, Referanse)]
    assert [(r.ref_id, r.sesjon, r.linje) for r in refs] == [("692", "2023-2024", 2)]
