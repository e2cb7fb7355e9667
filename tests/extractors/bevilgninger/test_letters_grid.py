"""Allocation tables as a DOCX or a converter's grid gives them: one table row per line, cells with column
indices. The amounts are the 2023 letter's "1.6 Tildelinger 2023" (kap. 740 and 3740)."""

from __future__ import annotations

from hdir_extract.document import Block, Cell, Document, Kind, Line, Row
from hdir_extract.extractors.bevilgninger import extract
from hdir_extract.models import Bevilgning

HEADER = ["Kap.", "Post", "Postnavn", "Bevilgning 2023", "Tildeling 2023"]
BODY = [
    ["740", "", "Helsedirektoratet", "", ""],
    ["", "01", "Driftsutgifter", "1 305 832", "1 305 832"],
    ["", "21", "Spesielle driftsutgifter, kan overføres", "35 149", "35 149"],
    ["3740", "02", "Diverse inntekter", "21 689", "21 689"],
    ["", "04", "Gebyrinntekter", "41 051", "41 051"],
    ["", "05", "Helsetjenester til utenlandsboende mv.", "", ""],  # a converter split this row in two
    ["", "", "", "87 000", "87 000"],
]


def _grid_doc(header: list[str], body: list[list[str]], fmt: str = "docx") -> Document:
    """The table under "1.6 Tildelinger 2023" / "Alle tall i hele tusen", one grid row per line."""
    texts = ["1.6 Tildelinger 2023", "Alle tall i hele tusen", *("\t".join(r) for r in [header, *body])]
    lines = [Line(i, t) for i, t in enumerate(texts, start=1)]
    rows = [
        Row(tuple(Cell(c, i, col) for col, c in enumerate(cells)), i, header=i == 3)
        for i, cells in enumerate([header, *body], start=3)
    ]
    blocks = [
        Block(Kind.HEADING, texts[0], 1, 1, level=2, number="1.6"),
        Block(Kind.PARAGRAPH, texts[1], 2, 2, role="unit"),
        Block(Kind.TABLE, "\n".join(texts[2:]), 3, len(texts), rows=tuple(rows), unit=texts[1]),
    ]
    doc = Document("tb", f"tb.{fmt}", "0" * 64, fmt, lines, blocks)
    return doc.classified("tildelingsbrev-2023-test", "tildelingsbrev", 2023, None, None)


def _doc() -> Document:
    return _grid_doc(HEADER, BODY)


def test_grid_rows_under_a_kapittel_row():
    rows = [r for r in extract(_doc()) if isinstance(r, Bevilgning)]
    got = [(r.kapittel, r.post, r.belopstype, r.belop_nok, r.linje) for r in rows]
    assert got == [
        (740, 1, "bevilgning", 1_305_832_000, 5),
        (740, 1, "tildeling", 1_305_832_000, 5),
        (740, 21, "bevilgning", 35_149_000, 6),
        (740, 21, "tildeling", 35_149_000, 6),
        (3740, 2, "bevilgning", 21_689_000, 7),
        (3740, 2, "tildeling", 21_689_000, 7),
        (3740, 4, "bevilgning", 41_051_000, 8),
        (3740, 4, "tildeling", 41_051_000, 8),
        (3740, 5, "bevilgning", 87_000_000, 10),
        (3740, 5, "tildeling", 87_000_000, 10),
    ]
    assert (
        rows[2].postnavn == "Spesielle driftsutgifter, kan overføres"
        and rows[2].kilde == "1.6 Tildelinger 2023"
    )


def test_a_post_without_amounts_does_not_take_the_next_posts():
    """A converter's grid of the text's printed lines: code, post and name in one cell, the amounts in
    the next ("3740 02 Diverse inntekter | 21 689 21 689", "03 Helsetjenester i annet EØS-land |" with
    no amount, "04 Gebyrinntekter | 41 051 41 051"): post 04 keeps its amounts, 03 gets none."""
    header = ["Kap. Post Postnavn Bevilgning 2023 Tildeling", "2023"]
    body = [
        ["3740 02 Diverse inntekter", "21 689 21 689"],
        ["03 Helsetjenester i annet EØS-land", ""],
        ["04 Gebyrinntekter", "41 051 41 051"],
    ]
    doc = _grid_doc(header, body, "md")
    got = {(r.post, r.belopstype, r.belop_nok) for r in extract(doc) if isinstance(r, Bevilgning)}
    assert (4, "tildeling", 41_051_000) in got and (4, "bevilgning", 41_051_000) in got
    assert not any(post == 3 and belop for post, _, belop in got)
