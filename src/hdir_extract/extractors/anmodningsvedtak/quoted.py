"""Resolutions quoted in running text (white papers): "… Vedtak 417: «Stortinget ber …»" or
"Stortinget fattet følgende vedtak (nr. 561) i Helse- og omsorgskomiteen den 12. mai 2022: «…»".

A numbered mention is a quoted definition when its sentence ends in a colon and the next thing is a
«…» quote, in the same paragraph or the next (a quote may run over several paragraphs). The sentence
gives the date and what it was made under; the nearest title above gives the stikkord; the paragraphs
after the quote, up to the next title, give the follow-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from hdir_extract.document import Kind
from hdir_extract.extractors.anmodningsvedtak.flow import Flow
from hdir_extract.extractors.anmodningsvedtak.mentions import Mention
from hdir_extract.extractors.anmodningsvedtak.pieces import Piece
from hdir_extract.extractors.anmodningsvedtak.text import (
    behandling_of,
    compact_refs,
    is_title,
    line_ends_sentence,
)
from hdir_extract.parsing.dates import find_dates
from hdir_extract.parsing.sessions import SessionError, parse_session, session_for_date
from hdir_extract.parsing.text import join_lines

# from the mention to the colon before «: the rest of its paragraph, or of it and the next few (a
# lead-in the layout broke up); never past a sentence end (checked below)
_TO_QUOTE = regex.compile(r"(?P<between>[^«\n]*(?:\n[^«\n]*){0,3}?):\s*«")
_SESSION_IN = regex.compile(r"\(?(\d{4}\s*[-\u2010-\u2015\u2212]\s*\d{4})\)?")
_INNST_SESSION = regex.compile(r"[Il]nnst\.\s*\d+\s*[A-Z]?\s*\((\d{4}\s*[-\u2010-\u2015\u2212]\s*\d{4})\)")
_SECTION_NO = regex.compile(r"^\d+(?:\.\d+)+\.?\s+")
_MAX_QUOTE_CHARS = 4000
#: pieces above a quote searched for its title (a section of a white paper runs to a few dozen)
_HEADING_LOOKBACK = 80
_SENTENCE_LOOKBACK = 2000
#: paragraphs of follow-up after a quote (the rest of its section is about other things)
_FOLLOW_UP_PARAGRAPHS = 3


@dataclass
class Quoted:
    mention: Mention
    sesjon: str | None
    dato: dt.date | None
    tekst: str
    behandling: str | None
    stikkord: str | None
    oppfolging: str
    quote_end_line: int


def _quote_span(text: str, open_at: int) -> int | None:
    """Offset after the » that closes the « at `open_at` (nested quotes counted)."""
    depth = 0
    for i in range(open_at, min(len(text), open_at + _MAX_QUOTE_CHARS)):
        if text[i] == "«":
            depth += 1
        elif text[i] == "»":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _paragraph_start(flow: Flow, pos: int) -> int:
    """Start of the paragraph holding `pos`, over pieces the layout split in mid-sentence (a piece
    before it that does not end a sentence belongs to it)."""
    i = flow.unit_index(pos)
    while (
        i > 0 and flow.units[i - 1].kind is Kind.PARAGRAPH and not line_ends_sentence(flow.units[i - 1].text)
    ):
        i -= 1
    return flow.unit_start(i)


def _sentence_start(flow: Flow, pos: int) -> int:
    """Start of the sentence holding `pos`: after the paragraph's start or a full stop + capital
    (not the full stop of an abbreviation such as "jf." or "Meld. St.")."""
    text = flow.text
    base = max(_paragraph_start(flow, pos), pos - _SENTENCE_LOOKBACK)
    start = base
    for m in regex.finditer(r"[.!?]\s+(?=\p{Lu})", text[base:pos]):
        before = regex.search(r"(\p{L}+)\.?\s*$", text[base : base + m.start() + 1])
        if before and before.group(1).lower() in {"prop", "st", "meld", "innst", "jf", "nr"}:
            continue
        start = base + m.end()
    return start


def _session(mention: Mention, dato: dt.date | None, sentence: str) -> str | None:
    """Printed with the number; else from the date; else the session of the Innst. (the Storting
    decides in the session of the committee's recommendation); else the last session printed."""
    if mention.sesjon:
        return mention.sesjon
    if dato:
        return session_for_date(dato)
    for pattern in (_INNST_SESSION, _SESSION_IN):
        found = pattern.findall(sentence)
        for s in reversed(found):
            try:
                return parse_session(s)
            except SessionError:
                continue
    return None


def title_of(unit: Piece, nxt: Piece | None = None) -> str | None:
    """The title a piece gives as a stikkord: a heading (its printed number dropped), or a paragraph
    that reads as a title (a heading the rendering did not mark, "5.4.7 …" numbered or not) and is not
    the first half of a sentence the next piece goes on with in lower case."""
    if unit.kind is Kind.HEADING and unit.block.number:
        return unit.title
    if unit.kind is Kind.PARAGRAPH and nxt is not None and nxt.text[:1].islower():
        return None
    if unit.kind in (Kind.HEADING, Kind.PARAGRAPH) and is_title(unit.text):
        return _SECTION_NO.sub("", unit.text)
    return None


def heading_above(flow: Flow, index: int) -> str | None:
    """The nearest title above unit `index` (footnotes and table cells are passed over)."""
    for j in range(index - 1, max(-1, index - 1 - _HEADING_LOOKBACK), -1):
        found = title_of(flow.units[j], flow.units[j + 1])
        if found:
            return found
    return None


def _follow_up(flow: Flow, end: int) -> str:
    """The rest of the quote's paragraph and the paragraphs after it, up to the next title (three at
    most): what the text says was done."""
    i = flow.unit_index(end - 1)
    rest = flow.text[end : flow.unit_end(i)].strip()
    paras: list[str] = [rest] if len(rest) > 2 else []  # more than the "." after the »
    units = flow.units
    for j in range(i + 1, len(units)):
        if len(paras) >= _FOLLOW_UP_PARAGRAPHS:
            break
        if units[j].kind is Kind.FOOTNOTE:
            continue
        nxt = units[j + 1] if j + 1 < len(units) else None
        if units[j].kind in (Kind.TABLE, Kind.CAPTION) or title_of(units[j], nxt) is not None:
            break
        paras.append(units[j].text)
    return "\n".join(p for p in paras if p)


def _quote_lines(flow: Flow, start: int, end: int) -> list[str]:
    """The quote's text as lines, one per piece, footnotes a page break put inside it left out."""
    out: list[str] = []
    first, last = flow.unit_index(start), flow.unit_index(max(end - 1, start))
    for i in range(first, last + 1):
        if flow.units[i].kind is Kind.FOOTNOTE:
            continue
        a, b = max(start, flow.unit_start(i)), min(end, flow.unit_end(i))
        out.append(flow.text[a:b])
    return out


def find_quoted(flow: Flow, mentions: list[Mention]) -> list[Quoted]:
    text = flow.text
    out: list[Quoted] = []
    by_start: dict[int, list[Mention]] = {}
    for m in mentions:
        by_start.setdefault(m.start, []).append(m)
    for group in by_start.values():
        if len(group) != 1:  # "vedtakene 704 og 705 «…»": one text for two numbers is no definition
            continue
        mention = group[0]
        tail = text[mention.end : mention.end + 400]
        close = regex.match(r"\s*\)", tail)
        m = _TO_QUOTE.match(tail, close.end() if close else 0)
        if not m or regex.search(r"[.!?]\s+\p{Lu}", m.group("between")):
            continue
        open_at = mention.end + m.end() - 1
        end = _quote_span(text, open_at)
        if end is None:
            continue
        start = _sentence_start(flow, mention.start)
        sentence = text[start:open_at]
        dates = [
            d.date for d in find_dates(sentence.replace("\n", " ")) if d.date and not d.year_from_context
        ]
        dato = dates[0] if dates else None
        between = regex.sub(r"\s+", " ", m.group("between")).strip()
        behandling = compact_refs(sentence) or behandling_of(between) if between else compact_refs(sentence)
        out.append(
            Quoted(
                mention=mention,
                sesjon=_session(mention, dato, sentence),
                dato=dato,
                tekst=join_lines(_quote_lines(flow, open_at + 1, end - 1)),
                behandling=behandling,
                stikkord=heading_above(flow, flow.unit_index(start)),
                oppfolging=_follow_up(flow, end),
                quote_end_line=flow.line_at(end - 1),
            )
        )
    return out
