"""Assignment headings: where an assignment is defined, with its department and title.

An assignment heading is a printed line (segment) that opens with an assignment id of the document's
year, in any rendering and at any heading level (levels mean nothing across renderings):
- "ID: TB2023-01 Eieravdeling HOD: FHA Nasjonalt program for rusforebyggende" (+ wrapped title lines)
- "TB2026-1 Avd. HOD: FHA Utrede endring i alkoholloven"
- "ID: TB2023-19 Eieravdeling HOD:" / "HRA" / "Revidere rundskriv ..." (a PDF table's cells on own lines)
- "TTB2023-02 Profilering av fastlegeordningen ..." with "Ansvarlig avdeling i HOD: KTA" at the end
- "#### **TB2026-63 Helseteam tilknyttet barnevernsinstitusjoner**", or a bold run with its body on the
  same line ("**TB 2026-67 Utfasing av …** Sivilombudet ba …": a heading block, then a paragraph)
- "ID: 2026-03 Digital foreldrestøtte" in an oppdragsdokument (its own numbering; see `oppdragsdokument`)
- an id that stands only in a letter's summary list ("- TB2026-61 (unntatt offentlighet)").

A heading opens its block, or, with its "ID:" or "Avd. HOD:" label, stands inside a paragraph where a
line-based layout joined it to the text before ("Frist: Settes i dialog … TB2026-7 Avd. HOD: KTA …").
Without a department label the rest of the line must read as a title (a capital letter or a quote):
"TB2022-31 om læring …" and "TB2026-15 (0,5 mill. kroner)" are mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.brev.segments import Seg, clean, joined
from hdir_extract.extractors.oppdrag.ids import OD_ID, IdAt, id_year
from hdir_extract.parsing.ids import find_ids

_CODE = r"\p{Lu}{2,5}(?:\s*/\s*\p{Lu}{2,5})*"
# "Eieravdeling HOD: FHA", "Avd. HOD: KTA", "Ansvarlig avdeling i HOD: KTA", "Avdeling HOD:"
DEPT = regex.compile(
    rf"(?P<label>Eieravdeling|Ansvarlig\s+avdeling|Avdeling|Avd\.?)\s*(?:i\s+)?HOD\s*:\s*(?P<code>{_CODE}(?=\s|$))?",
    regex.IGNORECASE,
)
_CODE_LINE = regex.compile(rf"^(?P<code>{_CODE})$")
_ID_LABEL = regex.compile(r"^ID\s*:\s*")
# a printed list item inside a paragraph ("o Frist 1.11.2026", "1. Forberede …")
_LIST_TEXT = regex.compile(
    r"^(?:[-•–*▪]\s|o\s|\d{1,2}[.)]\s|\p{Ll}[.)]\s|\((?:[ivx]{1,4}|\p{Ll}|\d{1,2})\)\s)"
)
# a line that ends open: a word broken at the line end ("Kompetanse-"), a comma, a dash or a colon
_OPEN_END = regex.compile(r"(?:[\p{L}\p{N}]-|,|\s[-–]|:)$")
# a complete sentence ("For detaljer se eget vedlegg.") is the body, not a wrapped title line
_SENTENCE = regex.compile(r"^\p{Lu}\S*(?:\s+\S+){2,}[.!?]$")
# a title line ending in one of these words goes on ("... konsekvenser av" + "nye fraværsregler")
_OPEN_WORDS = frozenset(
    {"av", "og", "i", "for", "med", "til", "om", "på", "fra", "mot", "ved", "under", "etter", "eller"}
    | {"samt", "mellom", "hvor", "som", "den", "det", "de", "en", "et"}
    # abbreviations that name what follows them: "Oppfølging av Prop." + "121 L (2024-2025) om …"
    | {"prop.", "meld.", "st.", "jf.", "nr.", "kap.", "dok.", "innst."}
)
_UNNTATT = regex.compile(r"(?i)\(?\s*unntatt\s+offentlighet\s*\)?\.?")
# "(unntatt offentlighet). For detaljer se eget vedlegg." in a list entry is a marker, not a title
_LIST_MARKERS = regex.compile(
    r"(?i)\(?\s*unntatt\s+offentlighet\s*\)?\.?|for\s+detaljer\s+se\s+eget\s+vedlegg\.?|ettersendes\.?"
)


@dataclass
class Heading:
    """Where one assignment is defined (or, for an event, where a later letter speaks of it)."""

    oppdrag_id: str
    raw: str  # the id as printed ("TB 2026-67", "ID: 2026-03")
    seg: int  # index of the heading's segment
    linje: int
    id_start: int  # offset of the id in its block's text (identifies the definition among the ids)
    avdeling: str | None = None
    title: str | None = None
    body: int = 0  # first segment of the body
    from_list: bool = False
    list_text: str | None = None  # the text after the id in a summary list entry
    end: int = 0  # the segment after the assignment's last
    linje_slutt: int = 0
    omraade: str | None = None
    defines: bool = True  # False: a later letter's heading about an assignment given before (an event)
    hendelse: str | None = None  # presisering | endring | utgaar, where the heading is (also) an event
    gjelder: str | None = None  # the id of the assignment the event is about
    gjelder_raw: str | None = None  # that id as printed on the heading line


@dataclass(frozen=True, slots=True)
class Scheme:
    """How this document numbers its assignments: TB/TTB ids of `year`, or an oppdragsdokument's
    "ID: 2026-03" (then `prefix` turns the number into an id, e.g. "NH2026-03")."""

    year: int | None
    prefix: str | None = None


def _looks_like_title(rest: str) -> bool:
    s = rest.strip(" :–-")
    return not s or bool(regex.match(r"[\p{Lu}«\"]", s))


def _id_at_start(text: str, scheme: Scheme) -> tuple[str, str, str] | None:
    """(oppdrag_id, raw, rest) when `text` opens with an id of the scheme (after an optional "ID:")."""
    if scheme.prefix is not None:
        m = OD_ID.match(text)
        if not m or (scheme.year is not None and int(m.group("year")) != scheme.year):
            return None
        return f"{scheme.prefix}{m.group('year')}-{int(m.group('nr')):02d}", m.group(0), text[m.end() :]
    label = _ID_LABEL.match(text)
    pos = label.end() if label else 0
    found = find_ids(text)
    if not found or found[0].start != pos:
        return None
    m = found[0]
    if scheme.year is not None and id_year(m.oppdrag_id) != scheme.year:
        return None  # a wrapped mention of an older assignment ("TB2022-31 om læring ...")
    return m.oppdrag_id, m.raw.strip(), text[m.end :]


def _after_complete_line(segs: list[Seg], k: int) -> bool:
    """Inside a paragraph, a heading without labels follows a line that does not run on: a short
    title-like line (a section line the layout joined to it: "Finansiering, styringsinformasjon og
    registre" / "TTB2023-12 Styringsinformasjon om ØHD") or a complete sentence."""
    prev = segs[k - 1].text
    if ends_open(prev):
        return False
    return prev.endswith((".", ":", "!", "?")) or (len(prev) <= 80 and prev[-1].isalpha())


def heading_at(segs: list[Seg], k: int, scheme: Scheme, ids: dict[int, list[IdAt]]) -> Heading | None:
    """The assignment heading segment `k` starts, if any (summary-list entries are `list_entry`)."""
    s = segs[k]
    if s.kind is Kind.LIST_ITEM:
        return None
    hit = _id_at_start(s.text, scheme)
    if hit is None:
        return None
    oppdrag_id, raw, rest = hit
    label = bool(_ID_LABEL.match(s.text))
    dept = bool(DEPT.match(rest.strip()))
    if not s.first and not (dept or label) and not _after_complete_line(segs, k):
        return None  # a wrapped line of running text ("… jf." / "TB2023-14 Skolemåltid …")
    if not dept and not label:
        dept_next = not rest.strip() and k + 1 < len(segs) and bool(DEPT.match(segs[k + 1].text))
        if not dept_next and not _looks_like_title(rest):
            return None
    own = next((i for i in ids.get(k, []) if i.oppdrag_id == oppdrag_id), None)
    return Heading(oppdrag_id, raw, k, s.line, own.start if own else -1)


def list_entry(
    doc: Document, segs: list[Seg], k: int, scheme: Scheme, ids: dict[int, list[IdAt]]
) -> Heading | None:
    """An entry of a letter's summary list: "- TTB2023-02 Profilering av fastlegeordningen ..."."""
    s = segs[k]
    if s.kind is not Kind.LIST_ITEM or not s.first:
        return None
    hit = _id_at_start(s.text, scheme)
    if hit is None:
        return None
    oppdrag_id, raw, _ = hit
    # the entry and its wrapped lines (they go on in lower case, or after an open line end); a capitalised
    # line after it is not the entry's ("Presiseringer og endringer av tidligere gitte oppdrag:" that a
    # layout joined to the item)
    last = k
    while (
        last + 1 < len(segs)
        and segs[last + 1].block == s.block
        and (regex.match(r"\p{Ll}", segs[last + 1].text) or ends_open(segs[last].text))
    ):
        last += 1
    text = joined(doc, segs[k : last + 1])
    found = _id_at_start(text, scheme)
    own = next((i for i in ids.get(k, []) if i.oppdrag_id == oppdrag_id), None)
    return Heading(
        oppdrag_id,
        raw,
        k,
        s.line,
        own.start if own else -1,
        from_list=True,
        list_text=clean(found[2]) if found else None,
    )


def list_title(text: str | None) -> str | None:
    if not text:
        return None
    title = clean(_LIST_MARKERS.sub(" ", text)).strip(" .–-")
    return title or None


def exempt(text: str) -> bool:
    return bool(_UNNTATT.search(text))


# --- titles and departments ----------------------------------------------------------------------


def body_width(segs: list[Seg]) -> int:
    """The width of running text in this document, measured on the document itself (never a
    constant): a line this long is running text, not a wrapped title."""
    widths = sorted(len(s.text) for s in segs if s.kind is Kind.PARAGRAPH and len(s.text) > 40)
    return widths[int(len(widths) * 0.9)] if widths else 90


def ends_open(text: str) -> bool:
    words = text.split()
    return bool(_OPEN_END.search(text)) or (bool(words) and words[-1].casefold() in _OPEN_WORDS)


def _is_stop(text: str, kind: Kind) -> bool:
    """A line that never continues a title: a list item, a department line, a label, a deadline."""
    return (
        kind is Kind.LIST_ITEM
        or bool(_LIST_TEXT.match(text))
        or bool(DEPT.search(text))
        or text.endswith(":")
        or bool(regex.match(r"(?i)frist\b", text))
    )


def _title_like(text: str, width: int) -> bool:
    return len(text) < 0.75 * width and not _SENTENCE.match(text)


def _continues(doc: Document, segs: list[Seg], cur: int, nxt: int, width: int, split: bool = False) -> bool:
    """Whether the title on segment `cur` wraps onto segment `nxt`. Judged by the words and the
    paragraph, never by blank lines: a wrapped title line follows an open line end or goes on in lower
    case; a line of running text (long, or a sentence) or a one-word sub-heading ("Bakgrunn") is the
    body; within the heading's own paragraph the remaining short lines are the title."""
    a, b = segs[cur], segs[nxt]
    if _is_stop(b.text, b.kind):
        return False
    if b.block == a.block and _short_title_paragraph(segs, nxt):
        # the heading's own short paragraph, ending in no full stop, is all title: a narrow column
        # fills a title's lines to the measure, so their length says nothing there
        return True
    if ends_open(a.text):
        return True  # "Erfaringer med og konsekvenser av" + "nye fraværsregler i skolen"
    if regex.match(r"[\p{Ll}(]", b.text):
        # "Oppfølging av Nasjonal" + "hjernehelsestrategi (2018–2024)": a paragraph of the body
        # starts with a capital letter
        return True
    if not _title_like(b.text, width):
        return False  # running text: "Helsedirektoratet er gitt en sentral rolle i oppfølging ..."
    if len(b.text.split()) == 1 and regex.match(r"\p{Lu}\p{Ll}", b.text):
        return False  # "Bakgrunn" under a complete title line: a sub-heading of the body
    if (b.block == a.block or split) and b.kind is not Kind.TABLE:
        # (`split`: letterhead lines stood between the two, breaking one paragraph in two)
        # a line filled to the width of running text (the next line's first word did not fit on it) is
        # the body's first line: "Helsedirektoratet skal gjennomgå innretningen av offentlig finansiert"
        # + "legemiddelinformasjon …"
        return not _full_line(
            segs, nxt, width
        )  # "Oppfølging av Riksrevisjonens rapport" + "Dokument 3:4 (2022–2023)"
    # another block: a heading block of its own (Markdown, DOCX, a bold run) holds the whole title;
    # after a title joined into a paragraph, a paragraph of short title lines goes on with it (a
    # line-based layout splits a double-spaced title: "… forbedre." / "Framtidens allmennlegetjenester
    # og" / "akuttmedisinske tjenester utenfor sykehus")
    if a.kind is not Kind.PARAGRAPH or b.kind is not Kind.PARAGRAPH or not b.first:
        return False
    block = [s for s in segs[nxt : nxt + 6] if s.block == b.block]
    whole = " ".join(s.text for s in block)
    return (
        all(_title_like(s.text, width) and not _is_stop(s.text, s.kind) for s in block)
        and not block[-1].text.endswith((".", ":", "»"))
        # a body paragraph holds sentences ("… som ikke er påbegynt. Arbeidet må …"); a title does not
        # (a converter prints a paragraph on one line, so its length tells nothing there)
        and not _INNER_SENTENCE.search(whole)
    )


#: a sentence ending inside a text and the next one starting
_INNER_SENTENCE = regex.compile(r"\p{Ll}{2}[.!?]\s+\p{Lu}")
#: a line that closes a sentence, maybe inside brackets or quotes
_CLOSED = regex.compile(r"[.:;!?][)»”\"]?\s*$")


def _short_title_paragraph(segs: list[Seg], k: int) -> bool:
    """Segment `k` lies in a paragraph of at most MAX_HEADING_LINES lines that ends (the next segment
    opens another block) without closing punctuation: the heading's id line and its wrapped title."""
    block = [j for j in range(max(0, k - MAX_HEADING_LINES), len(segs)) if segs[j].block == segs[k].block]
    if len(block) > MAX_HEADING_LINES or block[-1] + 1 - block[0] != len(block):
        return False
    last = segs[block[-1]].text
    if block[-1] + 1 < len(segs) and segs[block[-1] + 1].kind is Kind.LIST_ITEM:
        return False  # "… Helsedirektoratet skal" / "1. fortsette …": the body's lead-in to its list
    if _CLOSED.search(last):
        return False  # "… (jf. anmodningsvedtak 90 2020-2021.)": a sentence of the body
    return not any(_is_stop(segs[j].text, segs[j].kind) for j in block[1:])


def _full_line(segs: list[Seg], k: int, width: int) -> bool:
    """Segment `k` is a full line of running text: the next line of its block could not start on it."""
    if k + 1 >= len(segs) or segs[k + 1].block != segs[k].block:
        return False
    first = segs[k + 1].text.split()[0]
    return len(segs[k].text) + 1 + len(first) > 0.9 * width


def _fresh_title(seg: Seg, width: int) -> bool:
    """A title on its own line below a heading that printed only the id and department."""
    return not _is_stop(seg.text, seg.kind) and _title_like(seg.text, width)


#: a heading paragraph of at most this many lines (id line, title lines) holds no body text
MAX_HEADING_LINES = 4
#: the longest title set as a paragraph of its own (the corpus's longest are about 200 characters)
MAX_TITLE_CHARS = 250


def _rest_of_heading(segs: list[Seg], k: int, nxt: int) -> bool:
    """The title set on the lines under the id line, in the heading's own short paragraph: a narrow
    column fills a title's lines to the measure, so their length says nothing there; the paragraph's
    end (the reader's gap before the body) bounds the title."""
    block = [s for s in segs[k : k + MAX_HEADING_LINES + 1] if s.block == segs[k].block]
    if segs[nxt].block != segs[k].block or len(block) > MAX_HEADING_LINES:
        return False
    if k + len(block) < len(segs) and segs[k + len(block)].block == segs[k].block:
        return False  # the paragraph goes on: the heading's body was joined to it
    return not any(_is_stop(s.text, s.kind) for s in block[1:]) and not block[-1].text.endswith(":")


def _title_paragraph(segs: list[Seg], nxt: int) -> bool:
    """The title set as a paragraph of its own under a heading that printed only the id and department
    ("TB2026-36 Avd. HOD:" / "SHA" / "Etablere pilot for utprøving … psykiske" / "helseutfordringer"):
    a short paragraph (a title's length) ending in no sentence end or label, the body in a paragraph of
    its own after it. A typesetter that fills the title's lines to the measure leaves their length no
    clue; a body paragraph ends its sentence."""
    block = [s for s in segs[nxt : nxt + MAX_HEADING_LINES + 1] if s.block == segs[nxt].block]
    end = nxt + len(block)
    if len(block) > MAX_HEADING_LINES or end >= len(segs) or segs[end].block == segs[nxt].block:
        return False
    if any(_is_stop(s.text, s.kind) for s in block) or block[-1].text.rstrip().endswith((".", ":")):
        return False
    return sum(len(s.text) + 1 for s in block) <= MAX_TITLE_CHARS


def _strip_heading(text: str, scheme: Scheme) -> tuple[str | None, str]:
    """(department code, title text) of a heading's joined text."""
    hit = _id_at_start(text, scheme)
    rest = hit[2] if hit else text
    m = DEPT.match(rest.strip())
    if not m:
        return None, rest.strip(" :–-\t")
    rest = rest.strip()[m.end() :]
    code = regex.sub(r"\s+", "", m.group("code")) if m.group("code") else None
    if code is None and (cm := regex.match(rf"\s*(?P<code>{_CODE})(?=\s|$)", rest)):
        code, rest = regex.sub(r"\s+", "", cm.group("code")), rest[cm.end() :]
    return code, rest.strip(" :–-\t")


def read_title(
    doc: Document, segs: list[Seg], h: Heading, scheme: Scheme, width: int, skip: frozenset[int] = frozenset()
) -> None:
    """Fill avdeling, title and body of a heading. Letterhead lines printed inside the title (`skip`:
    a page's "Side 13" / address / "Vår ref" dropped mid-title) are stepped over."""

    def after(j: int) -> int:
        j += 1
        while j < len(segs) and j in skip:
            j += 1
        return j

    k = h.seg
    hit = _id_at_start(segs[k].text, scheme)
    rest = hit[2] if hit else ""
    chosen = [k]
    dept = DEPT.match(rest.strip())
    nxt = after(k)
    if not dept and not rest.strip(" :–-") and nxt < len(segs) and DEPT.match(segs[nxt].text):
        chosen.append(nxt)  # "ID: TB2023-38" / "Eieravdeling HOD: KTA"
        dept = DEPT.match(segs[nxt].text)
    nxt = after(chosen[-1])
    if dept and not dept.group("code") and nxt < len(segs) and _CODE_LINE.match(segs[nxt].text):
        chosen.append(nxt)  # "Eieravdeling HOD:" / "HRA": the code cell stands on the next line
    code, title = _strip_heading(joined(doc, [segs[j] for j in chosen]), scheme)
    h.avdeling = code
    nxt = after(chosen[-1])
    if (
        not title
        and nxt < len(segs)
        and (_fresh_title(segs[nxt], width) or _rest_of_heading(segs, k, nxt) or _title_paragraph(segs, nxt))
    ):
        chosen.append(nxt)
        title = "x"
    if title:
        while (nxt := after(chosen[-1])) < len(segs) and _continues(
            doc, segs, chosen[-1], nxt, width, nxt != chosen[-1] + 1
        ):
            chosen.append(nxt)
        h.title = _strip_heading(joined(doc, [segs[j] for j in chosen]), scheme)[1] or None
    h.body = chosen[-1] + 1
