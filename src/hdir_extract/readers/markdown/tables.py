"""Tables in Markdown: GFM pipe tables and HTML `<table>` fragments -> rows of cells with their lines.

Judgement calls:
- Cells are split on unescaped pipes of the source line (not taken from markdown-it's table tokens),
  because markdown-it pads or cuts every row to the header's width: a converter's extra, unheaded
  column (nr. 2's "Tidligere / Ny / Sum" tables) must survive. Empty cells are kept as Cell("", line) so
  the columns line up; each cell knows its column index.
- Converters often print only the unit in the pipe header row ("|  |  |  | (alle tall i 1 000 kroner) |")
  and the column names in the first body row. Such a placeholder header row (every non-empty cell a
  unit, or no text at all) is DROPPED from `rows`; its unit goes to `Block.unit`. The first body row
  is then marked header when it is made only of labels (text or years, no amounts). A header row with
  real column names is kept with header=True, and the body is left alone. Rows whose cells are all
  empty (converters' spacer rows) are dropped; their lines read as empty.
- HTML tables: rows inside <thead>, and rows of <th> cells only, are header rows; a colspan cell is
  followed by empty cells so the columns line up.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import regex
from markdown_it import MarkdownIt

from hdir_extract.document import Cell, Row
from hdir_extract.parsing.text import normalise_line
from hdir_extract.readers.markdown.inline import clean, render
from hdir_extract.readers.structure import is_unit_line

_PIPE = regex.compile(r"(?<!\\)\|")
_NUMBER = regex.compile(r"^[(\-−–+]?\s*\d[\d\s.,]*\s*%?\)?$")
_YEAR = regex.compile(r"^(?:19|20)\d\d(?:[–-]\d{2,4})?$")
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[Row, ...]
    unit: str | None
    n_cols: int


def split_pipe_row(raw: str) -> list[str]:
    """The cells' source texts of one pipe-table line (outer pipes optional, `\\|` is not a separator)."""
    s = raw.strip()
    while s.startswith(">"):  # a table inside a blockquote
        s = s[1:].strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip() for c in _PIPE.split(s)]


def cell_text(md: MarkdownIt, source: str) -> str:
    if not source:
        return ""
    tokens = md.parseInline(source)
    return normalise_line(render(tokens[0].children if tokens else None).text())


def pipe_cells(md: MarkdownIt, raw: str, line_no: int) -> list[Cell]:
    return [Cell(cell_text(md, s), line_no, col) for col, s in enumerate(split_pipe_row(raw))]


def pipe_table(header: list[Cell], body: list[list[Cell]], continues: list[list[str]] | None) -> Table:
    """Rows of a pipe table. `continues` holds the header rows of the table this one continues (a table
    a converter split at a page break), None when it continues none: a pipe header row equal to one of
    them is a repeated header; any other pipe header row of a continuation is a data row."""
    n_cols = max([len(header)] + [len(r) for r in body])
    texts = [c.text for c in header]
    unit = next((t for t in texts if is_unit_line(t)), None)
    placeholder = all(not t or is_unit_line(t) for t in texts)
    rows: list[Row] = []
    if not placeholder:
        rows.append(_row(header, header=continues is None or texts in continues))
    body = [cells for cells in body if any(c.text for c in cells)]  # a converter's empty spacer row
    for i, cells in enumerate(body):
        promote = i == 0 and placeholder and continues is None and is_label_row([c.text for c in cells])
        rows.append(_row(cells, header=promote))
    return Table(tuple(rows), unit, n_cols)


def is_label_row(texts: list[str]) -> bool:
    """Column names: at least two non-empty cells (or a one-column table), none an amount, some words."""
    filled = [t for t in texts if t]
    if not filled or (len(filled) < 2 and len(texts) > 1):
        return False
    if any(_NUMBER.match(t) and not _YEAR.match(t) for t in filled):
        return False
    return any(_LETTER.search(t) for t in filled)


def _row(cells: list[Cell], header: bool) -> Row:
    line = cells[0].line if cells else 0
    return Row(tuple(cells), line, header=header, last_line=line)


# --- HTML tables -------------------------------------------------------------------------------


class _HtmlTable(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[list[tuple[str, int, int]], bool, bool]] = []  # cells, in thead, all th
        self._cell: list[str] | None = None
        self._cell_line = 0
        self._span = 1
        self._in_head = False
        self._all_th = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self.rows.append(([], self._in_head, True))
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append(([], self._in_head, True))
            if tag == "td":
                cells, head, _ = self.rows[-1]
                self.rows[-1] = (cells, head, False)
            self._cell, self._cell_line = [], self.getpos()[0]
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1][0].append((clean("".join(self._cell)), self._cell_line, self._span))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            if not "".join(self._cell).strip():
                self._cell_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
            self._cell.append(data)


def html_table(source: str, first_line: int) -> Table | None:
    """Rows of the first <table> in an HTML fragment that starts on document line `first_line`."""
    parser = _HtmlTable()
    parser.feed(source)
    parser.close()
    rows: list[Row] = []
    unit: str | None = None
    for cells, in_head, all_th in parser.rows:
        if not any(text for text, _, _ in cells):
            continue  # an empty spacer row
        out: list[Cell] = []
        for text, line, span in cells:
            no = first_line + line - 1
            out.append(Cell(normalise_line(text), no, len(out)))
            out.extend(Cell("", no, len(out)) for _ in range(span - 1))
        header = in_head or all_th
        if header or not rows:
            unit = unit or next((c.text for c in out if is_unit_line(c.text)), None)
        rows.append(Row(tuple(out), out[0].line, header=header, last_line=max(c.line for c in out)))
    if not rows:
        return None
    return Table(tuple(rows), unit, max(len(r.cells) for r in rows))
