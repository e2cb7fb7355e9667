"""indikatorer: the nøkkeltall, styringsparametere and vurderingskriterier a tildelingsbrev asks for.

Two layouts are read:
- goals printed as "Mål 4: <text>" followed by list headings "Vurderingskriterier:" / "Nøkkeltall:";
- goals printed as numbered sections "3.4. <text>" with numbered list headings "3.4.1. Styringsparametere".
A list that stands outside any goal is introduced by a sentence that names one item type and ends
with ":" ("De utvalgte nøkkeltallene er:"); its items get maal_nr null.

Items start with a marker (-, –, •, i./ii., a./b., o). The first item's marker family is the list's
own; a different family under an item is a sub-item (underpunkter). Wrapped lines (also across a
blank line) are joined with `join_lines`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document
from hdir_extract.models import Indikator, Record
from hdir_extract.parsing.text import join_lines

_TYPE_WORDS = (
    ("vurderingskriterium", r"vurderingskriteri\w*"),
    ("styringsparameter", r"styringsparamet\w*"),
    ("nokkeltall", r"nøkkeltall\w*"),
)
_LIST_HEADING = regex.compile(
    r"^\s*(?P<num>\d+(?:\.\d+)+\.?\s+)?(?P<word>Vurderingskriteri(?:er|um|ene|et)|"
    r"Styringsparametere?|Styringsparameterne|Nøkkeltall(?:ene)?)\s*:?\s*$",
    regex.IGNORECASE,
)
_MAAL = regex.compile(r"^\s*Mål\s+(?P<nr>\d{1,2})\s*:\s*(?P<tekst>.*\S)?\s*$")
# numbered heading "2.1 Folkehelse", "3.4. Pasienter og ...", "4.2 Virksomhetsrapportering"
_HEADING = regex.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>\p{Lu}.*?)\s*$")
_NUMBERED_ITEM = regex.compile(r"^\s*(?P<nr>\d{1,2})\.\s+(?P<tekst>\p{Lu}.*?)\s*$")
_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)"
_MARKER = regex.compile(
    rf"^\s*(?:(?P<dash>[-–—])|(?P<bullet>[•▪●■◦·])|(?P<roman>{_ROMAN})\.(?:\s+{_ROMAN}\.)?"
    r"|(?P<letter>[a-h])\.|(?P<o>o))\s+(?P<rest>\S.*)$"
)


@dataclass
class _Item:
    typ: str
    family: str
    lines: list[tuple[int, str]]
    subs: list[list[tuple[int, str]]] = field(default_factory=list)
    maal_nr: int | None = None
    maal: str | None = None
    omraade: str | None = None


def _marker(text: str) -> tuple[str, str] | None:
    m = _MARKER.match(text)
    if not m:
        return None
    family = next(k for k in ("dash", "bullet", "roman", "letter", "o") if m.group(k))
    # "o" is a sub-bullet only when followed by a capitalised word (not the Norwegian word "o")
    if family == "o" and not m.group("rest")[0].isupper():
        return None
    return family, m.group("rest").strip()


def _type_of(word: str) -> str:
    low = word.lower()
    return next(t for t, pat in _TYPE_WORDS if regex.match(pat, low))


def _heading_level(text: str) -> tuple[str, str] | None:
    """A short numbered heading (not a numbered sentence in an assignment)."""
    m = _HEADING.match(text)
    if not m or len(text.strip()) > 100:
        return None
    title = m.group("title")
    if title.endswith((".", ":", ",", ";")):
        return None
    return m.group("num"), title


def _next_nonblank(doc: Document, no: int, limit: int = 4) -> int | None:
    for k in range(no + 1, min(len(doc), no + limit) + 1):
        if doc.text(k).strip():
            return k
    return None


def _wrapped_title(doc: Document, no: int, first: str) -> tuple[str, int]:
    """A heading/goal text continues on following lines that start in lower case."""
    parts, last = [first], no
    while True:
        k = _next_nonblank(doc, last, limit=2)
        if k is None:
            break
        t = doc.text(k).strip()
        if not t or not t[0].islower() or _marker(t):
            break
        parts.append(t)
        last = k
    return join_lines(parts), last


def _goal_numbers(doc: Document) -> dict[str, int]:
    """Numbered goal lists ("1. Folkehelsearbeidet er ...") map goal text to its number."""
    out: dict[str, int] = {}
    for ln in doc.lines:
        m = _NUMBERED_ITEM.match(ln.text)
        if m:
            out.setdefault(_key(m.group("tekst")), int(m.group("nr")))
    return out


def _key(text: str) -> str:
    return regex.sub(r"\W+", "", text.lower())[:40]


# page furniture of a letter: "Side 4", "Side 4 av 12"
_FURNITURE = regex.compile(r"^Side\s+\d{1,3}(?:\s*(?:av|/)\s*\d{1,3})?$", regex.IGNORECASE)


def _sentence_ending_at(doc: Document, no: int) -> str:
    """The line with the lines before it that belong to the same sentence (up to three), so an
    intro sentence re-wrapped as "... De utvalgte nøkkeltallene" / "er:" is still seen whole."""
    parts = [doc.text(no).strip()]
    k = no - 1
    while k >= 1 and len(parts) < 4:
        t = doc.text(k).strip()
        if not t or t.endswith((".", ":", "!", "?")) or _marker(t):
            break
        parts.insert(0, t)
        k -= 1
    return join_lines(parts)


def _intro_type(text: str) -> str | None:
    """A sentence introducing a list of exactly one item type, ending with ':'."""
    t = text.strip()
    if not t.endswith(":") or _LIST_HEADING.match(t):
        return None
    found = [typ for typ, pat in _TYPE_WORDS if regex.search(rf"\b{pat}", t.lower())]
    return found[0] if len(found) == 1 else None


def _numbered_goal_heading(doc: Document, no: int) -> bool:
    """'3.4. <goal>' is a goal when a numbered list heading '3.4.N. Nøkkeltall' follows it."""
    h = _heading_level(doc.text(no))
    if not h or "." not in h[0]:
        return False
    prefix = h[0] + "."
    for k in range(no + 1, min(len(doc), no + 25) + 1):
        t = doc.text(k)
        m = _LIST_HEADING.match(t)
        if m and m.group("num") and m.group("num").strip().startswith(prefix):
            return True
        hk = _heading_level(t)
        if hk and not hk[0].startswith(prefix) and not m:
            return False
    return False


def extract(doc: Document) -> list[Record]:
    goal_numbers = _goal_numbers(doc)
    items: list[_Item] = []
    omraade: str | None = None
    maal_nr: int | None = None
    maal: str | None = None
    cur_type: str | None = None  # type of the open list
    cur: _Item | None = None
    blank_before = False
    skip_until = 0

    def close() -> None:
        nonlocal cur
        if cur is not None:
            items.append(cur)
        cur = None

    for ln in doc.lines:
        no, text = ln.no, ln.text
        if no <= skip_until:
            continue
        stripped = text.strip()
        if not stripped:
            blank_before = True
            continue
        if _FURNITURE.match(stripped):
            continue  # a page break inside a list: the item goes on after it
        lh = _LIST_HEADING.match(text)
        if lh:
            close()
            cur_type = _type_of(lh.group("word"))
            blank_before = False
            continue
        mg = _MAAL.match(text)
        if mg:
            close()
            cur_type = None
            maal_nr = int(mg.group("nr"))
            maal, skip_until = _wrapped_title(doc, no, mg.group("tekst") or "")
            blank_before = False
            continue
        h = _heading_level(text)
        if h and not _marker(text):
            close()
            cur_type = None
            if _numbered_goal_heading(doc, no):
                maal, skip_until = _wrapped_title(doc, no, h[1])
                # the goal's number is its place in the letter's numbered goal list; the last
                # component of the section number where the list is not printed
                maal_nr = goal_numbers.get(_key(maal), int(h[0].split(".")[-1]))
                omraade = None
            else:
                maal_nr, maal = None, None
                if h[0].count(".") == 1:
                    omraade = h[1]
                elif "." not in h[0]:
                    omraade = None
            blank_before = False
            continue
        mk = _marker(text)
        if cur_type is None:
            intro = _intro_type(_sentence_ending_at(doc, no))
            if intro:
                close()
                cur_type = intro
            blank_before = False
            continue
        if mk:
            family, rest = mk
            if cur is not None and family != cur.family:
                cur.subs.append([(no, rest)])
            elif cur is None or family == cur.family:
                close()
                cur = _Item(cur_type, family, [(no, rest)], maal_nr=maal_nr, maal=maal, omraade=omraade)
            blank_before = False
            continue
        # a line without a marker: continuation of the open item, or the end of the list
        # lower case continues the item (also after "inkl."); an upper-case line continues it only
        # when directly below an item line that does not end a sentence
        lower = stripped[0].islower() or _open_end(cur)
        if cur is not None and (lower or (not blank_before and not _ends_sentence(cur))):
            target = cur.subs[-1] if cur.subs else cur.lines
            target.append((no, stripped))
        else:
            close()
            # a short stray line (a name, a page number) does not end the list; prose does
            if len(stripped) > 40:
                cur_type = None
        blank_before = False
    close()
    return [_record(doc, it) for it in items]


_OPEN_END = regex.compile(r"(?:\b(?:og|eller|i|til|for|av|med|om|på|fra|som|mot|ved)|[,(/-])\s*$")


def _open_end(item: _Item | None) -> bool:
    """The item's last line cannot end the item: it ends in a conjunction, preposition or comma."""
    if item is None:
        return False
    last = (item.subs[-1] if item.subs else item.lines)[-1][1]
    return bool(_OPEN_END.search(last))


def _ends_sentence(item: _Item) -> bool:
    last = (item.subs[-1] if item.subs else item.lines)[-1][1]
    return last.rstrip().endswith((".", ":"))


def _record(doc: Document, it: _Item) -> Indikator:
    first = it.lines[0][0]
    last = (it.subs[-1] if it.subs else it.lines)[-1][0]
    return Indikator(
        dok_id=doc.dok_id,
        linje=first,
        indikator_id=f"{doc.dok_id}:{first}",
        omraade=it.omraade,
        maal_nr=it.maal_nr,
        maal=it.maal,
        type=it.typ,  # type: ignore[arg-type]
        tekst=join_lines([t for _, t in it.lines]),
        underpunkter=[join_lines([t for _, t in sub]) for sub in it.subs],
        linje_slutt=last,
    )
