"""Markdown source (Docling, Marker, pandoc, DOCX -> Markdown converters) -> Document with lines and blocks.

- `lines`: one per line of the file, 1-based, so a record's `linje` is the file's own line. The YAML
  front matter is counted but its lines are empty: it was added by a converter and must never be read as
  the document (type, year, date); its keys go to `Document.front_matter` for diagnostics.
- `blocks`: headings, paragraphs, list items, tables, captions, footnotes in reading order, built from
  markdown-it-py's token tree (each token's `.map` is its source line range); boxes found afterwards.
Page furniture a converter left (running heads, page numbers) is found by the text layout's rule on
the file's plain lines (`furniture.py`) and kept out of the blocks.
Parser settings: CommonMark with raw HTML allowed (converters emit `<sup>`, `<br>`, `<table>`), the GFM
pipe-table and strikethrough rules on, and the indented-code rule OFF: converters indent ordinary text by
four spaces, which CommonMark would otherwise swallow as a code block. A footnote definition "[^1]: …"
is escaped before parsing so that markdown-it does not take it for a link reference definition and drop
it. Judgement calls for each construct are documented in `builder.py`, `tables.py` and `boxes.py`.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from markdown_it import MarkdownIt

from hdir_extract.document import Document, Line
from hdir_extract.readers.markdown.boxes import find_boxes
from hdir_extract.readers.markdown.builder import Builder, attach_table_context, mark_lead_ins
from hdir_extract.readers.markdown.front_matter import front_matter_end, parse_front_matter
from hdir_extract.readers.markdown.furniture import furniture_of, page_furniture
from hdir_extract.readers.text import check_text, decode_utf8, file_lines

_FOOTNOTE_DEF = regex.compile(r"^([ \t]{0,3})\[\^", regex.MULTILINE)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).disable("code")


def read_markdown(name: str, data: bytes, sha256: str) -> Document:
    text = decode_utf8(data)
    raw_lines = file_lines(text)
    skip = front_matter_end(raw_lines)
    front = parse_front_matter(raw_lines[1 : skip - 1]) if skip else {}
    # the parser sees blank lines where the front matter stands, so token maps stay file line numbers
    body = [""] * skip + raw_lines[skip:]
    # running heads and page numbers a converter left between paragraphs: out of the blocks
    found = page_furniture(body)
    furniture = furniture_of(body, found)
    body = ["" if i in found else t for i, t in enumerate(body)]
    source = _FOOTNOTE_DEF.sub(r"\1\\[^", "\n".join(body))
    texts, blocks = Builder(parser(), raw_lines, skip).build(source)
    lines = [Line(no=i, text=t) for i, t in enumerate(texts, start=1)]
    check_text(text, [ln.text for ln in lines])
    blocks = mark_lead_ins(attach_table_context(blocks))
    blocks, boxes = find_boxes(blocks)
    return Document(
        dok_id="",
        source_file=name,
        sha256=sha256,
        format="md",
        lines=lines,
        blocks=blocks,
        boxes=boxes,
        furniture=furniture,
        front_matter=front,
    )


__all__ = ["parser", "read_markdown"]
