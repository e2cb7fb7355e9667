"""Which year a value in an indicator section's text speaks of.

The year printed nearest the value in the same sentence; a year inside parentheses only serves values
inside the same parentheses, or the sentence when it has no other year ("(EU-SILC 2019)"); a comparison
word between year and value ("fra", "til", "mot") weakens the tie. A pair "fra 60 til 72 prosent" in a
period ("Siden 2013 …", "fra 2010 til 2022") takes the period's start and end years; "mot 8 prosent året
før" the year before. A sentence without a year goes on about the year of the sentences before it that
report shares. A sentence that names a month without a year ("170 besøk i januar") takes the year of the
last "<month> <year>" printed before it in the section.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

WORD_NUMBER = r"(?:en|ett|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv)"


YEAR = regex.compile(r"(?<![\d,.\-–/])(?:19|20)\d{2}(?![\d\p{L}])")


_SHORT_DATE = regex.compile(r"\b\d{1,2}[./]\d{1,2}[./-](?P<yy>\d{2})\b")


MONTHS = r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)"


_MONTH_YEAR = regex.compile(rf"\b{MONTHS}\s+(?P<y>(?:19|20)\d{{2}})\b", regex.IGNORECASE)


_MONTH_ALONE = regex.compile(rf"\b{MONTHS}\b(?!\s+(?:19|20)\d{{2}})", regex.IGNORECASE)


# a word that separates two compared values and their years ("fra 17 i 2022 til 18 i 2023")
_COMPARE = regex.compile(r"\b(?:fra|til|mot|enn|sammenlignet|sammenliknet)\b", regex.IGNORECASE)


_ABBREV = regex.compile(
    r"(?:\b(?:ca|bl\.a|jf|nr|kap|mill|mrd|kr|f\.eks|inkl|ekskl|pr|ifm|ila|mv|osv|dvs|evt|vs|jan|feb|"
    r"des|St|nov|okt|sept|aug))\.$",
    regex.IGNORECASE,
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a sentence ends at ".", "!" or "?" before a capital, a digit or "(" (not
    after an abbreviation such as "ca." or a date's "1.")."""
    spans, s0 = [], 0
    for m in regex.finditer(r"[.!?]+(?=\s+[\p{Lu}\d(«\"])", text):
        if m.group(0) == "." and _ABBREV.search(text[max(0, m.start() - 6) : m.end()]):
            continue
        spans.append((s0, m.end()))
        s0 = m.end()
    spans.append((s0, len(text)))
    return spans


def _paren_span(sentence: str, pos: int) -> tuple[int, int] | None:
    """The parenthesis (start, end) in the sentence that holds `pos`, if any."""
    depth_start: list[int] = []
    for i, ch in enumerate(sentence):
        if ch == "(":
            depth_start.append(i)
        elif ch == ")" and depth_start:
            a = depth_start.pop()
            if a < pos < i:
                return a, i
    if depth_start and depth_start[-1] < pos:
        return depth_start[-1], len(sentence)
    return None


# a year that starts a period ("siden 2019", "fra 2010 til 2022") or is the baseline of a
# difference ("2,5 % lavere enn i 2022") is not the year of the value printed near it
_NOT_VALUE_YEAR = regex.compile(
    r"\b(?:siden|fra|f\.o\.m\.|enn(?:\s+i)?|sammen(?:lignet|liknet)\s+med)\s*$", regex.IGNORECASE
)


_PAIR_FIRST_BEFORE = regex.compile(r"\bfra(?:\s+henholdsvis)?\s*$", regex.IGNORECASE)


_PAIR_FIRST_AFTER = regex.compile(rf"^(?:\s?%|\s+prosent)?\s+til\s+(?:\d|{WORD_NUMBER}\b)", regex.IGNORECASE)


_PAIR_SECOND_BEFORE = regex.compile(
    r"\bfra(?:\s+henholdsvis)?\s+\S+(?:\s?%|\s+prosent)?\s+til\s*$", regex.IGNORECASE
)


_SHARE = regex.compile(r"\d\s?%|\d\s+prosent\b", regex.IGNORECASE)


_SAME_PERIOD = regex.compile(r"\b(?:i\s+)?samme\s+periode\b", regex.IGNORECASE)


_PERIOD_START = regex.compile(
    r"\b(?:siden|fra)\s+(?P<a>(?:19|20)\d{2})\b(?:\s+til\s+(?P<b>(?:19|20)\d{2}))?", regex.IGNORECASE
)


def _period(sentence: str) -> tuple[int | None, int | None]:
    """The period a sentence speaks of: ("siden 2013" … "i 2023") or ("fra 2010 til 2022")."""
    m = _PERIOD_START.search(sentence)
    if not m:
        return None, None
    if m.group("b"):
        return int(m.group("a")), int(m.group("b"))
    ends = [y for (ys, _), y in _year_mentions(sentence) if ys > m.end()]
    return int(m.group("a")), (ends[-1] if ends else None)


def year_for(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> int | None:
    idx = next(i for i, (a, b) in enumerate(spans) if a <= start < b or i == len(spans) - 1)
    s0, e0 = spans[idx]
    sentence = text[s0:e0]
    rel, rel_end = start - s0, end - s0
    earlier = [text[a:b] for a, b in spans[max(0, idx - 3) : idx]][::-1]
    # "fra 60 til 72 prosent i 2023" after "Siden 2013": the first of a pair is the period's start,
    # the second its end; "... i samme periode" speaks of the period of the sentence before
    first = _PAIR_FIRST_BEFORE.search(sentence[:rel]) and _PAIR_FIRST_AFTER.match(sentence[rel_end:])
    second = _PAIR_SECOND_BEFORE.search(sentence[:rel])
    if first or second:
        periods = [_period(sentence[:rel])]
        if _SAME_PERIOD.search(sentence) or periods[0] == (None, None):
            periods += [_period(t) for t in earlier[:1]]
        for p_start, p_end in periods:
            if first and p_start is not None:
                return p_start
            if second and p_end is not None and not _nearest_year(sentence, rel, rel_end):
                return p_end
    y = _nearest_year(sentence, rel, rel_end)
    if y is None and not _MONTH_ALONE.search(sentence):
        # a sentence without a year goes on about the year of the spans before it that
        # report shares ("Livskvalitetsundersøkelsen for 2023 viser at 26 prosent ..." / "23
        # prosent rapporterer ..."); a sentence that reports no share breaks the chain ("I 2022
        # utviklet ... en ny indikator" is not the year of the scores that follow)
        for t in earlier:
            if not _SHARE.search(t):
                break
            ys = {yy for (ys_, _), yy in _year_mentions(t) if not _NOT_VALUE_YEAR.search(t[:ys_])}
            if ys:
                y = ys.pop() if len(ys) == 1 else None
                break
    if y is not None:
        # "i 2023, mot 8 prosent året før": the value belongs to the year before the one printed
        if regex.match(r"^[^.]{0,15}\b(?:året før|i fjor)\b", text[end:]):
            return y - 1
        return y
    # "170 besøk i januar": the month's year is the one printed with that month before
    if _MONTH_ALONE.search(sentence):
        prev = [m for m in _MONTH_YEAR.finditer(text[:s0]) if m.start() >= spans[max(0, idx - 3)][0]]
        if prev:
            return int(prev[-1].group("y"))
    return None


def _nearest_year(sentence: str, rel: int, rel_end: int) -> int | None:
    """The year printed nearest the value: years inside a parenthesis serve values inside it; the
    sentence's other years come first; a year after the value ("125 286 personer i 2022") binds
    tighter than one before, and a comparison word between them loosens the tie."""
    own = _paren_span(sentence, rel)
    cands: list[tuple[float, int, int]] = []  # (distance, tier, year)
    for m, year in _year_mentions(sentence):
        ys, ye = m
        if regex.match(r"\s?%|\s+prosent", sentence[ye:]) or _NOT_VALUE_YEAR.search(sentence[:ys]):
            continue
        yp = _paren_span(sentence, ys)
        # tier 0: the same parenthesis as the value (or both outside any)
        tier = 0 if yp == own else 1
        if ys >= rel_end:
            gap = sentence[rel_end:ys]
            d = len(gap) * 0.6
        elif ye <= rel:
            gap = sentence[ye:rel]
            d = float(len(gap))
        else:
            continue
        if _COMPARE.search(gap):
            d += 40
        cands.append((d, tier, year))
    if not cands:
        return None
    cands.sort(key=lambda c: (c[1], c[0]))
    return cands[0][2]


_YEAR_RANGE = regex.compile(r"(?<![\d,.])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2}|\d{2})(?![\d\p{L}])")


def _year_mentions(sentence: str) -> Iterator[tuple[tuple[int, int], int]]:
    # a period "2012-2023" or "2014–15" stands for its last year (a total "fra 2012-2023")
    ranges = []
    for m in _YEAR_RANGE.finditer(sentence):
        end = m.group(2)
        ranges.append((m.start(), m.end()))
        yield (m.start(), m.end()), int(end) if len(end) == 4 else int(m.group(1)[:2] + end)
    for m in YEAR.finditer(sentence):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        yield (m.start(), m.end()), int(m.group(0))
    for m in _SHORT_DATE.finditer(sentence):
        yield (m.start(), m.end()), 2000 + int(m.group("yy"))
