"""Resolutions quoted in running text (white papers): "… Vedtak 417: «Stortinget ber …»" or
"Stortinget fattet følgende vedtak (nr. 561) i Helse- og omsorgskomiteen den 12. mai 2022: «…»".

A numbered mention is a quoted definition when its sentence ends in a colon and the next thing is
a «…» quote. The text is often two-column text with words hyphenated at the line ends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from hdir_extract.document import Document
from hdir_extract.extractors.anmodningsvedtak.layout import blocks
from hdir_extract.extractors.anmodningsvedtak.mentions import DocText, Mention
from hdir_extract.extractors.anmodningsvedtak.text import behandling_of, compact_refs
from hdir_extract.parsing.dates import find_dates
from hdir_extract.parsing.sessions import SessionError, parse_session, session_for_date
from hdir_extract.parsing.text import join_lines

_TO_QUOTE = regex.compile(r"(?P<between>[^«\n]*(?:\n[^«\n]*){0,3}?):\s*«")
_SESSION_IN = regex.compile(r"\(?(\d{4}\s*[-\u2010-\u2015\u2212]\s*\d{4})\)?")
_INNST_SESSION = regex.compile(r"[Il]nnst\.\s*\d+\s*[A-Z]?\s*\((\d{4}\s*[-\u2010-\u2015\u2212]\s*\d{4})\)")
_SECTION_NO = regex.compile(r"^\d+(?:\.\d+)+\s+")
_MAX_QUOTE_CHARS = 4000
_HEADING_LOOKBACK = 200
_SENTENCE_LOOKBACK = 2000
_FOLLOW_UP_LINES = 150


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


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos`: after a paragraph break or a full stop + capital
    (not the full stop of an abbreviation such as "jf." or "Meld. St.")."""
    para = text.rfind("\n\n", 0, pos)
    base = para + 2 if para >= 0 else 0
    base = max(base, pos - _SENTENCE_LOOKBACK)  # a text without blank lines has no paragraph breaks
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


def _heading_block(block: list[str]) -> str | None:
    joined = join_lines(block)
    if not joined:
        return None
    if _SECTION_NO.match(joined):  # a numbered heading may end in "mv."
        return _SECTION_NO.sub("", joined) if len(block) <= 4 else None
    last = block[-1].rstrip()
    if len(block) > 3 or len(joined) > 160 or joined[0].islower():
        return None
    if last.endswith((".", ":", ";", ",", "!", "?", "»", "-")):
        return None
    return joined


def heading_above(doc: Document, line_no: int) -> str | None:
    """The nearest heading above a line: a short block without final punctuation, or a numbered one.
    Blocks are told apart by blank lines or, in text without them, by sentence ends and line widths."""
    for block in reversed(blocks(doc, max(1, line_no - _HEADING_LOOKBACK), line_no - 1)):
        found = _heading_block(block.texts)
        if found:
            return found
    return None


def _follow_up(doc: Document, dtext: DocText, after: int) -> str:
    """The paragraphs after the quote up to the next heading (three at most): what the text says
    was done. A page break or a missing blank line does not end a paragraph; a heading does."""
    last = dtext.line_of(after - 1)
    rest = dtext.text[after : dtext.offset_of(last + 1)].strip()
    paras: list[str] = [rest] if len(rest) > 2 else []  # more than the "." after the »
    for block in blocks(doc, last + 1, last + _FOLLOW_UP_LINES):
        if _heading_block(block.texts) is not None and paras:
            break
        paras.append(join_lines(block.texts))
        if len(paras) >= 3:
            break
    return "\n".join(p for p in paras if p)


def find_quoted(doc: Document, dtext: DocText, mentions: list[Mention]) -> list[Quoted]:
    text = dtext.text
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
        offset = close.end() if close else 0
        m = _TO_QUOTE.match(tail, offset)
        if not m or regex.search(r"[.!?]\s+\p{Lu}", m.group("between")):
            continue
        open_at = mention.end + m.end() - 1
        end = _quote_span(text, open_at)
        if end is None:
            continue
        start = _sentence_start(text, mention.start)
        sentence = text[start : mention.end + m.end() - 1]
        dates = [
            d.date for d in find_dates(sentence.replace("\n", " ")) if d.date and not d.year_from_context
        ]
        dato = dates[0] if dates else None
        between = regex.sub(r"\s+", " ", m.group("between").replace("-\n", "")).strip()
        behandling = compact_refs(sentence) or behandling_of(between) if between else compact_refs(sentence)
        tekst = join_lines(text[open_at + 1 : end - 1].split("\n"))
        out.append(
            Quoted(
                mention=mention,
                sesjon=_session(mention, dato, sentence),
                dato=dato,
                tekst=tekst,
                behandling=behandling,
                stikkord=heading_above(doc, dtext.line_of(start)),
                oppfolging=_follow_up(doc, dtext, end),
                quote_end_line=dtext.line_of(end - 1),
            )
        )
    return out
