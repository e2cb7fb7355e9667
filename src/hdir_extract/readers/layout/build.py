"""Blocks of a line-based text, in reading order: the assembly of furniture, breaks, roles and tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from hdir_extract.document import Block, Box, Cell, Furniture, Kind, Row, Span
from hdir_extract.parsing.text import join_two
from hdir_extract.readers import structure
from hdir_extract.readers.layout import code_tables, tables
from hdir_extract.readers.layout.furniture import find_furniture
from hdir_extract.readers.layout.lines import SourceLine
from hdir_extract.readers.layout.roles import Role, assign_roles, mark_titles
from hdir_extract.readers.layout.spacing import GOES_ON, paragraph_breaks

# precompiled: these run once per line of every document
_P2 = regex.compile(r"\(?\d+[.)]")
_P3 = regex.compile(r"\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]")
_P4 = regex.compile(r"\(?[a-zæøå][.)]")
# (?r): these end-anchored patterns are searched backwards from the line's end (the same lines match;
# a forward search tries every start position)
_P5 = regex.compile(r"(?r)[.,;:!?]$")
_P6 = regex.compile(r"(?:^|\s)\p{Lu}")

_LOWER_START = regex.compile(r"^\s*\p{Ll}")
_ENDS_SENTENCE = regex.compile(r"[.!?:;»”]\s*$")
# (?r): end-anchored patterns searched from the line's end, not tried at every position
_FOOTNOTE_GOES_ON = regex.compile(
    r"(?r)(?:[-\u2010,–(]|\b(?:og|i|for|av|til|med|om|på|eller|the|of|and|in))\s*$"
)
_HEADING_GOES_ON = regex.compile(r"(?r)(?:\b(?:og|i|for|av|til|med|om|på|eller)|[-\u2010,–])\s*$")
# a heading's title wrapped before its period: "6.4.2 Prioriterte nasjonale innsatsområder" / "2024–2028"
_YEARS = regex.compile(r"^(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)?\d\d)?$")
#: a continuation line of a heading is short
MAX_HEADING_TAIL = 80
#: the rest of a table cell wrapped onto a line of its own is short
MAX_CELL_TAIL = 60
_YEAR = regex.compile(r"(?:19|20)\d\d")
_HAS_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
#: header cells that name the code and name columns, which take no year
_CODE_HEAD = regex.compile(r"(?i)(?:kap\.?|kapittel|post(?:-?\s?gr\.)?|betegnelse|postnavn|benevnelse)")
#: a table's id printed in a cell of its own over the table ("PIPR", "KPAL": the web edition's)
_TABLE_ID = regex.compile(r"\p{Lu}{3,5}")
#: a whole sentence on its line: a capital, three words more, and a full stop after a word of three or
#: more lower-case letters (no abbreviation: "mv.", "jf.")
_WHOLE_SENTENCE = regex.compile(r"^\p{Lu}\S*(?:\s+\S+){3,}?\p{Ll}{3}[.!?]$")
# a paragraph that ends without closing punctuation (or with ")" only) before a box did not end: the
# box is a float the typesetter put in the middle of the sentence
# ("… i distriktene.13": a footnote reference after the full stop closes it too)
_OPEN_PARAGRAPH = regex.compile(r"[.!?:;»”)]\d{0,3}\s*$")
#: a box's text line this much shorter than the box's usual (median) line ends its item or paragraph
SHORT_IN_BOX = 0.75
#: lines of a box needed before its longest line tells the box's width
MIN_BOX_LINES = 5


@dataclass(frozen=True, slots=True)
class Layout:
    blocks: tuple[Block, ...]
    boxes: tuple[Box, ...]
    furniture: tuple[Furniture, ...]


@dataclass(slots=True)
class _Open:
    """A block being assembled from its lines."""

    kind: Kind
    first: int
    page: int | None
    text: str = ""
    spans: list[Span] = field(default_factory=list)
    last: int = 0
    level: int | None = None
    number: str | None = None
    marker: str | None = None
    depth: int = 0
    role: str | None = None
    indent: float = 0.0
    index: int | None = None  # set when an earlier block was re-opened: where it goes back

    def add(self, no: int, text: str) -> None:
        # spaces collapsed before joining (not only at `close`), so that the spans point into the
        # block's final text
        text = " ".join(text.split())
        joined = join_two(self.text, text) if self.text else text
        # where the new line's text starts inside the joined text (after the joining space, if any)
        start = len(joined) - len(text.strip()) if self.text else 0
        self.spans.append(Span(max(start, 0), no))
        self.text = joined
        self.last = no

    def close(self, box: int | None) -> Block:
        return Block(
            kind=self.kind,
            text=" ".join(self.text.split()),
            first_line=self.first,
            last_line=self.last or self.first,
            page=self.page,
            spans=tuple(self.spans),
            level=self.level,
            number=self.number,
            marker=self.marker,
            depth=self.depth,
            role=self.role,
            box=box,
        )


class _Builder:
    def __init__(self, lines: Sequence[SourceLine]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.boxes: list[Box] = []
        self.box_open: tuple[str | None, str, int, int] | None = None  # number, title, first block, line
        self.cur: _Open | None = None
        self.list_markers: list[tuple[str, float]] = []  # marker styles of the current list, by depth
        #: the current list's wrapped lines hang under their items' text (seen on an item's second line)
        self.hanging = False
        #: the paragraph the open box interrupted in mid-sentence (its block index), and the box's first
        #: kept line: the running text may resume after the box's last item
        self.box_interrupts: int | None = None
        self.box_first_k = 0
        self.furniture: set[int] = set()
        self.length = {ln.no: len(ln.text.strip()) for ln in lines if "\t" not in ln.text}
        #: line numbers of the heads of code tables (`code_tables`)
        self.code_heads: set[int] = set()

    # --- blocks -------------------------------------------------------------------------------------

    def emit(self, block: Block) -> None:
        if self.box_open is not None and block.kind is not Kind.FURNITURE:
            block = _with_box(block, len(self.boxes))
        self.blocks.append(block)

    def flush(self) -> None:
        if self.cur is None:
            return
        if self.cur.index is not None:
            old = self.blocks[self.cur.index]
            self.blocks[self.cur.index] = (
                _with_box(self.cur.close(None), old.box) if old.box is not None else (self.cur.close(None))
            )
        else:
            self.emit(self.cur.close(None))
        self.cur = None

    def interrupted(self) -> int | None:
        """The paragraph or list item that footnotes, captions or furniture interrupted in mid-sentence
        (a page break put them between two halves of it), or None."""
        for idx in range(len(self.blocks) - 1, max(len(self.blocks) - 30, -1), -1):
            blk = self.blocks[idx]
            if blk.kind in (Kind.FOOTNOTE, Kind.CAPTION, Kind.FURNITURE):
                continue
            if blk.kind in (Kind.PARAGRAPH, Kind.LIST_ITEM) and idx < len(self.blocks) - 1:
                return idx if not _ENDS_SENTENCE.search(blk.text) else None
            return None
        return None

    def reopen(self, idx: int, ln: SourceLine) -> None:
        self.flush()
        blk = self.blocks[idx]
        self.cur = _Open(
            blk.kind,
            blk.first_line,
            blk.page,
            blk.text,
            list(blk.spans),
            blk.last_line,
            blk.level,
            blk.number,
            blk.marker,
            blk.depth,
            blk.role,
            index=idx,
        )
        self.cur.add(ln.no, ln.text)

    def start(self, kind: Kind, ln: SourceLine, text: str, **kw: object) -> None:
        self.flush()
        self.cur = _Open(kind, ln.no, ln.page, **kw)  # type: ignore[arg-type]
        self.cur.add(ln.no, text)

    # --- boxes --------------------------------------------------------------------------------------

    def open_box(self, number: str | None, title: str, line: int, k: int) -> None:
        self.close_box()
        interrupted = self.open_paragraph()
        self.box_first_k = k
        last = self.boxes[-1] if self.boxes else None
        if last is not None and number is not None and last.number == number:
            # "Boks 4.12 forts.": the same box goes on after a page break
            self.boxes.pop()
            self.box_open = (number, last.title, last.first_block, last.first_line)
            self.box_interrupts = interrupted if interrupted is not None else self.box_interrupts
            return
        self.box_interrupts = interrupted
        self.box_open = (number, title, len(self.blocks), line)

    def box_text_widths(self) -> list[int]:
        """Lengths of the lines of the open box's paragraphs and items (its footnotes and tables are set
        in other widths)."""
        assert self.box_open is not None and self.cur is not None
        inside = [*self.blocks[self.box_open[2] :], self.cur]
        return [
            self.length[s.line]
            for blk in inside
            if blk.kind in (Kind.PARAGRAPH, Kind.LIST_ITEM)
            for s in blk.spans
            if s.line in self.length
        ]

    def open_paragraph(self) -> int | None:
        """The paragraph right before a box that ends in mid-sentence (footnotes, captions and furniture
        aside): the box interrupted it, and its text resumes after the box."""
        for idx in range(len(self.blocks) - 1, max(len(self.blocks) - 30, -1), -1):
            blk = self.blocks[idx]
            if blk.kind in (Kind.FOOTNOTE, Kind.CAPTION, Kind.FURNITURE):
                continue
            if blk.kind is Kind.PARAGRAPH and blk.box is None and blk.role is None:
                return idx if not _OPEN_PARAGRAPH.search(blk.text) else None
            return None
        return None

    def close_box(self) -> None:
        if self.box_open is None:
            return
        self.flush()
        number, title, first_block, line = self.box_open
        inside = self.blocks[first_block:]
        if inside:
            # a title wrapped over two lines: the box title block holds the whole title
            head = inside[0]
            found = structure.box_start(head.text)
            title = found[1] if found else title
            self.boxes.append(
                Box(
                    len(self.boxes),
                    title,
                    number,
                    first_block,
                    len(self.blocks) - 1,
                    line,
                    inside[-1].last_line,
                )
            )
        self.box_open = None
        self.box_interrupts = None

    # --- lists --------------------------------------------------------------------------------------

    def list_depth(self, marker: str, indent: float, next_indent: float | None = None) -> int:
        """Nesting from the marker's style and indent: a new style (or a deeper indent) goes one level
        down, a style seen before goes back to its level. A nested item's wrapped lines hang under its
        own text; an item whose next line goes back to where an item of its style stands was only set
        in by a first-line (or page-top) indent, and is that item's sibling."""
        style = _marker_style(marker)
        if next_indent is not None and next_indent + 6 <= indent and self._has_level(style, next_indent):
            indent = next_indent
        for d, (s, ind) in enumerate(self.list_markers):
            if s == style and abs(ind - indent) < 6:
                del self.list_markers[d + 1 :]
                return d
        if self.list_markers and indent + 6 < self.list_markers[-1][1]:
            self.list_markers = [(style, indent)]
            return 0
        self.list_markers.append((style, indent))
        return len(self.list_markers) - 1

    def end_list(self) -> None:
        self.list_markers.clear()
        self.hanging = False

    def _has_level(self, style: str, indent: float) -> bool:
        return any(s == style and abs(ind - indent) < 6 for s, ind in self.list_markers)


#: a wrapped item line set at least this far right of its marker hangs under the item's text (points in a
#: PDF, characters in a text file: the list-depth tolerance)
HANGING = 6
#: a hanging list's wrapped lines stand this close to one indent (glyph positions in a PDF are exact; a
#: text file's indents are whole characters)
HANG_SLACK = 0.75


def _marker_style(marker: str) -> str:
    if _P2.fullmatch(marker):
        return "number"
    if _P3.fullmatch(marker):
        return "roman"
    if _P4.fullmatch(marker):
        return "letter"
    return "bullet:" + marker


def _with_box(block: Block, box: int) -> Block:
    from dataclasses import replace

    return replace(block, box=box)


def _next_line_indent(
    lines: Sequence[SourceLine], kept: list[int], breaks: list[bool], roles, k: int
) -> float | None:
    """The indent of the line after a list item's first line, where it may be the item's own."""
    if k + 1 < len(kept) and not breaks[k + 1] and roles[k + 1] is Role.TEXT:
        return _indent(lines[kept[k + 1]])
    return None


def _indent(ln: SourceLine) -> float:
    if ln.indent is not None:
        return ln.indent
    return float(len(ln.text) - len(ln.text.lstrip(" ")))


def build_layout(lines: Sequence[SourceLine]) -> Layout:
    furniture = find_furniture(lines)
    kept = [i for i, ln in enumerate(lines) if not ln.blank and i not in furniture]
    breaks = paragraph_breaks(lines, kept, furniture)
    roles, numbers = assign_roles(lines, kept, breaks)
    _mark_numeric_rows(lines, kept, breaks, roles)
    mark_titles(lines, kept, breaks, roles)
    # after the numeric rows: a code table's rows and comments are one table, whatever parts of it
    # looked like numeric rows or headings
    numbered = [roles[k] is Role.HEADING and n is not None for k, n in enumerate(numbers)]
    heads = code_tables.mark(lines, kept, roles, numbered)
    b = _Builder(lines)
    b.code_heads = {lines[kept[k]].no for k in heads}
    b.furniture = set(furniture)
    furn_blocks = {
        i: Block(Kind.FURNITURE, lines[i].text.strip(), lines[i].no, lines[i].no, lines[i].page, position=pos)
        for i, pos in furniture.items()
    }
    pending_furniture = sorted(furn_blocks)
    k = 0
    while k < len(kept):
        i = kept[k]
        while pending_furniture and pending_furniture[0] < i:
            b.flush()
            b.emit(furn_blocks[pending_furniture.pop(0)])
        k = _step(b, lines, kept, breaks, roles, numbers, k)
    b.flush()
    for j in pending_furniture:
        b.emit(furn_blocks[j])
    b.close_box()
    furn = tuple(
        Furniture(lines[i].page, pos, lines[i].text.strip(), lines[i].no)
        for i, pos in sorted(furniture.items())
    )
    return Layout(tuple(b.blocks), tuple(b.boxes), furn)


def _mark_numeric_rows(
    lines: Sequence[SourceLine], kept: list[int], breaks: list[bool], roles: list[Role]
) -> None:
    """Text lines that are rows of a table printed without TABs.

    A run of row-like lines (numbers, "code name" lines, short wrapped names; paragraph breaks allowed)
    is a table when, trimmed to its first and last line with a code or numbers, it holds at least two
    numeric rows, or one under a line of column names ("Tidligere tildeling Ny tildeling Sum tildelt")."""
    k = 0
    while k < len(kept):
        if roles[k] is not Role.TEXT or not tables.row_like(lines[kept[k]].text):
            k += 1
            continue
        j = k
        seen_numeric = False
        while (
            j < len(kept)
            and roles[j] in (Role.TEXT, Role.UNIT)
            and (roles[j] is Role.UNIT or tables.row_like(lines[kept[j]].text))
            and not structure.NOTE_TITLE.match(lines[kept[j]].text)
        ):
            if roles[j] is Role.UNIT and seen_numeric and _next_table_unit(lines, kept, j):
                break
            seen_numeric = seen_numeric or (roles[j] is Role.TEXT and tables.numeric_row(lines[kept[j]].text))
            j += 1
        if j < len(kept) and roles[j] is Role.TEXT and structure.NOTE_TITLE.match(lines[kept[j]].text):
            # "Note A Forklaring av samlet tildeling utgifter" right after a table's last row: the title
            # of the next note (and its table), never a row of the table above
            roles[j] = Role.HEADING
        texts = {m: lines[kept[m]].text for m in range(k, j) if roles[m] is Role.TEXT}
        anchored = [m for m, t in texts.items() if tables.anchored_row(t)]
        numeric = [m for m, t in texts.items() if tables.numeric_row(t)]
        if numeric:
            # the table starts at its first numeric row, or the "code name" line right before it (a
            # row whose amounts stand on the next line); earlier row-like lines (an address, a date)
            # are not the table's
            first, last = numeric[0], max(anchored)
            title = last + 2 == j and _opens_table(roles, j)  # the line before j titles the next table
            while last + 1 in texts and not breaks[last + 1] and not title:
                last += 1  # the last row's name wrapped onto the next line ("06 … for" / "fastleger")
            if first - 1 in texts and tables.anchored_row(texts[first - 1]):
                first -= 1
            if _captioned(roles, k):
                # under its caption ("Tabell 6-1 Bevilgningsrapportering …") every line before the first
                # row is the table's head ("Utgifts-" / "kapittel", "Samlet tildeling", "Regnskap 2023")
                first = k
            before = first - 1
            header = before >= 0 and roles[before] is Role.TEXT and _column_names(lines[kept[before]].text)
            if len(numeric) >= 2 or header:
                for m in range(before if header else first, last + 1):
                    if roles[m] is Role.TEXT:
                        roles[m] = Role.TABLE
        k = max(j, k + 1)


def _next_table_unit(lines: Sequence[SourceLine], kept: list[int], j: int) -> bool:
    """A unit line ("(i 1 000 kr)") after a run of numeric rows, on the same page as the row before it:
    it stands over the next table, never inside a table's body. Where a plain-text extraction prints no
    blank line between two tables ("Sum kap. 2711 …" / "Kap. 2711 Spesialisthelsetjeneste mv." / "(i 1 000
    kr)" / "Post Betegnelse …"), it is where the one table ends and the next begins. Judgement call: after
    a page break the unit line may be the head of the same table printed again, so there it says
    nothing."""
    return j > 0 and lines[kept[j - 1]].page == lines[kept[j]].page


def _opens_table(roles: list[Role], j: int) -> bool:
    """Kept line j (where a run of rows stopped) is a unit line over the next table: the line right before
    it is that table's title ("Kap. 2711 …"), not a wrapped name of the last row."""
    return j < len(roles) and roles[j] is Role.UNIT


def _captioned(roles: list[Role], k: int) -> bool:
    """The run of rows starting at kept line k stands right under a caption (and its unit line). Not
    under a note's title: a note's column heads are read with its text (the accounts' extractor)."""
    m = k - 1
    while m >= 0 and roles[m] is Role.UNIT:
        m -= 1
    return m >= 0 and roles[m] is Role.CAPTION


def _column_names(text: str) -> bool:
    """A line of column names above a one-row table ("Tidligere tildeling Ny tildeling Sum tildelt")."""
    t = text.strip()
    return (
        len(t) <= 120
        and len(t.split()) >= 3
        and not _P5.search(t)
        and not tables.numeric_row(t)
        and len(_P6.findall(t)) >= 2
    )


def _step(
    b: _Builder,
    lines: Sequence[SourceLine],
    kept: list[int],
    breaks: list[bool],
    roles: list[Role],
    numbers: list[tuple[int, ...] | None],
    k: int,
) -> int:
    """Consume the block starting at kept line k; return the index of the next unconsumed line."""
    ln = lines[kept[k]]
    role = roles[k]
    text = ln.text.strip()
    if role is Role.TABLE or (role is Role.UNIT and _table_follows(roles, k)):
        return _table(b, lines, kept, breaks, roles, k)
    if role is Role.BOX_END:
        b.start(Kind.PARAGRAPH, ln, text, role="box_end")
        b.flush()
        b.close_box()
        return k + 1
    if role is Role.BOX_START:
        b.flush()
        num, title = structure.box_start(text)  # type: ignore[misc]
        b.open_box(num, title, ln.no, k)
        b.start(Kind.HEADING, ln, text, number=num, role="box_title")
        return _continue_heading(b, lines, kept, breaks, roles, k + 1)
    if role is Role.HEADING:
        b.close_box() if b.box_open is not None else b.flush()
        num = numbers[k]
        b.end_list()
        b.start(
            Kind.HEADING,
            ln,
            text,
            level=len(num) if num else None,
            number=".".join(map(str, num)) if num else None,
        )
        return _continue_heading(b, lines, kept, breaks, roles, k + 1)
    if role is Role.CAPTION:
        b.start(Kind.CAPTION, ln, text, number=structure.caption(text)[0])  # type: ignore[index]
    elif role is Role.FOOTNOTE:
        b.start(Kind.FOOTNOTE, ln, text, number=text.split()[0])
        return _footnote(b, lines, kept, breaks, roles, k + 1)
    elif role is Role.LIST_ITEM:
        m = structure.list_marker(ln.text)
        assert m is not None
        depth = b.list_depth(m.marker, _indent(ln), _next_line_indent(lines, kept, breaks, roles, k))
        b.start(Kind.LIST_ITEM, ln, m.rest, marker=m.marker, number=m.number, depth=depth)
    elif role is Role.UNIT:
        b.start(Kind.PARAGRAPH, ln, text, role="unit")
    else:
        idx = b.interrupted() if _LOWER_START.match(text) else None
        if idx is not None:
            b.reopen(idx, ln)  # the rest of a paragraph a page break interrupted
        else:
            if breaks[k] and b.cur is not None and b.cur.kind is not Kind.LIST_ITEM:
                b.end_list()
            b.start(Kind.PARAGRAPH, ln, text)
    k += 1
    hang: list[float] = []  # the indent of a list item's wrapped lines, once seen
    while k < len(kept) and not breaks[k] and roles[k] is Role.TEXT:
        if role is Role.LIST_ITEM and _leaves_item(b, _indent(ln), hang, lines[kept[k - 1]], lines[kept[k]]):
            return k
        if _resumes_after_box(b, lines, kept, breaks, roles, k):
            return _resume(b, lines, kept, breaks, roles, k)
        b.cur.add(lines[kept[k]].no, lines[kept[k]].text)  # type: ignore[union-attr]
        k += 1
    return k


def _leaves_item(
    b: _Builder, item_indent: float, hang: list[float], prev: SourceLine, ln: SourceLine
) -> bool:
    """A line after a list item's first line, with no break between, that is no part of the item. Where
    the list's wrapped lines hang under their text, they all stand at one indent: a line set elsewhere
    (back at the markers' edge, or at a paragraph's first-line indent) starts the running text after the
    list. A typesetter without hanging indents sets every line at the edge; there the rule never applies.
    Indents count from the column's edge, which may lie a little elsewhere in the next column or page: the
    hang is learnt again after a page or a line the reader saw end its column (`wrapped` unknown), and
    not from the first line there (which a typesetter may set in at a page's top)."""
    indent = _indent(ln)
    if prev.page != ln.page or (prev.wrapped is None and ln.wrapped is not None):
        hang.clear()
        return False
    if not hang:
        if indent >= item_indent + HANGING:
            b.hanging = True
            hang.append(indent)
            return False
        return b.hanging and indent < item_indent + HANGING / 2
    return abs(indent - hang[0]) > HANG_SLACK


def _resumes_after_box(
    b: _Builder, lines: Sequence[SourceLine], kept: list[int], breaks: list[bool], roles: list[Role], k: int
) -> bool:
    """Does kept line k resume the running text a box interrupted, rather than go on with the box's
    item or paragraph? The box interrupted a paragraph in mid-sentence ("… samarbeid om" / "Boks 4.1
    …"), the line goes on in lower case, and the box's line before it does not plainly go on (a hyphen,
    "og", "for") but stops well short of the box's usual line: the item ended there (the justified lines
    of an item or paragraph run the column's width until its last one). The usual line is the median of
    the box's own lines; where a page break stands between the two lines (furniture, a new page: the box
    filled the rest of the page), the lines that would resume the running text count too, so that a
    short box is judged as well. A page break alone never ends a box: an item runs over pages."""
    if b.box_open is None or b.box_interrupts is None or b.cur is None or b.cur.index is not None:
        return False
    a, c = kept[k - 1], kept[k]
    prev, nxt = lines[a].text.strip(), lines[c].text
    if not _LOWER_START.match(nxt) or GOES_ON.search(prev) or "\t" in prev:
        return False
    widths = b.box_text_widths()
    if lines[a].page != lines[c].page or any(i in b.furniture for i in range(a + 1, c)):
        m = k
        while m < len(kept) and (m == k or not breaks[m]) and roles[m] is Role.TEXT:
            widths.append(len(lines[kept[m]].text.strip()))
            m += 1
    widths.sort()
    return len(widths) >= MIN_BOX_LINES and len(prev) < SHORT_IN_BOX * widths[len(widths) // 2]


def _resume(b: _Builder, lines, kept, breaks, roles, k: int) -> int:
    """The box ends with the block before line k; the paragraph it interrupted takes up line k and the
    lines after it up to the next paragraph break."""
    target = b.box_interrupts
    assert target is not None
    b.flush()
    b.close_box()
    b.reopen(target, lines[kept[k]])
    k += 1
    while k < len(kept) and not breaks[k] and roles[k] is Role.TEXT:
        b.cur.add(lines[kept[k]].no, lines[kept[k]].text)  # type: ignore[union-attr]
        k += 1
    return k


def _footnote(b: _Builder, lines, kept, breaks, roles, k: int) -> int:
    """A footnote's own lines: it goes on while its text plainly continues (a hyphen, a comma, a lower
    case start). A lower-case line after it may instead finish the paragraph the page break cut."""
    while k < len(kept) and roles[k] is Role.TEXT and not breaks[k]:
        nxt = lines[kept[k]].text.strip()
        so_far = b.cur.text  # type: ignore[union-attr]
        if _LOWER_START.match(nxt):
            if not _FOOTNOTE_GOES_ON.search(so_far) and b.interrupted() is not None:
                break  # the interrupted paragraph resumes (see _step)
        elif not _FOOTNOTE_GOES_ON.search(so_far):
            break
        b.cur.add(lines[kept[k]].no, nxt)  # type: ignore[union-attr]
        k += 1
    b.flush()
    return k


def _continue_heading(b: _Builder, lines, kept, breaks, roles, k: int) -> int:
    """A heading wrapped over lines: the next line goes on in lower case, or the heading line ends with a
    word that cannot end a title ("og", "for", a hyphen)."""
    while k < len(kept) and roles[k] is Role.TEXT and not breaks[k]:
        nxt = lines[kept[k]].text.strip()
        if len(nxt) > MAX_HEADING_TAIL or not (
            _LOWER_START.match(nxt) or _YEARS.match(nxt) or _HEADING_GOES_ON.search(b.cur.text)  # type: ignore[union-attr]
        ):
            break
        b.cur.add(lines[kept[k]].no, nxt)  # type: ignore[union-attr]
        k += 1
    b.flush()
    return k


def _wrapped_cell(text: str, brk: bool, roles: list[Role], j: int, nxt: str | None = None) -> bool:
    """An untabbed line among a cell-per-line table's cells goes on with the cell above: right after it,
    or after a blank line where the table goes on below ("Forslag" / "" / "2025", a wrapped post name).
    Not where the line below opens a table of its own: a lone code cell ("\tPIPR", the web edition's
    table id) or a unit line ("(i 1 000 kr)") under it makes the line that table's caption."""
    t = text.strip()
    if t.endswith(":"):
        return False  # "Utgifter:": a section of the table's document, not the rest of a cell
    if _WHOLE_SENTENCE.match(t):
        # "Tildelingen på posten økes med 41,6 mill. kroner." under a one-row change table: the running
        # text after the table (a cell's wrapped rest is a fragment of a name, not a sentence)
        return False
    if not brk:
        return len(t) <= MAX_CELL_TAIL
    if nxt is not None and (_TABLE_ID.fullmatch(nxt.strip()) or structure.is_unit_line(nxt)):
        return False
    return len(t) <= MAX_CELL_TAIL and j + 1 < len(roles) and roles[j + 1] is Role.TABLE


def _table_follows(roles: list[Role], k: int) -> bool:
    return any(r is Role.TABLE for r in roles[k + 1 : k + 3])


def _table(b: _Builder, lines, kept, breaks, roles, k: int) -> int:
    """One table: its unit line, rows (continued over page breaks) and header rows."""
    b.flush()
    unit: str | None = None
    members: list[tuple[int, str, bool, tuple[str, ...] | None]] = []
    j = k
    while j < len(kept):
        ln = lines[kept[j]]
        r = roles[j]
        if r is Role.UNIT:
            unit = unit or ln.text.strip()
        elif r is Role.TABLE:
            if members and ln.no in b.code_heads:
                break  # the next code table starts right under this one
            members.append((ln.no, ln.text, breaks[j], ln.cells))
        elif (
            r is Role.TEXT
            and members
            and any("\t" in m[1] for m in members)
            and _wrapped_cell(
                ln.text, breaks[j], roles, j, lines[kept[j + 1]].text if j + 1 < len(kept) else None
            )
        ):
            members.append((ln.no, ln.text, False, None))  # a wrapped cell of a cell-per-line table
        else:
            break
        j += 1
    texts = [t for _, t, _, cells in members if cells is None]
    if members and members[0][0] in b.code_heads:
        rows = code_tables.rows([(no, t) for no, t, _, _ in members if t.strip()])
    elif texts and tables.is_cell_per_line(texts):
        rows = tables.cell_per_line([(no, t, brk) for no, t, brk, _ in members])
    else:
        rows = [
            tables.row_from_line(no, t, cells)
            for no, t, _, cells in members
            if "\t" in t or cells or t.strip()
        ]
    rows = _join_bottom_aligned(_join_textless(rows))
    rows = _take_unit(rows, unit_holder := [unit])
    rows = _join_header_years(tables.mark_headers(rows))
    caption = None
    prev = b.blocks[-1] if b.blocks else None
    if prev is not None and prev.kind is Kind.CAPTION:
        caption = prev.text
    first = rows[0].line if rows else lines[kept[k]].no
    last = max((r.last_line or r.line) for r in rows) if rows else lines[kept[j - 1]].no
    text = "\n".join("\t".join(c.text for c in r.cells) for r in rows)
    b.emit(
        Block(
            Kind.TABLE,
            text,
            min(first, lines[kept[k]].no),
            last,
            lines[kept[k]].page,
            rows=tuple(rows),
            unit=unit_holder[0],
            caption=caption,
        )
    )
    return j


def _join_textless(rows: list[Row]) -> list[Row]:
    """A row without any text (a PDF line whose wrapped cells the reader joined to the row above) is
    the rest of the row above: it only extends that row's lines."""
    out: list[Row] = []
    for r in rows:
        if out and r.cells and not any(c.text for c in r.cells):
            prev = out[-1]
            out[-1] = Row(prev.cells, prev.line, prev.header, last_line=r.last_line or r.line)
        else:
            out.append(r)
    return out


def _join_bottom_aligned(rows: list[Row]) -> list[Row]:
    """A name wrapped over two lines with its amounts printed on the last ("70 Trinnskatt, formuesskatt
    mv. fra" / "personlige skattytere ..... 125 611 136 081"): the row above holds the codes and the
    name's first part, nothing after it; the row below holds no code, the name's rest and the amounts.
    One row, each cell on the line it is printed on."""
    out: list[Row] = []
    for r in rows:
        name = _wrapped_name_col(out[-1], r) if out else None
        if name is None:
            out.append(r)
            continue
        prev = out[-1]
        cells = list(prev.cells)
        top = cells[name]
        cells[name] = Cell(join_two(top.text, r.cells[name].text), top.line, top.col)
        cells[name + 1 :] = r.cells[name + 1 :]
        out[-1] = Row(tuple(cells), prev.line, prev.header, last_line=r.last_line or r.line)
    return out


def _wrapped_name_col(above: Row, row: Row) -> int | None:
    """The column of the name `row` completes (see `_join_bottom_aligned`), or None."""
    a, b = above.texts, row.texts
    if above.header or row.header or len(a) != len(b) or len(b) < 3:
        return None
    name = next((i for i, t in enumerate(b) if t), None)
    if name is None or name == 0 or not a[name] or any(a[name + 1 :]) or not any(a[:name]):
        return None
    amounts = [t for t in b[name + 1 :] if t]
    if not amounts or not all(tables.is_number_cell(t) for t in amounts):
        return None
    return name if not tables.is_number_cell(b[name]) else None


def _join_header_years(rows: list[Row]) -> list[Row]:
    """A header cell wrapped onto a header row of its own ("Regnskap" / "2023" beside "Saldert budsjett
    2024", "Forslag 2025"): the row of bare years completes, in order, the header cells that name no year."""
    if len(rows) < 2 or not (rows[0].header and rows[1].header):
        return rows
    years = [c for c in rows[1].cells if c.text]
    if not years or not all(_YEAR.fullmatch(c.text) for c in years):
        return rows
    bare = [i for i, c in enumerate(rows[0].cells) if c.text and not _HAS_YEAR.search(c.text)]
    named = [i for i in bare if not _CODE_HEAD.fullmatch(rows[0].cells[i].text)]
    if len(named) != len(years):
        return rows
    cells = list(rows[0].cells)
    for i, y in zip(named, years, strict=True):
        cells[i] = Cell(f"{cells[i].text} {y.text}", cells[i].line, cells[i].col)
    head = Row(tuple(cells), rows[0].line, True, last_line=rows[1].last_line or rows[1].line)
    return [head, *rows[2:]]


def _take_unit(rows: list[Row], holder: list[str | None]) -> list[Row]:
    """A unit printed in the table's head ("(i 1 000 kr)" alone, or beside a column key of the web
    edition) is the table's unit; a row that held nothing else is dropped."""
    out = []
    body = False
    for r in rows:
        non_empty = [c for c in r.cells if c.text]
        unit = next((c.text for c in non_empty if tables.unit_of(c.text)), None)
        if unit and not body:
            holder[0] = holder[0] or unit
            if len(non_empty) <= 2:
                continue
        body = body or tables.has_amount([c.text for c in r.cells])
        out.append(r)
    return out
