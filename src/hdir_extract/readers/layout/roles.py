"""What each printed line of a line-based text is: heading, footnote, list item, box start or end,
caption, unit line, table row, or plain text.

Judgement calls:
- A numbered line ("3.2 Tittel") is a heading only when its number is a valid next number after the
  previous heading (the next sibling at some level, or the first child), or, when nothing fits, when it
  stands alone between paragraph breaks with a multi-part number ("4.2.1"). So a numbered list
  "1. God helse …" right after heading 1.1, and footnotes "12 Meld. St. 24 …" inside chapter 2, are not
  headings. A heading line is short, starts its title with a capital and does not end a sentence with ".".
- A footnote is a line "N text" at a paragraph start where N is the next footnote number (or the one
  after: a footnote may be lost to the text layer); footnote numbers run through the document or start
  again at 1 in each chapter.
- A list item starts with a marker (`structure.list_marker`); "1." is a list item where it is not a
  heading by the rule above.
- A short line standing alone between paragraph breaks, starting with a capital and ending without
  punctuation, is an unnumbered heading (level unknown): "Leders forord", "Kap. 765, post 21",
  "TTB2023-06". A lead-in ending with ":" is not.
- Captions ("Tabell 2-4 …", "Figur 3.1 …") and box titles ("Boks 3.1 …") start a paragraph; a unit line
  ("(i 1 000 kr)", "Mill. kroner") is short and stands alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import regex

from hdir_extract.readers import structure
from hdir_extract.readers.layout.lines import SourceLine
from hdir_extract.readers.layout.spacing import GOES_ON

# precompiled: these run once per line of every document
_P1 = regex.compile(r"\p{Ll}")
_P2 = regex.compile(r"[\p{Lu}\d]")
_P3 = regex.compile(r"\p{L}{3}")
# (?r): these end-anchored patterns are searched backwards from the line's end (the same lines match;
# a forward search tries every start position)
_P4 = regex.compile(r"(?r)[.,;:]$")
_P5 = regex.compile(r"[\d\s.,%–-]+")
_P6 = regex.compile(r"\s*\d{1,3}\s+[^\d\s]")

MAX_HEADING_LEN = 110
MAX_TITLE_LEN = 90  # an unnumbered heading is a short line
MAX_TITLE_WORDS = 12
_COLON_RUN_ON = regex.compile(r":\s+\S")
_FOOTNOTE = regex.compile(r"^\s*([1-9]\d{0,2})\s+(?=\S)")  # "01 Driftsutgifter" is a post, not note 1
_SENTENCE_END = regex.compile(r"[.!?:;»]\s*$")
# a footnote reference printed as a superscript, glued to the word or sentence it notes: "… går bra.7
# Målene", "jordmødre1, og", "i 2021.8 Kvinner" (not a decimal "8,7", a section "7.8" or "pasientsikkerhet 2")
# (the pattern starts at the digit and looks behind it for the letter or year: one that opened with
# the letter would be tried at every letter of every line, eight times slower on the corpus)
_FOOTNOTE_REF = regex.compile(r"([1-9](?<=(?:\p{L}[.,;:!?)»”]?|(?<![\d.,])\d{4}[.)])[1-9])\d?)(?![\d,.]\d)")
#: a footnote stands on the page of its reference: at most this many lines after it
MAX_REF_DISTANCE = 250
# the rest of a list of references after a glued one: "… samfunnet.4, 5", "… tjenesten.3,4", "… 7–9"
_MORE_REFS = regex.compile(r"\G(?:,\s?|[–-])([1-9]\d?)(?![\d,.]\d)")
#: a footnote's text starts with a capital, a quote or a link, never in lower case
_FOOTNOTE_TEXT = regex.compile(r"^\s*[1-9]\d{0,2}\s+[\p{Lu}«\"(\[]|^\s*[1-9]\d{0,2}\s+(?:https?://|www\.)")


class Role(StrEnum):
    TEXT = "text"
    HEADING = "heading"
    FOOTNOTE = "footnote"
    LIST_ITEM = "list_item"
    BOX_START = "box_start"
    BOX_END = "box_end"
    CAPTION = "caption"
    UNIT = "unit"
    TABLE = "table"


def _parse(num: str) -> tuple[int, ...]:
    return tuple(int(p) for p in num.split("."))


def valid_next(prev: tuple[int, ...], n: tuple[int, ...]) -> bool:
    """Is heading number `n` a valid successor of `prev` (a sibling at some level, or the first child)?"""
    if not prev:
        return n[0] <= 2 and all(p <= 2 for p in n[1:])
    if n == (*prev, 1):
        return True
    for k in range(1, len(prev) + 1):
        if n == (*prev[: k - 1], prev[k - 1] + 1):
            return True
        if n == (*prev[: k - 1], prev[k - 1] + 1, 1):
            return True  # a new section whose own title the text layer lost
    return False


def _heading_candidate(text: str) -> tuple[int, ...] | None:
    if len(text) > MAX_HEADING_LEN or "\t" in text:
        return None
    num, title = structure.heading_number(text)
    if num is None or (title.endswith(".") and not title.endswith("mv.")):
        return None
    if _P1.match(title):
        return None
    if _COLON_RUN_ON.search(title):
        return None  # "4. Implementering …: Helsedirektoratet skal lage": a numbered task, not a section
    return _parse(num)


def assign_roles(
    lines: Sequence[SourceLine], kept: list[int], breaks: list[bool]
) -> tuple[list[Role], list[tuple[int, ...] | None]]:
    """Role of each kept line, and the parsed number of each heading."""
    roles: list[Role] = []
    numbers: list[tuple[int, ...] | None] = []
    last_heading: tuple[int, ...] = ()
    last_footnote = 0
    refs: dict[int, int] = {}  # footnote number -> kept index of the latest line that references it
    last_item: str | None = None  # number of the previous numbered list item ("1" for "1. …")
    block_role = Role.TEXT  # role of the block the previous line belongs to
    for k, i in enumerate(kept):
        ln = lines[i]
        text = ln.text.strip()
        starts = (
            breaks[k]
            or k == 0
            or roles[-1] is not Role.TEXT
            or block_role in (Role.FOOTNOTE, Role.LIST_ITEM)  # items and footnotes end without a full stop
            or bool(_SENTENCE_END.search(lines[kept[k - 1]].text))
        )
        role, number = Role.TEXT, None
        if ln.cells is not None or ("\t" in ln.text and not _tabbed_item(ln.text)):
            role = Role.TABLE
        elif structure.is_box_end(text):
            role = Role.BOX_END
        elif (box := structure.box_start(text)) and (
            starts or box[1][:1].isupper() or box[1].startswith("forts")
        ):
            # a box set into a column may interrupt a sentence ("… samarbeid om" / "Boks 4.1 Regjeringen
            # vil", "… 2,7 dager i" / "Boks 7.1 forts."): where no blank line marks the break, a title in
            # upper case or a continuation still starts the box
            role = Role.BOX_START
        elif structure.caption(text) and starts and len(text) <= 200:
            role = Role.CAPTION
        elif structure.is_unit_line(text):
            role = Role.UNIT
        elif block_role is Role.FOOTNOTE and _next_footnote(text, last_footnote, 1):
            role, last_footnote = Role.FOOTNOTE, last_footnote + 1  # footnotes follow each other
        elif (
            (n := _heading_candidate(text)) is not None
            and starts
            and not _referenced_footnote(text, last_footnote, refs, k)
            and not (_continues_list(n, last_item, roles) and not _alone_title(text, breaks, k))
            and _is_heading(n, last_heading, breaks, k, kept, lines)
        ):
            role, number, last_heading = Role.HEADING, n, n
            if len(n) == 1:
                last_footnote = 0  # footnote numbers may start again in every chapter
        elif (step := _next_footnote(text, last_footnote, 2)) and (starts or _FOOTNOTE_TEXT.match(text)):
            role, last_footnote = Role.FOOTNOTE, last_footnote + step
        elif structure.list_marker(ln.text) is not None:
            role = Role.LIST_ITEM
        if role is Role.LIST_ITEM:
            marker = structure.list_marker(ln.text)
            if marker is not None and marker.number is not None:
                last_item = marker.number  # a nested bullet ("o …") does not end the numbered list
        elif role is not Role.TEXT:
            last_item = None
        if role in (Role.TEXT, Role.LIST_ITEM):
            for n in _cited(text):
                refs[n] = k
        if role is not Role.TEXT or breaks[k]:
            block_role = role
        roles.append(role)
        numbers.append(number)
    return roles, numbers


def mark_titles(lines: Sequence[SourceLine], kept: list[int], breaks: list[bool], roles: list[Role]) -> None:
    """Unnumbered headings: a short title alone between paragraph breaks (after tables are marked, so
    that a table's line of column names stays in its table)."""
    for k, i in enumerate(kept):
        alone = breaks[k] and (k + 1 >= len(kept) or breaks[k + 1])
        if roles[k] is Role.TEXT and alone and _title_line(lines[i].text.strip()):
            roles[k] = Role.HEADING


def _tabbed_item(text: str) -> bool:
    """ "a.<TAB>forslag …": a list marker typeset with a TAB (one TAB only) is a list item."""
    m = structure.list_marker(text)
    return m is not None and text.count("\t") == 1 and not text.startswith("\t") and m.number is not None


def _title_line(text: str) -> bool:
    words = text.split()
    return (
        len(text) <= MAX_TITLE_LEN
        and 1 <= len(words) <= MAX_TITLE_WORDS
        and bool(_P2.match(text))
        and bool(_P3.search(text))
        and not _P4.search(text)
        and not _P5.fullmatch(text)
        and not GOES_ON.search(text)  # "… samarbeid om": a sentence cut off, not a title
    )


def _next_footnote(text: str, last: int, max_step: int) -> int:
    """The step (1 or 2) by which the line's footnote number follows `last`, else 0."""
    m = _FOOTNOTE.match(text)
    if m is None or not _P6.match(text):
        return 0  # "1 198,5 1 198,5" is a table row, not footnote 1
    step = int(m.group(1)) - last
    return step if 1 <= step <= max_step else 0


def _cited(text: str) -> list[int]:
    """The footnote numbers a line cites: each glued reference and the list that follows it."""
    out: list[int] = []
    for m in _FOOTNOTE_REF.finditer(text):
        out.append(int(m.group(1)))
        pos = m.end()
        while more := _MORE_REFS.match(text, pos):
            out.append(int(more.group(1)))
            pos = more.end()
    return out


def _referenced_footnote(text: str, last: int, refs: dict[int, int], k: int) -> bool:
    """ "7 Å lære av det som går bra kalles …" after "… lærer av det som går bra.7": a line whose number
    is the next footnote number and which the text just referenced is that footnote, even where the
    number would also be the next chapter's."""
    step = _next_footnote(text, last, 2)
    return bool(step) and k - refs.get(last + step, -MAX_REF_DISTANCE - 1) <= MAX_REF_DISTANCE


def _continues_list(n: tuple[int, ...], last_item: str | None, roles: list[Role]) -> bool:
    """ "2. …" right after list item "1. …" is the list's next item, not a chapter."""
    return len(n) == 1 and last_item is not None and last_item.isdigit() and n[0] == int(last_item) + 1


def _alone_title(text: str, breaks: list[bool], k: int) -> bool:
    """A numbered line standing alone with a short title ("4. Budsjettildeling") is a heading even where
    a numbered list ran before ("3. …"); an item goes on with its text ("2. Gode pasientforløp …")."""
    alone = breaks[k] and (k + 1 >= len(breaks) or breaks[k + 1])
    title = structure.heading_number(text)[1]
    return alone and len(title) <= 60 and ":" not in title


def _is_heading(
    n: tuple[int, ...],
    last: tuple[int, ...],
    breaks: list[bool],
    k: int,
    kept: list[int],
    lines: Sequence[SourceLine],
) -> bool:
    if valid_next(last, n):
        return True
    # a strong heading: a multi-part number alone between breaks resets a lost sequence
    alone = breaks[k] and (k + 1 >= len(breaks) or breaks[k + 1])
    return len(n) >= 2 and alone and n > last
