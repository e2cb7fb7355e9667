"""Style "onecolumn" (fpdf2): an A4 report in one column, sans serif, ragged right.

Paragraphs are re-flowed to the measure with a gap after each; headings bold and larger; list items
with hanging indents; tables as aligned columns without rulings (numbers flush right, wrapped text
cells, header rows bold and printed again on a new page); a running head with the title at the top
and "Side N" centred at the bottom.
"""

from __future__ import annotations

from fpdf import FPDF
from tests.typeset.fonts import font_path
from tests.typeset.source import Element, is_number

BODY = 9.5
LINE = 4.6  # mm
TABLE_FONT = 8.0
TABLE_LINE = 3.8
CELL_GAP = 3.0  # mm between table columns
HEADING_SIZES = {1: 14.0, 2: 12.0, 3: 10.5}


class _Pdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.running_head = title
        self.add_font("sans", "", str(font_path("DejaVuSans.ttf")))
        self.add_font("sans", "B", str(font_path("DejaVuSans-Bold.ttf")))
        self.set_margins(20, 22, 20)
        self.set_auto_page_break(True, margin=20)

    def header(self) -> None:
        self.set_font("sans", size=7.5)
        self.set_xy(20, 10)
        self.cell(170, 4, self.running_head)
        self.set_xy(20, 22)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("sans", size=7.5)
        self.cell(0, 4, f"Side {self.page_no()}", align="C")


def _paragraph(pdf: _Pdf, text: str, size: float = BODY, style: str = "", after: float = 2.0) -> None:
    pdf.set_font("sans", style, size)
    pdf.multi_cell(0, LINE * size / BODY, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after)


def _heading(pdf: _Pdf, el: Element) -> None:
    size = HEADING_SIZES[el.level]
    if pdf.get_y() > pdf.page_break_trigger - 30:
        pdf.add_page()  # a heading does not stand alone at the foot of a page
    pdf.ln(3 if el.level > 1 else 5)
    _paragraph(pdf, el.text, size, "B", after=1.5)


def _item(pdf: _Pdf, el: Element) -> None:
    pdf.set_font("sans", size=BODY)
    x = pdf.l_margin + 6 * el.depth
    pdf.set_x(x)
    marker_width = 7.0
    pdf.cell(marker_width, LINE, el.marker)
    # the item's text wraps under itself, not under the marker: a hanging indent
    pdf.multi_cell(pdf.epw - (x - pdf.l_margin) - marker_width, LINE, el.text, align="L", new_x="LMARGIN")
    pdf.ln(1.0)


def _widths(pdf: _Pdf, el: Element) -> list[float]:
    """Column widths: a number column as wide as its widest number (its header wraps over it), a text
    column as wide as its widest cell, text columns shrunk to fit the measure (their cells wrap)."""
    pdf.set_font("sans", "B", TABLE_FONT)
    body = el.rows[el.header_rows :] or el.rows
    natural = []
    for c, num in enumerate(el.numeric):
        # a number column is as wide as its numbers (a stray text cell in it wraps)
        cells = [r[c] for r in body if is_number(r[c])] if num else [r[c] for r in el.rows]
        # a cell wider than the measure wraps whatever its column gets: it asks for the measure only
        widest = min(max((pdf.get_string_width(t) for t in cells), default=0.0), pdf.epw)
        longest_word = max((pdf.get_string_width(w) for r in el.rows for w in r[c].split()), default=0.0)
        longest_word = min(longest_word, 30.0)  # a long word in a text cell breaks rather than widen
        natural.append(max(8.0, widest, longest_word) + CELL_GAP + 2 * pdf.c_margin + 0.5)
    total = sum(natural)
    if total <= pdf.epw:
        return natural
    fixed = sum(w for w, num in zip(natural, el.numeric, strict=True) if num)
    flexible = total - fixed
    room = max(pdf.epw - fixed, 20.0 * (len(natural) - sum(el.numeric)))
    return [w if num else max(15.0, w * room / flexible) for w, num in zip(natural, el.numeric, strict=True)]


def _row_height(pdf: _Pdf, row: tuple[str, ...], widths: list[float]) -> float:
    lines = 1
    for text, w in zip(row, widths, strict=True):
        if text:
            got = pdf.multi_cell(w - CELL_GAP, TABLE_LINE, text, dry_run=True, output="LINES")
            lines = max(lines, len(got))
    return lines * TABLE_LINE


def _table(pdf: _Pdf, el: Element) -> None:
    widths = _widths(pdf, el)
    scale = min(1.0, pdf.epw / sum(widths))
    # a table of many columns runs into the margin rather than below a column's last character
    widths = [max(w * scale, CELL_GAP + 6.0) for w in widths]
    pdf.ln(1.5)
    head = el.rows[: el.header_rows]
    body = el.rows[el.header_rows :]

    def print_row(row: tuple[str, ...], bold: bool) -> None:
        pdf.set_font("sans", "B" if bold else "", TABLE_FONT)
        height = _row_height(pdf, row, widths)
        y = pdf.get_y()
        x = pdf.l_margin
        for c, (text, w) in enumerate(zip(row, widths, strict=True)):
            if text:
                pdf.set_xy(x, y)
                align = "R" if el.numeric[c] else "L"
                pdf.multi_cell(w - CELL_GAP, TABLE_LINE, text, align=align, new_x="RIGHT", new_y="TOP")
            x += w
        pdf.set_xy(pdf.l_margin, y + height + 0.6)

    def fits(rows: tuple[tuple[str, ...], ...]) -> bool:
        return pdf.get_y() + sum(_row_height(pdf, r, widths) + 0.6 for r in rows) <= pdf.page_break_trigger

    if not fits(head + body[:2]):
        pdf.add_page()  # a table does not start at the foot of a page with its header alone
    for row in head:
        print_row(row, True)
    for row in body:
        if not fits((row,)):
            pdf.add_page()
            for h in head:  # the header rows again on the new page
                print_row(h, True)
        print_row(row, False)
    pdf.ln(2.0)


def typeset(title: str, elements: list[Element]) -> bytes:
    pdf = _Pdf(title)
    pdf.add_page()
    for el in elements:
        if el.kind == "heading":
            _heading(pdf, el)
        elif el.kind == "item":
            _item(pdf, el)
        elif el.kind == "table":
            _table(pdf, el)
        elif el.kind == "caption":
            _paragraph(pdf, el.text, 8.5, "B", after=1.0)
        elif el.kind == "footnote":
            _paragraph(pdf, el.text, 7.5, after=1.0)
        else:
            _paragraph(pdf, el.text)
    return bytes(pdf.output())
