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

The accounts are read printed line by printed line through their blocks (`printed.py`): a text layer's
note heading may stand inside a paragraph or head a table block, and a table's column heads stand in
blocks of their own. The rows of a line are read in `regnskap_rows.py`, their readings and the
arithmetic that chooses between them in `regnskap_readings.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hdir_extract.document import Document, Kind
from hdir_extract.extractors.nokkeltall.printed import Printed, printed_lines
from hdir_extract.extractors.nokkeltall.regnskap_readings import (
    SUM_LABEL,
    ambiguous,
    choose_block,
    confirmed,
    fewest,
    readings,
    val,
)
from hdir_extract.extractors.nokkeltall.regnskap_rows import LABEL_HEAD, Header, Row, segments, text_heads
from hdir_extract.models import Kontroll, Nokkeltall, Record

_CAPTION = regex.compile(r"^\s*Tabell\s+(?P<nr>\d+(?:[-.]\d+)?)\s*(?P<title>.*?)\s*$")


_ACCOUNTS_CAPTION = regex.compile(r"bevilgningsrapportering|artskontorapportering", regex.IGNORECASE)


# the table of amounts per kapittel/post: read by the bevilgninger extractor
_BEVILGNING_CAPTION = regex.compile(r"bevilgningsrapportering", regex.IGNORECASE)


_NOTE_HEAD = regex.compile(r"^\s*Note\s+(?P<nr>[A-Z]|\d{1,2})\s+(?P<title>\p{Lu}.*?)\s*$")


# capital-account blocks printed under the bevilgningsrapportering
_CAPITAL_HEAD = regex.compile(r"^\s*(?:Kapitalkontoer|Beholdninger\b.{0,80})\s*$")


@dataclass
class _Block:
    kilde: str
    aar: int | None
    lines: list[tuple[int, str]]
    prose: set[int] = field(default_factory=set)  # lines of running text (by their paragraph)


def extract_accounts(doc: Document, lines: list[Printed] | None = None) -> list[Record]:
    """`lines`: the document's `printed_lines`, where the caller has them."""
    out: list[Record] = []
    lines = printed_lines(doc) if lines is None else lines
    notes = {m.group("nr") for p in lines if (m := _NOTE_HEAD.match(p.text))}
    for block in _blocks(doc, lines):
        out.extend(_read_block(doc, block, notes))
    return out


def _caption(doc: Document, p: Printed) -> regex.Match[str] | None:
    """A caption block's first line, or the caption the reader kept on a table block."""
    if p.kind is Kind.CAPTION and p.first:
        return _CAPTION.match(p.text)
    if p.is_row and p.first and doc.blocks[p.block].rows[0].line == p.line:
        return _CAPTION.match(doc.blocks[p.block].caption or "")
    return None


def _is_chapter(doc: Document, p: Printed) -> bool:
    """A numbered chapter heading ("7. Etatstyrers vurdering …") ends the accounts; a text layer may
    have read it as item 7 of a numbered list."""
    block = doc.blocks[p.block]
    numbered = bool(block.number and regex.fullmatch(r"\d{1,2}", block.number))
    return p.kind in (Kind.HEADING, Kind.LIST_ITEM) and p.first and numbered and block.title[:1].isupper()


def _blocks(doc: Document, lines: list[Printed]) -> list[_Block]:
    """The blocks of the accounts part, each with its printed lines."""
    blocks: list[_Block] = []
    in_accounts = False
    table_kilde, year = "", doc.aar
    current: _Block | None = None
    for p in lines:
        t = p.text.strip()
        cap = _caption(doc, p)
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
            if p.kind is Kind.CAPTION:
                continue
        if not in_accounts:
            continue
        if _is_chapter(doc, p):
            in_accounts, current = False, None
            continue
        nm = _NOTE_HEAD.match(t)
        if nm and len(t) <= 100:
            current = _Block(f"Note {nm.group('nr')}", year, [])
            blocks.append(current)
            continue
        if _CAPITAL_HEAD.match(t):
            current = _Block(table_kilde, year, [(p.line, t)])
            blocks.append(current)
            continue
        if current is not None:
            current.lines.append((p.line, t))
            if _in_prose_paragraph(doc, p):
                current.prose.add(p.line)
    return blocks


# a sentence ends and the next begins inside the paragraph ("… i ordningene. Dette skyldes …")
_SENTENCES = regex.compile(r"\p{Ll}[.!?]\s+\p{Lu}")


def _in_prose_paragraph(doc: Document, p: Printed) -> bool:
    """A printed line of running text between a note's tables, told by its paragraph, not by its own
    length: a narrow column prints a sentence in short lines that end in amounts ("Prop. 1 S. Årets
    netto belastning er kr 118 995" / "971 (netto utgift) …"). A paragraph of sentences is running
    text; rows a text layer ran together into a paragraph hold no sentence and end in no full stop."""
    if p.kind not in (Kind.PARAGRAPH, Kind.LIST_ITEM):
        return False
    text = doc.blocks[p.block].text.rstrip()
    # one sentence of eight words or more is running text too ("Tilsvarende størrelser for ordningene
    # I 2022 var netto belastning kr -36 544 856 (netto inntekt).")
    return bool(_SENTENCES.search(text)) or (text.endswith(".") and len(text.split()) >= 8)


def _read_block(doc: Document, block: _Block, notes: set[str]) -> list[Record]:
    segs, rows, breaks = segments(block.lines, block.prose)
    if not rows:
        return []
    layout: dict[int, tuple[list[int | None], list[str | None]]] = {}
    shape: dict[int, tuple[int, bool]] = {}
    for seg in segs:
        ncol, years, heads, note_col = _columns(seg.header, seg.head_lines, seg.rows, block.aar)
        for r in seg.rows:
            r.readings = [(c, cells) for c, cells, _ in readings(r, ncol, note_col, notes)] if ncol else []
            layout[id(r)] = (years, heads)
            shape[id(r)] = (ncol, note_col)
    chosen, checks = choose_block(doc, block.kilde, rows, breaks)
    for i in range(len(rows) - 2, -1, -1):
        joined = _wrapped_sum(doc, block.kilde, rows, breaks, i, shape, notes, checks)
        if joined is not None:
            layout[id(joined[0][i])] = layout[id(rows[i])]
            rows, breaks, chosen, checks = joined
    # a capital-account block continues a table whose other rows are not read here: its sums
    # include those rows, so they cannot be checked
    out: list[Record] = [] if _CAPITAL_HEAD.match(block.lines[0][1]) else list(checks)
    for r, cells in zip(rows, chosen, strict=False):
        if cells is None:
            continue
        years, heads = layout[id(r)]
        if ambiguous(r) and not confirmed(r, cells, rows, breaks, chosen):
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
            v = val(c)
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


def _sum_checked(checks: list[Record], linje: int) -> bool:
    return any(
        isinstance(c, Kontroll) and c.kontroll == "tabell_sum" and c.linje == linje and c.ok for c in checks
    )


def _wrapped_sum(
    doc: Document,
    kilde: str,
    rows: list[Row],
    breaks: set[int],
    i: int,
    shape: dict[int, tuple[int, bool]],
    notes: set[str],
    checks: list[Record],
) -> tuple[list[Row], set[int], list, list[Record]] | None:
    """A sum row whose amounts wrapped onto a line of their own ("Sum 1 040 437 275 … 143 886" / "421 - -
    217 194 306 …", a narrow column of numbers run together): the line without a label under it is the
    rest of the sum row where, read together, the sum adds up to the rows above it and it did not
    before. The table's own arithmetic decides, not the line break."""
    total, rest = rows[i], rows[i + 1]
    if rest.label or not SUM_LABEL.match(total.label) or _sum_checked(checks, total.linje):
        return None
    ncol, note_col = shape[id(total)]
    if not ncol:
        return None
    trial = Row(total.linje, total.label, total.tokens + rest.tokens)
    trial.readings = [(c, cells) for c, cells, _ in readings(trial, ncol, note_col, notes)]
    trial_rows = [*rows[:i], trial, *rows[i + 2 :]]
    trial_breaks = {b - 1 if b > i + 1 else b for b in breaks}
    chosen, trial_checks = choose_block(doc, kilde, trial_rows, trial_breaks)
    if not _sum_checked(trial_checks, total.linje):
        return None
    shape[id(trial)] = shape[id(total)]
    return trial_rows, trial_breaks, chosen, trial_checks


#: a width that this share of the most common width's rows read as is the table's, if wider
_WIDE_SHARE = 0.5


def _row_width(widths: dict[int, int]) -> int:
    """The column count the rows tell: a row's fewest cells is a floor of its columns (amounts run
    together only ever split further), so the widest count that many rows read as, not merely the most
    common one: "2 144 0 2 144 … 2 144 125 152 000 2 144" reads as 8 cells at fewest in a table of 9. A
    width only one or two rows read as is a row run together with its neighbour."""
    if not widths:
        return 0
    common = max(widths.values())
    return max(w for w, n in widths.items() if n >= max(3, _WIDE_SHARE * common) or n == common)


def _columns(
    header: Header | None, head_lines: list[str], rows: list[Row], aar: int | None
) -> tuple[int, list[int | None], list[str | None], bool]:
    if header is not None:
        return header.ncol, header.years, header.heads, header.note_col
    widths: dict[int, int] = {}
    for r in rows:
        w = fewest(r.tokens)
        if w:
            widths[w] = widths.get(w, 0) + 1
    by_rows = _row_width(widths)
    # the heading of a capital-account block ("Kapitalkontoer") is no column head
    heads = [h for h in text_heads(head_lines) if not LABEL_HEAD.match(h) and not _CAPITAL_HEAD.match(h)]
    # the rows decide the column count (their numbers as printed mostly separate at a group that
    # cannot continue a number); the text heads only name the columns, the last ones printed
    ncol = by_rows
    heads = heads[-ncol:] if ncol and len(heads) >= ncol else []
    cols: list[str | None] = list(heads) if len(heads) == ncol else [None] * ncol
    if ncol > 1 and not any(cols):
        cols = [f"kolonne {i + 1}" for i in range(ncol)]
    return ncol, [aar] * ncol, cols, False


_ANTALL = regex.compile(r"\bantall\b")


def _unit(label: str, block: _Block) -> str:
    low = label.lower()
    if "årsverk" in low:
        return "årsverk"
    if _ANTALL.search(low):
        return "antall"
    return "kroner"
