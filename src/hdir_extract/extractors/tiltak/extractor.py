"""tiltak: the government's commitments ("Regjeringen vil:") from white papers (Meld. St.).

What counts (issue 11):
- every marked item ("–", "•") of every box titled "… Regjeringen vil", whatever its lead-in groups
  ("Regjeringen vil … gjennom å:", a chapter goal, or none); `nr` runs on across the groups and across
  the box's "Boks N.M forts." continuations, even when running text stands between them;
- a marked list outside those boxes whose lead-in sentence ends in "regjeringen vil:";
- a marked list introduced by another colon sentence with "regjeringen vil" / "vil regjeringen" as
  subject and verb: borderline (`grensetilfelle`), unless the sentence announces goals or results.
Not tiltak: the phrase in running prose, lists with another subject ("Helse Sør-Øst vil prioritere:"),
lists of goals. The same rule runs on every document type, so Prop. 1 S look-alikes give nothing.

Layout facts this relies on (text from a two-column PDF), and what replaces each where another text
layer lacks it:
- a box ends at structural cues only, never at a page change (white-paper PDFs break boxes over pages
  and columns, with or without "Boks N.M forts."): a heading, the next box title, an upper-case
  paragraph that is not a lead-in after an item that ended, the running text resuming after the box
  (a long lower-case paragraph, or the rest of the sentence the box interrupted). An item runs on over a
  page break when the next line goes on with it (lower case, or after a hyphen or a function word);
- items are broken over lines with blank lines inside them (column breaks), so a blank line alone never
  ends an item; without blank lines, an upper-case line after a line that could end starts a paragraph,
  and a paragraph ending in ":" or in a function word ("… gjennom å") is a lead-in;
- page furniture (running heads, "Side N", page numbers) is dropped before reading, wherever it stands,
  and a double-spaced layer (a blank line after every line) is read as the usual one;
- chapter headings are found by the document's order (chapter N before the first section N.x), not by
  their spacing, which footnotes share in PDF input.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from hdir_extract.document import Document, Line
from hdir_extract.models import Record, Tiltak
from hdir_extract.parsing.text import join_lines

_MARKER = regex.compile(r"^\s*[–—•▪\-]\s+(?=\S)")
# a box title starts with a capital ("Boks 4.1 Regjeringen vil"); "Boks 10.2 illustrerer …" is prose
_BOX_TITLE = regex.compile(r"^\s*Boks\s+(\d{1,2}\.\d{1,2})\s+([\p{Lu}\d«].*)$")
_BOX_FORTS = regex.compile(r"^\s*Boks\s+(\d{1,2}\.\d{1,2})\s+forts\.?\s*$", regex.IGNORECASE)
_CHAPTER = regex.compile(r"^\s*(\d{1,2})(\s+)(\p{Lu}.*)$")
_SECTION_OR_BOX = regex.compile(r"^\s*(?:Boks\s+)?(\d{1,2})\.\d{1,2}(?:\.\d{1,2}){0,2}\s+\p{Lu}")
_SECTION = regex.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\s+(\p{Lu}.*)$")
_FIGURE = regex.compile(r"^\s*(?:Figur|Tabell)\s+\d{1,2}\.\d{1,2}\b")
_SUBJECT_VERB = regex.compile(r"\bregjeringen\s+vil\b|\bvil\s+regjeringen\b")
_LITERAL = regex.compile(r"\bregjeringen\s+vil\s*:\s*$")
# A colon sentence that announces goals or results lists goals, not commitments (issue 11).
_GOALS = regex.compile(
    r"\bfølgende\s+(?:\w+\s+)?(?:mål|målsettinger|resultater|resultatmål)\b|\bmål(?:ene)?\s*(?:er)?\s*:\s*$"
)
_SENTENCE_SPLIT = regex.compile(r"(?<=[.!?])\s+(?=[\p{Lu}«\d])")
# page furniture: "Side 3", "12", and running heads with the page number at one end
_PAGE_NO = regex.compile(r"^\s*(?:Side\s+)?\d{1,3}(?:\s+av\s+\d{1,3})?\s*$", regex.IGNORECASE)
_HEAD_NUMBER = regex.compile(r"^(?:(?P<a>.+?)\s+\d{1,3}|\d{1,3}\s+(?P<b>.+?))$")
_MAX_HEAD_LEN = 50
_MIN_HEAD_REPEAT = 3
_MIN_DOUBLE_SPACED = 50  # text lines: enough to tell a double-spaced layer from a short note
# Words a Norwegian sentence or phrase does not end with: a line ending in one goes on (an item's
# continuation), and a lead-in ending in one is completed by the items ("… gjennom å", "… gjennom").
_FUNCTION_WORDS = frozenset(
    {
        *("å", "og", "eller", "i", "for", "av", "til", "med", "om", "på", "fra", "gjennom", "ved", "mot"),
        *("som", "at", "en", "et", "ei", "den", "det", "de", "der", "samt", "under", "etter", "innen"),
        *("innenfor", "blant", "mellom", "hos", "uten", "over", "vil", "skal", "kan", "må", "bør", "både"),
        *("enten", "hvor", "når", "hvis", "fordi", "dersom", "slik"),
    }
)
_MAX_ITEM_TAIL = 10  # lines of one item after a column break inside a box
_SENTENCE_END = regex.compile(r"[.!?](?:\s+[\p{Lu}\d«]|\s*$)")
_MAX_FIGURE_SKIP = 300  # lines: a figure or table spread interrupting a list


@dataclass
class _Item:
    first: int
    lines: list[int] = field(default_factory=list)


@dataclass
class _Scan:
    items: list[_Item]
    stop: int  # first line not consumed


def _text(doc: Document, no: int) -> str:
    return doc.text(no)


def _is_marker(doc: Document, no: int) -> bool:
    return bool(_MARKER.match(_text(doc, no)))


def _page_break(doc: Document, no: int) -> bool:
    """First line of a new page: leading whitespace in the .txt rendering, or a page change (PDF).

    Used only as a paragraph start for headings and box titles (a page top needs no blank line above);
    never as the end of a box, an item or a paragraph."""
    if no <= 1 or _is_marker(doc, no):
        return False  # bullet lines are indented too; a marker never ends a list by itself
    t = _text(doc, no)
    if t[:1].isspace() and t.strip():
        return True
    prev = no - 1
    while prev > 1 and not _text(doc, prev).strip():
        prev -= 1
    p_now, p_prev = doc.page(no), doc.page(prev)
    return p_now is not None and p_prev is not None and p_now != p_prev


def _item_body(text: str) -> str:
    return _MARKER.sub("", text, count=1)


def _starts_lower(text: str) -> bool:
    s = text.strip()
    return bool(s) and (s[0].islower() or s[0].isdigit() or s[0] in "(«")


def _first_letter_upper(text: str) -> bool | None:
    m = regex.search(r"\p{L}", _item_body(text))
    return None if m is None else m.group(0).isupper()


def _last_word(text: str) -> str:
    words = regex.findall(r"[\p{L}\p{N}]+[-\u2010]?|[.!?:;,]$", text.rstrip())
    return words[-1].casefold() if words else ""


def _open_end(text: str) -> bool:
    """The line stops where the sentence cannot stop: a hyphen or a function word ("… for", "… i")."""
    last = _last_word(text)
    return last.endswith(("-", "\u2010")) or last in _FUNCTION_WORDS


def _new_paragraph(doc: Document, no: int) -> bool:
    """Line `no` starts a new paragraph even where no blank line says so (a text layer without blank
    lines): it starts with a capital and the line above ends a sentence or a phrase (not a hyphen or a
    function word). "… kompetansenettverket" / "InnoMed fra 2024 …" is a false positive the callers
    absorb: such a line is followed by the rest of the item, not by a lead-in or running text."""
    t = _text(doc, no).strip()
    if not t or not t[0].isupper() or no <= 1:
        return False
    prev = _text(doc, no - 1).strip()
    return bool(prev) and not _open_end(prev)


def _chapter_lines(doc: Document) -> set[int]:
    """Lines of chapter headings ("3  En helse- og omsorgstjeneste …").

    Footnotes look the same ("3 Statistisk sentralbyrå (2017) …") and restart their numbers in every
    chapter, and blank lines and spacing differ between text layers, so the heading of chapter N is
    found by the order of the document instead: it stands after chapter N-1's heading and before the
    first section or box numbered N.x; of the candidates there, the last one, preferring one with two
    spaces after its number (how this text layer prints headings; footnotes have one). One missing
    heading must not lose the rest, so chapter N+2 is looked for when N has no heading.
    """
    texts = doc.texts
    sections: list[tuple[int, int]] = []  # (line, chapter number of a section or box)
    candidates: dict[int, list[tuple[int, bool]]] = {}  # chapter -> [(line, two spaces)]
    for no, t in enumerate(texts, start=1):
        m = _SECTION_OR_BOX.match(t)
        if m:
            sections.append((no, int(m.group(1))))
            continue
        m = _CHAPTER.match(t)
        if m and _head_text(m.group(3)):
            candidates.setdefault(int(m.group(1)), []).append((no, len(m.group(2)) >= 2))
    found: set[int] = set()
    current, after = 0, 0
    while True:
        for nxt in (current + 1, current + 2):
            limit = next((ln for ln, ch in sections if ln > after and ch >= nxt), len(texts) + 1)
            cands = [(ln, two) for ln, two in candidates.get(nxt, []) if after < ln < limit]
            if cands:
                strong = [ln for ln, two in cands if two]
                after = strong[-1] if strong else cands[-1][0]
                found.add(after)
                current = nxt
                break
        else:
            return found


def _head_text(text: str) -> bool:
    """A heading is a title, not a sentence: short, and not ending in a full stop."""
    return len(text.strip()) <= 120 and not text.rstrip().endswith(".")


class _Headings:
    """Chapter and section headings, found once per document (numbers must run in order)."""

    def __init__(self, doc: Document) -> None:
        self.chapters: dict[int, str] = {}
        self.chapter_at: list[tuple[int, int]] = []  # (line, chapter number)
        self.section_at: list[tuple[int, str]] = []  # (line, "2.3.5 Title")
        self.heading_lines: set[int] = set()
        self.box_titles: set[int] = set()
        seen_boxes: set[str] = set()
        chapter_lines = _chapter_lines(doc)
        current = 0
        last_section: tuple[int, ...] = ()
        n = len(doc)
        for no in range(1, n + 1):
            t = _text(doc, no)
            prev_blank = no == 1 or not _text(doc, no - 1).strip() or _page_break(doc, no)
            m = _BOX_TITLE.match(t)
            # a box title stands after a blank line or at a page top; a layer without blank lines runs it
            # on from the text above, so there the first line naming a box with a capital title counts
            if m and not _BOX_FORTS.match(t) and (prev_blank or m.group(1) not in seen_boxes):
                seen_boxes.add(m.group(1))
                self.box_titles.add(no)
                continue
            if no in chapter_lines:
                m = _CHAPTER.match(t)
                current = int(m.group(1))
                self.chapters[current] = self._title(doc, no, m.group(3))
                self.chapter_at.append((no, current))
                self.heading_lines.add(no)
                continue
            m = _SECTION.match(t)
            if not (m and current and int(m.group(1).split(".")[0]) == current):
                continue
            number = tuple(int(x) for x in m.group(1).split("."))
            # a heading stands after a blank line; where the text lost the blank line (re-flowed text,
            # a box just before it) the number must at least come after the previous section's
            if prev_blank or number > last_section:
                last_section = number
                self.section_at.append((no, f"{m.group(1)} {self._title(doc, no, m.group(2))}"))
                self.heading_lines.add(no)

    @staticmethod
    def _title(doc: Document, no: int, first: str) -> str:
        # A wrapped heading goes on with a lower-case line ("… helse- og" / "omsorgstjenesten").
        parts = [first.strip()]
        for nxt_no in range(no + 1, no + 3):
            nxt = _text(doc, nxt_no)
            if not (nxt.strip() and _starts_lower(nxt)):
                break
            parts.append(nxt.strip())
        return join_lines(parts)

    def chapter_of(self, no: int) -> int | None:
        found = None
        for line, ch in self.chapter_at:
            if line > no:
                break
            found = ch
        return found

    def section_of(self, no: int) -> str | None:
        """Nearest numbered heading above `no` (section, else the chapter itself)."""
        ch_line, ch = next(((ln, c) for ln, c in reversed(self.chapter_at) if ln <= no), (0, None))
        sec = next((s for ln, s in reversed(self.section_at) if ch_line <= ln <= no), None)
        if sec:
            return sec
        return f"{ch} {self.chapters[ch]}" if ch is not None else None

    def kapittel(self, number: int | None) -> str | None:
        if number is None:
            return None
        title = self.chapters.get(number)
        return f"{number} {title}" if title else str(number)


def _paragraph_end(doc: Document, no: int) -> int:
    """Last line of the paragraph starting at `no` (stops before blanks, markers and a line that starts
    a new paragraph; a page break does not: paragraphs run over pages)."""
    end = no
    while end + 1 <= len(doc):
        t = _text(doc, end + 1)
        if not t.strip() or _is_marker(doc, end + 1) or _new_paragraph(doc, end + 1):
            break
        end += 1
    return end


def _next_nonblank(doc: Document, no: int) -> int | None:
    while no <= len(doc):
        if _text(doc, no).strip():
            return no
        no += 1
    return None


def _is_heading(doc: Document, no: int, heads: _Headings) -> bool:
    if no in heads.heading_lines:
        return True
    return no in heads.box_titles


def _scan(
    doc: Document,
    start: int,
    heads: _Headings,
    *,
    box: str | None,
    sibling_upper: bool | None = None,
    resumes: bool = False,
) -> _Scan:
    """Read marked items from line `start`.

    box: the id of a "Regjeringen vil" box being read; inside it, lead-in paragraphs start new groups
    (a page break never ends the box). Outside (box None) the list ends at the first paragraph that is not
    part of an item. sibling_upper: for a sub-list under a marked lead-in item, the case of the
    parent's first letter; an item of that case is the parent's sibling and ends the sub-list.
    resumes: the box interrupted a sentence of the running text, which goes on after the box.
    """
    items: list[_Item] = []
    cur: _Item | None = None
    blank_before = False
    no = start
    n = len(doc)
    sub_case: bool | None = None
    while no <= n:
        t = _text(doc, no)
        if not t.strip():
            blank_before = True
            no += 1
            continue
        forts = _BOX_FORTS.match(t)
        if forts:
            if box is not None and forts.group(1) == box:
                no += 1  # the box goes on over the page
                continue
            break
        if _is_marker(doc, no):
            case = _first_letter_upper(t)
            if sibling_upper is not None:
                if sub_case is None:
                    sub_case = case
                # a sub-list is told apart from its parent list only by the case of the first letter
                if sub_case != sibling_upper and case == sibling_upper:
                    break
            cur = _Item(first=no, lines=[no])
            items.append(cur)
            blank_before = False
            no += 1
            continue
        if _is_heading(doc, no, heads):
            break
        open_item = cur is not None and _open_end(_text(doc, cur.lines[-1]))
        if box is None and _FIGURE.match(t) and cur is not None:
            resume = _skip_figure(doc, no, heads)
            if resume is None:
                break
            no = resume
            blank_before = True
            continue
        if box is not None and blank_before and _starts_lower(t) and not open_item and _running_text(doc, no):
            break  # the page's running text resumed after the box (mid-sentence, lower case)
        # a page change is no cue here: an item runs on over a page break when the next line goes on with
        # it (lower case, or after a hyphen or a function word), and a box runs on until a heading, the
        # next box, a lead-in or running text tells it has ended
        fresh = blank_before or _new_paragraph(doc, no)
        if cur is not None and (not fresh or open_item or _starts_lower(t) or _ends_hyphen(doc, cur)):
            cur.lines.append(no)
            blank_before = False
            no += 1
            if resumes and len(cur.lines) > _MAX_ITEM_TAIL:
                cut = _resumption(doc, cur)
                if cut is not None:
                    cur.lines = [i for i in cur.lines if i < cut]
                    return _Scan(items=items, stop=cut)
            continue
        # an upper-case paragraph after a blank line (or before the first item)
        end = _paragraph_end(doc, no)
        para = join_lines([_text(doc, i) for i in range(no, end + 1)])
        directly = end + 1 <= n and _is_marker(doc, end + 1)
        after = _next_nonblank(doc, end + 1)
        marker_after = after is not None and _is_marker(doc, after)
        # a lead-in ends in a colon or in a word the items complete ("… gjennom å"); in a layer with blank
        # lines, an upper-case paragraph right above a marker is one too
        lead_in = para.endswith(":") or (marker_after and _last_word(para) in _FUNCTION_WORDS)
        if lead_in or (directly and blank_before) or (cur is None and marker_after):
            if box is None and cur is not None:
                break  # another lead-in: another list
            if box is None and cur is None:
                break
            cur = None  # a lead-in group of the box ("Regjeringen vil … gjennom å:")
            no = end + 1
            blank_before = False
            continue
        if cur is not None and marker_after and after - no <= _MAX_ITEM_TAIL:
            # an item's own second paragraph ("… Tvangslovutvalget." / "Det er sentralt …")
            cur.lines.extend(range(no, end + 1))
            no = end + 1
            continue
        break
    return _Scan(items=items, stop=no)


def _resumption(doc: Document, item: _Item) -> int | None:
    """Where the interrupted running text resumes inside an item grown too long (no page cue).

    The running text goes on with the rest of the sentence the box interrupted, so it starts in lower
    case (or a digit) after an item line that could end ("… pårørende og helsepersonell" / "helse- og
    omsorgstjenester gjennom veiledning"), and that rest of a sentence ends soon. Of such places, the
    last one before the first sentence end after the item's first line is taken: an item line ending
    with a word like "loven" followed by "mer tilgjengelig …" is inside the item.
    """
    lines = item.lines
    first_end = next(
        (k for k in range(1, len(lines)) if _SENTENCE_END.search(_text(doc, lines[k]))), len(lines) - 1
    )
    cut = None
    for k in range(1, min(first_end + 1, len(lines) - 1) + 1):
        t, prev = _text(doc, lines[k]).strip(), _text(doc, lines[k - 1])
        starts_open = _first_word(t) in _FUNCTION_WORDS  # "og informasjon." goes on
        if _starts_lower(t) and not _open_end(prev) and not starts_open:
            cut = lines[k]
    return cut


def _first_word(text: str) -> str:
    m = regex.match(r"[\p{L}\p{N}]+", text)
    return m.group(0).casefold() if m else ""


def _running_text(doc: Document, no: int) -> bool:
    """A lower-case paragraph too long to be the rest of one item: running text, not the box."""
    # items in these boxes are at most ~8 printed lines; a column break inside an item leaves less
    return _paragraph_end(doc, no) - no + 1 > _MAX_ITEM_TAIL


def _ends_hyphen(doc: Document, item: _Item) -> bool:
    return bool(regex.search(r"\p{L}-$", _text(doc, item.lines[-1]).rstrip()))


def _skip_figure(doc: Document, no: int, heads: _Headings) -> int | None:
    """Skip a figure/table that interrupts a list; resume where the interrupted item goes on.

    Where the page breaks tells nothing (a figure may fill the rest of a page, or several pages, and the
    item may go on in another column); the item's rest is told from the text: it starts in lower case
    (not with a function word, which the figure's own wrapped lines do: "og oksygenmetning …") after a
    line that could end (the figure's last text), and runs as one paragraph straight to the next marked
    item; a figure's text lines are labels and captions, never followed by a marked item.
    """
    stop = min(len(doc), no + _MAX_FIGURE_SKIP)
    for i in range(no + 1, stop + 1):
        if not (_could_resume(doc, i) and _runs_to_marker(doc, i)):
            continue
        # a layer without blank lines runs the figure's last texts into the item's rest; a lower-case
        # line after a full stop cannot go on a sentence of the same text, so the last such place in
        # that paragraph is where the item resumes ("… igangsette videre behandling." / "Digital
        # hjemmeoppfølging: …" / … / "sykehusinnleggelse." / "sykehus eller legevakt, …")
        j = i
        while _text(doc, j + 1).strip() and not _is_marker(doc, j + 1):
            j += 1
            if _could_resume(doc, j) and regex.search(r"[.!?]\s*$", _text(doc, j - 1)):
                i = j
        return i
    return None


def _could_resume(doc: Document, no: int) -> bool:
    """Line `no` could go on with an interrupted item: lower case, not opening with a function word
    ("og oksygenmetning …" goes on in the figure), after a line that could end."""
    t = _text(doc, no)
    if not (t.strip() and _starts_lower(t)) or _first_word(t.strip()) in _FUNCTION_WORDS:
        return False
    return not _open_end(_text(doc, _prev_nonblank(doc, no)))


def _runs_to_marker(doc: Document, no: int) -> bool:
    """The paragraph from line `no` (at most one item's length, no marker or figure inside) is followed,
    after blank lines only, by a marked item."""
    end = no
    while end + 1 <= len(doc) and _text(doc, end + 1).strip() and not _is_marker(doc, end + 1):
        end += 1
        if end - no >= _MAX_ITEM_TAIL or _FIGURE.match(_text(doc, end)):
            return False
    after = _next_nonblank(doc, end + 1)
    return after is not None and _is_marker(doc, after)


def _prev_nonblank(doc: Document, no: int) -> int:
    no -= 1
    while no > 1 and not _text(doc, no).strip():
        no -= 1
    return no


def _box_spans(doc: Document, heads: _Headings) -> list[tuple[int, str, str]]:
    """Box titles and continuations: (line, box id, title or 'forts.')."""
    spans = []
    for ln in doc.iter():
        m = _BOX_FORTS.match(ln.text)
        if m:
            spans.append((ln.no, m.group(1), "forts."))
            continue
        m = _BOX_TITLE.match(ln.text)
        if m and ln.no in heads.box_titles:  # "Boks 3.9 viser …" is prose (lower case)
            spans.append((ln.no, m.group(1), m.group(2).strip()))
    return spans


def _is_regjeringen_box(title: str) -> bool:
    return bool(regex.search(r"\bregjeringen\s+vil\s*:?\s*$", title, flags=regex.IGNORECASE))


def _record(
    doc: Document, item: _Item, kilde: str | None, kapittel: str | None, nr: int, grense: bool
) -> Tiltak:
    texts = [_item_body(_text(doc, item.lines[0]))] + [_text(doc, i) for i in item.lines[1:]]
    return Tiltak(
        dok_id=doc.dok_id,
        linje=item.first,
        kilde=kilde,
        kapittel=kapittel,
        nr=nr,
        tekst=join_lines(texts),
        linje_slutt=item.lines[-1],
        grensetilfelle=grense,
    )


def _box_items(
    doc: Document, heads: _Headings, spans: list[tuple[int, str, str]]
) -> tuple[list[Tiltak], list[tuple[int, int]]]:
    """Items of the "Regjeringen vil" boxes, and the line ranges they cover."""
    out: list[Tiltak] = []
    covered: list[tuple[int, int]] = []
    reg_boxes = {box for _, box, title in spans if title != "forts." and _is_regjeringen_box(title)}
    nr: dict[str, int] = {}
    for line, box, _title in spans:
        if box not in reg_boxes or any(a <= line < b for a, b in covered):
            continue
        scan = _scan(doc, line + 1, heads, box=box, resumes=_interrupts_sentence(doc, line))
        covered.append((line, scan.stop))
        kapittel = heads.kapittel(int(box.split(".")[0]))
        for item in scan.items:
            nr[box] = nr.get(box, 0) + 1
            out.append(_record(doc, item, f"Boks {box}", kapittel, nr[box], False))
    return out, covered


def _interrupts_sentence(doc: Document, title: int) -> bool:
    """The running text above the box title stops mid-sentence ("… interkommunalt samarbeid om")."""
    prev = title - 1
    while prev >= 1 and not _text(doc, prev).strip():
        prev -= 1
    return prev >= 1 and (_open_end(_text(doc, prev)) or not _SENTENCE_END.search(_text(doc, prev)))


def _lead_in(doc: Document, no: int, heads: _Headings) -> tuple[str, int] | None:
    """The paragraph (or marked item) ending on line `no`: its text and first line."""
    first = no
    while first > 1:
        if _is_marker(doc, first):
            break  # a page break does not end the paragraph: the lead-in may run over it
        prev = _text(doc, first - 1)
        if not prev.strip() or _is_heading(doc, first - 1, heads) or _BOX_FORTS.match(prev):
            break
        first -= 1
    texts = [_item_body(_text(doc, i)) if i == first else _text(doc, i) for i in range(first, no + 1)]
    return join_lines(texts), first


def _containing_box(
    spans: list[tuple[int, str, str]], doc: Document, no: int, heads: _Headings
) -> str | None:
    """The box a line stands in: the nearest box title/continuation above with no heading between.

    A page break says nothing here: boxes run over pages, with or without "Boks N.M forts.". Judgement
    call: running text that resumes after a box in the same section, with no heading between, is
    counted to the box; its "regjeringen vil:" lists get the box as kilde instead of the section."""
    before = [(line, box) for line, box, _ in spans if line <= no]
    if not before:
        return None
    line, box = before[-1]
    for i in range(line + 1, no + 1):
        if i in heads.heading_lines:
            return None
    return box


def _led_lists(
    doc: Document, heads: _Headings, spans: list[tuple[int, str, str]], covered: list[tuple[int, int]]
) -> list[Tiltak]:
    """Lists outside the "Regjeringen vil" boxes led in by a colon sentence with regjeringen vil."""
    out: list[Tiltak] = []
    nr: dict[str | None, int] = {}
    no = 1
    n = len(doc)
    while no <= n:
        t = _text(doc, no).rstrip()
        if not t.endswith(":") or any(a <= no < b for a, b in covered):
            no += 1
            continue
        lead, first = _lead_in(doc, no, heads)
        sentence = _SENTENCE_SPLIT.split(lead)[-1].casefold()
        nxt = _next_nonblank(doc, no + 1)
        if (
            not _SUBJECT_VERB.search(sentence)
            or _GOALS.search(sentence)
            or nxt is None
            or not _is_marker(doc, nxt)
            or nxt - no > 2
        ):
            no += 1
            continue
        literal = bool(_LITERAL.search(sentence))
        parent_upper = _first_letter_upper(_text(doc, first)) if _is_marker(doc, first) else None
        scan = _scan(doc, nxt, heads, box=None, sibling_upper=parent_upper)
        box = _containing_box(spans, doc, no, heads)
        kilde = f"Boks {box}" if box else heads.section_of(no)
        chapter = int(box.split(".")[0]) if box else heads.chapter_of(no)
        for item in scan.items:
            nr[kilde] = nr.get(kilde, 0) + 1
            out.append(_record(doc, item, kilde, heads.kapittel(chapter), nr[kilde], not literal))
        no = max(scan.stop, no + 1)
    return out


def _furniture(texts: list[str]) -> set[int]:
    """0-based indexes of page furniture: "Side N", bare page numbers, running heads.

    A running head is a short line with a page number at one end whose rest recurs on other pages
    ("2023–2024 Meld. St. 9 13", "46 Meld. St. 9 2023–2024"), or any line recurring next to such heads
    ("Nasjonal helse- og samhandlingsplan 2024–2027"). Lines are furniture wherever they stand, since
    another extraction can put them anywhere in a paragraph.
    """
    keys: dict[int, str] = {}
    counts: Counter[str] = Counter()
    for i, t in enumerate(texts):
        m = _HEAD_NUMBER.match(t.strip())
        if m:
            keys[i] = " ".join((m.group("a") or m.group("b") or "").split())
            counts[keys[i]] += 1
    heads = {i for i, k in keys.items() if counts[k] >= _MIN_HEAD_REPEAT and _head_like(k)}
    found = heads | {i for i, t in enumerate(texts) if _PAGE_NO.match(t)}
    # a second head line printed next to a numbered one ("Nasjonal helse- og samhandlingsplan 2024–2027")
    exact = Counter(" ".join(t.split()) for t in texts if t.strip())
    for i in sorted(heads):
        for j in (i - 1, i + 1):
            if 0 <= j < len(texts) and j not in found:
                t = " ".join(texts[j].split())
                if exact[t] >= _MIN_HEAD_REPEAT and _head_like(t) and not _MARKER.match(t):
                    found.add(j)
    return found


def _head_like(text: str) -> bool:
    """A running head is a short title, not a sentence or a footnote ("12 NOU 2023: 4 Tid for …")."""
    return (
        len(text) <= _MAX_HEAD_LEN
        and bool(regex.search(r"\p{L}{2}", text))
        and ":" not in text
        and not text.endswith((".", ",", ";"))
    )


def _view(doc: Document) -> tuple[Document, list[int]]:
    """The document as the rules read it, and the original line number of each of its lines.

    - page furniture is dropped with one blank line on each side (it was put between two lines of
      running text; the break it stands for is told from the text itself);
    - a text layer that prints a blank line after every line ("double-spaced") gets one blank less in
      every run, so single blanks mean column breaks and paragraph ends again as in the usual layer.
    """
    texts = doc.texts
    drop = _furniture(texts)
    for i in sorted(drop):
        for j in (i - 1, i + 1):
            if 0 <= j < len(texts) and not texts[j].strip():
                drop.add(j)
    keep = [i for i in range(len(texts)) if i not in drop]
    if _double_spaced([texts[i] for i in keep]):
        keep = [i for k, i in enumerate(keep) if texts[i].strip() or k == 0 or not texts[keep[k - 1]].strip()]
    if len(keep) == len(texts):
        return doc, list(range(len(texts) + 1))
    lines = [Line(no=k, text=texts[i], page=doc.lines[i].page) for k, i in enumerate(keep, start=1)]
    view = doc.with_lines(lines)
    return view, [0, *(i + 1 for i in keep)]


def _double_spaced(texts: list[str]) -> bool:
    """True when (nearly) no text line is directly followed by another text line."""
    text_lines = sum(1 for t in texts if t.strip())
    adjacent = sum(1 for a, b in pairwise(texts) if a.strip() and b.strip())
    return text_lines >= _MIN_DOUBLE_SPACED and adjacent <= 0.02 * text_lines


def extract(doc: Document) -> list[Record]:
    view, orig = _view(doc)
    heads = _Headings(view)
    spans = _box_spans(view, heads)
    boxed, covered = _box_items(view, heads, spans)
    records = [*boxed, *_led_lists(view, heads, spans, covered)]
    for r in records:  # line numbers of the file itself, for the reader and the grounding check
        r.linje, r.linje_slutt = orig[r.linje], orig[r.linje_slutt]
    return records
