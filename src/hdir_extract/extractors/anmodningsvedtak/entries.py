"""The per-resolution entries of a Prop. 1 S (or of any document that prints resolutions the same way).

An entry is a run of pieces: its heading (a title right above the header, optional), the header
"Vedtak nr. 66, 4. desember 2023", the quoted resolution «Stortinget ber regjeringen …» (one paragraph
or several: a quote runs until its » closes), then the follow-up paragraphs, of which the first may
say what it was made under ("Vedtaket ble truffet ved behandling av …"). The follow-up ends at the next
entry, a session marker, a heading, a title-like paragraph (a heading the layout did not mark) or a
table. Entries are grouped under "Stortingssesjon (2023–2024)" markers; the same entry may be printed
again later in the document without a marker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from hdir_extract.document import Kind
from hdir_extract.extractors.anmodningsvedtak.headers import (
    is_marker,
    marker_session,
    parse_header,
    stands_alone,
)
from hdir_extract.extractors.anmodningsvedtak.pieces import Piece, cut
from hdir_extract.extractors.anmodningsvedtak.text import is_title, line_ends_sentence, strip_quotes
from hdir_extract.parsing.text import join_lines

#: a follow-up is at most this long, in characters; a safety net when the end of the last entry is
#: not recognised
_MAX_BODY_CHARS = 10000
#: paragraphs a quote may run over (a resolution with a list "a. … d." is one paragraph per item)
_MAX_QUOTE_PIECES = 12
# printed without quotes, the resolution ends where the sentence on what it was made under begins
_BEHANDLING_START = regex.compile(
    r"\s(?=(?:Anmodnings)?[Vv]edtak\w*(?:\s+\d+(?:\s*(?:,|og)\s*\d+)*)?\s+(?:ble|er|var)\s+(?:truffet|fattet))"
)


@dataclass
class Entry:
    nr: int
    dato: dt.date | None
    header_line: int
    heading: str | None
    heading_line: int | None
    tekst: str | None
    quote_end: int  # last line of the quote (the header line when there is no quote)
    body: list[str] = field(default_factory=list)  # the follow-up, one string per paragraph
    end_line: int = 0
    marker_sesjon: str | None = None  # from the "Stortingssesjon (…)" marker above it


@dataclass(frozen=True, slots=True)
class _Quote:
    tekst: str | None
    last_line: int
    next_piece: int  # index of the first piece after the quote
    rest: Piece | None  # text after the closing » in the quote's last paragraph


def parse_entries(pieces: Sequence[Piece]) -> list[Entry]:
    prose = [p for p in pieces if p.kind is not Kind.FOOTNOTE]  # a footnote neither ends nor adds
    headers = [
        (i, h)
        for i, p in enumerate(prose)
        if p.kind in (Kind.HEADING, Kind.PARAGRAPH) and (h := parse_header(p.text))
    ]
    tops = [_heading_index(prose, i) for i, _ in headers]
    entries: list[Entry] = []
    current: str | None = None
    after_prev = 0
    for k, (i, (nr, dato)) in enumerate(headers):
        top = tops[k] if tops[k] is not None else i
        # the session marker holds for a run of entries; other text in between ends the run
        for p in prose[after_prev:top]:
            if (s := marker_session(p.text)) is not None:
                current = s
            elif not is_marker(p.text):
                current = None
        stop = len(prose)  # the next entry begins with its heading, or its header
        if k + 1 < len(headers):
            stop = tops[k + 1] if tops[k + 1] is not None else headers[k + 1][0]
        quote = _quote(prose, i)
        body, end, after_prev = _body(prose, quote, stop)
        heading = prose[top] if top != i else None
        entries.append(
            Entry(
                nr,
                dato,
                prose[i].first_line,
                heading.title if heading else None,
                heading.first_line if heading else None,
                quote.tekst,
                quote.last_line,
                body=body,
                end_line=max(end, quote.last_line),
                marker_sesjon=current,
            )
        )
    return entries


def _heading_index(prose: Sequence[Piece], i: int) -> int | None:
    """The entry's heading: the title right above its header, if there is one."""
    if i == 0:
        return None
    p = prose[i - 1]
    if p.kind in (Kind.HEADING, Kind.PARAGRAPH) and is_title(p.text) and not stands_alone(p.text):
        return i - 1
    return None


def _quote(prose: Sequence[Piece], header: int) -> _Quote:
    """The quoted resolution after the header: its text without the outer «», over as many paragraphs
    as it takes the » to close. A quote that never closes gives its first paragraph only."""
    k = header + 1
    none = _Quote(None, prose[header].last_line, k, None)
    if k >= len(prose) or prose[k].kind not in (Kind.PARAGRAPH, Kind.LIST_ITEM):
        return none
    first = prose[k]
    if first.text.startswith("«"):
        return _closed_quote(prose, k) or _Quote(strip_quotes(first.text), first.last_line, k + 1, None)
    if first.text.startswith("Stortinget"):
        # printed without quotes: the paragraph, up to a sentence on what it was made under
        m = _BEHANDLING_START.search(first.text)
        if m:
            rest = cut(first, m.end(), len(first.text))
            return _Quote(first.text[: m.start()].strip(), first.line_at(m.start()), k + 1, rest)
        return _Quote(first.text, first.last_line, k + 1, None)
    return none


def _closed_quote(prose: Sequence[Piece], k: int) -> _Quote | None:
    depth = 0
    parts: list[str] = []
    for j in range(k, min(k + _MAX_QUOTE_PIECES, len(prose))):
        # a list in the quote may come as a table ("a.<TAB>forslag til …"): its rows are lines of text
        p = prose[j].as_text()
        if j > k and (stands_alone(p.text) or p.kind not in (Kind.PARAGRAPH, Kind.LIST_ITEM, Kind.TABLE)):
            return None
        for pos, ch in enumerate(p.text):
            depth += (ch == "«") - (ch == "»")
            if ch == "»" and depth == 0:
                close = pos + 1 + (p.text[pos + 1 : pos + 2] == ".")  # "«…»." ends the quote
                parts.extend(p.text[:close].split("\n"))
                rest = cut(p, close, len(p.text)) if p.text[close:].strip() else None
                return _Quote(strip_quotes(join_lines(parts)), p.line_at(close - 1), j + 1, rest)
        parts.extend(p.text.split("\n"))
    return None


def _body(prose: Sequence[Piece], quote: _Quote, stop: int) -> tuple[list[str], int, int]:
    """The follow-up paragraphs after the quote, up to `stop` (the next entry's first piece) or the end
    of the section; (paragraphs, last line, index of the first piece after them)."""
    parts: list[str] = []
    end = quote.last_line
    if quote.rest is not None:
        parts.append(quote.rest.text)
        end = quote.rest.last_line
    size = len(quote.rest.text) if quote.rest else 0
    j = quote.next_piece
    while j < stop and size <= _MAX_BODY_CHARS:
        p = prose[j]
        # the first paragraph after the quote is follow-up even when it reads like a title (a
        # "Vedtaket ble truffet ved …" sentence printed without its full stop)
        first = j == quote.next_piece and quote.rest is None and p.kind is Kind.PARAGRAPH
        if _ends_body(p) and not (first and not stands_alone(p.text)):
            break
        if parts and not line_ends_sentence(parts[-1]):
            # a paragraph the layout ended in mid-sentence ("… behandling av Prop. 36 S (2023–2024)" /
            # "Opptrappingsplan mot vold …"): the sentence goes on in the next piece
            parts[-1] = f"{parts[-1]} {p.text}"
        else:
            parts.append(p.text)
        size += len(p.text) + 1
        end = p.last_line
        j += 1
    return parts, end, j


def _ends_body(p: Piece) -> bool:
    """A piece that is not follow-up text: a heading or title, a table, the next header or marker."""
    if p.kind in (Kind.HEADING, Kind.TABLE, Kind.CAPTION) or stands_alone(p.text) or is_marker(p.text):
        return True
    return p.kind is Kind.PARAGRAPH and is_title(p.text)
