"""The column heads of a key-figure table without year columns, and the consistency of paired columns.

Heads come from the header lines printed above the first value row: a table block's header cells, or a
text line cut before each capitalised word. A table may pair its columns by group ("Gjennomsnittlig
lønn menn" / "Antall menn", "… kvinner" / "Antall kvinner"): a value printed under a group whose count
is nil while the other group has a count and no value belongs to the other group. A text layer that
drops the empty cell between them otherwise puts it one column off.
"""

from __future__ import annotations

import regex

from hdir_extract.extractors.nokkeltall.cells import value
from hdir_extract.extractors.nokkeltall.choice import Placed
from hdir_extract.extractors.nokkeltall.printed import Printed
from hdir_extract.parsing.text import join_lines


def _fragments(header: list[Printed]) -> list[str]:
    """Column-head fragments: a table block's header cells, or a text line cut before each capitalised
    word (its gaps are gone once joined); a fragment starting in lower case or "(" or with a "%"
    continues the one before ("Gjennomsnittlig" / "lønn menn", "Antall menn" / "(Kvinner/menn)")."""
    frags: list[str] = []
    for p in header:
        parts = [c.text for c in p.cells] if p.is_row else regex.split(r"\s+(?=\p{Lu})", p.text.strip())
        for part in parts:
            part = part.strip()
            if not part:
                continue
            if frags and (part[0].islower() or part[0] in "(%"):
                frags[-1] = join_lines([frags[-1], part])
            else:
                frags.append(part)
    return frags


def column_heads(header: list[Printed], ncol: int) -> list[str] | None:
    """Column heads: as many fragments as columns; a first extra fragment heads the label column; more
    fragments than columns are group heads over the columns ("POBO – Faste stillinger")."""
    frags = _fragments(header)
    if len(frags) == ncol:
        return frags
    if len(frags) == ncol + 1:
        return frags[1:]
    if len(frags) > ncol:
        groups, heads = frags[:-ncol], frags[-ncol:]
        if ncol % len(groups) == 0:
            per = ncol // len(groups)
            return [f"{groups[i // per]} – {h}" for i, h in enumerate(heads)]
        return heads
    return None


# the groups a pair of columns may be split by; a parenthesis ("(Kvinner/menn)") names no group
_GROUPS = {
    "menn": regex.compile(r"\bmenn\b", regex.IGNORECASE),
    "kvinner": regex.compile(r"\bkvinner\b", regex.IGNORECASE),
}
_COUNT_HEAD = regex.compile(r"^\s*antall\b", regex.IGNORECASE)


def _group_of(head: str) -> str | None:
    bare = regex.sub(r"\([^()]*\)", "", head)
    found = [g for g, pat in _GROUPS.items() if pat.search(bare)]
    return found[0] if len(found) == 1 else None


def _paired(heads: list[str]) -> dict[str, tuple[int, int]]:
    """group -> (value column, count column), for groups that have exactly one of each."""
    out: dict[str, tuple[int, int]] = {}
    for g in _GROUPS:
        cols = [i for i, h in enumerate(heads) if _group_of(h) == g]
        counts = [i for i in cols if _COUNT_HEAD.match(heads[i])]
        values = [i for i in cols if not _COUNT_HEAD.match(heads[i])]
        if len(counts) == 1 and len(values) == 1:
            out[g] = (values[0], counts[0])
    return out


def _number(cells: Placed, i: int) -> float | None:
    cell = cells[i]
    return None if cell is None else value(cell[0])


def regroup(heads: list[str] | None, cells: Placed) -> Placed:
    """The row's cells with a value moved from a group without members to the group that has them
    ("1538 Fagdirektør  1 240 503  -  3  -": three women, no men, so the salary is the women's)."""
    pairs = _paired(heads or [])
    if len(pairs) != 2 or not heads or len(heads) != len(cells):
        return cells
    out = list(cells)
    (v1, c1), (v2, c2) = pairs.values()
    for (va, ca), (vb, cb) in (((v1, c1), (v2, c2)), ((v2, c2), (v1, c1))):
        no_members = not (_number(out, ca) or 0) > 0
        members_other = (_number(out, cb) or 0) > 0
        if _number(out, va) is not None and no_members and members_other and _number(out, vb) is None:
            out[vb], out[va] = out[va], out[vb]
    return out
