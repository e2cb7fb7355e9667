"""Recognise the file format from its first bytes; refuse what is not a document we read."""

from __future__ import annotations

from pathlib import PurePath

import regex

from hdir_extract.readers.errors import SourceError

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text", "")
_FRONT_MATTER = regex.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(?:[A-Za-z_][\w-]*[ \t]*:.*\r?\n)")
_ATX = regex.compile(rb"^#{1,6}[ \t]+\S", regex.MULTILINE)
_PIPE_SEPARATOR = regex.compile(rb"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", regex.MULTILINE)
_STRONG = regex.compile(rb"\*\*[^*\n]{1,200}\*\*")
_LINK = regex.compile(rb"\]\((?:https?://|#)[^)\s]*\)")
SNIFF_BYTES = 256 * 1024


def looks_like_markdown(data: bytes) -> bool:
    """A text file that is clearly Markdown (analysts rename converters' .md files to .txt): it opens with a
    YAML front-matter block, or it has at least three ATX headings ("# …") AND a pipe table, or at least
    three **bold** runs or three Markdown links ("[[1]](#footnote-1)"). Plain text with a stray "#" or
    "**" stays plain text."""
    head = data[:SNIFF_BYTES]
    if _FRONT_MATTER.match(head):
        return True
    if len(_ATX.findall(head)) < 3:
        return False
    if _PIPE_SEPARATOR.search(head):
        return True
    return len(_STRONG.findall(head)) >= 3 or len(_LINK.findall(head)) >= 3


def sniff(name: str, data: bytes) -> str:
    """'pdf', 'docx', 'epub', 'html', 'md' or 'txt'; raises SourceError for empty, binary, old Office or
    encrypted files.

    Every zip goes to the DOCX reader, which names what a zip that is not a Word document is."""
    head = data[:2048]
    suffix = PurePath(name).suffix.lower()
    if not data:
        raise SourceError("empty file (0 bytes)")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):  # a zip (PK\5\6: an empty one)
        # an EPUB stores its media type uncompressed as the first entry ("mimetypeapplication/epub+zip")
        return "epub" if b"mimetypeapplication/epub+zip" in head[:100] else "docx"
    if data.lstrip(b"\x00")[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf"
    if suffix == ".pdf":
        raise SourceError("not a PDF: the file has no %PDF- header (corrupt or not a PDF)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # an OLE compound file: an old .doc/.xls, or a password-protected .docx (Office keeps the
        # encrypted package as a stream named "EncryptedPackage" inside an OLE container)
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise SourceError(
                "an encrypted (password-protected) Office document: remove the password and save again"
            )
        raise SourceError("an old Office document (.doc/.xls), not text or PDF")
    if suffix == ".docx":
        raise SourceError("not a .docx: the file is not a zip archive (corrupt or not a Word document)")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("UTF-16 text (byte order mark found): save it as UTF-8")
    lowered = head.lstrip().lower()
    if (lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in lowered[:1024]) or (
        suffix in (".html", ".htm", ".xhtml")
    ):
        return "html"
    if b"\x00" in head:
        raise SourceError("binary content (NUL bytes), not a text document")
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix not in TEXT_SUFFIXES:
        raise SourceError(
            f"unsupported file type {suffix!r}: only .txt, .md, .pdf, .docx, .html and .epub are read"
        )
    return "md" if looks_like_markdown(data) else "txt"
