"""Style "docx": the text's structure written as Word writes it (python-docx's default template): headings
in "Heading N" styles, paragraphs, list items in "List Bullet"/"List Number" styles by depth (each
numbered list starting again at 1, as Word starts each list anew), tables as real Word tables ("Table
Grid") with the header rows first, captions in the "Caption" style, footnotes as paragraphs. As in the
Markdown style, no line break of the text survives: it tests the DOCX reader and the extractors on
blocks, for every corpus document (the real DOCX of the Meld. St. is tested on its own).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from tests.typeset.source import Element

_LIST_STYLES = {
    False: ("List Bullet", "List Bullet 2", "List Bullet 3"),
    True: ("List Number", "List Number 2", "List Number 3"),
}


@dataclass
class _Writer:
    out: WordDocument
    num: int | None = None  # the numbering instance of the numbered list being written

    def restart(self, style: str) -> None:
        """A new numbering instance of the style's list, starting at 1 (python-docx's template numbers
        every "List Number" paragraph of a document in one run)."""
        numbering = self.out.part.numbering_part.numbering_definitions._numbering
        style_num = self.out.styles[style].element.pPr.numPr.numId.val
        num = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        self.num = num.numId

    def item(self, el: Element, first: bool) -> None:
        numbered = el.marker[:1].isdigit()
        styles = _LIST_STYLES[numbered]
        style = styles[min(el.depth, len(styles) - 1)]
        para = self.out.add_paragraph(el.text, style=style)
        if numbered and (first or self.num is None):
            self.restart(style)
        if numbered:
            para._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = self.num

    def table(self, el: Element) -> None:
        table = self.out.add_table(rows=len(el.rows), cols=len(el.rows[0]))
        table.style = "Table Grid"
        for row, texts in zip(table.rows, el.rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
        self.out.add_paragraph("")  # Word keeps a paragraph between two tables


def typeset(title: str, els: list[Element]) -> bytes:
    w = _Writer(docx.Document())
    w.out.add_heading(title, level=0)
    prev: Element | None = None
    for el in els:
        if el.kind == "heading":
            w.out.add_heading(el.text, level=min(el.level, 3))
        elif el.kind == "item":
            # a numbered list starts again at its "1." or after anything but a list item
            w.item(el, el.marker.rstrip(".)") == "1" or prev is None or prev.kind != "item")
        elif el.kind == "table":
            w.table(el)
        elif el.kind == "caption":
            w.out.add_paragraph(el.text, style="Caption")
        else:
            w.out.add_paragraph(el.text)
        prev = el
    buf = io.BytesIO()
    w.out.save(buf)
    return buf.getvalue()
