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


def shift_years(lines: list[str], delta: int = 1) -> list[str]:
    """Next year's edition: every year 1980-2039 moves by `delta` (ids, sessions and dates too)."""
    return [_YEAR.sub(lambda m: str(int(m.group(1)) + delta), t) for t in lines]


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


def reflow_prose(lines: list[str], width: int = 90) -> list[str]:
    """Re-typeset: paragraphs of plain prose (three or more lines, no table or list lines) are joined,
    de-hyphenated and wrapped at `width`. Headings, lists and tables are left as printed."""
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if len(para) >= 3 and not any(_TABLE_LIKE.search(p) for p in para):
            out.extend(textwrap.wrap(join_lines(para), width=width, break_on_hyphens=False))
        else:
            out.extend(para)
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


def crlf_nfd(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text).replace("\n", "\r\n")
