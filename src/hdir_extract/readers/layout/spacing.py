"""Which gaps between printed lines are paragraph breaks.

- Usually one blank line (or a reader-seen gap) is a paragraph break.
- A double-spaced text layer prints a blank line after (nearly) every line: there one blank line is a
  line wrap and a run of two or more is a paragraph break. It is told per stretch of text, since a bundle
  of letters can mix both layouts.
- Page furniture between two lines is a page break, not a paragraph break: the text decides, as below.
- A break in mid-sentence (a page or column break) is no paragraph break: the line before ends with a
  line-break hyphen, or it ends without closing punctuation and the next line goes on in lower case, or
  it ends in a word no sentence ends with ("… i", "… og", "… gjennom å") and the next line goes on with
  a number ("2024").
- Where blank lines say nothing (a double-spaced layer, or none at all), a paragraph's last line tells:
  it ends a sentence well short of the column's usual width, or it is a short title line without
  punctuation, and the next line starts with a capital.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import regex

from hdir_extract.readers import structure
from hdir_extract.readers.layout.lines import SourceLine

# precompiled: these run once per line of every document
_P1 = regex.compile(r"\s*[\p{Lu}\d«–•\-]")

#: text lines needed to tell a double-spaced stretch from a short note
MIN_DOUBLE_SPACED = 30
#: a stretch is double-spaced when at most this share of its line pairs stand directly adjacent (running
#: text that is not double-spaced has most of its lines adjacent; letterheads and tables in a
#: double-spaced layer have some)
ADJACENT_SHARE = 0.3
WINDOW = 40  # line pairs either side that decide a pair's spacing
FITS = 0.85  # a word fits on a line when the line with it stays this far within the column's width
FULL_LINE = 0.9  # a line this long may have wrapped (before a long word or a name)
SHORT_END = 0.75  # a line ending a sentence this much shorter than a full line ends its paragraph
MAX_TITLE_WORDS = 12  # a title is a short line of a few words
TITLE_LINE = 0.5  # a line without end punctuation this short, before a capital, is a title
# a field line: a one-word label and a colon, then the value ("Frist: 1.11.2026", "ID: TB2023-11 …")
_FIELD = regex.compile(r"^\p{Lu}\p{L}{1,19}:\s+\S")  # "Frist: …", "ID: TB2023-11 …"
# a line that is one field: a labelled one ("Nøkkeltall 1: Andel av …" too), or one led by an identifier
# ("TTB2023-08 Gratis morsmelkerstatning …", "NH2026-03 …"), a heading with its body below it
# an identifier and a capital: "TB2026-9 Avd. HOD: …", "TTB2023-08 Gratis …" (a reference going on with
# its sentence has none: "TB2025-41 gitt til …", "TB2026-2, punkt 2.", "TTB2024-41) og …")
# a label alone on its line: one to three words and a colon ("Nøkkeltall:", "Styringsparametere:")
_LABEL_LINE = regex.compile(r"^\s*\p{Lu}\p{Ll}+(?:[ -]\p{L}+){0,2}:\s*$")
_ID_LED = regex.compile(r"^\p{Lu}{1,5}\s?20\d\d\s?[-–]\s?\d{1,3}\s+\p{Lu}")
# a line ending in an abbreviation that names what follows ("jf.", "kap.", "nr.")
_ABBREVIATION_END = regex.compile(r"(?r)\b(?:jf|kap|nr|se|pkt|post|Prop|Meld|St)\.?\s*$", regex.I)
# a numbered label and a dash, then a title ("Nøkkeltall 4 - Økt bruk av …", "Styringsparameter 1 – Andel …")
_NUMBERED_FIELD = regex.compile(r"^\p{Lu}\p{L}{1,19}\s\d{1,2}\s?[-–—:]\s+\p{Lu}")
_FIELD_LINE = regex.compile(
    r"^(?:\p{Lu}\p{L}{1,19}(?:\s\d{1,2})?:\s+\S|\p{Lu}{1,5}\s?20\d\d\s?[-–]\s?\d{1,3}\s+\p{Lu}"
    r"|\p{Lu}\p{L}{1,19}\s\d{1,2}\s?[-–—]\s+\p{Lu})"
)
_SENTENCE_END = regex.compile(r"[.!?:;»”\")]\s*$")
# a line ending in ")" may end a sentence ("… (KSF)"), but one going on in lower case is mid-sentence
# ("… Prop. 36 S (2023–2024)" / "om …")
_CLOSED_END = regex.compile(r"(?r)[.!?:;»”\"]\s*$")
_HYPHEN_END = regex.compile(r"(?r)\p{L}[-\u2010]$")
_LOWER_START = regex.compile(r"^\s*[\p{Ll}]")
# a line ending in a word no sentence ends with goes on with a number ("… kvinnehelse i" / "2024"); a
# capital after it may be a box or heading that interrupted the sentence, so only the layer's roles tell
_OPEN_END = regex.compile(r"(?r)(?<!\S)(?:og|eller|i|for|av|til|med|om|på|fra|ved|mot|gjennom|å)\s*$")
_DIGIT_START = regex.compile(r"^\s*\d")
# a title does not end in a function word: a short line ending in one goes on ("… forslag fra"); nor
# does an item or a paragraph
GOES_ON = regex.compile(  # (?r): searched from the line's end, where it is anchored
    r"(?r)[,;\-\u2010–]$|(?<!\S)(?:og|eller|i|for|av|til|med|om|på|fra|ved|mot|gjennom|å|som|at|en|et|den|det"
    r"|de|samt|under|etter|innen|hos|uten|over|mellom|blant)$"
)


def _gaps(lines: Sequence[SourceLine], kept: list[int], furniture: dict[int, str]) -> list[tuple[int, bool]]:
    """For each kept line after the first: (blank lines before it, furniture between)."""
    out: list[tuple[int, bool]] = []
    for a, b in itertools.pairwise(kept):
        between = range(a + 1, b)
        page = any(i in furniture for i in between) or lines[a].page != lines[b].page
        blanks = sum(1 for i in between if i not in furniture and lines[i].blank)
        out.append((blanks, page))
    return out


def _double_spaced(gaps: list[tuple[int, bool]]) -> list[bool]:
    """Per gap: does it stand in a double-spaced stretch?"""
    plain = [blanks for blanks, page in gaps if not page]
    if len(plain) < MIN_DOUBLE_SPACED:
        share = sum(1 for b in plain if b == 0) / max(len(plain), 1)
        return [len(plain) >= 8 and share <= ADJACENT_SHARE] * len(gaps)
    adjacent = [1 if blanks == 0 and not page else 0 for blanks, page in gaps]
    counted = [0 if page else 1 for _, page in gaps]
    pre_a, pre_c = [0], [0]
    for a, c in zip(adjacent, counted, strict=True):
        pre_a.append(pre_a[-1] + a)
        pre_c.append(pre_c[-1] + c)
    out = []
    for k in range(len(gaps)):
        lo, hi = max(0, k - WINDOW), min(len(gaps), k + WINDOW + 1)
        n = pre_c[hi] - pre_c[lo]
        out.append(n >= MIN_DOUBLE_SPACED // 2 and (pre_a[hi] - pre_a[lo]) <= ADJACENT_SHARE * n)
    return out


def mid_sentence(before: str, after: str) -> bool:
    """The break between two lines falls inside a sentence (a page or column break)."""
    if _HYPHEN_END.search(before.rstrip()):
        return bool(_LOWER_START.match(after))
    if _OPEN_END.search(before) and _DIGIT_START.match(after):
        return True  # "… strategi for kvinnehelse i" / "2024": no sentence ends in "i", "og", "for"
    return not _CLOSED_END.search(before) and bool(_LOWER_START.match(after))


def _field_end(before: str, after: str, width: float) -> bool:
    """A labelled field line ("ID: TB2023-11 … Handlingsplan fysisk aktivitet 2020-2023") holds one field:
    short of a full line and not plainly going on (a function word, a comma, a hyphen), it ends before a
    full line of text that starts with a capital or a digit ("Helsedirektoratet er gitt en sentral rolle
    …"). A field's title may wrap before a capital ("… Riksrevisjonens rapport" / "Dokument 3:4
    (2022–2023)"), but its tail is a short line, so the next line must be a full one (or a numbered
    heading: "Frist: Settes i dialog …" / "3.7. Helse- og omsorgstjenesten er innovativ …")."""
    b = before.strip()
    # a title led by an assignment id may fill its line ("TTB2023-11 Stillinger for LIS1 koblet til videre
    # spesialisering i allmennmedisin" / "For å bedre rekruttering …"): the full body line after it and a
    # capital tell the break, as the tail of a wrapped title is short
    limit = width if _ID_LED.match(b) else FULL_LINE * width
    # a numbered field's title may fill its line too, and the body after it may be short ("Nøkkeltall 1:
    # Forebyggende friskliv-tjenester, … og utviklingssentraler" / "I 2022 hadde 62 prosent …",
    # "Nøkkeltall 2 - Antall klagesaker" / "2002 klagesaker"): its label and number say it is a title, so
    # the line ends it unless it plainly goes on
    numbered = bool(_NUMBERED_FIELD.match(b))
    return (
        bool(_FIELD_LINE.match(b))
        and (numbered or len(b) < limit)
        and not GOES_ON.search(b)
        and not b.endswith(":")
        and bool(_P1.match(after))
        and (
            numbered
            or len(after.strip()) >= SHORT_END * width
            or structure.heading_number(after)[0] is not None
        )
        and "\t" not in before + after
    )


def _field_tail_end(field: str, tail: str, after: str, width: float) -> bool:
    """The short tail of a field line's title wrapped onto a second line ("folkehelseloven") ends the
    title before a full line of body that starts with a capital or a digit. So does a tail that closes
    the title's bracket, however long ("… (gjennomsnittlig tid fra levert søknad til tilgjengeliggjøring)"
    / "Alle søknader …"): a title has no sentence to go on with after it."""
    t = tail.strip()
    return (
        bool(_FIELD_LINE.match(field.strip()))
        and len(t) > 0
        and (len(t) < SHORT_END * width or t.endswith(")"))
        and not GOES_ON.search(t)
        and not _CLOSED_END.search(t)
        and bool(_P1.match(after))
        and len(after.strip()) >= SHORT_END * width
        and "\t" not in field + tail + after
    )


def _numbered_field_after(before: str, after: str) -> bool:
    """A numbered label, a dash and a title ("Nøkkeltall 6 - Antall spesialistgodkjenninger …") starts a
    block after any line that does not plainly go on (a function word, a comma, a hyphen): the label and
    its number say it is a title, also after a line ending in a figure ("… (2023-2023): 3130")."""
    b = before.rstrip()
    return (
        bool(_NUMBERED_FIELD.match(after.strip()))
        and not GOES_ON.search(b)
        and not _HYPHEN_END.search(b)
        and "\t" not in before + after
    )


MAX_TITLE_LINES = 4  # a field's title wraps over at most this many lines


def _title_tail(lines: Sequence[SourceLine], kept: list[int], out: list[bool], k: int, width: float) -> bool:
    """Kept line k is the short last line of a field's title that opened its paragraph and wrapped over
    a few lines without ending a sentence ("Nøkkeltall 2 - Saksbehandlingstid … som krever" / "behandling
    i … levert søknad til" / "tilgjengeliggjøring)"), and the next line is body: the title ends here."""
    start = k
    while start > 0 and not out[start]:
        start -= 1
    if start == k or k - start >= MAX_TITLE_LINES:
        return False
    if any(_CLOSED_END.search(lines[kept[j]].text) for j in range(start, k)):
        return False  # a sentence ended: the paragraph is running text, not a title
    return _field_tail_end(lines[kept[start]].text, lines[kept[k]].text, lines[kept[k + 1]].text, width)


def _note_title_apart(before: str, after: str) -> bool:
    """An accounts note's title line ("Note 9 Sammenheng mellom avregning …", "Note A Forklaring …")
    is a block of its own: after a line that does not go on, and before a line that starts anew."""
    a, b = after.strip(), before.strip()
    if "\t" in before + after:
        return False
    if structure.NOTE_TITLE.match(a):
        return not GOES_ON.search(b) and not _HYPHEN_END.search(b)
    return bool(structure.NOTE_TITLE.match(b)) and a[:1].isupper()


def _label_after(before: str, after: str) -> bool:
    """A label alone on its line starts a block: one word ("Nøkkeltall:") after any line that does not
    go on; a few words ("Bakgrunn for oppdraget:") only after a closed sentence, as they may end one
    ("… Som oppfølging av planen gis" / "Helsedirektoratet følgende deloppdrag:")."""
    if "\t" in before + after or _LABEL_LINE.match(after) is None:
        return False  # a table's cell ("\tStatsrådet:") is no label of the running text
    b = before.rstrip()
    if " " in after.strip():
        return bool(_CLOSED_END.search(b))
    return not GOES_ON.search(b) and not _HYPHEN_END.search(b)


def _id_heading_after(before: str, after: str, width: float) -> bool:
    """A short line led by an identifier ("TB2026-9 Avd. HOD: HRA Høringsnotat om tannhelse") after a line
    that does not plainly go on: a heading of its own, not a reference going on with a sentence ("… jf." /
    "TB2026-12 …" goes on; so does a full line of running text that starts with an id)."""
    a, b = after.strip(), before.strip()
    return (
        bool(_ID_LED.match(a))
        and len(a) < FULL_LINE * width
        and not GOES_ON.search(b)
        and not _ABBREVIATION_END.search(b)
        and "\t" not in before + after
    )


def _next_word_fits(before: str, after: str, width: float) -> bool:
    """A hard line break: the next line's first word would have fitted on this line, so the line did not
    wrap ("TB2026-14 Avd. HOD: KTA Opptrappingsplan for psykisk helse" / "Departementet viser …"). A
    typesetter never moves a word that fits to the next line. Characters are not all of one width, so the
    word must fit with room to spare; a line ending in a function word, a comma or a hyphen goes on."""
    b, a = before.strip(), after.strip()
    if not a or not a[0].isupper() or "\t" in before + after or GOES_ON.search(b):
        return False  # a number goes on ("… under post" / "70, 74 og 79")
    return len(b) + 1 + len(a.split()[0]) <= FITS * width


def _short_end(before: str, after: str, width: float) -> bool:
    """A paragraph's last line stops short of the column's width: a short line that ends a sentence
    (or a title line with no punctuation at all) before a line starting in upper case."""
    b = before.strip()
    if not b or not _P1.match(after) or "\t" in before or "\t" in after:
        return False
    if _SENTENCE_END.search(b) and not b.endswith(","):
        return len(b) < SHORT_END * width
    if after.lstrip()[:1].isdigit() and structure.heading_number(after)[0] is None:
        return False  # "… meldingsdel våren" / "2025 med …": a number goes on; a heading number does not
    return len(b) < TITLE_LINE * width and not GOES_ON.search(b)


def _width(lines: Sequence[SourceLine], kept: list[int]) -> float:
    """The usual length of a full line of running text (the column width, in characters)."""
    lengths = sorted(len(lines[i].text.strip()) for i in kept if "\t" not in lines[i].text)
    if len(lengths) < 20:
        return 0.0
    return float(lengths[int(len(lengths) * 0.8)])


def paragraph_breaks(lines: Sequence[SourceLine], kept: list[int], furniture: dict[int, str]) -> list[bool]:
    """For each kept line: does a paragraph break come before it? (The first line: True.)"""
    gaps = _gaps(lines, kept, furniture)
    double = _double_spaced(gaps)
    width = _width(lines, kept)
    out = [True]
    filled = False  # a line of the current paragraph ran to its column's edge (the reader saw it wrap)
    for k, (blanks, page) in enumerate(gaps):
        a, b = kept[k], kept[k + 1]
        if page or (double[k] and blanks == 0):
            # the blank lines around furniture stand for the page break: the text decides. So it does
            # where a double-spaced layer prints two lines with no blank between: the blank after the
            # page's last line was lost to the page break (" TB2026-12 Avd. …" after "… i fagdialogen.")
            brk = lines[b].gap_before or _SENTENCE_END.search(lines[a].text) is not None
        else:
            brk = blanks >= (2 if double[k] else 1) or lines[b].gap_before
        if brk and mid_sentence(lines[a].text, lines[b].text) and "\t" not in lines[a].text + lines[b].text:
            brk = False
        if not brk and _FIELD.match(lines[b].text.strip()) and _CLOSED_END.search(lines[a].text):
            brk = True  # "… rettigheter." / "Frist: Settes i dialog …": a labelled field starts its own line
        if not brk and _numbered_field_after(lines[a].text, lines[b].text):
            brk = True  # "… (2023-2023): 3130" / "Nøkkeltall 6 - Antall …": a numbered field's title
        if not brk and width and _title_tail(lines, kept, out, k, width):
            brk = True  # "Nøkkeltall 1: Andel kommuner … i henhold til" / "folkehelseloven" / "80 prosent …"
        if not brk and _note_title_apart(lines[a].text, lines[b].text):
            brk = True  # "Note 9 Sammenheng mellom …" / "Del A Forskjellen …": a note's title stands alone
        if not brk and _label_after(lines[a].text, lines[b].text):
            brk = True  # "iii. Hvordan … i befolkningen" / "Nøkkeltall:": a label on a line of its own
        if not brk and width and _id_heading_after(lines[a].text, lines[b].text, width):
            brk = True  # "… må foreligge innen 1.3.2026" / "TB2026-9 Avd. HOD: HRA Høringsnotat om tannhelse"
        if (
            not brk
            and width
            and (double[k] or blanks == 0)
            # a line the reader saw wrap (the next word did not fit) ends no paragraph, however short
            # it is in characters: the length rules below only stand in for what the reader saw
            and lines[a].wrapped is not True
            and (
                _short_end(lines[a].text, lines[b].text, width)
                or _field_end(lines[a].text, lines[b].text, width)
                or _next_word_fits(lines[a].text, lines[b].text, width)
            )
        ):
            brk = True
        filled = (filled and not out[-1]) or lines[a].wrapped is True
        if (
            not brk
            and filled
            and lines[a].wrapped is False
            and _hard_break_before(lines[a].text, lines[b].text)
        ):
            # the reader saw the next word fit on this line: a typesetter moves no word that fits, so the
            # line was broken by hand (an item's or a paragraph's end) where the next one starts a sentence.
            # Only where the paragraph's lines ran to the column's edge before it: lines broken short of
            # the page (a text file set line by line) never wrap, and there a word that fits says nothing
            brk = True
        out.append(brk)
    _lone_titles(lines, kept, out, width)
    return out


def _hard_break_before(before: str, after: str) -> bool:
    """After a line that did not wrap: the next line starts a sentence (a capital, not a number going on
    or a word broken at the hyphen), outside any table."""
    a = after.lstrip()
    return a[:1].isupper() and "\t" not in before + after and not _HYPHEN_END.search(before.rstrip())


def _lone_titles(lines: Sequence[SourceLine], kept: list[int], breaks: list[bool], width: float) -> None:
    """A short title line between a sentence's end and a hard break stands alone: "… romertallsvedtak
    IX." / "Områdesatsinger i og utenfor Oslo" / "Bevilgningen er flyttet …" (the break after the title
    is told by the next word that would have fitted; the break before it only by the title itself)."""
    if not width:
        return
    for k in range(1, len(kept) - 1):
        if breaks[k] or not breaks[k + 1]:
            continue
        before, t = lines[kept[k - 1]].text, lines[kept[k]].text.strip()
        if lines[kept[k - 1]].wrapped is True:
            continue  # the title is the rest of a line that wrapped
        if (
            _CLOSED_END.search(before)
            and t[:1].isupper()
            and len(t) <= SHORT_END * width
            and not _CLOSED_END.search(t)  # "Stortingssesjon (2017–2018)": a closing bracket ends no sentence
            and not GOES_ON.search(t)
            and len(t.split()) <= MAX_TITLE_WORDS
            and "\t" not in before + t
        ):
            breaks[k] = True
