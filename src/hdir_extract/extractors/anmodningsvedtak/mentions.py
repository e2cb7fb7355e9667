"""Numbered mentions of Storting resolutions in running text ("anmodningsvedtak nr. 908 (2023–2024)").

The search runs over the whole document text (lines joined with "\\n") so that a mention wrapped over
a line break, or hyphenated at the line end ("anmodnings-" / "vedtak 417"), is still one mention; each
number is then placed on the line where its digits are printed.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass, replace

import regex

from hdir_extract.document import Document
from hdir_extract.parsing.dates import find_dates
from hdir_extract.parsing.sessions import SessionError, parse_session, session_for_date
from hdir_extract.parsing.text import join_two

# Deliberately neither a row nor a mention: "Stortinget vedtok i revidert nasjonalbudsjett … å …",
# "Stortinget har vedtatt å opprette …" (budget and plenary decisions printed without a number; no
# (session, number) key to give them). "jf. anmodningsvedtak nr. 646 av …" is a mention (below).
# the word that introduces a resolution number; "vedtakene" for lists ("anmodningsvedtakene 704 og 705")
_TRIGGER = regex.compile(r"vedtak(?:ene)?(?!\p{L})", regex.IGNORECASE)
# what may stand glued to "vedtak": nothing, or these prefixes. "Lovvedtak 47" (a law decision),
# "romertallsvedtak", "budsjettvedtak" are other kinds of decisions and never resolution numbers.
_PREFIXES = {"", "anmodnings", "stortings"}
_WORD_BEFORE = regex.compile(r"(?:\p{L}+(?:-\n)?)*\Z")  # a bare line break ends the word
_WS = r"[ \t\n]"
# "vedtak nr. 66", "vedtak 417", "vedtak nr.693", "vedtak (nr. 561)"
_NUMBER = regex.compile(
    rf"{_WS}*(?:\(?{_WS}*nr\.?{_WS}*)?(?P<n>\d{{1,4}})(?![\d\p{{L}}]|[.,]\d)", regex.IGNORECASE
)
_LIST_NUMBER = regex.compile(r"(?P<n>\d{1,4})(?![\d\p{L}]|[.,]\d)")
# a session printed with the number: "(2023–2024)", "2020-2021.)", "(2024 – 2025)", a dash split
# over a line break; only directly after the number (a session after a document title is not ours)
_SESSION = regex.compile(rf"{_WS}*\(?{_WS}*(?P<s>\d{{4}}{_WS}*[-\u2010-\u2015\u2212]{_WS}*\d{{4}})")
_DATE_LEAD = regex.compile(rf",?{_WS}*(?:av{_WS}+|den{_WS}+)?")
_SEPARATOR = regex.compile(
    rf"(?:{_WS}*,{_WS}*|{_WS}+(?:og|eller|samt){_WS}+)(?:nr\.?{_WS}*)?", regex.IGNORECASE
)
# a number followed by a unit is an amount or a count, not a resolution ("og 40 mill. kroner")
_UNIT_AFTER = regex.compile(
    rf"{_WS}*(?:%|prosent|pst|mill|mrd|kr|kroner|år|dager|timer|vedtak|stk)\b", regex.IGNORECASE
)
# numbers this large after "vedtak" are years ("vedtak 2023"), unless "nr." says otherwise
_MAX_PLAIN = 1899


@dataclass(frozen=True, slots=True)
class Mention:
    nr: int
    sesjon: str | None
    raw: str
    linje: int
    start: int  # offset of the trigger word in the joined text
    end: int  # offset after the whole mention (list, sessions, dates)
    nr_start: int  # offset of the digits


# searched backwards from the end ((?r)): a forward search would try every start in the line
_HYPHEN_END = regex.compile(r"(?r)(\p{L}+)[-\u2010]$")
_LOWER_START = regex.compile(r"\s*(\p{Ll}\p{L}*)")


def _closes_up(left: str, right: str) -> bool:
    """Whether a word hyphenated over a line break is one word ("anmodningsved-" / "tak nr. 692"),
    decided by the shared de-hyphenation ("helse-" / "og omsorg…" keeps its hyphen)."""
    if not left.rstrip("\n").endswith(("-", "\u2010")):
        return False  # no line-end hyphen (checked first: most lines)
    end, start = _HYPHEN_END.search(left), _LOWER_START.match(right)
    if not end or not start:
        return False
    return join_two(end.group(0), start.group(1)) == end.group(1) + start.group(1)


class DocText:
    """The document as one string, with offsets mapped back to 1-based line numbers. A word
    hyphenated at a line end is closed up ("anmodningsved-" + "tak" -> "anmodningsvedtak"), so the
    search finds the word wherever a typesetter split it; other line breaks stay "\\n"."""

    def __init__(self, doc: Document) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        pos = 0
        texts = [ln.text for ln in doc.lines]
        self.texts = texts
        for i, t in enumerate(texts):
            self.starts.append(pos)
            if i + 1 < len(texts) and _closes_up(t, texts[i + 1]):
                piece = t.rstrip()[:-1]  # the hyphen and the break go
            else:
                piece = t + ("\n" if i + 1 < len(texts) else "")
            parts.append(piece)
            pos += len(piece)
        self.text = "".join(parts)

    def line_text(self, line_no: int) -> str:
        return self.texts[line_no - 1].strip() if 1 <= line_no <= len(self.texts) else ""

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def offset_of(self, line_no: int) -> int:
        return self.starts[line_no - 1] if 1 <= line_no <= len(self.starts) else len(self.text)


def _session_at(text: str, pos: int) -> tuple[str | None, int]:
    m = _SESSION.match(text, pos)
    if not m:
        return None, pos
    try:
        sesjon = parse_session(m.group("s"))
    except SessionError:
        return None, pos
    end = m.end()
    close = regex.match(rf"{_WS}*\)", text[end : end + 4])
    return sesjon, end + (close.end() if close else 0)


def _date_at(text: str, pos: int) -> tuple[int, datetime.date | None]:
    """End offset and value of a date standing right after `pos` (", 6. oktober 2020", " av 18. feb.
    2021"); (pos, None) when none stands there."""
    lead = _DATE_LEAD.match(text, pos)
    start = lead.end() if lead else pos
    window = text[start : start + 40]
    for d in find_dates(window):
        if d.start == 0 and d.raw and regex.search(r"\d{4}$", d.raw):
            return start + d.end, d.date
        break
    return pos, None


def _number_at(text: str, pos: int, first: bool) -> regex.Match[str] | None:
    m = (_NUMBER if first else _LIST_NUMBER).match(text, pos)
    if not m:
        return None
    if _UNIT_AFTER.match(text, m.end()):
        return None
    has_nr = "nr" in m.group(0).lower()
    if int(m.group("n")) > _MAX_PLAIN and not has_nr:
        return None
    # "6. oktober": a day of a date is not a resolution number
    if regex.match(r"\.\s*\p{L}", text[m.end() : m.end() + 3]) and find_dates(
        text[m.start("n") : m.end() + 20]
    ):
        return None
    return m


def _prefix_ok(text: str, start: int) -> bool:
    before = _WORD_BEFORE.search(text[max(0, start - 30) : start])
    prefix = (before.group(0) if before else "").replace("-\n", "").replace("\n", "").lower()
    return prefix in _PREFIXES


def find_mentions(dt: DocText) -> list[Mention]:
    """Every numbered resolution mention, one per number (lists give one mention per number)."""
    text = dt.text
    out: list[Mention] = []
    from_quote: set[int] = set()  # mentions whose session a quoted resolution's date gave
    for trig in _TRIGGER.finditer(text):
        if not _prefix_ok(text, trig.start()):
            continue
        m = _number_at(text, trig.end(), first=True)
        if m is None:
            continue
        items: list[tuple[int, int, str | None]] = []  # (nr, digit offset, session)
        dated: list[str | None] = []  # the session of the date printed after each number
        pos = m.end()
        while True:
            sesjon, pos = _session_at(text, pos)
            items.append((int(m.group("n")), m.start("n"), sesjon))
            pos, date = _date_at(text, pos)
            dated.append(session_for_date(date) if date else None)
            sep = _SEPARATOR.match(text, pos)
            if not sep:
                break
            nxt = _number_at(text, sep.end(), first=False)
            if nxt is None:
                break
            m, pos = nxt, nxt.end()
        # "704 og 705 (2024-2025)": a session printed after the last number covers the whole list
        trailing = items[-1][2]
        if trailing and len(items) > 1 and all(s is None for _, _, s in items[:-1]):
            items = [(n, o, trailing) for n, o, _ in items]
        # A resolution quoted with its date ("Vi viser til anmodningsvedtak nr. 583 av 26. mars 2026:
        # «Stortinget ber …»"): the date is the resolution's, so it tells the session (October–
        # September). A date without the quote keeps the session unprinted (None): it may be another
        # date ("… av 18. februar 2021, truffet under behandlingen av …"), as in the Prop. 1 S.
        quoted = False
        if all(s is None for _, _, s in items) and dated[-1] and _QUOTE_AFTER.match(text, pos):
            items = [(n, o, dated[k] or dated[-1]) for k, (n, o, _) in enumerate(items)]
            quoted = True
        raw = regex.sub(r"\s+", " ", text[trig.start() : pos].replace("-\n", "")).strip(" ,")
        raw = _with_prefix(text, trig.start()) + raw
        for nr, off, sesjon in items:
            mention = Mention(nr, sesjon, raw, dt.line_of(off), trig.start(), pos, off)
            out.append(mention)
            if quoted:
                from_quote.add(id(mention))
    return _label_sessions(dt, out, from_quote)


# the quote of a resolution's text right after its number and date (": «Stortinget ber …")
_QUOTE_AFTER = regex.compile(r"[ \t]*[:,]?[\s]*[«\"“]")
# "1. Vedtak 583", "Anmodningsvedtak nr. 585": a line that only labels the quote under it
_LABEL_LINE = regex.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?:anmodnings|stortings)?vedtak\s+(?:nr\.?\s*)?\d{1,4}\s*:?$", regex.IGNORECASE
)
#: lines under a label where the quote it labels may give its date
_LABEL_REACH = 12


def _label_sessions(dt: DocText, mentions: list[Mention], from_quote: set[int]) -> list[Mention]:
    """A label line without a session ("5. Vedtak 588") takes the session of the quoted resolution under
    it ("Vi viser til anmodningsvedtak nr. 587 av 26. mars 2026: «…»"), up to the next label: the label
    names the resolution the quote gives, whatever number the quote prints."""
    labels = [m for m in mentions if m.sesjon is None and _LABEL_LINE.match(dt.line_text(m.linje))]
    if not labels:
        return mentions
    label_lines = {m.linje for m in labels}
    found: dict[int, str] = {}
    for lab in labels:
        for m in mentions:
            if m.linje <= lab.linje or m.linje > lab.linje + _LABEL_REACH:
                continue
            if m.linje in label_lines:
                break
            if m.sesjon and id(m) in from_quote:
                found[lab.linje] = m.sesjon
                break
    return [replace(m, sesjon=found[m.linje]) if m in labels and m.linje in found else m for m in mentions]


def _with_prefix(text: str, start: int) -> str:
    before = _WORD_BEFORE.search(text[max(0, start - 30) : start])
    return (before.group(0) if before else "").replace("-\n", "").replace("\n", "")
