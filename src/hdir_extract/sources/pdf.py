"""PDF source (pdfplumber): page text in reading order, one `Line` per text line with its page.

This first version reads each page's text as pdfplumber lays it out. Column detection, page furniture
(`sidemarg`) and table cells are added by the PDF issue behind the same `read_pdf` signature.
"""

from __future__ import annotations

import io

from hdir_extract.document import Document, Line
from hdir_extract.parsing.text import normalise_line
from hdir_extract.sources.errors import SourceError


def _open(data: bytes):  # -> pdfplumber.PDF
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise SourceError("encrypted PDF: it needs a password; save an unprotected copy") from e
    except Exception as e:  # pdfminer raises many types for broken files
        if "password" in str(e).lower() or "encrypt" in type(e).__name__.lower():
            raise SourceError("encrypted PDF: it needs a password; save an unprotected copy") from e
        raise SourceError(f"corrupt PDF: {type(e).__name__}: {str(e)[:120] or 'cannot parse'}") from e


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


def read_pdf(name: str, data: bytes, sha256: str, max_pages: int = 3000) -> Document:
    pdf = _open(data)
    try:
        try:
            pages = pdf.pages
            n = len(pages)
        except Exception as e:
            raise SourceError(f"corrupt PDF: {type(e).__name__}: {str(e)[:120]}") from e
        if n == 0:
            raise SourceError("PDF has zero pages")
        if n > max_pages:
            raise SourceError(f"PDF has {n} pages, over the limit of {max_pages} (--max-pages)")
        lines: list[Line] = []
        empty: list[int] = []
        for pno, page in enumerate(pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as e:
                raise SourceError(f"corrupt PDF: page {pno}: {type(e).__name__}: {str(e)[:100]}") from e
            if not text.strip():
                empty.append(pno)
            for raw in text.split("\n"):
                lines.append(Line(no=len(lines) + 1, text=normalise_line(raw), page=pno))
            page.flush_cache()
        if len(empty) == n:
            raise SourceError(f"no text layer on pages {_ranges(empty)}: scanned PDF, OCR is not supported")
        return Document(dok_id="", source_file=name, sha256=sha256, format="pdf", lines=lines, n_pages=n)
    finally:
        pdf.close()
