"""Prop. 1 S tables as printed rows of cells, read from the reading layer's blocks.

The layer gives each TABLE block's rows and cells. Where it knows the columns (a web edition's
cell-per-line table, a PDF row whose cells the reader saw: `Cell.col` set) the cells are used as they
are, an empty cell kept as a position. Where it does not (a text layer printing one row per line:
`col` None), the row is read again from its printed line, since the layer leaves run-together numbers
to the extractor: leading kapittel/post codes, the name, and the trailing amounts as TAB- or
gap-separated chunks (`split_printed`). An amount cell that may hold several amounts run together
("1 396 688 1 538 891 1 591 294") is marked `run`; the table's arithmetic splits it later.

Lines of the other body blocks are rows too (one per printed line): a kapittel heading "Kap. 700 …",
a unit line, a wrapped post name or a one-row table the layer took for a paragraph. So a table's
reading never depends on where the layer drew a block boundary; running text is marked `prose` and
ends a table. Page furniture is the layer's business and never reaches these rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from hdir_extract.document import Block, Document, Kind
from hdir_extract.extractors.bevilgninger.common import segmentations, tokens
from hdir_extract.extractors.bevilgninger.prop_columns import MAX_GROUPS
from hdir_extract.parsing.text import join_lines

#: a TAB or a gap of two or more spaces always separates two cells
GAP = regex.compile(r"\t| {2,}")
#: one printed digit group of an amount ("1", "396", "-2,7"), or the nil dash
AMOUNT_WORD = regex.compile(r"^[-\u2212\u2013]?\d+(?:,\d+)?$|^[-\u2212\u2013\u2014]$")
NIL = regex.compile(r"^[-\u2212\u2013\u2014]$")
#: a unit printed with an amount ("173,1 mill. kroner")
UNIT_WORD = regex.compile(r"^(?:mill\.?|millioner|mrd\.?|milliarder|kr\.?|kroner)$", regex.I)
#: a number printed as part of a name: "kan nyttes under post 70", "postene 70 og 71", "f.o.m. 2008",
#: "Sum kap. 700" ("og" counts only after a number)
NAME_NUMBER_WORD = regex.compile(
    r"^(?:post(?:ene)?|kap\.?|kapittel|nr\.?|[ft]\.o\.m\.|fra|til|kategori)$", regex.I
)
#: leading codes: a kapittel and/or a post number before a name ("5521 70 Merverdiavgift", "01 Drift")
#: (never a number followed by a unit: "675 mill. kroner" is an amount)
NOT_UNIT = r"(?!(?:mill|mrd|milliard|kr|kroner|prosent|pst)\b)"
CODES = regex.compile(rf"^(\d{{1,4}})(?:[\t ]+(\d{{1,2}}))?[\t ]+{NOT_UNIT}(?=[\p{{L}}(«\"])", regex.I)
#: words of a column header ("Post Betegnelse Regnskap 2023 …", "Kap. Post Kroner Kroner")
HEADER_WORDS = frozenset(
    (
        *("post", "post-gr.", "kap.", "kap", "vk", "betegnelse", "formål", "kroner", "samlet", "ramme"),
        *("regnskap", "saldert", "vedtatt", "nysaldert", "budsjett", "forslag", "anslag"),
        *("endring", "i", "pst.", "pst", "endr."),
    )
)
YEAR = regex.compile(r"^(?:19|20)\d\d$")
#: running text: a long line, or a sentence or lead-in (a post name may be long, but no row is this)
PROSE = regex.compile(r"^.{100,}$|^.{50,}[.:]\s*$")
#: an amount followed by words that are not its unit: "341 707 Post 70 Legemiddeldetaljistavgift"
GROUPED = r"[-\u2212\u2013]?\d{1,3}(?: \d{3})*(?:,\d+)?"
AMOUNT_THEN_TEXT = regex.compile(rf"^({GROUPED})\s+{NOT_UNIT}(?=\p{{L}})", regex.I)
#: a footnote marker glued to a name's last word ("Skatter på formue og inntekt1"); upper-case
#: formulas ("CO2", "SF6") keep their digit
GLUED_NOTE = regex.compile(r"(?<=[\p{Ll})])\d$")


@dataclass(frozen=True, slots=True)
class PCell:
    text: str  # "" for an empty cell (or a nil dash: no amount, but a position)
    line: int
    run: bool = False  # an amount chunk that may hold several amounts run together


@dataclass(frozen=True, slots=True)
class PRow:
    cells: tuple[PCell, ...]
    line: int
    kind: Kind  # the block the row comes from
    prose: bool = False  # running text: never a table row
    table: bool = False  # a row of a TABLE block
    whole_line: bool = True  # one printed line split here (False: the layer's cells of a table row)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells if c.text)

    @property
    def filled(self) -> list[PCell]:
        return [c for c in self.cells if c.text]


def is_header_text(text: str) -> bool:
    """A column header piece: header words and years only ("Regnskap 2023", "Kap. Post Kroner")."""
    words = text.split()  # TABs split words too
    return bool(words) and all(w.casefold() in HEADER_WORDS or YEAR.match(w) for w in words)


def is_amount_text(text: str) -> bool:
    """A cell of amounts (and maybe their unit), nothing else."""
    words = text.split()
    return (
        bool(words)
        and all(AMOUNT_WORD.match(w) or UNIT_WORD.match(w) for w in words)
        and any(w[-1:].isdigit() for w in words)
    )


def may_hold_several(text: str) -> bool:
    """An amount cell that cannot be one printed number, or one with more digit groups than a
    thousand-kroner table prints (the reader of each table decides with its arithmetic)."""
    toks = tokens(text)
    return len(toks) > 1 and (not segmentations(toks, 1) or len(toks) > MAX_GROUPS)


# compiled once: these run for every printed line of a proposition. Plain ASCII, so the standard
# library's engine, faster at splitting, finds exactly the same separators.
_WORD_GAPS = re.compile(r"(\t| +)")
_BARE_NUMBER = regex.compile(r"^\d+,?$")


def _label_and_amounts(text: str) -> tuple[str, list[str]]:
    """(label, amount chunks) of a printed row: the trailing amounts, one chunk per TAB/gap part.

    The label ends at its last word; a number right after "post", "postene", "kap.", "f.o.m." or after
    "og" following a number belongs to the name ("kan nyttes under post 70 12 005 …")."""
    parts = _WORD_GAPS.split(text.strip())
    words = parts[0::2]
    k = len(words)
    while k > 0 and (AMOUNT_WORD.match(words[k - 1]) or (UNIT_WORD.match(words[k - 1]) and k < len(words))):
        k -= 1
    while 0 < k < len(words) and (
        (NAME_NUMBER_WORD.match(words[k - 1]) and not _amount_after_preposition(words, k))
        or (words[k - 1].lower() == "og" and k >= 2 and _BARE_NUMBER.match(words[k - 2]))
    ):
        k += 1  # the number after "post" is part of the name
    if k == len(words) or (k > 0 and UNIT_WORD.match(words[k])):
        return text.strip(), []  # no amounts, or a unit word with no number before it
    label = "".join(parts[: 2 * k - 1]).strip() if k else ""
    run = "".join(parts[2 * k :])
    chunks: list[str] = []
    for chunk in GAP.split(run):
        # a nil dash printed between amounts is a cell of its own ("726,5 - -")
        piece: list[str] = []
        for w in chunk.split():
            if NIL.match(w):
                chunks.extend([" ".join(piece)] if piece else [])
                chunks.append("-")
                piece = []
            else:
                piece.append(w)
        if piece:
            chunks.append(" ".join(piece))
    return label, chunks


def _amount_after_preposition(words: list[str], k: int) -> bool:
    """After "fra"/"til" a name goes on with a year ("… fra 2008"); a lone digit followed by groups of
    three ("Investeringstilskudd til 2 323 970 000") is an amount printed after a name that a narrow
    column wrapped right after the preposition (a plain-text extraction puts the amount on that line).
    Judgement call: only a year, never an amount's first group, continues the name there."""
    if words[k - 1].lower() not in ("fra", "til"):
        return False
    return not YEAR.match(words[k]) and k + 1 < len(words) and len(words[k + 1]) == 3


def _has_gap(text: str) -> bool:
    """Whether `GAP` can match in `text` (a TAB or two spaces): a cheap test before the regex."""
    return "\t" in text or "  " in text


def split_printed(text: str, line: int) -> list[PCell]:
    """The cells of one printed row (a whole line, or a cell that may hold a code, name and amounts):
    codes, the name, then the amount chunks (`run`). A column header is split at gaps only."""
    t = text.strip()
    if not t:
        return []
    # (a header split at its gaps has the same words as the whole line: testing each part apart, as
    # this once did too, can never find a header the whole line is not)
    if is_header_text(t):
        return [PCell(c.strip(), line) for c in GAP.split(t) if c.strip()]
    cells: list[PCell] = []
    m = CODES.match(t)
    if m:
        cells.extend(PCell(g, line) for g in m.groups() if g)
        t = t[m.end() :]
    label, chunks = _label_and_amounts(t)
    if label:
        cells.append(PCell(GAP.sub(" ", label) if _has_gap(label) else label, line))
    for chunk in chunks:
        # one number is one cell; several single-spaced groups may be several amounts run together
        cells.append(PCell("", line) if NIL.match(chunk) else PCell(chunk, line, run=" " in chunk))
    return cells


def _header_split(cells: list[PCell]) -> int:
    """How many leading cells of a row are a column header printed before its first body cells (a
    layer that lost the break after the header row): none unless the row starts with a header word."""
    k = 0
    while k < len(cells) and (not cells[k].text or is_header_text(cells[k].text)):
        k += 1
    first = next((c.text for c in cells if c.text), "")
    return k if k < len(cells) and first and not YEAR.match(first) and is_header_text(first) else 0


def _table_cells(block: Block, doc: Document) -> Iterable[PRow]:
    if block.caption:  # "Tabell 1.4 … Mill. kroner": the caption may name the unit
        yield PRow((PCell(block.caption, block.first_line),), block.first_line, Kind.CAPTION)
    if block.unit:
        unit = PCell(block.unit, block.first_line)
        yield PRow((unit,), block.first_line, Kind.TABLE, table=True, whole_line=False)
    for row in block.rows:
        whole = all(c.col is None for c in row.cells) and row.last_line in (None, row.line)
        if whole:
            # the layer could not tell the columns: the row as printed
            cells = split_printed(doc.text(row.line), row.line)
        else:
            cells = []
            for c in row.cells:
                if not c.text or NIL.match(c.text.strip()):
                    cells.append(PCell("", c.line))
                elif row.header or is_header_text(c.text):
                    cells.append(PCell(c.text, c.line))
                elif is_amount_text(c.text):
                    cells.append(PCell(c.text, c.line, run=may_hold_several(c.text)))
                elif m := AMOUNT_THEN_TEXT.match(c.text):
                    # an untabbed line (a heading) the layer joined to the table's last amount cell
                    cells.append(PCell(m.group(1), c.line, run=may_hold_several(m.group(1))))
                    cells.extend(split_printed(c.text[m.end() :], c.line))
                else:
                    cells.extend(split_printed(c.text, c.line))  # a code or amounts glued to a name
        k = _header_split(cells)
        if k:
            yield PRow(tuple(cells[:k]), row.line, Kind.TABLE, table=True, whole_line=whole)
            cells = cells[k:]
        if cells:
            yield PRow(tuple(cells), cells[0].line, Kind.TABLE, table=True, whole_line=whole)


def _block_lines(block: Block) -> list[int]:
    return [s.line for s in block.spans] if block.spans else list(block.lines)


def is_prose(text: str) -> bool:
    return bool(PROSE.match(text.strip()))


def _line_row(doc: Document, no: int, kind: Kind) -> PRow | None:
    text = doc.text(no)
    if not text.strip():
        return None
    cells = split_printed(text, no)
    # a line of running text: long, or a sentence; a row ending in amounts never is
    prose = is_prose(text) and not any(c.run for c in cells)
    return PRow(tuple(cells), no, kind, prose=prose)


def printed_rows(doc: Document, blocks: Sequence[Block] | None = None) -> list[PRow]:
    """Every printed row of the document's body (or of `blocks`), in reading order. A document
    without blocks (a reader that gives only lines) is read line by line."""
    if blocks is None and not doc.blocks:
        return [r for ln in doc.lines if (r := _line_row(doc, ln.no, Kind.PARAGRAPH))]
    out: list[PRow] = []
    for block in doc.blocks if blocks is None else blocks:
        if block.kind is Kind.FURNITURE:
            continue
        if block.kind is Kind.TABLE:
            out.extend(_table_cells(block, doc))
            continue
        if block.kind is Kind.CAPTION or (block.caption and block.kind is not Kind.TABLE):
            out.append(PRow((PCell(block.text, block.first_line),), block.first_line, block.kind))
            continue
        out.extend(r for no in _block_lines(block) if (r := _line_row(doc, no, block.kind)))
    return out


def clean_name(parts: Iterable[str]) -> str | None:
    """A name joined across its printed lines, without a footnote digit glued to its end."""
    joined = join_lines([p for p in parts if p])
    return GLUED_NOTE.sub("", joined).strip() or None
