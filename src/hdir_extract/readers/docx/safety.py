"""Checks on a DOCX before any XML in it is parsed: a DOCX is an untrusted zip of XML.

- The zip's directory is read first; its entry count and the sum of the declared uncompressed sizes are
  bounded (a zip bomb is refused before anything is inflated). Python's zipfile never inflates an entry
  past its declared size, so a header that lies gives a CRC error, not a bigger file.
- Zip-level encryption, Excel and PowerPoint packages and zips without a Word main part get a one-line
  reason naming what the file is.
- No part may declare a DTD: Office Open XML forbids them (OPC, ECMA-376 Part 2), and a DTD is how
  entity expansion and external entities get in. The prolog of every XML part is scanned for
  "<!DOCTYPE"/"<!ENTITY" before python-docx parses anything (its lxml parser does not resolve entities,
  loads no DTD and uses no network either; this is the second line of defence).
"""

from __future__ import annotations

import io
import zipfile

from hdir_extract.readers.errors import SourceError

MAIN_PART = "word/document.xml"
# bytes read from the head of each XML part to find a DTD: a DOCTYPE can only stand in the prolog, before
# the root element, and Word's prolog is one short line
_PROLOG_BYTES = 4096


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


def _size(n: float) -> str:
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    return f"{n / 1e6:.1f} MB"


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise SourceError(f"corrupt .docx: not a readable zip archive ({_one_line(e)})") from e
    except (OSError, ValueError, EOFError) as e:
        raise SourceError(f"corrupt .docx: the zip archive cannot be read ({_one_line(e)})") from e


def check_package(data: bytes, max_unpacked_bytes: int, max_entries: int) -> None:
    """Raise SourceError unless `data` is a plausible, bounded Word package."""
    with open_zip(data) as zf:
        infos = zf.infolist()
        if len(infos) > max_entries:
            raise SourceError(
                f"DOCX has {len(infos)} zip entries, over the limit of {max_entries}: "
                "not a plausible document"
            )
        total = sum(i.file_size for i in infos)
        if total > max_unpacked_bytes:
            raise SourceError(
                f"DOCX unpacks to {_size(total)}, "
                f"over the limit of {max_unpacked_bytes / 1e6:.0f} MB (--max-mb)"
            )
        names = {i.filename for i in infos}
        _check_kind(names)
        if any(i.flag_bits & 0x1 for i in infos):
            raise SourceError("encrypted zip archive (password-protected): not a readable .docx")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _check_no_dtd(zf, info)


def _check_kind(names: set[str]) -> None:
    if MAIN_PART in names:
        return
    if "xl/workbook.xml" in names:
        raise SourceError("an Excel workbook (.xlsx), not a Word document: save it as PDF or plain text")
    if "ppt/presentation.xml" in names:
        raise SourceError("a PowerPoint presentation (.pptx), not a Word document: save it as PDF")
    if "content.xml" in names and "mimetype" in names:
        raise SourceError("an OpenDocument file (.odt/.ods), not a Word document: save it as .docx or PDF")
    raise SourceError(f"a zip archive without {MAIN_PART}: not a Word document (.docx)")


def _check_no_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    try:
        with zf.open(info) as f:
            head = f.read(_PROLOG_BYTES)
    except Exception as e:  # BadZipFile, zlib.error, NotImplementedError (compression method), EOFError
        raise SourceError(f"corrupt .docx: part {info.filename} cannot be unpacked ({_one_line(e)})") from e
    # NUL bytes out, so that a UTF-16 part is scanned as well as a UTF-8 one
    lowered = head.replace(b"\x00", b"").lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise SourceError(
            f"DOCX part {info.filename} declares a DTD, which Office Open XML does not allow: refused"
        )
