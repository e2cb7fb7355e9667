"""The PDF path gives the same records as the text path for a document typeset from the corpus text.

The årsrapport is typeset line by line as an A4 PDF with a running head and page numbers
(tests/typeset/textlayer.py, the "textlayer" style of scripts/pdf_agreement.py), read back
through the pipeline and compared with the text on content fields (never line numbers). The text
layer is double-spaced (a blank line after every line), so the typeset pages have no body pitch
narrower than the running head's gap, and its tables separate cells by runs of spaces while single
spaces group the digits ("1 328 757  1 416 685").
"""

from __future__ import annotations

import collections

import pytest
import regex
from tests.conftest import ROOT
from tests.typeset.textlayer import typeset_lines

from hdir_extract.pipeline import extract_bytes
from hdir_extract.readers import read_document

AARSRAPPORT = ROOT / "data" / "raw" / "aarsrapport-2023-helsedirektoratet.txt"
KEYS = {
    "nokkeltall": ("kilde", "indikator", "aar", "verdi", "enhet"),
    "bevilgninger": ("kapittel", "post", "belopstype", "aar", "belop_nok"),
}


@pytest.fixture(scope="module")
def both():
    data = AARSRAPPORT.read_bytes()
    text = extract_bytes(AARSRAPPORT.name, data)
    title = text.tables["dokumenter"][0]["tittel"]
    pdf_bytes = typeset_lines(data.decode("utf-8").split("\n"), title)
    pdf = extract_bytes(AARSRAPPORT.stem + ".pdf", pdf_bytes)
    return text, pdf, pdf_bytes, title


def _keys(res, table: str) -> collections.Counter:
    return collections.Counter(tuple(str(r.get(f)) for f in KEYS[table]) for r in res.tables.get(table, []))


@pytest.mark.parametrize("table", ["nokkeltall", "bevilgninger"])
def test_pdf_gives_the_same_records_as_the_text(both, table):
    text, pdf, _, _ = both
    a, b = _keys(text, table), _keys(pdf, table)
    same = sum((a & b).values())
    assert len(a) > 250  # the årsrapport has ~330 key figures and ~300 appropriation amounts
    # agreement both ways: records lost and records the text does not have count alike
    assert same / max(sum(a.values()), sum(b.values())) >= 0.98, (
        sorted(a - b, key=str)[:5],
        sorted(b - a, key=str)[:5],
    )
    assert all(r.get("side") for r in pdf.tables[table])


def test_a_table_row_keeps_its_cells(both):
    """The row "1 328 757  1 416 685  106,60 %": the two-space cell gaps survive the PDF, so the amounts are
    not read as one number; the row's values are the text's."""
    _, pdf, _, _ = both
    rows = {
        (r["indikator"], r["verdi"], r["enhet"])
        for r in pdf.tables["nokkeltall"]
        if r["kilde"] == "Tabell 2-2" and r["indikator"] == "1062 Direktør"
    }
    assert rows == {
        ("1062 Direktør", 1328757.0, "kroner"),
        ("1062 Direktør", 1416685.0, "kroner"),
        ("1062 Direktør", 106.6, "prosent"),
        ("1062 Direktør", 4.0, "antall"),
        ("1062 Direktør", 2.0, "antall"),
    }


def test_running_head_and_page_numbers_are_furniture(both):
    _, _, pdf_bytes, title = both
    doc = read_document("aarsrapport.pdf", pdf_bytes)
    text = read_document(AARSRAPPORT.name, AARSRAPPORT.read_bytes())
    furniture = [(f.page, f.position, f.text) for f in doc.furniture]
    heads = [(p, t) for p, pos, t in furniture if pos == "topp" and t == title]
    feet = [(p, t) for p, pos, t in furniture if pos == "bunn"]
    assert heads == [(p, title) for p in range(1, doc.n_pages + 1)]
    assert feet == [(p, str(p)) for p in range(1, doc.n_pages + 1)]
    # the text's own footers ("Årsrapport 2023  15", two spaces kept) are furniture in both paths
    own = [t for _, _, t in furniture if t != title and _not_page_number(t)]
    assert own == [f.text for f in text.furniture]
    assert "Årsrapport 2023  15" in own
    assert not any(ln.text == title for ln in doc.lines)
    assert not any(regex.fullmatch(r"\d{1,3}", ln.text) and ln.text == str(ln.page) for ln in doc.lines)


def _not_page_number(text: str) -> bool:
    return not regex.fullmatch(r"\d{1,3}", text)
