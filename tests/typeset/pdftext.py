"""Style "pdftext": the plain text a PDF-to-text tool extracts from the "onecolumn" rendering, as an
analyst often receives a published document (pdftotext, pdfplumber's `extract_text()`).

The one-column PDF (tests/typeset/onecolumn.py) read back by pdfplumber without layout: lines in
reading order, words single-spaced, no blank line between paragraphs, table cells apart by one space
(no TAB, no column alignment), the running head and "Side N" footer inline, and a form feed between
pages. The file is read as text (".txt"): nothing of the PDF's geometry survives.
"""

from __future__ import annotations

import io

import pdfplumber
from tests.typeset.onecolumn import typeset as typeset_onecolumn
from tests.typeset.source import Element


def typeset(title: str, els: list[Element]) -> bytes:
    pdf = typeset_onecolumn(title, els)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [page.extract_text() or "" for page in doc.pages]
    return "\f".join(pages).encode("utf-8")
