"""The document's body as pieces: its blocks in reading order, furniture left out, a paragraph cut where
one of its printed lines stands on its own.

The layout joins a printed line to the paragraph around it where nothing separates them (no blank
line, no markup), and some of those lines structure a list of resolutions: a "Vedtak nr. 614,
7. mai 2024" entry header or a "Stortingssesjon (2023–2024)" marker is always a piece of its own, and a
title the layout joined to a paragraph (`titles.py`) is cut off where the entries need it.
"""

from __future__ import annotations

import itertools

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.anmodningsvedtak.headers import stands_alone
from hdir_extract.extractors.anmodningsvedtak.pieces import Piece, cut, document_blocks, joined, whole
from hdir_extract.extractors.anmodningsvedtak.titles import continues_into, measured, title_spans


def body_pieces(doc: Document) -> list[Piece]:
    """Every block but furniture, in reading order, cut where a printed line stands alone."""
    measure = measured(doc.format)
    out: list[Piece] = []
    for block in document_blocks(doc):
        if block.kind is Kind.FURNITURE:
            continue
        piece = whole(block)
        if block.kind in (Kind.PARAGRAPH, Kind.HEADING) and len(piece.spans) > 1:
            out.extend(_cut_at(piece, _alone_lines(piece)))
        else:
            out.append(piece)
    # only the line-based layout guesses a one-line title; Markdown's headings are its markup
    return _cut_titles(_rejoined(out) if doc.format == "txt" else out, measure)


def _alone_lines(piece: Piece) -> set[int]:
    cuts: set[int] = set()
    for start, end, _ in piece.printed_lines():
        if stands_alone(piece.text[start:end].strip()):
            cuts |= {start, end}
    return cuts


def _cut_at(piece: Piece, cuts: set[int]) -> list[Piece]:
    if not cuts - {0, len(piece.text)}:
        return [piece]
    bounds = sorted(cuts | {0, len(piece.text)})
    parts = [cut(piece, a, b) for a, b in itertools.pairwise(bounds)]
    return [p for p in parts if p.text]


def _rejoined(pieces: list[Piece]) -> list[Piece]:
    """A one-line heading or paragraph that is a full line of the paragraph after it goes back into it."""
    out: list[Piece] = []
    for p in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in (Kind.HEADING, Kind.PARAGRAPH)
            and not stands_alone(prev.text)
            and continues_into(prev, p)
        ):
            out[-1] = joined(prev, p)
        else:
            out.append(p)
    return out


def _cut_titles(pieces: list[Piece], measure: bool) -> list[Piece]:
    """Titles inside paragraphs become pieces of their own; one ending a paragraph only right above a
    heading, an entry header or a marker (else a short last line could be one)."""
    out: list[Piece] = []
    for i, p in enumerate(pieces):
        if p.kind is not Kind.PARAGRAPH or len(p.spans) < 2:
            out.append(p)
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        at_end = nxt is not None and (nxt.kind is Kind.HEADING or stands_alone(nxt.text))
        out.extend(_cut_at(p, {x for span in title_spans(p, at_end, measure) for x in span}))
    return out
