"""Raw DOCX items -> lines, blocks and boxes: what each paragraph is, decided by its style first and by
what it prints second.

Judgement calls:
- Line text is what Word prints: the paragraph's text with its generated number or bullet in front
  ("3.2 Tittel", "Boks 3.1 Regjeringen vil", "Figur 2.1 …", "1. …", "– …"), one space between, as the
  PDF and text renderings of the same document print it; a list item's block text leaves the marker out
  (it is the block's `marker`). Runs of spaces become one.
- Headings: "Heading N"/"Overskrift N" and any style with an outline level are level N; "Title" and
  "Subtitle" are headings with role "title" and no level; other styles named "…tittel"/"…title"
  (regjeringen.no's 'avsnitt-tittel', 'avsnitt-undertittel') are section titles one level below the
  deepest "Heading N" the document uses, one more for each "under" in the name.
- A box opens at a box-title style ('tittel-ramme': a style name with ramme/boks/box and "tit") or at a
  printed "Boks 4.1 …" that stands as a title (bold, a heading style, or short without a full stop); it
  closes at its end marker ('Ramme-slutt' style or "[Boks slutt]"), which stays in the box as a
  PARAGRAPH with role "box_end". Where no end marker comes before the next box, the box ends before the
  next section heading.
- Lists: a paragraph Word numbers (w:numPr on it or its style) or a list style ('List 2', 'Liste bombe',
  'friliste', 'List Bullet'). 'List Paragraph'/'Listeavsnitt' is only an indent: without numbering it is
  a plain paragraph (Meld. St. 9 prints those without bullets). The marker is Word's bullet or number, or
  the one the text prints ("1.\\t…" in 'friliste'), else "•"; depth is the numbering level, else the
  style's number minus one ("List 2" -> 1), whichever is deeper.
- A paragraph right before a list item is the list's lead-in (role "lead_in").
- Tables: header rows are those marked w:tblHeader, else a first row of labels (no cell a plain
  number; years count as labels); the unit comes from a unit header cell, the caption's closing
  parenthesis or a unit line just before the table; the caption is the caption block just before the
  table (a lone code such as a typesetter's table id is not a caption), else a "Tabell …" caption just
  after it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from hdir_extract.document import Block, Box, Cell, Kind, Line, Row, Span
from hdir_extract.parsing.text import normalise_line
from hdir_extract.readers import structure
from hdir_extract.readers.docx.body import Item, Para, Table
from hdir_extract.readers.docx.styles import Styles

_HEADING_N = regex.compile(r"^(?:heading|overskrift)\s*([1-9])$")
_TITLE = {"title", "tittel", "subtitle", "undertittel"}
# 'tittel-ramme', 'Boks-tittel', 'Box Title'; a box's own subtitle ('ramme-undertittel') is no new box
_BOX_TITLE = regex.compile(r"^(?!.*under)(?:.*(?:ramme|boks|box).*tit|.*tit.*(?:ramme|boks|box))")
# 'Ramme-slutt', 'Boks slutt', 'Box End' (not 'boks-legend')
_BOX_END = regex.compile(r"(?:ramme|boks|box)[-_ ]?(?:slutt|end)\b|\b(?:slutt|end)[-_ ]?(?:ramme|boks|box)")
_CAPTION = regex.compile(
    r"caption|bildetekst|figurtekst|tabellnavn"
    r"|(?:figur|tabell|table|figure)\w*[-_ ]?(?:tittel|title|overskrift)"
)
_SECTION_TITLE = regex.compile(r"(?:tittel|title)$")
_LIST = regex.compile(r"^list(?: (?:bullet|number))?(?: \d)?$|liste|bullet|punkt|nummerert")
_INDENT_ONLY = regex.compile(r"^(?:list paragraph|listeavsnitt|list continue(?: \d)?)$")
_QUOTE = regex.compile(r"quote|sitat|blokksit")
_SOURCE = regex.compile(r"^kilde")
_NOTE = regex.compile(r"note|noter|fotnote|footnote|endnote")
_TOC = regex.compile(r"^(?:toc|innholdsfortegnelse)\s*\d*$")
_NOTE_NUMBER = regex.compile(r"^(\d{1,3})[\t ]+\S")
_PLAIN_NUMBER = regex.compile(r"^[-−–+]?\s*[\d  .,]+\s*%?$")
_YEAR = regex.compile(r"^(?:19|20)\d\d\*?$")
_STYLE_DIGIT = regex.compile(r"\s(\d)$")
# runs of spaces in a DOCX paragraph are typing, not layout (a break after "2024, " gives two)
_SPACE_RUN = regex.compile(r"  +")


@dataclass(frozen=True, slots=True)
class Result:
    lines: tuple[Line, ...]
    blocks: tuple[Block, ...]
    boxes: tuple[Box, ...]


def build(items: list[Item], styles: Styles) -> Result:
    lines: list[Line] = []
    blocks: list[Block] = []
    base = _section_title_base(items, styles)
    for item in items:
        if isinstance(item, Table):
            for row in item.rows:
                lines.append(Line(row.line, normalise_line("\t".join(row.texts))))
            if item.rows:
                blocks.append(_table_block(item))
            continue
        text = _line_text(item)
        lines.append(Line(item.line, text))
        if text.strip():
            blocks.append(_paragraph_block(item, text, styles, base))
    blocks = _lead_ins(blocks)
    blocks = _table_context(blocks)
    blocks, boxes = _boxes(blocks)
    return Result(tuple(lines), tuple(blocks), tuple(boxes))


# --- paragraphs -------------------------------------------------------------------------------


def _line_text(p: Para) -> str:
    text = _SPACE_RUN.sub(" ", p.text).strip()
    if p.label and p.label.text and text:
        text = f"{p.label.text} {text}"
    return normalise_line(text)


def _heading_level(p: Para, styles: Styles) -> int | None:
    name = (p.style or "").lower()
    m = _HEADING_N.match(name)
    if m:
        return int(m.group(1))
    outline = styles.first(p.style_id, "outline_level")
    return int(outline) + 1 if isinstance(outline, int) else None


def _section_title_base(items: list[Item], styles: Styles) -> int:
    levels = [lvl for it in items if isinstance(it, Para) and (lvl := _heading_level(it, styles))]
    return max(levels, default=0) + 1


def _paragraph_block(p: Para, text: str, styles: Styles, base: int) -> Block:
    name = (p.style or "").lower()
    common = {"first_line": p.line, "last_line": p.line, "spans": (Span(0, p.line),), "style": p.style}
    common["emphasis"] = p.bold
    if _BOX_END.search(name) or structure.is_box_end(text):
        return Block(Kind.PARAGRAPH, text, role="box_end", **common)
    printed_box = structure.box_start(text)
    if _BOX_TITLE.search(name) or (printed_box and _stands_as_title(p, text, styles)):
        number = printed_box[0] if printed_box else None
        return Block(Kind.HEADING, text, number=number, role="box_title", **common)
    level = _heading_level(p, styles)
    if level is not None:
        number, _ = structure.heading_number(text)
        return Block(Kind.HEADING, text, level=level, number=number, **common)
    if name in _TITLE:
        return Block(Kind.HEADING, text, role="title", **common)
    if _CAPTION.search(name):
        cap = structure.caption(text)
        return Block(Kind.CAPTION, text, number=cap[0] if cap else None, **common)
    if _SECTION_TITLE.search(name):
        number, _ = structure.heading_number(text)
        return Block(Kind.HEADING, text, level=base + name.count("under"), number=number, **common)
    if _is_list(p, name):
        return _list_block(p, text, common)
    if _NOTE.search(name):
        m = _NOTE_NUMBER.match(text)
        if m:
            return Block(Kind.FOOTNOTE, text, number=m.group(1), role="note", **common)
        return Block(Kind.PARAGRAPH, text, role="note", **common)
    role = "toc" if _TOC.match(name) else "quote" if _QUOTE.search(name) else None
    role = role or ("source" if _SOURCE.match(name) else None)
    if role is None and structure.is_unit_line(text):
        role = "unit"
    if role is None and structure.is_caption_paragraph(text):
        # "Tabell 6-1 Bevilgningsrapportering 31.12.2023" typed in the body style, not a caption style
        cap = structure.caption(text)
        return Block(Kind.CAPTION, text, number=cap[0] if cap else None, **common)
    return Block(Kind.PARAGRAPH, text, role=role, **common)


def _stands_as_title(p: Para, text: str, styles: Styles) -> bool:
    # "Boks 3.9 viser hvordan …" opens a sentence, not a box: a printed box title is bold, in a heading
    # style, or a short line without a full stop
    if p.bold or _heading_level(p, styles) is not None:
        return True
    return len(text.split()) <= 12 and not text.rstrip().endswith(".")


def _is_list(p: Para, name: str) -> bool:
    numbered = p.label is not None and (p.label.bullet or bool(p.label.text))
    if _INDENT_ONLY.match(name):
        return numbered
    return numbered or bool(_LIST.search(name))


def _list_block(p: Para, text: str, common: dict) -> Block:
    own = normalise_line(_SPACE_RUN.sub(" ", p.text).strip())
    # the deeper of the numbering level and the style's number: Word's "List Bullet 2" numbers at level
    # 0 of a list of its own and is indented by its style, regjeringen.no's "List 2" at level 1
    m = _STYLE_DIGIT.search(p.style or "")
    depth = max(p.label.ilvl if p.label else 0, int(m.group(1)) - 1 if m else 0)
    printed = structure.list_marker(own)
    if p.label and not p.label.bullet and p.label.text:
        marker, number, rest = p.label.text, p.label.own or None, own
    elif printed:
        marker, number, rest = printed.marker, printed.number, printed.rest
    elif p.label:
        marker, number, rest = p.label.text, None, own
    else:
        marker, number, rest = "•", None, own
    return Block(Kind.LIST_ITEM, rest, marker=marker, number=number, depth=depth, **common)


def _lead_ins(blocks: list[Block]) -> list[Block]:
    out = list(blocks)
    for i in range(len(out) - 1):
        b, nxt = out[i], out[i + 1]
        if b.kind is Kind.PARAGRAPH and b.role is None and nxt.kind is Kind.LIST_ITEM and nxt.depth == 0:
            out[i] = replace(b, role="lead_in")
    return out


# --- tables -----------------------------------------------------------------------------------


def _is_label(text: str) -> bool:
    return not _PLAIN_NUMBER.match(text) or bool(_YEAR.match(text.strip()))


def _table_block(t: Table) -> Block:
    marked = any(r.header for r in t.rows)
    rows: list[Row] = []
    unit_first = False
    for i, r in enumerate(t.rows):
        filled = [c.text for c in r.cells if c.text.strip()]
        unit_only = len(filled) == 1 and structure.is_unit_line(filled[0])
        labels = bool(filled) and all(_is_label(c) for c in filled)
        if marked:
            header = r.header
        elif i == 0:
            header = len(t.rows) > 1 and (unit_only or labels)
            unit_first = header and unit_only
        else:
            header = i == 1 and unit_first and labels  # the unit row, then the column names
        cells = tuple(Cell(c.text, r.line, c.col) for c in r.cells)
        rows.append(Row(cells, r.line, header=header, last_line=r.line))
    texts = ["\t".join(r.texts) for r in t.rows]
    spans, offset = [], 0
    for r, text in zip(t.rows, texts, strict=True):
        spans.append(Span(offset, r.line))
        offset += len(text) + 1
    unit = next((c.text for r in rows if r.header for c in r.cells if structure.is_unit_line(c.text)), None)
    return Block(
        Kind.TABLE,
        "\n".join(normalise_line(x) for x in texts),
        first_line=t.rows[0].line,
        last_line=t.rows[-1].line,
        spans=tuple(spans),
        rows=tuple(rows),
        unit=unit,
    )


def _is_caption_text(text: str) -> bool:
    return len(text.split()) > 1  # "02J1xx2", a typesetter's table id, names nothing


def _table_context(blocks: list[Block]) -> list[Block]:
    out = list(blocks)
    for i, b in enumerate(out):
        if b.kind is not Kind.TABLE:
            continue
        caption, unit = None, b.unit
        j = i - 1
        while j >= 0 and out[j].kind in (Kind.CAPTION, Kind.PARAGRAPH) and caption is None:
            prev = out[j]
            if prev.kind is Kind.PARAGRAPH and prev.role == "unit":
                unit = unit or prev.text.strip()
            elif prev.kind is Kind.CAPTION and _is_caption_text(prev.text):
                caption = prev.text
            elif prev.kind is not Kind.CAPTION:
                break
            j -= 1
        # a caption below the table only where it names a table: a figure's title after it is the next
        # figure's
        if caption is None and i + 1 < len(out) and out[i + 1].kind is Kind.CAPTION:
            below = structure.caption(out[i + 1].text)
            if below and below[0].startswith("Tab"):
                caption = out[i + 1].text
        if caption and unit is None:
            tail = regex.search(r"\(([^()]*)\)\s*$", caption)
            if tail and structure.is_unit_line(tail.group(0)):
                unit = tail.group(0)
        out[i] = replace(b, caption=caption, unit=unit)
    return out


# --- boxes ------------------------------------------------------------------------------------


def _box_end_index(blocks: list[Block], start: int) -> int:
    """The last block of the box whose title is blocks[start]."""
    first_section = None
    for j in range(start + 1, len(blocks)):
        b = blocks[j]
        if b.role == "box_end":
            return j
        if b.role == "box_title":
            return (first_section if first_section is not None else j) - 1
        if first_section is None and b.kind is Kind.HEADING and b.level is not None:
            first_section = j
    return (first_section if first_section is not None else len(blocks)) - 1


def _boxes(blocks: list[Block]) -> tuple[list[Block], list[Box]]:
    out = list(blocks)
    boxes: list[Box] = []
    titles: dict[str, str] = {}
    i = 0
    while i < len(out):
        b = out[i]
        if b.role != "box_title":
            i += 1
            continue
        end = _box_end_index(out, i)
        printed = structure.box_start(b.text)
        number, title = (printed[0], printed[1]) if printed else (None, b.text.strip())
        title = structure.box_title(number, title, titles)  # "Boks 7.1 forts." keeps its title
        index = len(boxes)
        boxes.append(Box(index, title, number, i, end, out[i].first_line, out[end].last_line))
        for k in range(i, end + 1):
            out[k] = replace(out[k], box=index)
        i = end + 1
    return out, boxes
