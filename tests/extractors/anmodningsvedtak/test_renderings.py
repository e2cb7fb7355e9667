"""The same resolutions from every rendering of a document: the corpus text, the official DOCX, a
converter's Markdown and a typeset PDF of Meld. St. 9 (2023–2024), read from their blocks; and the
Prop. 1 S's overview and entries from the corpus text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hdir_extract.document import Document
from hdir_extract.extractors import anmodningsvedtak
from hdir_extract.models import Anmodningsvedtak
from hdir_extract.pipeline import classified
from hdir_extract.readers import read_document

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
RENDERINGS = {
    "docx": SHARED / "real" / "meld-st-9-2023-2024.docx",
    "md": SHARED / "real" / "meld-st-9-2023-2024.docx-conversion.md",
    "pdf": SHARED / "corpus" / "pdf" / "meld-st-9-2023-2024-nasjonal-helse-og-samhandlingsplan.pdf",
}
MELD = ("meld_st", 2024)
PROP = ("prop_1_s", 2025)


def _read(path: Path) -> Document:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared development set is not beside this clone)")
    return classified(read_document(path.name, path.read_bytes()))[0]


def _rows(doc: Document) -> dict[tuple[str | None, int], Anmodningsvedtak]:
    return {
        (r.sesjon, r.vedtak_nr): r for r in anmodningsvedtak.extract(doc) if isinstance(r, Anmodningsvedtak)
    }


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def text_rows(corpus_docs):
    return _rows(corpus_docs[MELD])


def test_meld_text_gives_the_two_quoted_resolutions(text_rows):
    assert set(text_rows) == {("2021-2022", 417), ("2021-2022", 561)}
    r561 = text_rows[("2021-2022", 561)]
    assert r561.dato == dt.date(2022, 5, 12) and r561.linje == 9058
    assert r561.stikkord == "Første del i legers spesialistutdanning – LIS1"
    assert r561.vedtakstekst.startswith("Stortinget ber regjeringen så raskt som mulig utrede å endre")
    r417 = text_rows[("2021-2022", 417)]
    # the heading "5.4.7 Oppfølging av … mv.": its number goes, the abbreviation's full stop stays
    assert r417.stikkord == (
        "Oppfølging av anmodningsvedtak om autorisasjon og spesialistgodkjenning av helsepersonell mv."
    )
    assert r417.vedtakstekst.endswith("få fritak fra merverdiavgiftsloven, så snart som mulig.")


@pytest.fixture(scope="module")
def rendered():
    """Each rendering read once: {name: (document, rows)}."""
    cache: dict[str, tuple[Document, dict]] = {}

    def get(name: str) -> tuple[Document, dict]:
        if name not in cache:
            doc = _read(RENDERINGS[name])
            cache[name] = (doc, _rows(doc))
        return cache[name]

    return get


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
def test_meld_renderings_give_the_same_resolutions(rendering, rendered, text_rows):
    doc, rows = rendered(rendering)
    assert set(rows) == set(text_rows)
    for key, t in text_rows.items():
        r = rows[key]
        assert (r.sesjon, r.vedtak_nr, r.dato) == (t.sesjon, t.vedtak_nr, t.dato), key
        assert _norm(r.vedtakstekst) == _norm(t.vedtakstekst), key
        assert r.behandling == t.behandling, key
        assert str(r.vedtak_nr) in doc.text(r.linje), (key, doc.text(r.linje))  # the rendering's own line
    assert rows[("2021-2022", 561)].behandling == "Helse- og omsorgskomiteen den 12. mai 2022"
    assert rows[("2021-2022", 417)].behandling == "Prop. 236 L (2020–2021), jf. Innst. 170 L (2021–2022)"


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
def test_meld_renderings_give_the_same_titles_and_follow_up(rendering, rendered, text_rows):
    """The stikkord (the title above the quote) and the follow-up (up to the next title) need the
    rendering's headings: from a reader that builds blocks."""
    doc, rows = rendered(rendering)
    if not doc.blocks:
        pytest.skip(f"the {rendering} reader on this branch builds no blocks (no headings to read)")
    for key, t in text_rows.items():
        r = rows[key]
        assert (r.stikkord, r.fulgt_opp) == (t.stikkord, t.fulgt_opp), key
        assert _norm(r.oppfolging) == _norm(t.oppfolging), key


def test_prop_resolution_614_from_overview_and_entry(corpus_docs):
    rows = _rows(corpus_docs[PROP])
    r = rows[("2023-2024", 614)]
    assert r.stikkord == "Intervensjonsprogram førstegangsfødende"  # the overview row
    assert r.overskrift == "Intervensjonsprogram for førstegangsforeldre"  # the entry's own heading
    assert r.dato == dt.date(2024, 5, 7) and r.linje == 903
    assert r.rapportering_avsluttes is False and r.fulgt_opp is False  # "Nei"; "påbegynt"
    assert r.vedtakstekst.startswith("Stortinget ber regjeringen i forbindelse med revidert nasjonalbudsjett")
    assert r.behandling == "Prop. 36 S (2023–2024), jf. Innst. 259 S (2023–2024)"
    assert r.oppfolging.startswith("Oppfølging av vedtaket er påbegynt")
