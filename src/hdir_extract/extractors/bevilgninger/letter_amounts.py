"""Amounts on one printed row of a letter's allocation table, split by the table's own arithmetic.

A text layer prints a row's amounts run together ("215 951 185 951", "760.21 335 550 12 200 347 750",
"187 166 000 kroner 8 500 000 kroner 195 666 000 kroner"); a grid row joins its cells by TAB, so an amount
a converter put in the wrong or an extra column is still one amount among the row's. Which digit groups
form which amount is decided by the arithmetic of the columns (`score`).
"""

from __future__ import annotations

import regex

from hdir_extract.extractors.bevilgninger.common import (
    Tok,
    raw_of,
    segmentations,
    tokens,
    valid_number,
    value_of,
)

#: a unit printed with the amount itself ("8 500 000 kroner", "89 mill. kroner")
UNIT_AFTER = regex.compile(r"\s*(?P<u>mill\.?|millioner|mrd\.?|milliarder)?\s*(?:kr\.?|kroner)\b", regex.I)
#: words that begin a comment after an amount ("1,5 mill. kroner til ..." after "1 500")
UNIT_WORD = regex.compile(r"\s*(mill|millioner|mrd|kr\b|kroner|prosent|pst)", regex.I)
CHANGE_KINDS = ("tidligere_tildeling", "ny_tildeling", "sum_tildelt")


def with_units(text: str, start: int) -> tuple[list[list[Tok]], list[int]] | None:
    """Amounts each followed by their own unit ("187 166 000 kroner 8 500 000 kroner ...")."""
    parts, units = [], []
    pos = start
    cur: list[Tok] = []
    for t in (t for t in tokens(text) if t.start >= start):
        cur.append(t)
        m = UNIT_AFTER.match(text, t.end)
        if m and valid_number(cur):
            parts.append(cur)
            u = (m.group("u") or "").lower()
            units.append(1_000_000_000 if u.startswith(("mrd", "milliard")) else 1_000_000 if u else 1)
            cur, pos = [], m.end()
    if not parts or cur or text[pos:].strip():
        return None
    return parts, units


def score(kinds: list[str], vals: list[float], parts: list[list[Tok]]) -> tuple[float, float]:
    """Lower is better: first the table's arithmetic, then balanced column widths.

    Change tables: tidligere + ny = sum tildelt. Allocation tables: the tildeling does not exceed the
    bevilgning. Among splits that satisfy the arithmetic, the one with the most even number of digit
    groups per column wins ("215 951 185 951" -> 215 951 | 185 951).
    """
    idx = {k: i for i, k in enumerate(kinds)}
    bad = 0.0
    if set(CHANGE_KINDS) <= idx.keys():
        a, b, c = (vals[idx[k]] for k in CHANGE_KINDS)
        bad = abs(a + b - c)
    elif {"bevilgning", "tildeling"} <= idx.keys():
        bad = float(vals[idx["tildeling"]] > vals[idx["bevilgning"]])
    widths = [len(p) for p in parts]
    return bad, float(max(widths) - min(widths))


def split(text: str, toks: list[Tok], kinds: list[str]) -> list[list[Tok]] | None:
    best, best_s = None, None
    for c in segmentations(toks, len(kinds)):
        vals = [value_of(raw_of(text, p)) for p in c]
        if any(v is None for v in vals):
            continue
        s = score(kinds, [v or 0.0 for v in vals], c)
        if best_s is None or s < best_s:
            best, best_s = c, s
    return best


def trailing_amounts(text: str, start: int, kinds: list[str]) -> tuple[list[list[Tok]], int] | None:
    """Amounts ending the row: the longest run of trailing digit groups that splits into the columns.

    Returns the split and the character offset where the amounts begin (the name ends there). Empty
    grid cells between the amounts are whitespace: the run goes on over them.
    """
    toks = [t for t in tokens(text) if t.start >= start]
    if not toks or text[toks[-1].end :].strip():
        return None
    run: list[Tok] = [toks[-1]]
    for t in reversed(toks[:-1]):
        if text[t.end : run[0].start].strip():
            break
        run.insert(0, t)
    for i in range(len(run)):
        got = split(text, run[i:], kinds)
        if got:
            return got, run[i].start
    return None


def leading_amount(text: str, start: int) -> tuple[list[Tok], int] | None:
    """One amount followed by a comment ("4 899 Tildelingen dekker ...", "1 500 1,5 mill. kroner ...").

    Digit groups are taken greedily while they form one number; a group directly followed by a unit
    word ("1,5 mill.", "100 mill.") is the start of the comment, not part of the amount.
    """
    toks = [t for t in tokens(text) if t.start >= start]
    if not toks or text[start : toks[0].start].strip():
        return None
    part = [toks[0]]
    for t in toks[1:]:
        if text[part[-1].end : t.start] != " " or not valid_number([*part, t]):
            break
        part.append(t)
    while len(part) > 1 and UNIT_WORD.match(text, part[-1].end):
        part.pop()
    if UNIT_WORD.match(text, part[-1].end) and len(part) == 1:
        return None
    return part, part[-1].end
