"""Running text between a note's tables, set in a narrow column, prints short lines that end in amounts
("Prop. 1 S. Årets netto belastning er kr 118 995"): the paragraph it stands in tells it is prose."""

from __future__ import annotations

from hdir_extract.extractors.nokkeltall.regnskap_rows import segments

# Note 8 of the årsrapport 2023 as a two-column rendering prints it
LINES = [
    (1, "31.12.2023 31.12.2022"),
    (2, "Oppgjørsordning Statens pensjonskasse -25 280 -48 605"),
    (3, "Sum netto rapportert fra aktører utenfor statsregnskapet 118 995 971 -36 544 856"),
    (4, "ordningene og presenteres her netto i henhold til"),
    (5, "Prop. 1 S. Årets netto belastning er kr 118 995"),
    (6, "971 (netto utgift) jfr. kapittel 740 post 60, 61, 70,"),
]


def test_lines_of_a_prose_paragraph_are_no_rows():
    _, rows, _ = segments(LINES, prose={4, 5, 6})
    assert [r.label for r in rows] == [
        "Oppgjørsordning Statens pensjonskasse",
        "Sum netto rapportert fra aktører utenfor statsregnskapet",
    ]


def test_without_the_paragraph_a_short_prose_line_reads_as_a_row():
    _, rows, _ = segments(LINES)
    assert "Prop. 1 S. Årets netto belastning er kr" in [r.label for r in rows]
