"""Values reported in the prose of "Nøkkeltall N: <name>" / "Styringsparameter N – <name>" sections.

A section runs from its heading to the next indicator or vurderingskriterium heading, a numbered
heading, a goal heading or an unnumbered sub-heading ("Sentrale aktiviteter i direktoratet",
"Måloppnåelse"): what follows such a heading is the directorate's activities, not the indicator. The
section is read through its blocks' printed lines (`printed.py`), because a text layer may run a
section heading into the paragraph before or after it; footnotes are left out (also a footnote text the
layer left in the body, "11  Alkoholbruk i den voksne befolkningen – FHI (2023)"). The remaining
lines are read as one running text, joined the way their blocks joined them, so a number, its unit and
its year may stand on different lines; a value's `linje` is the line its digits are printed on.

Which numbers are values and in what unit is `values.py`; which year a value speaks of is `years.py`.
A value in a column headed "Måltall" (the last value of a row in a small "Resultat 2023  Måltall"
table), or after "måltall:", is a target (verditype maaltall); a period in parentheses after it
("(første tertial)") is its periode.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.nokkeltall.printed import Printed, printed_lines, stream
from hdir_extract.extractors.nokkeltall.values import NUM, find_values
from hdir_extract.extractors.nokkeltall.years import YEAR, sentences, year_for
from hdir_extract.models import Nokkeltall, Record
from hdir_extract.parsing.text import join_lines

_HEAD = regex.compile(
    r"^\s*(?P<kind>Nøkkeltall|Styringsparameter)(?:\s+(?P<nr>\d{1,2}))?\s*[:\-–—]\s*(?P<name>\S.*?)\s*:?\s*$"
)


_END = regex.compile(
    r"^\s*(?:Vurderingskriteri\w*\s*\d*\s*[:\-–]|Mål\s+\d+\s*:|\d+(?:\.\d+)+\.?\s+\p{Lu}"
    r"|\d{1,2}\.\s+\p{Lu}[^.:]{0,60}$|Hovedmål\b)"
)


_CAPTION = regex.compile(r"^\s*(?:Figur|Tabell)\s*\d", regex.IGNORECASE)


_PERIOD_AFTER = regex.compile(r"^(?:\s?%|\s+prosent)?\s*\((?P<p>[^()]*?(?:tertial|halvår|kvartal)[^()]*)\)")


_TARGET_HEAD = regex.compile(r"\bMåltall\b|\bMål\b\s*$", regex.IGNORECASE)


def extract_sections(doc: Document, lines: list[Printed] | None = None) -> list[Record]:
    """`lines`: the document's `printed_lines`, where the caller has them."""
    out: list[Record] = []
    lines = printed_lines(doc) if lines is None else lines
    k = 0
    while k < len(lines):
        m = _HEAD.match(lines[k].text)
        if not m:
            k += 1
            continue
        name, last = _wrapped(lines, k, m.group("name"))
        section, end = _section_lines(lines, last + 1)
        kind = "nokkeltall" if m.group("kind").lower().startswith("nøkkel") else "styringsparameter"
        kilde = f"{m.group('kind')} {m.group('nr')}" if m.group("nr") else m.group("kind")
        out.extend(_values(doc, section, kilde, kind, name.rstrip(":").strip()))
        k = end
    return out


def _wrapped(lines: list[Printed], k: int, first: str) -> tuple[str, int]:
    """The heading's name continues on the following lines that start in lower case (or "("), with an
    orphan the typesetter carried over, or after a line ending in a word no title ends with."""
    parts, last = [first], k
    while last + 1 < len(lines) and len(parts) < 4:
        t = lines[last + 1].text
        nxt = lines[last + 2].text if last + 2 < len(lines) else ""
        if not (t[0].islower() or t[0] == "(" or _orphan(t, nxt) or _GOES_ON.search(parts[-1])):
            break
        parts.append(t)
        last += 1
    return join_lines(parts), last


# a title does not end in a function word or a comma: "… søknadsskjema som behandles av" / "Helsedirektoratet"
_GOES_ON = regex.compile(
    r"(?r)(?:,|(?<!\S)(?:og|eller|i|for|av|til|med|om|på|fra|ved|mot|som|at|under|etter|innen|hos))\s*$"
)


def _orphan(t: str, nxt: str) -> bool:
    """A word or two the typesetter carried over alone ("... og antall" / "LIS" / "i allmennmedisin
    (i ny ordning)."): a capitalised fragment of at most three words, not a sentence, between the
    heading and a line that goes on in lower case. A paragraph's first line is longer than that."""
    return len(t.split()) <= 3 and not regex.search(r"[.:!?]$", t) and bool(nxt) and nxt[0].islower()


def _section_lines(lines: list[Printed], start: int, limit: int = 45) -> tuple[list[Printed], int]:
    """The section's printed lines (footnotes left out) and the index where the next section starts.
    `limit` counts printed lines."""
    out: list[Printed] = []
    k = start
    while k < len(lines) and len(out) < limit:
        p = lines[k]
        if _HEAD.match(p.text) or _END.match(p.text):
            return out, k
        nxt = lines[k + 1].text if k + 1 < len(lines) else ""
        if _is_subheading(out, p.text, nxt):
            return out, k
        if p.kind is not Kind.FOOTNOTE and not _loose_footnote(lines, k):
            out.append(p)
        k += 1
    return out, k


# a footnote's text at the foot of a page: its number, then a capitalised source or "(" ("11  Alkoholbruk
# i den voksne befolkningen – FHI (2023)"); a line that opens with a value ("12 %") is none
_FOOTNOTE_TEXT = regex.compile(r"^\s*(?P<nr>\d{1,2})\s+(?:\(|\p{Lu})")


_VALUE_START = regex.compile(r"^\s*\d{1,2}\s?(?:%|prosent\b)")


def _loose_footnote(lines: list[Printed], k: int) -> bool:
    """A footnote text the reading layer left in the body (reported as a layout problem): a line that
    opens with a footnote number and its source ("12 ODA Open Digital Archive …")."""
    text = lines[k].text
    return bool(_FOOTNOTE_TEXT.match(text)) and not _VALUE_START.match(text)


_STANDARD_SUBHEADING = regex.compile(
    r"(?:Sentrale aktiviteter|Måloppnåelse|Vurdering av måloppnåelse|Status og utvikling|"
    r"Resultater og måloppnåelse|Aktiviteter)\b",
    regex.IGNORECASE,
)


def _is_subheading(lines: list[Printed], s: str, nxt: str) -> bool:
    """An unnumbered heading inside the chapter: a short capitalised line without sentence
    punctuation, standing between the end of a sentence and the start of a new paragraph."""
    if not lines:
        return False
    # the standard sub-headings of an årsrapport's goal chapter end the section even where the
    # paragraph before them lacks its full stop
    standard = _STANDARD_SUBHEADING.match(s)
    if not standard and not lines[-1].text.rstrip().endswith((".", "!", "?")):
        return False
    if not (3 <= len(s) <= 70) or not s[0].isupper() or s.endswith((".", ":", ";", ",", "!", "?")):
        return False
    if ":" in s or "%" in s or _CAPTION.match(s) or len(s.split()) > 9:
        return False
    if regex.search(r"\d", YEAR.sub("", s)):
        return False
    return bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit())


@dataclass
class _Stream:
    """The section's lines read as one text, with the offset where each line starts."""

    text: str
    starts: list[int]
    nos: list[int]

    @classmethod
    def of(cls, doc: Document, lines: list[Printed]) -> _Stream:
        text, starts = stream(doc, lines)
        return cls(text, starts, [p.line for p in lines])

    def line_at(self, pos: int) -> int:
        """Index of the line that holds offset `pos`."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)


def _values(doc: Document, lines: list[Printed], kilde: str, kind: str, name: str) -> list[Record]:
    out: list[Record] = []
    st = _Stream.of(doc, lines)
    spans = sentences(st.text)
    scale = regex.search(r"\bskår|\bskala\b", st.text, regex.IGNORECASE)
    targets = _target_columns(st)
    found = list(find_values(st.text, name, bool(scale)))
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
            aar = col or year_for(st.text, v.start, v.end, spans)
        else:
            maal = v.target
            aar = year_for(st.text, v.start, v.end, spans)
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
        if _TARGET_HEAD.search(t) and not NUM.search(YEAR.sub("", t)):
            active = True
            back = st.text[st.starts[max(0, i - 3)] : end]
            ys = YEAR.findall(back)
            head_year = int(ys[-1]) if ys else head_year
            continue
        if active:
            out[i] = head_year
    return out
