"""tiltak: the government's commitments ("Regjeringen vil") from white papers (Meld. St.), read from the
document's blocks, whatever the rendering (text, PDF, DOCX, Markdown).

The reading layer has decided the layout (furniture, paragraphs, list items with their depth, headings,
boxes); this package only reads what the words announce:
- `items`: runs of list items and their nesting (sub-items, "Status:"/"Effekt:" parts, figures
  printed inside a list);
- `lists`: which lists are commitments, under which lead-in, in which box or section;
- `records`: one `Tiltak` per commitment.
"""

from __future__ import annotations

from hdir_extract.document import Block, Document, Kind
from hdir_extract.extractors.tiltak import items, lists, records
from hdir_extract.extractors.tiltak.context import locate
from hdir_extract.models import Record

# A page break's furniture and the footnotes it prints never end a list or a box.
_ASIDE = (Kind.FURNITURE, Kind.FOOTNOTE)


def _body(doc: Document) -> list[Block]:
    """Blocks in reading order, without furniture, footnotes and the "Boks N.M forts." titles that
    repeat a box's title on the next page."""
    firsts = {box.first_block for box in doc.boxes}
    return [
        b
        for i, b in enumerate(doc.blocks)
        if b.kind not in _ASIDE and not (b.role == "box_title" and b.box is not None and i not in firsts)
    ]


def extract(doc: Document) -> list[Record]:
    body = _body(doc)
    ctx = locate(body)
    found = lists.commitments(body, doc.boxes, ctx, items.runs(body))
    return list(records.records(doc.dok_id, found))
