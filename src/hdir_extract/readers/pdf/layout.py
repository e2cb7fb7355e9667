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
#: a run of dot leaders ("........" or ". . . .") between a table label and its numbers
_LEADERS = regex.compile(r"\s*(?:\.\s?){4,}(?=\s|$)")
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

    def flush() -> None:
        if chars:
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
        else:
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


def _segments(row: list[Word], min_gap: float) -> list[list[Word]]:
    segs: list[list[Word]] = [[row[0]]]
    for w in row[1:]:
        if w.x0 - segs[-1][-1].x1 >= min_gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


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
    starts, widths, numeric, support = [], [], [], 0
    for row in rows:
        lefts = [w for w in row if w.x1 <= gx]
        rights = [w for w in row if w.x0 >= gx]
        if lefts and rights and len(lefts) + len(rights) == len(row):
            support += 1
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
    g0 = max(w.x1 for row in rows for w in row if w.x1 <= gx)
    g1 = mode
    # a gutter is narrow (~4 % of the text width) and the two columns about equally wide: a wide
    # empty strip is the gap between a table's label and number columns
    if not min_gap <= g1 - g0 <= 0.08 * width:
        return None
    if not 0.6 <= (g0 - left) / max(right - g1, 1.0) <= 1.67:
        return None
    return Gutter(g0, g1, support)


# --- layout ---------------------------------------------------------------------------------------


def _line_text(words: list[Word], tab_gap: float, double_gap: float | None = None) -> str:
    """Words joined by spaces; a wide gap (a table cell boundary) becomes a TAB, and so do dot leaders.

    With `double_gap`, a gap clearly wider than the line's usual word space (>= 1.6x it and
    >= `double_gap`) is printed as two spaces: a text set with a run of spaces between its cells
    ("1 328 757  1 416 685", where single spaces group the digits) keeps its cell boundaries, as in
    the text layer. The usual space is the lower quartile of the line's gaps, not the narrowest: a
    justified line (all spaces stretched alike) that ends in a figure's "14,2 11,4" stays
    single-spaced. A row whose every gap is a cell gap ("Kvinner  425  39") reads single-spaced."""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    narrow = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    parts: list[str] = []
    for i, w in enumerate(words):
        if i:
            gap = gaps[i - 1]
            if gap >= tab_gap:
                parts.append("\t")
            elif double_gap is not None and gap >= max(double_gap, 1.6 * narrow):
                parts.append("  ")
            else:
                parts.append(" ")
        parts.append(w.text)
    text = "".join(parts)
    # dot leaders only join a label to its numbers; they are a cell boundary, not text
    text = _LEADERS.sub("\t", text)
    return regex.sub(r"\s*\t\s*", "\t", text).strip()


def _make_line(
    words: list[Word], kind: str, column: int, tab_gap: float, double_gap: float | None = None
) -> PageLine:
    words = sorted(words, key=lambda w: w.x0)
    return PageLine(
        text=_line_text(words, tab_gap, double_gap),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        kind=kind,
        column=column,
    )


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


def layout(words: list[Word], gutter: Gutter | None) -> list[PageLine]:
    """Lines of one page in reading order."""
    if not words:
        return []
    height = statistics.median(w.height for w in words)
    # a gap this wide is a cell boundary (becomes a TAB); justified prose in a narrow column can
    # stretch a space past one line height, so column lines need a wider gap
    tab_gap, column_tab_gap = 1.0 * height, 2.5 * height
    # two spaces (~0.5 em) against a loose glyph box of ~1.2 em; only on full-width lines: a column
    # of two-column prose is justified and has no cells
    double_gap = 0.4 * height
    rows = _rows(words)
    if gutter is None:
        return [_make_line(r, "body", 0, tab_gap, double_gap) for r in rows]
    g0, g1 = gutter.x0, gutter.x1

    slack = 0.3 * (g1 - g0)  # glyph boxes overhang a little ("j", italics): that is not crossing

    def crosses(w: Word) -> bool:
        return w.x0 < g1 - slack and w.x1 > g0 + slack

    full = [any(crosses(w) for w in r) for r in rows]
    right_edge = max(w.x1 for w in words)
    table = [_table_like(r, gutter, right_edge) for r in rows]
    # a table-like row is full width when a neighbour is a table row or full width too: one odd
    # prose row alone does not break the columns
    for i, t in enumerate(table):
        if t and not full[i]:
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(rows)]
            if any(table[j] or full[j] for j in near):
                full[i] = True
    out: list[PageLine] = []
    band_left: list[Word] = []
    band_right: list[Word] = []

    def flush_band() -> None:
        for column, side in ((1, band_left), (2, band_right)):
            for r in _rows(side):
                out.append(_make_line(r, "body", column, column_tab_gap))
        band_left.clear()
        band_right.clear()

    for row, is_full in zip(rows, full, strict=True):
        if is_full:
            flush_band()
            out.append(_make_line(row, "full", 0, tab_gap, double_gap))
            continue
        for w in row:
            (band_left if w.x1 <= (g0 + g1) / 2 else band_right).append(w)
    flush_band()
    return out


def mark_paragraph_gaps(lines: list[PageLine]) -> None:
    """Flag lines that follow a vertical gap clearly wider than the usual line pitch in their column
    (a paragraph break: the text path has a blank line there)."""
    pitches = []
    for a, b in itertools.pairwise(lines):
        if a.column == b.column and b.top > a.top:
            pitches.append(b.top - a.top)
    if not pitches:
        return
    pitch = statistics.median(pitches)
    for a, b in itertools.pairwise(lines):
        if a.column == b.column and b.top - a.top > 1.6 * pitch:
            b.gap_before = True
