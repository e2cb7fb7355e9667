"""Numeric tables of the årsrapport ("Tabell 2-4 Nøkkeltall årsverk og utgifter"), one row per cell.

The text layer has no cell borders: cells are separated by runs of spaces, and numbers are grouped
by single spaces, so "763 685" may be one number or two. The reader:
- takes a table from its caption ("Tabell N-M ...") to the first footnote line, prose paragraph or
  next caption; page footers ("Årsrapport 2023  27") inside it are skipped;
- reads the year columns from the header ("... 2023 2022 2021 2020"); other tables get their
  column count from the rows themselves;
- splits a row's trailing numbers into cells: units ("%", "mrd. kr") and runs of 2+ spaces are hard
  boundaries, inside a chunk every way to group the digits is tried and the one giving the column
  count (and values closest in size to the column's other values) wins; a leading small number
  that is one of the footnotes printed below the table is a footnote marker, not a value;
- labels wrapped above their values are joined to the row.
Ambiguous splits are reported as `Kontroll` rows (kontroll "tabell_splitt").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations

import regex

from hdir_extract.document import Document
from hdir_extract.models import Kontroll, Nokkeltall, Record
from hdir_extract.parsing.numbers import NumberError, parse_number
from hdir_extract.parsing.text import join_lines

_CAPTION = regex.compile(r"^\s*Tabell\s+(?P<nr>\d+(?:[-.]\d+)?)\s*(?P<title>.*?)\s*$")
_FIGURE = regex.compile(r"^\s*Figur\s+\d+(?:[-.]\d+)?")
# page furniture inside a table: the running footer "Årsrapport 2023  27", or "Side 4" / "Side 4 av 90"
_FOOTER = regex.compile(
    r"^\s*(?:\p{L}[\p{L} .]{2,40}\s(?:19|20)\d{2}(?:\s{2,}|\t)\d{1,3}"
    r"|Side\s+\d{1,3}(?:\s+av\s+\d{1,3})?)\s*$",
    regex.IGNORECASE,
)
# a cell boundary: a run of spaces in the text layer, a TAB from the PDF reader (wide gap)
_GAP = r"(?:\s*\t\s*|\s{2,})"
_FOOTNOTE = regex.compile(r"^\s*(?P<nr>\d{1,2})\s+(?P<text>\p{L}.{3,})$")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# the tables of the statutory accounts belong to the bevilgninger extractor
_ACCOUNTS = regex.compile(r"bevilgningsrapportering|artskontorapportering", regex.IGNORECASE)
# a value: digits grouped by single spaces, optional decimals, optional unit; or the nil dash
_UNIT = (
    r"(?:%|prosent|mill\.\s*(?:kr(?:oner)?\.?)?|millioner(?:\s+kr(?:oner)?)?"
    r"|mrd\.\s*(?:kr(?:oner)?\.?)?|milliarder(?:\s+kr(?:oner)?)?|kr\.?)"
)
_VALUE_RUN = regex.compile(
    rf"(?P<run>(?:(?:(?<=\s)|^)(?:[-–]|\d+(?:[ ]\d{{3}})*(?:,\d+)?(?:\s?{_UNIT})?)(?=\s|$)\s*)+)$"
)


@dataclass
class _Row:
    linje: int
    label: str
    chunks: list[list[str]]  # hard-separated groups of cells text
    raw_line: str
    candidates: list[list[tuple[str, str | None]]] = field(default_factory=list)


_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"mill\.\s*kr|millioner kroner", "mill. kroner"),
    (r"mrd\.\s*kr|milliarder kroner", "mrd. kroner"),
    (r"hele tusen|i 1 ?000 kr|tusen kroner", "tusen kroner"),
    (r"%|\bandel|prosent", "prosent"),
    (r"årsverk", "årsverk"),
    (r"\bantall\b", "antall"),
    (r"lønn|\bkroner\b|\bkr\b", "kroner"),
    (r"\bdager\b|\bdøgn\b", "dager"),
)


def _unit_name(unit: str | None, contexts: list[str | None]) -> str:
    """The unit printed on the value; else named by the column head, the row label or the caption
    (first that names one); else a count."""
    u = (unit or "").lower()
    if u == "%" or u.startswith("prosent"):
        return "prosent"
    if u.startswith("mrd") or u.startswith("milliard"):
        return "mrd. kroner"
    if u.startswith("mill"):
        # "95 millioner" (a count in millions) vs "5,6 mill. kr"
        return "mill. kroner" if "kr" in u else "millioner"
    if u.startswith("kr"):
        return "kroner"
    for ctx in contexts:
        low = (ctx or "").lower()
        for pat, name in _UNIT_PATTERNS:
            if regex.search(pat, low):
                return name
    return "antall"


def _splits(tokens: list[str]) -> list[list[str]]:
    """Every way to read space-separated digit groups as numbers: later groups have 3 digits."""
    n = len(tokens)
    out: list[list[str]] = []

    def rec(i: int, acc: list[str]) -> None:
        if i == n:
            out.append(acc)
            return
        first = tokens[i]
        if not _starts_number(first):
            return
        j = i + 1
        rec(j, [*acc, first])
        while j < n and regex.fullmatch(r"\d{3}(?:,\d+)?", tokens[j]) and "," not in tokens[j - 1]:
            j += 1
            rec(j, [*acc, " ".join(tokens[i:j])])

    rec(0, [])
    return out


def _starts_number(tok: str) -> bool:
    # a number's first group has 1-3 digits and no leading zero ("023" only continues a number)
    return bool(regex.fullmatch(r"(?:0|[1-9]\d{0,2}|\d{4,})(?:,\d+)?", tok)) or tok in ("-", "–")


def _chunk_cells(chunk: str) -> list[list[tuple[str, str | None]]]:
    """Readings of one hard-separated chunk as a list of (number text, unit)."""
    parts = regex.split(rf"(?<=\S)\s?({_UNIT})(?=\s|$)", chunk.strip())
    # parts: text, unit, text, unit, ... ; each text may hold several numbers
    readings: list[list[tuple[str, str | None]]] = [[]]
    for k in range(0, len(parts), 2):
        text = parts[k].strip()
        unit = parts[k + 1] if k + 1 < len(parts) else None
        if not text:
            continue
        toks = text.split()
        opts = _splits(toks)
        if not opts:
            return []
        new = []
        for r in readings:
            for o in opts:
                cells = [(t, None) for t in o]
                if unit:
                    cells[-1] = (cells[-1][0], unit)
                new.append(r + cells)
        readings = new
    return readings


def _value(text: str) -> float | None:
    try:
        v = parse_number(text)
    except NumberError:
        return None
    return None if v is None else float(v)


def _row_readings(chunks: list[str], limit: int = 400) -> list[list[tuple[str, str | None]]]:
    readings: list[list[tuple[str, str | None]]] = [[]]
    for ch in chunks:
        opts = _chunk_cells(ch)
        if not opts:
            return []
        readings = [r + o for r in readings for o in opts][:limit]
    return readings


def _split_line(text: str) -> tuple[str, list[str]] | None:
    """Label and the hard-separated value chunks at the end of a table line."""
    m = _VALUE_RUN.search(text.rstrip())
    if not m or not regex.search(r"\d", m.group("run")):
        return None
    label = text[: m.start("run")].rstrip()
    run = m.group("run").strip()
    chunks = [c for c in regex.split(_GAP, run) if c.strip()]
    return label, chunks


@dataclass
class _Table:
    nr: str
    title: str
    caption_line: int
    lines: list[tuple[int, str]]
    footnotes: set[str]


def _find_tables(doc: Document) -> list[_Table]:
    tables: list[_Table] = []
    n = len(doc)
    no = 1
    while no <= n:
        m = _CAPTION.match(doc.text(no))
        if not m or _ACCOUNTS.search(m.group("title")):
            no += 1
            continue
        body: list[tuple[int, str]] = []
        notes: set[str] = set()
        k = no + 1
        prose = 0
        while k <= n:
            t = doc.text(k)
            s = t.strip()
            if _CAPTION.match(t) and k > no + 1:
                break
            if not s or _FOOTER.match(t):
                k += 1
                continue
            fm = _FOOTNOTE.match(t)
            if fm and len(s) > 20 and not _split_line(t):
                # footnotes close the table; collect them (they may run on a few lines)
                while k <= n:
                    fm = _FOOTNOTE.match(doc.text(k))
                    if not fm and doc.text(k).strip():
                        break
                    if fm:
                        notes.add(fm.group("nr"))
                    k += 1
                break
            if _is_prose(s):
                prose += 1
                if prose >= 1 and body:
                    break
            body.append((k, t))
            k += 1
            if len(body) > 120:
                break
        # footnote markers may also be printed further down the page (counted in text lines, so
        # the reach does not depend on how many blank lines the text layer has)
        seen, j = 0, k
        while j <= n and seen < 30:
            t = doc.text(j)
            if t.strip():
                seen += 1
                fm = _FOOTNOTE.match(t)
                if fm and len(t.strip()) > 20:
                    notes.add(fm.group("nr"))
            j += 1
        tables.append(_Table(m.group("nr"), m.group("title"), no, body, notes))
        no = k
    return tables


def _is_prose(s: str) -> bool:
    """A running-text line: long, no cell gaps, no value at the end."""
    return len(s) > 75 and not regex.search(_GAP, s) and not _split_line(s)


def _year_columns(tab: _Table) -> tuple[list[int], int]:
    """Years printed as column heads, and the line index where the header ends."""
    for idx, (_, t) in enumerate(tab.lines[:8]):
        sp = _split_line(t)
        years = _YEAR.findall(t)
        if len(years) >= 2 and sp and all(_YEAR.fullmatch(y) for y in " ".join(sp[1]).split()):
            tail = " ".join(sp[1]).split()
            if len(tail) == len(years) and len(tail) >= 2:
                return [int(y) for y in tail], idx + 1
    return [], 0


def _strip_footnote(label: str, notes: set[str]) -> str:
    """Remove a footnote number glued to the end of a label ("(mill. kroner)7", "post 1-298")."""
    for nr in sorted(notes, key=len, reverse=True):
        if regex.search(rf"[\p{{L}})]{nr}$", label):
            return label[: -len(nr)]
        # a range of budget posts ends in at most two digits: "1-298" is "1-29" + footnote 8
        m = regex.search(rf"\b\d{{1,2}}-(\d+){nr}$", label)
        if m and len(m.group(1)) == 2:
            return label[: -len(nr)]
    return label


def _choose(
    readings: list[list[tuple[str, str | None]]],
    ncol: int,
    notes: set[str],
    medians: list[float | None],
    by_row: bool,
) -> tuple[list[tuple[str, str | None] | None] | None, bool]:
    """Pick the reading of a row's numbers as `ncol` cells.

    Preference: a reading with exactly `ncol` cells; then one whose extra leading number is a
    footnote printed below the table; then one with empty cells (placed where their sizes fit the
    columns), each step only when the earlier gives nothing. Within a step the cheapest reading
    wins (`_cost`); the bool says whether another reading was possible (reported as a Kontroll).
    """
    steps: list[list[tuple[float, list]]] = [[], [], [], []]
    for r in readings:
        if len(r) == ncol:
            steps[0].append((_cost(r, medians, by_row), list(r)))
        elif len(r) == ncol + 1 and r[0][1] is None and r[0][0] in notes:
            steps[1].append((_cost(r[1:], medians, by_row), list(r[1:])))
        elif len(r) == ncol + 1 and r[0][1] is None and regex.fullmatch(r"\d{1,2}", r[0][0]):
            # an unlisted small number before the values: most likely a footnote marker
            steps[2].append((_cost(r[1:], medians, by_row) + 1.0, list(r[1:])))
    # an empty cell printed as nothing competes with readings that split a number to fill the row
    placed = _with_empty(readings, ncol, medians)
    if placed is not None:
        cost, cells = placed
        if steps[0] and cost < min(c for c, _ in steps[0]):
            steps[0] = [(cost, cells)]
        elif not any(steps[:3]):
            steps[3].append((cost, cells))
    for step in steps:
        if step:
            step.sort(key=lambda x: x[0])
            distinct = {tuple(c for c in s[1]) for s in step}
            return step[0][1], len(distinct) > 1
    return None, False


def _cost(cells: list[tuple[str, str | None]], medians: list[float | None], by_row: bool) -> float:
    """How far the values lie from their column's typical size (log scale); in a table of year
    columns, also how far apart the values of the row are (one indicator over a few years)."""
    vals = [_value(t) for t, _ in cells]
    logs = [math.log10(abs(v) + 1) for v in vals if v is not None]
    cost = 0.0
    for v, med in zip(vals, medians, strict=False):
        if v is not None and med is not None:
            cost += 0.5 * abs(math.log10(abs(v) + 1) - med)
    if logs and (by_row or not any(m is not None for m in medians)):
        cost += max(logs) - min(logs)
    return cost


def extract_tables(doc: Document) -> list[Record]:
    out: list[Record] = []
    for tab in _find_tables(doc):
        out.extend(_read_table(doc, tab))
    return out


def _read_table(doc: Document, tab: _Table) -> list[Record]:
    years, start = _year_columns(tab)
    rows: list[_Row] = []
    header: list[str] = []
    pending: list[str] = []  # label lines printed above their values
    codes: list[str] = []  # a lone code ("1060") printed above a row's wrapped label
    for no, text in tab.lines[start:]:
        if _is_code_only(text):
            codes.append(text.strip())
            continue
        sp = _split_line(text)
        if sp is None:
            pending.append(text.strip())
            continue
        label, chunks = sp
        if not label and not pending:
            # a value line with nothing to label it: figure data printed inside the table
            continue
        own = label.strip()
        if pending and (not own or own[0].islower()):
            own = join_lines([*pending, own])
        elif not rows:
            header.extend(pending)
        pending = []
        if codes:
            own = join_lines([*codes, own])
            codes = []
        rows.append(_Row(no, own, chunks, text))
    if not rows:
        return []
    readings = [_row_readings(r.chunks) for r in rows]
    ncol = len(years) or _common_width(readings, tab.footnotes)
    if not ncol:
        return []
    medians = _column_medians(readings, ncol, tab.footnotes)
    heads = _column_heads(header, ncol)
    out: list[Record] = []
    kilde = f"Tabell {tab.nr}"
    context_title = tab.title
    for row, rd in zip(rows, readings, strict=False):
        cells, ambiguous = _choose(rd, ncol, tab.footnotes, medians, bool(years))
        if cells is None:
            continue
        label = _strip_footnote(row.label, tab.footnotes)
        if ambiguous:
            out.append(
                Kontroll(
                    dok_id=doc.dok_id,
                    linje=row.linje,
                    kontroll="tabell_splitt",
                    nokkel=f"{kilde} {label}",
                    forventet=row.raw_line.strip(),
                    beregnet=" | ".join(c[0] for c in cells if c is not None),
                    ok=False,
                    melding="Tallene i raden kan deles på flere måter; valgt etter tallenes størrelse.",
                )
            )
        for i, cell in enumerate(cells):
            if cell is None:
                continue
            text, unit = cell
            v = _value(text)
            if v is None:
                continue
            col_head = None if years else (heads[i] if heads else None)
            enhet = _unit_name(unit, [col_head, label, context_title])
            raw = f"{text} {unit}".strip() if unit in ("%",) else text
            out.append(
                Nokkeltall(
                    dok_id=doc.dok_id,
                    linje=row.linje,
                    kilde=kilde,
                    kilde_type="tabell",
                    indikator=label or None,
                    kolonne=col_head if not years else None,
                    aar=years[i] if years else _table_year(tab, doc),
                    verdi=v,
                    enhet=enhet,
                    raw=raw,
                )
            )
    return out + _sum_checks(doc, kilde, [r for r in out if isinstance(r, Nokkeltall)])


_ROUNDED_UNITS = frozenset({"mill. kroner", "mrd. kroner", "tusen kroner", "prosent", "årsverk"})
_SUM_LABEL = regex.compile(r"^\s*(?:sum|totalt?|i alt)\b", regex.IGNORECASE)


def _sum_checks(doc: Document, kilde: str, values: list[Nokkeltall]) -> list[Record]:
    """A total row ("Sum", "Totalt", "I alt") must equal the rows above it (back to the previous
    total) column by column. Checked only where all those rows share the total's unit, so a key
    figure table mixing årsverk, kroner and prosent is not summed."""
    out: list[Record] = []
    rows: dict[int, list[Nokkeltall]] = {}
    for v in values:
        rows.setdefault(v.linje, []).append(v)
    block: list[list[Nokkeltall]] = []
    for linje in sorted(rows):
        cells = rows[linje]
        label = cells[0].indikator or ""
        if not _SUM_LABEL.match(label):
            block.append(cells)
            continue
        units = {c.enhet for r in block for c in r} | {c.enhet for c in cells}
        if len(block) >= 2 and len(units) == 1:
            for c in cells:
                col = [x.verdi for r in block for x in r if (x.aar, x.kolonne) == (c.aar, c.kolonne)]
                if not col or c.verdi is None or any(x is None for x in col):
                    continue
                total = sum(x for x in col if x is not None)
                # amounts in millions, shares and årsverk are printed rounded: allow half a unit
                # per summed row; counts must add up exactly
                rounded = c.enhet in _ROUNDED_UNITS or any(x % 1 for x in col if x is not None)
                ok = abs(total - c.verdi) <= (0.5 * len(col) if rounded else 0) + 1e-9
                out.append(
                    Kontroll(
                        dok_id=doc.dok_id,
                        linje=linje,
                        kontroll="tabell_sum",
                        nokkel=f"{kilde} {label} {c.kolonne or c.aar or ''}".strip(),
                        forventet=c.raw,
                        beregnet=f"{total:g}",
                        avvik=total - c.verdi,
                        ok=ok,
                        melding=None if ok else "Summen av radene over stemmer ikke med sumraden.",
                    )
                )
        block = []
    return out


def _column_heads(header: list[str], ncol: int) -> list[str] | None:
    """Column heads from the header lines: fragments split at runs of spaces, a fragment starting in
    lower case or "(" continues the one before; a first extra fragment heads the label column;
    more fragments than columns are group heads over the columns ("POBO – Faste stillinger")."""
    frags: list[str] = []
    for line in header:
        for part in regex.split(_GAP, line.strip()):
            part = part.strip()
            if not part:
                continue
            if frags and (part[0].islower() or part[0] == "("):
                frags[-1] = join_lines([frags[-1], part])
            else:
                frags.append(part)
    if len(frags) == ncol:
        return frags
    if len(frags) == ncol + 1:
        return frags[1:]
    if len(frags) > ncol:
        groups, heads = frags[:-ncol], frags[-ncol:]
        if ncol % len(groups) == 0:
            per = ncol // len(groups)
            return [f"{groups[i // per]} – {h}" for i, h in enumerate(heads)]
        return heads
    return None


def _is_code_only(text: str) -> bool:
    """A lone whole number ("1060") on a line is a code wrapped above the next row's label, not a
    value: values that stand alone below their label carry decimals or a unit ("13,4")."""
    return bool(regex.fullmatch(r"\s*\d{3,5}\s*", text))


def _table_year(tab: _Table, doc: Document) -> int | None:
    # a table without year columns reports the caption's year, else the report year
    ys = _YEAR.findall(tab.title)
    return int(ys[-1]) if ys else doc.aar


def _fewest(rd: list[list[tuple[str, str | None]]]) -> list[tuple[str, str | None]] | None:
    """The reading that keeps each space-grouped run as one number (cells as printed)."""
    return min(rd, key=len) if rd else None


def _common_width(readings: list[list[list[tuple[str, str | None]]]], notes: set[str]) -> int:
    """The column count: the most common number of cells as printed (ties: the wider)."""
    counts: dict[int, int] = {}
    for rd in readings:
        r = _fewest(rd)
        if r:
            counts[len(r)] = counts.get(len(r), 0) + 1
    if not counts:
        return 0
    return max(counts, key=lambda w: (counts[w], w))


def _column_medians(readings, ncol: int, notes: set[str]) -> list[float | None]:
    """Typical size (log10) per column, from rows whose cells as printed fill the columns."""
    cols: list[list[float]] = [[] for _ in range(ncol)]
    for rd in readings:
        r = _fewest(rd)
        if r and len(r) == ncol:
            for i, (t, _) in enumerate(r):
                v = _value(t)
                if v is not None:
                    cols[i].append(math.log10(abs(v) + 1))
    return [sorted(c)[len(c) // 2] if c else None for c in cols]


_EMPTY_PENALTY = 1.5  # an empty cell is less likely than a clean split, but not than an absurd one


def _with_empty(readings, ncol: int, medians: list[float | None]):
    """Rows with fewer cells than columns (an empty cell printed as nothing): place the cells
    where they fit the columns' sizes best. Only for rows with at least two cells."""
    best = None
    for r in readings:
        if len(r) < 2 or len(r) >= ncol:
            continue
        for pos in combinations(range(ncol), len(r)):
            placed: list[tuple[str, str | None] | None] = [None] * ncol
            for p, c in zip(pos, r, strict=False):
                placed[p] = c
            cost = sum(
                0.5 * abs(math.log10(abs(v) + 1) - medians[p])
                for p, c in zip(pos, r, strict=False)
                if (v := _value(c[0])) is not None and medians[p] is not None
            )
            cost += _EMPTY_PENALTY * (ncol - len(r))
            if best is None or cost < best[0]:
                best = (cost, placed)
    return best
