"""Values reported in the prose of "Nøkkeltall N: <name>" / "Styringsparameter N – <name>" sections.

A section runs from its heading to the next indicator or vurderingskriterium heading, a numbered
heading, a goal heading or an unnumbered sub-heading ("Sentrale aktiviteter i direktoratet",
"Måloppnåelse"): what follows such a heading is the directorate's activities, not the indicator.
Blank lines, page furniture ("Årsrapport 2023  27", "Side 4") and footnote texts at the foot of a
page ("11  Alkoholbruk i den voksne befolkningen – FHI (2023)") are left out, and the remaining
lines are read as one running text, so a number, its unit and its year may stand on different
lines and the result does not depend on how the text was wrapped or how many blank lines it has.

Every explicit number with a unit (%, prosent, kroner, år, dager, …) or counting something
("177 retningslinjer", "10 av 110", "Anmeldelser: 12") is a value. Not values: years, dates,
ordinals ("2. tertial"), numbers glued to letters (HLS19, K2025, footnote markers "FHI11"),
references ("Tabell 08771", "kapittel 3"), phone numbers, ranges ("25-64 år"), ages ("ved 30 år"),
counts of months, thresholds of a definition ("innen 2 virkedager", "6 eller flere", "rådet om
minimum 150 minutter"), the ends of a scale ("hvor 100 er best", the "100" of "77 av 100") and
fractions ("3 av 4", "1/4").

Year: the year printed nearest the value in the same sentence; a year inside parentheses only
serves values inside the same parentheses, or the sentence when it has no other year ("(EU-SILC
2019)"); a comparison word between year and value ("fra", "til", "mot") weakens the tie. A sentence
that names a month without a year ("170 besøk i januar") takes the year of the last "<month> <year>"
printed before it in the section. A value in a column headed "Måltall", or after "måltall:", is a
target (verditype maaltall).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hdir_extract.document import Document
from hdir_extract.models import Nokkeltall, Record
from hdir_extract.parsing.numbers import NumberError, parse_number
from hdir_extract.parsing.text import join_lines

_HEAD = regex.compile(
    r"^\s*(?P<kind>Nøkkeltall|Styringsparameter)(?:\s+(?P<nr>\d{1,2}))?\s*[:\-–—]\s*(?P<name>\S.*?)\s*:?\s*$"
)
_END = regex.compile(
    r"^\s*(?:Vurderingskriteri\w*\s*\d*\s*[:\-–]|Mål\s+\d+\s*:|\d+(?:\.\d+)+\.?\s+\p{Lu}"
    r"|\d{1,2}\.\s+\p{Lu}[^.:]{0,60}$|Hovedmål\b)"
)
# page furniture: running footer "Årsrapport 2023  27", "Side 4", "Side 4 av 90"
_FURNITURE = regex.compile(
    r"^\s*(?:\p{L}[\p{L} .]{2,40}\s(?:19|20)\d{2}(?:\s{2,}|\t)\d{1,3}"
    r"|Side\s+\d{1,3}(?:\s+av\s+\d{1,3})?)\s*$",
    regex.IGNORECASE,
)
# the text of a footnote at the foot of a page: its number, then a capitalised source or "("
_FOOTNOTE_TEXT = regex.compile(r"^\s*\d{1,2}\s+(?:\(|\p{Lu})")
_CAPTION = regex.compile(r"^\s*(?:Figur|Tabell)\s*\d", regex.IGNORECASE)
_NUM = regex.compile(
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
_WORD_NUMBER = r"(?:en|ett|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv)"
_YEAR = regex.compile(r"(?<![\d,.\-–/])(?:19|20)\d{2}(?![\d\p{L}])")
_SHORT_DATE = regex.compile(r"\b\d{1,2}[./]\d{1,2}[./-](?P<yy>\d{2})\b")
_MONTHS = r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)"
_MONTH_YEAR = regex.compile(rf"\b{_MONTHS}\s+(?P<y>(?:19|20)\d{{2}})\b", regex.IGNORECASE)
_MONTH_ALONE = regex.compile(rf"\b{_MONTHS}\b(?!\s+(?:19|20)\d{{2}})", regex.IGNORECASE)
# words after which a number is a reference, a label or an age, not a value
_REF_BEFORE = regex.compile(
    r"(?:tabell|figur|kapittel|kapitlet|kap\.|avsnitt|punkt|post|poster|mål|nøkkeltall|"
    r"styringsparameter|vurderingskriteri\w*|nr\.|nummer|nødnummeret|telefon|tlf\.?|§+|alder|"
    r"versjon|trinn|fase|del|vedlegg|anmodningsvedtak|vedtak|side|s\.|kode|konto)\s*$",
    regex.IGNORECASE,
)
# ages and periods: "ved 30 år", "siste 5 år", "over 80 år"
_AGE_BEFORE = regex.compile(r"(?:ved|siste|over|under|før|etter|fylt)\s*$", regex.IGNORECASE)
# a threshold that defines the indicator, not a result: "innen 2 virkedager", "rådet om minimum
# 150 minutter"
_THRESHOLD_BEFORE = regex.compile(
    r"(?:\binnen|\brådet?\s+om(?:\s+(?:minimum|minst|maksimum|maks))?|\brådene\s+om(?:\s+\p{L}+)?)\s*$",
    regex.IGNORECASE,
)
_THRESHOLD_AFTER = regex.compile(r"^\s+eller\s+(?:flere|fler|mer|mindre|færre)\b", regex.IGNORECASE)
# the end of a scale: "hvor 100 er best"
_SCALE_AFTER = regex.compile(r"^\s+er\s+(?:best|beste|dårligst|verst|høyest|lavest)\b", regex.IGNORECASE)
_MONTH_AFTER = regex.compile(rf"^\.?\s*{_MONTHS}\b", regex.IGNORECASE)
_PERIOD_AFTER = regex.compile(r"^(?:\s?%|\s+prosent)?\s*\((?P<p>[^()]*?(?:tertial|halvår|kvartal)[^()]*)\)")
_TARGET_HEAD = regex.compile(r"\bMåltall\b|\bMål\b\s*$", regex.IGNORECASE)
# "(måltall: 66 saker)", "målet om 20 prosent"
_TARGET_BEFORE = regex.compile(
    r"\b(?:måltall(?:et)?|mål(?:et|ene)?)\s*(?::|er|var|på|om)?\s*(?:på\s+|om\s+)?"
    r"(?:minst\s+|over\s+|under\s+|maks(?:imum)?\s+)?$",
    regex.IGNORECASE,
)
# a word that separates two compared values and their years ("fra 17 i 2022 til 18 i 2023")
_COMPARE = regex.compile(r"\b(?:fra|til|mot|enn|sammenlignet|sammenliknet)\b", regex.IGNORECASE)
_ABBREV = regex.compile(
    r"(?:\b(?:ca|bl\.a|jf|nr|kap|mill|mrd|kr|f\.eks|inkl|ekskl|pr|ifm|ila|mv|osv|dvs|evt|vs|jan|feb|"
    r"des|St|nov|okt|sept|aug))\.$",
    regex.IGNORECASE,
)


def extract_sections(doc: Document) -> list[Record]:
    out: list[Record] = []
    n = len(doc)
    no = 1
    while no <= n:
        m = _HEAD.match(doc.text(no))
        if not m:
            no += 1
            continue
        name, last = _wrapped(doc, no, m.group("name"))
        lines, end = _section_lines(doc, last + 1)
        kind = "nokkeltall" if m.group("kind").lower().startswith("nøkkel") else "styringsparameter"
        kilde = f"{m.group('kind')} {m.group('nr')}" if m.group("nr") else m.group("kind")
        out.extend(_values(doc, lines, kilde, kind, name.rstrip(":").strip()))
        no = end
    return out


def _wrapped(doc: Document, no: int, first: str) -> tuple[str, int]:
    """The heading's name continues on following lines that start in lower case (or "("), blank
    lines between them skipped: the same name whatever the blank-line pattern."""
    parts, last = [first], no
    k = no + 1
    while k <= len(doc) and len(parts) < 4 and k - last <= 4:
        t = doc.text(k).strip()
        if not t or _FURNITURE.match(t):
            k += 1
            continue
        if t[0].islower() or t[0] == "(" or _orphan(t, _next_text(doc, k)):
            parts.append(t)
            last = k
            k += 1
            continue
        break
    return join_lines(parts), last


def _orphan(t: str, nxt: str) -> bool:
    """A word or two the typesetter carried over alone ("... og antall" / "LIS" / "i allmennmedisin
    (i ny ordning)."): a capitalised fragment of at most three words, not a sentence, between the
    heading and a line that goes on in lower case. A paragraph's first line is longer than that."""
    return len(t.split()) <= 3 and not regex.search(r"[.:!?]$", t) and bool(nxt) and nxt[0].islower()


def _section_lines(doc: Document, start: int, limit: int = 45) -> tuple[list[tuple[int, str]], int]:
    """The section's text lines (blank lines, page furniture and footnote texts left out) and the
    line where the next section starts. `limit` counts text lines, not blank ones."""
    lines: list[tuple[int, str]] = []
    k = start
    while k <= len(doc) and len(lines) < limit:
        t = doc.text(k)
        s = t.strip()
        if _HEAD.match(t) or _END.match(t):
            return lines, k
        if not s or _FURNITURE.match(t):
            k += 1
            continue
        if _is_subheading(lines, s, _next_text(doc, k)):
            return lines, k
        if _FOOTNOTE_TEXT.match(s) and not _is_value_line(s):
            k += 1
            continue
        if regex.fullmatch(r"\d{1,3}", s) and not (lines and lines[-1][1].rstrip().endswith(":")):
            k += 1  # a lone page number (a lone value follows the label that ends in ":")
            continue
        lines.append((k, t))
        k += 1
    return lines, k


def _next_text(doc: Document, no: int) -> str:
    for k in range(no + 1, min(len(doc), no + 6) + 1):
        s = doc.text(k).strip()
        if s and not _FURNITURE.match(s):
            return s
    return ""


def _is_value_line(s: str) -> bool:
    """A line that starts with a value and its unit ("12 %", "36 helseaktører fikk varsel") rather
    than a footnote number before a source."""
    return bool(regex.match(r"^\s*\d{1,2}\s?(?:%|prosent\b)", s))


_STANDARD_SUBHEADING = regex.compile(
    r"(?:Sentrale aktiviteter|Måloppnåelse|Vurdering av måloppnåelse|Status og utvikling|"
    r"Resultater og måloppnåelse|Aktiviteter)\b",
    regex.IGNORECASE,
)


def _is_subheading(lines: list[tuple[int, str]], s: str, nxt: str) -> bool:
    """An unnumbered heading inside the chapter: a short capitalised line without sentence
    punctuation, standing between the end of a sentence and the start of a new paragraph."""
    if not lines:
        return False
    # the standard sub-headings of an årsrapport's goal chapter end the section even where the
    # paragraph before them lacks its full stop
    standard = _STANDARD_SUBHEADING.match(s)
    if not standard and not lines[-1][1].rstrip().endswith((".", "!", "?")):
        return False
    if not (3 <= len(s) <= 70) or not s[0].isupper() or s.endswith((".", ":", ";", ",", "!", "?")):
        return False
    if ":" in s or "%" in s or _CAPTION.match(s) or len(s.split()) > 9:
        return False
    if regex.search(r"\d", _YEAR.sub("", s)):
        return False
    return bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit())


@dataclass
class _Stream:
    """The section's lines joined into one text, with the offset where each line starts."""

    text: str
    starts: list[int]
    nos: list[int]

    @classmethod
    def of(cls, lines: list[tuple[int, str]]) -> _Stream:
        parts, starts, nos, pos = [], [], [], 0
        for no, t in lines:
            s = regex.sub(r"\s+", " ", t.strip())
            starts.append(pos)
            nos.append(no)
            parts.append(s)
            pos += len(s) + 1
        return cls(" ".join(parts), starts, nos)

    def line_at(self, pos: int) -> int:
        i = 0
        while i + 1 < len(self.starts) and self.starts[i + 1] <= pos:
            i += 1
        return i


def _values(doc: Document, lines: list[tuple[int, str]], kilde: str, kind: str, name: str) -> list[Record]:
    out: list[Record] = []
    st = _Stream.of(lines)
    sentences = _sentences(st.text)
    scale = regex.search(r"\bskår|\bskala\b", st.text, regex.IGNORECASE)
    targets = _target_columns(st)
    found = list(_stream_values(st.text, name, bool(scale)))
    per_line: dict[int, list[int]] = {}
    for i, v in enumerate(found):
        per_line.setdefault(st.line_at(v.start), []).append(i)
    for i, v in enumerate(found):
        li = st.line_at(v.start)
        no = st.nos[li]
        col = targets.get(li)
        if li in targets:
            # a row of the small table may wrap ("... saksbehandlingstid 11,1" / "virkedager" /
            # "6 virkedager"): the row runs until the next line that opens with a label
            row = _table_row(st, targets, per_line, li)
            maal = len(row) >= 2 and i == row[-1]
            aar = col or _year_for(st.text, v.start, v.end, sentences)
        else:
            maal = v.target
            aar = _year_for(st.text, v.start, v.end, sentences)
        pm = _PERIOD_AFTER.match(st.text[v.end :])
        out.append(
            Nokkeltall(
                dok_id=doc.dok_id,
                linje=no,
                kilde=kilde,
                kilde_type=kind,  # type: ignore[arg-type]
                indikator=name,
                aar=aar,
                periode=regex.sub(r"\s+", " ", pm.group("p")).strip() if pm else None,
                verdi=v.verdi,
                enhet=v.enhet,
                verditype="maaltall" if maal else "resultat",
                raw=v.raw,
            )
        )
    return out


def _table_row(
    st: _Stream, targets: dict[int, int | None], per_line: dict[int, list[int]], li: int
) -> list[int]:
    """Value indexes of the table row that holds line `li`: a row starts at a line that opens with
    a capital letter (its label) and goes on over lines that do not, until it holds a result and
    a target."""

    def opens(k: int) -> bool:
        t = st.text[st.starts[k] :].lstrip()
        return bool(t) and t[0].isupper()

    a = li
    while a - 1 in targets and not opens(a):
        a -= 1
    row = list(per_line.get(a, []))
    k = a + 1
    while len(row) < 2 and k in targets and not opens(k):
        row += per_line.get(k, [])
        k += 1
    return row if li in range(a, k) else list(per_line.get(li, []))


def _target_columns(st: _Stream) -> dict[int, int | None]:
    """Lines of a small table headed "Resultat 2023  Måltall" inside the section: line index ->
    the result column's year (None when the header names none). The header may be wrapped over
    a few lines ("Sakstype Resultat" / "2023" / "Måltall")."""
    out: dict[int, int | None] = {}
    head_year: int | None = None
    active = False
    for i, start in enumerate(st.starts):
        end = st.starts[i + 1] - 1 if i + 1 < len(st.starts) else len(st.text)
        t = st.text[start:end]
        if _TARGET_HEAD.search(t) and not _NUM.search(_YEAR.sub("", t)):
            active = True
            back = st.text[st.starts[max(0, i - 3)] : end]
            ys = _YEAR.findall(back)
            head_year = int(ys[-1]) if ys else head_year
            continue
        if active:
            out[i] = head_year
    return out


@dataclass
class _Value:
    start: int
    end: int
    verdi: float
    enhet: str
    raw: str
    target: bool


def _stream_values(text: str, name: str, scale: bool):
    masked = _mask_phone_numbers(text)
    last: _Value | None = None
    for mt in _NUM.finditer(masked):
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


def _compared(text: str, mt, last: _Value) -> _Value | None:
    before, after = text[: mt.start()], text[mt.end() :]
    if not (_COMPARED_BEFORE.search(before) and _COMPARED_AFTER.match(after)):
        return None
    if regex.search(r"[.!?]\s", text[last.end : mt.start()]) or mt.start() - last.end > 120:
        return None
    try:
        v = parse_number(mt.group(0))
    except NumberError:
        return None
    if v is None or _YEAR.fullmatch(mt.group("num")):
        return None
    return _Value(mt.start(), mt.end(), float(v), last.enhet, mt.group(0), False)


def _mask_phone_numbers(text: str) -> str:
    # "23 16 30 00", "815 32 400": groups that are no thousands grouping
    return regex.sub(
        r"(?<!\d)(?:\d{2}(?: \d{2}){3}|\d{3} \d{2} \d{3})(?!\d)", lambda m: "#" * len(m.group(0)), text
    )


def _read_value(text: str, mt, name: str, scale: bool) -> _Value | None:
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
    compound = regex.match(r"-(\p{L}+)", after[_unit_len(after) :]) if unit is not None else None
    # a target named by its number ("90%-målet ble ikke nådd") is the printed target; any other
    # compound ("20-årsjubileum") is no value
    target_word = bool(compound and regex.match(r"mål", compound.group(1), regex.IGNORECASE))
    if compound and not target_word:
        return None
    if unit == "år" and (_AGE_BEFORE.search(before) or regex.search(r"\d\s*[-–]\s*$", before)):
        return None  # an age or a period, not a value
    if _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(after) or _SCALE_AFTER.match(after):
        return None
    if _is_condition(before, unit, num, name):
        return None
    if regex.search(r"\d\s*[-–]\s*$", before):
        return None  # the second number of a range ("25-64 år")
    if regex.match(r"0\d", num):
        return None  # a code or reference with a leading zero ("08771")
    if " " in num and regex.search(r"(?:anrop|ring|telefon|tlf)\D{0,20}$", before, regex.IGNORECASE):
        return None  # a phone number
    frac = regex.match(r"\s+av\s+(?P<d>\d+(?:[ ]\d{3})*)(?![\d,])", after)
    den = regex.search(r"(?P<n>\d+)\s+av\s+$", before)
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
    return _Value(
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
    r"\b(?:mer enn|mindre enn|over|under|minst|minimum|maksimum)\s*\(?$", regex.IGNORECASE
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


def _unit_len(after: str) -> int:
    for pat, _ in _UNITS:
        um = regex.match(pat, after, regex.IGNORECASE)
        if um:
            return um.end()
    return 0


def _unit_after(after: str) -> str | None:
    for pat, name in _UNITS:
        if regex.match(pat, after, regex.IGNORECASE):
            return name
    # "fra 60 til 72 prosent", "fra 15 til seks prosent": the first number of a pair shares the
    # second one's unit
    pair = regex.match(
        rf"\s+(?:til|og|eller)\s+(?:\d+(?:[ ]\d{{3}})*(?:,\d+)?|{_WORD_NUMBER}\b)", after, regex.IGNORECASE
    ) or regex.match(r"\s?[-–]\s?\d+(?:,\d+)?", after)
    if pair:
        rest = after[pair.end() :]
        for pat, name in _UNITS:
            if name != "år" and regex.match(pat, rest, regex.IGNORECASE):
                return name
    return None


def _count_unit(num: str, before: str, after: str, name: str) -> str | None:
    """A bare number is a value only when it counts something ("177 retningslinjer", "10 av 110",
    "Anmeldelser: 12"); then its unit is antall."""
    if regex.match(r"\s+år\p{L}", after):
        return None  # "67 årsalder", "15 åringer"
    if regex.match(r"\s*(?:måneder|måned|mnd\.?)(?!\p{L})", after, regex.IGNORECASE):
        return None  # a count of months
    if _MONTH_AFTER.match(after) or regex.match(r"\.\s*\p{Ll}", after):
        return None  # a date ("1. januar") or an ordinal ("2. tertial")
    if _YEAR.fullmatch(num):
        # a year, unless a noun of the indicator's own name follows ("2002 klagesaker" under
        # "Antall klagesaker")
        word = regex.match(r"\s+(\p{Ll}{4,})", after)
        lead = regex.search(r"(?:^|[.:!?]|\b(?:totalt|sammen|ca\.|lag|over|under))\s*$", before)
        if not (word and lead and word.group(1)[:5] in name.lower()):
            return None
    counted = (
        regex.match(r"\s+(?:av\s+\d|\p{L}|\()|\s*[)(]", after)
        or regex.search(r"\d\s+av\s+$", before)
        or regex.search(r"[\p{L}\d]\)?:\s*$", before)  # "Anmeldelser: 12", "i 2023: 396"
    )
    return "antall" if counted else None


def _sentences(text: str) -> list[tuple[int, int]]:
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
_PAIR_FIRST_AFTER = regex.compile(rf"^(?:\s?%|\s+prosent)?\s+til\s+(?:\d|{_WORD_NUMBER}\b)", regex.IGNORECASE)
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


def _year_for(text: str, start: int, end: int, sentences: list[tuple[int, int]]) -> int | None:
    idx = next(i for i, (a, b) in enumerate(sentences) if a <= start < b or i == len(sentences) - 1)
    s0, e0 = sentences[idx]
    sentence = text[s0:e0]
    rel, rel_end = start - s0, end - s0
    earlier = [text[a:b] for a, b in sentences[max(0, idx - 3) : idx]][::-1]
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
        # a sentence without a year goes on about the year of the sentences before it that
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
        prev = [m for m in _MONTH_YEAR.finditer(text[:s0]) if m.start() >= sentences[max(0, idx - 3)][0]]
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


def _year_mentions(sentence: str):
    # a period "2012-2023" or "2014–15" stands for its last year (a total "fra 2012-2023")
    ranges = []
    for m in _YEAR_RANGE.finditer(sentence):
        end = m.group(2)
        ranges.append((m.start(), m.end()))
        yield (m.start(), m.end()), int(end) if len(end) == 4 else int(m.group(1)[:2] + end)
    for m in _YEAR.finditer(sentence):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        yield (m.start(), m.end()), int(m.group(0))
    for m in _SHORT_DATE.finditer(sentence):
        yield (m.start(), m.end()), 2000 + int(m.group("yy"))
