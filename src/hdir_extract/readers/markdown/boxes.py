"""Boxes ("Boks 4.1 Regjeringen vil" … "[Boks slutt]") as spans of blocks.

Two ways a Markdown file prints a box:
- numbered: a heading or bold line "Boks 4.1 …" opens it; "[Boks slutt]", the next Markdown heading of a
  level <= the box title's (any Markdown heading when the title was a bold line or plain line), any
  heading with a printed number, or the next box title closes it;
- unnumbered (a DOCX -> Markdown conversion: the DOCX prints no box numbers): only "[Boks slutt]" is
  printed, and the title is a plain short line ("Regjeringen vil", "Tannpleier i kommunen"). The box
  then opens at the nearest title-like block above the end: a heading or bold line, or a short line (at
  most 20 words, 140 characters) that does not start in lower case or with a box footnote's number ("1 …"),
  does not end in ".", ";", ",", "!" (a "?" is fine: "Hva er læring og mestring?"), holds no ":" (labels
  and sub-titles inside a box: "Kilde: SSB …", "Mål to: Færre pasientskader", "Nettverk:"), and is
  not a lead-in to a list (ending in "å", "gjennom", "ved", "at": "Regjeringen vil fremme … gjennom å";
  "Regjeringen vil" or "Nye måter å yte … på" followed by a list are titles).
  The search stops at the previous box; a heading met first is itself the title (a box whose title the
  converter made a heading, "##### ***Regjeringen vil***"). Known limit: a box with a plain sub-title
  line of its own opens at that sub-title (nothing in the Markdown tells the two apart). On the DOCX
  conversion of Meld. St. 9 this finds 71 of its 73 printed box titles.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from hdir_extract.document import Block, Box, Kind
from hdir_extract.readers.structure import box_start, box_title

MAX_TITLE_WORDS = 20
MAX_TITLE_CHARS = 140
#: last words of a lead-in that introduces a list ("… helse- og omsorgstjenesten gjennom å")
LEAD_IN_ENDINGS = {"å", "gjennom", "ved", "at", "blant", "annet", "bl.a."}
Span = tuple[int, int, str | None, str]  # first block, last block, printed number, title
_NOTE = regex.compile(r"^\d{1,3}\s")  # a box's own footnote: "1 Regional utviklingsplan 2040 …"


def find_boxes(blocks: list[Block]) -> tuple[list[Block], list[Box]]:
    spans: list[Span] = []
    open_at: int | None = None
    last_end = -1
    for i, b in enumerate(blocks):
        if open_at is not None and (b.role == "box_title" or _closes(b, blocks[open_at])):
            spans.append(_numbered(blocks, open_at, i - 1))
            last_end, open_at = i - 1, None
        if b.role == "box_title":
            open_at = i
        elif b.role == "box_end":
            if open_at is not None:
                spans.append(_numbered(blocks, open_at, i))
                open_at = None
            else:
                start = _unnumbered_start(blocks, i, last_end + 1)
                if start is not None:
                    spans.append((start, i, None, blocks[start].text))
            last_end = i
    if open_at is not None:
        spans.append(_numbered(blocks, open_at, len(blocks) - 1))
    return _apply(blocks, spans)


def _numbered(blocks: list[Block], first: int, last: int) -> Span:
    found = box_start(blocks[first].text)
    number, title = found if found else (None, blocks[first].text)
    return first, max(first, last), number, title


def _closes(b: Block, title: Block) -> bool:
    if b.kind is not Kind.HEADING or b.level is None:
        return False  # bold lines inside a box are its own sub-titles
    if b.number is not None:
        return True
    return title.level is None or b.level <= title.level


def _unnumbered_start(blocks: list[Block], end: int, floor: int) -> int | None:
    for k in range(end - 1, floor - 1, -1):
        b = blocks[k]
        if b.kind is Kind.HEADING:
            return k
        if _title_like(b):
            return k
    return None


def _title_like(b: Block) -> bool:
    if b.kind is not Kind.PARAGRAPH or b.role not in (None, "lead_in"):
        return False
    t = b.text
    if len(t) > MAX_TITLE_CHARS or len(t.split()) > MAX_TITLE_WORDS or t[:1].islower():
        return False
    if t.endswith((".", ";", ",", "!")) or ":" in t or _NOTE.match(t):
        return False
    # "… gjennom å" + a list is a lead-in; "Regjeringen vil" + a list, or "Hva er …?", is a title
    return t.split()[-1].lower() not in LEAD_IN_ENDINGS


def _apply(blocks: list[Block], spans: list[Span]) -> tuple[list[Block], list[Box]]:
    out = list(blocks)
    boxes: list[Box] = []
    titles: dict[str, str] = {}
    for first, last, number, title in spans:
        title = box_title(number, title, titles)
        index = len(boxes)
        boxes.append(Box(index, title, number, first, last, out[first].first_line, out[last].last_line))
        for j in range(first, last + 1):
            out[j] = replace(out[j], box=index)
        head = out[first]
        if head.kind is Kind.PARAGRAPH:  # an unnumbered box's title line is a heading
            out[first] = replace(head, kind=Kind.HEADING, role="box_title")
        elif head.role is None:
            out[first] = replace(head, role="box_title")
    return out, boxes
