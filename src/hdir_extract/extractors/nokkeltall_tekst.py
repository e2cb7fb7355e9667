"""Values reported in the prose of "Nøkkeltall N: <name>" / "Styringsparameter N – <name>" sections.

A section runs from its heading to the next indicator or vurderingskriterium heading, a numbered
heading, or a goal heading. Every explicit number with a unit (%, prosent, kroner, år, dager, …) or
counting something ("177 retningslinjer", "10 av 110") is a value. Not values: years, dates,
ordinals ("2. tertial"), numbers glued to letters (HLS19, K2025), references ("Tabell 08771",
"kapittel 3"), phone numbers, ranges ("25-64 år"), ages ("ved 30 år"), counts of months.
The year is the year printed nearest the value in the same sentence (also "31.12.23");
a value in a column headed "Måltall" is a target (verditype maaltall).
"""

from __future__ import annotations

import regex

from hdir_extract.document import Document
from hdir_extract.models import Nokkeltall, Record
from hdir_extract.parsing.numbers import NumberError, parse_number
from hdir_extract.parsing.text import join_lines

_HEAD = regex.compile(
    r"^\s*(?P<kind>Nøkkeltall|Styringsparameter)(?:\s+(?P<nr>\d{1,2}))?\s*[:\-–—]\s*(?P<name>\S.*?)\s*:?\s*$"
)
_END = regex.compile(
    r"^\s*(?:Vurderingskriteri\w*\s*\d*\s*[:\-–]|Mål\s+\d+\s*:|\d+(?:\.\d+)+\.?\s+\p{Lu}|Hovedmål\b)"
)
_NUM = regex.compile(
    r"(?<![\p{L}\d,.\-–/§])(?P<num>\d{1,3}(?:[ ]\d{3})+|\d+)(?:,(?P<dec>\d+))?(?![\d\p{L}]|[.,]\d|/\d|-\d)"
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
    (r"\s+dager\b|\s+døgn\b", "dager"),
    (r"\s+uker\b", "uker"),
    (r"\s+(?:timer|minutter|sekunder|sek\.?)(?!\p{L})", "tid"),
)
_YEAR = regex.compile(r"(?<![\d,.])(?:19|20)\d{2}(?![\d,])")
_SHORT_DATE = regex.compile(r"\b\d{1,2}[./]\d{1,2}[./-](?P<yy>\d{2})\b")
# words after which a number is a reference, a label or an age, not a value
_REF_BEFORE = regex.compile(
    r"(?:tabell|figur|kapittel|kap\.|punkt|post|poster|mål|nøkkeltall|styringsparameter|"
    r"vurderingskriteri\w*|nr\.|nummer|nødnummeret|telefon|tlf\.?|§+|alder|"
    r"versjon|trinn|fase|del|vedlegg|anmodningsvedtak|vedtak)\s*$",
    regex.IGNORECASE,
)
# ages and periods: "ved 30 år", "siste 5 år", "over 80 år"
_AGE_BEFORE = regex.compile(r"(?:ved|siste|over|under|før|etter|fylt)\s*$", regex.IGNORECASE)
_MONTH_AFTER = regex.compile(
    r"^\.?\s*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b",
    regex.IGNORECASE,
)
_PERIOD_AFTER = regex.compile(r"^(?:\s?%|\s+prosent)?\s*\((?P<p>[^()]*?(?:tertial|halvår|kvartal)[^()]*)\)")
_TARGET_HEAD = regex.compile(r"\bMåltall\b|\bMål\b\s*$", regex.IGNORECASE)


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
        end = _section_end(doc, last + 1)
        kind = "nokkeltall" if m.group("kind").lower().startswith("nøkkel") else "styringsparameter"
        kilde = f"{m.group('kind')} {m.group('nr')}" if m.group("nr") else m.group("kind")
        out.extend(_values(doc, last + 1, end, kilde, kind, name.rstrip(":").strip()))
        no = end
    return out


def _wrapped(doc: Document, no: int, first: str) -> tuple[str, int]:
    parts, last = [first], no
    for k in range(no + 1, min(n := len(doc), no + 3) + 1):
        t = doc.text(k).strip()
        if not t:
            continue
        if t[0].islower() and k <= n:
            parts.append(t)
            last = k
            continue
        break
    return join_lines(parts), last


def _section_end(doc: Document, start: int, limit: int = 80) -> int:
    for k in range(start, min(len(doc), start + limit) + 1):
        t = doc.text(k)
        if _HEAD.match(t) or _END.match(t):
            return k
    return min(len(doc), start + limit) + 1


def _values(doc: Document, start: int, end: int, kilde: str, kind: str, name: str) -> list[Record]:
    out: list[Record] = []
    target_cols = False
    head_year: int | None = None
    for no in range(start, end):
        text = doc.text(no)
        if not text.strip():
            continue
        if _TARGET_HEAD.search(text) and not _NUM.search(regex.sub(_YEAR, "", text)):
            # a small table inside the section: "Resultat 2023  Måltall"
            target_cols = True
            ys = _YEAR.findall(text)
            head_year = int(ys[0]) if ys else head_year
            continue
        if target_cols and _YEAR.fullmatch(text.strip()):
            head_year = int(text.strip())
            continue
        context = _sentence_context(doc, no)
        nxt = next((doc.text(k).strip() for k in range(no + 1, no + 3) if doc.text(k).strip()), "")
        found = list(_line_values(text, nxt))
        for idx, (mt, verdi, enhet, raw) in enumerate(found):
            maal = target_cols and len(found) >= 2 and idx == len(found) - 1
            aar = head_year if target_cols and head_year else _nearest_year(text, mt.start(), context)
            pm = _PERIOD_AFTER.match(text[mt.end() :].rstrip() + " " + nxt)
            out.append(
                Nokkeltall(
                    dok_id=doc.dok_id,
                    linje=no,
                    kilde=kilde,
                    kilde_type=kind,  # type: ignore[arg-type]
                    indikator=name,
                    aar=aar,
                    periode=regex.sub(r"\s+", " ", pm.group("p")).strip() if pm else None,
                    verdi=verdi,
                    enhet=enhet,
                    verditype="maaltall" if maal else "resultat",
                    raw=raw,
                )
            )
    return out


def _line_values(text: str, next_line: str = ""):
    for mt in _NUM.finditer(text):
        before = text[: mt.start()]
        # a value and its unit may stand on different lines: read on into the next line
        after = text[mt.end() :].rstrip() + " " + next_line
        num = mt.group("num")
        try:
            v = parse_number(mt.group(0))
        except NumberError:
            continue
        if v is None:
            continue
        unit = None
        unit_len = 0
        for pat, name in _UNITS:
            um = regex.match(pat, after, regex.IGNORECASE)
            if um:
                unit, unit_len = name, um.end()
                break
        if unit is None:
            # "fra 60 til 72 prosent": the first number of a pair shares the second one's unit
            pair = regex.match(r"\s+(?:til|og|eller)\s+\d+(?:[ ]\d{3})*(?:,\d+)?", after) or regex.match(
                r"\s?[-–]\s?\d+(?:,\d+)?", after
            )
            if pair:
                for pat, name in _UNITS[:8]:
                    if regex.match(pat, after[pair.end() :], regex.IGNORECASE):
                        unit = name
                        break
        if unit is not None and regex.match(r"-\p{L}", after[unit_len:]):
            continue  # part of a compound ("90%-målet")
        if unit == "år" and (_AGE_BEFORE.search(before) or regex.search(r"\d\s*[-–]\s*$", before)):
            continue  # an age or a period, not a value
        if unit is None and regex.match(r"\s+år\p{L}", after):
            continue  # "67 årsalder", "15 åringer"
        if unit is None:
            if _YEAR.fullmatch(num) or regex.match(r"\s*(?:måneder|mnd)\b", after, regex.IGNORECASE):
                continue  # a year, or a count of months
            if _MONTH_AFTER.match(after) or regex.match(r"\.\s*\p{Ll}", after):
                continue  # a date ("1. januar") or an ordinal ("2. tertial")
            counted = regex.match(r"\s+(?:av\s+\d|\p{L}|\()|\s*[)(]", after) or regex.search(
                r"\d\s+av\s+$", before
            )
            if not counted:
                continue  # a bare number at a sentence end is kept only when it counts something
            unit = "antall"
        if _REF_BEFORE.search(before) and unit in ("antall", "år"):
            continue
        if regex.search(r"\d\s*[-–]\s*$", before):
            continue  # the second number of a range ("25-64 år")
        if " " in num and regex.search(r"(?:anrop|ring|telefon|tlf)\D{0,20}$", before, regex.IGNORECASE):
            continue  # a phone number
        raw = mt.group(0)
        yield mt, float(v), unit, raw


def _sentence_context(doc: Document, no: int) -> tuple[str, int]:
    """The line with its neighbours (blank lines skipped) and the offset of the line in it."""
    prev = next((doc.text(k) for k in range(no - 1, max(0, no - 3), -1) if doc.text(k).strip()), "")
    nxt = next((doc.text(k) for k in range(no + 1, no + 3) if doc.text(k).strip()), "")
    return f"{prev} {doc.text(no)} {nxt}", len(prev) + 1


def _nearest_year(text: str, pos: int, context: tuple[str, int]) -> int | None:
    """The year printed nearest the value within its sentence."""
    full, offset = context
    p = offset + pos
    # sentence bounds: ". " followed by a capital or digit
    starts = [m.end() for m in regex.finditer(r"[.!?]\s+(?=[\p{Lu}\d])", full) if m.end() <= p]
    s0 = starts[-1] if starts else 0
    e = regex.search(r"[.!?](?:\s+[\p{Lu}\d]|\s*$)", full[p:])
    e0 = p + e.start() if e else len(full)
    sentence = full[s0:e0]
    rel = p - s0
    best: tuple[int, int] | None = None
    for m in _YEAR.finditer(sentence):
        if regex.match(r"\s?%|\s+prosent", sentence[m.end() :]):
            continue
        # a year after the value ("125 286 personer i 2022") binds a little tighter than one before
        d = (m.start() - rel) * 0.6 if m.start() > rel else rel - m.start()
        if d and (best is None or d < best[0]):
            best = (d, int(m.group(0)))
    for m in _SHORT_DATE.finditer(sentence):
        d = abs(m.start() - rel)
        if best is None or d < best[0]:
            best = (d, 2000 + int(m.group("yy")))
    return best[1] if best else None
