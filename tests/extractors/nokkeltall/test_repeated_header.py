"""An accounts table's column heads printed again with some of their lines missing (a rendering that read
the first of them as rows of the table above): the rows below stay under the first header's columns."""

from __future__ import annotations

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
