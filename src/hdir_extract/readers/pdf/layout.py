"""Page layout for the PDF reader: characters -> words -> lines in reading order.

Characters come from pypdfium2 (about 20x faster than pdfminer). Coordinates here are top-down (y grows
down the page), in PDF points, like pdfplumber's, so table boxes from pdfplumber line up.

Reading order on a two-column page: the gutter is found from the words' x-positions (a vertical strip
near the middle of the text block that many rows leave empty, with the right-hand parts starting at
one x). Rows that cross the gutter (full-width headings, dot-leader tables) and runs of table-like rows
split the page into bands; in each band the left column is read before the right one.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb06": "st",
}
#: a run of dot leaders ("........", "…") between a table label and its numbers: a word of its own
_LEADER = regex.compile(r"^[.…·]{3,}$|^…+$")
#: dots that close a word ("stiftelser......"): at least this many make a leader, split off the word
MIN_LEADER_DOTS = 3
#: a table cell of numbers ("1 270 911", "-2 345", "14,5 %")
_NUMERIC = regex.compile(r"^[\d\s.,:;%()\-–−]+$")


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def is_leader(self) -> bool:
        return bool(_LEADER.match(self.text))


@dataclass(slots=True)
class PageLine:
    """One printed line (or table row) of a page, in reading order."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    #: "body" | "full" (crosses the gutter or a table row) | "table" (cells from the table finder)
    kind: str = "body"
    #: 0 single column / full width, 1 left column, 2 right column
    column: int = 0
    #: a paragraph gap (blank line) comes before this line
    gap_before: bool = False
    #: the line opens a paragraph by its first-line indent (no gap: typeset like a proposition)
    indented_start: bool = False
    #: the line's words, left to right (dot leaders included: they are a cell boundary)
    words: list[Word] = field(default_factory=list)
    #: the cells of a table row the reader saw (ruled grid, aligned columns, wide gaps); None for text
    cells: tuple[str, ...] | None = None
    #: left indent in points relative to the left edge of the line's column (for list nesting)
    indent: float | None = None
    #: how this line's gaps are read: a gap this wide is a cell boundary, one this wide (and clearly
    #: wider than the line's usual space) is a double space (None: never); `left` and `right` are the
    #: column's edges (a justified line spans them)
    cell_gap: float = 0.0
    double_gap: float | None = None
    left: float = 0.0
    right: float = 0.0
    #: the line ends because the next line's first word did not fit after it (a soft wrap: True), or
    #: that word would have fitted (a hard break: False); None when not told (a table row, a page's
    #: last line)
    wrapped: bool | None = None
    #: a table row read from several printed lines (its cell wrapped): the top of its last line
    last_top: float | None = None


@dataclass(slots=True)
class PageText:
    page: int  # 1-based
    width: float
    height: float
    lines: list[PageLine] = field(default_factory=list)
    ruled: bool = False  # has horizontal and vertical rulings: worth running the table finder


# --- characters -> words ---------------------------------------------------------------------------


def page_words(textpage, page_height: float) -> list[Word]:  # textpage: pypdfium2.PdfTextPage
    """Words in content order. A word ends at a space (real or one pdfium generated for a gap), at a
    horizontal gap wider than ~1/5 of the line height, or where the text jumps to another line."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_angle = pdfium_c.FPDFText_GetCharAngle
    rect = pdfium_c.FS_RECTF()
    words: list[Word] = []
    chars: list[str] = []
    x0 = x1 = top = bottom = 0.0
    # the run of dots the word ends with: where it starts (char index) and its x-range's left end,
    # and the word's right edge before it
    dots = dot_at = 0
    dot_x0 = before_dots = 0.0

    def flush() -> None:
        if chars:
            if MIN_LEADER_DOTS <= dots < len(chars):
                # "stiftelser......": the name and its dot leader are two words
                words.append(Word("".join(chars[:dot_at]), x0, before_dots, top, bottom))
                words.append(Word("".join(chars[dot_at:]), dot_x0, x1, top, bottom))
            else:
                words.append(Word("".join(chars), x0, x1, top, bottom))
            chars.clear()

    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        u = get_unicode(raw, i)
        if u in (2, 0xFFFE):  # pdfium reports a line-end hyphen as U+0002; it is printed as "-"
            ch = "-"
        elif u <= 32 or u in (0xA0, 0x202F, 0x2009, 0x2007, 0x200A, 0x2002, 0x2003):
            flush()  # spaces (and \r\n pdfium inserts between lines) separate words
            continue
        else:
            ch = chr(u)
        if get_angle(raw, i) > 0.01 and abs(get_angle(raw, i) - 2 * math.pi) > 0.01:
            flush()  # rotated text (a title set vertically in the margin) is not part of the lines
            continue
        get_box(raw, i, rect)
        cx0, cx1 = rect.left, rect.right
        ctop, cbottom = page_height - rect.top, page_height - rect.bottom
        if chars:
            h = max(bottom - top, cbottom - ctop, 1.0)
            overlap = min(bottom, cbottom) - max(top, ctop)
            same_line = overlap > 0.5 * min(bottom - top, cbottom - ctop, h)
            gap = cx0 - x1
            if not same_line or gap > 0.2 * h or gap < -0.5 * h:
                flush()
        if not chars:
            x0, x1, top, bottom = cx0, cx1, ctop, cbottom
            dots = 0
        if ch in ".…":
            if dots == 0:
                dot_at, dot_x0, before_dots = len(chars), cx0, x1
            dots += 1
        else:
            dots = 0
        if chars:
            x1 = max(x1, cx1)
            top, bottom = min(top, ctop), max(bottom, cbottom)
        chars.append(_LIGATURES.get(ch, ch))
    flush()
    return words


# --- words -> rows ------------------------------------------------------------------------------


def _rows(words: list[Word]) -> list[list[Word]]:
    """Group words into rows by vertical overlap (a superscript joins its line), sorted top-down and
    each row left to right."""
    rows: list[tuple[float, float, list[Word]]] = []  # (top, bottom, words) of the row's main words
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        if rows:
            top, bottom, members = rows[-1]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap > 0.6 * min(bottom - top, w.height):
                members.append(w)
                if w.height > bottom - top:  # the tallest word defines the row's band
                    rows[-1] = (w.top, w.bottom, members)
                continue
        rows.append((w.top, w.bottom, [w]))
    return [sorted(m, key=lambda w: w.x0) for _, _, m in rows]


# --- the gutter ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gutter:
    x0: float  # right edge of the left column
    x1: float  # left edge of the right column
    support: int  # rows with text on both sides and nothing in the gutter


def find_gutter(words: list[Word]) -> Gutter | None:
    """The gutter of a two-column page, or None. Rows vote for the x-ranges of their wide gaps near the
    middle of the text block; the best strip must be empty in >= 3 rows whose right-hand parts mostly
    start at the same x (a left-aligned column; right-aligned table numbers do not)."""
    if len(words) < 20:
        return None
    height = statistics.median(w.height for w in words)
    left = min(w.x0 for w in words)
    right = max(w.x1 for w in words)
    width = right - left
    if width < 20 * height:
        return None
    lo, hi = int(left + 0.3 * width), int(left + 0.7 * width)
    votes = [0] * (hi - lo + 1)
    rows = [r for r in _rows(words) if len(r) >= 2]
    min_gap = 0.8 * height  # a gutter is ~1.5-2 line heights; word spaces stay under ~0.5
    for row in rows:
        for a, b in itertools.pairwise(row):
            if b.x0 - a.x1 >= min_gap:
                for x in range(max(lo, int(a.x1) + 1), min(hi, int(b.x0)) + 1):
                    votes[x - lo] += 1
    best = max(votes)
    if best < 3:
        return None
    # the strip: the widest run of x with the best vote count (ties: the one nearest the middle)
    runs: list[tuple[int, int]] = []
    start = None
    for i, v in enumerate([*votes, -1]):
        if v == best and start is None:
            start = i
        elif v != best and start is not None:
            runs.append((start, i - 1))
            start = None
    mid = (left + right) / 2
    a, b = min(runs, key=lambda r: (-(r[1] - r[0]), abs(lo + (r[0] + r[1]) / 2 - mid)))
    gx = lo + (a + b) / 2
    # the rows that support it, and where their right-hand parts start
    starts, widths, numeric, support, left_ends = [], [], [], 0, []
    for row in rows:
        lefts = [w for w in row if w.x1 <= gx]
        rights = [w for w in row if w.x0 >= gx]
        if lefts and rights and len(lefts) + len(rights) == len(row):
            support += 1
            left_ends.append(lefts[-1].x1)
            starts.append(round(rights[0].x0))
            widths.append(rights[-1].x1 - rights[0].x0)
            numeric.append(bool(_NUMERIC.match(" ".join(w.text for w in rights))))
    if support < 3:
        return None
    mode, _ = Counter(starts).most_common(1)[0]
    aligned = sum(1 for s in starts if abs(s - mode) <= 2)
    if aligned < max(3, 0.5 * support):
        return None
    if statistics.median(widths) < 0.5 * (right - mode):
        return None
    # prose fills its column; a table's number column (also a "right part") holds only numbers
    if sum(1 for t in numeric if t) > 0.5 * support:
        return None
    # the left column's right edge, from the rows that support the gutter: a full-width line (a
    # footnote under a table) may end anywhere near it
    g0 = max(left_ends)
    # the right column's edge: the leftmost start that several rows share (a list with hanging
    # indents starts most lines further in, after its markers at the edge)
    shared = [x for x in set(starts) if sum(1 for t in starts if abs(t - x) <= 2) >= 3]
    g1 = min(x for x in shared if x > g0) if any(x > g0 for x in shared) else mode
    # a gutter is narrow (~4 % of the text width) and the two columns about equally wide: a wide
    # empty strip is the gap between a table's label and number columns
    if not min_gap <= g1 - g0 <= 0.08 * width:
        return None
    if not 0.6 <= (g0 - left) / max(right - g1, 1.0) <= 1.67:
        return None
    return Gutter(g0, g1, support)


MIN_FILLED_ROWS = 5  # rows of a page's left column filled with prose up to the usual gutter


def gutter_at(words: list[Word], usual: Gutter) -> Gutter | None:
    """The document's usual gutter on a page where it did not win the vote (a table's column gap
    drew more rows): it holds when at least two rows are two-column prose across it (the left part
    fills its column up to the gutter, the right part starts at the right column's edge). Rows that
    cross it (tables, captions) are full width, as on any page."""
    if len(words) < 20:
        return None
    right_edge = max(w.x1 for w in words)
    slack = 0.3 * (usual.x1 - usual.x0)
    support = crossing = filled = 0
    for row in _rows(words):
        if any(w.x0 < usual.x1 - slack and w.x1 > usual.x0 + slack for w in row):
            crossing += 1
            continue
        if _prose_across(row, usual, right_edge, both=True):
            support += 1
        elif _prose_across(row, usual, right_edge):
            filled += 1
    if support >= 2:
        return Gutter(usual.x0, usual.x1, support)
    # a page whose right column holds a line or two only (a heading the table under it did not follow
    # onto the page): no row crosses the gutter, the left column is full of prose up to it, and a row
    # is prose on both sides
    if support == 1 and crossing == 0 and filled >= MIN_FILLED_ROWS:
        return Gutter(usual.x0, usual.x1, support)
    return None


# --- layout ---------------------------------------------------------------------------------------


SPACE, DOUBLE, CELL = " ", "  ", "\t"
#: a list marker, heading number or footnote number opening a line ("•", "1.", "a)", "1.4", "12"):
#: the gap after it is a hanging indent, never a table cell; roman numerals ("ii.", "(iv)") number
#: lists of criteria
MARKER = regex.compile(
    r"^(?:[–—•▪●◦\-*\uf0b7\uf0a7]|\(?\d{1,3}[.)]?|\(?[a-zæøå][.)]|\(?[ivx]{1,5}[.)]"
    r"|\d{1,2}(?:\.\d{1,2}){1,4}\.?)$"
)
PROSE_BAND = 0.5  # share of a band's rows that must read as two-column prose
#: a number token: "1 234" groups, "-2,7", "14,5 %", "(123)", "–"
NUMBER = regex.compile(r"^[-\u2212\u2013(]?\d[\d.,]*\)?%?$|^[-\u2212\u2013]$|^%$")
HANGING_INDENT = 2.0  # of the line height: the widest gap after a list marker or heading number
JUSTIFIED_SPREAD = 1.3  # a justified line's spaces are stretched alike: the widest within 1.3x the narrowest


def read_gaps(line: PageLine) -> tuple[list[Word], list[str]]:
    """The line's words without dot leaders, and how each gap between them reads: SPACE, DOUBLE or CELL.

    - A dot leader only joins a label to its numbers: the gap over it is a cell boundary (CELL).
    - A gap of at least `cell_gap` is a cell boundary.
    - With `double_gap`, a gap clearly wider than the line's usual word space (>= 1.6x it and
      >= `double_gap`) is a double space: a text set with a run of spaces between its cells
      ("1 328 757  1 416 685", where single spaces group the digits) keeps its cell boundaries, as in
      the text layer. The usual space is the lower quartile of the line's gaps, not the narrowest: a
      justified line that ends in a figure's "14,2 11,4" stays single-spaced. A row whose every gap is
      a cell gap ("Kvinner  425  39") reads single-spaced.
    - A justified line (it spans its column's measure and all its spaces are stretched alike) is
      prose however wide its spaces: a narrow column stretches three words across its measure.
    - The gap after a leading marker ("•", "1.4", "12") is a hanging indent: at most a double space.
      (A hanging indent is narrow: "136      Prop. 1 LS" is a running head's page number and title.)
    """
    words: list[Word] = []
    cut: list[bool] = []  # a dot leader follows the word
    run: list[Word] = []  # single "." words in a row: a spaced leader ". . . ."
    for w in [*line.words, None]:
        if w is not None and w.text == ".":
            run.append(w)
            continue
        if len(run) >= MIN_LEADER_DOTS:
            if cut:
                cut[-1] = True
        else:
            for d in run:
                words.append(d)
                cut.append(False)
        run = []
        if w is None:
            break
        if w.is_leader:
            if cut:
                cut[-1] = True
            continue
        words.append(w)
        cut.append(False)
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    narrow = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    justified = not any(cut[:-1]) and _justified(line, words, gaps)
    kinds: list[str] = []
    for i, gap in enumerate(gaps):
        if cut[i]:
            kinds.append(CELL)
        elif justified:
            kinds.append(SPACE)
        elif gap >= line.cell_gap:
            kinds.append(CELL)
        elif line.double_gap is not None and gap >= max(line.double_gap, 1.6 * narrow):
            kinds.append(DOUBLE)
        else:
            kinds.append(SPACE)
    # a hanging indent is narrow; a page number far off its running head's title is a cell
    if kinds and kinds[0] == CELL and not cut[0] and MARKER.match(words[0].text):
        kinds[0] = DOUBLE if gaps[0] < HANGING_INDENT * words[0].height else CELL
    return words, kinds


def _justified(line: PageLine, words: list[Word], gaps: list[float]) -> bool:
    """The line spans its column's measure (a first line may be indented) with its word spaces
    stretched alike. The narrow space inside a number ("540 000") is not stretched and does not
    count; two words stretched across the measure are justified prose unless one is a number (a
    two-cell row "Sum   1 234")."""
    if len(words) < 2 or line.right <= line.left:
        return False
    spans = words[-1].x1 >= line.right - 2 and words[0].x0 <= line.left + 0.1 * (line.right - line.left)
    if not spans:
        return False
    stretched = [
        g for g, (a, b) in zip(gaps, itertools.pairwise(words), strict=True)
        if not (NUMBER.match(a.text) and NUMBER.match(b.text))
    ]  # fmt: skip
    if not stretched:
        return False
    pairs = list(zip(gaps, itertools.pairwise(words), strict=True))
    by_number = [
        g for g, (a, b) in pairs if g >= line.cell_gap and (NUMBER.match(a.text) or NUMBER.match(b.text))
    ]
    between_words = [g for g, (a, b) in pairs if not (NUMBER.match(a.text) or NUMBER.match(b.text))]
    # a number in a line of words stretched like its other spaces is prose ("begynnelsen av januar 2024.
    # Helfo har i", "… kapittel 740 post 60, 61, 70,"): only spaces between words tell the stretch
    alike = (
        len(between_words) >= 2 and max(by_number, default=0.0) <= JUSTIFIED_SPREAD * min(between_words) + 1
    )
    if by_number and not alike:
        return False  # a cell gap beside a number: a table row whose columns happen to be even
    if len(words) == 2:
        return not any(NUMBER.match(w.text) for w in words)
    return max(stretched) <= JUSTIFIED_SPREAD * min(stretched) + 1


def join_words(words: list[Word], kinds: list[str]) -> str:
    parts = [words[0].text] if words else []
    for w, kind in zip(words[1:], kinds, strict=True):
        parts += [kind, w.text]
    return "".join(parts).strip()


def _make_line(
    words: list[Word],
    kind: str,
    column: int,
    cell_gap: float,
    double_gap: float | None = None,
    edges: tuple[float, float] = (0.0, 0.0),
) -> PageLine:
    words = sorted(words, key=lambda w: w.x0)
    line = PageLine(
        text="",
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        kind=kind,
        column=column,
        words=words,
        cell_gap=cell_gap,
        double_gap=double_gap,
        left=edges[0],
        right=edges[1],
    )
    line.text = join_words(*read_gaps(line))
    return line


def _table_like(row: list[Word], gutter: Gutter, right_edge: float) -> bool:
    """A table row that happens to leave the gutter empty ("01 Driftsutgifter   282 495   299 351"):
    text on both sides, the left part stops well short of the gutter, the right part does not start
    at the right column's edge, holds only numbers and reaches the right margin. Two-column prose
    fails at least one of these (its left lines run to the gutter or its right lines start at the
    column edge, and hold words)."""
    lefts = [w for w in row if w.x1 <= gutter.x0 + 1]
    rights = [w for w in row if w.x0 >= gutter.x1 - 1]
    if not lefts or not rights:
        return False
    col_width = right_edge - gutter.x1
    short_left = lefts[-1].x1 < gutter.x0 - 0.15 * col_width
    off_edge = abs(rights[0].x0 - gutter.x1) > 2
    numeric = bool(_NUMERIC.match(" ".join(w.text for w in rights)))
    # a table's last column is set against the right margin (figure labels float anywhere)
    to_margin = rights[-1].x1 >= right_edge - 0.1 * col_width
    return short_left and off_edge and numeric and to_margin


def _prose_across(row: list[Word], gutter: Gutter, right_edge: float, both: bool = False) -> bool:
    """The row reads as two-column prose across the gutter: its left part fills the left column up to
    the gutter with words (a table row ends there in a right-aligned number), or its right part
    starts at the right column's edge with words (`both`: and)."""
    col_width = right_edge - gutter.x1
    lefts = [w for w in row if w.x1 <= gutter.x0 + 1]
    rights = [w for w in row if w.x0 >= gutter.x1 - 1]
    fills_left = (
        bool(lefts) and lefts[-1].x1 >= gutter.x0 - 0.15 * col_width and not _NUMERIC.match(lefts[-1].text)
    )
    at_edge = bool(rights) and abs(rights[0].x0 - gutter.x1) <= 2
    starts_right = at_edge and not _NUMERIC.match(" ".join(w.text for w in rights))
    return (fills_left and starts_right) if both else (fills_left or starts_right)


def _full_bands(rows: list[list[Word]], full: list[bool], gutter: Gutter, right_edge: float) -> None:
    """A band of rows between full-width rows is two-column text only if most of its rows read as
    prose across the gutter (`_prose_across`; a paragraph's last line or an indented first line may
    not, a table's header row may). Otherwise its rows are full width too: a table's header row
    ("Kap.  Post  Betegnelse   Endring"), a kapittel row that ends short of the gutter, a caption over
    a table, a table's rows whose columns leave the gutter's strip empty."""
    i = 0
    while i < len(rows):
        if full[i]:
            i += 1
            continue
        j = i
        while j < len(rows) and not full[j]:
            j += 1
        prose = sum(1 for r in rows[i:j] if _prose_across(r, gutter, right_edge))
        if prose < PROSE_BAND * (j - i):
            full[i:j] = [True] * (j - i)
        i = j


def layout(words: list[Word], gutter: Gutter | None, tables: Sequence[list[PageLine]] = ()) -> list[PageLine]:
    """Lines of one page in reading order. `tables`: the rows of each ruled table (its words are not
    in `words`); a table stands where it is printed, full width, and ends the band of two-column text
    above it."""
    pending = sorted(tables, key=lambda rows: rows[0].top)
    if not words:
        return [ln for rows in pending for ln in rows]
    height = statistics.median(w.height for w in words)
    # a gap this wide is a cell boundary (becomes a TAB); justified prose in a narrow column can
    # stretch a space past one line height, so column lines need a wider gap
    tab_gap, column_tab_gap = 1.0 * height, 2.5 * height
    # two spaces (~0.5 em) against a loose glyph box of ~1.2 em; only on full-width lines: a column
    # of two-column prose is justified and has no cells
    double_gap = 0.4 * height
    rows = _rows(words)
    left_edge, right_edge = min(w.x0 for w in words), max(w.x1 for w in words)
    full = [True] * len(rows)
    if gutter is not None:
        g0, g1 = gutter.x0, gutter.x1
        slack = 0.3 * (g1 - g0)  # glyph boxes overhang a little ("j", italics): that is not crossing
        full = [any(w.x0 < g1 - slack and w.x1 > g0 + slack for w in r) for r in rows]
        table = [_table_like(r, gutter, right_edge) for r in rows]
        # a table-like row is full width when a neighbour is a table row or full width too: one odd
        # prose row alone does not break the columns
        for i, t in enumerate(table):
            if t and not full[i]:
                near = [j for j in (i - 1, i + 1) if 0 <= j < len(rows)]
                if any(table[j] or full[j] for j in near):
                    full[i] = True
        _full_bands(rows, full, gutter, right_edge)
    out: list[PageLine] = []
    band_left: list[Word] = []
    band_right: list[Word] = []

    def flush_band() -> None:
        assert gutter is not None or not (band_left or band_right)
        if gutter is None:
            return
        sides = ((1, band_left, (left_edge, gutter.x0)), (2, band_right, (gutter.x1, right_edge)))
        for column, side, edges in sides:
            for r in _rows(side):
                out.append(_make_line(r, "body", column, column_tab_gap, None, edges))
        band_left.clear()
        band_right.clear()

    for row, is_full in zip(rows, full, strict=True):
        while pending and pending[0][0].top <= min(w.top for w in row):
            flush_band()
            out.extend(pending.pop(0))
        if is_full:
            flush_band()
            kind = "full" if gutter is not None else "body"
            out.append(_make_line(row, kind, 0, tab_gap, double_gap, (left_edge, right_edge)))
            continue
        assert gutter is not None
        for w in row:
            (band_left if w.x1 <= (gutter.x0 + gutter.x1) / 2 else band_right).append(w)
    flush_band()
    for rows_ in pending:
        out.extend(rows_)
    _settle_text(out)
    return out


def shared_edge(xs: list[float], pick) -> float:
    """The outermost x (`pick`: min or max) at which at least two lines start or end (a lone running
    head or marker sticking out does not make the column's edge)."""
    shared = [x for x in xs if sum(1 for y in xs if abs(y - x) <= 1.5) >= 2]
    return pick(shared) if shared else pick(xs)


def _settle_text(lines: list[PageLine]) -> None:
    """Each column's edges from its own lines (a justified line spans them: its spaces are no cell
    gaps however wide), then each line's text."""
    body = [ln for ln in lines if ln.words]
    for column in {ln.column for ln in body}:
        mine = [ln for ln in body if ln.column == column]
        left = shared_edge([ln.x0 for ln in mine], min)
        right = shared_edge([ln.x1 for ln in mine], max)
        for ln in mine:
            ln.left, ln.right = left, right
            ln.text = join_words(*read_gaps(ln))


#: a line pitch this much wider than the column's usual one is a paragraph gap. A word processor's
#: "6 pt after" on 10-11 pt text on a ~14 pt pitch adds ~40 %; a list item's small spacing (~20 %) and
#: a line's own variation (a bold word, an accent) stay below it
PARAGRAPH_GAP = 1.3


def _line_top(line: PageLine) -> float:
    """The top of most of the line's words: a superscript (a footnote mark) raises the line's box, not
    the line."""
    if not line.words or line.last_top is not None:
        return line.top  # no words, or a row of several printed lines: its first line's top
    tops = sorted(w.top for w in line.words)
    return tops[len(tops) // 2]


def mark_paragraph_gaps(lines: list[PageLine]) -> None:
    """Flag lines that follow a vertical gap clearly wider than the usual line pitch in their column
    (a paragraph break: the text path has a blank line there)."""
    pitches = []
    for a, b in itertools.pairwise(lines):
        if a.column == b.column and b.top > a.top:
            pitches.append(_line_top(b) - _last_top(a))
    if not pitches:
        return
    pitch = statistics.median(pitches)
    for a, b in itertools.pairwise(lines):
        if a.column == b.column and _line_top(b) - _last_top(a) > PARAGRAPH_GAP * pitch:
            b.gap_before = True


def _last_top(line: PageLine) -> float:
    """The top of the line's last printed line (a table row of wrapped lines ends lower than it starts)."""
    return line.last_top if line.last_top is not None else _line_top(line)


#: a paragraph's first line is indented by about one to three ems (a line height is ~1.2-1.6 em)
FIRST_LINE_INDENT = (0.4, 3.0)
_STARTS_PARAGRAPH = regex.compile(r"^[\p{Lu}\d«\"(]")


def mark_indented_starts(lines: list[PageLine]) -> None:
    """Flag lines that open a paragraph by a first-line indent: indented by one to three ems from
    their column's edge, after a line at the edge (or at the top of the column), starting with a
    capital. A list item's hanging indent is no paragraph start: its first line starts with a marker
    and its continuation lines are indented alike; a table row is not looked at."""
    prev: PageLine | None = None
    for ln in lines:
        same_flow = prev is not None and prev.column == ln.column and ln.top > prev.top
        h = statistics.median(w.height for w in ln.words) if ln.words else 0.0
        lo, hi = FIRST_LINE_INDENT[0] * h, FIRST_LINE_INDENT[1] * h
        if (
            ln.cells is None
            and ln.indent is not None
            and lo <= ln.indent <= hi
            and _STARTS_PARAGRAPH.match(ln.text)
            and not MARKER.match(ln.text.split()[0])
        ):
            if not same_flow:
                ln.indented_start = True
            else:
                assert prev is not None
                prev_first = prev.text.split()[0] if prev.text.split() else ""
                at_edge = prev.indent is not None and prev.indent < lo
                ln.indented_start = at_edge and prev.cells is None and not MARKER.match(prev_first)
        prev = ln


#: a space is about this share of the font's height (the words' box height); a word "fits" after a line
#: only with room for it and a space to spare
SPACE_SHARE = 0.3


def mark_wraps(lines: list[PageLine]) -> None:
    """Whether each text line wrapped: the next line of its column (same flow, below it) starts with a
    word that would not have fitted between the line's end and the column's right edge. A typesetter
    never moves a word that fits to the next line, so a line the next word would have fitted ends its
    paragraph (or a title); a wrapped line does not, however short it is in characters (a justified
    line of long words in a narrow column)."""
    for a, b in itertools.pairwise(lines):
        if a.cells is not None or b.cells is not None or not a.words or not b.words:
            continue
        if a.column != b.column or b.top <= a.top or a.right <= a.left:
            continue
        h = statistics.median(w.height for w in a.words)
        word = b.words[0].x1 - b.words[0].x0
        a.wrapped = word + SPACE_SHARE * h > a.right - a.x1
