"""Ways real documents change between editions and downloads, applied to corpus text.

Robustness tests extract a perturbed document and compare its records with the original's on content
(ids, amounts, titles), never on line numbers. Each function takes and returns the list of lines.
"""

from __future__ import annotations

import textwrap

import regex

from hdir_extract.parsing.text import join_lines

_YEAR = regex.compile(r"(?<!\d)(19[89]\d|20[0-3]\d)(?!\d)")
_TABLE_LIKE = regex.compile(r"\t|\d\s\d{3}(?:\s|$)|^\s*[-–•o]\s|^\s*\d+(?:\.\d+)*\.?\s+\S|^\s*[a-z]\.\s")


# a two-digit year: "Frist: 15.09.23", "1.11.26", a session "Prop 1 S (2022-23)" (not an id "TB2023-24",
# nor the tail of a dotted account code "65.00.07.01")
_DATE_SHORT_YEAR = regex.compile(r"(?<![\d.])(\d{1,2}\.\s?\d{1,2}\.\s?)(\d\d)(?![\d.,]\d)")
_SESSION_SHORT = regex.compile(r"(?<!TB\s?[-\u2013]?\s?|\d)((?:19|20)(\d\d)\s?[-\u2013/]\s?)(\d\d)(?!\d)")


def shift_years(lines: list[str], delta: int = 1) -> list[str]:
    """Next year's edition: every year 1980-2039 moves by `delta` (ids, sessions and dates too),
    and so do two-digit years in dates ("15.09.23") and sessions ("2022-23")."""

    def short(y: str) -> str:
        return f"{(int(y) + delta) % 100:02d}"

    def session(m: regex.Match[str]) -> str:
        if int(m.group(3)) != (int(m.group(2)) + 1) % 100:
            return m.group(0)
        return m.group(1) + short(m.group(3))

    def shift(t: str) -> str:
        t = _DATE_SHORT_YEAR.sub(lambda m: m.group(1) + short(m.group(2)), t)
        t = _SESSION_SHORT.sub(session, t)
        return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), t)

    return [shift(t) for t in lines]


def collapse_blank_lines(lines: list[str]) -> list[str]:
    """Another text extraction: runs of blank lines become one blank line."""
    out: list[str] = []
    for t in lines:
        if not t.strip() and out and not out[-1].strip():
            continue
        out.append(t)
    return out


def drop_interleaved_blanks(lines: list[str]) -> list[str]:
    """A text layer without the blank line between every printed line: blank lines are removed where
    they alternate with text (a real paragraph break of two or more blanks stays as one)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        t = lines[i]
        if not t.strip():
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j - i >= 2:
                out.append("")
            i = j
            continue
        out.append(t)
        i += 1
    return out


def double_blank_lines(lines: list[str]) -> list[str]:
    """Every line followed by a blank line (as some PDF-to-text tools print)."""
    out: list[str] = []
    for t in lines:
        out.append(t)
        if t.strip():
            out.append("")
    return out


# an assignment heading: "ID: TB2023-01 Eieravdeling HOD: FHA <title>", "TB2026-1 Avd. HOD: FHA <title>",
# "TTB2023-02 <title>" (a plain heading stands first in its paragraph)
_ID_HEAD = regex.compile(r"^\s*(?:ID\s*:\s*)?T?TB\s?[-\u2013]?\s?20\d\d\s?[-\u2013]\s?\d{1,3}\b")
_DEPT_LABEL = regex.compile(
    r"(?i:Eieravdeling|Ansvarlig\s+avdeling|Avdeling|Avd\.?)\s*(?:i\s+)?HOD\s*:"
    r"\s*(?:\p{Lu}{2,5}(?:/\p{Lu}{2,5})*)?"
)


def _text_width(lines: list[str]) -> int:
    """The width running text was set in (a long line, not the longest)."""
    widths = sorted(len(t.rstrip()) for t in lines if len(t.strip()) > 20)
    return widths[int(len(widths) * 0.9)] if widths else 90


def _double_spaced(lines: list[str]) -> bool:
    text = [i for i, t in enumerate(lines[:-1]) if t.strip()]
    return bool(text) and sum(1 for i in text if not lines[i + 1].strip()) >= 0.8 * len(text)


def _is_heading(para: list[str], i: int) -> bool:
    t = para[i]
    if not _ID_HEAD.match(t):
        return False
    # a wrapped mention ("TTB2021- 21, skal direktoratet ...") is no heading
    return i == 0 or t.lstrip().startswith("ID") or bool(_DEPT_LABEL.search(t))


def _rewrap_heading(block: list[str], width: int) -> list[str]:
    """A heading keeps its own line; its title is wrapped again. With a department label the title
    sits in a table column (about half the text width), otherwise it runs over the whole width."""
    joined = join_lines(block)
    dept = _DEPT_LABEL.search(joined)
    if not dept or not joined[dept.end() :].strip():
        return textwrap.wrap(joined, width=width, break_on_hyphens=False) or block
    head, title = joined[: dept.end()].rstrip(), joined[dept.end() :].strip()
    column = textwrap.wrap(title, width=max(width // 2, 30), break_on_hyphens=False)
    return [f"{head} {column[0]}", *column[1:]]


def reflow_prose(lines: list[str], width: int = 90) -> list[str]:
    """Re-typeset: paragraphs of plain prose (three or more lines, no table or list lines) are joined,
    de-hyphenated and wrapped at `width`. Headings, lists and tables are left as printed.

    A re-typesetting keeps hard line breaks: a line much shorter than the text width inside a
    paragraph (a signature, a subject line, a heading, a goal title) ends its run of prose, and an
    assignment heading stays on its own line with its title re-wrapped (never joined with the body).
    """
    if _double_spaced(lines):
        # a text layer with a blank line after every printed line shows no paragraphs to re-flow
        return list(lines)
    out: list[str] = []
    para: list[str] = []
    short = int(_text_width(lines) * 0.7)

    def emit_prose(seg: list[str]) -> None:
        if len(seg) >= 3:
            out.extend(textwrap.wrap(join_lines(seg), width=width, break_on_hyphens=False))
        else:
            out.extend(seg)

    def flush() -> None:
        lone = len(para) < 3 and not (para and _is_heading(para, 0))
        if lone or any(_TABLE_LIKE.search(p) for p in para):
            out.extend(para)
            para.clear()
            return
        seg: list[str] = []
        i = 0
        while i < len(para):
            if _is_heading(para, i):
                emit_prose(seg)
                seg = []
                block = [para[i]]
                i += 1
                # the title's wrapped lines: up to the first line of running text
                while i < len(para) and len(para[i].rstrip()) < short and not _is_heading(para, i):
                    block.append(para[i])
                    i += 1
                out.extend(_rewrap_heading(block, width))
                continue
            seg.append(para[i])
            if len(para[i].rstrip()) < short and i + 1 < len(para):
                emit_prose(seg)  # a hard line break
                seg = []
            i += 1
        emit_prose(seg)
        para.clear()

    for t in lines:
        if t.strip():
            para.append(t)
        else:
            flush()
            out.append(t)
    flush()
    return out


def insert_page_furniture(lines: list[str], every: int = 55, header: str = "Side {n}") -> list[str]:
    """A page break every `every` lines, in mid-paragraph: a blank line, the header, a blank line."""
    out: list[str] = []
    page = 1
    for i, t in enumerate(lines, start=1):
        out.append(t)
        if i % every == 0:
            page += 1
            out.extend(["", header.format(n=page), ""])
    return out


def form_feeds(lines: list[str], every: int = 55) -> list[str]:
    """pdftotext's page breaks: a form feed opening every `every`-th line, in mid-paragraph."""
    return ["\f" + t if i and i % every == 0 else t for i, t in enumerate(lines)]


def crlf_nfd(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text).replace("\n", "\r\n")


def pdf_like(lines: list[str]) -> list[str]:
    """What a PDF text layer gives for the same page: no leading whitespace or tabs, NBSP as a space,
    runs of blank lines as one."""
    stripped = [t.replace("\t", " ").replace("\u00a0", " ").strip() for t in lines]
    return collapse_blank_lines(stripped)
