"""Text normalisation and Norwegian de-hyphenation, in one place for every source and extractor.

Normalisation (`normalise_line`): NFC; soft hyphens and zero-width characters removed; NBSP, narrow
NBSP, thin and figure spaces become plain spaces (so "1 234" parses the same however it was typeset);
tabs are kept because table cells are separated by them; trailing whitespace is kept out.

De-hyphenation (`join_lines`) joins wrapped prose the way a person reads it:
- "omsorgs-" + "tjenesten" -> "omsorgstjenesten" (a line-break hyphen inside a word is dropped);
- "helse-" + "og omsorgstjenesten" -> "helse- og omsorgstjenesten" (the next word is og/eller/til/enn:
  the hyphen is a Norwegian suspension hyphen and stays, followed by a space);
- "e-" + "helse" -> "e-helse", "Covid-" + "19", "NAV-" + "Kontor": the hyphen stays when the part before
  it is a single letter or ends in a capital/digit, or the next part starts with a capital or digit;
- "ikke-" + "smittsomme" -> "ikke-smittsomme" (the prefix "ikke" always takes its hyphen);
- "sørge-for-" + "ansvaret" and "sørge-" + "for-ansvaret" -> "sørge-for-ansvaret": a break at a hyphen of
  a multi-part compound keeps it (the part before ends in a short function word after a hyphen, or the
  next part goes on with a hyphen of its own);
- "(2022–" + "2023)" -> "(2022–2023)": a number range broken after its en dash is joined without a space.
"""

from __future__ import annotations

import unicodedata

import regex

# precompiled: these run once per line of every document
_P1 = regex.compile(r"[\p{L}\p{N}]+")
_P2 = regex.compile(r"[\p{L}\p{N}]+(?=[-\u2010]$)")
_P3 = regex.compile(r"[-\u2010]([\p{L}]+)[-\u2010]$")
_P4 = regex.compile(r"[\p{L}\p{N}]+[-\u2010]\p{L}")
_P5 = regex.compile(r"[ \t]+")

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"
# one str.translate per line (much faster than two regex substitutions on every line of a document)
_CLEAN = str.maketrans({**dict.fromkeys(_INVISIBLE, None), **dict.fromkeys(_SPACES, " ")})
_SPECIAL = frozenset(_INVISIBLE + _SPACES)
_CONJUNCTIONS = {"og", "eller", "til", "enn"}
_LINE_HYPHEN = regex.compile(r"(?<=[\p{L}\p{N}])[-\u2010]$")  # "LIS1-" + "ordningen" too
_RANGE_DASH = regex.compile(r"\d\.?[\u2013\u2212-]$")
# prefixes written with a hyphen whatever follows ("ikke-smittsomme", "ikke-vestlige")
_HYPHEN_PREFIXES = {"ikke"}
# short words that stand inside multi-part compounds: "sørge-for-ansvaret", "mor-til-barn-smitte"
_COMPOUND_INNER = {"for", "til", "i", "av", "på", "med", "mot", "og", "som", "over", "uten"}


def normalise_line(text: str, keep_tabs: bool = False) -> str:
    """`keep_tabs`: keep trailing TABs (an empty table cell printed as a lone TAB is a cell)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if not _SPECIAL.isdisjoint(text):
            text = text.translate(_CLEAN)
    return text.rstrip(" \r\n\f\v") if keep_tabs else text.rstrip()


def _keep_hyphen(left: str, right: str) -> bool:
    first_word = _P1.match(right)
    if not first_word:
        return True
    if first_word.group(0).lower() in _CONJUNCTIONS:
        return True
    token = left.split()[-1]  # the word broken at the line end (the stem search stays within it)
    stem = _P2.search(token)
    if stem is None or len(stem.group(0)) == 1:
        return True
    if stem.group(0).lower() in _HYPHEN_PREFIXES:
        return True
    is_url = "/" in token or "www." in token
    inner = _P3.search(token)
    if inner and inner.group(1).lower() in _COMPOUND_INNER and not is_url:
        return True  # "sørge-for-" + "ansvaret"
    if _P4.match(right) and not is_url:
        return True  # "sørge-" + "for-ansvaret": the next part is itself a hyphenated compound
    if stem.group(0)[-1].isupper() or stem.group(0)[-1].isdigit():
        return True
    return right[0].isupper() or right[0].isdigit()


TAIL = 120  # characters of the left part the joining rules need (its last token and a few before)


def join_two(left: str, right: str) -> str:
    """Join two wrapped lines of prose, resolving a line-end hyphen."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    if not right:
        return left
    # the rules look at the end of the left part only: `left` may be a whole paragraph joined so far,
    # and an end-anchored search over all of it would make joining a paragraph quadratic
    tail = left[-TAIL:]
    if _LINE_HYPHEN.search(tail):
        if _keep_hyphen(tail, right):
            nxt = _P1.match(right)
            sep = " " if nxt and nxt.group(0).lower() in _CONJUNCTIONS else ""
            return left + sep + right
        return left[:-1] + right
    if _RANGE_DASH.search(tail) and right[0].isdigit():
        return left + right  # "(2022–" + "2023)"
    return left + " " + right


def join_lines(lines: list[str]) -> str:
    """Join wrapped prose lines into one string (blank lines are skipped)."""
    out = ""
    for line in lines:
        if line.strip():
            out = join_two(out, line)
    return _P5.sub(" ", out).strip()
