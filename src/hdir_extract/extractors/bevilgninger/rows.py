"""Row-per-line budget tables (a real typeset Prop. 1 S read from its PDF) as one cell per line.

The web edition of Prop. 1 S prints one table cell per line; a typeset PDF prints one table ROW per
line: "01 Driftsutgifter 1 396 688 1 538 891 1 591 294", "Sum kap. 0740 1 671 584 1 661 982 1 716 331",
in the resolution "740 Helsedirektoratet" / "1 Driftsutgifter 1 591 294 000". The amounts after the
name run together with single spaces, or are split by a TAB where the PDF reader saw a wide gap.

`expand_rows` gives a view of the document in the cell-per-line form the Prop parser reads: each row
line becomes a post (or kapittel) cell, a name cell and one cell per TAB-separated amount chunk. A
chunk may still hold several amounts run together; its view line is marked in `RowView.runs` and the
parser splits it with the table's arithmetic (`prop._options`). `line_map` takes every view line back
to the line of the document where it is printed, so each record's `linje` points at the real line.

Only tables that announce the row layout are expanded: a column header on one line ("Post Betegnelse
Regnskap 2023 ...", "Kap. Post Kroner Kroner") or a "Sum kap." row with its amounts on the same line.
A document printed cell per line passes through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document, Line

#: a kapittel table's column header on one line: "Post Betegnelse Regnskap 2023 Saldert budsjett ..."
KAP_HEADER_LINE = regex.compile(
    r"^\s*(?:Post|Kap\.?)\s+(?:Post\s+)?Betegnelse\b.*\b(?:Regnskap|Forslag|budsjett)\b", regex.I
)
#: the resolution's column header on one line: "Kap. Post Kroner Kroner" (also "VK Kap. Post ...")
VEDTAK_HEADER_LINE = regex.compile(r"^\s*(?:VK\s+)?Kap\.?\s+Post\b.*\bKroner\s+Kroner\s*$", regex.I)
SUM_KAP_ROW = regex.compile(r"^\s*(Sum\s+kap\.?\s*\d{1,4})[\t ]+([-\u2212\u2013]?\d.*)$", regex.I)
#: a number printed as part of a post name ("kan nyttes under post 70", "postene 70 og 71")
#: ("postene 70 og 71", "postene 72, 73 og 75", "f.o.m. 2008"); "og" only after a number
NAME_NUMBER_WORD = regex.compile(r"^(?:post(?:ene)?|kap\.?|nr\.?|kapittel|[ft]\.o\.m\.|fra|til)$", regex.I)
AMOUNT_WORD = regex.compile(r"^[-\u2212\u2013]?\d+(?:,\d+)?$")
LEADING_NUMBER = regex.compile(r"^\s*(\d{1,4})[\t ]+(?=\p{L})")
#: running text ends a table region
PROSE = regex.compile(r"^.{100,}$|^.{50,}[.:]\s*$")
SECTION_END = regex.compile(r"^\s*(?:[IVX]+|Inntekter:|Utgifter:)\s*$")


@dataclass(slots=True)
class RowView:
    doc: Document
    line_map: dict[int, int] = field(default_factory=dict)  # view line -> document line
    runs: frozenset[int] = frozenset()  # view lines holding an amount chunk that may hold several


def _split_amounts(text: str) -> tuple[str, list[str]]:
    """(label, amount chunks): the trailing amounts of a row line, one chunk per TAB-separated part.

    The label ends at its last word; a number right after "post", "postene", "og", "kap." belongs to
    the name ("kan nyttes under post 70 12 005 ..."), not to the amounts."""
    parts = regex.split(r"(\t| +)", text.strip())
    words = parts[0::2]
    k = len(words)
    while k > 0 and AMOUNT_WORD.match(words[k - 1]):
        k -= 1
    while 0 < k < len(words) and (
        NAME_NUMBER_WORD.match(words[k - 1])
        or (words[k - 1].lower() == "og" and k >= 2 and regex.match(r"^\d+,?$", words[k - 2]))
    ):
        k += 1  # the number after "post" is part of the name
    if k == 0 or k == len(words):
        return text.strip(), []
    label = "".join(parts[: 2 * k - 1]).strip()
    run = "".join(parts[2 * k :])
    chunks = [c.strip() for c in run.split("\t") if c.strip()]
    return label, chunks


def _is_amounts(text: str) -> bool:
    return all(AMOUNT_WORD.match(w) for w in text.split()) and bool(text.split())


def expand_rows(doc: Document, is_furniture: Callable[[int], bool]) -> RowView | None:
    """The cell-per-line view of a document with row-per-line tables, or None if it has none.
    Page furniture between rows (`is_furniture(line no)`) is passed through as it is."""
    heads = (KAP_HEADER_LINE, VEDTAK_HEADER_LINE, SUM_KAP_ROW)
    if not any(h.match(ln.text) for ln in doc.lines for h in heads):
        return None
    out: list[tuple[str, int, bool]] = []  # (text, document line, amount chunk)
    region: str | None = None  # "kap" | "vedtak" | None
    last_row = -1  # index in `out` of the last post row's first amount chunk (-1: none)
    awaiting_amounts = False  # a post row printed its name but no amounts yet (wrapped name)

    def emit_row(no: int, cells: list[str], chunks: list[str]) -> None:
        nonlocal last_row, awaiting_amounts
        out.extend((c, no, False) for c in cells)
        last_row = len(out) if chunks else -1
        out.extend((c, no, True) for c in chunks)
        awaiting_amounts = not chunks

    for ln in doc.lines:
        t = ln.text
        s = t.strip()
        if KAP_HEADER_LINE.match(t) or VEDTAK_HEADER_LINE.match(t):
            region = "vedtak" if VEDTAK_HEADER_LINE.match(t) else "kap"
            words = s.split()
            # "Post" on its own cell opens the header; the vedtak header keeps one cell per word
            cells = words if region == "vedtak" else [words[0], " ".join(words[1:])]
            out.extend((c, ln.no, False) for c in cells)
            last_row, awaiting_amounts = -1, False
            continue
        if (region is None and not SUM_KAP_ROW.match(t)) or is_furniture(ln.no):
            out.append((t, ln.no, False))
            continue
        if not s:
            out.append((t, ln.no, False))
            continue
        prose = PROSE.match(s) and not _split_amounts(t)[1]  # (a long row line still ends in amounts)
        if SECTION_END.match(t) or prose or regex.match(r"^\s*Kap\.\s+\d{1,4}\s+\p{L}", t):
            region, last_row, awaiting_amounts = None, -1, False
            out.append((t, ln.no, False))
            continue
        if m := SUM_KAP_ROW.match(t):
            _label, chunks = _split_amounts(t)
            out.append((m.group(1), ln.no, False))
            out.extend((c, ln.no, True) for c in chunks)
            last_row, awaiting_amounts = -1, False
            if region == "kap":
                region = None
            continue
        if _is_amounts(s):
            # amounts on a line of their own (a kapittel total, a wrapped row's amounts)
            chunks = [c.strip() for c in s.split("\t") if c.strip()] if "\t" in t else [s]
            out.extend((c, ln.no, True) for c in chunks)
            awaiting_amounts = False
            continue
        m = LEADING_NUMBER.match(t)
        label, chunks = _split_amounts(t[m.end() :] if m else t)
        if m:
            emit_row(ln.no, [m.group(1), label], chunks)
        elif s.lower().startswith("sum"):
            out.append((label, ln.no, False))
            out.extend((c, ln.no, True) for c in chunks)
            last_row, awaiting_amounts = -1, False
        elif awaiting_amounts:
            # the wrapped name's last line, with the row's amounts when it has them
            out.append((label, ln.no, False))
            out.extend((c, ln.no, True) for c in chunks)
            awaiting_amounts = not chunks
            last_row = -1 if awaiting_amounts else last_row
        elif last_row >= 0 and not chunks:
            # a wrapped name printed under its row's amounts: the name cell goes before them
            out.insert(last_row, (s, ln.no, False))
            last_row += 1
        else:
            out.append((t, ln.no, False))
    lines = [Line(no=i, text=text, page=doc.page(no)) for i, (text, no, _r) in enumerate(out, start=1)]
    view = doc.with_lines(lines)
    line_map = {i: no for i, (_t, no, _r) in enumerate(out, start=1)}
    runs = frozenset(i for i, (_t, _no, r) in enumerate(out, start=1) if r)
    return RowView(view, line_map, runs)
