"""Blocks from printed lines: the layout rules of the line-based formats (plain text, PDF), in one place.

Plain text and PDF give lines, not structure. `build_layout` turns them into the same blocks the
Markdown and DOCX readers get from their markup, once, for every extractor:

1. `furniture`: running heads, page numbers and "Side N" are page furniture wherever they stand;
2. `spacing`: which gaps between printed lines are paragraph breaks (a double-spaced text layer prints a
   blank line after every line; a page or column break can fall in mid-sentence);
3. `roles`: what each printed line is (heading with a valid next number, footnote with the next footnote
   number, list item, box start/end, caption, unit line, table row, text);
4. `tables`: table rows (TAB cells, cells one per line, reader-given cells, aligned numeric rows) grouped
   into tables with header rows, unit and caption, continued over page breaks;
5. `build`: blocks in reading order, wrapped lines joined and de-hyphenated, boxes.

A reader that knows more (a PDF's geometry) passes it on `SourceLine` (furniture, cells, gaps); the
rules here never depend on one typesetter's line breaks.
"""

from hdir_extract.readers.layout.build import Layout, build_layout
from hdir_extract.readers.layout.lines import SourceLine

__all__ = ["Layout", "SourceLine", "build_layout"]
