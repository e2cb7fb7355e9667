"""PDF source: page text in reading order, one `Line` per printed line with its page, furniture aside.

- Text: pypdfium2 characters (fast), grouped into words and lines by `pdf_layout` (two-column pages
  are read left column first; full-width headings and tables stay in place).
- Furniture: running heads/footers and page numbers (`pdf_furniture`) go to `Document.furniture`
  as (page, "topp"|"bunn", text), not into the body.
- Tables: only pages with rulings go through pdfplumber's table finder (`pdf_tables`); each table row
  is one line with its cells joined by TAB.
- Lines are kept as printed: no de-hyphenation here (the extractors join lines with
  `parsing.text.join_lines`, for text input too). A paragraph gap becomes one blank line, as in the
  text layer the corpus text was taken from.
"""

from __future__ import annotations

import io
from collections import Counter

import regex

from hdir_extract.document import Document, Furniture, Line
from hdir_extract.parsing.text import normalise_line
from hdir_extract.readers.errors import SourceError
from hdir_extract.readers.pdf.furniture import find_furniture
from hdir_extract.readers.pdf.layout import (
    Gutter,
    PageLine,
    PageText,
    Word,
    find_gutter,
    layout,
    mark_paragraph_gaps,
    page_words,
)
from hdir_extract.readers.pdf.tables import find_tables, has_rulings, inside

ENCRYPTED = "encrypted PDF: it needs a password; save an unprotected copy"
#: a page's gutter is trusted on its own with this many supporting rows; weaker evidence must agree
#: with the gutter the document's confident pages share
CONFIDENT_SUPPORT = 6


def _ranges(pages: list[int]) -> str:
    out, start, prev = [], pages[0], pages[0]
    for p in [*pages[1:], None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        if p is not None:
            start = prev = p
    return ", ".join(out)


def _check_complete(data: bytes) -> None:
    # pdfium repairs a cut-off file silently and reads what is left: a missing end marker means
    # pages may be missing, which must not pass as a complete document
    if b"%%EOF" not in data[-4096:]:
        raise SourceError("truncated PDF: the file ends without %%EOF (incomplete download?)")


def _open(data: bytes):  # -> pypdfium2.PdfDocument
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        # pdfium's error text can be stale (it reports the previous failure), so the reason is read
        # off the file: an /Encrypt dictionary, or a page tree that counts no pages
        if b"/Encrypt" in data:
            raise SourceError(ENCRYPTED) from e
        if regex.search(rb"/Type\s*/Pages\b", data) and not regex.search(rb"/Count\s*[1-9]", data):
            raise SourceError("PDF has zero pages") from e
        raise SourceError("corrupt PDF: the file structure cannot be parsed") from e


def _gutters(words: list[list[Word]]) -> list[Gutter | None]:
    """Per page; a weakly supported gutter only counts where it matches the document's usual one."""
    found = [find_gutter(w) for w in words]
    confident = Counter(
        (round(g.x0), round(g.x1)) for g in found if g is not None and g.support >= CONFIDENT_SUPPORT
    )
    usual = [k for k, _ in confident.most_common(3)]
    out: list[Gutter | None] = []
    for g in found:
        if g is not None and g.support < CONFIDENT_SUPPORT:
            agrees = any(abs(g.x0 - a) <= 3 and abs(g.x1 - b) <= 3 for a, b in usual)
            g = g if agrees else None
        out.append(g)
    return out


def _tables(data: bytes, ruled: list[int]) -> dict[int, list]:
    """Ruled tables per 1-based page (pdfplumber opens only these pages)."""
    if not ruled:
        return {}
    import pdfplumber

    out: dict[int, list] = {}
    with pdfplumber.open(io.BytesIO(data), pages=ruled) as pdf:
        for page in pdf.pages:
            try:
                found = find_tables(page)
            except Exception:  # a table the finder cannot read is left as plain text lines
                found = []
            if found:
                out[page.page_number] = found
            page.flush_cache()
    return out


def _page_lines(words: list[Word], gutter: Gutter | None, tables: list) -> list[PageLine]:
    if tables:
        words = [w for w in words if not any(inside(w, bbox) for bbox, _ in tables)]
    lines = layout(words, gutter)
    for _bbox, rows in tables:
        # a table stands where it is printed: before the first line below its top
        at = next((i for i, ln in enumerate(lines) if ln.column == 0 and ln.top >= rows[0].top), len(lines))
        lines[at:at] = rows
    mark_paragraph_gaps(lines)
    return lines


def read_pdf(name: str, data: bytes, sha256: str, max_pages: int = 3000) -> Document:
    _check_complete(data)
    pdf = _open(data)
    try:
        n = len(pdf)
        if n == 0:
            raise SourceError("PDF has zero pages")
        if n > max_pages:
            raise SourceError(f"PDF has {n} pages, over the limit of {max_pages} (--max-pages)")
        sizes: list[tuple[float, float]] = []
        words: list[list[Word]] = []
        ruled: list[int] = []
        for i in range(n):
            try:
                page = pdf[i]
                width, height = page.get_size()
                textpage = page.get_textpage()
                words.append(page_words(textpage, height))
                if has_rulings(page):
                    ruled.append(i + 1)
                textpage.close()
                page.close()
            except SourceError:
                raise
            except Exception as e:
                raise SourceError(f"corrupt PDF: page {i + 1}: {type(e).__name__}: {str(e)[:100]}") from e
            sizes.append((width, height))
    finally:
        pdf.close()
    empty = [i + 1 for i, w in enumerate(words) if not w]
    if len(empty) == n:
        raise SourceError(f"no text layer on pages {_ranges(empty)}: scanned PDF, OCR is not supported")
    tables = _tables(data, ruled)
    gutters = _gutters(words)
    pages = [
        PageText(i + 1, w, h, _page_lines(words[i], gutters[i], tables.get(i + 1, [])))
        for i, (w, h) in enumerate(sizes)
    ]
    furniture = find_furniture(pages)
    warnings: list[str] = []
    if empty:  # some pages only: the rest is read, and the analyst is told which pages are missing
        warnings.append(
            f"no text layer on pages {_ranges(empty)} of {n}: those pages are not read (OCR is not supported)"
        )
    return _document(name, sha256, pages, furniture, warnings)


def _document(
    name: str, sha256: str, pages: list[PageText], furniture: dict, warnings: list[str]
) -> Document:
    lines: list[Line] = []
    kept: list[Furniture] = []
    for page in pages:
        skip = {id(ln) for _, ln in furniture.get(page.page, [])}
        for where, ln in furniture.get(page.page, []):
            kept.append(Furniture(page.page, where, normalise_line(ln.text)))
        first = True
        for ln in page.lines:
            if id(ln) in skip or not ln.text.strip():
                continue
            if ln.gap_before and not first:
                lines.append(Line(no=len(lines) + 1, text="", page=page.page))
            lines.append(Line(no=len(lines) + 1, text=normalise_line(ln.text), page=page.page))
            first = False
    kept.sort(key=lambda f: (f.page, f.position == "bunn"))
    return Document(
        dok_id="",
        source_file=name,
        sha256=sha256,
        format="pdf",
        lines=lines,
        n_pages=len(pages),
        furniture=tuple(kept),
        warnings=tuple(warnings),
    )
