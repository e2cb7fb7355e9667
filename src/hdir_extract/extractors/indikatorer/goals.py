"""The parts of a tildelingsbrev's goal lists: list headings, goals, numbered headings, item markers."""

from __future__ import annotations

import regex

from hdir_extract.document import Kind
from hdir_extract.extractors.nokkeltall.printed import Printed
from hdir_extract.parsing.text import join_lines

_TYPE_WORDS = (
    ("vurderingskriterium", r"vurderingskriteri\w*"),
    ("styringsparameter", r"styringsparamet\w*"),
    ("nokkeltall", r"nøkkeltall\w*"),
)
LIST_HEADING = regex.compile(
    r"^\s*(?P<num>\d+(?:\.\d+)+\.?\s+)?(?P<word>Vurderingskriteri(?:er|um|ene|et)|"
    r"Styringsparametere?|Styringsparameterne|Nøkkeltall(?:ene)?)\s*:?\s*$",
    regex.IGNORECASE,
)
MAAL = regex.compile(r"^\s*Mål\s+(?P<nr>\d{1,2})\s*:\s*(?P<tekst>.*\S)?\s*$")
# numbered heading "2.1 Folkehelse", "3.4. Pasienter og ...", "4.2 Virksomhetsrapportering"
_HEADING = regex.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>\p{Lu}.*?)\s*$")
_NUMBERED_ITEM = regex.compile(r"^\s*(?P<nr>\d{1,2})\.\s+(?P<tekst>\p{Lu}.*?)\s*$")
_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)"
# a marker printed at the start of a line inside a block (where the layer saw no list item)
_MARKER = regex.compile(
    rf"^\s*(?:(?P<dash>[-–—])|(?P<bullet>[•▪●■◦·])|(?P<roman>{_ROMAN})\.(?:\s+{_ROMAN}\.)?"
    r"|(?P<letter>[a-h])\.|(?P<o>o))\s+(?P<rest>\S.*)$"
)
_FAMILY_OF_MARKER = (
    ("dash", regex.compile(r"[-–—]")),
    ("bullet", regex.compile(r"[•▪●■◦·*]")),
    ("roman", regex.compile(rf"\(?{_ROMAN}[.)]")),
    ("letter", regex.compile(r"\(?[a-h][.)]")),
    ("o", regex.compile(r"o")),
)
GOAL_LOOKAHEAD = 25  # printed lines after a numbered heading where its list headings stand


def printed_text(p: Printed) -> str:
    """The line as printed: a list item's first line with its marker ("1. Folkehelsearbeidet …")."""
    return f"{p.marker} {p.text}" if p.marker else p.text


def marker_of(p: Printed) -> tuple[str, str] | None:
    """(marker family, the item's text) of a line that starts a list item; None for a numbered item
    ("1. …" is a numbered heading or a goal in these letters) and for plain lines."""
    if p.marker:
        family = next((f for f, pat in _FAMILY_OF_MARKER if pat.fullmatch(p.marker)), None)
        # "o" is a sub-bullet only when followed by a capitalised word (not the Norwegian word "o")
        if family is None or (family == "o" and not p.text[:1].isupper()):
            return None
        # a number typed after the list's own ("ii. ii. I hvilken grad …"): one marker
        again = _MARKER.match(p.text)
        if again and again.group(family):
            return family, again.group("rest").strip()
        return family, p.text.strip()
    m = _MARKER.match(p.text)
    if not m:
        return None
    family = next(k for k in ("dash", "bullet", "roman", "letter", "o") if m.group(k))
    if family == "o" and not m.group("rest")[0].isupper():
        return None
    return family, m.group("rest").strip()


def type_of(word: str) -> str:
    low = word.lower()
    return next(t for t, pat in _TYPE_WORDS if regex.match(pat, low))


def heading_level(text: str, heading: bool = False) -> tuple[str, str] | None:
    """A short numbered heading (not a numbered sentence in an assignment): (number, title). `heading`:
    the reading layer made the line a heading block, whose title may be long where a converter joined
    its wrapped lines ("## 3.10. Digitalisering er en integrert del av … ressurseffektivitet")."""
    m = _HEADING.match(text)
    if not m or len(text.strip()) > (MAX_HEADING_BLOCK if heading else MAX_HEADING_LINE):
        return None
    title = m.group("title")
    if title.endswith((".", ":", ",", ";")):
        return None
    return m.group("num"), title


#: a numbered heading printed on one line is short; one the reading layer read whole may be longer
MAX_HEADING_LINE = 100
MAX_HEADING_BLOCK = 250


def key(text: str) -> str:
    return regex.sub(r"\W+", "", text.lower())[:40]


def goal_numbers(lines: list[Printed]) -> dict[str, int]:
    """Numbered goal lists ("1. Folkehelsearbeidet er ...") map goal text to its number."""
    out: dict[str, int] = {}
    for p in lines:
        m = _NUMBERED_ITEM.match(printed_text(p))
        if m:
            out.setdefault(key(m.group("tekst")), int(m.group("nr")))
    return out


def wrapped_title(lines: list[Printed], k: int, first: str) -> tuple[str, int]:
    """A heading's or goal's text goes on over the following lines that start in lower case."""
    parts, last = [first], k
    while last + 1 < len(lines):
        nxt = lines[last + 1]
        t = nxt.text.strip()
        if not t or not t[0].islower() or marker_of(nxt) or nxt.marker:
            break
        parts.append(t)
        last += 1
    return join_lines(parts), last


def intro_type(text: str) -> str | None:
    """A sentence introducing a list of exactly one item type, ending with ':'."""
    t = text.strip()
    if not t.endswith(":") or LIST_HEADING.match(t):
        return None
    found = [typ for typ, pat in _TYPE_WORDS if regex.search(rf"\b{pat}", t.lower())]
    return found[0] if len(found) == 1 else None


def numbered_goal_heading(lines: list[Printed], k: int) -> bool:
    """'3.4. <goal>' is a goal when a numbered list heading '3.4.N. Nøkkeltall' follows it."""
    h = heading_level(printed_text(lines[k]), lines[k].kind is Kind.HEADING)
    if not h or "." not in h[0]:
        return False
    prefix = h[0] + "."
    for p in lines[k + 1 : k + 1 + GOAL_LOOKAHEAD]:
        t = printed_text(p)
        m = LIST_HEADING.match(t)
        if m and m.group("num") and m.group("num").strip().startswith(prefix):
            return True
        hk = heading_level(t)
        if hk and not hk[0].startswith(prefix) and not m:
            return False
    return False
