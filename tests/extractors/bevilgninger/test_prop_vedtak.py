"""Prop. 1 S of other ministries: kapittel tables and the proposed resolution ("Forslag til vedtak"),
read the same from a text layer printed row per line, the web edition's cells one per line, and PDFs
typeset with fpdf2 and reportlab (constructed excerpts, see `prop_fixtures`)."""

from __future__ import annotations

import collections
import hashlib

import pytest
import regex

from hdir_extract.document import Document
from hdir_extract.extractors.bevilgninger import extract
from hdir_extract.models import Bevilgning, Kontroll
from hdir_extract.readers import read_document
from hdir_extract.readers.text import read_text

from . import prop_fixtures as F


def _text_doc(lines: list[str]) -> Document:
    data = "\n".join(lines).encode("utf-8")
    return read_text("prop.txt", data, hashlib.sha256(data).hexdigest())


LAYOUTS = {
    "rows_txt": lambda rows: _text_doc(F.rows_text(rows)),
    "cells_txt": lambda rows: _text_doc(F.cells_text(rows)),
    # text extractions that drop the empty cells (lines holding only a TAB), or every blank line
    "cells_txt_no_empty": lambda rows: _text_doc(
        [t for t in F.cells_text(rows) if t.strip() or "\t" not in t]
    ),
    "cells_txt_no_breaks": lambda rows: _text_doc([t for t in F.cells_text(rows) if t.strip()]),
    "fpdf": lambda rows: read_document("prop.pdf", F.typeset_pdf(rows, "fpdf")),
    "reportlab": lambda rows: read_document("prop.pdf", F.typeset_pdf(rows, "reportlab")),
}


def _extract(doc: Document) -> tuple[Document, list[Bevilgning], list[Kontroll]]:
    doc = doc.classified("prop_1_s-2026-test", "prop_1_s", F.AAR, None, None)
    recs = extract(doc)
    return (
        doc,
        [r for r in recs if isinstance(r, Bevilgning)],
        [r for r in recs if isinstance(r, Kontroll)],
    )


@pytest.fixture(scope="module", params=list(LAYOUTS))
def smk(request):
    return _extract(LAYOUTS[request.param](F.kongehus_smk()))


@pytest.fixture(scope="module", params=list(LAYOUTS))
def finans(request):
    return _extract(LAYOUTS[request.param](F.finans()))


def one(rows: list[Bevilgning], kap: int, post: int, kind: str) -> Bevilgning:
    hits = [r for r in rows if (r.kapittel, r.post, r.belopstype) == (kap, post, kind)]
    assert len(hits) == 1, (kap, post, kind, hits)
    return hits[0]


def expected(kapitler: tuple[F.Kapittel, ...]) -> collections.Counter:
    """Every amount the excerpt prints, in kroner, from the fixture's own numbers."""
    out: collections.Counter = collections.Counter()
    for k in kapitler:
        for p in k.posts:
            for kind, year, v in (
                ("regnskap", F.AAR - 2, p.regnskap),
                ("saldert_budsjett", F.AAR - 1, p.saldert),
                ("forslag", F.AAR, p.forslag),
                ("forslag_vedtak", F.AAR, p.forslag),
            ):
                if v is not None:
                    out[(k.kap, p.post, kind, year, F.kroner(k, v))] += 1
    return out


def test_every_amount_of_the_royal_house_and_prime_ministers_office(smk):
    _doc, rows, checks = smk
    got = collections.Counter((r.kapittel, r.post, r.belopstype, r.aar, r.belop_nok) for r in rows)
    assert got == expected(F.KONGEHUS_SMK)
    assert all(k.ok for k in checks), [k.melding for k in checks if not k.ok]


def test_resolution_of_kapitler_1_to_24(smk):
    _doc, rows, checks = smk
    r = one(rows, 1, 50, "forslag_vedtak")
    assert r.belop_nok == 277_963_000 and r.kapittelnavn == "H.M. Kongen og H.M. Dronningen"
    assert r.kilde == "Forslag til vedtak, Utgifter (kroner)"
    # a post name wrapped before its amount
    r = one(rows, 3, 45, "forslag_vedtak")
    assert r.postnavn == "Større utstyrsanskaffelser og vedlikehold, kan overføres"
    assert r.belop_nok == 64_720_000
    # the kapittel total after the last post's amount, with one or two spaces or a TAB between
    assert one(rows, 20, 21, "forslag_vedtak").belop_nok == 5_000_000
    assert one(rows, 21, 1, "forslag_vedtak").belop_nok == 230_000_000  # kapittel 21 after post 21
    assert one(rows, 3024, 1, "forslag_vedtak").kilde == "Forslag til vedtak, Inntekter (kroner)"
    totals = {k.nokkel: (k.forventet, k.ok) for k in checks if k.nokkel.endswith(f"forslag_vedtak {F.AAR}")}
    assert totals == {
        f"kap {k.kap} forslag_vedtak {F.AAR}": (str(F.kroner(k, k.total("forslag"))), True)
        for k in F.KONGEHUS_SMK
    }


def test_kapittel_tables_of_kapitler_1_to_3024(smk):
    _doc, rows, checks = smk
    assert one(rows, 1, 50, "saldert_budsjett").belop_nok == 268_345_000
    # a new post prints only a forslag, an abolished one none: placed by the Sum kap. row
    assert [r.belopstype for r in rows if (r.kapittel, r.post) == (20, 21)] == ["forslag_vedtak", "forslag"]
    assert one(rows, 24, 21, "saldert_budsjett").belop_nok == 9_800_000
    assert not [r for r in rows if (r.kapittel, r.post, r.belopstype) == (24, 21, "forslag")]
    assert one(rows, 3024, 1, "regnskap").belop_nok == 25_100_000
    sums = [k for k in checks if k.kontroll == "sum_kapittel" and "vedtak" not in k.nokkel]
    assert len(sums) == 3 * len(F.KONGEHUS_SMK) and all(k.ok for k in sums)
    cross = [k for k in checks if k.kontroll == "forslag_vedtak_mot_forslag"]
    assert len(cross) == 10 and all(k.ok for k in cross)


def test_linje_points_at_the_printed_amount(smk):
    doc, rows, _checks = smk
    for r in rows:
        assert r.raw and r.raw.replace(" ", "") in doc.text(r.linje).replace(" ", ""), (r, doc.text(r.linje))


def test_million_kroner_tables_and_a_kapittel_on_one_line(finans):
    _doc, rows, checks = finans
    got = collections.Counter((r.kapittel, r.post, r.belopstype, r.aar, r.belop_nok) for r in rows)
    assert got == expected(F.FINANS)
    # "(i mill. kr)": 367 432,6 mill. kroner
    r = one(rows, 5521, 70, "regnskap")
    assert r.belop_nok == 367_432_600_000 and r.raw == "367 432,6"
    assert one(rows, 5521, 70, "forslag_vedtak").belop_nok == 393_400_000_000
    # "5526 70 Avgift på alkohol 17 750 000 000 17 750 000 000": kapittel and post on one line
    r = one(rows, 5526, 70, "forslag_vedtak")
    assert r.belop_nok == 17_750_000_000 and r.postnavn == "Avgift på alkohol"
    assert {k.nokkel for k in checks if "vedtak" in k.nokkel and k.ok} == {
        f"kap 5521 forslag_vedtak {F.AAR}",
        f"kap 5526 forslag_vedtak {F.AAR}",
    }
    assert all(k.ok for k in checks)


def test_a_misprinted_total_is_a_failed_check():
    """The document's own error stays visible: a kapittel total that does not add up fails."""
    lines = F.rows_text(F.kongehus_smk())
    i = next(i for i, t in enumerate(lines) if t.endswith("39 545 000") and "hoff" in t)
    lines[i] = regex.sub(r"39 545 000$", "39 554 000", lines[i])
    _doc, rows, checks = _extract(_text_doc(lines))
    assert one(rows, 2, 50, "forslag_vedtak").belop_nok == 27_000_000
    failed = [(k.nokkel, k.forventet, k.beregnet) for k in checks if not k.ok]
    assert failed == [(f"kap 2 forslag_vedtak {F.AAR}", "39554000", "39545000")]
