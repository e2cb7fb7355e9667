"""Letter segmentation (`letters.segment_letters`, `brev`) of the real tildelingsbrev bundles, of
supplementary letters in their own files and of an oppdragsdokument; the letterhead read from blocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hdir_extract.document import Document
from hdir_extract.extractors import brev
from hdir_extract.extractors.brev.letterhead import letterhead_segments
from hdir_extract.extractors.brev.letters import letter_at, segment_letters
from hdir_extract.extractors.brev.segments import segments
from hdir_extract.models import Brev
from hdir_extract.pipeline import classified, extract_bytes
from hdir_extract.readers import SourceError, read_document
from hdir_extract.readers.text import read_text

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
FIXTURES = Path(__file__).resolve().parent / "extractors" / "oppdrag" / "fixtures"


def _real(name: str) -> Document:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared development set sits beside the clone)")
    try:
        return classified(read_document(path.name, path.read_bytes()))[0]
    except SourceError as e:
        pytest.skip(f"this checkout cannot read {path.suffix} yet: {e}")


def _text(name: str) -> Document:
    data = (FIXTURES / name).read_bytes()
    return classified(read_text(name, data, "0" * 64))[0]


def test_2023_bundle_letters_dates_and_refs(corpus_docs):
    doc = corpus_docs[("tildelingsbrev", 2023)]
    segs = segment_letters(doc)
    assert [s.brevtype for s in segs] == ["tildelingsbrev"] + ["tillegg"] * 5
    # the main letter and the last two supplementary letters print no date: null, not guessed
    assert [s.dato for s in segs] == [
        None,
        dt.date(2023, 6, 16),
        dt.date(2023, 6, 16),
        dt.date(2023, 2, 6),  # file order is not date order
        None,
        None,
    ]
    assert [s.var_ref for s in segs] == [None, "23/2173-", "23/2173-", "23/133-9", None, None]
    assert segs[1].emne == "Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til tildelingsbrev"
    assert segs[3].emne == "Tillegg til tildelingsbrev"
    # the letters tile the file (trailing blank lines aside)
    assert segs[0].linje_start == 1 and segs[-1].linje_slutt == 4102
    assert [s.linje_start for s in segs] == [1, 2896, 3111, 3238, 3584, 3839]
    # the date block of letter 4 stands after its first assignment (line 3314)
    assert segs[3].dato_linje == 3314
    assert letter_at(segs, 3284).brev_nr == 4 and letter_at(segs, 1000).brev_nr == 1
    # none of these letters prints a supplement number
    assert {s.tillegg_nr for s in segs} == {None}


def test_2023_bundle_recipients(corpus_docs):
    segs = segment_letters(corpus_docs[("tildelingsbrev", 2023)])
    # letter 3 is addressed "Ifølge liste": both recipients of its address list; the main letter prints
    # no address and takes the bundle's recipient
    assert [s.mottaker for s in segs] == [
        "Helsedirektoratet",
        "Helsedirektoratet",
        "Folkehelseinstituttet; Helsedirektoratet",
        "Helsedirektoratet",
        "Helsedirektoratet",
        "Helsedirektoratet",
    ]


def test_2026_bundle_has_main_letter_and_supplement(corpus_docs):
    segs = segment_letters(corpus_docs[("tildelingsbrev", 2026)])
    assert [(s.brev_nr, s.brevtype, s.dato, s.tillegg_nr) for s in segs] == [
        (1, "tildelingsbrev", None, None),
        (2, "tillegg", dt.date(2026, 2, 27), 1),
    ]
    assert segs[1].emne == "Supplerende tildelingsbrev nr. 1 for 2026"
    assert segs[1].var_ref == "25/2306-"
    assert (segs[0].linje_slutt, segs[1].linje_start) == (6657, 6673)


def test_letterhead_lines_inside_the_text(corpus_docs):
    doc = corpus_docs[("tildelingsbrev", 2023)]
    segs = segments(doc)
    marked = {segs[k].line for k in letterhead_segments(segs)}
    assert {2924, 2925, 2926} <= marked  # Helsedirektoratet / Postboks 220 Skøyen / 0213 OSLO
    assert {2933, 2937, 2939, 2941, 2943} <= marked  # Deres ref / Vår ref / 23/2173- / Dato / date
    assert 1117 in marked  # a mailto: line dropped into an assignment
    assert 3892 in marked  # a stray "Postboks 220 Skøyen" line
    assert 418 not in marked and 3891 not in marked  # running text stays


def test_brev_rows(corpus_docs):
    rows = brev.extract(corpus_docs[("tildelingsbrev", 2026)])
    assert all(isinstance(r, Brev) for r in rows)
    assert [(r.brev_nr, r.brevtype, r.tillegg_nr, r.mottaker) for r in rows] == [
        (1, "tildelingsbrev", None, "Helsedirektoratet"),
        (2, "tillegg", 1, "Helsedirektoratet"),
    ]
    assert all(r.linje == r.linje_start for r in rows)


def test_single_letter_without_subject():
    doc = read_text("f.txt", b"1 Innledning\n\nTekst.\n", "0" * 64)
    segs = segment_letters(doc)
    assert len(segs) == 1 and segs[0].brevtype == "tildelingsbrev" and segs[0].linje_slutt == 3


def test_supplementary_letter_in_its_own_file():
    # a constructed supplementary letter in the style of the real ones: its title, a letterhead in the
    # middle of the first page, "Dato 2. september 2026"
    doc = _text("supplerende-tildelingsbrev-2026-nr6.txt")
    (row,) = brev.extract(doc)
    assert (row.brev_nr, row.brevtype, row.tillegg_nr) == (1, "tillegg", 6)
    assert (row.dato, row.var_ref, row.mottaker) == (dt.date(2026, 9, 2), "25/2306-", "Helsedirektoratet")
    assert row.emne == "Supplerende tildelingsbrev nr. 6 for 2026"


def test_letterhead_fields_on_one_line():
    # the same letter where a typesetter re-flowed the letterhead into one line: "Deres ref Vår ref
    # 25/2306- Dato 2. september 2026" (the reference's hyphen no word break before "Dato")
    text = (FIXTURES / "supplerende-tildelingsbrev-2026-nr6.txt").read_text(encoding="utf-8")
    head = "Deres ref" + " " * 20 + "Vår ref\n" + " " * 29 + "25/2306-\n\nDato 2. september 2026"
    assert head in text
    one_line = text.replace(head, "Deres ref Vår ref 25/2306- Dato 2. september 2026")
    doc = classified(read_text("nr6.txt", one_line.encode("utf-8"), "0" * 64))[0]
    (row,) = brev.extract(doc)
    assert (row.dato, row.var_ref) == (dt.date(2026, 9, 2), "25/2306-")


def test_real_supplementary_letter_nr2():
    (row,) = brev.extract(_real("supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md"))
    # the date from the letter ("Dato 16. april 2026"), never the converter's front matter (2026-01-01)
    assert (row.brevtype, row.tillegg_nr, row.dato) == ("tillegg", 2, dt.date(2026, 4, 16))
    assert (row.var_ref, row.mottaker) == ("25/2306-", "Helsedirektoratet")


def test_real_oppdragsdokument_letter():
    (row,) = brev.extract(_real("oppdragsdokument-2026-norsk-helsenett.md"))
    assert (row.brevtype, row.tillegg_nr, row.dato) == ("oppdragsdokument", None, dt.date(2026, 1, 19))
    assert (row.var_ref, row.mottaker) == ("25/3721", "Norsk helsenett SF")
    assert row.emne == "Oppdragsdokument til Norsk helsenett SF for 2026"


ANOTHER_AGENCY = """Statens helsetilsyn
Postboks 231 Skøyen
0213 OSLO

Deres ref Vår ref Dato
26/00123-1 15. januar 2027

Statsbudsjettet 2027 – Tildelingsbrev til Statens helsetilsyn

1. Innledning

Helse- og omsorgsdepartementet viser til Stortingets behandling av Prop. 1 S (2026–2027). Dette
tildelingsbrevet gjelder for 2027.

2. Mål og oppdrag

TB2027-01 Tilsyn med kommunale helse- og omsorgstjenester
Statens helsetilsyn skal gjennomføre et landsomfattende tilsyn med kommunenes
legevakttjenester og rapportere resultatene.
Frist: 1. desember 2027

3. Budsjettildeling

(i 1 000 kroner)
Kap. Post Postnavn Bevilgning 2027 Tildeling 2027
721 01 Driftsutgifter 182 640 182 640
721 21 Spesielle driftsutgifter 4 500 4 500
"""


def test_another_agencys_letter():
    """Next year's letter to another agency: its letterhead prints the labels on one line and the values
    ("26/00123-1 15. januar 2027") on the next."""
    res = extract_bytes("tildelingsbrev.txt", ANOTHER_AGENCY.encode())
    dok = res.tables["dokumenter"][0]
    assert (dok["dokumenttype"], dok["aar"], dok["mottaker"]) == (
        "tildelingsbrev",
        2027,
        "Statens helsetilsyn",
    )
    [brev] = res.tables["brev"]
    assert (brev["dato"], brev["var_ref"]) == ("2027-01-15", "26/00123-1")
    [oppdrag] = res.tables["oppdrag"]
    assert (oppdrag["oppdrag_id"], oppdrag["tittel"], oppdrag["frister"]) == (
        "TB2027-01",
        "Tilsyn med kommunale helse- og omsorgstjenester",
        ["2027-12-01"],
    )
    got = {(r["kapittel"], r["post"], r["belopstype"]): r["belop_nok"] for r in res.tables["bevilgninger"]}
    assert got[(721, 1, "tildeling")] == 182_640_000 and got[(721, 21, "bevilgning")] == 4_500_000
