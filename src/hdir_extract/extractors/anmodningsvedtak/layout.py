"""A cleaned view of a document for reading resolutions: page furniture out, blank lines meaning
paragraph breaks again, every line mapped back to the line of the file.

The same document reaches us in several layouts: with running heads in the middle of a quoted
resolution ("Meld. St. 9 (2023–2024)  165", "Prop. 1 S (2024–2025)  16", "Side 4"), or from a tool
that prints a blank line after every line. The readers of entries and quoted resolutions rely on blank
lines as paragraph breaks and on adjacent lines belonging together, so they read this view; records
are then given the file's own line numbers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

import regex

from hdir_extract.document import Document, Line
from hdir_extract.models import Record

_SIDE = regex.compile(r"^\s*Side\s+\d{1,4}(?:\s+av\s+\d{1,4})?\s*$", regex.IGNORECASE)
# a running head: a text and the page number, on either side ("Meld. St. 9 (2023–2024)  165",
# "164  Nasjonal helse- og samhandlingsplan 2024–2027")
_HEAD = regex.compile(r"^\s*(?:(?P<n1>\d{1,4})\s+(?P<t1>\S.*?)|(?P<t2>\S.*?)\s+(?P<n2>\d{1,4}))\s*$")
#: a running head repeats on many pages; fewer repetitions is a heading or a caption
_MIN_REPEATS = 3
#: the text of a running head names a document or a body ("Prop. 1 S (2024–2025)", "Helse- og
#: omsorgsdepartementet"), never a bare label of one word ("Figur", "Post", "Kapittel")
_MIN_LETTERS = 10
#: a page holds more lines of text than this (a printed page, not a footnote block)
_MIN_PAGE_LINES = 15


@dataclass
class View:
    doc: Document
    orig: list[int]  # orig[k - 1]: the file's line number of view line k

    def to_orig(self, no: int) -> int:
        return self.orig[no - 1] if 1 <= no <= len(self.orig) else no

    def remap(self, records: list[Record]) -> list[Record]:
        for r in records:
            linje = getattr(r, "linje", None)
            if isinstance(linje, int):
                r.linje = self.to_orig(linje)
        return records


def _head_key(text: str) -> tuple[str, int] | None:
    if "\t" in text:
        return None  # a table row, not a running head
    m = _HEAD.match(text)
    if not m:
        return None
    words = m.group("t1") or m.group("t2")
    number = int(m.group("n1") or m.group("n2"))
    if 1900 <= number <= 2099:
        return None  # a year, not a page number ("Nøkkeltall 2023")
    if words.rstrip().endswith((".", ":", ";", ",", "!", "?", "»")):
        return None  # the end of a sentence
    letters = len(regex.findall(r"\p{L}", words))
    if letters < 5 or (letters < _MIN_LETTERS and len(words.split()) < 2):
        return None  # "Figur 5", "Post 21", "Kapittel 3": a label and its number
    return " ".join(words.split()).casefold(), number


def furniture_lines(doc: Document) -> set[int]:
    """Lines that are page furniture: "Side N" and running heads (the same text with rising page
    numbers on at least three lines)."""
    found = {ln.no for ln in doc.lines if _SIDE.match(ln.text)}
    heads: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for ln in doc.lines:
        key = _head_key(ln.text)
        if key:
            heads[key[0]].append((ln.no, key[1]))
    for occurrences in heads.values():
        if _page_numbers(occurrences):
            found.update(no for no, _ in occurrences)
    return found


def _page_numbers(occurrences: list[tuple[int, int]]) -> bool:
    """(line, number) pairs whose numbers count pages: rising on every occurrence, mostly by one page
    or two (a head on every page, or on every other page when left and right pages differ), with a
    page's worth of text between them. Footnotes that cite the same source ("3 Helsedirektoratet
    (2023) …", "4 Helsedirektoratet (2023) …" a few lines apart) or "post 21" in running text do not."""
    if len(occurrences) < _MIN_REPEATS:
        return False
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(occurrences)]
    if any(pages <= 0 for _, pages in steps):
        return False
    median = sorted(steps, key=lambda s: s[1])[len(steps) // 2]
    lines_per_page = sorted(lines / pages for lines, pages in steps)[(len(steps) - 1) // 2]
    return median[1] <= 2 and lines_per_page >= _MIN_PAGE_LINES


def _double_spaced(texts: list[str]) -> bool:
    """A blank line after (nearly) every printed line: single blanks are no paragraph breaks."""
    idx = [i for i, t in enumerate(texts[:-1]) if t.strip()]
    return bool(idx) and sum(1 for i in idx if not texts[i + 1].strip()) >= 0.8 * len(idx)


def _without_furniture(doc: Document, furniture: set[int]) -> list[int]:
    """Line numbers kept: furniture goes, with one blank line on each side of it (the break the
    page made); a paragraph break that was there before the page break stays."""
    drop = set(furniture)
    for no in furniture:
        for k in (no - 1, no + 1):
            if k not in furniture and not doc.text(k).strip() and 1 <= k <= len(doc.lines):
                drop.add(k)
    return [ln.no for ln in doc.lines if ln.no not in drop]


def _single_spaced(doc: Document, kept: list[int]) -> list[int]:
    """A double-spaced text: a single blank line goes, a run of two or more is one paragraph break."""
    out: list[int] = []
    i = 0
    while i < len(kept):
        if doc.text(kept[i]).strip():
            out.append(kept[i])
            i += 1
            continue
        j = i
        while j < len(kept) and not doc.text(kept[j]).strip():
            j += 1
        if j - i >= 2:
            out.append(kept[i])
        i = j
    return out


def build_view(doc: Document) -> View:
    furniture = furniture_lines(doc)
    kept = _without_furniture(doc, furniture) if furniture else [ln.no for ln in doc.lines]
    if _double_spaced([doc.text(no) for no in kept]):
        kept = _single_spaced(doc, kept)
    if len(kept) == len(doc.lines):
        return View(doc, kept)
    lines = [Line(no=k, text=doc.text(no), page=doc.page(no)) for k, no in enumerate(kept, start=1)]
    view = doc.with_lines(lines)
    return View(view, kept)


# --- blocks of wrapped text ----------------------------------------------------------------------

_NUMBERED_HEADING = regex.compile(r"^\d+(?:\.\d+)+\.?\s+\p{Lu}")
_LINE_HYPHEN = regex.compile(r"[\p{L}\p{N}][-\u2010]$")
_BULLET = regex.compile(r"^[•▪◦–\-]\s")
#: a line that leaves this share of the column unused although the next word would fit ended by
#: choice (a heading, the last line of a paragraph); full lines of justified text come close to the
#: width, give or take the varying widths of letters
_ROOM = 1.0
#: lines on each side that tell the column width around a line
_NEAR = 4
# a wrapped line that ends in one of these words goes on, whatever the next line starts with
# ("… i regi av" / "Helsedirektoratet …"): a heading never ends in them
_FUNCTION_WORDS = {
    "og", "eller", "i", "av", "for", "til", "med", "på", "om", "som", "en", "et", "ei", "den", "det",
    "de", "at", "å", "ved", "fra", "mot", "under", "etter", "samt", "der", "hvor", "når", "jf.", "nr.",
    "kap.", "er", "ble", "har", "vil", "skal", "kan", "blant", "annet", "mellom", "gjennom", "uten",
}  # fmt: skip


@dataclass
class Block:
    lines: list[tuple[int, str]]  # (line number, stripped text)

    @property
    def texts(self) -> list[str]:
        return [t for _, t in self.lines]

    @property
    def first(self) -> int:
        return self.lines[0][0]

    @property
    def last(self) -> int:
        return self.lines[-1][0]


def text_width(doc: Document) -> int:
    """The column width of wrapped text (a long line, not the longest); in a text with one line per
    paragraph this is very large and every line has room."""
    lengths = sorted(len(ln.text.strip()) for ln in doc.lines if ln.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def blank_paragraphs(doc: Document) -> bool:
    """Whether blank lines separate paragraphs (a text layer without them gives none at all)."""
    blanks = sum(1 for ln in doc.lines if not ln.text.strip())
    return blanks >= 0.05 * max(1, len(doc.lines) - blanks)


def _room(prev: str, nxt: str, width: int, share: float) -> bool:
    word = nxt.split()[0] if nxt.split() else ""
    return len(prev) + 1 + len(word) <= width * share


def _ends_sentence(prev: str) -> bool:
    from hdir_extract.extractors.anmodningsvedtak.text import line_ends_sentence

    return line_ends_sentence(prev)


def breaks(prev: str, nxt: str, blank: bool, width: int, cur: list[str], blanks_mark: bool) -> bool:
    """Whether a new block starts between two printed lines (`blank`: blank lines stand between)."""
    if _BULLET.match(nxt):
        return True
    if _LINE_HYPHEN.search(prev):
        return False  # a word hyphenated over the line break (a page break may stand between)
    if _NUMBERED_HEADING.match(nxt):
        return blank or _ends_sentence(prev) or _room(prev, nxt, width, _ROOM)
    if _ends_sentence(prev):
        # where blank lines mark paragraphs, only a clearly short last line ends one without them;
        # where they do not, any line that could have taken the next word ended its paragraph
        return blank or _room(prev, nxt, width, _ROOM if blanks_mark else 1.0)
    if not nxt[:1].isupper() and not nxt[:1].isdigit() and nxt[:1] != "«":
        return False  # the sentence goes on
    if blank or _room(prev, nxt, width, _ROOM):
        return True  # a short line without final punctuation before a capital: a heading ended
    # a heading followed by its text on the next line, the heading's last line full: a numbered
    # heading of up to three lines ("5.4.9 Spesialutdanning og mulig offentlig" / "spesialist-
    # godkjenning av nye grupper"), or, in a text without blank lines, a single line standing first
    # in its block; either ends in a content word ("… spesialistutdanning – LIS1")
    last_word = prev.split()[-1].lower() if prev.split() else ""
    if last_word in _FUNCTION_WORDS:
        return False
    numbered = bool(_NUMBERED_HEADING.match(cur[0])) and len(cur) <= 3
    return numbered or (len(cur) == 1 and not blanks_mark)


def _local_width(doc: Document, no: int, width: int) -> int:
    """The column width around a line: the second-longest of the printed lines nearby. Pages mix
    widths (two columns, full-width boxes, a re-flowed paragraph), so one figure does not fit all."""
    near = sorted(
        (len(ln.text.strip()) for ln in doc.iter(no - _NEAR, no + _NEAR) if ln.text.strip()), reverse=True
    )
    return near[1] if len(near) > 1 else width


def blocks(doc: Document, start: int, end: int, width: int | None = None) -> list[Block]:
    """Lines start..end as blocks: paragraphs and headings, told apart by blank lines where the text
    has them and by sentence ends, line widths and capitals where it has not."""
    width = width if width is not None else text_width(doc)
    blanks_mark = blank_paragraphs(doc)
    out: list[Block] = []
    blank = False
    for ln in doc.iter(start, end):
        t = ln.text.strip()
        if not t:
            blank = True
            continue
        if not out:
            out.append(Block([(ln.no, t)]))
        else:
            cur = out[-1]
            local = _local_width(doc, cur.last, width)
            if breaks(cur.texts[-1], t, blank, local, cur.texts, blanks_mark):
                out.append(Block([(ln.no, t)]))
            else:
                cur.lines.append((ln.no, t))
        blank = False
    return out


def continues(doc: Document, no: int, nxt: int, width: int | None = None) -> bool:
    """Whether printed line `no` runs on into line `nxt` (a wrapped line, not a hard break): the next
    line starts in lower case, the word is hyphenated over the break, or the line is full (the
    next word would not have fit). In text with one line per paragraph no line is full."""
    prev, t = doc.text(no).strip(), doc.text(nxt).strip()
    if not prev or not t:
        return False
    if t[0].islower() or _LINE_HYPHEN.search(prev):
        return True
    local = _local_width(doc, no, width if width is not None else text_width(doc))
    return not _room(prev, t, local, _ROOM)
