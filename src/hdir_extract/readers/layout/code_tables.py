"""Tables of kapittel/post rows printed as running text: one row per "kap.post" code, its name, an
amount and a comment that may run over many lines (sentences, lists), under a head of column names.

    Kap./post Benevnelse Tildeling        <- the head: a kapittel/post column name, then other names
    Kommentarer                           <- (the head wrapped)
    701.21 Spesielle                      <- a row: the code opens it
    driftsutgifter                        <- its name wrapped
    142 056 Det tildeles:                 <- the amount, then the comment
    - 30 mill. kroner til …               <- the comment goes on (a list inside the cell)
    702.70 Tilskudd 4 899 Tildelingen …   <- the next code opens the next row

A text layer gives no columns, so a row is everything from one code line to the next; the name is the
text before the first amount, the comment the text after it. The rule needs both the head and a code
row right under it: a code in running text ("jf. kap. 701.21") never opens a row without them.
A table ends at a numbered heading, at the unit line of the next table (and the short title above it),
at a box or a caption, or at a head of column names of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from hdir_extract.document import Cell, Row
from hdir_extract.parsing.text import join_two
from hdir_extract.readers.layout.lines import SourceLine
from hdir_extract.readers.layout.roles import Role

#: the kapittel/post column name opening a head: "Kap./post", "Kap. post", "Kapittel/post"
_HEAD = regex.compile(r"^\s*Kap(?:\.|ittel)?\s*(?:/|\.|og)?\s*post\s+\p{L}", regex.I)
#: a row's code: "701.21", "3714.04" (kapittel, dot, two-digit post), alone or before its name/amount
_CODE = regex.compile(r"^\s*(?P<code>\d{3,4}\.\d{2})(?=\s|$)(?P<rest>.*)$")
#: the amount of a row: thousands groups set apart by a space, standing as a word
_AMOUNT = regex.compile(r"(?:^|(?<=\s))(?P<amt>\d{1,3}(?:[ \u00a0]\d{3})*)(?=\s|$)")
#: a number's last thousands group wrapped onto its own line ("15 569" / "000")
_GROUP = regex.compile(r"^\d{3}$")
#: a unit statement that opens the next table ("(alle tall i 1 000 kroner)"), not a wrapped "kroner)"
_TABLE_UNIT = regex.compile(r"^\s*\(?\s*(?:alle\b|i\s+\d|beløp)", regex.I)
#: a line ending in a word broken at its hyphen ("TTB2024-", "Barents-"), not a dash ("helse -")
_WRAPPED_WORD = regex.compile(r"(?r)[\p{L}\d]-$")
_YEAR = regex.compile(r"^(?:19|20)\d\d$")
#: a head that ends in an amount column ("… Sum tildelt", "Tildeling 2026") names no comment column
_LAST_AMOUNT_COLUMN = regex.compile(
    r"(?:\b(?:tildel\w*|bevilg\w*|sum|beløp|ramme|kroner)|(?:19|20)\d\d)\s*$", regex.I
)
#: a head is a few column names, not a sentence
MAX_HEAD_WORDS = 10
#: the title of the next table above its unit line is short and ends without punctuation
MAX_TITLE_LEN = 80
_ENDS_PUNCT = regex.compile(r"[.,;:!?]\s*$")
#: the columns of a row: code, name, amount, comment
WIDTH = 4


def _is_head(text: str) -> bool:
    t = text.strip()
    return bool(_HEAD.match(t)) and len(t.split()) <= MAX_HEAD_WORDS and not _ENDS_PUNCT.search(t)


def _code_row(text: str) -> bool:
    return bool(_CODE.match(text))


#: a kapittel/post row printed as text: kapittel, post and the start of the name ("714 21 Spesielle")
_POST_ROW = regex.compile(r"^\s*\d{3,4}\s+\d{2}\s+\p{L}")
#: the name of such a row wraps over at most this many more lines before its amounts
MAX_NAME_LINES = 3
MAX_NAME_LINE = 70  # characters: a wrapped name's line is short


def mark(lines: Sequence[SourceLine], kept: list[int], roles: list[Role], numbered: list[bool]) -> set[int]:
    """Mark the lines of every code table as TABLE; return the kept indices that open a table's head.
    `numbered`: per kept line, whether it opens a numbered heading (which ends a table)."""
    _mark_post_heads(lines, kept, roles, numbered)
    _mark_kapittel_titles(lines, kept, roles)
    heads: set[int] = set()
    k = 0
    while k < len(kept):
        ln = lines[kept[k]]
        if ln.cells is not None or "\t" in ln.text or not _is_head(ln.text):
            k += 1
            continue
        j = k + 1
        while j < len(kept) and j - k <= 3 and not _code_row(lines[kept[j]].text):
            j += 1  # the head wrapped ("Tildeling" / "2026" / "Kommentarer")
        wrapped = [lines[kept[m]] for m in range(k + 1, j)]
        if (
            j >= len(kept)
            or not _code_row(lines[kept[j]].text)
            or any(w.cells is not None or _ENDS_PUNCT.search(w.text) for w in wrapped)
        ):
            k += 1
            continue
        if roles[j] is Role.TABLE:
            k += 1  # the numeric-row rule found this table already (rows of amounts, no comments)
            continue
        head = " ".join(lines[kept[m]].text for m in range(k, j))
        end = _end(lines, kept, roles, numbered, j, bool(_LAST_AMOUNT_COLUMN.search(head)))
        heads.add(k)
        for m in range(k, end):
            roles[m] = Role.TABLE
        k = end
    return heads


def _end(
    lines: Sequence[SourceLine], kept: list[int], roles: list[Role], numbered: list[bool], j: int, bare: bool
) -> int:
    """The kept index right after the table whose first row starts at kept line j. `bare`: the head
    names no column after the amounts, so a row ends at its amount and the first line after it that
    opens no row is the text below the table."""
    m = j + 1
    amount_seen = bool(_AMOUNT.search(_CODE.match(lines[kept[j]].text).group("rest")))
    while m < len(kept):
        text = lines[kept[m]].text
        if bare:
            if _code_row(text):
                amount_seen = bool(_AMOUNT.search(_CODE.match(text).group("rest")))
            elif amount_seen:
                break
            else:
                amount_seen = bool(_AMOUNT.search(text))
        if numbered[m] or roles[m] in (Role.BOX_START, Role.BOX_END, Role.CAPTION) or _is_head(text):
            break
        if lines[kept[m]].cells is not None:
            break
        if roles[m] is Role.UNIT and _TABLE_UNIT.match(text):
            prev = lines[kept[m - 1]].text.strip()
            if m - 1 > j and len(prev) <= MAX_TITLE_LEN and not _ENDS_PUNCT.search(prev):
                m -= 1  # "Tildeling over Kommunal- og distriktsdepartementet": the next table's title
            break
        m += 1
    return m


def rows(members: list[tuple[int, str]]) -> list[Row]:
    """The head row and the body rows of a code table from its (line no, text) lines."""
    first = next(i for i, (_, t) in enumerate(members) if _code_row(t))
    out = [_head_row(members[:first])] if first else []
    start = first
    for i in range(first + 1, len(members) + 1):
        if i == len(members) or _code_row(members[i][1]):
            out.extend(_body_rows(members[start:i]))
            start = i
    return out


def _head_row(members: list[tuple[int, str]]) -> Row:
    """Column names one to a cell; a year goes with the name before it ("Tildeling 2026"). A head that
    does not split into the row's columns stays one cell."""
    names: list[str] = []
    for token in " ".join(t.strip() for _, t in members).split():
        if names and _YEAR.match(token):
            names[-1] = f"{names[-1]} {token}"
        else:
            names.append(token)
    no = members[0][0]
    if len(names) != WIDTH:
        names = [" ".join(names)]
    return Row(tuple(Cell(n, no) for n in names), no, header=True, last_line=members[-1][0])


def _body_rows(members: list[tuple[int, str]]) -> list[Row]:
    """A kapittel/post row: code, name (the text before the first amount) and amount; then its comment,
    one row per printed line with only the comment cell filled, so that every part of a long comment
    keeps its own line (a reference in the third line of a list is on that line). A reader of the
    table's cells joins such rows to the row above (an empty code cell opens no row)."""
    m = _CODE.match(members[0][1])
    assert m is not None
    code, no = m.group("code"), members[0][0]
    parts = [(no, m.group("rest").strip()), *((n, t.strip()) for n, t in members[1:])]
    name: list[str] = []
    comment: list[tuple[int, str]] = []
    amount, amount_line = "", no
    for i, (n, t) in enumerate(parts):
        if amount:
            if not comment and amount_line == parts[i - 1][0] and _GROUP.match(t):
                amount = f"{amount} {t}"  # the amount's last group wrapped ("15 569" / "000")
            elif t and comment and _WRAPPED_WORD.search(comment[-1][1]):
                # a word wrapped at its hyphen ("TTB2024-" / "40/41") is one word: kept on its first line
                comment[-1] = (comment[-1][0], join_two(comment[-1][1], t))
            elif t:
                comment.append((n, t))
            continue
        a = _AMOUNT.search(t)
        if a is None:
            name.append(t)
            continue
        name.append(t[: a.start()].strip())
        amount, amount_line = a.group("amt"), n
        if rest := t[a.end() :].strip():
            comment.append((n, rest))
    head = (Cell(code, no), Cell(" ".join(x for x in name if x), no), Cell(amount, amount_line))
    # the row itself ends where its comment starts (the comment's rows follow)
    last = comment[0][0] - 1 if comment else members[-1][0]
    out = [Row((*head, Cell("", amount_line)), no, last_line=max(no, amount_line, last))]
    for n, t in comment:
        out.append(Row((*(Cell("", n) for _ in head), Cell(t, n)), n, last_line=n))
    return out


def _mark_post_heads(
    lines: Sequence[SourceLine], kept: list[int], roles: list[Role], numbered: list[bool]
) -> None:
    """A head of column names over a table of kapittel/post rows whose first row's amounts stand on a
    line of their own ("Kap. Post Postnavn Bevilgning 2023 Tildeling 2023" / "714 21 Spesielle
    driftsutgifter, kan" / "overføres, kan nyttes under post" / "70, 74 og 79" / "102 802 71 600"): the
    rows of amounts are a table already, and the head and the first row's lines above them are its
    lines too (one row per line, as the rows below are), not a heading and a paragraph."""
    for k in range(len(kept) - 1):
        ln = lines[kept[k]]
        if numbered[k] or roles[k] not in (Role.TEXT, Role.HEADING) or ln.cells is not None:
            continue
        if "\t" in ln.text or not _is_head(ln.text) or not _POST_ROW.match(lines[kept[k + 1]].text):
            continue
        m = k + 2
        while m < len(kept) and roles[m] is not Role.TABLE and m - (k + 1) <= MAX_NAME_LINES:
            text = lines[kept[m]].text.strip()
            if roles[m] is not Role.TEXT or len(text) > MAX_NAME_LINE or _ENDS_PUNCT.search(text):
                break
            m += 1
        if m < len(kept) and roles[m] is Role.TABLE and roles[k + 1] in (Role.TEXT, Role.HEADING):
            for n in range(k, m):
                roles[n] = Role.TABLE


#: a kapittel's title over its table of posts ("Kap. 2751 Legemidler mv.")
_KAPITTEL_TITLE = regex.compile(r"^Kap\.\s+\d{3,4}\s+\p{Lu}")


def _mark_kapittel_titles(lines: Sequence[SourceLine], kept: list[int], roles: list[Role]) -> None:
    """A kapittel's title after a blank line, right over the cells of its table ("Kap. 2751 Legemidler
    mv." / "\tKPAL" / "\t(i 1 000 kr)", or over its unit line and then its rows), is a heading: it opens
    the next table, never the wrapped end of the last cell of the table above ("\t6,9")."""
    for k in range(1, len(kept) - 1):
        i = kept[k]
        ln = lines[i]
        if roles[k] is not Role.TEXT or ln.cells is not None or "\t" in ln.text:
            continue
        # after a blank line, or on top of a page (a PDF's page break is no blank line)
        new_page = ln.page is not None and lines[i - 1].page != ln.page
        if not _KAPITTEL_TITLE.match(ln.text) or not (lines[i - 1].blank or new_page):
            continue
        below = k + 2 if roles[k + 1] is Role.UNIT and k + 2 < len(kept) else k + 1
        if "\t" in lines[kept[below]].text and "\t" in lines[kept[k - 1]].text:
            roles[k] = Role.HEADING
