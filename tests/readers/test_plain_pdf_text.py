"""Plain text extracted from a PDF (pdftotext, pdfplumber's `extract_text()`): no blank lines, cells apart
by single spaces, a form feed between pages. The rules that let such a text give the corpus text's
records, each on lines as a PDF-to-text tool prints them."""

from __future__ import annotations

from hdir_extract.document import Kind
from hdir_extract.extractors.bevilgninger.prop_columns import columns_of
from hdir_extract.extractors.bevilgninger.prop_rows import split_printed
from hdir_extract.readers import read_document


def test_stacked_header_years_in_time_order():
    """ "Post Betegnelse Regnskap Saldert Forslag" / "2023 budsjett 2025" / "2024": the narrow middle
    cell wrapped twice, so its year is read last; the columns are still 2023, 2024, 2025."""
    header = ["Post Betegnelse Regnskap Saldert Forslag", "2023 budsjett 2025", "2024"]
    assert columns_of(header, 2025, None) == [
        ("regnskap", 2023),
        ("saldert_budsjett", 2024),
        ("forslag", 2025),
    ]


def test_amount_after_a_preposition_that_ended_a_wrapped_name():
    """The resolution's "63 Investeringstilskudd til 2 323 970 000": the amount is no part of the name
    (a year after "til" would be: "… fra 2008")."""
    cells = [c.text for c in split_printed("63 Investeringstilskudd til 2 323 970 000", 1)]
    assert cells == ["63", "Investeringstilskudd til", "2 323 970 000"]


def _doc(lines: list[str]):
    return read_document("x.txt", ("\n".join(lines) + "\n").encode("utf-8"))


def test_unit_line_opens_the_next_table():
    """Two kapittel tables without a blank line between them: the unit line and the title above it
    start the second; "Kap. 2711 Spesialisthelsetjeneste mv." is no row of the first."""
    doc = _doc(
        [
            "Utgifter under programkategori 30.10 fordelt på postgrupper",
            "(i 1 000 kr)",
            "Post-gr. Betegnelse Regnskap Saldert Forslag Endring",
            "50–89 Overføringer til andre 7 035 199 7 569 600 8 022 412 6,0",
            "Sum kategori 30.10 7 035 199 7 569 600 8 022 412 6,0",
            "Kap. 2711 Spesialisthelsetjeneste mv.",
            "(i 1 000 kr)",
            "Post Betegnelse Regnskap Saldert Forslag",
            "70 Spesialisthjelp 2 730 293 2 932 000 3 031 100",
            "71 Psykologhjelp 433 435 467 000 477 900",
            "Sum kap. 2711 3 163 728 3 399 000 3 509 000",
        ]
    )
    tables = doc.of_kind(Kind.TABLE)
    in_tables = {c.text for t in tables for r in t.rows for c in r.cells}
    assert "Kap. 2711 Spesialisthelsetjeneste mv." not in in_tables
    title = "Kap. 2711 Spesialisthelsetjeneste mv."
    assert any(b.text == title for b in doc.blocks if b.kind is not Kind.TABLE)
