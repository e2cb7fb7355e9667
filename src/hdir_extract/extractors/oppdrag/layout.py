"""The layout of a tildelingsbrev as far as assignments need it: assignment headings, the sections
(omraade) they stand under, and where each assignment ends.

Headings come in several styles:
- "ID: TB2023-01 Eieravdeling HOD: FHA Nasjonalt program for rusforebyggende" (+ wrapped title lines)
- "TB2026-1 Avd. HOD: FHA Utrede endring i alkoholloven"
- "ID: TB2023-19 Eieravdeling HOD:" / "HRA" / "Revidere rundskriv ..." (PDF table cells on own lines)
- "TTB2023-02 Profilering av fastlegeordningen ..." with "Ansvarlig avdeling i HOD: KTA" at the end
- an id that stands only in a letter's summary list ("- TB2026-61 (unntatt offentlighet)").
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document
from hdir_extract.extractors.brev.letters import LetterSegment
from hdir_extract.extractors.oppdrag.ids import IdOnLine
from hdir_extract.parsing.ids import find_ids
from hdir_extract.parsing.text import join_lines

_CODE = r"\p{Lu}{2,5}(?:\s*/\s*\p{Lu}{2,5})*"
# "Eieravdeling HOD: FHA", "Avd. HOD: KTA", "Ansvarlig avdeling i HOD: KTA", "Avdeling HOD:"
DEPT = regex.compile(
    rf"(?P<label>Eieravdeling|Ansvarlig\s+avdeling|Avdeling|Avd\.?)\s*(?:i\s+)?HOD\s*:\s*(?P<code>{_CODE}(?=\s|$))?",
    regex.IGNORECASE,
)
_CODE_LINE = regex.compile(rf"^\s*(?P<code>{_CODE})\s*$")
_ID_PREFIX = regex.compile(r"^\s*(?:ID\s*:\s*)?")
_BULLET = regex.compile(r"^\s*(?:[-•–*▪]|o(?=\s))\s*")
_LIST_ITEM = regex.compile(
    r"^\s*(?:[-•–*▪]\s|o\s|\d{1,2}[.)]\s|\p{Ll}[.)]\s|\((?:[ivx]{1,4}|\p{Ll}|\d{1,2})\)\s)"
)
_LEVEL_N = regex.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<name>\p{Lu}.*?)\s*$")
_LEVEL_1 = regex.compile(r"^\s*(?P<num>\d{1,2})\.?\s+(?P<name>\p{Lu}[^:]*?)\s*$")
_CLOSING = regex.compile(r"^\s*Med\s+(?:vennlig\s+)?hilsen\b", regex.IGNORECASE)
_BUDGET_LINE = regex.compile(
    r"^\s*Kap\.?\s*\d{3,4}\s*(?:,\s*|\s+)(?:post\s*\d{2})?\s*[-–]?\s*\p{L}{0,20}\s*$"
)
_CONTACT = regex.compile(r"^\s*Kontaktperson(?:er)?\s*:", regex.IGNORECASE)
_SECTION_FALLBACK = regex.compile(r"^\s*\p{Lu}[\p{L}\s,\-–]{2,70}$")
_LIST_HEADERS = regex.compile(
    r"^\s*(?:Nye\s+oppdrag|Presisering|Endring|Budsjett|Økonomi|Kap\.|Oppdrag\b|Bakgrunn|Deloppdrag)",
    regex.IGNORECASE,
)


# a title line ending in one of these words goes on ("... konsekvenser av" + "nye fraværsregler")
_OPEN_WORDS = frozenset(
    [
        "av",
        "og",
        "i",
        "for",
        "med",
        "til",
        "om",
        "på",
        "fra",
        "mot",
        "ved",
        "under",
        "etter",
        "eller",
        "samt",
        "mellom",
        "hvor",
        "som",
        "den",
        "det",
        "de",
        "en",
        "et",
    ]
)


@dataclass
class Heading:
    """Where one assignment is defined."""

    ident: IdOnLine
    linje: int
    avdeling: str | None = None
    title_lines: list[int] = field(default_factory=list)
    title: str | None = None
    body_start: int = 0  # first line after the heading, department and title
    from_list: bool = False
    list_text: str | None = None  # the text after the id in a summary list entry
    linje_slutt: int = 0
    omraade: str | None = None


def clean(text: str) -> str:
    return regex.sub(r"\s+", " ", text).strip()


def is_blank_or_furniture(doc: Document, no: int, furniture: frozenset[int]) -> bool:
    return no in furniture or not doc.text(no).strip()


def next_content(doc: Document, no: int, furniture: frozenset[int], limit: int = 8) -> int | None:
    """The next line after `no` that is neither blank nor page furniture; `limit` counts the blank
    lines looked at, not a page break passed over (page furniture and the blank lines after it)."""
    k, seen, in_break = no + 1, 0, False
    while k <= len(doc.lines) and seen < limit:
        if k in furniture:
            in_break = True
        elif doc.text(k).strip():
            return k
        elif not in_break:
            seen += 1
        k += 1
    return None


# --- headings ------------------------------------------------------------------------------------


def _line_start_id(doc: Document, no: int, year: int | None) -> tuple[IdOnLine, str, bool] | None:
    """The own-year id a line starts with (after an optional "ID:"), the rest and whether "ID:" stood."""
    text = doc.text(no)
    prefix = _ID_PREFIX.match(text)
    assert prefix is not None
    found = find_ids(text)
    if not found or found[0].start != prefix.end():
        return None
    m = found[0]
    if year is not None and int(m.oppdrag_id.split("-")[0][-4:]) != year:
        return None  # a wrapped mention of an older assignment ("TB2022-31 om læring ...")
    return IdOnLine(no, m.start, m.raw.strip(), m.oppdrag_id), text[m.end :], "ID" in text[: prefix.end()]


def _looks_like_title(rest: str) -> bool:
    s = rest.strip()
    return not s or bool(regex.match(r"[\p{Lu}«\"]", s))


def find_headings(doc: Document, year: int | None, furniture: frozenset[int]) -> list[Heading]:
    """Assignment headings in file order; the first heading of an id defines it."""
    out: list[Heading] = []
    seen: set[str] = set()
    for ln in doc.lines:
        if "TB" not in ln.text or (_BULLET.match(ln.text) and not ln.text.lstrip().startswith("TB")):
            continue
        hit = _line_start_id(doc, ln.no, year)
        if hit is None:
            continue
        ident, rest, has_id_label = hit
        has_dept = bool(DEPT.match(rest.strip()))
        if not has_dept and not has_id_label:
            nxt = next_content(doc, ln.no, furniture, limit=4)
            dept_next = nxt is not None and not rest.strip() and DEPT.match(doc.text(nxt).strip())
            # "TTB2023-02 Profilering ...": a plain heading has a title-like rest, not "om ..." or "(0,5"
            if not dept_next and not _looks_like_title(rest):
                continue
        if ident.oppdrag_id in seen:
            continue  # a later heading of a defined id is a mention ("Utsettelse av ...")
        seen.add(ident.oppdrag_id)
        out.append(Heading(ident=ident, linje=ln.no))
    return out


def find_list_entries(doc: Document, year: int | None, furniture: frozenset[int]) -> list[Heading]:
    """Entries of a letter's summary list: "- TTB2023-02 Profilering av fastlegeordningen ..."."""
    out: list[Heading] = []
    for ln in doc.lines:
        bullet = _BULLET.match(ln.text)
        if not bullet or "TB" not in ln.text:
            continue
        found = find_ids(ln.text)
        if not found or found[0].start != bullet.end():
            continue
        m = found[0]
        if year is not None and int(m.oppdrag_id.split("-")[0][-4:]) != year:
            continue
        parts = [ln.text[m.end :]]
        nxt = next_content(doc, ln.no, furniture, limit=3)
        # a wrapped entry continues in lower case ("utgifter til spesialisthelsetjenester ...")
        if (
            nxt is not None
            and regex.match(r"^\s*\p{Ll}", doc.text(nxt))
            and not _LIST_ITEM.match(doc.text(nxt))
        ):
            parts.append(doc.text(nxt))
        ident = IdOnLine(ln.no, m.start, m.raw.strip(), m.oppdrag_id)
        out.append(Heading(ident=ident, linje=ln.no, from_list=True, list_text=join_lines(parts)))
    return out


# --- titles and departments ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Widths:
    """The layout of this document, measured on the document itself (never a constant), so that the
    next edition set in another width is read the same way. Title continuation does not hang on the
    exact widths: they are only the last resort for a capitalised line in double-spaced text."""

    heading: int  # right edge of a heading line that carries a title
    title: int  # width of the title column
    body: int  # width of running text (plain headings run over the whole width)
    line_gap: int = 0  # blank lines between two printed lines of a paragraph (1 in double-spaced text)

    @property
    def double_spaced(self) -> bool:
        return self.line_gap > 0


def _line_gap(doc: Document) -> int:
    """The most common run of blank lines after a printed line: 0 in ordinary text, 1 where the text
    layer puts a blank line after every printed line (a paragraph break is then a longer run)."""
    runs: collections.Counter[int] = collections.Counter()
    n = len(doc.lines)
    no = 1
    while no <= n:
        if doc.text(no).strip():
            k = no + 1
            while k <= n and not doc.text(k).strip():
                k += 1
            runs[min(k - no - 1, 4)] += 1
            no = k
        else:
            no += 1
    return runs.most_common(1)[0][0] if runs else 0


def measure(doc: Document, headings: list[Heading]) -> Widths:
    edges: list[int] = []
    titles: list[int] = []
    for h in headings:
        text = doc.text(h.linje).rstrip()
        rest = text[h.ident.start + len(h.ident.raw) :]
        dm = DEPT.search(rest)
        if dm and dm.group("code") and rest[dm.end() :].strip():
            edges.append(len(text))
            titles.append(len(rest[dm.end() :].strip()))
    body = sorted(len(ln.text.rstrip()) for ln in doc.lines if len(ln.text.strip()) > 40)
    body_width = body[int(len(body) * 0.9)] if body else 90
    gap = _line_gap(doc)
    if not edges:  # plain headings run over the whole text width
        return Widths(body_width, body_width, body_width, gap)
    edges.sort()
    titles.sort()
    # the widest lines are the wrapped ones: their length is the edge of the column
    return Widths(edges[int(len(edges) * 0.95)], titles[int(len(titles) * 0.95)], body_width, gap)


def _first_word(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""


# a line that ends open: a word broken at the line end ("Kompetanse-"), a comma, a dash or a colon
# ("Nasjonal alkoholstrategi:" + "Advarselsmerking av alkoholholdig drikk")
_OPEN_END = regex.compile(r"(?:[\p{L}\p{N}]-|,|\s[-–]|:)$")
# a complete sentence ("For detaljer se eget vedlegg.") is the body, not a wrapped title line
_SENTENCE = regex.compile(r"^\p{Lu}\S*(?:\s+\S+){2,}[.!?]$")


def _ends_open(line: str) -> bool:
    words = line.split()
    return bool(_OPEN_END.search(line.rstrip())) or (bool(words) and words[-1].casefold() in _OPEN_WORDS)


def _same_paragraph(doc: Document, cur: int, nxt: int, widths: Widths, furniture: frozenset[int]) -> bool:
    """No paragraph break between two lines: no more blank lines than between the lines of a
    paragraph (none in ordinary text, one in double-spaced text), no page break."""
    between = range(cur + 1, nxt)
    if any(no in furniture for no in between):
        return False
    return len(between) <= widths.line_gap


def _would_not_fit(doc: Document, cur: int, nxt: int, widths: Widths, is_heading_line: bool) -> bool:
    """The first word of line `nxt` did not fit on line `cur` (so the break is a wrap)."""
    first = len(_first_word(doc.text(nxt)))
    if is_heading_line:
        return len(doc.text(cur).rstrip()) + 1 + first > widths.heading - 4
    return len(doc.text(cur).strip()) + 1 + first > widths.title - 4


def _continues(
    doc: Document,
    cur: int,
    nxt: int,
    widths: Widths,
    is_heading_line: bool,
    columnar: bool,
    furniture: frozenset[int],
) -> bool:
    """Whether title line `cur` wraps into line `nxt`. Judged by the words and the paragraph, not by
    line widths: a wrapped title line follows an open line end or goes on in lower case; a line of
    running text (long, capitalised) or a sentence is the body; within the heading's own paragraph the
    remaining short lines are the title."""
    text = doc.text(nxt).strip()
    if (
        not text
        or _LIST_ITEM.match(doc.text(nxt))
        or DEPT.search(text)
        or text.endswith(":")
        or regex.match(r"(?i)frist\b", text)
    ):
        return False
    if _ends_open(doc.text(cur)):
        return True  # "Erfaringer med og konsekvenser av" + "nye fraværsregler i skolen"
    if regex.match(r"[\p{Ll}(]", text):
        # "Oppfølging av Nasjonal" + "hjernehelsestrategi (2018–2024)" even across a page break:
        # a paragraph of the body starts with a capital letter
        return True
    if len(text) >= 0.75 * widths.body or _SENTENCE.match(text):
        return False  # running text: "Helsedirektoratet er gitt en sentral rolle i oppfølging ..."
    if len(text.split()) == 1 and regex.match(r"\p{Lu}\p{Ll}", text):
        return False  # "Bakgrunn" under a complete title line: a sub-heading of the body
    page_break = any(no in furniture for no in range(cur + 1, nxt))
    if not page_break and not _same_paragraph(doc, cur, nxt, widths, furniture):
        return False  # "... for fastlegeordningen" / blank / "Bakgrunn": a sub-heading of the body
    if not page_break and not widths.double_spaced:
        return True  # "Oppfølging av Riksrevisjonens rapport" + "Dokument 3:4 (2022–2023)"
    # double-spaced text (or a page break) shows no paragraph between title lines: a capitalised line
    # goes on the title only when its first word did not fit on the line before
    if not columnar:  # a plain heading wraps at the text width
        widths = Widths(int(widths.body * 0.85), int(widths.body * 0.7) - 8, widths.body, widths.line_gap)
    return _would_not_fit(doc, cur, nxt, widths, is_heading_line)


def _dept_code(text: str) -> tuple[str | None, str]:
    """The department code in a heading remainder and the text after it."""
    m = DEPT.search(text)
    if not m:
        return None, text
    code = regex.sub(r"\s+", "", m.group("code")) if m.group("code") else None
    return code, text[m.end() :]


def read_title(doc: Document, h: Heading, widths: Widths, furniture: frozenset[int]) -> None:
    """Fill avdeling, title lines, title and body_start of a heading."""
    text = doc.text(h.linje)
    cur = h.linje  # the line the title may start on (after the id and the department)
    rest = text[h.ident.start + len(h.ident.raw) :]
    has_dept = bool(DEPT.search(rest))
    code, after = _dept_code(rest)
    if not has_dept and not rest.strip():
        nxt = next_content(doc, cur, furniture, limit=4)
        if nxt is not None and DEPT.match(doc.text(nxt).strip()):
            # "ID: TB2023-38" / "Eieravdeling HOD: KTA" on its own line
            cur, has_dept = nxt, True
            code, after = _dept_code(doc.text(nxt))
    if has_dept and code is None:
        nxt = next_content(doc, cur, furniture, limit=4)
        if nxt is not None and (cm := _CODE_LINE.match(doc.text(nxt))):
            # "Eieravdeling HOD:" / "HRA": the code cell stands on the next line
            cur, code, after = nxt, regex.sub(r"\s+", "", cm.group("code")), ""
    h.avdeling = code
    columnar = has_dept  # "ID: TB2023-01 Eieravdeling HOD: FHA Title": a title column
    texts: list[str] = []
    lines: list[int] = []
    is_heading_line = cur == h.linje
    if after.strip():
        texts.append(after)
        lines.append(cur)
    else:
        first = next_content(doc, cur, furniture, limit=6)
        # a title on its own line sits in the narrow title column; a long line is already the body
        if first is not None and _continues_fresh(doc, first, widths):
            texts.append(doc.text(first))
            lines.append(first)
            is_heading_line = False
    last = lines[-1] if lines else cur
    while lines:
        nxt = next_content(doc, last, furniture, limit=6)
        if nxt is None or not _continues(doc, last, nxt, widths, is_heading_line, columnar, furniture):
            break
        texts.append(doc.text(nxt))
        lines.append(nxt)
        last, is_heading_line = nxt, False
    h.title_lines = lines
    h.title = clean(join_lines(texts)) or None
    h.body_start = last + 1


def _continues_fresh(doc: Document, no: int, widths: Widths) -> bool:
    """A title on its own line below the heading: short, not a list item or a label."""
    text = doc.text(no).strip()
    return (
        bool(text)
        and not _LIST_ITEM.match(doc.text(no))
        and len(text) < 0.75 * widths.body
        and not _SENTENCE.match(text)
        and not text.endswith(":")
    )


# --- sections and ends ---------------------------------------------------------------------------


def numbered_headings(
    doc: Document, letters: list[LetterSegment], furniture: frozenset[int] = frozenset()
) -> dict[int, tuple[int, str]]:
    """Numbered headings: line -> (level, name). A level-1 heading counts only when a level-2 heading
    with its number follows in the same letter (so a list item "1. Teknologivalidering" is no heading)."""
    out: dict[int, tuple[int, str]] = {}
    for seg in letters:
        level2_nums: list[tuple[int, str]] = []
        for no in range(seg.linje_start, seg.linje_slutt + 1):
            text = doc.text(no)
            m = _LEVEL_N.match(text)
            if m and len(text.strip()) < 130:
                level = m.group("num").count(".") + 1
                name = [m.group("name")]
                # "3.2. Befolkningen har ... i trygge" + "og helsefremmende lokalsamfunn" (across the
                # blank line of double-spaced text or a page break)
                k = next_content(doc, no, furniture, limit=2)
                while k is not None and k <= seg.linje_slutt and len(name) < 4:
                    if not regex.match(r"^\s*\p{Ll}", doc.text(k)):
                        break
                    name.append(doc.text(k))
                    k = next_content(doc, k, furniture, limit=2)
                out[no] = (level, clean(join_lines(name)).rstrip(".").strip())
                level2_nums.append((no, ".".join(m.group("num").split(".")[:2])))
        for no in range(seg.linje_start, seg.linje_slutt + 1):
            text = doc.text(no)
            m = _LEVEL_1.match(text)
            if not m or no in out or len(text.strip()) > 70 or text.strip()[-1] in ".:;,":
                continue
            # a chapter heading "3 Øvrige økonomiske rammer" is followed by its first section "3.1"
            following = [num for k, num in level2_nums if k > no]
            if following and following[0] == f"{m.group('num')}.1":
                out[no] = (1, clean(m.group("name")))
    return out


def section_lines(
    doc: Document,
    letters: list[LetterSegment],
    numbered: dict[int, tuple[int, str]],
    headings: list[Heading],
    furniture: frozenset[int],
) -> dict[int, str]:
    """Bare section lines of supplementary letters ("Helse- og omsorgstjenester" before an assignment):
    a line that repeats a section name of the main letter, or, in a letter without numbered sections,
    a short title-like line standing right before an assignment heading."""
    known = {name.casefold(): name for level, name in numbered.values() if level == 2}
    heading_lines = {h.linje for h in headings}
    out: dict[int, str] = {}
    for seg in letters:
        has_numbered = any(
            seg.linje_start <= no <= seg.linje_slutt and lv == 2 for no, (lv, _) in numbered.items()
        )
        for no in range(seg.linje_start, seg.linje_slutt + 1):
            if no in furniture or no in numbered:
                continue
            text = clean(doc.text(no))
            if not text or len(text) > 80:
                continue
            if text.casefold() in known and not has_numbered:
                out[no] = known[text.casefold()]
            elif not has_numbered and _SECTION_FALLBACK.match(text) and not _LIST_HEADERS.match(text):
                nxt = next_content(doc, no, furniture, limit=4)
                if nxt in heading_lines and not text.endswith((".", ":", ",")):
                    out[no] = text
    return out


def assign_omraade(
    headings: list[Heading],
    letters: list[LetterSegment],
    numbered: dict[int, tuple[int, str]],
    sections: dict[int, str],
) -> None:
    events: dict[int, str | None] = {}
    for no, (level, name) in numbered.items():
        if level == 1:
            events[no] = None
        elif level == 2:
            events[no] = name
    events.update(sections)
    starts = {seg.linje_start for seg in letters}
    for h in headings:
        current: str | None = None
        for no in sorted(set(events) | starts):
            if no > h.linje:
                break
            current = None if no in starts and no not in events else events.get(no)
        h.omraade = current


def assign_ends(
    doc: Document,
    headings: list[Heading],
    letters: list[LetterSegment],
    numbered: dict[int, tuple[int, str]],
    sections: dict[int, str],
    furniture: frozenset[int],
) -> None:
    """Each assignment ends before the next heading, section, letter or closing; an "Ansvarlig
    avdeling" line (and its contact lines) is its last line."""
    stops = {h.linje for h in headings if not h.from_list} | set(numbered) | set(sections)
    for seg in letters:
        stops.add(seg.linje_start)
        stops.add(seg.linje_slutt + 1)
    for h in headings:
        if h.from_list:
            h.linje_slutt = h.linje
            continue
        end = h.linje
        no = h.linje + 1
        while no <= len(doc.lines) and no not in stops:
            text = doc.text(no)
            if _CLOSING.match(text) or (_BUDGET_LINE.match(text) and no > h.body_start):
                break
            end = no
            if no > h.linje and DEPT.match(text.strip()) and "ansvarlig" in text.casefold():
                while (nxt := next_content(doc, end, furniture, limit=3)) is not None and _CONTACT.match(
                    doc.text(nxt)
                ):
                    end = nxt
                break
            no += 1
        while end > h.linje and is_blank_or_furniture(doc, end, furniture):
            end -= 1
        h.linje_slutt = end
        if h.avdeling is None:
            for k in range(h.body_start, end + 1):
                m = DEPT.match(doc.text(k).strip())
                if m and m.group("code"):
                    h.avdeling = regex.sub(r"\s+", "", m.group("code"))
