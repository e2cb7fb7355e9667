"""Test PDFs made on the fly with fpdf2 (a dev dependency) and pypdfium2: bad files, blank pages, a
ruled and an aligned table; and the paths of the shared corpus PDFs (tests skip where they are absent).

Core fonts only know Latin-1, so the texts avoid the en dash; æøå are fine.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF

BUDGET_ROWS = [
    ("01", "Driftsutgifter", "1 270 911", "1 316 400"),
    ("21", "Spesielle driftsutgifter, kan overføres", "120 350", "128 600"),
    ("22", "Gebyrfinansierte ordninger", "28 531", "28 531"),
    ("60", "Kommunale tiltak, kan overføres", "87 930", "82 300"),
    ("70", "Rusmiddeltiltak, kan overføres", "186 480", "186 400"),
    ("74", "Skolefrukt, kan overføres", "21 648", "21 648"),
    ("79", "Andre tilskudd, kan overføres", "88 935", "70 200"),
]


def _letter_page(pdf: FPDF, n: int, body: list[str]) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(150, 10)
    pdf.cell(40, 5, f"Side {n}", align="R")
    pdf.set_xy(20, 285)
    pdf.cell(170, 5, "Tildelingsbrev 2024 - Helsedirektoratet")
    pdf.set_xy(20, 30)
    pdf.set_font("Helvetica", size=11)
    for line in body:
        pdf.cell(170, 6, line, new_x="LMARGIN", new_y="NEXT")


def letter(pages: int = 3) -> bytes:
    """An A4 letter: 'Side N' head and a footer on every page, two body lines per page."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_left_margin(20)
    for n in range(1, pages + 1):
        _letter_page(
            pdf, n, [f"Avsnitt {n} om oppdrag til direktoratet.", f"Frist for oppdrag {n} er 1. mars."]
        )
    return bytes(pdf.output())


def encrypted() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="eier", user_password="hemmelig")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(100, 10, "Hemmelig brev")
    return bytes(pdf.output())


def image_only(pages: int = 2) -> bytes:
    """A 'scanned' PDF: every page is a picture, no text layer."""
    from PIL import Image, ImageDraw

    pdf = FPDF()
    for n in range(pages):
        img = Image.new("L", (400, 200), 255)
        ImageDraw.Draw(img).text((20, 80), f"Skannet side {n + 1}", fill=0)
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        pdf.add_page()
        pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def zero_pages() -> bytes:
    import pypdfium2 as pdfium

    buf = io.BytesIO()
    pdfium.PdfDocument.new().save(buf)
    return buf.getvalue()


def ruled_table(repeat: int = 6) -> bytes:
    """A budget table with ruling lines on every cell, long enough to run over two pages (fpdf2 repeats
    the header row on the second page), with a paragraph before it."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Kap. 714 Folkehelse\n(i 1 000 kr)")
    pdf.ln(4)
    with pdf.table(col_widths=(15, 85, 35, 35), text_align=("LEFT", "LEFT", "RIGHT", "RIGHT")) as table:
        table.row(("Post", "Betegnelse", "Regnskap 2023", "Forslag 2025"))
        for _ in range(repeat):
            for row in BUDGET_ROWS:
                table.row(row)
    return bytes(pdf.output())


def partly_scanned() -> bytes:
    """Three text pages of a letter with a scanned (image-only) page in the middle."""
    from PIL import Image

    pdf = FPDF(format="A4")
    for n in (1, 2, 3):
        pdf.add_page()
        if n == 2:
            buf = io.BytesIO()
            Image.new("L", (400, 200), 255).save(buf, format="PNG")
            pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=180)
            continue
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(20, 30)
        body = ["Helsedirektoratet skal utrede endring i alkoholloven.", "Frist for oppdraget er 1. mai."]
        for line in body if n == 1 else [*body[::-1], "Departementet ber om en kort rapport."]:
            pdf.cell(170, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def with_blank_pages() -> bytes:
    """A letter with an empty page between its two text pages, and a page with only a rule on it."""
    pdf = FPDF(format="A4")
    body = {
        1: ["Helsedirektoratet skal utrede endring i alkoholloven.", "Frist for oppdraget er 1. mai."],
        3: ["Departementet ber om en kort rapport.", "Rapporten sendes innen 1. juni."],
    }
    for n in (1, 2, 3, 4):
        pdf.add_page()
        if n in body:
            pdf.set_font("Helvetica", size=11)
            pdf.set_xy(20, 30 + 10 * n)
            for line in body[n]:
                pdf.cell(170, 6, line, new_x="LMARGIN", new_y="NEXT")
        elif n == 4:
            pdf.line(20, 30, 190, 30)  # a drawn rule: still nothing to read, and no picture
    return bytes(pdf.output())


def blank(pages: int = 3) -> bytes:
    """Only empty pages."""
    pdf = FPDF(format="A4")
    for _ in range(pages):
        pdf.add_page()
    return bytes(pdf.output())


#: an unruled table set in aligned columns, as a proposition prints its kapittel/post tables: a
#: kapittel on its own row, its posts under it, a one-post kapittel on one row, dot leaders, and
#: amounts flush right with single spaces in the numbers and narrow gaps between the year columns
ALIGNED_ROWS = [
    ("", "", "", "Regnskap", "Anslag", "Anslag"),
    ("Kap.", "Post", "Betegnelse", "2024", "2025", "2026"),
    ("5572", "", "Helse- og omsorgsdepartementet", "", "", ""),
    ("", "70", "Legemiddeldetaljistavgift", "107,2", "76,0", "76,0"),
    ("", "73", "Legemiddelleverandøravgift", "271,3", "240,0", "240,0"),
    ("5574", "77", "Sektoravgifter Kystverket", "1 124,2", "1 217,5", "1 275,1"),
    ("", "", "Sum sektoravgifter", "4 797,3", "4 922,3", "5 173,1"),
]


def aligned_table() -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(20, 20)
    pdf.multi_cell(170, 5, "Tabell 15.1 Bokførte inntekter fra sektoravgifter. Mill. kroner")
    # columns: code and post left-aligned at fixed x, the name with a dot leader, three amounts
    # flush right whose gaps are narrower than a tab
    lefts = (20, 35, 48)
    rights = (150, 170, 190)
    y = 35.0
    for row in ALIGNED_ROWS:
        for x, text in zip(lefts, row[:3], strict=True):
            pdf.set_xy(x, y)
            pdf.cell(0, 5, text)
        if row[2] and row[5]:
            start = 48 + pdf.get_string_width(row[2]) + 1
            pdf.set_xy(start, y)
            pdf.cell(0, 5, "." * int((128 - start) / pdf.get_string_width(".")))
        for x, text in zip(rights, row[3:], strict=True):
            pdf.set_xy(x - pdf.get_string_width(text), y)
            pdf.cell(pdf.get_string_width(text), 5, text)
        y += 6
    pdf.set_xy(20, y + 6)
    pdf.multi_cell(170, 5, "Kilde: Finansdepartementet.")
    return bytes(pdf.output())


#: the shared corpus (read-only, outside the repo): two PDFs typeset from the corpus text and one real
#: published proposition
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TB_2023_PDF = SHARED / "pdf" / "tildelingsbrev-2023-helsedirektoratet.pdf"
MELD_PDF = SHARED / "pdf" / "meld-st-9-2023-2024-nasjonal-helse-og-samhandlingsplan.pdf"
PROP_LS_PDF = SHARED / "pdf-real" / "prop-1-ls-2025-2026-skatter-og-avgifter.pdf"


def shared(path: Path) -> Path:
    """A PDF of the shared corpus, or skip the test that needs it (with the reason printed)."""
    import pytest

    if not path.exists():
        pytest.skip(f"shared corpus file not found: {path} (the shared corpus lives outside the repo)")
    return path
