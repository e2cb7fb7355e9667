"""Kapittel/post tables read on their own (`kp_table.read_kp_table`): an overview table "Kap. Post
Betegnelse Endring" in "Mill. kroner" (constructed, as text and as a typeset PDF), and the real
Prop. 1 LS (2025–2026) tables 1.4 and 15.1 read through the PDF reader."""

from __future__ import annotations

import collections
import hashlib
import io
from pathlib import Path

import pytest

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.bevilgninger.kp_table import KPTable, read_kp_table
from hdir_extract.extractors.bevilgninger.prop_rows import printed_rows
from hdir_extract.readers import read_document
from hdir_extract.readers.text import read_text

from . import prop_fixtures as F

PROP_1_LS = (
    Path(__file__).resolve().parents[3]
    / ".."
    / "shared"
    / "corpus"
    / "pdf-real"
    / "prop-1-ls-2025-2026-skatter-og-avgifter.pdf"
)


def table_at(doc: Document, caption: str) -> KPTable | None:
    """The table a caption names, read from the document's blocks (from the captioned TABLE block or
    caption on); a document without blocks from its lines."""
    if doc.blocks:
        i = next(
            i
            for i, b in enumerate(doc.blocks)
            if (b.caption or "").startswith(caption)
            or (b.kind is not Kind.TABLE and b.text.startswith(caption))
        )
        rows = printed_rows(doc, doc.blocks[i:])
    else:
        rows = printed_rows(doc)
    start = next(i for i, r in enumerate(rows) if r.text.startswith(caption))
    return read_kp_table(rows[start:])


@pytest.fixture(scope="module", params=["txt", "pdf"])
def overview(request) -> KPTable:
    if request.param == "txt":
        data = "\n".join(F.rows_text(F.overview())).encode("utf-8")
        doc = read_text("oversikt.txt", data, hashlib.sha256(data).hexdigest())
    else:
        doc = read_document("oversikt.pdf", F.typeset_pdf(F.overview(), "fpdf"))
    table = table_at(doc, "Tabell 2.3")
    assert table is not None
    return table


def test_overview_table_in_millions(overview):
    t = overview
    assert t.unit == 1_000_000 and t.columns == ("Endring",)
    got = {(v.kap, v.post): v.belop_nok for v in t.values}
    assert got == {
        (5501, 70): -240_000_000,
        (5501, 72): -1_615_000_000,
        (5501, 74): 85_000_000,
        (5511, 70): 0,
        (5521, 70): 2_415_000_000,  # "5521 70 Merverdiavgift 2 415": kapittel and post on one line
        (5536, 71): -310_000_000,
        (5536, 72): 25_000_000,
        (5700, 72): 1_120_000_000,
    }  # "Sektoravgifter2 40" names no kapittel or post; the footnotes end the table
    kap = {k.kap: k.navn for k in t.kapitler}
    assert kap[5501] == "Skatter på formue og inntekt"  # the footnote digit glued to the name dropped
    assert kap[5521] == "Merverdiavgift"


@pytest.fixture(scope="module")
def prop_1_ls() -> Document:
    if not PROP_1_LS.exists():
        pytest.skip(f"the real Prop. 1 LS PDF is not here: {PROP_1_LS}")
    import pypdfium2 as pdfium

    # the pages of tables 1.4 and 15.1 and a few around them (the reader tells running heads by their
    # repeats), as a PDF of their own: reading all 419 pages takes minutes
    src = pdfium.PdfDocument(PROP_1_LS.read_bytes())
    part = pdfium.PdfDocument.new()
    part.import_pages(src, [*range(22, 32), *range(258, 266)])
    buf = io.BytesIO()
    part.save(buf)
    return read_document("prop-1-ls-2025-2026-utdrag.pdf", buf.getvalue())


def test_prop_1_ls_table_1_4(prop_1_ls):
    """Tabell 1.4 (pages 27–29): "Kap. Post Betegnelse Endring", Mill. kroner, over three pages."""
    t = table_at(prop_1_ls, "Tabell 1.4 Anslåtte")
    assert t is not None and t.unit == 1_000_000 and t.columns == ("Endring",)
    got = {(v.kap, v.post): v.belop_nok for v in t.values}
    assert got[(5521, 70)] == 3_770_000_000  # "5521 70 Merverdiavgift 3 770"
    assert got[(5501, 72)] == -1_959_000_000
    assert got[(5541, 70)] == -2_330_000_000
    assert got[(5543, 70)] == 1_488_000_000
    assert got[(5700, 71)] == -2_361_000_000 and got[(5700, 72)] == 11_000_000
    assert got[(5526, 70)] == 0
    assert len(got) == 56  # every post of the table, zeros too
    assert {k.kap: k.navn for k in t.kapitler}[5501] == "Skatter på formue og inntekt"


def test_prop_1_ls_table_15_1(prop_1_ls):
    """Tabell 15.1 (page 263): "Regnskap Anslag Anslag" over "Kap. Post 2024 2025 2026", Mill. kroner;
    nil dashes hold their column; the printed "Sum sektoravgifter" equals the posts (to its rounding)."""
    t = table_at(prop_1_ls, "Tabell 15.1 Bokførte")
    assert t is not None and t.unit == 1_000_000
    assert t.columns == ("Regnskap 2024", "Anslag 2025", "Anslag 2026")
    got = {(v.kap, v.post, v.column): v.belop_nok for v in t.values}
    assert got[(5572, 73, 0)] == 271_300_000
    assert got[(5574, 77, 2)] == 1_275_100_000  # "1 124,2  1 217,5  1 275,1"
    assert [c for (k, p, c) in got if (k, p) == (5578, 73)] == [0]  # "726,5 - -"
    assert [c for (k, p, c) in got if (k, p) == (5582, 73)] == [1, 2]  # "- 690,0 690,0"
    sums = collections.defaultdict(float)
    for v in t.values:
        sums[v.column] += v.value
    (label, printed), *_ = t.sums
    assert label == "Sum sektoravgifter"
    for col, cell in enumerate(printed):
        assert abs(sums[col] - float(cell.text.replace(" ", "").replace(",", "."))) <= 0.25


def test_prop_1_ls_table_1_3_names_wrapped_over_their_amounts(prop_1_ls):
    """Tabell 1.3 (pages 24–26): a post's name wrapped over two lines with its four amounts printed on
    the last ("70 Trinnskatt, formuesskatt mv. fra" / "personlige skattytere ..... 125 611 136 081 133 300
    157 737") is one row; a name hyphenated at the line end ("petroleums-" / "virksomhet …") too, and a
    negative amount ("-3") keeps its sign."""
    t = table_at(prop_1_ls, "Tabell 1.3 Bokførte")
    assert t is not None and t.unit == 1_000_000
    got = {(v.kap, v.post, v.column): v.belop_nok for v in t.values}
    assert got[(5501, 70, 0)] == 125_611_000_000 and got[(5501, 70, 3)] == 157_737_000_000
    assert got[(5501, 72, 3)] == 206_453_000_000  # "72 Fellesskatt mv. fra personlige" / "skattytere …"
    assert got[(5508, 70, 3)] == 9_400_000_000
    assert got[(5509, 70, 0)] == -3_000_000
    assert got[(5521, 70, 3)] == 420_970_000_000  # a one-post kapittel on one line with its post
    names = {p.post: p.navn for k in t.kapitler if k.kap == 5501 for p in k.posts}
    assert names[70] == "Trinnskatt, formuesskatt mv. fra personlige skattytere"
