"""Shared pieces of the bevilgninger parsers: amount tokens, run-together columns, rows and checks.

Every flavour (Prop. 1 S kapittel tables, "Forslag til vedtak", tildelingsbrev tables, the
årsrapport's bevilgningsrapportering) turns printed cells into `Bevilgning` rows through the helpers
here, so a unit or split decision is made in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document
from hdir_extract.models import Bevilgning, Kontroll
from hdir_extract.parsing.numbers import NumberError, parse_number

MINUS = "-\u2212\u2013\u2014"
#: one printed digit group, optionally signed, the last group of a number may carry a decimal comma
TOKEN = regex.compile(rf"(?<![\w,.])([{MINUS}]\s?)?\d+(?:,\d+)?(?![\w])")
_SIGN_OR_SPACE = regex.compile(rf"[{MINUS}\s]")  # compiled once: `Tok.digits` runs per digit group

#: state budget convention: kapittel 3000-5999 are inntektskapitler (income), the rest utgift
INNTEKT_KAP = range(3000, 6000)


def is_inntekt(kapittel: int) -> bool:
    return kapittel in INNTEKT_KAP


@dataclass(frozen=True, slots=True)
class Tok:
    """One printed digit group on a line, with its character span."""

    text: str
    start: int
    end: int

    @property
    def digits(self) -> str:
        return _SIGN_OR_SPACE.sub("", self.text)

    @property
    def signed(self) -> bool:
        return self.text[0] in MINUS

    @property
    def decimal(self) -> bool:
        return "," in self.text


def tokens(text: str) -> list[Tok]:
    return [Tok(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


def valid_number(toks: Sequence[Tok]) -> bool:
    """A printed number: first group 1-3 digits (or one ungrouped run), later groups exactly 3.

    Only the first group may carry a sign, only the last a decimal comma; no leading zero
    except a lone "0"; two groups must be separated by a single space (a wider gap is a column gap).
    """
    if not toks:
        return False
    first = toks[0].digits.split(",")[0]
    if len(first) > 1 and first[0] == "0":
        return False
    if len(toks) == 1:
        return True
    if len(first) > 3 or first == "0":
        return False
    for i, t in enumerate(toks[1:], 1):
        if t.signed or len(t.digits.split(",")[0]) != 3:
            return False
        if toks[i - 1].decimal or t.start - toks[i - 1].end != 1:
            return False
    return True


def segmentations(toks: Sequence[Tok], k: int) -> list[list[list[Tok]]]:
    """All ways to read `toks` as exactly k numbers (columns printed run together), in the order of
    their cut positions (as itertools.combinations gives them). Searched part by part, each run of
    tokens tested once: a first part that is no number rules out every reading starting with it."""
    n = len(toks)
    if k <= 0 or n < k:
        return []
    valid: dict[tuple[int, int], bool] = {}

    def ok(a: int, b: int) -> bool:
        if (a, b) not in valid:
            valid[a, b] = valid_number(toks[a:b])
        return valid[a, b]

    out: list[list[list[Tok]]] = []

    def rec(a: int, left: int, acc: list[list[Tok]]) -> None:
        if left == 1:
            if ok(a, n):
                out.append([*acc, list(toks[a:n])])
            return
        for b in range(a + 1, n - left + 2):  # leave at least one token for each part after this
            if ok(a, b):
                rec(b, left - 1, [*acc, list(toks[a:b])])

    rec(0, k, [])
    return out


def raw_of(text: str, part: Sequence[Tok]) -> str:
    return text[part[0].start : part[-1].end]


def value_of(raw: str) -> float | None:
    """The printed number as a float (None for nil dash or garbage)."""
    try:
        v = parse_number(raw)
    except NumberError:
        return None
    return None if v is None else float(v)


@dataclass(slots=True)
class Amount:
    """A printed amount: its raw text, line and value in the printed unit."""

    raw: str
    linje: int
    value: float  # as printed (thousands in a "(i 1 000 kr)" table)
    decimal: bool = False


def amounts_from(text: str, linje: int, parts: Iterable[Sequence[Tok]]) -> list[Amount]:
    out = []
    for p in parts:
        raw = raw_of(text, p)
        v = value_of(raw)
        if v is None:
            continue
        out.append(Amount(raw=raw, linje=linje, value=v, decimal=any(t.decimal for t in p)))
    return out


def kroner(value: float, unit: int) -> int:
    """Whole kroner from a printed value and the unit it is printed in (rounded, never truncated)."""
    return round(value * unit)


@dataclass(slots=True)
class Ctx:
    """What every row of one document shares."""

    doc: Document
    letters: list = field(default_factory=list)
    rows: list[Bevilgning] = field(default_factory=list)
    checks: list[Kontroll] = field(default_factory=list)
    #: when `doc` is a view of the document (a row-per-line table read cell by cell): view line ->
    #: the document's line, so every `linje` points at the line where the value is printed
    line_map: dict[int, int] | None = None

    def _line(self, linje: int | None) -> int | None:
        return self.line_map.get(linje, linje) if self.line_map and linje is not None else linje

    def add(self, **kw) -> Bevilgning:
        if "linje" in kw:
            kw["linje"] = self._line(kw["linje"])
        rec = Bevilgning(dok_id=self.doc.dok_id, **kw)
        self.rows.append(rec)
        return rec

    def check(
        self,
        kontroll: str,
        nokkel: str,
        forventet: float | None,
        beregnet: float | None,
        linje: int | None,
        what: str,
        tolerance: float = 0.5,
    ) -> Kontroll:
        """A numeric cross-check; `what` names the compared quantity in the message."""
        ok = forventet is not None and beregnet is not None and abs(forventet - beregnet) <= tolerance
        avvik = None if forventet is None or beregnet is None else float(beregnet - forventet)
        if ok:
            melding = f"{what}: printed {fmt(forventet)} equals the computed {fmt(beregnet)}."
        else:
            melding = f"{what}: printed {fmt(forventet)} but computed {fmt(beregnet)}."
        rec = Kontroll(
            dok_id=self.doc.dok_id,
            linje=self._line(linje),
            kontroll=kontroll,
            nokkel=nokkel,
            forventet=fmt(forventet),
            beregnet=fmt(beregnet),
            avvik=avvik,
            ok=ok,
            melding=melding,
        )
        self.checks.append(rec)
        return rec


def fmt(v: float | None) -> str | None:
    if v is None:
        return None
    return str(int(v)) if float(v).is_integer() else f"{v:.3f}".rstrip("0")


def choose(
    cands: list[list[list[Tok]]], score: Callable[[list[float]], float], text: str
) -> list[list[Tok]] | None:
    """The candidate split with the lowest score (ties: the first, i.e. the most left-heavy)."""
    best, best_s = None, None
    for c in cands:
        vals = [value_of(raw_of(text, p)) for p in c]
        if any(v is None for v in vals):
            continue
        s = score([v for v in vals if v is not None])
        if best_s is None or s < best_s:
            best, best_s = c, s
    return best
