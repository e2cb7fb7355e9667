"""A numbered field's title ("Nøkkeltall 4 - Økt bruk av …", "Nøkkeltall 5: Antall kommuner …") is a block
of its own in the årsrapport text, between the paragraph before it and the body after it, so that a
rendering that re-flows paragraphs prints it apart."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hdir_extract.document import Block, Document, Kind
from hdir_extract.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
AARSRAPPORT = ROOT / "data" / "raw" / "aarsrapport-2023-helsedirektoratet.txt"


@cache
def _doc() -> Document:
    return read_document(AARSRAPPORT.name, AARSRAPPORT.read_bytes())


def _starting(prefix: str) -> tuple[Block, Block, Block]:
    """The block that starts with `prefix`, with the body blocks before and after it."""
    blocks = [b for b in _doc().blocks if b.kind is not Kind.FURNITURE]
    k = next(i for i, b in enumerate(blocks) if b.text.startswith(prefix))
    return blocks[k - 1], blocks[k], blocks[k + 1]


def test_a_dashed_field_title_after_a_sentence_stands_apart():
    before, title, after = _starting("Nøkkeltall 4 - ")
    assert before.text.endswith("(tallet for 2022 var 143).")
    assert title.text == (
        "Nøkkeltall 4 - Økt bruk av Helsedirektoratets dashboard-løsninger for statistikk for "
        "allmennlegetjenesten og for kvalitetsindikatorene"
    )
    assert after.text.startswith("Dashboardet statistikk om allmennlegetjenester består av 15 ulike")


def test_a_field_title_after_a_figure_stands_apart():
    # the paragraph before ends in a number, not a full stop: the label and its number tell the title
    before, title, after = _starting("Nøkkeltall 6 - ")
    assert before.text.endswith("Totalt antall spesialister i allmennmedisin (2023-2023): 3130")
    assert title.text == "Nøkkeltall 6 - Antall spesialistgodkjenninger leger, sykepleiere og tannleger"
    assert after.text.startswith("Antall spesialistgodkjenninger tannleger 2023: 33.")


def test_a_colon_field_title_after_an_unfinished_sentence_stands_apart():
    before, title, _ = _starting("Nøkkeltall 5: Antall kommuner")
    assert before.text.endswith("lærings- og mestringstilbudet i helse- og omsorgstjenesten")
    assert title.text == "Nøkkeltall 5: Antall kommuner med frisklivs-, lærings- og mestringstilbud"


def test_a_title_that_closes_its_bracket_ends_before_the_body():
    _, title, after = _starting("Nøkkeltall 2 - Saksbehandlingstid")
    assert title.text.endswith("(gjennomsnittlig tid fra levert søknad til tilgjengeliggjøring)")
    assert after.text.startswith("Alle søknader om registerdata krever behandling")


def test_a_field_title_ends_before_a_short_body_line():
    _, title, after = _starting("Nøkkeltall 2 - Antall klagesaker")
    assert title.text == "Nøkkeltall 2 - Antall klagesaker"
    assert after.text == "2002 klagesaker"


def test_a_field_title_that_fills_its_line_ends_before_the_body():
    _, title, after = _starting("Nøkkeltall 1: Forebyggende")
    assert title.text == (
        "Nøkkeltall 1: Forebyggende friskliv-tjenester, læring- og mestringssentre og utviklingssentraler"
    )
    assert after.text.startswith("I 2022 hadde 62 prosent av kommuner og bydeler etablert frisklivssentral")
