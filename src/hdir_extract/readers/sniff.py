"""Recognise the file format from its first bytes; refuse what is not a text or PDF document."""

from __future__ import annotations

from pathlib import PurePath

from hdir_extract.readers.errors import SourceError


def sniff(name: str, data: bytes) -> str:
    """'pdf' or 'txt'; raises SourceError for empty, binary, office or HTML files."""
    head = data[:2048]
    suffix = PurePath(name).suffix.lower()
    if not data:
        raise SourceError("empty file (0 bytes)")
    if data.lstrip(b"\x00")[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf"
    if suffix == ".pdf":
        raise SourceError("not a PDF: the file has no %PDF- header (corrupt or not a PDF)")
    if head.startswith(b"PK\x03\x04"):
        kind = "a Word document (.docx)" if b"word/" in data[:65536] else "a zip archive (e.g. .docx/.xlsx)"
        raise SourceError(f"{kind}, not text or PDF: save it as PDF or plain text")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError("an old Office document (.doc/.xls), not text or PDF")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("UTF-16 text (byte order mark found): save it as UTF-8")
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        raise SourceError("an HTML page, not text or PDF: save the document as PDF or plain text")
    if b"\x00" in head:
        raise SourceError("binary content (NUL bytes), not a text document")
    if suffix not in (".txt", ".text", ""):
        raise SourceError(f"unsupported file type {suffix!r}: only .txt and .pdf are read")
    return "txt"
