"""The same content twice: fingerprints of a document's text, and which of two documents holds the other.

A document can reach the raw folder more than once: as copies, in other renderings (text, Markdown,
DOCX, PDF: other line breaks, hyphenation, page furniture and table layout), or inside another file (a
supplementary letter on its own and again inside the tildelingsbrev bundle that collects the year's
letters). Its records must be counted once, and never lost.

Fingerprint (`fingerprint`, computed in each worker from `Document.full_text()`): the set of word
5-gram shingles of the whole text after normalisation: NFKC (ligatures), lower case, YAML front
matter, Markdown images/links and HTML tags removed, a hyphen at a line end joined to the next word
(not before og/eller/til/enn, a Norwegian suspension hyphen), hyphens inside words dropped, then only
runs of letters and digits. Line breaks, punctuation, table borders and markup therefore do not
matter. Only shingles whose hash is 0 mod `SAMPLE` are kept (Broder's mod-m sampling, "On the
resemblance and containment of documents", 1997): the same rule on every document, so a shingle kept
in one is kept in every other that has it, and containment measured on the samples estimates the
containment of the full sets while a Prop. 1 S keeps ~40 000 hashes instead of ~155 000. A bundle's
letters (the `brev` rows, when a file holds two or more) get fingerprints of their own lines.

Containment, not Jaccard: C(A in B) = |S(A) ∩ S(B)| / |S(A)|. `covers(B, A)` when C(A in B) >=
`THRESHOLD` and each of A's letters is covered by B too (a bundle's small supplementary letter must
not hide behind its large main letter). Then:
- B covers A and A covers B: the same document (any renderings); the preferred format is kept;
- B covers A only: A is part of B (a standalone letter inside a bundle): A is skipped with a warning
  naming B and the letter(s) of B that hold it, so its amounts are counted once, from B;
- otherwise both are kept.
Jaccard would mix both questions into one number and fails the second: a standalone letter of 470
shingles inside a bundle of 24 000 has Jaccard 0.02.

Measured (as implemented, sampled; "A in B / B in A"): the corpus text vs the PDF typeset from it
1.000 / 1.000 (tildelingsbrev 2023, and each of its six letters) and 0.998 / 0.998 (Meld. St. 9);
Meld. St. 9 text vs the official DOCX 0.932 / 0.971 (DOCX paragraphs and tables read with
python-docx), vs a Markdown conversion 0.945 / 0.961, DOCX vs that Markdown 0.992 / 0.967;
supplementary letter nr. 1 as Markdown inside the 2026 bundle 0.979 (0.81 before front matter and
image links were dropped), and letter 2 of the bundle inside it 0.812 (the bundle's letter holds
lines the converter dropped). Different documents: at most 0.148 (letter 5 of the 2023 bundle in its
letter 1), letter nr. 1 in nr. 4 0.113 and in nr. 2 0.103 (letterhead and standard paragraphs of one
sender), tildelingsbrev 2023 vs 2026 0.046, nr. 2 in the 2026 bundle 0.038. THRESHOLD = 0.8 leaves
room for renderings that lose more at table and page boundaries than these, and stays five times
above what different letters of one sender share.
"""

from __future__ import annotations

import base64
import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

SHINGLE = 5  # words per shingle: long enough that standard phrases of a sender rarely repeat whole
SAMPLE = 4  # keep shingles whose hash is 0 mod SAMPLE
THRESHOLD = 0.8

_FRONT_MATTER = regex.compile(r"\A\s*---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", regex.DOTALL)
_IMAGE = regex.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = regex.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_TAG = regex.compile(r"</?[A-Za-z][^>\n]*>")
# a word broken at a line end (blank lines may stand between the parts, as at a PDF column break)
# (each pattern starts with the hyphen and looks behind it for the letter: a pattern that opened with
# the look-behind would be tried at every position of the text, not only at hyphens)
_BREAK_HYPHEN = regex.compile(
    r"[-\u2010\u00ad](?<=[\p{L}\p{N}].)[ \t]*\n\s*(?!(?:og|eller|til|enn)\b)(?=[\p{L}\p{N}])",
    regex.IGNORECASE,
)
_INNER_HYPHEN = regex.compile(r"[-\u2010](?<=[\p{L}\p{N}].)(?=[\p{L}\p{N}])")
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def normalised_words(text: str) -> list[str]:
    """The words of `text` with markup, case, punctuation, line breaks and hyphenation normalised away."""
    text = _FRONT_MATTER.sub("", text, count=1)
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    if not unicodedata.is_normalized("NFKC", text):  # a quick check; most text already is
        text = unicodedata.normalize("NFKC", text)
    text = _BREAK_HYPHEN.sub("", text)  # "omsorgs-" + "tjenesten" -> "omsorgstjenesten"
    text = _INNER_HYPHEN.sub("", text)  # "e-helse" and "e-" + "helse" read alike
    return _WORD.findall(text.lower())


def shingles(words: Sequence[str]) -> frozenset[int]:
    """Sampled hashes of every run of SHINGLE words (a text shorter than that is one shingle)."""
    if not words:
        return frozenset()
    if len(words) < SHINGLE:
        hashes: Iterable[int] = [zlib.crc32(" ".join(words).encode())]
    else:
        # each word encoded once, the windows joined and hashed in C (zip of SHINGLE shifted views);
        # crc32: stable across processes (str hash is salted per process) and fast; a collision in
        # 2^32 merely counts two shingles as one
        encoded = [w.encode() for w in words]
        windows = zip(*(encoded[k:] for k in range(SHINGLE)), strict=False)  # shorter tails end it
        hashes = map(zlib.crc32, map(b" ".join, windows))
    return frozenset([h for h in hashes if h % SAMPLE == 0])


def _pack(hashes: frozenset[int]) -> str:
    return base64.b64encode(array("I", sorted(hashes)).tobytes()).decode("ascii")


def _unpack(text: str) -> frozenset[int]:
    values = array("I")
    values.frombytes(base64.b64decode(text))
    return frozenset(values)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    shingles: frozenset[int]
    #: (brev_nr, shingles of that letter's lines) for each letter of a file that holds two or more
    letters: tuple[tuple[int, frozenset[int]], ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"shingles": _pack(self.shingles), "letters": [[nr, _pack(s)] for nr, s in self.letters]}

    @classmethod
    def from_json(cls, data: dict) -> Fingerprint:
        return cls(_unpack(data["shingles"]), tuple((int(nr), _unpack(s)) for nr, s in data["letters"]))


def fingerprint(lines: Sequence[str], letters: Sequence[tuple[int, int, int]] = ()) -> Fingerprint:
    """The fingerprint of a document's lines; `letters` are (brev_nr, first line, last line), 1-based."""
    own = tuple(
        (nr, shingles(normalised_words("\n".join(lines[first - 1 : last]))))
        for nr, first, last in letters
        if first is not None and last is not None
    )
    return Fingerprint(shingles(normalised_words("\n".join(lines))), own if len(own) >= 2 else ())


def containment(part: frozenset[int], whole: frozenset[int]) -> float:
    """Share of `part`'s shingles found in `whole` (0 for an empty part: nothing to compare)."""
    return len(part & whole) / len(part) if part else 0.0


def covers(whole: Fingerprint, part: Fingerprint) -> bool:
    """`whole` holds all of `part`: its text, and each of its letters."""
    if len(whole.shingles) < THRESHOLD * len(part.shingles):  # cannot hold enough: skip the set work
        return False
    if containment(part.shingles, whole.shingles) < THRESHOLD:
        return False
    return all(containment(s, whole.shingles) >= THRESHOLD for _, s in part.letters)


def letters_holding(bundle: Fingerprint, part: Fingerprint) -> list[int]:
    """The letters of `bundle` that `part` is: those it covers, else the one sharing most with it."""
    if not bundle.letters:
        return []
    held = [nr for nr, s in bundle.letters if containment(s, part.shingles) >= THRESHOLD]
    if held:
        return held
    return [max(bundle.letters, key=lambda item: len(item[1] & part.shingles))[0]]
