"""Style "textlayer" (fpdf2): the text file set line by line, as its own text layer would print (TABs as
runs of spaces, blank lines kept), on A4 pages of 60 lines with a running head and a page number.

Unlike the other styles it keeps the text's line breaks: it tests reading rows of cells set apart by
runs of spaces (a text layer's tables) rather than typesetting.
"""

from __future__ import annotations

import textwrap

from fpdf import FPDF
from tests.typeset.fonts import font_path

LINES_PER_PAGE = 60
WIDTH = 130  # characters that fit the 180 mm measure at 7 pt


def typeset_lines(lines: list[str], head: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("dv", "", str(font_path("DejaVuSans.ttf")))
    # a line longer than the measure is wrapped, as a typesetter would (never cut)
    lines = [part for t in lines for part in (textwrap.wrap(t, WIDTH, break_on_hyphens=False) or [t])]
    for n, start in enumerate(range(0, len(lines), LINES_PER_PAGE), start=1):
        pdf.add_page()
        pdf.set_font("dv", size=7)
        pdf.set_xy(15, 8)
        pdf.cell(180, 4, head)
        pdf.set_xy(15, 287)
        pdf.cell(180, 4, str(n), align="C")
        pdf.set_xy(15, 16)
        for text in lines[start : start + LINES_PER_PAGE]:
            pdf.cell(180, 4.4, text.replace("\t", "    "), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
