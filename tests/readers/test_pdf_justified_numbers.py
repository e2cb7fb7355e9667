"""A line of justified prose in a narrow column that holds a number ("begynnelsen av januar 2024. Helfo
har i", from the årsrapport's Note 8 set in two columns) is prose: its spaces beside the number are
stretched like those between its words. A table row's wide gap beside a number stays a cell boundary."""

from __future__ import annotations

from hdir_extract.readers.layout.tables import numeric_row
from hdir_extract.readers.pdf.layout import PageLine, Word, read_gaps

HEIGHT = 9.3
WORD = 5.0


def _spaced(tokens: list[str], gaps: list[float], left: float = 57.0) -> PageLine:
    """A line of a column whose words stand `gaps` apart, its last word at the column's right edge."""
    words, x = [], left
    for t, gap in zip(tokens, [*gaps, 0.0], strict=True):
        words.append(Word(t, x, x + WORD * len(t), 100.0, 100.0 + HEIGHT))
        x += WORD * len(t) + gap
    right = words[-1].x1
    return PageLine(
        " ".join(tokens),
        left,
        right,
        100.0,
        100.0 + HEIGHT,
        words=words,
        cell_gap=2.5 * HEIGHT,
        left=left,
        right=right,
    )


def test_a_stretched_line_with_a_year_is_prose():
    line = _spaced(["begynnelsen", "av", "januar", "2024.", "Helfo", "har", "i"], [30.0] * 6)
    _, kinds = read_gaps(line)
    assert set(kinds) == {" "}


def test_a_row_with_a_wide_gap_before_its_amount_keeps_its_cell():
    line = _spaced(["Sum", "utgiftsført", "54", "520", "122", "000"], [3.0, 60.0, 2.0, 2.0, 2.0])
    _, kinds = read_gaps(line)
    assert "\t" in kinds


def test_an_enumeration_of_posts_is_no_row_of_amounts():
    # "… post 60, 61, 70," goes on with "71, 72 og 73": numbers with a comma after them are prose
    assert not numeric_row("971 (netto utgift) jfr. kapittel 740 post 60, 61, 70,")
    assert numeric_row("Oppgjørsordning h-reseptlegemidler 99 721 485 -32 433 872")
