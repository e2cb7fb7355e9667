"""What a printed line means structurally, shared by every reader: heading numbers, boxes, list markers,
table units and captions. Pure functions over one line's text; the readers decide with them.

Judgement calls (also in the README's method notes):
- A heading number is "5", "5.2", "5.2.1" (an optional trailing dot) followed by a capitalised title;
  "Boks 4.1" starts a box. Years ("2024 …") and amounts are never heading numbers.
- A box ends at "[Boks slutt]" (the Storting's typesetting prints it) or, where no end is printed, at the
  next heading that is not inside the box's own numbering.
- List markers: bullets "–", "—", "-", "•", "*", "▪", "o", "" ; numbers "1.", "1)", "(1)"; letters
  "a.", "a)", "(a)"; Roman "i)", "ii." . A lone "-" followed by a digit is a minus sign, not a marker.
- A unit line names the table's unit: "(i 1 000 kr)", "(alle tall i 1 000 kroner)", "Mill. kroner",
  "Beløp i kroner".
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# precompiled: these run once per line of every document
_P1 = regex.compile(r"\d{3}\b")

HEADING_NUMBER = regex.compile(r"^(?P<num>(?:[1-9]\d?)(?:\.[1-9]\d?){0,4})\.?[ \t]+(?P<title>\p{Lu}.*)$")
BOX_START = regex.compile(r"^(?P<num>Boks\s+\d+(?:\.\d+)*[a-z]?)\.?(?:[ \t]+(?P<title>.*))?$")
BOX_END = regex.compile(r"^\[?\s*Boks\s+slutt\s*\]?$", regex.IGNORECASE)
_BULLET = r"[–—•▪●◦\-\*o\uf0b7\uf0a7]"
LIST_ITEM = regex.compile(
    rf"^(?P<indent>[ \t]*)(?:(?P<bullet>{_BULLET})|(?P<num>\(?\d{{1,2}}[.)])|(?P<letter>\(?[a-zæøå][.)])"
    r"|(?P<roman>\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]))[ \t]+(?P<rest>\S.*)$"
)
UNIT = regex.compile(
    r"^\(?\s*(?:alle\s+)?(?:tall|beløp)?\s*(?:er\s+)?(?:oppgitt\s+)?(?:i\s+)?(?:hele\s+tusen(?:\s+kr(?:oner)?)?"
    r"|1\s?000\s*kr(?:oner)?\.?|mill(?:\.|ioner)?\s*kr(?:oner)?\.?|mrd\.?\s*kr(?:oner)?\.?|kroner|kr\.?)\s*\)?$",
    regex.IGNORECASE,
)
# the title of a note to the accounts or of an annex: "Note A Forklaring av …", "Note 9 Sammenheng …",
# "Vedlegg 1 Oversikt …"
NOTE_TITLE = regex.compile(r"^\s*(?:Note|Vedlegg)\s+(?:[A-Z]|\d{1,2})\s+\p{Lu}")
# the label ends where no digit or lower-case letter goes on: a title may be glued to the number
# ("Tabell 7-1Nøkkeltall Helfo", as the årsrapport prints it), "Tabell 3ab" is no label
CAPTION = regex.compile(
    r"^(?P<label>(?:Tabell|Figur|Tabel)\s+\d+(?:[.\-–]\d+)*[a-z]?)(?![\d\p{Ll}])\.?\s*(?P<title>.*)$"
)


#: what follows "-" or "–" in a negative amount ("-5 %", "- 5 000 kr"), not a list item
_SIGNED_AMOUNT = regex.compile(
    r"\d[\d ]*(?:[,.]\d+)?\s*(?:%|prosent|kr\.?|kroner|mill\.?(?:\s*kr(?:oner|\.)?)?)?"
)
_MONTH = regex.compile(
    r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des)\b\.?",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Marker:
    marker: str  # as printed: "–", "1.", "a)"
    number: str | None  # "1", "a", "iv" for ordered markers, None for bullets
    rest: str  # the item's text after the marker
    indent: int  # leading spaces (a tab counts 4)


def heading_number(text: str) -> tuple[str | None, str]:
    """("5.2", "Tittel") for "5.2 Tittel"; (None, text) when the line prints no heading number."""
    t = text.strip()
    m = HEADING_NUMBER.match(t)
    if m and not _looks_like_amount(m.group("num"), m.group("title")):
        return m.group("num"), m.group("title").strip()
    return None, t


def _looks_like_amount(num: str, title: str) -> bool:
    # "1 234 kroner" and "12 000" are amounts with a space group, not "1" + a title; titles start
    # with a letter (checked by the pattern), so only a first word of digits is left to rule out
    return bool(_P1.match(title))


def box_start(text: str) -> tuple[str, str] | None:
    """("Boks 3.1", "Regjeringen vil") for a box title line."""
    m = BOX_START.match(text.strip())
    if not m:
        return None
    title = (m.group("title") or "").strip()
    if title[:1].islower() and not title.startswith("forts"):
        return None  # "Boks 3.9 viser hvordan …": a sentence about the box, not its title
    return " ".join(m.group("num").split()), (m.group("title") or "").strip()


def box_title(number: str | None, title: str, earlier: dict[str, str]) -> str:
    """The title a box is known by: a box continued after a page break ("Boks 7.1 forts.") keeps the
    title of the box it continues ("Regjeringen vil"). `earlier`: titles of the boxes read so far, by
    number (updated here)."""
    if number is not None and title.casefold().startswith("forts") and number in earlier:
        return earlier[number]
    if number is not None:
        earlier[number] = title
    return title


def is_box_end(text: str) -> bool:
    t = text.strip()
    return t[:1] in _BOX_END_FIRST and bool(BOX_END.match(t))


# cheap tests before the patterns, which every line of every document meets several times: the
# characters a match can start with (BOX_END ignores case: only "b"/"B" fold to "b")
_BOX_END_FIRST = frozenset("[bB")
_MARKER_FIRST = frozenset("–—•▪●◦-*\uf0b7\uf0a7(")  # a bullet but "o", or "(" of "(1)", "(a)", "(iv)"
_MARKER_LETTER = frozenset("abcdefghijklmnopqrstuvwxyzæøå")


def _may_be_marked(text: str) -> bool:
    """False where LIST_ITEM cannot match: its first non-blank character is no bullet, "(", digit or
    lower-case letter, or a lower-case letter that is not "i"/"v"/"x" (a Roman number) is followed by
    neither "."/")" (a letter marker) nor a blank (the bullet "o")."""
    t = text.lstrip(" \t")
    c = t[:1]
    if c in _MARKER_FIRST or c.isdecimal():
        return c != ""
    if c in _MARKER_LETTER:
        return c in "ivx" or t[1:2] in (".", ")", " ", "\t")
    return False


def list_marker(text: str) -> Marker | None:
    """The list marker a line starts with, or None. "-5 %" and "- 5 000" are numbers, not items."""
    if not _may_be_marked(text):
        return None
    m = LIST_ITEM.match(text.replace("\t", "    ", 1) if text.startswith("\t") else text)
    if not m:
        return None
    rest = m.group("rest")
    bullet = m.group("bullet")
    if bullet in ("-", "–") and _SIGNED_AMOUNT.fullmatch(rest.strip()):
        return None  # a negative amount, not an item
    if bullet == "o" and not rest[:1].isalpha():
        return None  # "o" is a bullet only before a word ("o Antall kommuner …", "o bidra til …")
    indent = len(m.group("indent").expandtabs(4))
    if bullet:
        return Marker(bullet, None, rest.strip(), indent)
    token = m.group("num") or m.group("letter") or m.group("roman")
    if m.group("num") and _MONTH.match(rest):
        return None  # "27. februar 2026": a date, not item 27
    number = token.strip("().")
    return Marker(token, number.rstrip(")"), rest.strip(), indent)


def is_unit_line(text: str) -> bool:
    return bool(UNIT.match(text.strip()))


def caption(text: str) -> tuple[str, str] | None:
    """("Tabell 6-1", "Bevilgningsrapportering …") for a caption line."""
    m = CAPTION.match(text.strip())
    if not m:
        return None
    return " ".join(m.group("label").split()), m.group("title").strip()


MAX_CAPTION = 200  # characters: a longer paragraph that opens with "Tabell 3.1" is running text


def is_caption_paragraph(text: str) -> bool:
    """A paragraph of its own that is a caption (a reader whose source marks no caption: Markdown's bold
    line, HTML's paragraph): it names a table or figure ("Tabell 3.1 Bevilgninger …"); "Tabell 3.1 viser
    …" is a sentence."""
    found = caption(text)
    if found is None or len(text) > MAX_CAPTION:
        return False
    title = found[1]
    return not title or title[0].isupper() or title[0].isdigit()
