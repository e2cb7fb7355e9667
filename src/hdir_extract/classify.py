"""Recognise what a document is from its CONTENT (never its file name, never a converter's front
matter): type, year, title, issuer and addressee.

A document is of a type only when its own first pages say so: its title lines, its letterhead
(addressee, "Dato", "Vår ref"), its assignment ids, its report chapters. Text ABOUT such documents (a list
of sources, an article quoting an årsrapport, a note naming tildelingsbrev) is `ukjent`. The first pages
are the first `HEAD_BLOCKS` body blocks read as their printed lines (so a DOCX or Markdown rendering is
read the same as text), and the running heads and footers the reading layer kept aside.

Rules, in order (first match wins; each also in the README's method notes):
- prop_1_s: a title line "Prop. 1 S" with a session "(2024–2025)"; year = "FOR BUDSJETTÅRET 2025", else
  the session's second year. Another proposition ("Prop. 1 LS", "Prop. 12 S") is `annet`: recognised,
  listed, not extracted.
- meld_st: a title line "Meld. St. N (YYYY–YYYY)"; year = the date of "Tilråding fra … 1. mars 2024".
- tildelingsbrev / oppdragsdokument: a letter's title ("Supplerende tildelingsbrev nr. 2 …", "Tillegg
  til tildelingsbrev", "Endring av tildelingsbrev", "Statsbudsjettet 2023 - … - Tildelingsbrev",
  "Oppdragsdokument til Norsk helsenett SF for 2026") with letter evidence on the first pages (a dated
  letterhead, a reference, an addressee, or assignment ids); or a main letter that prints no title
  ("1 Innledning" first) but calls itself "dette tildelingsbrevet" on its first pages and heads its
  assignments with ids and departments ("ID: TB2023-01 Eieravdeling HOD: FHA"). Year = the title's
  ("… for 2026"), else the year of the ids heading its assignments, else the most frequent year of its
  TB ids, else "… for 2026" next to tildelingsbrev/Helsedirektoratet, else the letter's date.
- aarsrapport: at least three chapters of the state annual-report template as headings ("Leders
  beretning", "Introduksjon til virksomheten og hovedtall", "Årets aktiviteter og resultater", "Styring og
  kontroll i virksomheten", "Vurdering av framtidsutsikter", "Årsregnskap") and "Årsrapport YYYY" as a
  title line or running footer; year = the most frequent such YYYY.
Anything else is `ukjent`: reported and skipped, never guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.brev.index import DocIndex
from hdir_extract.extractors.brev.letterhead import addressee, letter_date, letter_ref
from hdir_extract.extractors.brev.letters import LetterSegment, subject_at
from hdir_extract.extractors.brev.segments import Seg
from hdir_extract.parsing import DateError, SessionError, find_dates, parse_session

#: the first pages: this many body blocks
HEAD_BLOCKS = 60
#: a title stands among the first blocks
TITLE_BLOCKS = 25
# Title lines only: the name stands alone on a short line (a mention in prose is not a title).
# "Prop. 1 S (2024–2025)" on its own line, or joined with the next title line by a converter ("Prop. 1 S
# (2025–2026) Proposisjon til Stortinget (forslag til stortingsvedtak)", "… Helse- og
# omsorgsdepartementet"); never a sentence about one
_PROP = regex.compile(
    r"^Prop\.\s*(\d+)\s*(L?S|L)\b\s*(?:\((\d{4}\s*[-–]\s*\d{4})\))?"
    r"(?:\s+(?:Proposisjon\s+til\s+Stortinget\b.*|\p{Lu}[\p{L} -]*departementet))?$"
)
_BUDGET_YEAR = regex.compile(r"FOR\s+BUDSJETT[ÅA]RET\s+(\d{4})", regex.IGNORECASE)
# "Meld. St. 9 (2023–2024)" on its own line, or joined with the next title line by a converter ("# Meld.
# St. 5 (2026–2027) Melding til Stortinget Folkehelsemeldinga"); never a sentence about one
_MELD = regex.compile(
    r"^Meld\.\s*St\.\s*(\d+)\s*(?:\((\d{4}\s*[-–]\s*\d{4})\))?"
    r"(?:\s+Melding\s+til\s+Stortinget\b\s*(?P<sub>.*))?$"
)
_SESSION = regex.compile(r"\((\d{4}\s*[-–]\s*\d{4})\)")
_MINISTRY = regex.compile(r"\b(\p{Lu}\p{Ll}*-\s+og\s+\p{Ll}*departementet|\p{Lu}\p{Ll}*departementet)\b")
_TB_ID_YEAR = regex.compile(r"(?<![A-Za-z])TT?B\s?[-–]?\s?(20\d\d)\s?[-–]\s?\d{1,3}")
_TB_FOR_YEAR = regex.compile(
    r"(?:tildelingsbrev\w*|Helsedirektoratet|budsjettår\w*)\s+for\s+(20\d\d)", regex.IGNORECASE
)
_TITLE_YEAR = regex.compile(r"\b(?:for\s+)?(20\d\d)\b")
_SELF_REFERENCE = regex.compile(r"(?i)\bdette\s+(?:tildelingsbrevet|oppdragsdokumentet)\b")
_OPPDRAGSDOKUMENT = regex.compile(r"(?i)oppdragsdokument")
# an assignment heading with its department ("ID: TB2023-01 Eieravdeling HOD: FHA", "TB2026-1 Avd. HOD:")
_HEADED_ID = regex.compile(
    r"^(?:ID\s*:\s*)?T?TB\s?[-–]?\s?(20\d\d)\s?[-–]\s?\d{1,3}\s+(?:Eieravdeling|Avd\.?|Avdeling)\s*(?:i\s+)?HOD\b"
)
_OD_ID = regex.compile(r"^ID\s*:\s*(20\d\d)\s*[-–]\s*\d{1,3}\b")
# a line that opens with an assignment id: a heading of the letter's own assignments (a mention in prose
# or in a list of sources does not open a line)
_ASSIGNMENT_START = regex.compile(
    r"^(?:ID\s*:\s*)?(?:T?TB\s?[-–]?\s?20\d\d\s?[-–]\s?\d{1,3}|(?<=:\s*)20\d\d\s*[-–]\s*\d{1,3})\b"
)
_AARSRAPPORT_TITLE = regex.compile(
    r"^[ÅA]rsrapport\s+(?:for\s+)?(20\d\d)\b(?:\s+\d{1,3})?(?:\s+\S+){0,3}$", regex.I
)
# the chapters of the state annual-report template, as a heading opens them ("1. Leders beretning")
_CHAPTER = regex.compile(
    r"^(?:\d{1,2}\.?\s+)?(Leders\s+beretning|Introduksjon\s+til\s+virksomheten|Årets\s+aktiviteter\s+og\s+"
    r"resultater|Årets\s+resultater\s+og\s+aktiviteter|Styring\s+og\s+kontroll\s+i\s+virksomheten|Vurdering\s+av\s+framtidsutsikter|Årsregnskap)\b"
    r".{0,60}$",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Classification:
    dokumenttype: str
    aar: int | None
    tittel: str | None
    utsteder: str | None
    reason: str
    mottaker: str | None = None


@dataclass(frozen=True, slots=True)
class Head:
    """The document's first pages: their printed lines, and the running heads/footers."""

    segs: list[Seg]  # the first HEAD_BLOCKS body blocks' segments
    all_segs: list[Seg]
    furniture: list[str]
    index: DocIndex  # the document's shared views: its letters are read only when it looks like one

    @property
    def letters(self) -> list[LetterSegment]:
        return self.index.letters

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segs]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def titles(self) -> list[Seg]:
        """Segments that may be a title: among the first blocks, not a list item or a table row."""
        first = self.segs[0].block if self.segs else 0
        blocks = sorted({s.block for s in self.segs})
        limit = blocks[min(TITLE_BLOCKS, len(blocks)) - 1] if blocks else first
        return [s for s in self.segs if s.block <= limit and s.kind not in (Kind.LIST_ITEM, Kind.TABLE)]


def _head(doc: Document, index: DocIndex) -> Head:
    segs = index.segments
    blocks: list[int] = []
    head: list[Seg] = []
    for s in segs:
        if s.block not in blocks:
            if len(blocks) == HEAD_BLOCKS:
                break
            blocks.append(s.block)
        head.append(s)
    return Head(head, segs, [f.text for f in doc.furniture], index)


def _session_in(text: str) -> str | None:
    m = _SESSION.search(text)
    if not m:
        return None
    try:
        return parse_session(m.group(1))
    except SessionError:
        return None


def _ministry(text: str) -> str | None:
    m = _MINISTRY.search(text)
    return " ".join(m.group(1).split()) if m else None


#: a state agency's name: "Helsedirektoratet", "Folkehelseinstituttet", "Statens helsetilsyn",
#: "Direktoratet for medisinske produkter" (a ministry is its owner, never the report's author)
_AGENCY = regex.compile(
    r"\b(?:Statens\s+\p{Ll}+|Direktoratet\s+for\s+\p{Ll}+(?:\s+\p{Ll}+)?"
    r"|\p{Lu}\p{Ll}+(?:direktoratet|tilsynet|instituttet|etaten|verket|senteret|ombudet|nemnda))\b"
)


def _agency(head: Head) -> str | None:
    """The agency an annual report is by: the agency name its first pages print most often (at least
    twice), or None: never a guess."""
    counts = Counter(" ".join(m.group(0).split()) for m in _AGENCY.finditer(head.text))
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None


def _after(head: Head, k: int, n: int = 3) -> str:
    return " ".join(head.texts[k + 1 : k + 1 + n])


def _title_line(head: Head, pattern: regex.Pattern[str]) -> tuple[int, regex.Match[str]] | None:
    """The first line of the first pages that is the title `pattern` names, and its index."""
    for k, t in enumerate(head.texts):
        if m := pattern.match(t):
            return k, m
    return None


def _classify_prop(doc: Document, head: Head) -> Classification | None:
    found = _title_line(head, _PROP)
    if found is None:
        return None
    k, m = found
    nr, kind = m.group(1), m.group(2)
    session = parse_session(m.group(3)) if m.group(3) else _session_in(_after(head, k))
    title = f"Prop. {nr} {kind}" + (f" ({session.replace('-', '–')})" if session else "")
    budget = _BUDGET_YEAR.search(head.text)
    year = int(budget.group(1)) if budget else (int(session[-4:]) if session else None)
    issuer = _ministry(head.text)
    if nr == "1" and kind == "S":
        return Classification("prop_1_s", year, title, issuer, "title 'Prop. 1 S' on the first page")
    return Classification(
        "annet", year, title, issuer, f"a proposition of another kind ({title}), not extracted"
    )


def _classify_meld(doc: Document, head: Head) -> Classification | None:
    found = _title_line(head, _MELD)
    if found is None:
        return None
    k, m = found
    session = parse_session(m.group(2)) if m.group(2) else _session_in(_after(head, k))
    subtitle = m.group("sub") or next(
        (
            t
            for t in head.texts[k + 1 :]  # the title lines after "Meld. St. 9"
            if t not in ("Melding til Stortinget",)
            and not _MELD.match(t)
            and not _SESSION.fullmatch(t)
            and not regex.fullmatch(r"\(.*\)", t)  # "(Korrigert utgave per 03.04.2024)": an edition note
        ),
        None,
    )
    title = f"Meld. St. {m.group(1)}" + (f" ({session.replace('-', '–')})" if session else "")
    if subtitle:
        title += f" {subtitle}"
    year = None
    for s in head.all_segs[:300]:
        if "Tilråding" in s.text or "tilråding" in s.text:
            dates = [d for d in find_dates(s.text) if d.date]
            if dates:
                year = dates[0].date.year  # type: ignore[union-attr]
                break
    if year is None and session:
        year = int(session[:4])
    return Classification("meld_st", year, title, _ministry(head.text), "title 'Meld. St.' on the first page")


def _most_common(values: list[int]) -> int | None:
    if not values:
        return None
    counts = Counter(values).most_common()
    best = max(c for _, c in counts)
    return max(v for v, c in counts if c == best)  # a tie goes to the later year


def _letter_title(head: Head) -> str | None:
    """A letter's title among the first blocks ("Supplerende tildelingsbrev nr. 2 Helsedirektoratet")."""
    segs = head.titles()
    for k in range(len(segs)):
        subject = subject_at(segs, k)
        if subject is not None:
            return subject
    return None


def _headed_ids(head: Head) -> list[int]:
    """Years of the ids heading assignments ("ID: TB2023-01 Eieravdeling HOD: FHA", "ID: 2026-03")."""
    years = [int(m.group(1)) for s in head.all_segs if (m := _HEADED_ID.match(s.text))]
    return years or [int(m.group(1)) for s in head.all_segs if (m := _OD_ID.match(s.text))]


def _letter_evidence(head: Head) -> bool:
    """The first pages are a letter's: a dated letterhead, a reference, an addressee or assignment ids."""
    return (
        letter_date(head.segs)[0] is not None
        or letter_ref(head.segs) is not None
        or addressee(head.segs) is not None
        or any(_ASSIGNMENT_START.match(s.text) for s in head.segs if s.kind is not Kind.LIST_ITEM)
    )


def _letter_year(doc: Document, head: Head, title: str | None) -> int | None:
    if title and (m := _TITLE_YEAR.search(title)):
        return int(m.group(1))
    headed = _most_common(_headed_ids(head))
    if headed:
        return headed
    ids = _most_common([int(y) for s in head.all_segs for y in _TB_ID_YEAR.findall(s.text)])
    if ids:
        return ids
    near = _most_common([int(y) for y in _TB_FOR_YEAR.findall(head.text)])
    if near:
        return near
    date = letter_date(head.all_segs)[0]
    return date.year if date else None


def _classify_letter(doc: Document, head: Head) -> Classification | None:
    title = _letter_title(head)
    if title is not None and _letter_evidence(head):
        reason = "a letter's title with its letterhead on the first page"
    elif _SELF_REFERENCE.search(head.text) and len(_headed_ids(head)) >= 2:
        # (also under a title without a letterhead on the first page: a converter's copy of the letter
        # whose letterhead stands later, or was dropped)
        reason = "calls itself 'dette tildelingsbrevet' and heads its assignments with ids"
    else:
        return None
    kind = "oppdragsdokument" if _OPPDRAGSDOKUMENT.search(title or head.text[:2000]) else "tildelingsbrev"
    year = _letter_year(doc, head, title)
    letters = head.letters
    mottaker = letters[0].mottaker if letters else None
    bundle = len(letters) > 1 and any(seg.brevtype == "tildelingsbrev" for seg in letters)
    if title is None or bundle:
        # a main letter (alone or with its supplementary letters) is named by its year and addressee
        word = "Oppdragsdokument" if kind == "oppdragsdokument" else "Tildelingsbrev"
        title = " ".join(filter(None, [word, str(year) if year else None, mottaker]))
    issuer = _ministry(head.text) or "Helse- og omsorgsdepartementet"
    return Classification(kind, year, title, issuer, reason, mottaker)


def _chapters(head: Head) -> set[str]:
    """The report chapters printed as headings, or as one-line blocks (a reader that builds no headings
    gives a heading as a line of its own); never in a list item or a paragraph ("- Årsrapport 2018
    (leders beretning, årsregnskap …)"). A heading is read whole: a chapter title wraps ("2. Introduksjon
    til" / "virksomheten og hovedtall")."""
    texts: dict[int, list[str]] = {}
    kinds: dict[int, Kind] = {}
    for s in head.all_segs:
        texts.setdefault(s.block, []).append(s.text.strip())
        kinds[s.block] = s.kind
    return {
        m.group(1).casefold()
        for block, parts in texts.items()
        if (kinds[block] is Kind.HEADING or (kinds[block] is Kind.PARAGRAPH and len(parts) == 1))
        and (m := _CHAPTER.match(" ".join(parts)))
    }


def _classify_aarsrapport(doc: Document, head: Head) -> Classification | None:
    headings = _chapters(head)
    if len(headings) < 3:
        return None
    titles = (
        [s.text for s in head.titles()]
        + [s.text for s in head.all_segs if len(s.text) <= 40]
        + head.furniture
    )
    years = [int(m.group(1)) for t in titles if (m := _AARSRAPPORT_TITLE.match(t.strip()))]
    if not years:
        return None
    year = _most_common(years)
    return Classification(
        "aarsrapport",
        year,
        f"Årsrapport {year}",
        _agency(head),
        "the annual report's chapters with 'Årsrapport YYYY' as title or running footer",
    )


def classify(doc: Document, index: DocIndex | None = None) -> Classification:
    """`index`: the document's shared views (the pipeline builds them once, here and for the
    extractors; built here when not given)."""
    head = _head(doc, index.of(doc) if index is not None else DocIndex(doc))
    for rule in (_classify_prop, _classify_meld, _classify_letter, _classify_aarsrapport):
        try:
            found = rule(doc, head)
        except (SessionError, DateError):
            found = None
        if found:
            return found
    return Classification("ukjent", None, None, None, "no known document type recognised from the content")
