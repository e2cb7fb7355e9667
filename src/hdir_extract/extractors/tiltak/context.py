"""Where a block stands: its chapter (`kapittel`) and its section heading (a list's `kilde` outside boxes).

Judgement calls:
- The chapter is the nearest heading above at the document's top heading level (level 1 where the
  rendering numbers its chapters or tags them "#"; the smallest level a converter used otherwise),
  printed as it stands: "7 En sammenhengende …" where numbered, the title alone where not.
- The section is the nearest heading above with a known level. A line-based text also has headings of
  unknown level (figure labels, short titles the layer could not place); they name no section, unless
  the document has no levelled heading at all.
- Box titles and "Regjeringen vil" titles are never a section: they are the list's own title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hdir_extract.document import Block, Kind
from hdir_extract.extractors.tiltak import phrases


@dataclass(frozen=True, slots=True)
class Context:
    chapter: tuple[str | None, ...]  # per block: the chapter heading as printed
    section: tuple[str | None, ...]  # per block: the section heading as printed


def _is_structural(b: Block) -> bool:
    return b.kind is Kind.HEADING and b.role != "box_title" and not phrases.is_title(b.text)


def _printed(b: Block) -> str:
    return " ".join(b.text.split())


def locate(blocks: Sequence[Block]) -> Context:
    heads = [b for b in blocks if _is_structural(b)]
    levels = [b.level for b in heads if b.level is not None]
    top = min(levels) if levels else None
    chapter: list[str | None] = []
    section: list[str | None] = []
    cur_chapter: str | None = None
    cur_section: str | None = None
    for b in blocks:
        if _is_structural(b):
            if top is not None and b.level == top:
                cur_chapter = _printed(b)
            if b.level is not None or top is None:
                cur_section = _printed(b)
        chapter.append(cur_chapter)
        section.append(cur_section)
    return Context(tuple(chapter), tuple(section))
