"""Page furniture: running heads and footers, page numbers, repeated letter headers.

A line is furniture when the same whole line (digits normalised, so "Side 3" = "Side 12" and
"136 Prop. 1 LS 2025–2026" = "2 Prop. 1 LS 2025–2026") stands at the same height on several pages, and
every line between it and the page edge is furniture too (a running head is read from the edge
inwards, so a body line that happens to repeat further down is never taken). Only the top and bottom
zones of the page are looked at: a letter's address block or "Vår ref / Dato" further down is part of
the letter (the brev extractor reads its dates and references) and stays in the body.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict

import regex

from hdir_extract.sources.pdf_layout import PageLine, PageText

TOP_ZONE = 0.13  # fraction of the page height from the top edge
BOTTOM_ZONE = 0.12
MAX_LINES = 4  # at most this many furniture lines at each edge
Y_TOLERANCE = 3.0  # points: "the same position" on another page


def _key(text: str) -> str:
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", " ", text).strip()).casefold()


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


def _trim_to_gap(page: PageText, where: str, found: list[tuple[str, PageLine]]) -> None:
    """A running head is set apart from the body by a gap wider than the line pitch. Without one, the
    innermost "repeated" line is body text that happens to repeat (the first line of every page stands
    at the same height: "Avsnitt 1 ..." / "Avsnitt 2 ..."), so it is given back to the body."""
    pitch = _pitch(page)
    edge = [f for f in found if f[0] == where]
    while edge:
        inner = edge[-1][1]
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
    seen: dict[tuple[str, str], list[float]] = defaultdict(list)
    for page in pages:
        for where in ("topp", "bunn"):
            for ln in _edge_lines(page, where):
                if ln.text.strip():
                    seen[(where, _key(ln.text))].append(_y(ln, page, where))
    out: dict[int, list[tuple[str, PageLine]]] = {}
    for page in pages:
        found: list[tuple[str, PageLine]] = []
        for where in ("topp", "bunn"):
            for ln in _edge_lines(page, where):
                ys = seen.get((where, _key(ln.text)), [])
                y = _y(ln, page, where)
                same_place = sum(1 for other in ys if abs(other - y) <= Y_TOLERANCE)
                if not ln.text.strip() or same_place < need:
                    break  # furniture is read from the edge inwards: stop at the first body line
                found.append((where, ln))
            _trim_to_gap(page, where, found)
        if found:
            out[page.page] = found
    return out
