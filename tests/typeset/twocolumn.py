"""Style "twocolumn" (reportlab): typeset like a proposition to the Storting.

Prose in two columns, serif, justified, paragraphs marked by a first-line indent (no gap): each page
has a left and a right frame and the text flows down the left one, then the right one, in reading
order (as a typesetter's columns do; a page is not balanced). Chapter headings bold and larger, other
headings bold sans, in the column; list items with hanging indents; tables across the page as ruled
grids (header rows shaded and repeated after a page break, long cells wrapped) on pages of one wide
frame: a table (with its caption) starts a new page and the prose after it starts the next two-column
page. A running head with the page number at its outer end ("12  Title" on even pages, "Title  13" on
odd ones) over a rule.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable
from tests.typeset.fonts import font_path
from tests.typeset.source import Element, is_number

MARGIN = 18 * mm
CELL_PADDING = 4.0  # points left and right in a table cell
GUTTER = 7 * mm  # between the two columns
MAX_NUMBER_SHARE = 0.4  # of the measure: the widest a number column asks for
_FONTS = {
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
}


def _register() -> None:
    for name, file in _FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_path(file))))


def _style(name: str, font: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **kw)


def _styles() -> dict[str, ParagraphStyle]:
    body = _style("body", "serif", 8.8, 11.2, alignment=TA_JUSTIFY)
    return {
        "body": ParagraphStyle("indented", parent=body, firstLineIndent=10),
        "h1": _style("h1", "sans-bold", 13, 16, spaceBefore=10, spaceAfter=6),
        "h2": _style("h2", "sans-bold", 10, 12.5, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "h3": _style("h3", "serif-bold", 9, 11.5, spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "item": ParagraphStyle("item", parent=body, alignment=TA_LEFT, spaceBefore=1),
        "caption": _style("caption", "sans-bold", 8, 10, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "footnote": _style("footnote", "serif", 7, 8.5, spaceBefore=2),
        "cell": _style("cell", "sans", 7.2, 8.6),
        "cell-right": _style("cell-right", "sans", 7.2, 8.6, alignment=TA_RIGHT),
        "head": _style("head", "sans-bold", 7.2, 8.6),
        "head-right": _style("head-right", "sans-bold", 7.2, 8.6, alignment=TA_RIGHT),
    }


def _running_head(title: str):
    def draw(canvas, doc) -> None:
        width, height = A4
        n = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont("serif", 8)
        y = height - 12 * mm
        if n % 2:  # odd page: the number at the right
            canvas.drawString(MARGIN, y, title)
            canvas.drawRightString(width - MARGIN, y, str(n))
        else:
            canvas.drawString(MARGIN, y, str(n))
            canvas.drawRightString(width - MARGIN, y, title)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y - 2 * mm, width - MARGIN, y - 2 * mm)
        canvas.restoreState()

    return draw


def _widths(el: Element, available: float) -> list[float]:
    """As in the one-column style: number columns as wide as their numbers, text columns shrunk."""
    body = el.rows[el.header_rows :] or el.rows
    natural = []
    for c, num in enumerate(el.numeric):
        cells = [r[c] for r in body if is_number(r[c])] if num else [r[c] for r in el.rows]
        widest = max((pdfmetrics.stringWidth(t, "sans-bold", 7.2) for t in cells), default=0.0)
        longest_word = max(
            (pdfmetrics.stringWidth(w, "sans-bold", 7.2) for r in el.rows for w in r[c].split()), default=0.0
        )
        if num:
            # a cell of many numbers run together (the text's layout keeps them one cell) wraps rather
            # than take the measure from the table's text columns
            widest = min(widest, MAX_NUMBER_SHARE * available)
        natural.append(max(22.0, widest, longest_word) + 2 * CELL_PADDING + 2)  # its padding, and a hair
    total = sum(natural)
    if total <= available:
        return natural
    fixed = sum(w for w, num in zip(natural, el.numeric, strict=True) if num)
    room = max(available - fixed, 40.0 * max(1, len(natural) - sum(el.numeric)))
    flexible = total - fixed
    out = [w if num else max(40.0, w * room / flexible) for w, num in zip(natural, el.numeric, strict=True)]
    scale = min(1.0, available / sum(out))
    return [w * scale for w in out]


MAX_CELL = 250  # characters: a longer cell goes on over rows of its own (a row cannot split a page)


def _short_cells(el: Element) -> Element:
    """A text cell too long for one page (prose the text's layout read as a table) continues in
    rows of its own below its row."""
    rows: list[tuple[str, ...]] = []
    for row in el.rows:
        rows.append(tuple(c[:MAX_CELL] for c in row))
        rest = [c[MAX_CELL:] for c in row]
        while any(rest):
            rows.append(tuple(c[:MAX_CELL] for c in rest))
            rest = [c[MAX_CELL:] for c in rest]
    return Element("table", rows=tuple(rows), header_rows=el.header_rows, numeric=el.numeric)


def _table(el: Element, st: dict[str, ParagraphStyle], available: float) -> Table:
    el = _short_cells(el)
    data = []
    for i, row in enumerate(el.rows):
        head = i < el.header_rows
        cells = []
        for c, text in enumerate(row):
            name = ("head" if head else "cell") + ("-right" if el.numeric[c] else "")
            cells.append(Paragraph(escape(text), st[name]) if text else "")
        data.append(cells)
    table = Table(data, colWidths=_widths(el, available), repeatRows=el.header_rows, hAlign="LEFT")
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if el.header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, el.header_rows - 1), colors.Color(0.88, 0.88, 0.88)))
    table.setStyle(TableStyle(style))
    return table


def _prose(el: Element, st: dict[str, ParagraphStyle]) -> Flowable:
    if el.kind == "heading":
        return Paragraph(escape(el.text), st[f"h{max(el.level, 2)}"])
    if el.kind == "item":
        indent = 11 + 9 * el.depth
        style = ParagraphStyle(
            f"item{el.depth}", parent=st["item"], leftIndent=indent, bulletIndent=indent - 10
        )
        return Paragraph(escape(el.text), style, bulletText=el.marker)
    if el.kind == "caption":
        return Paragraph(escape(el.text), st["caption"])
    if el.kind == "footnote":
        return Paragraph(escape(el.text), st["footnote"])
    return Paragraph(escape(el.text), st["body"])


def typeset(title: str, elements: list[Element]) -> bytes:
    _register()
    st = _styles()
    buf = io.BytesIO()
    width, height = A4
    bottom, top = 16 * mm, 22 * mm
    body_height = height - bottom - top
    wide = Frame(MARGIN, bottom, width - 2 * MARGIN, body_height, id="wide")
    column = (width - 2 * MARGIN - GUTTER) / 2
    left = Frame(MARGIN, bottom, column, body_height, id="left")
    right = Frame(MARGIN + column + GUTTER, bottom, column, body_height, id="right")
    doc = BaseDocTemplate(buf, pagesize=A4, title=title)
    head = _running_head(title)
    doc.addPageTemplates(
        [
            PageTemplate(id="columns", frames=[left, right], onPage=head),
            PageTemplate(id="wide", frames=[wide], onPage=head),
        ]
    )
    story: list[Flowable] = []
    on_wide = False  # the story's current page is a wide (table) page

    def to(template: str) -> None:
        story.append(NextPageTemplate(template))
        story.append(PageBreak())

    for el in elements:
        if el.kind == "table":
            # a caption belongs over its table, across the page
            last = story[-1] if story else None
            caption = story.pop() if isinstance(last, Paragraph) and last.style.name == "caption" else None
            if not on_wide:
                to("wide")
                on_wide = True
            if caption is not None:
                story.append(caption)
            story.append(_table(el, st, wide._width))
            story.append(Spacer(1, 6))
            continue
        if on_wide:
            to("columns")
            on_wide = False
        if el.kind == "heading" and el.level == 1:
            story.append(Paragraph(escape(el.text), st["h1"]))
        else:
            story.append(_prose(el, st))
    doc.build(story)
    return buf.getvalue()
