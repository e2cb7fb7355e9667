"""Ruled tables: pages with horizontal and vertical rulings go through pdfplumber's table finder.

Finding rulings with pypdfium2 is cheap (page objects' bounds); pdfplumber (pdfminer) is slow, so it
only opens the pages that have them. Each table row becomes ONE line, its cells joined by a TAB (the
text of the web edition of Prop. 1 S also separates cells with tabs), so the bevilgninger extractor
reads text and PDF the same way.
"""

from __future__ import annotations

import regex

from hdir_extract.parsing.text import normalise_line
from hdir_extract.readers.pdf.layout import PageLine, Word

THIN = 2.0  # points: a path this thin is a ruling
MIN_LENGTH = 10.0


def has_rulings(page) -> bool:  # page: pypdfium2.PdfPage
    """At least two horizontal and two vertical rulings (thin path objects), or one path drawn as a
    grid: a table the lines strategy of pdfplumber's table finder can see. A single rule under a
    running head is not a table."""
    import pypdfium2.raw as pdfium_c

    raw = page.raw
    left, bottom, right, top = (
        pdfium_c.FS_FLOAT(),
        pdfium_c.FS_FLOAT(),
        pdfium_c.FS_FLOAT(),
        pdfium_c.FS_FLOAT(),
    )
    horizontal = vertical = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if h <= THIN and w >= MIN_LENGTH:
            horizontal += 1
        elif w <= THIN and h >= MIN_LENGTH:
            vertical += 1
        elif w >= MIN_LENGTH and h >= MIN_LENGTH and pdfium_c.FPDFPath_CountSegments(obj) >= 4:
            horizontal += 1  # a drawn rectangle (a cell border) or a grid: its edges are rulings;
            vertical += 1  # one rectangle alone (a shaded box) does not make a table
        if horizontal >= 2 and vertical >= 2:
            return True
    return False


def _cell(text: str | None) -> str:
    # a cell's wrapped lines become one cell text; line-end hyphens stay as printed (no de-hyphenation
    # in the reader: the extractors do it, the same way for text input)
    return regex.sub(r"\s+", " ", normalise_line(text or "").replace("\n", " ")).strip()


def find_tables(plumber_page) -> list[tuple[tuple[float, float, float, float], list[PageLine]]]:
    """(bbox, rows as PageLines) of each ruled table on the page, bbox = (x0, top, x1, bottom)."""
    out = []
    for table in plumber_page.find_tables():
        # a framed box or a single ruled cell is not a table: it stays prose
        if len(table.rows) < 2 or max(len(r.cells) for r in table.rows) < 2:
            continue
        rows: list[PageLine] = []
        for row_obj, cells in zip(table.rows, table.extract(), strict=False):
            texts = [_cell(c) for c in cells]
            if not any(texts):
                continue
            x0, top, x1, bottom = row_obj.bbox
            # empty cells are kept (a TAB each) so the columns stay in place
            rows.append(PageLine("\t".join(texts), x0, x1, top, bottom, kind="table"))
        if rows:
            out.append((tuple(table.bbox), rows))
    return out


def inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom
