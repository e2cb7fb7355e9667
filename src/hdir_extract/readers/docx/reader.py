"""DOCX -> Document: the package is checked (safety.py), python-docx opens it, and the body, styles and
numbering XML are read directly (python-docx's paragraph objects know neither numbering nor hidden text,
and walking the XML once is what keeps a 1 MB document.xml well under a second)."""

from __future__ import annotations

import io

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from hdir_extract.document import Document
from hdir_extract.readers.docx.blocks import build
from hdir_extract.readers.docx.body import BodyReader
from hdir_extract.readers.docx.numbering import Numbering
from hdir_extract.readers.docx.safety import check_package
from hdir_extract.readers.docx.styles import Styles
from hdir_extract.readers.errors import SourceError


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


def _open(data: bytes) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(data))
    except SourceError:
        raise
    except ValueError as e:  # python-docx: "file … is not a Word file, content type is …"
        kind = _one_line(e).rsplit("content type is", 1)[-1].strip(" '\"")
        if "macroEnabled" in kind:
            raise SourceError("a macro-enabled Word document (.docm): save it as .docx") from e
        raise SourceError(f"not a Word document: its main part is {kind or 'of another kind'}") from e
    except (PackageNotFoundError, KeyError) as e:
        raise SourceError(f"corrupt .docx: a required part is missing ({_one_line(e)})") from e
    except etree.XMLSyntaxError as e:
        raise SourceError(f"corrupt .docx: XML error ({_one_line(e)})") from e
    except Exception as e:  # zipfile/zlib errors from inside python-docx: the package is damaged
        raise SourceError(f"corrupt .docx: {type(e).__name__}: {_one_line(e)}") from e


def _part_element(doc: docx.document.Document, name: str) -> etree._Element | None:
    # python-docx creates a default numbering/styles part when a package has none: look first
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rel_type = {"styles": RT.STYLES, "numbering": RT.NUMBERING}[name]
    for rel in doc.part.rels.values():
        if rel.reltype == rel_type and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


def read_docx(name: str, data: bytes, sha256: str, max_unpacked_bytes: int, max_entries: int) -> Document:
    check_package(data, max_unpacked_bytes, max_entries)
    doc = _open(data)
    styles = Styles.from_element(_part_element(doc, "styles"))
    numbering = Numbering(_part_element(doc, "numbering"), styles)
    reader = BodyReader(styles, numbering)
    try:
        items = reader.read(doc.element.body)
    except RecursionError as e:
        raise SourceError("DOCX nests content too deeply to read") from e
    result = build(items, styles)
    if not any(line.text.strip() for line in result.lines):
        raise SourceError("no text: the Word document holds no paragraph or table with text")
    return Document(
        dok_id="",
        source_file=name,
        sha256=sha256,
        format="docx",
        lines=result.lines,
        blocks=result.blocks,
        boxes=result.boxes,
        warnings=tuple(dict.fromkeys(reader.warnings)),
    )
