"""The statutory accounts of the årsrapport as table cells: the artskontorapportering ("Tabell 6-2
Artskontorapportering 31.12.2023"), its notes ("Note 1 Innbetalinger fra drift", "Note A ...") and
the capital-account blocks of the bevilgningsrapportering ("Kapitalkontoer", "Beholdninger
rapportert til kapitalregnskapet"). The bevilgningsrapportering's own kapittel/post rows belong to
the bevilgninger extractor and are not read here.

The accounts part starts at an accounts caption (bevilgnings- or artskontorapportering) and ends at
a numbered chapter heading ("7. Etatstyrers vurdering ...") or a caption of another kind. Inside
it, a block (one source) starts at a note heading, the artskontorapportering caption or a capital
account heading. In a block:
- amounts are whole kroner, digits grouped by single spaces, negative with a leading minus, the nil
  dash "-" or "Ikke aktuell" for an empty cell; adjacent amounts are not separated otherwise, so
  "48 052 301 50 673 308" must be split: every reading into the block's column count is tried;
- the column count comes from the header (years / "31.12.2023" dates, heads such as "Endring";
  a "Note" column holds a reference to a note, not a value), else from the text heads, checked
  against the rows, else from the rows themselves;
- between readings the table's own arithmetic decides: a "Sum ..." row must equal the rows above
  it (back to the previous sum or sub-heading), and within a row a column often is the sum or
  difference of the columns before it; only then the sizes of the values (this year's and last
  year's amounts are of a size). Sums that do not add up, and splits nothing confirms, are
  reported as `Kontroll` rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations, product

import regex

from hdir_extract.document import Document
from hdir_extract.models import Kontroll, Nokkeltall, Record
from hdir_extract.parsing.numbers import NumberError, parse_number
from hdir_extract.parsing.text import join_lines

_CAPTION = regex.compile(r"^\s*Tabell\s+(?P<nr>\d+(?:[-.]\d+)?)\s*(?P<title>.*?)\s*$")
_ACCOUNTS_CAPTION = regex.compile(r"bevilgningsrapportering|artskontorapportering", regex.IGNORECASE)
# the table of amounts per kapittel/post: read by the bevilgninger extractor
_BEVILGNING_CAPTION = regex.compile(r"bevilgningsrapportering", regex.IGNORECASE)
_NOTE_HEAD = regex.compile(r"^\s*Note\s+(?P<nr>[A-Z]|\d{1,2})\s+(?P<title>\p{Lu}.*?)\s*$")
# capital-account blocks printed under the bevilgningsrapportering
_CAPITAL_HEAD = regex.compile(r"^\s*(?:Kapitalkontoer|Beholdninger\b.{0,80})\s*$")
_CHAPTER = regex.compile(r"^\s*\d{1,2}\.\s+\p{Lu}")
_FOOTER = regex.compile(
    r"^\s*(?:\p{L}[\p{L} .]{2,40}\s(?:19|20)\d{2}(?:\s{2,}|\t)\d{1,3}"
    r"|Side\s+\d{1,3}(?:\s+av\s+\d{1,3})?)\s*$",
    regex.IGNORECASE,
)
_YEARISH = regex.compile(r"^(?:\d{1,2}\.\d{1,2}\.)?(?P<y>(?:19|20)\d{2})$")
# an empty cell printed as a word: "Ikke aktuell", "i.a."
_PLACEHOLDER = regex.compile(r"(?:\s+(?:Ikke\s+aktuell|i\.a\.|n/a))+\s*$", regex.IGNORECASE)
_TOKEN = regex.compile(r"^(?:[-–−]?\d+(?:,\d+)?|[-–−])$")
_SUM_LABEL = regex.compile(r"^\s*(?:sum|totalt?|i alt)\b", regex.IGNORECASE)
# the columns at the left of an accounts table that name the row, not a value
_LABEL_HEAD = regex.compile(
    r"^(?:kapittel|kap\.|post|konto|tekst|avsender|mottaker|stikkord|note|art|kapittel/post)\b",
    regex.IGNORECASE,
)
_NIL = frozenset({"-", "–", "−"})


@dataclass
class _Row:
    linje: int
    label: str
    tokens: list[str]  # amount tokens as printed, empty-cell words as "-"
    readings: list[tuple[float, list[str | None]]] = field(default_factory=list)
    note: str | None = None


@dataclass
class _Block:
    kilde: str
    aar: int | None
    lines: list[tuple[int, str]]


def extract_accounts(doc: Document) -> list[Record]:
    out: list[Record] = []
    notes = _note_numbers(doc)
    for block in _blocks(doc):
        out.extend(_read_block(doc, block, notes))
    return out


def _note_numbers(doc: Document) -> set[str]:
    return {m.group("nr") for ln in doc.lines if (m := _NOTE_HEAD.match(ln.text))}


def _blocks(doc: Document) -> list[_Block]:
    """The blocks of the accounts part, each with its lines (blank lines and page footers left out)."""
    blocks: list[_Block] = []
    in_accounts = False
    table_kilde, year = "", doc.aar
    current: _Block | None = None
    for ln in doc.lines:
        t = ln.text
        cap = _CAPTION.match(t)
        if cap:
            current = None
            in_accounts = bool(_ACCOUNTS_CAPTION.search(cap.group("title")))
            if in_accounts:
                table_kilde = f"Tabell {cap.group('nr')}"
                ys = regex.findall(r"(?:19|20)\d{2}", cap.group("title"))
                year = int(ys[-1]) if ys else doc.aar
                if not _BEVILGNING_CAPTION.search(cap.group("title")):
                    current = _Block(table_kilde, year, [])
                    blocks.append(current)
            continue
        if not in_accounts:
            continue
        if _CHAPTER.match(t):
            in_accounts, current = False, None
            continue
        nm = _NOTE_HEAD.match(t)
        if nm and len(t.strip()) <= 100:
            current = _Block(f"Note {nm.group('nr')}", year, [])
            blocks.append(current)
            continue
        if _CAPITAL_HEAD.match(t):
            current = _Block(table_kilde, year, [(ln.no, t)])
            blocks.append(current)
            continue
        if current is None or not t.strip() or _FOOTER.match(t):
            continue
        current.lines.append((ln.no, t))
    return blocks


# ---------------------------------------------------------------- lines


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
    if not any(regex.search(r"\d", w) for w in toks):
        return None
    # a lone nil dash glued to a label word ("Mer-utgift(-)/") is not reached: tokens are words
    label = " ".join(words[:i])
    return label, toks + ["-"] * empties


def _is_year_header(label: str, toks: list[str]) -> bool:
    nums = [t for t in toks if t not in _NIL]
    return len(nums) >= 2 and all(regex.fullmatch(r"(?:19|20)\d{2}", t) for t in nums)


@dataclass
class _Header:
    ncol: int
    years: list[int | None]
    heads: list[str | None]
    note_col: bool


def _year_header(text: str) -> _Header | None:
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
    return _Header(len(years), years, heads, note_col)


def _text_heads(lines: list[str]) -> list[str]:
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


# ---------------------------------------------------------------- readings


# compiled once: these run for every token of every candidate reading (regex's per-call pattern lookup
# cost seconds on an årsrapport)
_NUMBER_START = regex.compile(r"[-–−]?(?:0|[1-9]\d{0,2}|\d{4,})(?:,\d+)?")
_GROUP = regex.compile(r"\d{3}")


def _starts(tok: str) -> bool:
    return bool(_NUMBER_START.fullmatch(tok))


def _numbers(tokens: list[str], most: int) -> list[list[str | None]]:
    """Every way to read the tokens as at most `most` numbers: a number is a first group of 1-3
    digits (or an ungrouped number) followed by groups of exactly three digits; "-" is an empty
    cell."""
    n = len(tokens)
    out: list[list[str | None]] = []

    def rec(i: int, acc: list[str | None]) -> None:
        if len(out) > 5000 or len(acc) > most:
            return
        if i == n:
            out.append(acc)
            return
        tok = tokens[i]
        if tok in _NIL:
            rec(i + 1, [*acc, None])
            return
        if not _starts(tok):
            return
        j = i + 1
        while j < n and _GROUP.fullmatch(tokens[j]) and "," not in tokens[j - 1]:
            j += 1
        # longest numbers first: the reading with fewest cells comes out first
        for k in range(j, i, -1):
            rec(k, [*acc, " ".join(tokens[i:k])])

    rec(0, [])
    return out


def _fewest(tokens: list[str]) -> int:
    """Cells as printed when every run of three-digit groups continues the number before it."""
    r = _numbers(tokens, len(tokens))
    return len(r[0]) if r else 0


def _val(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        v = parse_number(text)
    except NumberError:
        return None
    return None if v is None else float(v)


def _identities(cells: list[str | None]) -> int:
    """How many cells equal the sum or difference of cells printed before them (the running
    arithmetic of an accounts row: "Overført + Årets = Samlet", "2023 - 2022 = Endring")."""
    vals = [_val(c) for c in cells]
    hits = 0
    for k in range(2, len(vals)):
        v = vals[k]
        if v is None:
            continue
        for j in range(k - 1):
            before = [x for x in vals[j:k] if x is not None]
            if len(before) >= 2 and abs(sum(before) - v) < 0.5:
                hits += 1
                break
        else:
            a, b = vals[k - 2], vals[k - 1]
            if a is not None and b is not None and abs(a - b - v) < 0.5 and (a or b):
                hits += 1
    return hits


def _spread(cells: list[str | None]) -> float:
    logs = [math.log10(abs(v) + 1) for c in cells if (v := _val(c)) is not None and v != 0]
    return max(logs) - min(logs) if len(logs) >= 2 else 0.0


_EMPTY_COST = 1.5  # a cell printed as nothing is less likely than a clean split
_NOTE_COST = {True: -0.5, False: 1.0}  # a leading number that names a printed note / does not


_Reading = tuple[float, list[str | None], str | None]  # (cost, cells, note reference)


def _readings(row: _Row, ncol: int, note_col: bool, notes: set[str]) -> list[_Reading]:
    """The row's readings as exactly `ncol` cells, cheapest first: (cost, cells, note)."""
    out: list[_Reading] = []
    for r in _numbers(row.tokens, ncol + 1):
        cands: list[_Reading] = []
        if len(r) == ncol:
            cands.append((0.0, r, None))
        if note_col and len(r) == ncol + 1 and r[0] is not None and regex.fullmatch(r"\d{1,2}", r[0]):
            cands.append((_NOTE_COST[r[0] in notes], r[1:], r[0]))
        if note_col and len(r) == 1 and r[0] is not None and r[0] in notes and ncol > 1:
            cands.append((0.0, [None] * ncol, r[0]))  # a row with only its note reference
        if 1 <= len(r) < ncol:
            # empty cells printed as nothing: left-aligned first, other placements cost more
            for k, pos in enumerate(combinations(range(ncol), len(r))):
                placed: list[str | None] = [None] * ncol
                for p, c in zip(pos, r, strict=False):
                    placed[p] = c
                cands.append((_EMPTY_COST * (ncol - len(r)) + 0.01 * k, placed, None))
        for cost, cells, note in cands:
            out.append((cost - 2.0 * _identities(cells) + _spread(cells), cells, note))
    out.sort(key=lambda x: x[0])
    seen: set[tuple] = set()
    uniq = []
    for c in out:
        key = tuple(c[1])
        if key not in seen:
            seen.add(key)
            uniq.append(c)
    return uniq[:60]


# ---------------------------------------------------------------- blocks


@dataclass
class _Segment:
    """Rows under one header: a year header line, or text heads printed over one or more lines."""

    header: _Header | None
    head_lines: list[str]
    rows: list[_Row] = field(default_factory=list)


# a line of column heads that names the row columns ("Kapittel og post", "Avsender Kapittel/post")
_HEAD_WORDS = regex.compile(r"\b(?:Kapittel(?:/post)?|Konto|Avsender|Mottaker|Stikkord)\b")
# a label ending in a word that needs more text is a wrapped heading ("... fra post 01 til 45")
_OPEN_END = regex.compile(r"\b(?:til|fra|og|eller|av|i|for|med|på|om|under|over|post|poster)$")


def _segments(block: _Block) -> tuple[list[_Segment], list[_Row], set[int]]:
    segs: list[_Segment] = [_Segment(None, [])]
    known: set[str] = set()  # headers seen, to recognise a header repeated after a page break
    rows: list[_Row] = []
    breaks: set[int] = set()  # row indexes where a sub-heading starts a new group of summed rows
    pending: list[str] = []
    in_prose = False  # the line before was running text that goes on

    def close_text_header() -> None:
        key = _norm(" ".join(pending))
        if key in known:
            pending.clear()
            return
        known.add(key)
        segs.append(_Segment(None, list(pending)))
        breaks.add(len(rows))
        pending.clear()

    for _no, text in block.lines:
        s = text.strip()
        if s.startswith("*"):
            continue  # a footnote under the table
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
            segs.append(_Segment(yh, []))
            breaks.add(len(rows))
            pending = []
            continue
        if sp is not None and (_OPEN_END.search(sp[0]) or (not sp[0] and _is_heading_frag(pending))):
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
        row = _Row(_no, _clean(attached, bool(seg.header and seg.header.note_col)), toks)
        seg.rows.append(row)
        rows.append(row)
    return [sg for sg in segs if sg.rows], rows, breaks


def _is_heading_frag(pending: list[str]) -> bool:
    return bool(pending) and bool(_OPEN_END.search(pending[-1]))


def _read_block(doc: Document, block: _Block, notes: set[str]) -> list[Record]:
    segs, rows, breaks = _segments(block)
    if not rows:
        return []
    layout: dict[int, tuple[list[int | None], list[str | None]]] = {}
    for seg in segs:
        ncol, years, heads, note_col = _columns(seg.header, seg.head_lines, seg.rows, block.aar)
        for r in seg.rows:
            r.readings = [(c, cells) for c, cells, _ in _readings(r, ncol, note_col, notes)] if ncol else []
            layout[id(r)] = (years, heads)
    chosen, checks = _choose_block(doc, block, rows, breaks)
    # a capital-account block continues a table whose other rows are not read here: its sums
    # include those rows, so they cannot be checked
    out: list[Record] = [] if _CAPITAL_HEAD.match(block.lines[0][1]) else list(checks)
    for r, cells in zip(rows, chosen, strict=False):
        if cells is None:
            continue
        years, heads = layout[id(r)]
        if _ambiguous(r) and not _confirmed(r, cells, rows, breaks, chosen):
            out.append(
                Kontroll(
                    dok_id=doc.dok_id,
                    linje=r.linje,
                    kontroll="tabell_splitt",
                    nokkel=f"{block.kilde} {r.label}".strip(),
                    forventet=" ".join(r.tokens),
                    beregnet=" | ".join(c or "" for c in cells),
                    ok=False,
                    melding="Tallene i raden kan deles på flere måter; valgt etter radens egen "
                    "aritmetikk og tallenes størrelse.",
                )
            )
        enhet = _unit(r.label, block)
        for i, c in enumerate(cells):
            v = _val(c)
            if v is None:
                continue
            out.append(
                Nokkeltall(
                    dok_id=doc.dok_id,
                    linje=r.linje,
                    kilde=block.kilde,
                    kilde_type="tabell",
                    indikator=r.label or None,
                    kolonne=heads[i],
                    aar=years[i],
                    verdi=v,
                    enhet=enhet,
                    raw=c,
                )
            )
    return out


def _norm(s: str) -> str:
    return regex.sub(r"\s+", "", s).lower()


def _is_prose(s: str) -> bool:
    """Running text between the tables of a note: a long line of words, or a sentence."""
    # a head abbreviated with a full stop ("Maks.") is no sentence
    return (
        len(s) > 90
        or bool(regex.search(r"\p{Ll}\.\s+\p{Lu}", s))
        or (s.endswith(".") and len(s.split()) >= 5)
    )


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
    s = regex.sub(r"\s*\*+\s*:?\s*$", "", label).strip()
    s = regex.sub(r"\s*:\s*$", "", s)
    if note_col:
        s = regex.sub(r"\s+\d{1,2}(?:,\d{1,2})*[A-Z]?$", "", s)
    return s.strip()


def _columns(
    header: _Header | None, head_lines: list[str], rows: list[_Row], aar: int | None
) -> tuple[int, list[int | None], list[str | None], bool]:
    if header is not None:
        return header.ncol, header.years, header.heads, header.note_col
    widths: dict[int, int] = {}
    for r in rows:
        w = _fewest(r.tokens)
        if w:
            widths[w] = widths.get(w, 0) + 1
    by_rows = max(widths, key=lambda w: (widths[w], w)) if widths else 0
    # the heading of a capital-account block ("Kapitalkontoer") is no column head
    heads = [h for h in _text_heads(head_lines) if not _LABEL_HEAD.match(h) and not _CAPITAL_HEAD.match(h)]
    # the rows decide the column count (their numbers as printed mostly separate at a group that
    # cannot continue a number); the text heads only name the columns, the last ones printed
    ncol = by_rows
    heads = heads[-ncol:] if ncol and len(heads) >= ncol else []
    cols: list[str | None] = list(heads) if len(heads) == ncol else [None] * ncol
    if ncol > 1 and not any(cols):
        cols = [f"kolonne {i + 1}" for i in range(ncol)]
    return ncol, [aar] * ncol, cols, False


def _unit(label: str, block: _Block) -> str:
    low = label.lower()
    if regex.search(r"årsverk", low):
        return "årsverk"
    if regex.search(r"\bantall\b", low):
        return "antall"
    return "kroner"


def _sum_groups(rows: list[_Row], breaks: set[int]) -> list[tuple[int, list[int]]]:
    """(index of a sum row, indexes of the rows it sums): the rows since the previous sum row or
    sub-heading."""
    groups = []
    start = 0
    for i, r in enumerate(rows):
        if i in breaks:
            start = i
        if _SUM_LABEL.match(r.label):
            members = list(range(start, i))
            if members:
                groups.append((i, members))
            start = i + 1
    return groups


def _sum_ok(cells_sum: list[str | None], members: list[list[str | None] | None]) -> bool | None:
    if cells_sum is None:
        return None
    checked = False
    for c, s in enumerate(cells_sum):
        sv = _val(s)
        if sv is None:
            continue
        col = [_val(m[c]) for m in members if m is not None]
        col = [x for x in col if x is not None]
        if not col:
            continue
        checked = True
        # amounts are rounded to whole kroner row by row: allow half a krone per summed row
        if abs(sum(col) - sv) > 0.5 * len(col) + 0.01:
            return False
    return True if checked else None


def _choose_block(doc: Document, block: _Block, rows: list[_Row], breaks: set[int]):
    """The cheapest reading per row, then per sum group the combination of readings whose column
    sums match the printed sum (searched among the few cheapest readings of each row)."""
    chosen: list[list[str | None] | None] = [r.readings[0][1] if r.readings else None for r in rows]
    checks: list[Record] = []
    for si, members in _sum_groups(rows, breaks):
        idx = [si, *members]
        if any(not rows[i].readings for i in idx):
            continue
        if _sum_ok(chosen[si], [chosen[m] for m in members]) is False:
            options = [rows[i].readings[:4] for i in idx]
            best = None
            total = 1
            for o in options:
                total *= len(o)
            if total <= 20000:
                for combo in product(*options):
                    if _sum_ok(combo[0][1], [c[1] for c in combo[1:]]):
                        cost = sum(c[0] for c in combo)
                        if best is None or cost < best[0]:
                            best = (cost, [c[1] for c in combo])
            if best is not None:
                for i, cells in zip(idx, best[1], strict=False):
                    chosen[i] = cells
        ok = _sum_ok(chosen[si], [chosen[m] for m in members])
        if ok is None:
            continue
        srow = rows[si]
        total_vals = [
            sum(x for m in members if chosen[m] is not None and (x := _val(chosen[m][c])) is not None)
            for c in range(len(chosen[si] or []))
        ]
        checks.append(
            Kontroll(
                dok_id=doc.dok_id,
                linje=srow.linje,
                kontroll="tabell_sum",
                nokkel=f"{block.kilde} {srow.label}".strip(),
                forventet=" | ".join(c or "-" for c in chosen[si] or []),
                beregnet=" | ".join(f"{v:.0f}" for v in total_vals),
                ok=ok,
                melding=None if ok else "Summen av radene over stemmer ikke med sumraden.",
            )
        )
    return chosen, checks


_CLOSE = 1.0  # a second reading within this cost of the best is a real alternative


def _ambiguous(r: _Row) -> bool:
    return len(r.readings) > 1 and r.readings[1][0] - r.readings[0][0] < _CLOSE


def _confirmed(r: _Row, cells, rows: list[_Row], breaks: set[int], chosen) -> bool:
    """A split is confirmed when the row's own arithmetic holds, or a sum it belongs to adds up."""
    if _identities(cells) and len(cells) >= 3:
        return True
    i = rows.index(r)
    for si, members in _sum_groups(rows, breaks):
        if (i == si or i in members) and _sum_ok(chosen[si], [chosen[m] for m in members]):
            return True
    return False
