"""The body of word/document.xml in document order: paragraphs and tables as the reader's raw items,
each with its 1-based line.

Judgement calls:
- Text as Word prints it: w:t, tabs, w:br/w:cr as a space (a paragraph is one line), non-breaking
  hyphens; deleted revisions (w:del, w:moveFrom), field instructions and hidden text (w:vanish, set on
  the run, its character style or the paragraph style: regjeringen.no's DOCX hides a typesetter's table
  id that way) are not printed and are left out.
- Footnote and endnote references print no digits in the text (their marks are generated); a
  superscript run of digits/commas typed by hand inside a paragraph is a reference mark too and is left
  out, so that "utviklingsplan¹" does not become "utviklingsplan1". At the start of a paragraph it is a
  note's own number ("¹ Regional utviklingsplan …") and is kept; a superscript 2 or 3 after "m", "km",
  "cm" is a power ("m²").
- A text box (w:txbxContent, taken once: the mc:Fallback copy is skipped) floats beside its anchor
  paragraph; its paragraphs and tables follow the anchor as items of their own.
- A table is one item per row; a cell's paragraphs are joined with a space (a nested table's rows too). A
  cell continued from the row above (w:vMerge without "restart") holds nothing of its own and is not
  repeated; a cell spanning columns (w:gridSpan) is one cell, and `col` counts grid columns.
- Empty paragraphs keep their line (one line per paragraph, as the reading layer promises), with no block.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex
from lxml import etree

from hdir_extract.readers.docx.numbering import SYMBOL_BULLETS, Label, Numbering, bullet_glyph
from hdir_extract.readers.docx.styles import Styles, W, toggle, wval

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {f"{W}del", f"{W}moveFrom", f"{MC}Fallback", f"{W}pPr", f"{W}rPr", f"{W}proofErr"}
_CONTAINERS = {
    f"{W}hyperlink",
    f"{W}ins",
    f"{W}moveTo",
    f"{W}smartTag",
    f"{W}customXml",
    f"{W}sdt",
    f"{W}sdtContent",
    f"{W}fldSimple",
    f"{W}bdo",
    f"{W}dir",
    f"{MC}AlternateContent",
    f"{MC}Choice",
}
_REFERENCE_MARK = regex.compile(r"[\d\s,;*†‡]+")
_UNIT_BEFORE_POWER = regex.compile(r"(?<![\p{L}])[kcdm]?m$")


@dataclass(frozen=True, slots=True)
class Para:
    line: int
    text: str  # as printed, generated number not included
    style_id: str | None
    style: str | None  # style name ("Heading 1", "List 2", "tittel-ramme")
    label: Label | None  # Word's generated number or bullet, where the paragraph is numbered
    bold: bool = False  # every character printed bold or italic by direct formatting


@dataclass(frozen=True, slots=True)
class TableCell:
    text: str
    col: int


@dataclass(frozen=True, slots=True)
class TableRow:
    line: int
    cells: tuple[TableCell, ...]
    texts: tuple[str, ...]  # every w:tc's text in order, "" for a vertically merged continuation
    header: bool  # w:tblHeader: repeated as the header on every page


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[TableRow, ...]


Item = Para | Table


@dataclass
class BodyReader:
    styles: Styles
    numbering: Numbering
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _line: int = 0

    def read(self, body: etree._Element) -> list[Item]:
        for el in self._blocks(body):
            self._item(el)
        return self.items

    # --- walking ------------------------------------------------------------------------------

    def _blocks(self, parent: etree._Element) -> Iterator[etree._Element]:
        """w:p and w:tbl children in order, looking through content controls and custom XML."""
        for el in parent:
            if el.tag in (f"{W}p", f"{W}tbl"):
                yield el
            elif el.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                yield from self._blocks(el)
            elif el.tag == f"{W}altChunk":
                self.warnings.append("an embedded document (w:altChunk) is not read")

    def _item(self, el: etree._Element) -> None:
        if el.tag == f"{W}tbl":
            self.items.append(self._table(el))
            return
        style_id = self._style_id(el)
        text, boxes, bold = self._paragraph_text(el, style_id)
        self._line += 1
        label = self._label(el, style_id)
        self.items.append(Para(self._line, text, style_id, self.styles.name(style_id), label, bold))
        for box in boxes:  # text boxes follow their anchor paragraph
            for child in self._blocks(box):
                self._item(child)

    def _style_id(self, p: etree._Element) -> str | None:
        ppr = p.find(f"{W}pPr")
        sid = wval(ppr.find(f"{W}pStyle")) if ppr is not None else None
        return sid or self.styles.default_paragraph

    def _label(self, p: etree._Element, style_id: str | None) -> Label | None:
        ppr = p.find(f"{W}pPr")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        from_style = self.styles.numbering(style_id)
        num_id = wval(num_pr.find(f"{W}numId")) if num_pr is not None else None
        ilvl_s = wval(num_pr.find(f"{W}ilvl")) if num_pr is not None else None
        ilvl = int(ilvl_s) if ilvl_s and ilvl_s.isdigit() else None
        if num_id is None and from_style is not None:
            num_id = from_style[0]
            ilvl = ilvl if ilvl is not None else from_style[1]
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style_id)
        return self.numbering.next(num_id, ilvl)

    # --- text ---------------------------------------------------------------------------------

    def _paragraph_text(
        self, p: etree._Element, style_id: str | None
    ) -> tuple[str, list[etree._Element], bool]:
        out: list[str] = []
        boxes: list[etree._Element] = []
        emphasis: list[bool] = []
        self._collect(p, out, boxes, emphasis, style_id)
        return "".join(out), boxes, bool(emphasis) and all(emphasis)

    def _collect(
        self,
        el: etree._Element,
        out: list[str],
        boxes: list[etree._Element],
        emphasis: list[bool],
        style_id: str | None,
    ) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, out, boxes, emphasis, style_id)
            elif tag in _CONTAINERS:
                self._collect(child, out, boxes, emphasis, style_id)

    def _run(
        self,
        r: etree._Element,
        out: list[str],
        boxes: list[etree._Element],
        emphasis: list[bool],
        style_id: str | None,
    ) -> None:
        rpr = r.find(f"{W}rPr")
        char_style = wval(rpr.find(f"{W}rStyle")) if rpr is not None else None
        if self._run_prop(rpr, char_style, style_id, "vanish"):
            return
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append(" ")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}sym":
                parts.append(_symbol(child))
            elif tag in (f"{W}drawing", f"{W}pict", f"{MC}AlternateContent", f"{W}object"):
                boxes.extend(_text_boxes(child))
        text = "".join(parts)
        if not text:
            return
        superscript = self._run_prop(rpr, char_style, style_id, "vert_align") == "superscript"
        if superscript and _REFERENCE_MARK.fullmatch(text) and (before := "".join(out)).strip():
            if text in ("2", "3") and _UNIT_BEFORE_POWER.search(before):
                out.append("²" if text == "2" else "³")  # "m²", "km²", "m³": a power, not a reference
            return  # otherwise a reference mark typed as superscript digits inside the text
        out.append(text)
        if text.strip():
            bold = toggle(rpr, "b") or toggle(rpr, "i") or bool(self.styles.first(char_style, "bold"))
            emphasis.append(bool(bold))

    def _run_prop(
        self, rpr: etree._Element | None, char_style: str | None, para_style: str | None, attr: str
    ) -> object | None:
        """A run property as Word applies it: the run's own, its character style's, its paragraph's."""
        if rpr is not None:
            direct = toggle(rpr, "vanish") if attr == "vanish" else wval(rpr.find(f"{W}vertAlign"))
            if direct is not None:
                return direct
        for style_id in (char_style, para_style):
            value = self.styles.first(style_id, attr)
            if value is not None:
                return value
        return None

    # --- tables -------------------------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> Table:
        rows = []
        for tr in _children(tbl, "tr"):
            self._line += 1
            rows.append(self._row(tr, self._line))
        return Table(tuple(rows))

    def _row(self, tr: etree._Element, line: int) -> TableRow:
        trpr = tr.find(f"{W}trPr")
        header = toggle(trpr, "tblHeader") is True
        before = wval(trpr.find(f"{W}gridBefore")) if trpr is not None else None
        col = int(before) if before and before.isdigit() else 0
        cells: list[TableCell] = []
        texts: list[str] = []
        for tc in _children(tr, "tc"):
            tcpr = tc.find(f"{W}tcPr")
            span_s = wval(tcpr.find(f"{W}gridSpan")) if tcpr is not None else None
            span = int(span_s) if span_s and span_s.isdigit() and int(span_s) > 0 else 1
            text = self._cell_text(tc)
            if _continues(tcpr):
                texts.append("")  # the merged cell's text stands in the row where it starts
            else:
                texts.append(text)
                cells.append(TableCell(text, col))
            col += span
        return TableRow(line, tuple(cells), tuple(texts), header)

    def _cell_text(self, tc: etree._Element) -> str:
        pieces: list[str] = []
        for el in self._blocks(tc):
            if el.tag == f"{W}tbl":
                pieces.extend(self._cell_text(c) for tr in _children(el, "tr") for c in _children(tr, "tc"))
            else:
                text, _, _ = self._paragraph_text(el, self._style_id(el))
                pieces.append(text)
        return " ".join(" ".join(p.split()) for p in pieces if p.strip())


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    """w:tr of a table or w:tc of a row, looking through content controls and custom XML."""
    for child in el:
        if child.tag == f"{W}{name}":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _children(child, name)


def _continues(tcpr: etree._Element | None) -> bool:
    """A cell that continues a merge from the row above (w:vMerge) or the cell to the left (w:hMerge)."""
    if tcpr is None:
        return False
    vmerge = tcpr.find(f"{W}vMerge")
    if vmerge is not None and (wval(vmerge) or "continue") == "continue":
        return True
    hmerge = tcpr.find(f"{W}hMerge")
    return hmerge is not None and (wval(hmerge) or "continue") == "continue"


def _symbol(sym: etree._Element) -> str:
    code = sym.get(f"{W}char") or ""
    try:
        ch = chr(int(code, 16))
    except ValueError:
        return ""
    if "\ue000" <= ch <= "\uf8ff":  # a symbol font's private-use code point: only known bullets are kept
        return bullet_glyph(ch) if ch in SYMBOL_BULLETS else ""
    return ch


def _text_boxes(el: etree._Element) -> list[etree._Element]:
    """w:txbxContent under a drawing, once: mc:Fallback repeats the mc:Choice content."""
    found: list[etree._Element] = []
    for child in el:
        if child.tag == f"{MC}Fallback":
            continue
        if child.tag == f"{W}txbxContent":
            found.append(child)
        else:
            found.extend(_text_boxes(child))
    return found
