"""Runs of list items and their nesting: the items of one printed list, in order, as a tree.

A run is the list items that follow each other in the blocks, inside one box or outside every box.
What may stand between two items of a run without ending it:
- page furniture and footnotes (a page break fell inside the list);
- a "Status:", "Tiltak:" or "Effekt:" paragraph: it belongs to the item above (`labels`; a bare
  "Status:" takes the paragraphs below it as its text);
- a figure or table printed inside the list: a caption right after an item, then only the figure's own
  material (labels, short paragraphs, unnumbered headings) up to the next item with the same marker;
  no numbered heading, box boundary or colon lead-in (another list's) may stand between. Where the item
  the figure interrupted stops in mid-sentence, its rest is the end of the last block before the next
  item, from the line that goes on in lower case after a finished sentence ("… sykehusinnleggelse." /
  "sykehus eller legevakt, …": a text layer runs the figure's last words into the item's rest).

Nesting: depth as the layer gives it (a deeper item is a sub-item of the item above). A rendering that
prints a sub-list with the same marker and indent as its parent (a text layer) still tells it by the
words: an item that stops where items must complete it ("… ved å:") followed by items whose first
letter has the other case ("Videreføre … ved å:" / "vurdere …", "anmode …") holds those items, up to
the next item with the parent's case. Where the case is the same, nothing tells a sub-list apart, and
the items stay siblings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from hdir_extract.document import Block, Kind
from hdir_extract.extractors.tiltak import phrases

#: blocks between a figure's caption and the item the list goes on with, at most
MAX_FIGURE_BLOCKS = 100
_RESUME = regex.compile(r"[.!?]\s*$")


@dataclass(slots=True)
class Node:
    block: Block
    children: list[Node] = field(default_factory=list)
    #: ("status" | "tiltak" | "effekt", text, last line)
    labels: list[tuple[str, str, int]] = field(default_factory=list)
    #: the rest of an item a figure interrupted: (text, last line)
    rest: tuple[str, int] | None = None

    @property
    def text(self) -> str:
        return f"{self.block.text} {self.rest[0]}" if self.rest else self.block.text

    @property
    def last_line(self) -> int:
        last = self.rest[1] if self.rest else self.block.last_line
        for c in self.children:
            last = max(last, c.last_line)
        for _, _, ln in self.labels:
            last = max(last, ln)
        return last


@dataclass(slots=True)
class Run:
    start: int  # position in the body of the first item
    end: int  # position after the last block of the run
    roots: list[Node]


def _structural_heading(b: Block) -> bool:
    return b.kind is Kind.HEADING and (b.level is not None or b.number is not None or b.role == "box_title")


def _rest_of_item(block: Block) -> tuple[str, int] | None:
    """Where an interrupted item's rest starts inside `block`: the last line that goes on in lower case
    (not with a function word, which a figure's own wrapped labels do) after a finished sentence."""
    found = None
    for span in block.spans[1:] if block.spans else ():
        before, after = block.text[: span.start].rstrip(), block.text[span.start :]
        first = regex.match(r"\p{L}+", after)
        if (
            first
            and first.group(0)[0].islower()
            and first.group(0).casefold() not in phrases.FUNCTION_WORDS
            and _RESUME.search(before)
        ):
            found = (after.strip(), block.last_line)
    if found is None and block.text[:1].islower():
        found = (block.text, block.last_line)  # the layer kept the rest as a block of its own
    return found


def _after_figure(body: Sequence[Block], j: int, last: Block) -> int | None:
    """Position of the item the list goes on with after the figure whose caption is body[j]."""
    for k in range(j + 1, min(len(body), j + MAX_FIGURE_BLOCKS)):
        b = body[k]
        if b.kind is Kind.LIST_ITEM:
            return k if (b.marker, b.depth, b.box) == (last.marker, last.depth, last.box) else None
        if _structural_heading(b) or b.box != last.box:
            return None
        if b.kind is Kind.PARAGRAPH and b.text.rstrip().endswith(":"):
            return None  # another list's lead-in
    return None


def _gather(body: Sequence[Block], i: int) -> tuple[list[tuple[Block, tuple[str, int] | None]], list, int]:
    """The items of the run starting at body[i], each with an interrupted item's rest, the labelled
    paragraphs (attached after the item they follow), and the position after the run."""
    items: list[tuple[Block, tuple[str, int] | None]] = [(body[i], None)]
    labels: list[tuple[int, str, str, int]] = []  # (index of the item, label, text, last line)
    j = i + 1
    open_label: int | None = None  # index in `labels` of a bare "Status:" waiting for its text
    while j < len(body):
        b = body[j]
        last = items[-1][0]
        if b.kind is Kind.LIST_ITEM and b.box == last.box:
            items.append((b, None))
            open_label = None
        elif b.kind in (Kind.PARAGRAPH, Kind.HEADING) and b.box == last.box and phrases.label(b.text):
            name, text = phrases.label(b.text)  # type: ignore[misc]
            labels.append((len(items) - 1, name, text, b.last_line))
            open_label = len(labels) - 1 if not text else None
        elif open_label is not None and b.kind is Kind.PARAGRAPH and b.box == last.box:
            k, name, text, _ = labels[open_label]
            labels[open_label] = (k, name, f"{text} {b.text}".strip(), b.last_line)
        elif b.kind is Kind.CAPTION and (nxt := _after_figure(body, j, last)) is not None:
            if not phrases.ends_sentence(last.text):
                items[-1] = (last, _rest_of_item(body[nxt - 1]))
            j = nxt
            continue
        else:
            break
        j += 1
    return items, labels, j


def _nest(items: Sequence[tuple[Block, tuple[str, int] | None]]) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for block, rest in items:
        node = Node(block, rest=rest)
        while stack and stack[-1].block.depth >= block.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _infer_sublists(nodes: list[Node]) -> list[Node]:
    """Same-depth items that are a parent's sub-list by the words (see the module doc)."""
    out: list[Node] = []
    k = 0
    while k < len(nodes):
        node = nodes[k]
        k += 1
        case = phrases.first_letter_upper(node.block.text)
        if not node.children and case is not None and phrases.expects_items(node.text):
            while k < len(nodes) and phrases.first_letter_upper(nodes[k].block.text) is (not case):
                node.children.append(nodes[k])
                k += 1
        node.children = _infer_sublists(node.children)
        out.append(node)
    return out


def _move_labels(nodes: list[Node]) -> None:
    """Sub-items that are "Status:" / "Effekt:" / "Tiltak:" labels belong to their parent's labels."""
    for node in nodes:
        kept = []
        for child in node.children:
            found = phrases.label(child.block.text)
            if found:
                node.labels.append((*found, child.last_line))
            else:
                kept.append(child)
        node.children = kept
        _move_labels(node.children)


def runs(body: Sequence[Block]) -> list[Run]:
    out: list[Run] = []
    i = 0
    while i < len(body):
        if body[i].kind is not Kind.LIST_ITEM:
            i += 1
            continue
        items, labels, end = _gather(body, i)
        roots = _nest(items)
        by_block = {id(n.block): n for n in _walk(roots)}
        for k, name, text, last in labels:
            by_block[id(items[k][0])].labels.append((name, text, last))
        roots = _infer_sublists(roots)
        _move_labels(roots)
        out.append(Run(i, end, roots))
        i = end
    return out


def _walk(nodes: list[Node]):
    for n in nodes:
        yield n
        yield from _walk(n.children)


def flatten(nodes: list[Node]) -> list[Node]:
    """Every node below, in printed order."""
    return list(_walk(nodes))
