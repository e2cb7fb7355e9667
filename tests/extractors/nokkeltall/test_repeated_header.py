"""An accounts table read from a rendering that wraps it: its column heads printed again with some of their
lines missing (read as rows of the table above) start no new table, a label wrapped below its row's first
amounts stays the row's, and the rows' widest common width is the column count."""

from __future__ import annotations

from hdir_extract.extractors.nokkeltall.regnskap import _row_width
from hdir_extract.extractors.nokkeltall.regnskap_rows import segments

# Note A's second table of the årsrapport 2023: its heads wrapped over many short lines
HEAD = [
    "Kapittel og", "post", "Stikkord", "Mer-utgift(-)/", "mindre utgift", "Utgiftsført av", "andre iht.",
    "avgitte", "belastnings-", "fullmakter(-)", "Merutgift(-)/", "mindreutgift", "etter avgitte",
    "belastningsfull", "makter", "Mer-", "inntekter /", "mindre-", "inntekter(-)", "iht. mer-",
    "inntektsfull", "makt", "Omdisponer", "ing fra post", "01 til 45", "eller til post", "01/21 fra",
    "neste års", "bevilgning", "Inn-", "sparinger(-)", "Sum grunnlag", "for overføring", "Maks.",
    "overførbart", "beløp *", "Mulig", "overførbart", "beløp", "beregnet av", "virksomhete", "n",
]  # fmt: skip


def _lines(*texts: str) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


def test_a_header_repeated_without_some_lines_is_no_new_table():
    lost = [h for h in HEAD if h not in ("makt", "Omdisponer", "ing fra post")]
    segs, rows, _ = segments(
        _lines(
            *HEAD,
            "070901 2 230 132 0 2 230 132 0 0 0 2 230 132 4 300 750 2 230 132",
            *lost,
            '076160 "kan overføres" 0 0 0 0 0 0 0 19 507 000 0',
        )
    )
    assert len(segs) == 1
    assert [r.label for r in rows] == ["070901", '076160 "kan overføres"']
    assert segs[0].head_lines[21:24] == ["makt", "Omdisponer", "ing fra post"]


def test_other_heads_start_a_new_table():
    segs, _, _ = segments(
        _lines(
            *HEAD,
            "070901 2 230 132 0 2 230 132 0 0 0 2 230 132 4 300 750 2 230 132",
            "Avsender",
            "Kapittel/post",
            "Mottatt",
            "Forbruk",
            "Digitaliseringsdirektoratet 0540.25 52 531 294 35 559 469",
        )
    )
    assert len(segs) == 2
    assert segs[1].head_lines == ["Avsender", "Kapittel/post", "Mottatt", "Forbruk"]


def test_a_row_whose_label_wraps_below_its_amounts_is_one_row():
    # a narrow label column: the label goes on under the row's first amounts, closing its quote
    _, rows, _ = segments(
        _lines(
            *HEAD,
            "071421 /",
            "371404",
            '"kan overføres", "kan nyttes under',
            "postene 70, 74 og 961 757 -496 016 465 741 552 176 0 0 1 017 917 184 060 000",
            '79" 439 967',
            "071422 279 213 0 279 213 0 0 0 279 213 659 050 279 213",
        )
    )
    assert [r.label for r in rows] == [
        '071421 / 371404 "kan overføres", "kan nyttes under postene 70, 74 og 79"',
        "071422",
    ]
    assert rows[0].tokens[-2:] == ["439", "967"]


def test_the_widest_common_row_width_is_the_column_count():
    # Note A's second table: 13 rows read as 9 cells, 13 whose amounts run together as 8, 11 with
    # empty cells; one row run together with its neighbour reads as 10
    assert _row_width({5: 2, 6: 1, 7: 11, 8: 13, 9: 13}) == 9
    assert _row_width({7: 1, 8: 13, 9: 10, 10: 1}) == 9
    assert _row_width({1: 25, 2: 1, 3: 47}) == 3
