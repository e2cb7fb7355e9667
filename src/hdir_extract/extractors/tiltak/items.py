"""Runs of list items and their nesting: the items of one printed list, in order, as a tree.

A run is the list items that follow each other in the blocks, inside one box or outside every box.
What may stand between two items of a run without ending it (judgement calls, each a list rule):
- page furniture and footnotes (a page break fell inside the list): the caller leaves them out;
- a "Status:", "Tiltak:" or "Effekt:" paragraph: it belongs to the item above (`labels`; a bare
  "Status:" takes the paragraphs below it as its text);
- a paragraph the reader left unplaced that leads nothing in (no colon or open end, no "Regjeringen
  vil" title, no label), followed by the list's next item, where it ends without a full stop as the
  items do or the item above stopped in mid-sentence: the item's own further paragraph
  ("… Tvangslovutvalget." / "Det er sentralt …"), or the rest of an item a layer without blank lines
  broke off at a capital ("Gi føringer om at kompetansenettverket" / "InnoMed fra 2024 …"); at most
  `MAX_ITEM_PARAGRAPHS`;
- a figure or table printed inside the list: a caption right after an item, then only the figure's own
  material (labels, short paragraphs, unnumbered headings) up to the next item with the same marker;
  no numbered heading, box boundary or colon lead-in (another list's) may stand between. Where the item
  the figure interrupted stops in mid-sentence, its rest is the end of the last block before the next
  item, from the line that goes on in lower case after a finished sentence ("… sykehusinnleggelse." /
  "sykehus eller legevakt, …": a text layer runs the figure's last words into the item's rest).
What ends a run and starts the next: the next group's lead-in. A layer without paragraph breaks may run
it into the last item of the group above ("… arbeidsmiljø- og helsemyndighetene" / "Regjeringen vil
fremme kvinners helse gjennom å"): a line of an item that starts, in upper case after a line that could
end but ends no sentence (items end without a full stop; after one, the next sentence is the item's
own), a sentence leading in the items below (a colon, or "regjeringen vil" and an open end) is cut off
as the next run's lead-in. A lead-in without the phrase is a verb phrase that goes on from the box
title, in lower case ("– gi kommunene større handlingsrom" / "understøtte kommunene i arbeidet for" /
"– bedre bruk av personell"): it is cut off only as the item's last line, after a line that could end,
not opening with a function word, and ending where items must complete it; an item's own wrapped last
line does not stop there.

Nesting: depth as the layer gives it (a deeper item is a sub-item of the item above). A rendering that
prints a sub-list with the same marker and indent as its parent (a text layer) still tells it by the
words: an item that stops where items must complete it ("… ved å:") followed by items whose first
letter has the other case ("Videreføre … ved å:" / "vurdere …", "anmode …") holds those items, up to
the next item with the parent's case. Where the case is the same, nothing tells a sub-list apart, and
the items stay siblings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import regex

from hdir_extract.document import Block, Kind
from hdir_extract.extractors.tiltak import phrases
from hdir_extract.parsing.text import join_two

#: blocks between a figure's caption and the item the list goes on with, at most
MAX_FIGURE_BLOCKS = 100
#: paragraphs of an item's own between two items, at most
MAX_ITEM_PARAGRAPHS = 2
_RESUME = regex.compile(r"[.!?]\s*$")
_FIRST_WORD = regex.compile(r"\p{L}+")
_OPEN_END = regex.compile(r"[-\u2010,]$")
_SENTENCE_INSIDE = regex.compile(r"[.!?]\s")


@dataclass(slots=True)
class Node:
    block: Block
    children: list[Node] = field(default_factory=list)
    #: ("status" | "tiltak" | "effekt", text, last line)
    labels: list[tuple[str, str, int]] = field(default_factory=list)
    #: text of the item's own that stands in later blocks: (text, last line)
    more: list[tuple[str, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        out = self.block.text
        for text, _ in self.more:
            out = join_two(out, text)
        return out

    @property
    def last_line(self) -> int:
        last = max([self.block.last_line, *(ln for _, ln in self.more)])
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
    lead: Block | None  # the block right above the list (a lead-in cut off an item: a block of its own)


def _structural_heading(b: Block) -> bool:
    return b.kind is Kind.HEADING and (b.level is not None or b.number is not None or b.role == "box_title")


def _same_list(a: Block, b: Block) -> bool:
    return b.kind is Kind.LIST_ITEM and (a.marker, a.depth, a.box) == (b.marker, b.depth, b.box)


def _could_end(text: str) -> bool:
    """A line that could end a sentence or an item: no line-break hyphen, comma or function word."""
    t = text.rstrip()
    last = _FIRST_WORD.findall(t[-40:])
    open_word = bool(last) and last[-1].casefold() in phrases.FUNCTION_WORDS
    return bool(t) and not _OPEN_END.search(t) and not open_word


def _rest_of_item(block: Block) -> tuple[str, int] | None:
    """Where an interrupted item's rest starts inside `block`: the last line that goes on in lower case
    (not with a function word, which a figure's own wrapped labels do) after a finished sentence."""
    found = None
    for span in block.spans[1:]:
        before, after = block.text[: span.start].rstrip(), block.text[span.start :]
        first = _FIRST_WORD.match(after)
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
            return k if _same_list(last, b) else None
        if _structural_heading(b) or b.box != last.box:
            return None
        if b.kind is Kind.PARAGRAPH and b.text.rstrip().endswith(":"):
            return None  # another list's lead-in
    return None


def _plain(b: Block, last: Block) -> bool:
    """A paragraph (or a line the layer could not place) that leads nothing in."""
    unplaced = b.kind is Kind.HEADING and b.level is None and b.number is None and b.role is None
    # only a block the reader left unplaced: a reader that knows the list's extent (Markdown, DOCX)
    # marks a paragraph outside it as the next list's "lead_in", one inside it as "list_continuation"
    para = b.kind is Kind.PARAGRAPH and b.role is None
    return (
        (para or unplaced)
        and b.box == last.box
        and not phrases.expects_items(b.text)
        and not phrases.is_title(b.text)
        and phrases.label(b.text) is None
    )


def _item_paragraphs(body: Sequence[Block], j: int, last: Block) -> int | None:
    """Position of the list's next item when body[j:that] are the item's own further paragraphs: they
    end as items of this style do (without a full stop), or the item above stopped in mid-sentence. A
    whole sentence between two items of a text layer is the next list's own text, not the item's."""
    k = j
    open_item = not _could_end(last.text)
    while (
        k < len(body)
        and k - j < MAX_ITEM_PARAGRAPHS
        and _plain(body[k], last)
        and (open_item or not phrases.ends_sentence(body[k].text))
    ):
        k += 1
    return k if k > j and k < len(body) and _same_list(last, body[k]) else None


def _glued_lead_in(item: Block) -> tuple[Block, Block] | None:
    """(the item, the next group's lead-in) where a layer without paragraph breaks ran the lead-in
    into the item (see the module doc)."""
    for k, span in enumerate(item.spans[1:], start=1):
        before, after = item.text[: span.start].rstrip(), item.text[span.start :].strip()
        first = _FIRST_WORD.match(after)
        if (
            not item.text[span.start - 1 : span.start].isspace()  # a word the layer joined over the break
            or not (first and _could_end(before))
            or first.group(0).casefold() in phrases.FUNCTION_WORDS
        ):
            continue
        if after[:1].isupper():
            # after an item that ended without a full stop, as items do; after a full stop, the next
            # sentence is the item's own ("… til rett tid." / "Samtidig, … følgende bidra til …:")
            found = not phrases.ends_sentence(before) and (after.endswith(":") or phrases.is_lead_in(after))
        else:  # a verb phrase going on from the box title: the item's last line, after an item of one
            # phrase (no sentence in either: "Lover og regler … tid. Samtidig, … følgende" / "bidra til …:"
            # is one item's text)
            found = (
                k == len(item.spans) - 1
                and phrases.expects_items(after)
                and not _SENTENCE_INSIDE.search(f"{before} {after}")
            )
        if found:
            line = span.line
            prev_line = max((s.line for s in item.spans if s.line < line), default=item.first_line)
            kept = tuple(s for s in item.spans if s.line < line)
            head = replace(item, text=before, last_line=prev_line, spans=kept)
            lead = replace(
                item, kind=Kind.PARAGRAPH, text=after, first_line=line, marker=None, number=None, spans=()
            )
            return head, lead
    return None


@dataclass(slots=True)
class _Gathered:
    items: list[Node]  # in printed order, flat (depth not yet applied)
    end: int
    next_lead: Block | None = None  # a lead-in cut off the last item


def _gather(body: Sequence[Block], i: int) -> _Gathered:
    """The items of the run starting at body[i], each with its own further text and labels, and the
    position after the run."""
    nodes = [Node(body[i])]
    j = i + 1
    open_label: tuple[str, str, int] | None = None  # a bare "Status:" waiting for its text
    while j < len(body):
        b, last = body[j], nodes[-1]
        if _same_list(last.block, b) and (cut := _glued_lead_in(last.block)):
            last.block = cut[0]
            return _Gathered(nodes, j, cut[1])
        if b.kind is Kind.LIST_ITEM and b.box == last.block.box:
            nodes.append(Node(b))
            open_label = None
        elif b.kind in (Kind.PARAGRAPH, Kind.HEADING) and b.box == last.block.box and phrases.label(b.text):
            name, text = phrases.label(b.text)  # type: ignore[misc]
            last.labels.append((name, text, b.last_line))
            open_label = last.labels[-1] if not text else None
        elif open_label is not None and b.kind is Kind.PARAGRAPH and b.box == last.block.box:
            name, text, _ = last.labels.pop()
            last.labels.append((name, f"{text} {b.text}".strip(), b.last_line))
            open_label = last.labels[-1]
        elif b.role == "list_continuation" and b.box == last.block.box:
            last.more.append((b.text, b.last_line))  # an item's own later paragraph (Markdown)
        elif (nxt := _item_paragraphs(body, j, last.block)) is not None:
            last.more += [(body[k].text, body[k].last_line) for k in range(j, nxt)]
            j = nxt
            continue
        elif b.kind is Kind.CAPTION and (nxt := _after_figure(body, j, last.block)) is not None:
            if not phrases.ends_sentence(last.text) and (rest := _rest_of_item(body[nxt - 1])):
                last.more.append(rest)
            j = nxt
            continue
        else:
            break
        j += 1
    return _Gathered(nodes, j)


def _nest(flat: Sequence[Node]) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for node in flat:
        while stack and stack[-1].block.depth >= node.block.depth:
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
    lead: Block | None = None  # a lead-in cut off the item above
    while i < len(body):
        if body[i].kind is not Kind.LIST_ITEM:
            i += 1
            lead = None
            continue
        got = _gather(body, i)
        roots = _infer_sublists(_nest(got.items))
        _move_labels(roots)
        out.append(Run(i, got.end, roots, lead if lead is not None else (body[i - 1] if i > 0 else None)))
        i, lead = got.end, got.next_lead
    return out


def _walk(nodes: list[Node]) -> Iterator[Node]:
    for n in nodes:
        yield n
        yield from _walk(n.children)


def flatten(nodes: list[Node]) -> list[Node]:
    """Every node below, in printed order."""
    return list(_walk(nodes))
