"""Titles the layout joined to a paragraph, found from the paragraph's own printed lines.

In a text without blank lines between paragraphs (a text layer that drops them, a re-flowed column)
the layout can join a heading to the paragraph before or after it: "… anses som fulgt opp." /
"Overgrepsmottak for barn" before "Vedtak nr. 612, …", or "Første del i legers spesialistutdanning –
LIS1" / "LIS1 er en obligatorisk …". An entry's heading and its follow-up's end, a quote's stikkord and
follow-up depend on those titles, so they are found here. This is a layout rule (it belongs in the
reading layer and goes when the layer gets it right); it reads one paragraph's printed lines only:

- a title starts a printed line, at the paragraph's start or after a line that ends a sentence;
- it runs over at most three lines; a line on which the next line's first word would have fit ended by
  choice (the paragraph's longest printed line tells the column's width), so the title ends there, and
  the next line must then start a sentence (a capital, a digit, a quote); a full line goes on only
  into a line starting in lower case;
- the title text reads as a title (`text.is_title`) and does not end in a word that never ends one
  ("… i regi av");
- a title running to the paragraph's end counts only where the caller says a heading follows
  (`at_end`); a whole paragraph is never cut (it is a title itself or it is not).

Character counts tell a line's width only in text set in one font: plain text and Markdown. A PDF's
lines are set in proportional type (a bold heading holds fewer characters than a line of text, two
lines of text differ by a tenth), so there (`measure` false) only a title on the paragraph's last line,
after a finished sentence and right above a heading, is cut off. A line goes back into the paragraph
after it (`continues_into`) only in plain text, where the line-based layout, not markup, made it a
title.
"""

from __future__ import annotations

import regex

from hdir_extract.document import Kind
from hdir_extract.extractors.anmodningsvedtak.pieces import Piece
from hdir_extract.extractors.anmodningsvedtak.text import is_title, line_ends_sentence

#: a title takes at most this many printed lines (set in a narrow column)
_MAX_TITLE_LINES = 3
# a line ending in one of these words goes on: a title never ends in them
_GOES_ON = {
    "og", "eller", "i", "av", "for", "til", "med", "på", "om", "som", "en", "et", "ei", "den", "det",
    "de", "at", "å", "ved", "fra", "mot", "under", "etter", "samt", "der", "hvor", "når", "jf.", "nr.",
    "kap.", "er", "ble", "har", "vil", "skal", "kan", "blant", "mellom", "gjennom", "uten",
}  # fmt: skip
_STARTS_SENTENCE = regex.compile(r"^[\p{Lu}\d«]")


def measured(fmt: str) -> bool:
    """Whether a format's line lengths in characters tell a column's width."""
    return fmt in ("txt", "md")


def title_spans(piece: Piece, at_end: bool, measure: bool = True) -> list[tuple[int, int]]:
    """(start, end) offsets in the piece's text of every title among its printed lines."""
    lines = piece.printed_lines()
    texts = [piece.text[a:b].strip() for a, b, _ in lines]
    if not measure:
        last = len(lines) - 1
        ok = at_end and line_ends_sentence(texts[last - 1]) and _reads_as_title(texts[last:])
        return [(lines[last][0], lines[last][1])] if ok else []
    width = max(len(t) for t in texts)
    found: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        last = None
        if k == 0 or line_ends_sentence(texts[k - 1]):
            last = _title_end(texts, k, width, at_end)
        if last is None or (k == 0 and last == len(lines) - 1):
            k += 1
            continue
        found.append((lines[k][0], lines[last][1]))
        k = last + 1
    return found


def _title_end(texts: list[str], k: int, width: int, at_end: bool) -> int | None:
    """Index of the last line of a title starting on line `k`, or None."""
    if not _STARTS_SENTENCE.match(texts[k]):
        return None
    for j in range(k, min(k + _MAX_TITLE_LINES, len(texts))):
        if j == len(texts) - 1:
            return j if at_end and _reads_as_title(texts[k : j + 1]) else None
        nxt = texts[j + 1]
        word = nxt.split()[0] if nxt.split() else ""
        if len(texts[j]) + 1 + len(word) <= width:  # room for the next word: the line ended by choice
            return j if _STARTS_SENTENCE.match(nxt) and _reads_as_title(texts[k : j + 1]) else None
        if not nxt[:1].islower():
            return None  # a full line before a capital: wrapped running text
    return None


def _reads_as_title(texts: list[str]) -> bool:
    joined = " ".join(texts)
    last_word = texts[-1].split()[-1].lower() if texts[-1].split() else ""
    return is_title(joined) and last_word not in _GOES_ON


def continues_into(line: Piece, para: Piece) -> bool:
    """Whether a one-line piece the layout took for a title is a wrapped line of the paragraph after it
    ("I tråd med Meld. St. 15 (2022–2023)" / "Folkehelsemeldinga – Nasjonal strategi …"): it does not
    end a sentence, and the paragraph's first word would not have fit after it in the paragraph's
    column (its longest printed line), so the line ended because it was full. Only a paragraph of
    several printed lines tells its column; a numbered heading is always one."""
    if len(line.spans) != 1 or line.block.number or len(para.spans) < 2 or para.kind is not Kind.PARAGRAPH:
        return False
    if line_ends_sentence(line.text) or line.text.endswith((",", ";")):
        return False
    width = max(len(para.text[a:b].strip()) for a, b, _ in para.printed_lines())
    word = para.text.split()[0] if para.text.split() else ""
    return len(line.text) + 1 + len(word) > width
