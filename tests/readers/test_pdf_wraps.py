"""The PDF reader tells a wrapped line (the next line's first word did not fit after it) from a hard
break (it would have fitted), and the layout ends no paragraph at a wrapped line however short it is in
characters (a justified line of long words in a narrow column)."""

from __future__ import annotations

from functools import cache

from tests.conftest import RAW
from tests.typeset import render

from hdir_extract.document import Document
from hdir_extract.readers import read_document
from hdir_extract.readers.pdf.layout import PageLine, Word, mark_wraps


def _line(words: list[tuple[str, float, float]], top: float) -> PageLine:
    ws = [Word(t, x0, x1, top, top + 8.0) for t, x0, x1 in words]
    text = " ".join(t for t, _, _ in words)
    return PageLine(text, ws[0].x0, ws[-1].x1, top, top + 8.0, words=ws, right=200.0)


def test_a_line_whose_next_word_would_have_fitted_is_a_hard_break() -> None:
    a = _line([("Frist:", 0.0, 20.0), ("1.11.2026", 23.0, 60.0)], 0.0)
    b = _line([("Departementet", 0.0, 55.0), ("viser", 58.0, 80.0)], 10.0)
    mark_wraps([a, b])
    assert a.wrapped is False  # 55 points of word in 140 points of room
    assert b.wrapped is None  # the page's last line: not told


def test_a_line_whose_next_word_did_not_fit_wrapped() -> None:
    a = _line([("ID:", 0.0, 12.0), ("TB2023-01", 15.0, 60.0), ("Eieravdeling", 63.0, 180.0)], 0.0)
    b = _line([("Nasjonalt", 0.0, 40.0)], 10.0)
    mark_wraps([a, b])
    assert a.wrapped is True  # 40 points of word in 20 points of room


@cache
def _twocolumn_tb2023() -> Document:
    path = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"
    return read_document("tb2023.twocolumn.pdf", render(path, "twocolumn"))


def test_an_assignment_s_field_line_goes_on_with_its_title_in_a_narrow_justified_column() -> None:
    """ "ID: TB2023-01 Eieravdeling HOD: FHA" fills a line of the column and the title wraps: one
    paragraph, as in the text, not a heading and a paragraph."""
    doc = _twocolumn_tb2023()
    block = next(b for b in doc.blocks if b.text.startswith("ID: TB2023-01"))
    assert "Nasjonalt program for rusforebyggende arbeid blant barn og unge" in block.text
