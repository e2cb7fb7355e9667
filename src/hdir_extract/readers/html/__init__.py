"""HTML and EPUB readers: the page's structure (headings, paragraphs, lists, tables, boxes) as blocks.

HTML is parsed with lxml's HTML parser (no network, no entities resolved); an EPUB is a zip whose spine
lists XHTML files, read in spine order as one document. `linje` is the line of `hdir-extract text FILE`:
one line per heading, paragraph, list item and table row.
"""

from hdir_extract.readers.html.reader import read_epub, read_html

__all__ = ["read_epub", "read_html"]
