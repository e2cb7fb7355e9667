"""`Tiltak` rows from commitments: text, sub-items, follow-up labels, numbering and lines.

Judgement calls:
- `tekst` is the item's own text as the layer joined it (de-hyphenated, markup gone), without a
  "Status:"/"Tiltak:"/"Effekt:" part a text layer ran into it, and with the rest of an item a figure
  interrupted; `underpunkter` are its sub-items' texts in printed order (deeper levels flattened).
- "Status:" fills `status` and "Effekt:" fills `effekt` (several parts of one kind are joined with a
  space). "Tiltak:" under a commitment names the concrete measure that carries it out: where the item
  prints nothing but the label ("Tiltak: Etablere …"), that measure is the commitment's `tekst`;
  where the item has its own text, the measure is kept with its sub-items, in `underpunkter`. It is
  never a row of its own.
- `nr` is the order within `kilde` in the document (a box printed with a number has its own; the
  unnumbered boxes of a DOCX all print "Regjeringen vil", and count on from one to the next, so that
  (dok_id, kilde, nr) stays a key).
- `linje` is the item's first line (where its text is printed); `linje_slutt` the last line of the
  commitment, its sub-items and follow-up included.
"""

from __future__ import annotations

from collections import Counter

from hdir_extract.extractors.tiltak import phrases
from hdir_extract.extractors.tiltak.items import flatten
from hdir_extract.extractors.tiltak.lists import Commitment
from hdir_extract.models import Tiltak


def _parts(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A text's own words and its labelled parts ("… Status: …"); a text that opens with a label
    ("Tiltak: Etablere …") has no words of its own."""
    head, parts = phrases.split_labels(text)
    own = phrases.label(head)
    if own is not None:
        return "", [own, *parts]
    return head, parts


def _labelled(c: Commitment) -> tuple[str, list[str], list[tuple[str, str]]]:
    """The item's own text, its sub-items' texts, and every labelled part of them, in printed order."""
    text, parts = _parts(c.node.text)
    parts += [(name, t) for name, t, _ in c.node.labels]
    subs: list[str] = []
    for sub in flatten(c.node.children):
        sub_text, sub_parts = _parts(sub.text)
        subs += [sub_text] if sub_text else []
        parts += sub_parts + [(name, t) for name, t, _ in sub.labels]
    return text, subs, parts


def _join(parts: list[tuple[str, str]], name: str) -> str | None:
    texts = [t for n, t in parts if n == name and t]
    return " ".join(texts) if texts else None


def record(dok_id: str, c: Commitment, nr: int) -> Tiltak:
    text, subs, parts = _labelled(c)
    measures = [t for n, t in parts if n == "tiltak" and t]
    if not text and measures:  # the measure is the commitment ("Tiltak: Etablere …")
        text, measures = measures[0], measures[1:]
    return Tiltak(
        dok_id=dok_id,
        linje=c.node.block.first_line,
        kilde=c.kilde,
        kapittel=c.kapittel,
        nr=nr,
        tekst=text,
        linje_slutt=c.node.last_line,
        grensetilfelle=c.borderline,
        innledning=c.innledning,
        underpunkter=subs + measures,
        status=_join(parts, "status"),
        effekt=_join(parts, "effekt"),
    )


def records(dok_id: str, found: list[Commitment]) -> list[Tiltak]:
    counts: Counter[str | None] = Counter()
    out = []
    for c in found:
        counts[c.kilde] += 1
        out.append(record(dok_id, c, counts[c.kilde]))
    return out
