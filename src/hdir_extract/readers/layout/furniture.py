"""Page furniture of a line-based text: decided here once, for every extractor.

A text layer carries the pages' running heads, footers and page numbers between the lines of the body,
often in mid-sentence or between two rows of a table. A line is furniture when:
- it is "Side N" or "Side N av M";
- it is a running head: a short title with a page number (or "Side N") at one end ("27 Årsrapport 2023",
  "Prop. 1 S (2024–2025) 16", "46 Meld. St. 9 2023–2024") whose title recurs at least three times with
  page numbers that rise, mostly by one or two pages, a page's worth of lines apart; or, where the text
  layer kept the head on some pages only, by more but at a steady number of lines per page (then every
  line with that title and a number is the head, also in an appendix that numbers its pages anew).
  Footnotes citing one source ("3 Helsedirektoratet (2023) …") and "post 21" in running text do not
  rise like pages;
- it recurs exactly next to such a head on several pages (a second head line, "Nasjonal helse- og
  samhandlingsplan");
- it is a bare page number in a chain of at least three that count pages (each one or two above the
  one before, at least 20 lines on): a lone "21" in a table or list is not furniture, nor are a table's
  codes printed one per line a few lines apart ("21" … "22"); "14" … "15" … "16" a page apart are; a
  year ("2024") is never a page number;
- it recurs exactly next to such page numbers on several pages: a running head whose page number
  stands on its own line ("Årsrapport 2023" / "8").
A table row (a line with a TAB) is never furniture. Position: running heads are "topp", page numbers
and "Side N" "bunn" (a text layer does not say where on the page they stood).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import pairwise

import regex

from hdir_extract.readers.layout import tables
from hdir_extract.readers.layout.lines import SourceLine

# precompiled: these run once per line of every document
_P1 = regex.compile(r"\p{L}")
_P2 = regex.compile(r"\p{L}{2}")

_SIDE = regex.compile(r"^\s*Side\s+\d{1,4}(?:\s*(?:av|/)\s*\d{1,4})?\s*$", regex.IGNORECASE)
_BARE_NUMBER = regex.compile(r"^\s*(\d{1,4})\s*$")
# a year alone on a line is the end of a wrapped sentence ("… en egen strategi for kvinnehelse i" /
# "2024"), never a page number: two such years a page apart ("2022" … "2024") do not count pages
_YEAR = regex.compile(r"^(?:19|20)\d\d$")
_HEAD = regex.compile(r"^\s*(?:(?P<n1>\d{1,4})\s+(?P<t1>\S.*?)|(?P<t2>\S.*?)\s+(?P<n2>\d{1,4}))\s*$")
MIN_REPEATS = 3  # a running head repeats on many pages; fewer is a heading or a caption
MIN_LETTERS = 10  # a head names a document or body, never a bare label ("Figur 5", "Post 21")
MIN_PAGE_LINES = 15  # a page holds more lines than this (a page, not a footnote block)
MAX_HEAD_LEN = 90
MIN_CHAIN = 3  # bare page numbers: at least this many count pages one after the other
#: of the running heads (and page numbers): a head's second line stands beside at least this share
COMPANION_SHARE = 0.25
MIN_CHAIN_GAP = 20  # … each at least this many lines after the one before (a page, not a table's rows)


#: a page label beside the head's title ("Side 104 Meld. St. 9 …", "Tildelingsbrev 2023 Side 3 av 12");
#: a text extraction may glue the title to the number ("Side 104Meld. St. 9")
_SIDE_FIRST = regex.compile(r"^Side\s+(\d{1,4})(?:\s*(?:av|/)\s*\d{1,4})?\s*(?=\S)", regex.IGNORECASE)
_SIDE_LAST = regex.compile(r"\s+Side\s+(\d{1,4})(?:\s*(?:av|/)\s*\d{1,4})?$", regex.IGNORECASE)


def _without_side_label(t: str) -> str:
    """The head with its page label read as the bare page number: "104 Meld. St. 9 …"."""
    if t[:4].casefold() == "side" and (m := _SIDE_FIRST.match(t)):
        return f"{m.group(1)} {t[m.end() :]}"
    if "side" in t[-16:].casefold() and (m := _SIDE_LAST.search(t)):
        return f"{t[: m.start()]} {m.group(1)}"
    return t


def _head_key(text: str) -> tuple[str, int] | None:
    if "\t" in text:
        return None
    t = _without_side_label(text.strip())
    if not t or not (t[0].isdigit() or t[-1].isdigit()):
        return None  # `_HEAD` needs a number at one end (checked first: its lazy match is slow)
    m = _HEAD.match(t)
    if not m:
        return None
    words = m.group("t1") or m.group("t2")
    number = int(m.group("n1") or m.group("n2"))
    if 1900 <= number <= 2099 and m.group("n2"):
        return None  # a year at the end, not a page number ("Nøkkeltall 2023")
    if words.rstrip().endswith((".", ":", ";", ",", "!", "?", "»")) or len(words) > MAX_HEAD_LEN:
        return None  # the end of a sentence
    letters = len(_P1.findall(words))
    if letters < 5 or (letters < MIN_LETTERS and len(words.split()) < 2):
        return None
    return " ".join(words.split()).casefold(), number


def _counts_pages(occurrences: list[tuple[int, int]]) -> bool:
    """(line, number) pairs whose numbers count pages: rising, mostly by one or two, a page apart."""
    if len(occurrences) < MIN_REPEATS:
        return False
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(occurrences)]
    # a few heads out of order (another numbering's head among them, a page taken twice) do not undo the
    # rest; a source cited again and again rises no more often than it falls
    falling = sum(1 for _, pages in steps if pages <= 0)
    if falling > len(steps) // 10:
        return False
    steps = [s for s in steps if s[1] > 0]
    median = sorted(steps, key=lambda s: s[1])[len(steps) // 2]
    lines_per_page = sorted(lines / pages for lines, pages in steps)[(len(steps) - 1) // 2]
    return median[1] <= 2 and lines_per_page >= MIN_PAGE_LINES


def _steady_pages(run: list[tuple[int, int]]) -> bool:
    """A rising run whose numbers may jump (a text layer kept the head on some pages only) but at a
    steady number of lines per page: the lines per page of every step within a factor of two."""
    if len(run) < MIN_REPEATS:
        return False
    per_page = sorted((b[0] - a[0]) / (b[1] - a[1]) for a, b in pairwise(run))
    return per_page[0] >= MIN_PAGE_LINES and per_page[-1] <= 2 * per_page[0]


def _rising_runs(occurrences: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The occurrences cut where the page number does not rise: an appendix numbers its pages anew."""
    runs: list[list[tuple[int, int]]] = []
    for occ in occurrences:
        if runs and occ[1] > runs[-1][-1][1]:
            runs[-1].append(occ)
        else:
            runs.append([occ])
    return runs


def _running_heads(lines: Sequence[SourceLine]) -> set[int]:
    heads: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, ln in enumerate(lines):
        key = _head_key(ln.text)
        if key:
            heads[key[0]].append((i, key[1]))
    found: set[int] = set()
    for occurrences in heads.values():
        # a title that counts pages somewhere is the running head wherever it stands with a number
        # (also in an appendix that numbers its pages anew)
        if _counts_pages(occurrences) or any(_steady_pages(run) for run in _rising_runs(occurrences)):
            found.update(i for i, _ in occurrences)
    return found


#: a kapittel/post code opening a row ("701.21 Spesielle …", "740 01 Driftsutgifter …")
_CODE_ROW = regex.compile(r"^\s*\d{3,4}(?:\.\d{2}|\s+\d{2})?\s+\p{L}")


def _opens_row(text: str) -> bool:
    return bool(_CODE_ROW.match(text)) or tables.anchored_row(text)


def _companions(lines: Sequence[SourceLine], heads: set[int]) -> set[int]:
    """Lines recurring exactly next to running heads: the head's second line. It must stand beside a
    head on several pages, not once (a table's repeated column head printed right after a footer)."""
    exact = Counter(" ".join(ln.text.split()) for ln in lines if ln.text.strip())
    beside: dict[int, str] = {}
    for i in heads:
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and j not in heads:
                t = " ".join(lines[j].text.split())
                far = j + (j - i)  # the line on its other side
                if (
                    t
                    and "\t" not in lines[j].text
                    # a table's column head printed again after the page's head: rows follow it
                    and not (0 <= far < len(lines) and _opens_row(lines[far].text))
                    and exact[t] >= MIN_REPEATS
                    and len(t) <= MAX_HEAD_LEN
                    and _P2.search(t)
                    and not t.endswith((".", ",", ";", ":"))
                ):
                    beside[j] = t
    pages = Counter(beside.values())
    # a head's second line stands beside it on a good share of the pages (every other page, where verso
    # and recto differ); a table's column head printed again after the running head stands beside it
    # only on the pages that table runs over ("Kap./post Benevnelse Tildeling Kommentarer")
    need = max(MIN_REPEATS, COMPANION_SHARE * len(heads))
    return {j for j, t in beside.items() if pages[t] >= need}


def _page_numbers(lines: Sequence[SourceLine]) -> set[int]:
    """Bare numbers that count pages: a run of at least three bare numbers, one after the other among
    the bare numbers (years aside), each one or two above the one before and at least a page's worth of
    lines after it. Two numbers a few lines apart are a table's codes printed one cell per line ("21" …
    "22" seven lines on), and numbers met far apart in different tables are not next to each other."""
    cands = [
        (i, int(m.group(1)))
        for i, ln in enumerate(lines)
        if "\t" not in ln.text and (m := _BARE_NUMBER.match(ln.text)) and not _YEAR.match(m.group(1))
    ]
    links = [
        b[1] - a[1] in (1, 2) and b[0] - a[0] >= MIN_CHAIN_GAP * (b[1] - a[1]) for a, b in pairwise(cands)
    ]
    found: set[int] = set()
    start = 0
    for k in range(len(links) + 1):
        if k < len(links) and links[k]:
            continue
        if k - start + 1 >= MIN_CHAIN:  # candidates start..k are linked one to the next
            found.update(cands[m][0] for m in range(start, k + 1))
        start = k + 1
    return found


def find_furniture(lines: Sequence[SourceLine]) -> dict[int, str]:
    """0-based indexes of furniture lines -> "topp" | "bunn"."""
    out: dict[int, str] = {i: ln.furniture for i, ln in enumerate(lines) if ln.furniture}
    heads = _running_heads(lines)
    numbers = _page_numbers(lines)
    # a running head whose page number stands on a line of its own ("Årsrapport 2023" / "8") recurs
    # beside the page numbers as a second head line recurs beside the head
    for i in heads | _companions(lines, heads | numbers):
        out.setdefault(i, "topp")
    for i in numbers:
        out.setdefault(i, "bunn")
    for i, ln in enumerate(lines):
        if _SIDE.match(ln.text):
            out.setdefault(i, "bunn")
    return out
