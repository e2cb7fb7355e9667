"""Assignment ids as they stand on the lines of a document, including an id wrapped over two lines
("... i sammenheng med TB2025-" + "103, som har frist").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hdir_extract.document import Document
from hdir_extract.parsing.ids import canonical, find_ids

_DASH = r"[-\u2010-\u2015\u2212]"
# an id cut at the line end after its year: "TB2025-", "TTB 2024 –"
_CUT_ID = regex.compile(
    rf"(?<![A-Za-zÆØÅæøå])(?P<prefix>TTB|TB)\s?(?:{_DASH}\s?)?(?P<year>20\d\d)\s?{_DASH}\s*$"
)
# the rest on the next line: "103", or two ids sharing the prefix "40/41"
_CUT_TAIL = regex.compile(r"^\s*(?P<nr>\d{1,3})(?!\d)(?P<more>(?:\s?/\s?\d{1,3}(?!\d))*)")


@dataclass(frozen=True, slots=True)
class IdOnLine:
    linje: int
    start: int  # character offset on the line where the id starts
    raw: str
    oppdrag_id: str


def ids_on_line(doc: Document, no: int) -> list[IdOnLine]:
    """Every id printed on line `no` (an id wrapped to the next line counts on this line)."""
    text = doc.text(no)
    out = [IdOnLine(no, m.start, m.raw.strip(), m.oppdrag_id) for m in find_ids(text)]
    cut = _CUT_ID.search(text)
    if cut:
        # double-spaced text puts a blank line (or two) between the two halves
        nxt = no + 1
        while nxt <= min(no + 3, len(doc.lines) - 1) and not doc.text(nxt).strip():
            nxt += 1
        tail = _CUT_TAIL.match(doc.text(nxt))
        if tail:
            raw = f"{cut.group(0).strip()} {tail.group(0).strip()}"
            for nr in [tail.group("nr"), *regex.findall(r"\d{1,3}", tail.group("more"))]:
                out.append(
                    IdOnLine(no, cut.start(), raw, canonical(cut.group("prefix"), cut.group("year"), nr))
                )
    return out


def all_ids(doc: Document) -> list[IdOnLine]:
    out: list[IdOnLine] = []
    for ln in doc.lines:
        if "TB" in ln.text:
            out.extend(ids_on_line(doc, ln.no))
    return out
