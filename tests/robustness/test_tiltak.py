"""tiltak survives the ways the Meld. St. changes between text layers and editions (issue 11).

Each perturbed document is extracted once; its records must equal the original's on content (kilde,
nr, tekst, grensetilfelle), never on line numbers.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from tests import perturb as P
from tests.conftest import RAW, load_document
from tests.pdf_factory import MELD_PDF, shared

from hdir_extract.document import Document
from hdir_extract.extractors import tiltak
from hdir_extract.models import Tiltak
from hdir_extract.readers import read_document
from hdir_extract.readers.text import read_text

MELD = RAW / "meld-st-9-2023-2024-nasjonal-helse-og-samhandlingsplan.txt"


def _meld_heads(lines: list[str], every: int = 61) -> list[str]:
    """The white paper's own running heads (as a few pages of the corpus text still print them):
    "46 Meld. St. 9 2023–2024" on even pages, "2023–2024 Meld. St. 9 47" and the title on odd ones."""
    out: list[str] = []
    page = 12
    for i, t in enumerate(lines, start=1):
        out.append(t)
        if i % every == 0:
            page += 1
            if page % 2:
                head = [f"2023–2024 Meld. St. 9 {page}", "Nasjonal helse- og samhandlingsplan 2024–2027"]
            else:
                head = [f"{page} Meld. St. 9 2023–2024"]
            out.extend(["", *head, ""])
    return out


PERTURBATIONS = {
    "drop_interleaved_blanks": P.drop_interleaved_blanks,
    "double_blanks": P.double_blank_lines,
    "page_furniture_side": P.insert_page_furniture,
    "page_furniture_meld_heads": _meld_heads,
    "pdf_like": P.pdf_like,
    "no_blanks_and_heads": lambda lines: P.drop_interleaved_blanks(_meld_heads(lines)),
}


def _key(r: Tiltak) -> tuple:
    return (r.kilde, r.nr, r.tekst, r.grensetilfelle)


def _doc(lines: list[str], like: Document) -> Document:
    """The perturbed text read as a user's file is: lines and blocks from the text reader."""
    doc = read_text("perturbed.txt", "\n".join(lines).encode("utf-8"), "0")
    return dataclasses.replace(doc, dok_id=like.dok_id, dokumenttype=like.dokumenttype, aar=like.aar)


@pytest.fixture(scope="module")
def original() -> tuple[Document, list[Tiltak]]:
    doc = load_document(MELD)
    return doc, tiltak.extract(doc)


@pytest.fixture(scope="module")
def perturbed(original) -> dict[str, tuple[Document, list[Tiltak]]]:
    doc, _ = original
    out = {}
    for name, fn in PERTURBATIONS.items():
        pdoc = _doc(fn(doc.texts), doc)
        out[name] = (pdoc, tiltak.extract(pdoc))
    return out


def test_the_original_has_what_the_comparisons_rest_on(original):
    _, recs = original
    assert len(recs) == 147
    assert Counter(r.kilde for r in recs)["Boks 5.1"] == 29


@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_same_records_when_the_text_layer_changes(original, perturbed, name):
    _, recs = original
    _, got = perturbed[name]
    assert Counter(map(_key, got)) == Counter(map(_key, recs))


@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_line_numbers_point_at_the_item_in_the_perturbed_text(perturbed, name):
    doc, got = perturbed[name]
    for r in got:
        first = doc.text(r.linje)
        assert first.strip().startswith(("–", "•", "-")), (name, r.linje, first)
        assert r.linje <= r.linje_slutt and doc.text(r.linje_slutt).strip()


def test_no_blank_lines_and_no_page_indent_still_end_each_box(original):
    """Without blank lines and without the page-top indent, the box ends where the sentence it
    interrupted goes on ("… pårørende og helsepersonell" / "helse- og omsorgstjenester …")."""
    doc, recs = original
    got = tiltak.extract(_doc(P.drop_interleaved_blanks(P.pdf_like(doc.texts)), doc))
    boxes = Counter(map(_key, (r for r in got if r.kilde and r.kilde.startswith("Boks"))))
    assert boxes == Counter(map(_key, (r for r in recs if r.kilde and r.kilde.startswith("Boks"))))
    last = next(r for r in got if r.kilde == "Boks 4.1" and r.nr == 14)
    assert last.tekst.endswith("pasienter, brukere, pårørende og helsepersonell")


def test_next_years_edition(original):
    doc, recs = original
    got = tiltak.extract(_doc(P.shift_years(doc.texts, 1), doc))
    assert len(got) == len(recs)
    women = next(r for r in got if r.tekst.startswith("legge fram en egen strategi for kvinnehelse"))
    assert women.tekst == "legge fram en egen strategi for kvinnehelse i 2025"


def test_the_two_column_pdf_gives_the_same_records(original):
    """The Meld. St. typeset in two columns (pages break inside boxes, no "forts." and no page-top
    indent): every record equals the text's, the 9.4.1 item interrupted by two figures included."""
    _, recs = original
    got = tiltak.extract(load_document(shared(MELD_PDF)))
    assert Counter(map(_key, got)) == Counter(map(_key, recs))


def test_page_tops_elsewhere_in_the_text_layer(original):
    """The page-top indent of this .txt moved to other lines (other page breaks): same records."""
    doc, recs = original
    for every in (23, 57):
        lines = P.drop_interleaved_blanks(P.pdf_like(doc.texts))
        lines = [" " + t if i % every == 0 and t.strip() else t for i, t in enumerate(lines)]
        assert Counter(map(_key, tiltak.extract(_doc(lines, doc)))) == Counter(map(_key, recs)), every


def _typeset(lines: list[str], lines_per_page: int, font: str) -> bytes:
    """The text set line by line on A4 pages of `lines_per_page` lines, with a running head and a page
    number (as scripts/pdf_agreement.py does, with other page lengths and fonts)."""
    fpdf = pytest.importorskip("fpdf")
    matplotlib = pytest.importorskip("matplotlib")
    path = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / font
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("f", "", str(path))
    lines = [part for t in lines for part in (textwrap.wrap(t, 130, break_on_hyphens=False) or [t])]
    for n, start in enumerate(range(0, len(lines), lines_per_page), start=1):
        pdf.add_page()
        pdf.set_font("f", size=7)
        pdf.set_xy(15, 8)
        pdf.cell(180, 4, "Meld. St. 9 (2023–2024)")
        pdf.set_xy(15, 287)
        pdf.cell(180, 4, str(n), align="C")
        pdf.set_xy(15, 16)
        for text in lines[start : start + lines_per_page]:
            pdf.cell(180, 265 / lines_per_page, text.replace("\t", "    "), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# (lines per page, font, text change before typesetting); while a page change ended a box these gave
# 115/151 and 104/151; the re-flowed text also runs the two figures into the 9.4.1 item's rest
TYPESET = {
    "47_lines_sans": (47, "DejaVuSans.ttf", lambda lines: lines),
    "55_lines_serif_reflowed": (55, "DejaVuSerif.ttf", lambda lines: P.reflow_prose(lines, 80)),
}


@pytest.fixture(scope="module")
def typeset(original) -> dict[str, list[Tiltak]]:
    doc, _ = original
    out = {}
    for name, (per_page, font, change) in TYPESET.items():
        pdf = read_document("meld.pdf", _typeset(change(doc.texts), per_page, font))
        pdf = dataclasses.replace(pdf, dokumenttype=doc.dokumenttype, aar=doc.aar, dok_id=doc.dok_id)
        out[name] = tiltak.extract(pdf)
    return out


# this typesetter sets each page's first line 5 mm in (fpdf's set_xy before the left margin): an item
# there is no sub-item, as its wrapped lines return to the margin ("– sikre at kunnskap …", Boks 3.1)


@pytest.mark.parametrize("name", list(TYPESET))
def test_boxes_and_items_run_over_page_breaks_anywhere(original, typeset, name):
    _, recs = original
    assert Counter(map(_key, typeset[name])) == Counter(map(_key, recs))
