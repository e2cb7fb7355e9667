"""Plain-text source: strict UTF-8, line endings and Unicode normalised, lines kept 1-based as in the file."""

from __future__ import annotations

from hdir_extract.document import Document, Line
from hdir_extract.parsing.text import normalise_text
from hdir_extract.readers.errors import SourceError
from hdir_extract.readers.layout import SourceLine, build_layout


def decode_utf8(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(
            f"not valid UTF-8: undecodable byte 0x{data[e.start]:02x} at byte offset {e.start}"
        ) from e


def split_lines(text: str) -> list[str]:
    # Only CR/LF end a line: str.splitlines() would also split on form feeds and U+2028, which would
    # shift line numbers away from what an editor shows.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def file_lines(text: str) -> list[str]:
    """The file's lines as an editor numbers them (a final newline does not start a line)."""
    raw_lines = split_lines(text)
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    return raw_lines


def check_text(text: str, line_texts: list[str]) -> None:
    """Refuse a file with no visible text, or one that is binary content in a text file's name."""
    if not any(t.strip() for t in line_texts):
        raise SourceError("no text: the file holds only whitespace or invisible characters")
    control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > 0.01 * min(len(text), 20000):
        raise SourceError("binary content (control characters), not a text document")


def form_feed_pages(raw: list[str]) -> tuple[list[str], list[int | None]]:
    """Lines without form feeds, and each line's page where the file marks its pages with them (a
    PDF's text layer as pdftotext writes it: a form feed opens each page after the first, most often at
    the start of that page's first line). Without any form feed, pages are unknown (None)."""
    if not any("\f" in t for t in raw):
        return raw, [None] * len(raw)
    page, pages, out = 1, [], []
    for t in raw:
        lead = len(t) - len(t.lstrip("\f"))
        page += lead
        pages.append(page)
        page += t.count("\f") - lead  # a form feed after the line's text: the next line is a new page
        out.append(t.replace("\f", ""))
    return out, pages


def read_text(name: str, data: bytes, sha256: str) -> Document:
    text = decode_utf8(data)
    raw, pages = form_feed_pages(file_lines(normalise_text(text)))
    # the layout sees trailing TABs: a line holding only a TAB is an empty table cell, not a blank line
    # (`normalise_line(t, keep_tabs=True)` for every line, its Unicode part done once for the file)
    with_tabs = [t.rstrip(" \r\n\v") for t in raw]
    numbered = enumerate(zip(with_tabs, pages, strict=True), start=1)
    lines = [Line(no=i, text=t.rstrip(), page=pg) for i, (t, pg) in numbered]
    check_text(text, [ln.text for ln in lines])
    layout = build_layout(
        [SourceLine(i, t, page=pg) for i, (t, pg) in enumerate(zip(with_tabs, pages, strict=True), start=1)]
    )
    return Document(
        dok_id="",
        source_file=name,
        sha256=sha256,
        format="txt",
        lines=lines,
        blocks=layout.blocks,
        boxes=layout.boxes,
        furniture=layout.furniture,
        n_pages=pages[-1] if pages and pages[-1] is not None else None,
    )
