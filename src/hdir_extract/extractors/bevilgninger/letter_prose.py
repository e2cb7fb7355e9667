"""Allocation changes a supplementary letter writes in prose, under a "Kap. 714, post 21" heading.

Only the letter's allocation part is read: from a heading "Nye tildelinger" / "Endringer i tildelinger"
to the part that follows it ("Nye oppdrag", "Presisering av tidligere oppdrag", "Andre føringer", an
assignment heading, "Med hilsen"). A main letter has no such part (its allocations are its tables), and an
amount given inside an assignment ("tildeles 2 mill. kroner" to carry out TB2026-90) is not an allocation
change of the letter. A post heading marked "Presisering" clarifies an earlier allocation: no amounts.

What a post section says (each rule also commented at its code):
- "tildeles 56,601 mill. kroner", "økes med 1,007 mill. kroner", "er økt med 8,874 mill. kroner" (+),
  "reduseres med 3,4 mill. kroner", "satt ned med 8,874 mill. kroner" (−): one change each; amounts
  enumerated after it in the same sentence (", 3,5 mill. kroner til …", "og 4,176 mill. kroner til …") are
  changes too;
- a list after a sentence that gave an amount is that amount's breakdown, never more changes; a list after
  a lead-in with a change verb and no amount ("Videre økes tildelingen på posten med følgende:") gives one
  change per item;
- "Korrekt tildeling … skal være 186,6 mill. kroner" is the post's new total (`sum_tildelt`), unless the
  passage prints the amount an earlier letter gave by mistake ("ble det i supplerende tildelingsbrev nr. 2
  … tildelt 9,5 mill. kroner. Korrekt tildeling skulle vært 23 mill. kroner"): then it is a `korreksjon`
  of that earlier change, the difference (+13,5 mill.).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hdir_extract.document import Block, Kind
from hdir_extract.extractors.bevilgninger.common import value_of

#: the heading that opens a supplementary letter's allocation part
ALLOCATION_PART = regex.compile(r"^(?:Nye|Endringer\s+i|Endring\s+i)\s+tildelinger?\s*:?$", regex.I)
#: headings that open the next part of the letter
NEXT_PART = regex.compile(
    r"^(?:Nye\s+oppdrag|Presisering(?:er)?\s+(?:av|og)\b|Andre\s+føringer|Med\s+(?:vennlig\s+)?hilsen"
    r"|T?TB\s?\d{4}\s?[-\u2013]\s?\d+)",
    regex.I,
)
POST_HEADING = regex.compile(
    r"^Kap\.?\s*(?P<kap>\d{3,4})\s*[,.]?\s*post\s*(?P<post>\d{1,2})\b(?P<rest>.{0,40})$", regex.I
)
#: an amount with its unit: "56,601 mill. kroner", "500 000 kroner", "2 mill."
AMOUNT = regex.compile(
    r"(?<![\d,])(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?P<dec>,\d+)?\s*"
    r"(?:(?P<mult>mill\.|millioner|mrd\.|milliarder)(?:\s*(?:kroner|kr\.?))?|kroner\b|kr\.(?!\s*\d))",
    regex.I,
)
#: a change verb and what stands between it and its amount (no digits, no sentence end)
VERB = regex.compile(
    r"\b(?P<verb>tildeles|økes|er\s+(?:videre\s+)?økt|reduseres|er\s+(?:videre\s+)?redusert"
    r"|(?:er\s+)?(?:videre\s+)?satt\s+ned|settes\s+ned)\b(?P<gap>[^\d.:;]{0,60}?)(?=\d)",
    regex.I,
)
VERB_ANYWHERE = regex.compile(r"\b(?:tildeles|økes|reduseres|satt\s+ned|settes\s+ned)\b", regex.I)
NEGATIVE = regex.compile(r"redus|satt\s+ned|settes\s+ned", regex.I)
#: the correct figure: "Korrekt tildeling … skal være X" / "skulle vært X"
CORRECT = regex.compile(
    r"\bKorrekt\s+tildeling\b(?:[^.]|\.(?!\s*\p{Lu}))"
    r"{0,80}?\b(?:skal\s+være|skulle\s+(?:ha\s+)?vært|er)\s+(?=\d)",
    regex.I,
)
#: the amount an earlier letter gave by mistake: "… tildelt 9,5 mill. kroner"
EARLIER = regex.compile(r"\b(?:ble|var|er)\b(?:[^.]|\.(?!\s*\p{Lu})){0,120}?\btildelt\s+(?=\d)", regex.I)
#: an amount enumerated after a change in the same sentence: ", 3,5 mill. kroner til", "og 4,176 … til"
ENUMERATED_BEFORE = regex.compile(r"(?:,|\bog)\s*$")
ENUMERATED_AFTER = regex.compile(r"\s+til\b")
TOTAL_WORDS = regex.compile(r"\b(?:til\s+sammen|totalt|samlet)\b", regex.I)
SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[«\"(]?\p{Lu})")


@dataclass(frozen=True, slots=True)
class ProseAmount:
    kap: int
    post: int
    kind: str  # "ny_tildeling" | "sum_tildelt" | "korreksjon"
    kroner: int  # signed whole kroner
    raw: str  # as printed ("56,601 mill. kroner")
    linje: int
    tolerance: float  # half a unit of the printed precision, in kroner ("56,2 mill." -> 50 000)
    heading: str  # the post heading as printed
    note: str | None = None  # korreksjon: what it corrects


@dataclass(frozen=True, slots=True)
class _Amt:
    kroner: float  # unsigned
    raw: str
    start: int
    end: int
    tolerance: float


def _amount(m: regex.Match[str], offset: int = 0) -> _Amt | None:
    num = (m.group("num") + (m.group("dec") or "")).replace("\u00a0", " ")
    v = value_of(num)
    if v is None:
        return None
    mult = (m.group("mult") or "").lower()
    unit = 1_000_000_000 if mult.startswith(("mrd", "milliard")) else 1_000_000 if mult else 1
    decimals = len(m.group("dec") or "") - 1 if m.group("dec") else 0
    tolerance = 0.5 * unit / 10**decimals
    return _Amt(v * unit, m.group(0).strip(), m.start() + offset, m.end() + offset, tolerance)


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; "mill. kroner" and "jf. Prop. 1 S" do not end a sentence."""
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def _changes(text: str) -> list[tuple[_Amt, bool]]:
    """(amount, negative) for every change a paragraph states, in order."""
    out: list[tuple[_Amt, bool]] = []
    for off, s in _sentences(text):
        for v in VERB.finditer(s):
            m = AMOUNT.match(s, v.end())
            a = _amount(m, off) if m else None
            if a is None:
                continue
            negative = bool(NEGATIVE.search(v.group("verb")))
            out.append((a, negative))
            if TOTAL_WORDS.search(v.group("gap")):
                continue  # "til sammen 15,1 mill. kroner": a total, what follows is its breakdown
            # amounts enumerated after it: ", 3,5 mill. kroner til …", "og 4,176 mill. kroner til …"
            end = m.end()
            for e in AMOUNT.finditer(s, end):
                if VERB_ANYWHERE.search(s, end, e.start()) or ":" in s[end : e.start()]:
                    break  # another verb (its own change), or a colon: a breakdown follows
                if not ENUMERATED_BEFORE.search(s[end : e.start()]) or not ENUMERATED_AFTER.match(s, e.end()):
                    continue
                if (b := _amount(e, off)) is not None:
                    out.append((b, negative))
                end = e.end()
    return out


def _correction(text: str) -> tuple[_Amt, _Amt | None] | None:
    """The correct figure of "Korrekt tildeling … skal være X", and the wrongly given amount when printed."""
    c = CORRECT.search(text)
    m = AMOUNT.match(text, c.end()) if c else None
    right = _amount(m) if m else None
    if right is None:
        return None
    wrong = None
    for e in EARLIER.finditer(text, 0, c.start()):
        if (w := AMOUNT.match(text, e.end())) is not None:
            wrong = _amount(w)
    return right, wrong


@dataclass(slots=True)
class _Section:
    kap: int
    post: int
    heading: str
    clarification: bool
    items: str | None = None  # what list items mean here: "rows" (+), "rows-" (−), or None (breakdown)


def _post_heading(b: Block) -> regex.Match[str] | None:
    if b.kind not in (Kind.HEADING, Kind.PARAGRAPH):
        return None
    return POST_HEADING.match(b.text.strip(" *:"))


def _is_heading_like(b: Block) -> bool:
    return b.kind in (Kind.HEADING, Kind.PARAGRAPH) and len(b.text) < 90


def _paragraph(sec: _Section, b: Block) -> list[ProseAmount]:
    out: list[ProseAmount] = []
    text = b.text
    corr = _correction(text)
    for a, negative in _changes(text):
        out.append(_make(sec, b, "ny_tildeling", -a.kroner if negative else a.kroner, a))
    if corr:
        right, wrong = corr
        if wrong is None:
            out.append(_make(sec, b, "sum_tildelt", right.kroner, right))
        else:
            note = f"korrigerer {wrong.raw} til {right.raw}"
            tol = right.tolerance + wrong.tolerance
            out.append(_make(sec, b, "korreksjon", right.kroner - wrong.kroner, right, note, tol))
    # a lead-in: a list after an amount is its breakdown; after a change verb without an amount,
    # each item is a change
    sec.items = None
    if text.rstrip().endswith(":") and not out and (v := VERB_ANYWHERE.search(text)):
        sec.items = "rows-" if NEGATIVE.search(v.group(0)) else "rows"
    return out


def _item(sec: _Section, b: Block) -> list[ProseAmount]:
    if sec.items is None or b.depth > 0:
        return []  # a breakdown of the amount above, or a nested item
    m = AMOUNT.search(b.text)
    a = _amount(m) if m else None
    if a is None:
        return []
    return [_make(sec, b, "ny_tildeling", -a.kroner if sec.items == "rows-" else a.kroner, a)]


def _make(
    sec: _Section,
    b: Block,
    kind: str,
    kroner: float,
    a: _Amt,
    note: str | None = None,
    tol: float | None = None,
) -> ProseAmount:
    return ProseAmount(
        kap=sec.kap,
        post=sec.post,
        kind=kind,
        kroner=round(kroner),
        raw=a.raw,
        linje=b.line_at(a.start),
        tolerance=a.tolerance if tol is None else tol,
        heading=sec.heading,
        note=note,
    )


def prose_changes(blocks: list[Block]) -> list[ProseAmount]:
    """Every allocation change written in prose in the allocation parts of a letter's body blocks."""
    out: list[ProseAmount] = []
    in_part = False
    sec: _Section | None = None
    for b in blocks:
        text = b.text.strip(" *")
        if _is_heading_like(b) and ALLOCATION_PART.match(text):
            in_part, sec = True, None
            continue
        if _is_heading_like(b) and b.kind is not Kind.LIST_ITEM and NEXT_PART.match(text):
            in_part, sec = False, None
            continue
        if not in_part:
            continue
        if m := _post_heading(b):
            rest = m.group("rest")
            sec = _Section(int(m.group("kap")), int(m.group("post")), text, "presiser" in rest.lower())
            continue
        if sec is None or sec.clarification:
            continue
        if b.kind is Kind.LIST_ITEM:
            out.extend(_item(sec, b))
        elif b.kind in (Kind.PARAGRAPH, Kind.HEADING):
            out.extend(_paragraph(sec, b))
        else:
            sec.items = None
    return out
