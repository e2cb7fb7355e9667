"""The numbers of a key-figure table row: where the label ends, and every way to read its digits as cells.

A text layer groups a number's digits by single spaces and may run the cells of a row together, so
"763 685" is one number or two. A row's values are read as hard-separated chunks (a table cell, a TAB,
a run of two or more spaces, a unit such as "%" or "mrd. kr" after a number); inside a chunk every way
to group the digits is a reading, and the table's column count and the sizes of its values choose
between them (`choice.py`).
"""

from __future__ import annotations

import regex

from hdir_extract.parsing.numbers import NumberError, parse_number

# a cell boundary: a TAB (a table cell, or a wide gap the PDF reader saw), a run of spaces
GAP = r"(?:\s*\t\s*|\s{2,})"
# a value: digits grouped by single spaces, optional decimals, optional unit; or the nil dash
UNIT = (
    r"(?:%|prosent|mill\.\s*(?:kr(?:oner)?\.?)?|millioner(?:\s+kr(?:oner)?)?"
    r"|mrd\.\s*(?:kr(?:oner)?\.?)?|milliarder(?:\s+kr(?:oner)?)?|kr\.?)"
)
_VALUE_RUN = regex.compile(
    rf"(?P<run>(?:(?:(?<=\s)|^)(?:[-–]|\d+(?:[ ]\d{{3}})*(?:,\d+)?(?:\s?{UNIT})?)(?=\s|$)\s*)+)$"
)

Cell = tuple[str, str | None]  # (number as printed, unit printed after it)

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


# compiled once (a module-level regex call looks its pattern up in a cache on every call)
_UNIT_PATTERNS_RE = tuple((regex.compile(pat), name) for pat, name in _UNIT_PATTERNS)


def unit_name(unit: str | None, contexts: list[str | None]) -> str:
    """The unit printed on the value; else named by the column head, the row label, the table's unit
    line or the caption (first that names one); else a count."""
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
        for pat, name in _UNIT_PATTERNS_RE:
            if pat.search(low):
                return name
    return "antall"


def value(text: str) -> float | None:
    try:
        v = parse_number(text)
    except NumberError:
        return None
    return None if v is None else float(v)


def split_row(text: str) -> tuple[str, list[str]] | None:
    """Label and the hard-separated value chunks at the end of a row's text (cells joined by TAB)."""
    m = _VALUE_RUN.search(text.rstrip())
    if not m or not regex.search(r"\d", m.group("run")):
        return None
    label = text[: m.start("run")].rstrip()
    run = m.group("run").strip()
    return label, [c for c in regex.split(GAP, run) if c.strip()]


# compiled once: these run for every token of every candidate reading
_NUMBER_START = regex.compile(r"(?:0|[1-9]\d{0,2}|\d{4,})(?:,\d+)?")
_GROUP = regex.compile(r"\d{3}(?:,\d+)?")


def _starts_number(tok: str) -> bool:
    # a number's first group has 1-3 digits and no leading zero ("023" only continues a number)
    return bool(_NUMBER_START.fullmatch(tok)) or tok in ("-", "–")


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
        while j < n and _GROUP.fullmatch(tokens[j]) and "," not in tokens[j - 1]:
            j += 1
            rec(j, [*acc, " ".join(tokens[i:j])])

    rec(0, [])
    return out


def _chunk_cells(chunk: str) -> list[list[Cell]]:
    """Readings of one hard-separated chunk as a list of (number text, unit)."""
    parts = regex.split(rf"(?<=\S)\s?({UNIT})(?=\s|$)", chunk.strip())
    # parts: text, unit, text, unit, ... ; each text may hold several numbers
    readings: list[list[Cell]] = [[]]
    for k in range(0, len(parts), 2):
        text = parts[k].strip()
        unit = parts[k + 1] if k + 1 < len(parts) else None
        if not text:
            continue
        opts = _splits(text.split())
        if not opts:
            return []
        new = []
        for r in readings:
            for o in opts:
                cells: list[Cell] = [(t, None) for t in o]
                if unit:
                    cells[-1] = (cells[-1][0], unit)
                new.append(r + cells)
        readings = new
    return readings


def row_readings(chunks: list[str], limit: int = 400) -> list[list[Cell]]:
    """Every reading of a row's chunks as cells (at most `limit`)."""
    readings: list[list[Cell]] = [[]]
    for ch in chunks:
        opts = _chunk_cells(ch)
        if not opts:
            return []
        readings = [r + o for r in readings for o in opts][:limit]
    return readings
