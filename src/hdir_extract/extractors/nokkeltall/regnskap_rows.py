"""The printed lines of an accounts block read as rows: label, amount tokens, headers and column heads.

A line's amounts are its trailing tokens (digits grouped by single spaces, a leading minus, the nil
dash, "Ikke aktuell" for an empty cell); a header ends in years or dates ("Note 2023 2022",
"31.12.2023 31.12.2022", "2023 2022 Endring"); column heads printed as text are cut at capitalised
words. Labels wrapped above their amounts are joined to the row; running text between the tables of a
note is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.parsing.text import join_lines

_YEARISH = regex.compile(r"^(?:\d{1,2}\.\d{1,2}\.)?(?P<y>(?:19|20)\d{2})$")


# an empty cell printed as a word: "Ikke aktuell", "i.a."
_PLACEHOLDER = regex.compile(r"(?:\s+(?:Ikke\s+aktuell|i\.a\.|n/a))+\s*$", regex.IGNORECASE)


_TOKEN = regex.compile(r"^(?:[-–−]?\d+(?:,\d+)?|[-–−])$")


# the columns at the left of an accounts table that name the row, not a value
LABEL_HEAD = regex.compile(
    r"^(?:kapittel|kap\.|post|konto|tekst|avsender|mottaker|stikkord|note|art|kapittel/post)\b",
    regex.IGNORECASE,
)


NIL = frozenset({"-", "–", "−"})


@dataclass
class Row:
    linje: int
    label: str
    tokens: list[str]  # amount tokens as printed, empty-cell words as "-"
    readings: list[tuple[float, list[str | None]]] = field(default_factory=list)
    note: str | None = None


def _split(text: str) -> tuple[str, list[str]] | None:
    """Label and amount tokens of a table line; None when the line holds no amount."""
    s = text.replace("\t", " ").rstrip()
    empties = 0
    pm = _PLACEHOLDER.search(s)
    if pm:
        empties = len(regex.findall(r"Ikke\s+aktuell|i\.a\.|n/a", pm.group(0), regex.IGNORECASE))
        s = s[: pm.start()]
    words = s.split()
    i = len(words)
    while i > 0 and _TOKEN.match(words[i - 1]):
        i -= 1
    # a code at the start of the line ("070222", "60077101") is the row's label, not an amount:
    # amounts of four or more digits are printed grouped
    if i == 0 and words and regex.fullmatch(r"\d{4,}", words[0]):
        i = 1
    toks = words[i:]
    if not any(_DIGIT.search(w) for w in toks):
        return None
    # a lone nil dash glued to a label word ("Mer-utgift(-)/") is not reached: tokens are words
    label = " ".join(words[:i])
    return label, toks + ["-"] * empties


def _is_year_header(label: str, toks: list[str]) -> bool:
    nums = [t for t in toks if t not in NIL]
    return len(nums) >= 2 and all(regex.fullmatch(r"(?:19|20)\d{2}", t) for t in nums)


@dataclass
class Header:
    ncol: int
    years: list[int | None]
    heads: list[str | None]
    note_col: bool


def _year_header(text: str) -> Header | None:
    """A header line ending in years or dates ("Note 2023 2022", "31.12.2023 31.12.2022",
    "2023 2022 Endring")."""
    words = text.replace("\t", " ").split()
    idx = [i for i, w in enumerate(words) if _YEARISH.match(w)]
    if len(idx) < 2:
        return None
    # the last run of consecutive year words
    end = idx[-1]
    start = end
    while start - 1 in idx:
        start -= 1
    if end - start < 1:
        return None
    years: list[int | None] = [int(_YEARISH.match(w).group("y")) for w in words[start : end + 1]]
    heads: list[str | None] = [None] * len(years)
    # a capitalised word after the years heads a further column ("Endring")
    for w in words[end + 1 :]:
        if regex.fullmatch(r"\p{Lu}\p{Ll}+", w):
            years.append(max(y for y in years if y is not None))
            heads.append(w)
        else:
            return None
    note_col = start > 0 and words[start - 1].lower() == "note"
    return Header(len(years), years, heads, note_col)


def text_heads(lines: list[str]) -> list[str]:
    """Column heads of a header printed as text: a new head starts at a capitalised word (on a new
    line, or inside a line), unless the text before it ends in a hyphen or slash (a word broken
    over lines, "Mer-" / "inntekter"); lower-case words and digits continue the head. The pieces
    of a head on different lines are joined the way a reader joins them."""
    segs: list[list[str]] = []  # per head: its text per line
    for line in lines:
        for k, w in enumerate(line.replace("\t", " ").split()):
            last = segs[-1][-1] if segs else ""
            if segs and (not w[0].isupper() or last.endswith(("-", "/"))):
                if k == 0:
                    segs[-1].append(w)  # continues on a new line
                else:
                    segs[-1][-1] = f"{last} {w}"
            else:
                segs.append([w])
    return [join_lines(parts) for parts in segs]


@dataclass
class Segment:
    """Rows under one header: a year header line, or text heads printed over one or more lines."""

    header: Header | None
    head_lines: list[str]
    rows: list[Row] = field(default_factory=list)


# a line of column heads that names the row columns ("Kapittel og post", "Avsender Kapittel/post")
_HEAD_WORDS = regex.compile(r"\b(?:Kapittel(?:/post)?|Konto|Avsender|Mottaker|Stikkord)\b")


# a label ending in a word that needs more text is a wrapped heading ("... fra post 01 til 45")
_OPEN_END = regex.compile(r"\b(?:til|fra|og|eller|av|i|for|med|på|om|under|over|post|poster)$")


def segments(
    lines: list[tuple[int, str]], prose: set[int] | frozenset[int] = frozenset()
) -> tuple[list[Segment], list[Row], set[int]]:
    """The rows of an accounts block under their headers. `prose`: numbers of lines that the document's
    blocks tell are running text (a paragraph of sentences), whatever they print."""
    segs: list[Segment] = [Segment(None, [])]
    known: set[str] = set()  # headers seen, to recognise a header repeated after a page break
    seen_heads: list[list[str]] = []  # their words
    rows: list[Row] = []
    breaks: set[int] = set()  # row indexes where a sub-heading starts a new group of summed rows
    pending: list[str] = []
    in_prose = False  # the line before was running text that goes on

    def close_text_header() -> None:
        key = _norm(" ".join(pending))
        if key in known or _repeated_head(pending, seen_heads):
            pending.clear()
            return
        known.add(key)
        seen_heads.append(pending_words(pending))
        segs.append(Segment(None, list(pending)))
        breaks.add(len(rows))
        pending.clear()

    for _no, text in lines:
        s = text.strip()
        if s.startswith("*"):
            continue  # a footnote under the table
        if _no in prose:
            pending, in_prose = [], False
            continue
        # a sentence wrapped onto the next line ("... Av dette beløpet er" / "beløpet er 12 155
        # 187 743") is running text, whatever numbers it ends with
        if in_prose and s[0].islower():
            in_prose = not s.endswith((".", ":"))
            pending = []
            continue
        sp = _split(text)
        in_prose = _is_prose(s) and (sp is None or len(sp[0].split()) >= 9) and not s.endswith((".", ":"))
        yh = _year_header(s)
        if yh is not None and (sp is None or _is_year_header(*sp)):
            # a later header of the same table ("Eiendeler og gjeld 2023 2022") keeps the note
            # column of the first one: its rows still carry note references
            yh.note_col = yh.note_col or any(sg.header and sg.header.note_col for sg in segs)
            segs.append(Segment(yh, []))
            breaks.add(len(rows))
            pending = []
            continue
        if rows and not pending and sp is not None and _closes_quote(rows[-1].label, sp[0]):
            # the row's label left a quote open and this line closes it ('… "kan nyttes under postene
            # 70, 74 og' / '79"'): a narrow label column wrapped it below the row's first amounts, and
            # the amounts wrapped with it
            rows[-1].label = join_lines([rows[-1].label, sp[0]])
            rows[-1].tokens = rows[-1].tokens + sp[1]
            continue
        # a label ending in a word that needs more text is a wrapped heading ("01 til 45"), unless a
        # run of amounts follows it (a row whose label wrapped: '… "kan nyttes under postene 70, 74 og'
        # beside its amounts)
        open_head = sp is not None and _OPEN_END.search(sp[0]) and len(sp[1]) <= 2
        if sp is not None and (open_head or (not sp[0] and _is_heading_frag(pending))):
            sp = None
        if sp is None:
            if _is_prose(s):
                pending = []
                continue
            pending.append(s)
            continue
        label, toks = sp
        if len(label.split()) >= 9:
            pending = []
            continue
        attached, rest = _attach(pending, label)
        if rest and (len(rest) >= 3 or any(_HEAD_WORDS.search(x) for x in rest)):
            pending = rest
            close_text_header()
        elif rest:
            breaks.add(len(rows))
        pending = []
        seg = segs[-1]
        row = Row(_no, _clean(attached, bool(seg.header and seg.header.note_col)), toks)
        seg.rows.append(row)
        rows.append(row)
    return [sg for sg in segs if sg.rows], rows, breaks


def pending_words(lines: list[str]) -> list[str]:
    return " ".join(lines).lower().split()


#: a repeated header must hold this share of a header seen before
_REPEAT_SHARE = 0.75


def _repeated_head(lines: list[str], seen: list[list[str]]) -> bool:
    """A header printed again with some of its lines missing (a page break, or a rendering that read some
    of its wrapped heads as rows of the table above): its words are all words of a header seen before,
    in the same order, and most of them. A new table of other columns has heads of its own."""
    words = pending_words(lines)
    if len(words) < 4:
        return False
    for head in seen:
        k = 0
        for w in head:
            if k < len(words) and w == words[k]:
                k += 1
        if k == len(words) and len(words) >= _REPEAT_SHARE * len(head):
            return True
    return False


def _closes_quote(label: str, rest: str) -> bool:
    """`label` leaves a quote open and `rest`, a short line's label, closes it."""
    return label.count('"') % 2 == 1 and rest.count('"') % 2 == 1 and len(rest.split()) <= 4


def _is_heading_frag(pending: list[str]) -> bool:
    return bool(pending) and bool(_OPEN_END.search(pending[-1]))


def _norm(s: str) -> str:
    return regex.sub(r"\s+", "", s).lower()


_SENTENCE_SEAM = regex.compile(r"\p{Ll}\.\s+\p{Lu}")
_STARS_END = regex.compile(r"\s*\*+\s*:?\s*$")
_COLON_END = regex.compile(r"\s*:\s*$")
_NOTE_REF_END = regex.compile(r"\s+\d{1,2}(?:,\d{1,2})*[A-Z]?$")
_DIGIT = regex.compile(r"\d")


def _is_prose(s: str) -> bool:
    """Running text between the tables of a note: a long line of words, or a sentence."""
    # a head abbreviated with a full stop ("Maks.") is no sentence
    return len(s) > 90 or bool(_SENTENCE_SEAM.search(s)) or (s.endswith(".") and len(s.split()) >= 5)


def _attach(pending: list[str], label: str) -> tuple[str, list[str]]:
    """Join label lines printed above the row's values to the row: lines that the row's own label
    continues (it is empty or starts in lower case), that end in a hyphen, slash or comma or leave
    a quote or parenthesis open, or a lone code above a wrapped label. Returns the label and the
    lines above that are not part of it (sub-headings or column heads)."""
    parts = [label] if label else []
    k = len(pending)
    while k > 0:
        prev = pending[k - 1]
        head = parts[0] if parts else ""
        if (
            not head
            or head[0].islower()
            or prev.endswith(("-", "/", ","))
            or prev.count('"') % 2 == 1
            or prev.count("(") > prev.count(")")
            or regex.fullmatch(r"[\d.]{4,}", prev)
        ):
            parts.insert(0, prev)
            k -= 1
            continue
        break
    return (join_lines(parts) if parts else ""), pending[:k]


def _clean(label: str, note_col: bool) -> str:
    """Footnote and note markers removed: "pensjonskasse****", "årsverk*:", "aksjer 5,8B"."""
    s = _STARS_END.sub("", label).strip()
    s = _COLON_END.sub("", s)
    if note_col:
        s = _NOTE_REF_END.sub("", s)
    return s.strip()
