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

Layout facts this relies on (text from a two-column PDF): a box is printed after the running text of
its page, so the first line of the next page (a line with leading whitespace in the .txt rendering, or
a page change in PDF input) ends it unless that line is "Boks N.M forts."; items are broken over lines
with blank lines inside them (column breaks), so a blank line alone never ends an item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document
from hdir_extract.models import Record, Tiltak
from hdir_extract.parsing.text import join_lines

_MARKER = regex.compile(r"^\s*[–—•▪\-]\s+(?=\S)")
# a box title starts with a capital ("Boks 4.1 Regjeringen vil"); "Boks 10.2 illustrerer …" is prose
_BOX_TITLE = regex.compile(r"^\s*Boks\s+(\d{1,2}\.\d{1,2})\s+([\p{Lu}\d«].*)$")
_BOX_FORTS = regex.compile(r"^\s*Boks\s+(\d{1,2}\.\d{1,2})\s+forts\.?\s*$", regex.IGNORECASE)
_CHAPTER = regex.compile(r"^\s*(\d{1,2})\s{2,}(\p{Lu}.*)$")
_SECTION = regex.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\s+(\p{Lu}.*)$")
_FIGURE = regex.compile(r"^\s*(?:Figur|Tabell)\s+\d{1,2}\.\d{1,2}\b")
_SUBJECT_VERB = regex.compile(r"\bregjeringen\s+vil\b|\bvil\s+regjeringen\b")
_LITERAL = regex.compile(r"\bregjeringen\s+vil\s*:\s*$")
# A colon sentence that announces goals or results lists goals, not commitments (issue 11).
_GOALS = regex.compile(
    r"\bfølgende\s+(?:\w+\s+)?(?:mål|målsettinger|resultater|resultatmål)\b|\bmål(?:ene)?\s*(?:er)?\s*:\s*$"
)
_SENTENCE_SPLIT = regex.compile(r"(?<=[.!?])\s+(?=[\p{Lu}«\d])")
_MAX_ITEM_TAIL = 10  # lines of one item after a column break inside a box
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
    """First line of a new page: leading whitespace in the .txt rendering, or a page change (PDF)."""
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


class _Headings:
    """Chapter and section headings, found once per document (numbers must run in order)."""

    def __init__(self, doc: Document) -> None:
        self.chapters: dict[int, str] = {}
        self.chapter_at: list[tuple[int, int]] = []  # (line, chapter number)
        self.section_at: list[tuple[int, str]] = []  # (line, "2.3.5 Title")
        self.heading_lines: set[int] = set()
        current = 0
        last_section: tuple[int, ...] = ()
        n = len(doc)
        for no in range(1, n + 1):
            t = _text(doc, no)
            prev_blank = no == 1 or not _text(doc, no - 1).strip() or _page_break(doc, no)
            m = _CHAPTER.match(t)
            # a chapter heading has two spaces after its number (footnotes have one) and the next number
            # (one missed heading must not lose the rest, so the next-but-one number is accepted too)
            if m and prev_blank and current < int(m.group(1)) <= current + 2:
                current = int(m.group(1))
                title = self._title(doc, no, m.group(2))
                self.chapters[current] = title
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
            if not (nxt.strip() and _starts_lower(nxt)) or _page_break(doc, nxt_no):
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


def _paragraph_end(doc: Document, no: int, stop_at_page: bool) -> int:
    """Last line of the paragraph starting at `no` (stops before blanks, markers, page breaks)."""
    end = no
    while end + 1 <= len(doc):
        t = _text(doc, end + 1)
        if not t.strip() or _is_marker(doc, end + 1):
            break
        if stop_at_page and _page_break(doc, end + 1):
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
    prev_blank = no == 1 or not _text(doc, no - 1).strip() or _page_break(doc, no)
    return prev_blank and bool(_BOX_TITLE.match(_text(doc, no)))


def _scan(
    doc: Document,
    start: int,
    heads: _Headings,
    *,
    box: str | None,
    sibling_upper: bool | None = None,
) -> _Scan:
    """Read marked items from line `start`.

    box: the id of a "Regjeringen vil" box being read; inside it, lead-in paragraphs start new groups
    and a page break ends the box. Outside (box None) the list ends at the first paragraph that is not
    part of an item. sibling_upper: for a sub-list under a marked lead-in item, the case of the
    parent's first letter; an item of that case is the parent's sibling and ends the sub-list.
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
        page = _page_break(doc, no)
        if page and box is not None:
            break  # a box ends with its page unless "Boks N.M forts." follows
        if box is None and _FIGURE.match(t) and cur is not None:
            resume = _skip_figure(doc, no, heads)
            if resume is None:
                break
            no = resume
            blank_before = True
            continue
        if box is not None and blank_before and _starts_lower(t) and _running_text(doc, no):
            break  # the page's running text resumed after the box (mid-sentence, lower case)
        if cur is not None and (not (blank_before or page) or _starts_lower(t) or _ends_hyphen(doc, cur)):
            cur.lines.append(no)
            blank_before = False
            no += 1
            continue
        # an upper-case paragraph after a blank line (or before the first item)
        end = _paragraph_end(doc, no, stop_at_page=box is not None)
        para = join_lines([_text(doc, i) for i in range(no, end + 1)])
        directly = end + 1 <= n and _is_marker(doc, end + 1)
        after = _next_nonblank(doc, end + 1)
        marker_after = after is not None and _is_marker(doc, after)
        if para.endswith(":") or directly or (cur is None and marker_after):
            if box is None and cur is not None:
                break  # another lead-in: another list
            if box is None and cur is None:
                break
            cur = None  # a lead-in group of the box ("Regjeringen vil … gjennom å:")
            no = end + 1
            blank_before = False
            continue
        if cur is not None and marker_after:
            # an item's own second paragraph ("… Tvangslovutvalget." / "Det er sentralt …")
            cur.lines.extend(range(no, end + 1))
            no = end + 1
            continue
        break
    return _Scan(items=items, stop=no)


def _running_text(doc: Document, no: int) -> bool:
    """A lower-case paragraph too long to be the rest of one item: running text, not the box."""
    # items in these boxes are at most ~8 printed lines; a column break inside an item leaves less
    return _paragraph_end(doc, no, stop_at_page=True) - no + 1 > _MAX_ITEM_TAIL


def _ends_hyphen(doc: Document, item: _Item) -> bool:
    return bool(regex.search(r"\p{L}-$", _text(doc, item.lines[-1]).rstrip()))


def _skip_figure(doc: Document, no: int, heads: _Headings) -> int | None:
    """Skip a figure/table that interrupts a list; resume where the next page goes on with the list."""
    for i in range(no + 1, min(len(doc), no + _MAX_FIGURE_SKIP) + 1):
        t = _text(doc, i)
        if not _page_break(doc, i) or _FIGURE.match(t):
            continue
        if _starts_lower(t):
            return i
        return None
    return None


def _box_spans(doc: Document) -> list[tuple[int, str, str]]:
    """Box titles and continuations: (line, box id, title or 'forts.')."""
    spans = []
    for ln in doc.iter():
        m = _BOX_FORTS.match(ln.text)
        if m:
            spans.append((ln.no, m.group(1), "forts."))
            continue
        m = _BOX_TITLE.match(ln.text)
        # a box title stands on its own after a blank line or at a page top; "Boks 3.9 viser …" is prose
        if m and (ln.no == 1 or not _text(doc, ln.no - 1).strip() or _page_break(doc, ln.no)):
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
        scan = _scan(doc, line + 1, heads, box=box)
        covered.append((line, scan.stop))
        kapittel = heads.kapittel(int(box.split(".")[0]))
        for item in scan.items:
            nr[box] = nr.get(box, 0) + 1
            out.append(_record(doc, item, f"Boks {box}", kapittel, nr[box], False))
    return out, covered


def _lead_in(doc: Document, no: int, heads: _Headings) -> tuple[str, int] | None:
    """The paragraph (or marked item) ending on line `no`: its text and first line."""
    first = no
    while first > 1:
        if _is_marker(doc, first) or _page_break(doc, first):
            break
        prev = _text(doc, first - 1)
        if not prev.strip() or _is_heading(doc, first - 1, heads) or _BOX_FORTS.match(prev):
            break
        first -= 1
    texts = [_item_body(_text(doc, i)) if i == first else _text(doc, i) for i in range(first, no + 1)]
    return join_lines(texts), first


def _containing_box(spans: list[tuple[int, str, str]], doc: Document, no: int) -> str | None:
    """The box a line stands in: the nearest box title/continuation above with no page break between."""
    before = [(line, box) for line, box, _ in spans if line <= no]
    if not before:
        return None
    line, box = before[-1]
    if any(_page_break(doc, i) and not _BOX_FORTS.match(_text(doc, i)) for i in range(line + 1, no + 1)):
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
        box = _containing_box(spans, doc, no)
        kilde = f"Boks {box}" if box else heads.section_of(no)
        chapter = int(box.split(".")[0]) if box else heads.chapter_of(no)
        for item in scan.items:
            nr[kilde] = nr.get(kilde, 0) + 1
            out.append(_record(doc, item, kilde, heads.kapittel(chapter), nr[kilde], not literal))
        no = max(scan.stop, no + 1)
    return out


def extract(doc: Document) -> list[Record]:
    heads = _Headings(doc)
    spans = _box_spans(doc)
    boxed, covered = _box_items(doc, heads, spans)
    return [*boxed, *_led_lists(doc, heads, spans, covered)]
