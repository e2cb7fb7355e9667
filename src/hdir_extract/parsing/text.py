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

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"
# one str.replace per character the text holds (str.translate or a regex class would look at every
# character of a whole file: a tenth of a second on a Prop. 1 S, where these characters are rare)
_REPLACEMENT = {**dict.fromkeys(_INVISIBLE, ""), **dict.fromkeys(_SPACES, " ")}
_SPECIAL = frozenset(_INVISIBLE + _SPACES)
_CONJUNCTIONS = {"og", "eller", "til", "enn"}
_LINE_HYPHEN = regex.compile(r"(?<=[\p{L}\p{N}])[-\u2010]$")  # "LIS1-" + "ordningen" too
_RANGE_DASH = regex.compile(r"\d\.?[\u2013\u2212-]$")
#: the last characters `_LINE_HYPHEN` or `_RANGE_DASH` can end on
_SEAM_ENDS = frozenset("-\u2010\u2013\u2212")
# prefixes written with a hyphen whatever follows ("ikke-smittsomme", "ikke-vestlige")
_HYPHEN_PREFIXES = {"ikke"}
# short words that stand inside multi-part compounds: "sørge-for-ansvaret", "mor-til-barn-smitte"
_COMPOUND_INNER = {"for", "til", "i", "av", "på", "med", "mot", "og", "som", "over", "uten"}
_WORD_START = regex.compile(r"[\p{L}\p{N}]+")
_STEM = regex.compile(r"[\p{L}\p{N}]+(?=[-\u2010]$)")
_INNER_PART = regex.compile(r"[-\u2010]([\p{L}]+)[-\u2010]$")
_NEXT_IS_COMPOUND = regex.compile(r"[\p{L}\p{N}]+[-\u2010]\p{L}")
_RUNS_OF_BLANKS = regex.compile(r"[ \t]+")
#: how much of the output's last word `join_lines` keeps to decide the next join. Every rule looks at
#: the last few characters only (the stem before a final hyphen is tested for length 1, "ikke" and its
#: last character; an inner compound part for a word of at most four letters) except "is it a URL",
#: which is carried as a flag, so a longer word's head can be dropped without changing a decision.
_TAIL = 64


def normalise_text(text: str) -> str:
    """`normalise_line` without the trailing whitespace: NFC, invisible characters out, special spaces
    plain. Works on a whole file as on each of its lines alike (a line break is never composed with a
    neighbour nor translated), in one call instead of one per line."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):  # a quick check: most text already is
            text = unicodedata.normalize("NFC", text)
        if not _SPECIAL.isdisjoint(text):
            for char in [c for c in _SPECIAL if c in text]:
                text = text.replace(char, _REPLACEMENT[char])
    return text


def normalise_line(text: str, keep_tabs: bool = False) -> str:
    """`keep_tabs`: keep trailing TABs (an empty table cell printed as a lone TAB is a cell)."""
    text = normalise_text(text)
    return text.rstrip(" \r\n\f\v") if keep_tabs else text.rstrip()


_OPEN_NUMBER = regex.compile(r"\d[\d/.]*-")


def _is_url(token: str) -> bool:
    return "/" in token or "www." in token


def _keep_hyphen(token: str, right: str, is_url: bool) -> bool:
    """Whether the line-end hyphen of `token` (the last word before the break) stays before `right`."""
    first_word = _WORD_START.match(right)
    if not first_word:
        return True
    if first_word.group(0).lower() in _CONJUNCTIONS:
        return True
    stem = _STEM.search(token)
    if stem is None or len(stem.group(0)) == 1:
        return True
    if stem.group(0).lower() in _HYPHEN_PREFIXES:
        return True
    inner = _INNER_PART.search(token)
    if inner and inner.group(1).lower() in _COMPOUND_INNER and not is_url:
        return True  # "sørge-for-" + "ansvaret"
    if _NEXT_IS_COMPOUND.match(right) and not is_url:
        return True  # "sørge-" + "for-ansvaret": the next part is itself a hyphenated compound
    if stem.group(0)[-1].isupper() or stem.group(0)[-1].isdigit():
        return True
    return right[0].isupper() or right[0].isdigit()


def _seam(token: str, right: str, is_url: bool) -> tuple[bool, str]:
    """How non-empty `right` goes on after `token`, the last whitespace-free word of the text so far
    (every rule depends on that word only): (drop the word's last character, separator)."""
    if token[-1:] not in _SEAM_ENDS:  # most words: neither pattern below can match
        return False, " "
    if _LINE_HYPHEN.search(token):
        if _keep_hyphen(token, right, is_url):
            nxt = _WORD_START.match(right)
            if nxt and nxt.group(0).lower() in _CONJUNCTIONS:
                return False, " "
            # "Vår ref 25/2306-" / "Dato": a reference number's open end, then the next field (a word
            # with letters before its hyphen is a compound: "Magnet4-" / "Europe")
            return False, " " if _OPEN_NUMBER.fullmatch(token) and right[0].isupper() else ""
        return True, ""
    if _RANGE_DASH.search(token) and right[0].isdigit():
        return False, ""  # "(2022–" + "2023)"
    return False, " "


def join_two(left: str, right: str) -> str:
    """Join two wrapped lines of prose, resolving a line-end hyphen."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    if not right:
        return left
    token = left.rsplit(None, 1)[-1]
    drop, sep = _seam(token, right, _is_url(token))
    return (left[:-1] if drop else left) + sep + right


def join_lines(lines: list[str]) -> str:
    """Join wrapped prose lines into one string (blank lines are skipped).

    The same result as folding `join_two` over the lines, in linear time: each join looks only at the
    last word of the text so far (kept as `tail`, at most `_TAIL` characters, with its URL flag), and
    the pieces are concatenated once at the end.
    """
    pieces: list[str] = []
    tail, url = "", False
    for line in lines:
        right = line.strip()
        if not right:
            continue
        if not pieces:
            pieces.append(right)
            tail, url = _last_word(right)
            continue
        drop, sep = _seam(tail, right, url)
        if drop:  # the hyphen is the last character of the last non-empty piece
            i = next(i for i in range(len(pieces) - 1, -1, -1) if pieces[i])
            pieces[i] = pieces[i][:-1]
            tail = tail[:-1]
        pieces.append(sep)
        pieces.append(right)
        if sep or any(c.isspace() for c in right):
            tail, url = _last_word(right)
        else:  # glued to the last word: the word grows ("omsorgs" + "tjenesten")
            url = url or "/" in right or "www." in tail[-3:] + right
            tail = (tail + right)[-_TAIL:]
    return _RUNS_OF_BLANKS.sub(" ", "".join(pieces)).strip()


def _last_word(text: str) -> tuple[str, bool]:
    """The last whitespace-free word of stripped, non-empty `text` (its tail) and its URL flag."""
    word = text.rsplit(None, 1)[-1]
    return word[-_TAIL:], _is_url(word)
