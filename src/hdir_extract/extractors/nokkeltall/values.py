"""Which numbers in an indicator section's text are values, and in what unit.

Every explicit number with a unit (%, prosent, kroner, år, dager, …) or counting something
("177 retningslinjer", "10 av 110", "Anmeldelser: 12") is a value. Not values: years, dates,
ordinals ("2. tertial"), numbers glued to letters (HLS19, K2025, footnote markers "FHI11"),
references ("Tabell 08771", "kapittel 3"), phone numbers, ranges ("25-64 år"), ages ("ved 30 år"),
counts of months, thresholds of a definition ("innen 2 virkedager", "6 eller flere", "rådet om
minimum 150 minutter"), the ends of a scale ("hvor 100 er best", the "100" of "77 av 100") and
fractions ("3 av 4", "1/4"). A number compared with a value ("16 prosent …, mot 15 året før") shares
its unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from hdir_extract.extractors.nokkeltall.years import MONTHS, WORD_NUMBER, YEAR
from hdir_extract.parsing.numbers import NumberError, parse_number

NUM = regex.compile(
    r"(?<![\p{L}\d,.\-–/§])(?P<num>\d{1,3}(?:[ ]\d{3})+|\d{1,3}(?:\.\d{3})+(?=\s)|\d+)(?:,(?P<dec>\d+))?"
    r"(?![\d\p{L}]|[.,]\d|/\d|-\d)"
)


_UNITS: tuple[tuple[str, str], ...] = (
    (r"\s?%", "prosent"),
    (r"\s+prosentpoeng\b", "prosentpoeng"),
    (r"\s+prosent\b", "prosent"),
    (r"\s+(?:mill\.|millioner)\s*(?:kr\.?|kroner)", "mill. kroner"),
    (r"\s+(?:mrd\.|milliarder)\s*(?:kr\.?|kroner)", "mrd. kroner"),
    (r"\s+(?:tusen|1000)\s*kroner", "tusen kroner"),
    (r"\s+(?:kr\.?|kroner)(?!\p{L})", "kroner"),
    (r"\s+årsverk\b", "årsverk"),
    (r"\s+år\b(?!\s+og\s+eldre|\s+gammel|\s+gamle)", "år"),
    # working days are days as far as the unit goes; the text's word stays in `raw`'s sentence
    (r"\s+(?:virke)?(?:dager|døgn)\b", "dager"),
    (r"\s+uker\b", "uker"),
    (r"\s+minutt(?:er|ers)?\b", "minutter"),
    (r"\s+timer?\b", "timer"),
    (r"\s+(?:sekunder|sek\.?)(?!\p{L})", "sekunder"),
    (r"\s+liter\b", "liter"),
)


# words after which a number is a reference, a label or an age, not a value
_REF_BEFORE = regex.compile(
    r"(?:tabell|figur|kapittel|kapitlet|kap\.|avsnitt|punkt|post|poster|mål|nøkkeltall|"
    r"styringsparameter|vurderingskriteri\w*|nr\.|nummer|nødnummeret|telefon|tlf\.?|§+|alder|"
    r"versjon|trinn|fase|del|vedlegg|anmodningsvedtak|vedtak|side|s\.|kode|konto)\s*$",
    regex.IGNORECASE,
)


# (?r): the patterns on the text before a value are anchored at its end and searched backwards from
# there (the same texts match; a forward search tries every start of a whole section)

# ages and periods: "ved 30 år", "siste 5 år", "over 80 år"
_AGE_BEFORE = regex.compile(r"(?r)(?:ved|siste|over|under|før|etter|fylt)\s*$", regex.IGNORECASE)


# a threshold that defines the indicator, not a result: "innen 2 virkedager", "rådet om minimum
# 150 minutter"
_THRESHOLD_BEFORE = regex.compile(
    r"(?r)(?:\binnen|\brådet?\s+om(?:\s+(?:minimum|minst|maksimum|maks))?|\brådene\s+om(?:\s+\p{L}+)?)\s*$",
    regex.IGNORECASE,
)


_THRESHOLD_AFTER = regex.compile(r"^\s+eller\s+(?:flere|fler|mer|mindre|færre)\b", regex.IGNORECASE)


# the end of a scale: "hvor 100 er best"
_SCALE_AFTER = regex.compile(r"^\s+er\s+(?:best|beste|dårligst|verst|høyest|lavest)\b", regex.IGNORECASE)


_MONTH_AFTER = regex.compile(rf"^\.?\s*{MONTHS}\b", regex.IGNORECASE)


# "(måltall: 66 saker)", "målet om 20 prosent"
_TARGET_BEFORE = regex.compile(
    r"\b(?:måltall(?:et)?|mål(?:et|ene)?)\s*(?::|er|var|på|om)?\s*(?:på\s+|om\s+)?"
    r"(?:minst\s+|over\s+|under\s+|maks(?:imum)?\s+)?$",
    regex.IGNORECASE,
)


@dataclass
class Value:
    start: int
    end: int
    verdi: float
    enhet: str
    raw: str
    target: bool


def find_values(text: str, name: str, scale: bool) -> Iterator[Value]:
    masked = _mask_phone_numbers(text)
    last: Value | None = None
    for mt in NUM.finditer(masked):
        v = _read_value(masked, mt, name, scale)
        if v is None and last is not None:
            v = _compared(masked, mt, last)
        if v is not None:
            last = v
            yield v


# "16 prosent ... bruker snus daglig, mot 15 året før": the compared number is printed without
# its unit; it shares the unit of the value it is compared with, in the same sentence
_COMPARED_BEFORE = regex.compile(r"\bmot\s*$", regex.IGNORECASE)


_COMPARED_AFTER = regex.compile(r"^\s+(?:året før|i fjor|(?:i|for)\s+(?:19|20)\d{2}\b)", regex.IGNORECASE)


def _compared(text: str, mt: regex.Match[str], last: Value) -> Value | None:
    before, after = text[: mt.start()], text[mt.end() :]
    if not (_COMPARED_BEFORE.search(before) and _COMPARED_AFTER.match(after)):
        return None
    if regex.search(r"[.!?]\s", text[last.end : mt.start()]) or mt.start() - last.end > 120:
        return None
    try:
        v = parse_number(mt.group(0))
    except NumberError:
        return None
    if v is None or YEAR.fullmatch(mt.group("num")):
        return None
    return Value(mt.start(), mt.end(), float(v), last.enhet, mt.group(0), False)


def _mask_phone_numbers(text: str) -> str:
    # "23 16 30 00", "815 32 400": groups that are no thousands grouping
    return regex.sub(
        r"(?<!\d)(?:\d{2}(?: \d{2}){3}|\d{3} \d{2} \d{3})(?!\d)", lambda m: "#" * len(m.group(0)), text
    )


def _read_value(text: str, mt: regex.Match[str], name: str, scale: bool) -> Value | None:
    before = text[: mt.start()]
    after = text[mt.end() :]
    num = mt.group("num")
    try:
        v = parse_number(mt.group(0))
    except NumberError:
        return None
    if v is None:
        return None
    unit = _unit_after(after)
    compound = _COMPOUND.match(after[_unit_len(after) :]) if unit is not None else None
    # a target named by its number ("90%-målet ble ikke nådd") is the printed target; any other
    # compound ("20-årsjubileum") is no value
    target_word = bool(compound and regex.match(r"mål", compound.group(1), regex.IGNORECASE))
    if compound and not target_word:
        return None
    if unit == "år" and (_AGE_BEFORE.search(before) or _RANGE_BEFORE.search(before)):
        return None  # an age or a period, not a value
    if _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(after) or _SCALE_AFTER.match(after):
        return None
    if _is_condition(before, unit, num, name):
        return None
    if _RANGE_BEFORE.search(before):
        return None  # the second number of a range ("25-64 år")
    if _LEADING_ZERO.match(num):
        return None  # a code or reference with a leading zero ("08771")
    if " " in num and _PHONE_BEFORE.search(before):
        return None  # a phone number
    frac = _FRACTION_AFTER.match(after)
    den = _FRACTION_BEFORE.search(before)
    if frac and int(frac.group("d").replace(" ", "")) <= 10 and v < int(frac.group("d").replace(" ", "")):
        return None  # a fraction ("3 av 4"), not a count
    if den and int(mt.group(0).replace(" ", "").split(",")[0]) <= 10:
        return None  # the denominator of a fraction
    if den and scale and num in ("10", "100"):
        return None  # the top of a scale ("77 av 100")
    if frac and scale and frac.group("d") in ("10", "100"):
        unit = unit or f"skår (0-{frac.group('d')})"
    if unit is None:
        unit = _count_unit(num, before, after, name)
        if unit is None:
            return None
        # a unit of measure printed before the number's noun ("sum for tonn CO2-utslipp ... var
        # 311 131 i 2022"): the bare number is in that unit
        measure = _MEASURE_BEFORE.search(_sentence_start(before))
        if unit == "antall" and measure:
            unit = measure.group(1).lower()
    if _REF_BEFORE.search(before) and unit in ("antall", "år"):
        return None
    return Value(
        start=mt.start(),
        end=mt.end(),
        verdi=float(v),
        enhet=unit,
        raw=mt.group(0),
        target=bool(_TARGET_BEFORE.search(before)) or target_word,
    )


_TIME_UNITS = frozenset({"minutter", "timer", "sekunder"})


# a limit of time that defines a group ("sitter mer enn 8 timer per dag", "(over 300 minutter
# ukentlig ...)") rather than a measured result
_LIMIT_BEFORE = regex.compile(
    r"(?r)\b(?:mer enn|mindre enn|over|under|minst|minimum|maksimum)\s*\(?$", regex.IGNORECASE
)


# the recommendation a share is measured against ("rådet om minimum 150 minutter ... eller 75
# minutter ..."): every duration in the clause that states it
_GUIDELINE = regex.compile(r"\b(?:rådet?|rådene|anbefaling(?:en|ene)?)\s+om\b[^.;]*$", regex.IGNORECASE)


def _is_condition(before: str, unit: str | None, num: str, name: str) -> bool:
    """A number that belongs to the definition of what is counted, not to the result."""
    if unit in _TIME_UNITS and (_LIMIT_BEFORE.search(before) or _GUIDELINE.search(before[-160:])):
        return True
    # the indicator's own threshold repeated in the text ("Tilbakekreving over 200 000 kroner" under
    # "... vedtak om tilbakekreving over 200 000 kr ..."): a grouped amount printed in the name
    return " " in num and bool(regex.search(rf"(?<!\d )(?<!\d){regex.escape(num)}(?!\d)", name))


_MEASURE_BEFORE = regex.compile(r"\b(tonn|kilo|kg|liter|kWh|MWh|GWh|km)\b(?![^.]*\d)", regex.IGNORECASE)


def _sentence_start(before: str) -> str:
    """The text from the start of the value's sentence up to the value."""
    m = list(regex.finditer(r"[.!?]\s+(?=\p{Lu})", before))
    return before[m[-1].end() :] if m else before


# compiled once (a module-level regex call looks its pattern up in a cache on every call)
_UNITS_RE = tuple((regex.compile(pat, regex.IGNORECASE), name) for pat, name in _UNITS)
_PAIR_WORD = regex.compile(
    rf"\s+(?:til|og|eller)\s+(?:\d+(?:[ ]\d{{3}})*(?:,\d+)?|{WORD_NUMBER}\b)", regex.IGNORECASE
)
_PAIR_DASH = regex.compile(r"\s?[-–]\s?\d+(?:,\d+)?")
_COMPOUND = regex.compile(r"-(\p{L}+)")
_RANGE_BEFORE = regex.compile(r"(?r)\d\s*[-–]\s*$")
_LEADING_ZERO = regex.compile(r"0\d")
_PHONE_BEFORE = regex.compile(r"(?r)(?:anrop|ring|telefon|tlf)\D{0,20}$", regex.IGNORECASE)
_FRACTION_AFTER = regex.compile(r"\s+av\s+(?P<d>\d+(?:[ ]\d{3})*)(?![\d,])")
_FRACTION_BEFORE = regex.compile(r"(?P<n>\d+)\s+av\s+$")
_AGE_WORD_AFTER = regex.compile(r"\s+år\p{L}")
_MONTHS_AFTER = regex.compile(r"\s*(?:måneder|måned|mnd\.?)(?!\p{L})", regex.IGNORECASE)
_ORDINAL_AFTER = regex.compile(r"\.\s*\p{Ll}")
_COUNTED_AFTER = regex.compile(r"\s+(?:av\s+\d|\p{L}|\()|\s*[)(]")
_COUNT_OF_BEFORE = regex.compile(r"(?r)\d\s+av\s+$")
_LABEL_COLON_BEFORE = regex.compile(r"(?r)[\p{L}\d]\)?:\s*$")


def _unit_len(after: str) -> int:
    for pat, _ in _UNITS_RE:
        um = pat.match(after)
        if um:
            return um.end()
    return 0


def _unit_after(after: str) -> str | None:
    for pat, name in _UNITS_RE:
        if pat.match(after):
            return name
    # "fra 60 til 72 prosent", "fra 15 til seks prosent": the first number of a pair shares the
    # second one's unit
    pair = _PAIR_WORD.match(after) or _PAIR_DASH.match(after)
    if pair:
        rest = after[pair.end() :]
        for pat, name in _UNITS_RE:
            if name != "år" and pat.match(rest):
                return name
    return None


def _count_unit(num: str, before: str, after: str, name: str) -> str | None:
    """A bare number is a value only when it counts something ("177 retningslinjer", "10 av 110",
    "Anmeldelser: 12"); then its unit is antall."""
    if _AGE_WORD_AFTER.match(after):
        return None  # "67 årsalder", "15 åringer"
    if _MONTHS_AFTER.match(after):
        return None  # a count of months
    if _MONTH_AFTER.match(after) or _ORDINAL_AFTER.match(after):
        return None  # a date ("1. januar") or an ordinal ("2. tertial")
    if YEAR.fullmatch(num):
        # a year, unless a noun of the indicator's own name follows ("2002 klagesaker" under
        # "Antall klagesaker")
        word = regex.match(r"\s+(\p{Ll}{4,})", after)
        lead = regex.search(r"(?:^|[.:!?]|\b(?:totalt|sammen|ca\.|lag|over|under))\s*$", before)
        if not (word and lead and word.group(1)[:5] in name.lower()):
            return None
    counted = (
        _COUNTED_AFTER.match(after)
        or _COUNT_OF_BEFORE.search(before)
        or _LABEL_COLON_BEFORE.search(before)  # "Anmeldelser: 12", "i 2023: 396"
    )
    return "antall" if counted else None
