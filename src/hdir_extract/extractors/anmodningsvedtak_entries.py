"""The per-resolution entries and the overview table of a Prop. 1 S (also used for any document that
prints resolutions the same way).

An entry is a heading line, a "Vedtak nr. 66, 4. desember 2023" line, the quoted resolution
«Stortinget ber regjeringen …», a sentence saying what it was made under ("Vedtaket ble truffet ved
behandling av …") and the follow-up text. Entries are grouped under "Stortingssesjon (2023–2024)"
markers; the same entry may be printed again later in the document without a marker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document
from hdir_extract.extractors.anmodningsvedtak_text import line_ends_sentence
from hdir_extract.parsing.dates import DateError, parse_date
from hdir_extract.parsing.numbers import parse_int
from hdir_extract.parsing.sessions import SessionError, parse_session
from hdir_extract.parsing.text import join_lines

HEADER = regex.compile(
    r"^\s*Vedtak\s+(?:nr\.?\s*)?(?P<nr>\d{1,4})\s*[,.]?\s+(?P<date>\d.*?)\s*$", regex.IGNORECASE
)
MARKER = regex.compile(r"^\s*Stortingssesjon\b(?P<rest>.*)$", regex.IGNORECASE)
OVERVIEW_TITLE = regex.compile(r"oversikt\s+over\s+anmodnings.*vedtak", regex.IGNORECASE)
_JA_NEI = {"ja": True, "nei": False}
#: a body is at most this many lines (a safety net when the end of the last entry is not recognised)
_MAX_BODY = 60
_MAX_QUOTE = 40
#: below this wrap width the text is wrapped prose (PDF, two-column); above it one line = one paragraph
_WIDE = 160


@dataclass
class Entry:
    nr: int
    dato: dt.date | None
    header_line: int
    heading: str | None
    heading_line: int | None
    tekst: str | None
    quote_end: int  # last line of the quote (the header line when there is no quote)
    body: list[str] = field(default_factory=list)
    body_first: int | None = None
    end_line: int = 0
    marker_sesjon: str | None = None  # from the "Stortingssesjon (…)" marker above it


@dataclass
class OverviewRow:
    sesjon: str
    nr: int
    stikkord: str | None
    rapportering_avsluttes: bool | None
    linje: int


def parse_header(text: str) -> tuple[int, dt.date | None] | None:
    """("Vedtak nr. 876 4. mai 2021") -> (876, date); None when the line is not an entry header."""
    m = HEADER.match(text)
    if not m:
        return None
    try:
        return int(m.group("nr")), parse_date(m.group("date"))
    except DateError:
        return None


def marker_session(text: str) -> str | None:
    m = MARKER.match(text)
    if not m:
        return None
    try:
        return parse_session(m.group("rest"))
    except SessionError:
        return None


def _ends_sentence(s: str) -> bool:
    return s.endswith((".", ":", ";", "!", "?", "»", '"', "”", ","))


def headinglike(text: str) -> bool:
    """A short line without final punctuation that does not start in lower case: a heading."""
    s = text.strip()
    return 0 < len(s) <= 160 and not _ends_sentence(s) and not s[0].islower() and s[0] not in "•-–"


def _heading_ok(text: str) -> bool:
    s = text.strip()
    if not s or MARKER.match(s) or parse_header(s) or len(s) > 200 or s.endswith(("»", ":", ";", ",")):
        return False
    # a heading may end in an abbreviation ("… helsepersonell mv."), never in a full sentence
    return not s.endswith(".") or (len(s) <= 80 and ". " not in s)


def _next_nonblank(doc: Document, no: int) -> int | None:
    for ln in doc.iter(no + 1, no + 3):
        if ln.text.strip():
            return ln.no
    return None


def _prev_nonblank(doc: Document, no: int) -> int | None:
    for k in range(no - 1, max(0, no - 3), -1):
        if doc.text(k).strip():
            return k
    return None


def _quote(doc: Document, header: int) -> tuple[str | None, int]:
    """The quoted resolution after the header: text without the outer «», and its last line."""
    first = _next_nonblank(doc, header)
    if first is None:
        return None, header
    start = doc.text(first).strip()
    lines: list[str] = []
    last = first
    if start.startswith("«"):
        depth = 0
        for ln in doc.iter(first, first + _MAX_QUOTE):
            lines.append(ln.text)
            depth += ln.text.count("«") - ln.text.count("»")
            last = ln.no
            if depth <= 0:
                break
        if depth > 0:  # never closed: keep the first line only
            lines, last = [doc.text(first)], first
    elif start.startswith("Stortinget"):
        # printed without quotes: the resolution is the paragraph up to its final full stop
        for ln in doc.iter(first, first + 15):
            lines.append(ln.text)
            last = ln.no
            if ln.text.rstrip().endswith("."):
                break
    else:
        return None, header
    return strip_quotes(join_lines(lines)), last


def strip_quotes(text: str) -> str:
    text = text.strip()
    if text.startswith("«"):
        text = text[1:]
    if text.endswith("»."):
        text = text[:-2] + ("" if text[-3:-2] in ".!?" else ".")
    elif text.endswith("»"):
        text = text[:-1]
    return text.strip()


def wrap_width(doc: Document) -> int:
    """The line width of wrapped text (90th percentile of line lengths); very large when every
    paragraph is one line (the .txt editions), so the wrap rules below stay out of the way."""
    lengths = sorted(len(ln.text) for ln in doc.lines if ln.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _wrapped(text: str, width: int) -> bool:
    """A line this close to the wrap width is part of a wrapped paragraph, not a heading."""
    return width < _WIDE and len(text.strip()) >= 0.65 * width


def _body(doc: Document, entry: Entry, next_header: int | None, width: int) -> None:
    """Follow-up lines after the quote, up to the next entry's heading or the end of the section.
    Wrapped paragraphs are joined (a line that does not end a sentence continues on the next)."""
    lines: list[str] = []
    for ln in doc.iter(entry.quote_end + 1, entry.quote_end + _MAX_BODY):
        t = ln.text.strip()
        if not t:
            continue
        if MARKER.match(t) or parse_header(t) or (next_header is not None and ln.no >= next_header):
            break
        nxt = _next_nonblank(doc, ln.no)
        continues = bool(lines) and not line_ends_sentence(lines[-1])
        if nxt is not None and parse_header(doc.text(nxt)) and _heading_ok(t):
            break  # the next entry's heading
        if nxt is not None and _starts_heading(doc, ln.no, nxt, width) and lines and not continues:
            break  # the next entry's heading, wrapped over two lines
        if lines and not continues and headinglike(t) and not _wrapped(t, width):
            nxt_text = doc.text(nxt).strip() if nxt else ""
            if not (nxt_text and nxt_text[0].islower()):
                break  # a new section begins
        if entry.body_first is None:
            entry.body_first = ln.no
        lines.append(t)
        entry.end_line = ln.no
    entry.body = _paragraphs(lines)


def _starts_heading(doc: Document, no: int, nxt: int, width: int) -> bool:
    after = _next_nonblank(doc, nxt)
    return (
        after is not None
        and parse_header(doc.text(after)) is not None
        and _wrapped(doc.text(no), width)
        and headinglike(doc.text(no))
        and _heading_ok(doc.text(nxt))
    )


def _paragraphs(lines: list[str]) -> list[str]:
    paras: list[list[str]] = []
    for t in lines:
        if paras and not line_ends_sentence(paras[-1][-1]):
            paras[-1].append(t)
        else:
            paras.append([t])
    return [join_lines(p) for p in paras]


def _heading(doc: Document, header: int, width: int) -> tuple[str | None, int | None]:
    """The heading above an entry header; two lines when the first was wrapped at the line width."""
    hl = _prev_nonblank(doc, header)
    if hl is None or not _heading_ok(doc.text(hl)):
        return None, None
    above = _prev_nonblank(doc, hl)
    if above is not None and _wrapped(doc.text(above), width) and headinglike(doc.text(above)):
        before = _prev_nonblank(doc, above)
        if before is None or _ends_sentence(doc.text(before).strip()) or marker_session(doc.text(before)):
            return join_lines([doc.text(above), doc.text(hl)]), above
    return doc.text(hl).strip(), hl


def parse_entries(doc: Document) -> list[Entry]:
    headers = [(ln.no, h) for ln in doc.lines if (h := parse_header(ln.text))]
    width = wrap_width(doc)
    entries: list[Entry] = []
    current: str | None = None
    prev_end = 0
    for i, (no, (nr, dato)) in enumerate(headers):
        heading, hl = _heading(doc, no, width)
        top = hl if hl is not None else no
        # the session marker holds for a run of entries; other text in between ends the run
        for ln in doc.iter(prev_end + 1, top - 1):
            if (s := marker_session(ln.text)) is not None:
                current = s
            elif ln.text.strip() and not MARKER.match(ln.text):
                current = None
        tekst, qend = _quote(doc, no)
        e = Entry(nr, dato, no, heading, hl, tekst, qend, end_line=qend)
        e.marker_sesjon = current
        nxt = headers[i + 1][0] if i + 1 < len(headers) else None
        _body(doc, e, nxt, width)
        entries.append(e)
        prev_end = e.end_line
    return entries


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("\t") if c.strip()]


def _as_session(cell: str) -> str | None:
    if not regex.fullmatch(r"\(?\d{4}\s*[-\u2010-\u2015\u2212]\s*\d{4}\)?", cell):
        return None
    try:
        return parse_session(cell)
    except SessionError:
        return None


def parse_overview(doc: Document) -> list[OverviewRow]:
    """The overview table: session, number, stikkord, Ja/Nei per row, cells on tab-led lines or in
    one tab-separated line. A row starts at each session cell; a row without one keeps the last."""
    title = next((ln.no for ln in doc.lines if OVERVIEW_TITLE.search(ln.text)), None)
    if title is None:
        return []
    rows: list[OverviewRow] = []
    cells: list[tuple[str, int]] = []
    misses = 0
    for ln in doc.iter(title + 1):
        if parse_header(ln.text) or marker_session(ln.text):
            break
        found = _cells(ln.text)
        if not found:
            continue
        if rows or cells:
            is_row_text = ln.text.startswith("\t") or "\t" in ln.text.strip()
            if not is_row_text and not _as_session(found[0]):
                misses += 1
                if misses > 1:  # two plain lines in a row: the table is over
                    break
        cells.extend((c, ln.no) for c in found)
        if _JA_NEI.get(found[-1].lower()) is not None:
            row = _make_row(cells, rows[-1].sesjon if rows else None)
            if row:
                rows.append(row)
                misses = 0
            cells = []
    return rows


def _make_row(cells: list[tuple[str, int]], last_session: str | None) -> OverviewRow | None:
    sesjon, nr, linje, rest = last_session, None, 0, []
    for c, no in cells[:-1]:
        s = _as_session(c)
        if s is not None and nr is None:
            sesjon = s
            continue
        if nr is None and regex.fullmatch(r"\d{1,4}", c):
            nr, linje = parse_int(c), no
            continue
        if nr is not None:
            rest.append(c)
    if nr is None or sesjon is None:
        return None
    return OverviewRow(sesjon, nr, join_lines(rest) or None, _JA_NEI[cells[-1][0].lower()], linje)
