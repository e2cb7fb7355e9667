"""Table rows of a line-based text, grouped into tables of rows x cells.

Three printed layouts, told from the lines themselves:
- cells one per line, each after a TAB (the web edition of a proposition): a row is the cells between two
  paragraph breaks; an untabbed line right after a cell goes on with that cell ("Regnskap" / "2023");
  a line holding only a TAB is an empty cell, kept so that columns line up;
- one row per line with TAB-separated cells (a text layer, or a PDF row whose cells the reader saw);
- one row per line without TABs: a label followed by a run of numbers ("Avtalte årsverk 720 741 763 685",
  "187 166 000 kroner 8 500 000 kroner …"). Cells are split at TABs and at gaps of two or more spaces,
  and the label is split from its trailing numbers. Numbers run together with single spaces stay ONE cell
  ("763 685" may be one number or two): the extractor decides with its table's arithmetic.
A table's leading rows without amounts (column names, years) are header rows; its unit line ("(i 1 000
kr)") and caption ("Tabell 6-1 …") are kept on the table. A table continued over a page break is one
table, and a header row printed again on the next page is dropped.
"""

from __future__ import annotations

import functools

import regex

from hdir_extract.document import Cell, Row
from hdir_extract.readers import structure

# precompiled: these run once per line of every document
# (?r): these end-anchored patterns are searched backwards from the line's end (the same lines match;
# a forward search tries every start position)
_P1 = regex.compile(r"(?r)[\p{L}][.:;!?]$")
_P2 = regex.compile(r"\d{1,4}(?:\s+\d{1,2})?\s+\p{L}")
_P3 = regex.compile(r"(?r)[\p{L}\d)][.!?]$")
_P4 = regex.compile(r"\p{L}")
#: a sentence ending inside the line and the next one starting ("… til dialog om oppdraget.
#: Helsedirektoratet tildeles 350 000"): a word of three or more lower-case letters (no abbreviation
#: such as "jf." or "mv.") ends it
_SENTENCE_INSIDE = regex.compile(r"\p{Ll}{3}[.!?]\s+\p{Lu}")

#: a number token of a table row: "1 234" groups, "-2,7", "14,5 %", "(123)", "–" (nil)
_NUM_TOKEN = regex.compile(r"^[-\u2212\u2013(]?\d(?:[\d.,]*[\d.])?\)?%?$|^[-\u2212\u2013]$|^%$")
_UNIT_TOKEN = regex.compile(r"^(?:kroner|kr\.?|mill\.?|mrd\.?|prosent|pst\.?)$", regex.IGNORECASE)
_YEAR = regex.compile(r"^(?:19|20)\d\d$")
_GAP = regex.compile(r"\t| {2,}")
#: a code that labels a row ("070222" kapittel 0702 post 22, "60077101" an account): five or more digits
#: ungrouped, where an amount that long is printed in groups of three ("140 400 000")
_CODE_TOKEN = regex.compile(r"^\d{5,}$")
#: an empty cell printed as words (the accounts' "Ikke aktuell", "i.a.", "n/a")
_PLACEHOLDER_PAIR = regex.compile(r"^ikke\s+aktuel[lt]$", regex.IGNORECASE)
_PLACEHOLDER_WORD = regex.compile(r"^(?:i\.a\.|n/a)$", regex.IGNORECASE)
MIN_NUMBERS = 2  # a numeric row ends in at least this many number tokens
MAX_ROW_LEN = 220
_BARE_KRONER = regex.compile(r"^\(?\s*(?:kroner|kr\.?)\s*\)?$", regex.IGNORECASE)
#: a number right after these words belongs to the label ("Sum kap. 3700 162 500 …", "post 21")
_LABEL_NUMBER_WORD = regex.compile(
    r"^(?:kap\.?|kapittel|post(?:ene)?|nr\.?|programkategori|kategori)$", regex.I
)
_NUMBER_CELL = regex.compile(r"[-\u2212–]?\s?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?|[-–]")
MAX_LABEL_WORDS = 16  # a row label is a name, not a sentence
MAX_NAME_LEN = 110  # a code and a name on one line
MAX_WRAPPED_NAME = 70  # the rest of a name wrapped onto its own line
#: a kapittel/post row: kapittel, post and the start of the name ("714 21 Spesielle")
_POST_ROW = regex.compile(r"^\s*\d{3,4}\s+\d{2}\s+\p{L}")


def _is_num(token: str) -> bool:
    return bool(_NUM_TOKEN.match(token))


def is_number_cell(text: str) -> bool:
    """A cell of one number ("125 611", "-3", "1 217,5") or a nil dash."""
    return bool(_NUMBER_CELL.fullmatch(text.strip()))


def _placeholder_tail(tokens: list[str]) -> int:
    """How many of the tokens at the end spell empty cells as words ("Ikke aktuell Ikke aktuell", "i.a."):
    an accounts table prints them where a column does not apply to the row."""
    k = len(tokens)
    while k > 0:
        if k >= 2 and _PLACEHOLDER_PAIR.match(f"{tokens[k - 2]} {tokens[k - 1]}"):
            k -= 2
        elif _PLACEHOLDER_WORD.match(tokens[k - 1]):
            k -= 1
        else:
            break
    return len(tokens) - k


def _numbers_at_end(tokens: list[str]) -> tuple[int, int]:
    """(number tokens, empty-cell words) the tokens end with: the empty-cell words stand after the
    numbers; unit words between numbers do not break the run."""
    empties = _placeholder_tail(tokens)
    n = 0
    for token in reversed(tokens[: len(tokens) - empties]):
        if _is_num(token):
            n += 1
        elif _UNIT_TOKEN.match(token):
            continue  # "187 166 000 kroner 8 500 000 kroner": units between and after the numbers
        else:
            break
    return n, empties


def trailing_numbers(text: str) -> int:
    """How many number tokens the line ends with (unit words between them do not break the run). Empty
    cells printed as words after them ("2 263 000 0 2 263 000 Ikke aktuell Ikke aktuell") count as cells
    of the run where it holds at least MIN_NUMBERS numbers: a sentence may end in "… ikke aktuell"."""
    n, empties = _numbers_at_end(text.split())
    return n + empties if n >= MIN_NUMBERS or not empties else 0


@functools.lru_cache(maxsize=65536)
def numeric_row(text: str) -> bool:
    """A printed row of a table without TABs: a label (maybe none) and a run of numbers."""
    t = text.strip()
    if not t or len(t) > MAX_ROW_LEN or "\t" in t:
        return False
    if _P1.search(t):
        return False  # a sentence
    if _SENTENCE_INSIDE.search(t):
        # prose broken after a number (a narrow column): a row's label is a name, not two sentences
        return False
    n = trailing_numbers(t)
    label_words = len(t.split()) - n
    if (t.endswith(".") and label_words >= 5) or label_words > MAX_LABEL_WORDS:
        return False  # "… og frist for oppdraget er 31.12. 2023.": a sentence ending in a date
    return n >= MIN_NUMBERS


@functools.lru_cache(maxsize=65536)
def anchored_row(text: str) -> bool:
    """A row that anchors a table: numbers, or a post/kapittel code followed by a name."""
    t = text.strip()
    return numeric_row(t) or _is_num(t) or bool(_P2.match(t))


@functools.lru_cache(maxsize=65536)
def row_like(text: str) -> bool:
    """A line that may stand among a table's rows: numbers, a post or kapittel code with its name
    ("60 Gjesteinnbyggeroppgjør for fastleger", "732 70 Særskilte tilskudd"), or a short wrapped name."""
    t = text.strip()
    if numeric_row(t) or _is_num(t):
        return True
    if len(t) > MAX_NAME_LEN or (_P3.search(t) and len(t.split()) >= 8):
        return False
    return bool(_P2.match(t)) or len(t) <= MAX_WRAPPED_NAME


def split_cells(text: str) -> list[str]:
    """Cells of a row printed on one line: TABs and wide gaps separate cells; a label is split from
    the numbers that follow it on the same chunk, and empty cells printed as words after the numbers
    ("… 2 263 000 Ikke aktuell Ikke aktuell") are cells of their own: each is one cell, however the
    numbers before them run together."""
    chunks = [c.strip() for c in _GAP.split(text.strip())]
    cells: list[str] = []
    for c in chunks:
        tokens = c.split()
        n, empties = _numbers_at_end(tokens)
        empty_cells = _placeholder_cells(tokens[len(tokens) - empties :]) if n else []
        if empty_cells:
            tokens = tokens[: len(tokens) - empties]
        k = len(tokens)
        while k > 0 and (_is_num(tokens[k - 1]) or (_UNIT_TOKEN.match(tokens[k - 1]) and k < len(tokens))):
            k -= 1
        if 0 < k < len(tokens) and _LABEL_NUMBER_WORD.match(tokens[k - 1]):
            k += 1  # "Sum kap. 3700": the kapittel number is part of the label
        if k == 0 and len(tokens) > 1 and _CODE_TOKEN.match(tokens[0]):
            k = 1  # "070222 140 400 000 …": a kapittel/post or account code labels the row
        if 0 < k < len(tokens) and (
            (k == 1 and _CODE_TOKEN.match(tokens[0])) or _P4.search(" ".join(tokens[:k]))
        ):
            cells.extend([" ".join(tokens[:k]), " ".join(tokens[k:])])
        else:
            cells.append(" ".join(tokens))
        cells.extend(empty_cells)
    return cells


def _placeholder_cells(tokens: list[str]) -> list[str]:
    """Empty cells printed as words, one per cell: "Ikke aktuell Ikke aktuell" -> two cells."""
    out: list[str] = []
    k = 0
    while k < len(tokens):
        if k + 1 < len(tokens) and _PLACEHOLDER_PAIR.match(f"{tokens[k]} {tokens[k + 1]}"):
            out.append(f"{tokens[k]} {tokens[k + 1]}")
            k += 2
        else:
            out.append(tokens[k])
            k += 1
    return out


def has_amount(cells: list[str]) -> bool:
    """A body row: some cell is a number that is not a year or a post/kapittel label."""
    for c in cells:
        tokens = c.split()
        tokens = tokens[: len(tokens) - _placeholder_tail(tokens)]  # "0 0 0 Ikke aktuell": empty cells
        numeric = bool(tokens) and all(_is_num(t) or _UNIT_TOKEN.match(t) for t in tokens)
        if numeric and not all(_YEAR.match(t) for t in tokens if _is_num(t)):
            return True
    return False


def mark_headers(rows: list[Row]) -> list[Row]:
    """Leading rows without amounts are column headers, up to a kapittel/post row (whose amounts may
    stand on a line of their own); a header printed again later is dropped."""
    out: list[Row] = []
    header_texts: set[tuple[str, ...]] = set()
    in_head = True
    for r in rows:
        texts = tuple(c.text for c in r.cells)
        if in_head and texts and _POST_ROW.match(texts[0]):
            in_head = False  # "714 21 Spesielle driftsutgifter, kan": a kapittel/post row, its amounts below
        if in_head and not has_amount(list(texts)):
            out.append(Row(r.cells, r.line, header=True, last_line=r.last_line))
            header_texts.add(texts)
            continue
        in_head = False
        if texts in header_texts:
            continue  # the header repeated after a page break
        out.append(r)
    return out


def unit_of(text: str) -> str | None:
    """A cell that names the table's unit. A bare "Kroner"/"kr" cell is a column's header (the
    resolution's "Kap. Post … Kroner Kroner"), not the table's unit."""
    t = text.strip()
    if not structure.is_unit_line(t) or _BARE_KRONER.match(t):
        return None
    return t


def row_from_line(no: int, text: str, cells: tuple[str, ...] | None) -> Row:
    parts = list(cells) if cells is not None else split_cells(text)
    return Row(
        tuple(Cell(p, no, col=i if cells is not None else None) for i, p in enumerate(parts)),
        no,
        last_line=no,
    )


def cell_per_line(lines: list[tuple[int, str, bool]]) -> list[Row]:
    """Rows of a cell-per-line table. `lines`: (line no, text, paragraph break before)."""
    rows: list[list[Cell]] = []
    last_lines: list[int] = []
    for no, text, brk in lines:
        text = text.lstrip(" ")  # " \tRegnskap": a space before the cell's TAB is no cell of its own
        if brk or not rows:
            rows.append([])
            last_lines.append(no)
        if "\t" in text:
            for part in text.split("\t")[1:] if text.startswith("\t") else text.split("\t"):
                rows[-1].append(Cell(part.strip(), no))
        elif rows[-1]:
            prev = rows[-1][-1]
            rows[-1][-1] = Cell(f"{prev.text} {text.strip()}".strip(), prev.line)
        else:
            rows[-1].append(Cell(text.strip(), no))
        last_lines[-1] = no
    out = []
    for cells, last in zip(rows, last_lines, strict=True):
        while len(cells) > 1 and cells[-1].text == "":
            cells.pop()  # a trailing empty cell is the line's own end, not a column
        if cells:
            out.append(
                Row(
                    tuple(Cell(c.text, c.line, col=i) for i, c in enumerate(cells)),
                    cells[0].line,
                    last_line=last,
                )
            )
    return out


def is_cell_per_line(texts: list[str]) -> bool:
    """Most tabbed lines start with a TAB and hold a single cell."""
    tabbed = [t for t in texts if "\t" in t]
    single = [t for t in tabbed if t.startswith("\t") and t.count("\t") == 1]
    return bool(tabbed) and len(single) >= 0.7 * len(tabbed)
