"""Page furniture: running heads and footers, page numbers, repeated letter headers.

A line is furniture when the same whole line (digits normalised, so "Side 3" = "Side 12" and
"136 Prop. 1 LS 2025–2026" = "2 Prop. 1 LS 2025–2026") stands at the same height on several pages, and
every line between it and the page edge is furniture too (a running head is read from the edge
inwards, so a body line that happens to repeat further down is never taken). Only the top and bottom
zones of the page are looked at: a letter's address block or "Vår ref / Dato" further down is part of
the letter (the brev extractor reads its dates and references) and stays in the body.

The innermost repeated line must be set apart from the body by a gap (`_trim_to_gap`), unless the
evidence is strong on its own: the very same text at the same place on a third of the pages (a
running head; the first body lines of pages differ), or a page number at the line's start or end
that runs with the pages.
A double-spaced page has no narrower body pitch than its head's gap, so the gap alone cannot tell.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from hdir_extract.readers.pdf.layout import PageLine, PageText

TOP_ZONE = 0.13  # fraction of the page height from the top edge
BOTTOM_ZONE = 0.12
MAX_LINES = 4  # at most this many furniture lines at each edge
Y_TOLERANCE = 3.0  # points: "the same position" on another page


#: a page number stands at an edge of its line: "12", "Side 12", "Side 12 av 90", "12/90",
#: "136 Prop. 1 LS 2025–2026", "Tildelingsbrev 2026 Helsedirektoratet 16"
_LEADING_NUMBER = regex.compile(r"^\s*[-–]?\s*(\d{1,4})(?!\d|[.,]\d)")
_TRAILING_NUMBER = regex.compile(
    r"(?<![\d.,])(\d{1,4})\s*[-–]?\s*(?:(?:av|of|/)\s*\d{1,4})?\s*$", regex.IGNORECASE
)


def _edge_numbers(text: str) -> set[int]:
    return {int(m.group(1)) for pat in (_LEADING_NUMBER, _TRAILING_NUMBER) if (m := pat.search(text))}


def _exact(text: str) -> str:
    return regex.sub(r"\s+", " ", text).strip().casefold()


def _key(text: str) -> str:
    # digits normalised, and spacing ignored: a running head set with other word spacing on a few
    # pages ("Prop. 1LS" for "Prop. 1 LS") is the same head
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", _exact(text)))


@dataclass(slots=True)
class _Seen:
    """Where lines with one key stand: (y, page, exact text) per occurrence."""

    at: list[tuple[float, int, str]] = field(default_factory=list)

    def same_place(self, y: float) -> list[tuple[float, int, str]]:
        return [o for o in self.at if abs(o[0] - y) <= Y_TOLERANCE]


def _edge_lines(page: PageText, where: str) -> list[PageLine]:
    if where == "topp":
        ordered = sorted(page.lines, key=lambda ln: ln.top)
        zone = [ln for ln in ordered if ln.bottom <= TOP_ZONE * page.height]
    else:
        ordered = sorted(page.lines, key=lambda ln: -ln.bottom)
        zone = [ln for ln in ordered if ln.top >= (1 - BOTTOM_ZONE) * page.height]
    return zone[:MAX_LINES]


def _y(line: PageLine, page: PageText, where: str) -> float:
    return line.top if where == "topp" else page.height - line.bottom


def _pitch(page: PageText) -> float:
    tops = sorted(ln.top for ln in page.lines)
    # the line pitch is the common small step; paragraph gaps and the head's own gap are larger, so
    # the lower quartile (not the median, which a short page's few big gaps can dominate)
    diffs = sorted(b - a for a, b in itertools.pairwise(tops) if b - a > 3)
    return diffs[len(diffs) // 4] if diffs else 0.0


def _strong(line: PageLine, page: PageText, where: str, seen: dict, n_pages: int, need: int) -> bool:
    """Furniture on its own evidence, gap or not: the same exact text at the same place on a third of
    the pages (a running head; a body line that opens several pages differs from page to page), or a
    page number (`_runs_with_pages`)."""
    here = seen[(where, _key(line.text))].same_place(_y(line, page, where))
    text = _exact(line.text)
    if sum(1 for o in here if o[2] == text) >= max(need, math.ceil(n_pages / 3)):
        return True
    return _runs_with_pages(line, page, where, seen, need)


def _runs_with_pages(line: PageLine, page: PageText, where: str, seen: dict, need: int) -> bool:
    """A number at the line's start or end that runs with the pages: its difference to the page's
    index is the same on `need` pages at this place (a printed page number, bare or in a running
    head, whatever the first printed number is). A body line opening several pages ("Avsnitt 2 om
    ...") has its number inside, and table cells do not keep one difference."""
    mine = {n - page.page for n in _edge_numbers(_exact(line.text))}
    if not mine:
        return False
    here = seen[(where, _key(line.text))].same_place(_y(line, page, where))
    offsets = Counter(off for o in here for off in {n - o[1] for n in _edge_numbers(o[2])})
    return any(offsets[off] >= need for off in mine)


def _trim_to_gap(
    page: PageText, where: str, found: list[tuple[str, PageLine]], strong: Callable[[PageLine], bool]
) -> None:
    """A running head is set apart from the body by a gap wider than the line pitch. Without one, the
    innermost "repeated" line is body text that happens to repeat (the first line of every page stands
    at the same height: "Avsnitt 1 ..." / "Avsnitt 2 ..."), so it is given back to the body, unless
    it is `strong` furniture on its own evidence."""
    pitch = _pitch(page)
    edge = [f for f in found if f[0] == where]
    while edge:
        inner = edge[-1][1]
        if strong(inner):
            break
        body = [ln for ln in page.lines if all(ln is not f[1] for f in edge)]
        if where == "topp":
            nxt = [ln.top for ln in body if ln.top > inner.top]
            gap = (min(nxt) - inner.top) if nxt else float("inf")
        else:
            nxt = [ln.bottom for ln in body if ln.bottom < inner.bottom]
            gap = (inner.bottom - max(nxt)) if nxt else float("inf")
        if gap > 1.4 * pitch:
            break
        found.remove(edge.pop())


def find_furniture(pages: list[PageText]) -> dict[int, list[tuple[str, PageLine]]]:
    """Furniture lines per page number: [(position, line)] with position "topp" | "bunn"."""
    n = len(pages)
    # A line must repeat on this many pages. The first body line of every page stands at the same
    # height too, so a body pattern (an id line "TB#-#" opening three pages) must not be enough: a
    # quarter of the pages, capped at 8 so a chapter's own running head still counts. A short letter
    # (up to 4 pages) needs two.
    need = 2 if n <= 4 else max(3, min(8, math.ceil(0.25 * n)))
    seen: dict[tuple[str, str], _Seen] = defaultdict(_Seen)
    for page in pages:
        for where in ("topp", "bunn"):
            for ln in _edge_lines(page, where):
                if ln.text.strip():
                    seen[(where, _key(ln.text))].at.append((_y(ln, page, where), page.page, _exact(ln.text)))
    out: dict[int, list[tuple[str, PageLine]]] = {}
    for page in pages:
        found: list[tuple[str, PageLine]] = []
        for where in ("topp", "bunn"):
            for ln in _edge_lines(page, where):
                key = (where, _key(ln.text))
                same_place = len(seen[key].same_place(_y(ln, page, where))) if key in seen else 0
                if not ln.text.strip() or same_place < need:
                    break  # furniture is read from the edge inwards: stop at the first body line
                if not regex.search(r"\p{L}", key[1]) and not _runs_with_pages(ln, page, where, seen, need):
                    # a line of numbers only ("20 116", a table cell opening the page) matches every
                    # other number once digits are normalised: only a page number counts
                    break
                found.append((where, ln))
            _trim_to_gap(page, where, found, lambda ln, p=page, w=where: _strong(ln, p, w, seen, n, need))
        if found:
            out[page.page] = found
    return out
