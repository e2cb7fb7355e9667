"""indikatorer: the nøkkeltall, styringsparametere and vurderingskriterier a tildelingsbrev asks for.

Two layouts are read:
- goals printed as "Mål 4: <text>" followed by list headings "Vurderingskriterier:" / "Nøkkeltall:";
- goals printed as numbered sections "3.4. <text>" with numbered list headings "3.4.1. Styringsparametere".
A list that stands outside any goal is introduced by a sentence that names one item type and ends
with ":" ("De utvalgte nøkkeltallene er:"); its items get maal_nr null.

The letter is read printed line by printed line through its blocks (`printed.py`): a new block is a
paragraph break, a list item brings its marker (-, –, •, i./ii., a./b., o) and its nesting. The first
item's marker family is the list's own; a different family, or a deeper nesting, under an item is a
sub-item (underpunkter). A marker a text layer left inside a paragraph is read from the line itself.
Wrapped lines are joined with `join_lines`; a line goes on with the open item when it starts in lower
case, follows an open end ("og", ","), or stands in the item's own block without a sentence ending
before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.indikatorer.goals import (
    LIST_HEADING,
    MAAL,
    goal_numbers,
    heading_level,
    intro_type,
    key,
    marker_of,
    numbered_goal_heading,
    printed_text,
    type_of,
    wrapped_title,
)
from hdir_extract.extractors.nokkeltall.printed import Printed, printed_lines, with_line_blocks
from hdir_extract.models import Indikator, Record
from hdir_extract.parsing.text import join_lines


@dataclass
class _Item:
    typ: str
    family: str
    depth: int
    lines: list[tuple[int, str]]
    subs: list[list[tuple[int, str]]] = field(default_factory=list)
    maal_nr: int | None = None
    maal: str | None = None
    omraade: str | None = None


@dataclass
class _State:
    """Where the reader stands: the area, the goal and the open list."""

    omraade: str | None = None
    maal_nr: int | None = None
    maal: str | None = None
    cur_type: str | None = None  # type of the open list
    cur: _Item | None = None
    items: list[_Item] = field(default_factory=list)

    def close(self) -> None:
        if self.cur is not None:
            self.items.append(self.cur)
        self.cur = None


def extract(doc: Document) -> list[Record]:
    lines = printed_lines(with_line_blocks(doc))
    numbers = goal_numbers(lines)
    st = _State()
    k = 0
    while k < len(lines):
        k = _step(lines, k, st, numbers)
    st.close()
    return [_record(doc, it) for it in st.items]


def _step(lines: list[Printed], k: int, st: _State, numbers: dict[str, int]) -> int:
    """Read line `k`; returns the index of the next line to read."""
    p = lines[k]
    text = printed_text(p)
    lh = LIST_HEADING.match(text)
    if lh:
        st.close()
        st.cur_type = type_of(lh.group("word"))
        return k + 1
    mg = MAAL.match(text)
    if mg:
        st.close()
        st.cur_type = None
        st.maal_nr = int(mg.group("nr"))
        st.maal, last = wrapped_title(lines, k, mg.group("tekst") or "")
        return last + 1
    mk = marker_of(p)
    h = heading_level(text, p.kind is Kind.HEADING)
    if h and not mk:
        st.close()
        st.cur_type = None
        if numbered_goal_heading(lines, k):
            st.maal, last = wrapped_title(lines, k, h[1])
            # the goal's number is its place in the letter's numbered goal list; the last component
            # of the section number where the list is not printed
            st.maal_nr = numbers.get(key(st.maal), int(h[0].split(".")[-1]))
            st.omraade = None
            return last + 1
        st.maal_nr, st.maal = None, None
        if h[0].count(".") == 1:
            st.omraade = h[1]
        elif "." not in h[0]:
            st.omraade = None
        return k + 1
    if st.cur_type is None:
        intro = intro_type(_sentence_ending_at(lines, k))
        if intro:
            st.close()
            st.cur_type = intro
        return k + 1
    if mk:
        _item_line(p, mk, st)
    else:
        _plain_line(p, st)
    return k + 1


def _item_line(p: Printed, mk: tuple[str, str], st: _State) -> None:
    family, rest = mk
    cur = st.cur
    # a marker of another family, or a list nested deeper, under an open item is its sub-item
    if cur is not None and (family != cur.family or (p.marker is not None and p.depth > cur.depth)):
        cur.subs.append([(p.line, rest)])
        return
    st.close()
    assert st.cur_type is not None
    item = _Item(st.cur_type, family, p.depth, [(p.line, rest)])
    item.maal_nr, item.maal, item.omraade = st.maal_nr, st.maal, st.omraade
    st.cur = item


def _plain_line(p: Printed, st: _State) -> None:
    """A line without a marker: it goes on with the open item, or ends the list."""
    text = p.text.strip()
    cur = st.cur
    # lower case continues the item (also after "inkl."); an upper-case line continues it only inside
    # the item's own block, below a line that does not end a sentence
    lower = text[0].islower() or _open_end(cur)
    if cur is not None and (lower or (not p.first and not _ends_sentence(cur))):
        (cur.subs[-1] if cur.subs else cur.lines).append((p.line, text))
        return
    st.close()
    # a short stray line (a name, a page number) does not end the list; prose does
    if len(text) > 40:
        st.cur_type = None


def _sentence_ending_at(lines: list[Printed], k: int) -> str:
    """The line with the lines of its block before it that belong to the same sentence (up to three),
    so an intro sentence wrapped as "... De utvalgte nøkkeltallene" / "er:" is seen whole."""
    parts = [lines[k].text.strip()]
    j = k - 1
    while j >= 0 and not lines[j + 1].first and len(parts) < 4:
        t = lines[j].text.strip()
        if t.endswith((".", ":", "!", "?")) or marker_of(lines[j]):
            break
        parts.insert(0, t)
        j -= 1
    return join_lines(parts)


_OPEN_END = regex.compile(r"(?:\b(?:og|eller|i|til|for|av|med|om|på|fra|som|mot|ved)|[,(/-])\s*$")


def _last_text(item: _Item) -> str:
    return (item.subs[-1] if item.subs else item.lines)[-1][1]


def _open_end(item: _Item | None) -> bool:
    """The item's last line cannot end the item: it ends in a conjunction, preposition or comma."""
    return item is not None and bool(_OPEN_END.search(_last_text(item)))


def _ends_sentence(item: _Item) -> bool:
    return _last_text(item).rstrip().endswith((".", ":"))


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
