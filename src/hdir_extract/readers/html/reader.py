"""Read an HTML page or an EPUB into a Document."""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree, html

from hdir_extract.document import Document
from hdir_extract.readers.errors import SourceError
from hdir_extract.readers.html.assemble import assemble
from hdir_extract.readers.html.items import Item, items_of

# never fetch, never expand entities: the file is untrusted
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "c": "urn:oasis:names:tc:opendocument:xmlns:container"}


def _encoding(data: bytes) -> str | None:
    """The page's encoding: what it declares, else UTF-8 when it decodes as UTF-8 (lxml would otherwise
    take an undeclared page for Latin-1), else Windows-1252."""
    head = data[:4096].lower()
    if b"charset=" in head or b"encoding=" in head:
        return None  # declared: lxml reads the declaration
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "windows-1252"


def _parse_html(data: bytes) -> html.HtmlElement:
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, encoding=_encoding(data))
    try:
        return html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise SourceError(f"HTML that cannot be parsed: {' '.join(str(e).split())[:120]}") from e


def _document(name: str, sha256: str, fmt: str, items: list[Item]) -> Document:
    lines, blocks, boxes = assemble(items)
    if not any(b.text.strip() for b in blocks):
        raise SourceError(f"no text: the {fmt.upper()} holds no readable text")
    return Document(
        dok_id="", source_file=name, sha256=sha256, format=fmt, lines=lines, blocks=blocks, boxes=boxes
    )


def read_html(name: str, data: bytes, sha256: str) -> Document:
    return _document(name, sha256, "html", items_of(_parse_html(data)))


def _spine(zf: zipfile.ZipFile) -> list[str]:
    """The EPUB's content files in reading order (container.xml -> the OPF's spine)."""
    try:
        container = etree.fromstring(zf.read("META-INF/container.xml"), _XML)
        opf_path = container.xpath("//c:rootfile/@full-path", namespaces=_OPF_NS)[0]
        opf = etree.fromstring(zf.read(opf_path), _XML)
    except (KeyError, IndexError, etree.XMLSyntaxError) as e:
        raise SourceError("corrupt EPUB: no readable package (META-INF/container.xml, .opf)") from e
    base = posixpath.dirname(opf_path)
    manifest = {
        item.get("id"): item.get("href") for item in opf.xpath("//opf:manifest/opf:item", namespaces=_OPF_NS)
    }
    hrefs = [
        manifest.get(ref.get("idref")) for ref in opf.xpath("//opf:spine/opf:itemref", namespaces=_OPF_NS)
    ]
    return [posixpath.normpath(posixpath.join(base, h)) for h in hrefs if h]


def read_epub(name: str, data: bytes, sha256: str, zf: zipfile.ZipFile) -> Document:
    items: list[Item] = []
    for path in _spine(zf):
        try:
            part = zf.read(path)
        except KeyError:
            continue  # a spine entry whose file is missing: the rest is still read
        items.extend(items_of(_parse_html(part)))
    return _document(name, sha256, "epub", items)
