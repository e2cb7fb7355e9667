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
from hdir_extract.extractors.anmodningsvedtak.layout import continues
from hdir_extract.extractors.anmodningsvedtak.text import line_ends_sentence
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
#: a body is at most this long, in characters (not lines: the same text takes more lines when it
#: is set in narrow columns); a safety net when the end of the last entry is not recognised
_MAX_BODY_CHARS = 10000
_MAX_BODY_LINES = 1000
_MAX_QUOTE = 40
#: an entry heading takes at most this many lines (three when set in a narrow column)
_MAX_HEADING_LINES = 3
#: cells of one overview row (session, number, a stikkord over a few lines, Ja/Nei)
_MAX_ROW_CELLS = 8


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


def _body(doc: Document, entry: Entry, stop: int | None) -> None:
    """Follow-up lines after the quote, up to `stop` (the first line of the next entry's heading)
    or the end of the section: a heading after a finished sentence. Wrapped paragraphs are joined
    (a line that does not end a sentence continues on the next)."""
    lines: list[str] = []
    size = 0
    for ln in doc.iter(entry.quote_end + 1, entry.quote_end + _MAX_BODY_LINES):
        t = ln.text.strip()
        if not t:
            continue
        if size > _MAX_BODY_CHARS:
            break
        if MARKER.match(t) or parse_header(t) or (stop is not None and ln.no >= stop):
            break
        nxt = _next_nonblank(doc, ln.no)
        if nxt is not None and parse_header(doc.text(nxt)) and _heading_ok(t):
            break  # the next entry's heading
        continues_sentence = bool(lines) and not line_ends_sentence(lines[-1])
        if lines and not continues_sentence and _section_heading(doc, ln.no):
            break  # a new section begins
        if entry.body_first is None:
            entry.body_first = ln.no
        lines.append(t)
        size += len(t) + 1
        entry.end_line = ln.no
    entry.body = _paragraphs(lines)


def _section_heading(doc: Document, no: int) -> bool:
    """A heading of up to three lines starts at `no`: lines without final punctuation, each running
    on into the next, the last one a hard break before a capital ("Post 21 Spesielle driftsutgifter"
    / "Bevilgningen dekker …"). Line widths, not a fixed threshold, tell a hard break."""
    cur = no
    for _ in range(3):
        t = doc.text(cur).strip()
        if not headinglike(t) and not (cur != no and t and not _ends_sentence(t)):
            return False
        nxt = _next_nonblank(doc, cur)
        if nxt is None:
            return True
        if not continues(doc, cur, nxt):
            return True
        cur = nxt
    return False


def _paragraphs(lines: list[str]) -> list[str]:
    paras: list[list[str]] = []
    for t in lines:
        if paras and not line_ends_sentence(paras[-1][-1]):
            paras[-1].append(t)
        else:
            paras.append([t])
    return [join_lines(p) for p in paras]


def _heading(doc: Document, header: int) -> tuple[str | None, int | None]:
    """The heading above an entry header: the line above, and up to two lines above that when each
    runs on into the next (hyphenated, the heading goes on in lower case, or the line is full). The
    heading starts in upper case after a finished sentence, a session marker or nothing."""
    hl = _prev_nonblank(doc, header)
    if hl is None or not _heading_ok(doc.text(hl)):
        return None, None
    run = [hl]
    for _ in range(_MAX_HEADING_LINES - 1):
        above = _prev_nonblank(doc, run[0])
        if above is None:
            break
        t = doc.text(above).strip()
        if MARKER.match(t) or parse_header(t) or _ends_sentence(t) or not continues(doc, above, run[0]):
            break
        run.insert(0, above)
    while len(run) > 1 and not _starts_block(doc, run[0]):
        run.pop(0)  # the line belongs to the text before, not to the heading
    if len(run) == 1:
        return doc.text(hl).strip(), hl
    return join_lines([doc.text(no) for no in run]), run[0]


def _starts_block(doc: Document, no: int) -> bool:
    t = doc.text(no).strip()
    before = _prev_nonblank(doc, no)
    return headinglike(t) and (
        before is None
        or _ends_sentence(doc.text(before).strip())
        or marker_session(doc.text(before)) is not None
    )


def parse_entries(doc: Document) -> list[Entry]:
    headers = [(ln.no, h) for ln in doc.lines if (h := parse_header(ln.text))]
    headings = [_heading(doc, no) for no, _ in headers]
    entries: list[Entry] = []
    current: str | None = None
    prev_end = 0
    for i, (no, (nr, dato)) in enumerate(headers):
        heading, hl = headings[i]
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
        stop = None
        if i + 1 < len(headers):
            nxt_no, _ = headers[i + 1]
            stop = headings[i + 1][1] or nxt_no  # the next entry begins with its heading
        _body(doc, e, stop)
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
        if _as_session(found[0]) and not (cells and _as_session(cells[0][0])):
            cells = []  # a row starts at its session cell; lines before it were column heads
        if rows:
            is_row_text = ln.text.startswith("\t") or "\t" in ln.text.strip()
            # a row begun by its session cell goes on to its Ja/Nei on plain lines too (a PDF text
            # layer without tabs puts every cell on a line of its own)
            in_row = bool(cells) and _as_session(cells[0][0]) is not None and len(cells) < _MAX_ROW_CELLS
            if not is_row_text and not _as_session(found[0]) and not in_row:
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
