"""markdown-it's block tree -> the document's line texts and blocks, in reading order.

Judgement calls (each also next to its code):
- Line texts: markup stripped; a list item's line keeps its indentation and marker as printed
  ("- ", "  - ", "1. ", "- 1) "), so a line still reads like the printed page; a pipe-table row is its
  cells joined by TAB (empty cells kept, so the columns line up) and the separator row is empty.
- A paragraph printed wholly bold/italic, short and without a sentence end is a HEADING (emphasis=True,
  level None: converters turn headings into bold lines).
- A bold/italic run opening a paragraph, with body text after it on the same line, is a HEADING followed
  by a PARAGRAPH with the rest when: the run starts with a capital or a digit, does not end in
  punctuation (".", ":", ";", ",", "!", "?": "**Merk:** …", "**Frist:** …" are labels and a bold first
  sentence is emphasis), is at most 200 characters, and the text after it starts a new sentence (a
  capital, a digit or a quote; "**… behandlingssted** mellom …" continues its sentence).
- A Markdown heading that is really a sentence (8 words or more ending in ".", ":", "!" or "?", e.g.
  "### Tildelingen på posten økes med til sammen 8,55 mill. kroner:") is read as a PARAGRAPH: converters
  mark lines as headings by font size.
- "- 1) Tekst" / "- 1. Tekst" (a converter's bullet glyph before a printed number) is one item with
  marker "1)" and number "1", not a bullet holding a one-item ordered list; a bullet item whose text
  starts with a letter or Roman marker ("- a) Vurdere …") gets that marker and number the same way.
- An ordered "item" that is a date ("19. juni lanserte regjeringen …" at a paragraph start) is a PARAGRAPH.
- A list item ending in a back-reference link ("… [↑](#footnote-ref-3)", DOCX converters' footnote
  lists) and a "[^3]: …" definition are FOOTNOTE blocks with that number.
- Later paragraphs of a list item are PARAGRAPH blocks with role "list_continuation" and the item's depth.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from hdir_extract.document import Block, Kind, Row, Span
from hdir_extract.parsing.text import join_two, normalise_line
from hdir_extract.readers.markdown.inline import InlineText, clean, render
from hdir_extract.readers.markdown.tables import html_table, pipe_cells, pipe_table
from hdir_extract.readers.structure import (
    box_start,
    caption,
    heading_number,
    is_box_end,
    is_caption_paragraph,
    is_unit_line,
)
from hdir_extract.readers.structure import list_marker as printed_marker

_LISTS = ("bullet_list", "ordered_list")
#: an ordered item's number that is a year: no list counts to 1900
_YEAR_NUMBER = regex.compile(r"(?:1[89]|2[01])\d\d")
_SENTENCE_END = (".", "!", "?")
_RUN_END = (".", ":", ";", ",", "!", "?")
_NEW_SENTENCE = regex.compile(r"^[\p{Lu}\d«\"“(]")
_FOOTNOTE_DEF = regex.compile(r"^[ \t]{0,3}\\?\[\^(?P<num>[^\]\s]{1,12})\]:")
_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des"
)
_DATE_START = regex.compile(rf"^(?:{_MONTHS})\b\.?", regex.IGNORECASE)
_TAG = regex.compile(r"<[^>]*>")
_BR = regex.compile(r"<br\s*/?>", regex.IGNORECASE)
MAX_EMPHASIS_HEADING = 200  # characters; a longer wholly bold paragraph is emphasised body text
MAX_EMPHASIS_WORDS = 30
SENTENCE_HEADING_WORDS = 8  # a Markdown heading this long and ending like a sentence is a paragraph


@dataclass(frozen=True, slots=True)
class Ctx:
    depth: int = 0  # list nesting of the next list
    quote: bool = False  # inside a blockquote

    def deeper(self) -> Ctx:
        return Ctx(self.depth + 1, self.quote)


def join_segments(first_line: int, segments: Sequence[str]) -> tuple[str, tuple[Span, ...]]:
    """Per-line texts -> one text (Norwegian de-hyphenation at line ends) and a span per non-empty line."""
    text = ""
    spans: list[Span] = []
    for k, raw in enumerate(segments):
        seg = raw.strip()  # join_two strips its right side: the span must point at what is appended
        if not seg:
            continue
        joined = join_two(text, seg)
        spans.append(Span(len(joined) - len(seg), first_line + k))
        text = joined
    return text, tuple(spans)


class Builder:
    def __init__(self, md: MarkdownIt, raw_lines: list[str], skip: int) -> None:
        self.md = md
        self.raw = raw_lines
        self.texts: list[str | None] = [None] * len(raw_lines)
        for i in range(skip):
            self.texts[i] = ""  # front matter: counted, never read
        self.blocks: list[Block] = []

    # --- entry ----------------------------------------------------------------------------

    def build(self, source: str) -> tuple[list[str], list[Block]]:
        self.walk(SyntaxTreeNode(self.md.parse(source)).children, Ctx())
        texts = [t if t is not None else _fallback(raw) for t, raw in zip(self.texts, self.raw, strict=True)]
        return texts, self.blocks

    def walk(self, nodes: Sequence[SyntaxTreeNode], ctx: Ctx) -> None:
        for node in nodes:
            kind = node.type
            if kind == "heading":
                self.heading(node, ctx)
            elif kind == "paragraph":
                self.paragraph(node, ctx)
            elif kind in _LISTS:
                self.list_(node, ctx)
            elif kind == "blockquote":
                self.walk(node.children, Ctx(ctx.depth, quote=True))
            elif kind == "table":
                self.table(node)
            elif kind == "html_block":
                self.html(node, ctx)
            elif kind in ("fence", "code_block"):
                self.fence(node)
            elif kind == "hr":
                self.set_texts(_first(node), [""])  # a thematic break is not text
            else:
                self.walk(node.children, ctx)

    # --- lines and blocks -----------------------------------------------------------------

    def set_texts(self, first_line: int, texts: Sequence[str], prefix: str = "") -> None:
        for k, t in enumerate(texts):
            i = first_line - 1 + k
            if 0 <= i < len(self.texts):
                self.texts[i] = normalise_line((prefix if k == 0 else "") + t)

    def add(self, kind: Kind, first_line: int, segments: Sequence[str], **fields: object) -> Block | None:
        segs = [normalise_line(s) for s in segments]
        text, spans = join_segments(first_line, segs)
        if not text:
            return None
        last = max((s.line for s in spans), default=first_line)
        block = Block(kind, text, spans[0].line, last, spans=spans, **fields)  # type: ignore[arg-type]
        self.blocks.append(block)
        return block

    def inline(self, node: SyntaxTreeNode) -> InlineText:
        inline = next((c for c in node.children if c.type == "inline"), None)
        return render(inline.token.children if inline is not None and inline.token else None)

    # --- headings and paragraphs --------------------------------------------------------

    def heading(self, node: SyntaxTreeNode, ctx: Ctx) -> None:
        it = self.inline(node)
        first = _first(node)
        texts = it.texts()
        self.set_texts(first, texts)
        if node.markup and node.markup[0] in "=-":  # setext: the underline is markup
            self.set_texts(first + len(texts), [""])
        text = " ".join(t for t in texts if t)
        level = int(node.tag[1:])
        # a "heading" that is a sentence (a lead-in ending in ":", a line of prose) is a paragraph; a
        # section numbered in parts ("3.6. Pasienter, brukere og pårørende medvirker … tjenestene.") is a
        # heading however it ends, as a letter's goals are written as sentences
        number = heading_number(text)[0]
        sectioned = number is not None and "." in number.strip(".") and not text.endswith(":")
        if (
            not sectioned
            and len(text.split()) >= SENTENCE_HEADING_WORDS
            and text.endswith((*_SENTENCE_END, ":"))
        ):
            self.add(Kind.PARAGRAPH, first, texts, style=node.tag)
            return
        self.add_heading(first, texts, level=level, emphasis=it.wholly_emphasised(), style=node.tag)

    def add_heading(self, first: int, texts: Sequence[str], **fields: object) -> None:
        text = normalise_line(" ".join(t for t in texts if t))
        box = box_start(text)
        if box and box[1] and len(box[1]) <= MAX_EMPHASIS_HEADING:
            self.add(Kind.HEADING, first, texts, number=box[0], role="box_title", **fields)
        else:
            self.add(Kind.HEADING, first, texts, number=heading_number(text)[0], **fields)

    def paragraph(self, node: SyntaxTreeNode, ctx: Ctx, role: str | None = None) -> None:
        it = self.inline(node)
        first = _first(node)
        texts = it.texts()
        self.set_texts(first, texts)
        if not any(texts):
            return  # an image alone, or only footnote references
        if ctx.quote:
            self.add(Kind.PARAGRAPH, first, texts, role="quote", style="blockquote")
            return
        note = _FOOTNOTE_DEF.match(self.raw[first - 1])
        if note:
            texts = [texts[0].lstrip(": "), *texts[1:]]
            self.set_texts(first, [f"{note.group('num')} {texts[0]}"])  # "3 Fotnoten …" as printed
            self.add(Kind.FOOTNOTE, first, texts, number=note.group("num"), style="footnote")
            return
        if role:
            self.add(Kind.PARAGRAPH, first, texts, role=role, depth=ctx.depth, style="p")
            return
        self.body_paragraph(it, first, texts)

    def body_paragraph(self, it: InlineText, first: int, texts: list[str]) -> None:
        text = normalise_line(" ".join(t for t in texts if t))
        if is_unit_line(text):
            self.add(Kind.PARAGRAPH, first, texts, role="unit", style="p")
        elif is_box_end(text):
            self.add(Kind.PARAGRAPH, first, texts, role="box_end", style="p")
        elif is_caption_paragraph(text):
            self.add(Kind.CAPTION, first, texts, number=caption(text)[0], style="p")  # type: ignore[index]
        elif it.wholly_emphasised() and _heading_like(text):
            self.add_heading(first, texts, emphasis=True, style="strong")
        elif (split := _leading_heading(it)) is not None:
            head, rest = split
            self.add_heading(first, [head], emphasis=True, style="strong")
            self.add(Kind.PARAGRAPH, first, rest.texts(), style="p")
        elif _is_box_title_line(text):
            self.add_heading(first, texts, style="p")
        else:
            self.add(Kind.PARAGRAPH, first, texts, style="p")

    # --- lists ----------------------------------------------------------------------------

    def list_(self, node: SyntaxTreeNode, ctx: Ctx) -> None:
        ordered = node.type == "ordered_list"
        notes = [_backref(item) is not None for item in node.children]
        if ordered and sum(notes) * 2 >= len(notes) > 0:
            # a converter's footnote list: items end in "[↑](#footnote-ref-N)" (one may lack it)
            for item in node.children:
                self.footnote_item(item)
            return
        for item in node.children:
            kids = item.children
            if kids and kids[0].type in _LISTS and _first(kids[0]) == _first(item):
                # "- 1) Tekst": the bullet is the converter's glyph, the printed number is the item
                self.list_(kids[0], ctx)
                self.walk(kids[1:], ctx.deeper())
                continue
            if not kids or kids[0].type != "paragraph":
                self.walk(kids, ctx.deeper())
                continue
            self.item(kids[0], item, ordered, ctx)
            for kid in kids[1:]:
                if kid.type == "paragraph":
                    self.paragraph(kid, ctx, role="list_continuation")
                else:
                    self.walk([kid], ctx.deeper())

    def item(self, par: SyntaxTreeNode, item: SyntaxTreeNode, ordered: bool, ctx: Ctx) -> None:
        it = self.inline(par)
        first = _first(par)
        texts = it.texts()
        self.set_texts(first, texts, prefix=self.marker_prefix(par, first))
        if not any(texts):
            return
        marker, number = (f"{item.info}{item.markup}", item.info) if ordered else (item.markup, None)
        inner = None if ordered else printed_marker(texts[0])
        if inner is not None and inner.number is not None:  # "- a) Vurdere …"
            marker, number, texts = inner.marker, inner.number, [inner.rest, *texts[1:]]
        if it.backref is not None:
            self.add(Kind.FOOTNOTE, first, texts, number=number or it.backref or None, style="li")
        elif ordered and (_DATE_START.match(texts[0]) or _YEAR_NUMBER.fullmatch(number or "")):
            # "19. juni lanserte regjeringen …", "2022. Under koronapandemien …" (a sentence cut after "i"
            # where a page broke): a date or a year at the start of a paragraph, not an item
            self.add(Kind.PARAGRAPH, first, [f"{marker} {texts[0]}", *texts[1:]], style="p")
        else:
            self.add(Kind.LIST_ITEM, first, texts, marker=marker, number=number, depth=ctx.depth, style="li")

    def footnote_item(self, item: SyntaxTreeNode) -> None:
        """Every paragraph of a footnote item (a note may hold several) as one FOOTNOTE block."""
        pars = [n for n in _descendants(item) if n.type == "paragraph"]
        if not pars:
            return
        first = _first(pars[0])
        segments: list[str] = []
        for k, par in enumerate(pars):
            texts = self.inline(par).texts()
            self.set_texts(_first(par), texts, prefix=self.marker_prefix(par, _first(par)) if k == 0 else "")
            segments += [""] * (_first(par) - first - len(segments)) + texts
        self.add(Kind.FOOTNOTE, first, segments, number=item.info or _backref(item) or None, style="li")

    def marker_prefix(self, par: SyntaxTreeNode, first: int) -> str:
        """Indentation and marker as printed before the item's text ("  - ", "- 1) "), blockquote '>' out."""
        raw = self.raw[first - 1]
        inline = next((c for c in par.children if c.type == "inline"), None)
        content = inline.content.split("\n", 1)[0] if inline is not None else ""
        at = raw.find(content) if content else -1
        return raw[:at].replace(">", "") if at > 0 else ""

    # --- tables, HTML, code ---------------------------------------------------------------

    def table(self, node: SyntaxTreeNode) -> None:
        start, end = node.map or (0, 0)
        numbered = [(no, self.raw[no - 1]) for no in range(start + 1, end + 1)]
        header = pipe_cells(self.md, numbered[0][1], numbered[0][0])
        body = [pipe_cells(self.md, raw, no) for no, raw in numbered[2:]]
        for cells in [header, *body]:
            self.set_texts(cells[0].line, ["\t".join(c.text for c in cells)])
        self.set_texts(start + 2, [""])  # the separator row |---|---|
        width = max(len(r) for r in [header, *body])
        previous = self.continued_table(start + 1, width)
        table = pipe_table(header, body, [r.texts for r in previous.header_rows] if previous else None)
        if previous is not None:
            self.blocks.pop()
            rows = previous.rows + table.rows
            unit = previous.unit or table.unit
            self.blocks.append(_table_block(rows, previous.first_line, end, unit, previous.caption))
        elif table.rows:  # a table of empty cells only is no table
            self.blocks.append(_table_block(table.rows, start + 1, end, table.unit, None))

    def continued_table(self, first_line: int, width: int) -> Block | None:
        """The table right before this one (only blank lines between) with as many columns: a table the
        converter split at a page break continues; it is one table."""
        if not self.blocks or self.blocks[-1].kind is not Kind.TABLE:
            return None
        prev = self.blocks[-1]
        between = self.raw[prev.last_line : first_line - 1]
        if any(ln.strip() for ln in between):
            return None
        prev_width = max((len(r.cells) for r in prev.rows), default=0)
        return prev if prev_width == width and prev.style == "table" else None

    def html(self, node: SyntaxTreeNode, ctx: Ctx) -> None:
        first = _first(node)
        lines = node.content.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        texts = [_strip_tags(ln) for ln in lines]
        self.set_texts(first, texts)
        if "<table" in node.content.lower():
            table = html_table(node.content, first)
            if table is not None:
                self.blocks.append(
                    _table_block(table.rows, first, first + len(lines) - 1, table.unit, None, "html")
                )
                return
        role = "quote" if ctx.quote else None
        self.add(Kind.PARAGRAPH, first, texts, role=role, style="html")

    def fence(self, node: SyntaxTreeNode) -> None:
        first = _first(node)
        body = node.content.split("\n")
        if body and body[-1] == "":
            body.pop()
        start, end = node.map or (0, 0)
        self.set_texts(first, [""] * (end - start))  # fence lines
        self.set_texts(first + 1, body)
        self.add(Kind.PARAGRAPH, first + 1, body, style="fence")


# --- helpers --------------------------------------------------------------------------------


def _descendants(node: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    out: list[SyntaxTreeNode] = []
    for child in node.children:
        out.append(child)
        if child.type != "inline":
            out += _descendants(child)
    return out


def _backref(item: SyntaxTreeNode) -> str | None:
    """The footnote number of a list item that links back to its reference ("[↑](#footnote-ref-3)")."""
    for n in _descendants(item):
        if n.type == "inline" and n.token is not None:
            found = render(n.token.children).backref
            if found is not None:
                return found
    return None


def _first(node: SyntaxTreeNode) -> int:
    return (node.map or (0, 0))[0] + 1


def _fallback(raw: str) -> str:
    """Text of a line no token claimed (blank lines, link reference definitions): tags out."""
    return normalise_line(_strip_tags(raw)) if raw.strip() else ""


def _strip_tags(line: str) -> str:
    return clean(html.unescape(_TAG.sub("", _BR.sub(" ", line))))


def _heading_like(text: str) -> bool:
    """Short enough for a title and not a sentence."""
    return (
        len(text) <= MAX_EMPHASIS_HEADING
        and len(text.split()) <= MAX_EMPHASIS_WORDS
        and not text.endswith(_SENTENCE_END)
    )


def _leading_heading(it: InlineText) -> tuple[str, InlineText] | None:
    split = it.leading_emphasis()
    if split is None:
        return None
    head, rest = split
    rest_text = rest.text()
    if not head or not rest_text or len(head) > MAX_EMPHASIS_HEADING or head.endswith(_RUN_END):
        return None
    if not _NEW_SENTENCE.match(head) or not _NEW_SENTENCE.match(rest_text):
        return None
    return head, rest


def _is_box_title_line(text: str) -> bool:
    """A plain line "Boks 4.1 Regjeringen vil" (short, not a sentence) opens a box like a heading."""
    found = box_start(text)
    return bool(found and found[1]) and len(text.split()) <= 14 and not text.endswith(_SENTENCE_END)


def _table_block(
    rows: tuple[Row, ...], first: int, last: int, unit: str | None, cap: str | None, style: str = "table"
) -> Block:
    text = ""
    spans: list[Span] = []
    for row in rows:
        if text:
            text += "\n"
        spans.append(Span(len(text), row.line))
        text += "\t".join(row.texts)
    return Block(
        Kind.TABLE, text, first, last, spans=tuple(spans), rows=rows, unit=unit, caption=cap, style=style
    )


def attach_table_context(blocks: list[Block]) -> list[Block]:
    """A caption line right before (or right after) a table goes to `caption`; a unit line printed as a
    paragraph right above (or right below, when the table has none) goes to `unit`. Both blocks stay."""
    out = list(blocks)
    for i, b in enumerate(out):
        if b.kind is not Kind.TABLE:
            continue
        unit, cap = b.unit, b.caption
        before = [out[j] for j in (i - 1, i - 2) if j >= 0]
        for prev in before:
            if prev.role == "unit" and unit is None:
                unit = prev.text
            elif prev.kind is Kind.CAPTION and cap is None:
                cap = prev.text
                break
            elif prev.role != "unit":
                break
        after = out[i + 1] if i + 1 < len(out) else None
        # a caption or unit line between two tables belongs to the next one (captions stand above)
        next_is_table = i + 2 < len(out) and out[i + 2].kind is Kind.TABLE
        if after is not None and after.first_line - b.last_line <= 2 and not next_is_table:
            if after.role == "unit" and unit is None:
                unit = after.text
            elif after.kind is Kind.CAPTION and cap is None:
                cap = after.text
        out[i] = replace(b, unit=unit, caption=cap)
    return out


def mark_lead_ins(blocks: list[Block]) -> list[Block]:
    """A paragraph right before a list introduces it ("Regjeringen vil …:"): role "lead_in"."""
    out = list(blocks)
    for i in range(len(out) - 1):
        b = out[i]
        if b.kind is Kind.PARAGRAPH and b.role is None and out[i + 1].kind is Kind.LIST_ITEM:
            out[i] = replace(b, role="lead_in")
    return out
