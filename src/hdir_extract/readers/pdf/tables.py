"""Ruled tables: pages whose rulings enclose words in a grid go through pdfplumber's table finder.

Finding rulings with pypdfium2 is cheap (objects.py); pdfplumber (pdfminer) is slow, so it only opens
the pages that have a grid. Each table row becomes ONE line with its cells (`PageLine.cells`), its
text the cells joined by a TAB (the web edition of Prop. 1 S also separates cells with tabs).
"""

from __future__ import annotations

import regex

from hdir_extract.parsing.text import normalise_line
from hdir_extract.readers.pdf.layout import PageLine, Word


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
            rows.append(PageLine("\t".join(texts), x0, x1, top, bottom, kind="table", cells=tuple(texts)))
        if rows:
            out.append((tuple(table.bbox), rows))
    return out


def inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom
