"""Which lists are the government's commitments, and under which lead-in.

Rules (issues 11, 14 and 15):
1. A box whose title is "… Regjeringen vil" holds commitments: every top-level item of every list in
   it, whatever lead-in paragraph groups them ("Regjeringen vil … gjennom å", a chapter goal, a line
   without the phrase such as "understøtte kommunene i arbeidet for", or none); the paragraph right
   above a list in the box is the items' `innledning`. The box runs on over "Boks N.M forts.".
2. A title "Regjeringen vil" printed outside a box (a heading at any level, bold or italic in Markdown,
   or a line of its own, "Regjeringen vil:") opens a commitment section: the list below it (or below a
   lead-in right under it: "Regjeringen vil" / "Kvinner skal oppleve … gjennom følgende tiltak:"), and every
   further list whose lead-in paragraph follows the section's previous list directly and stops where
   its items complete it (not another actor's "Helse Nord vil prioritere:"). Anything else (a heading,
   running text) ends the section.
3. A paragraph whose last sentence has "regjeringen vil" / "vil regjeringen" as subject and verb and
   stops where the items complete it (":", "… gjennom å", "… ved å") leads in the list below it. It is
   literal when the sentence ends in the phrase ("… særskilt at regjeringen vil:"); otherwise the list is
   borderline (`grensetilfelle`), as is the sentence that announces goals or results (not tiltak at all).
4. A list item that is such a lead-in itself ("– Regjeringen vil understøtte … gjennom å:") leads in its
   sub-items; they are the commitments, it is not one.
5. Each top-level item is one commitment; its sub-items are its `underpunkter`, never rows of their own.
Not tiltak: the phrase in running prose, lists with another subject ("Helse Sør-Øst vil prioritere:"),
lists of goals. The same rules run on every document type, so Prop. 1 S look-alikes ("Norge vil bidra
til å:") give nothing, and a Prop. 1 S that does print a "Regjeringen vil" list gives it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from hdir_extract.document import Block, Box, Kind
from hdir_extract.extractors.tiltak import phrases
from hdir_extract.extractors.tiltak.context import Context
from hdir_extract.extractors.tiltak.items import Node, Run

_OTHER_WILL = regex.compile(r"\bvil\b", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Commitment:
    node: Node
    kilde: str | None
    kapittel: str | None
    borderline: bool
    innledning: str | None


@dataclass(slots=True)
class _Section:
    """An open commitment section (rule 2): where its last list ended, and what its lists are named."""

    end: int
    kilde: str | None
    kapittel: str | None


def _kilde(box: Box) -> str:
    """The box as printed: "Boks 4.1" where the rendering prints its number, its title where it prints
    none (the official DOCX and its conversions print "Regjeringen vil" without a number)."""
    return box.number or box.title


def _expand(
    nodes: list[Node],
    kilde: str | None,
    kapittel: str | None,
    borderline: bool | None,
    innledning: str | None,
) -> list[Commitment]:
    """Top-level items as commitments; a lead-in item's sub-items in its place (rule 4). `borderline`
    None: the list stands under a title or in a box that says "Regjeringen vil", so none is borderline."""
    out: list[Commitment] = []
    for node in nodes:
        if node.children and phrases.is_lead_in(node.text):
            inner_borderline = None if borderline is None else borderline or not phrases.is_literal(node.text)
            lead = phrases.last_sentence(node.text)
            out.extend(_expand(node.children, kilde, kapittel, inner_borderline, lead))
        else:
            out.append(Commitment(node, kilde, kapittel, bool(borderline), innledning))
    return out


def _lead_ins(nodes: list[Node], kilde: str | None, kapittel: str | None) -> list[Commitment]:
    """In a list that is not itself commitments: the sub-items of its lead-in items (rule 4)."""
    out: list[Commitment] = []
    for node in nodes:
        if node.children and phrases.is_lead_in(node.text):
            out.extend(_expand([node], kilde, kapittel, False, None))
        else:
            out.extend(_lead_ins(node.children, kilde, kapittel))
    return out


def _title(b: Block | None, box: int | None) -> bool:
    """A "Regjeringen vil" title (a heading or a line of its own) in the list's box (or outside boxes)."""
    return (
        b is not None
        and b.box == box
        and b.kind in (Kind.HEADING, Kind.PARAGRAPH)
        and phrases.is_title(b.text)
    )


def _goes_on(lead: str) -> bool:
    """A further lead-in of an open section (rule 2): it stops where its items complete it, and it is
    not another actor's list ("Helse Nord vil prioritere:"): a "vil" in it has the government as subject.
    Goal lines ("Kvinner skal oppleve … gjennom følgende tiltak:") and verb phrases that go on from the
    title ("understøtte kommunene i arbeidet for") go on with the section."""
    return phrases.expects_items(lead) and (phrases.announces(lead) or not _OTHER_WILL.search(lead))


def commitments(
    body: Sequence[Block], boxes: Sequence[Box], ctx: Context, runs: list[Run]
) -> list[Commitment]:
    out: list[Commitment] = []
    section: _Section | None = None
    for run in runs:
        first = body[run.start].box
        box = boxes[first] if first is not None and first < len(boxes) else None
        lead = run.lead
        # where the lead stands: the block above the run, or the run's start (a lead-in cut off an item)
        at = run.start - 1 if run.start > 0 and lead is body[run.start - 1] else run.start
        kapittel = ctx.chapter[run.start]
        # the paragraph right above the list, in the same box (or outside boxes with it)
        para = lead if lead is not None and lead.kind is Kind.PARAGRAPH and lead.box == first else None
        innledning = phrases.last_sentence(para.text) if para is not None else None
        if box is not None and phrases.box_announces(box.title):  # rule 1
            out.extend(_expand(run.roots, _kilde(box), kapittel, None, innledning))
            section = None
            continue
        if _title(lead, first) or (
            para is not None and at > 0 and _title(body[at - 1], first) and _goes_on(para.text)
        ):  # rule 2: the section's first list, under the title or under a lead-in right below it
            kilde = _kilde(box) if box is not None else ctx.section[at]
            out.extend(_expand(run.roots, kilde, kapittel, None, innledning))
            section = _Section(run.end, kilde, kapittel)
            continue
        if section is not None and para is not None and section.end == at and _goes_on(para.text):
            out.extend(_expand(run.roots, section.kilde, section.kapittel, None, innledning))
            section.end = run.end
            continue
        section = None
        kilde = _kilde(box) if box is not None else ctx.section[at]
        if para is not None and phrases.is_lead_in(para.text):  # rule 3
            borderline = not phrases.is_literal(para.text)
            out.extend(_expand(run.roots, kilde, kapittel, borderline, innledning))
            continue
        out.extend(_lead_ins(run.roots, kilde, kapittel))  # rule 4 inside any other list
    return out
