"""Readers turn raw file bytes into a `Document`: `text` for .txt, `markdown` for .md, `docx` for .docx,
`pdf` for .pdf, `html` for .html and .epub.

`read_document` decides by the bytes (magic numbers), not only by the file extension, so a PDF named
.txt is read as a PDF, a converter's Markdown renamed .txt is read as Markdown, a zip goes to the DOCX
reader (which names what else it is: a workbook, a presentation, a corrupt archive), and an old .doc
gets a clear message instead of garbage.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from hdir_extract.document import Document
from hdir_extract.readers.errors import SourceError
from hdir_extract.readers.sniff import sniff
from hdir_extract.readers.text import read_text


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024  # the file, and what a DOCX unpacks to (--max-mb)
    max_pages: int = 3000
    max_zip_entries: int = 10_000  # a DOCX has a few dozen parts; thousands is a zip bomb


def read_document(name: str, data: bytes, limits: Limits | None = None) -> Document:
    """Bytes of one file -> Document (not yet classified). Raises SourceError with a one-line reason."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise SourceError(
            f"file is {len(data) / 1e6:.1f} MB, over the limit of {limits.max_bytes / 1e6:.0f} MB (--max-mb)"
        )
    kind = sniff(name, data)
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from hdir_extract.readers.pdf import read_pdf  # pdfplumber is only imported when needed

        return read_pdf(name, data, sha, max_pages=limits.max_pages)
    if kind == "md":
        from hdir_extract.readers.markdown import read_markdown

        return read_markdown(name, data, sha)
    if kind == "docx":
        from hdir_extract.readers.docx import read_docx  # python-docx is only imported when needed

        return read_docx(
            name, data, sha, max_unpacked_bytes=limits.max_bytes, max_entries=limits.max_zip_entries
        )
    if kind == "html":
        from hdir_extract.readers.html import read_html

        return read_html(name, data, sha)
    if kind == "epub":
        return _read_epub(name, data, sha, limits)
    return read_text(name, data, sha)


def _read_epub(name: str, data: bytes, sha: str, limits: Limits) -> Document:
    """An EPUB is an untrusted zip too: its entries and unpacked size are bounded before anything is read."""
    import io
    import zipfile

    from hdir_extract.readers.html import read_epub

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise SourceError(f"corrupt EPUB: not a readable zip archive ({e})") from e
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if len(infos) > limits.max_zip_entries or total > limits.max_bytes:
            raise SourceError(
                f"EPUB has {len(infos)} entries unpacking to {total / 1e6:.1f} MB, over the limits "
                f"({limits.max_zip_entries} entries, {limits.max_bytes / 1e6:.0f} MB, --max-mb)"
            )
        return read_epub(name, data, sha, zf)


__all__ = ["Limits", "SourceError", "read_document"]
