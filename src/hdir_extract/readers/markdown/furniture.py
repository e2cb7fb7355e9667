"""Page furniture a converter left in its Markdown: running heads and page numbers of the PDF it read
("Tildelingsbrev 2023 Helsedirektoratet 7", "Side 3 av 12", a bare "14"), each a paragraph of its own
between the page's last and the next page's first paragraph.

The rule is the text layout's (`readers/layout/furniture.py`: a short title with a page number at one
end recurring with rising numbers a page apart, bare page numbers counting pages, "Side N"), applied to
the file's plain lines only: a heading, list item, table row, HTML or quoted line is never furniture
(its Markdown syntax says what it is). Those lines are left out of the blocks and kept in `furniture`
(`sidemarg`); the document's lines keep them, so a line number still finds them in the file.
"""

from __future__ import annotations

import regex

from hdir_extract.document import Furniture
from hdir_extract.readers.layout.furniture import find_furniture
from hdir_extract.readers.layout.lines import SourceLine

#: a line whose Markdown syntax says what it is: heading, item, table row, quote, HTML, fence, image
_MARKUP = regex.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|\||>|<|`{3}|~{3}|!\[)")


def page_furniture(body: list[str]) -> dict[int, str]:
    """0-based indexes of the furniture lines of `body` (the file's lines, front matter blanked) ->
    "topp" | "bunn"."""
    lines = [
        SourceLine(no=i + 1, text="\t" if _MARKUP.match(t) else t.strip("*_ ")) for i, t in enumerate(body)
    ]
    return find_furniture(lines)


def furniture_of(body: list[str], found: dict[int, str]) -> tuple[Furniture, ...]:
    return tuple(Furniture(None, pos, body[i].strip(), i + 1) for i, pos in sorted(found.items()))
