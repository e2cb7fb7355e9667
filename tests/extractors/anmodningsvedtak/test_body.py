"""Reading the body as pieces: entry headers, session markers and titles the layout joined to a
paragraph are cut out; the overview read from a TABLE block or from one cell per line."""

from __future__ import annotations

import dataclasses

from hdir_extract.document import Document, Kind
from hdir_extract.extractors import anmodningsvedtak
from hdir_extract.extractors.anmodningsvedtak.body import body_pieces
from hdir_extract.extractors.anmodningsvedtak.entries import parse_entries
from hdir_extract.extractors.anmodningsvedtak.overview import parse_overview
from hdir_extract.extractors.anmodningsvedtak.text import is_title
from hdir_extract.models import Anmodningsvedtak
from hdir_extract.readers.text import read_text

PROP = ("prop_1_s", 2025)


def _doc(lines: list[str], dokumenttype: str = "prop_1_s") -> Document:
    doc = read_text("t.txt", ("\n".join(lines) + "\n").encode("utf-8"), "0" * 64)
    return dataclasses.replace(doc, dok_id="t", dokumenttype=dokumenttype)


def test_overview_from_the_table_block(corpus_docs):
    overview = parse_overview(body_pieces(corpus_docs[PROP]))
    assert overview is not None and len(overview.rows) == 91
    row = next(o for o in overview.rows if (o.sesjon, o.nr) == ("2023-2024", 614))
    assert (row.stikkord, row.rapportering_avsluttes, row.linje) == (
        "Intervensjonsprogram førstegangsfødende",
        False,
        446,
    )
    assert (overview.first_line, overview.last_line) == (360, 818)


def test_markers_and_headings_joined_to_a_paragraph(corpus_docs):
    """In the Prop (one line per paragraph, no blank lines) the layout joins "Stortingssesjon
    (2022–2023)" (line 970) and the heading of vedtak 908 (line 966) to the paragraph before them."""
    entries = {(e.nr, e.header_line): e for e in parse_entries(body_pieces(corpus_docs[PROP]))}
    e908 = entries[(908, 967)]
    assert e908.heading == (
        "Rett til nødvendig tannhelsehjelp i den offentlige tannhelsetjenesten for 25- og 26-åringer"
    )
    assert e908.heading_line == 966 and e908.marker_sesjon == "2023-2024"
    assert e908.body[-1].endswith("Regjeringen vil komme tilbake til Stortinget på egnet måte.")
    assert entries[(1, 972)].marker_sesjon == "2022-2023"  # the marker at the end of 969-970
    assert entries[(1, 6875)].marker_sesjon is None  # printed again under "Anmodningsvedtak", no marker
    # the list "a.<TAB>…" inside the quote of vedtak 20 is a table to the layout; the quote runs through it
    e20 = entries[(20, 1242)]
    assert "c. forslag som i større grad vil hjelpe dem" in e20.tekst and e20.quote_end == 1247


def test_entry_without_blank_lines_in_a_narrow_column():
    doc = _doc(
        [
            "Stortingssesjon (2023–2024)",
            "Overgrepsmottak for barn",
            "Vedtak nr. 612, 7. mai 2024",
            "«Stortinget ber regjeringen påse at overgrepsut-",
            "satte barn gis rett til et akuttilbud og et like-",
            "verdig helsetjenestetilbud som voksne",
            "overgrepsutsatte.»",
            "Vedtaket ble truffet i forbindelse med Stortingets",
            "behandling av Prop. 36 S (2023–2024).",
            "Regjeringen vil komme tilbake til Stortinget på",
            "egnet måte.",
            "Behandlingstilbudet til voldsutsatte kvinner med",
            "ruslidelse i spesialisthelsetjenesten",
            "Vedtak nr. 629, 14. mai 2024",
            "«Stortinget ber regjeringen sørge for at det snarest",
            "bygges opp kapasitet i behandlingstilbudet.»",
        ]
    )
    rows = {r.vedtak_nr: r for r in anmodningsvedtak.extract(doc) if isinstance(r, Anmodningsvedtak)}
    r612 = rows[612]
    assert (r612.sesjon, r612.linje, r612.stikkord) == ("2023-2024", 3, "Overgrepsmottak for barn")
    assert r612.vedtakstekst == (
        "Stortinget ber regjeringen påse at overgrepsutsatte barn gis rett til et akuttilbud og et "
        "likeverdig helsetjenestetilbud som voksne overgrepsutsatte."
    )
    assert r612.behandling == "Prop. 36 S (2023–2024)" and r612.fulgt_opp is False
    assert r612.oppfolging == "Regjeringen vil komme tilbake til Stortinget på egnet måte."
    # the next entry's heading, wrapped over two lines and joined to the follow-up by the layout
    r629 = rows[629]
    assert (
        r629.stikkord
        == "Behandlingstilbudet til voldsutsatte kvinner med ruslidelse i spesialisthelsetjenesten"
    )
    assert r629.vedtakstekst == (
        "Stortinget ber regjeringen sørge for at det snarest bygges opp kapasitet i behandlingstilbudet."
    )


def test_overview_printed_one_cell_per_line():
    """A text layer without tabs: no TABLE block, the cells after the overview's title are read in turn."""
    doc = _doc(
        [
            "Oversikt over anmodnings- og utredningsvedtak, ordnet etter sesjon og nummer",
            "",
            "Sesjon",
            "Vedtak nr.",
            "Stikkord",
            "Rapportering avsluttes (Ja/Nei) i Prop. 1 S (2024–2025)",
            "",
            "2023–2024",
            "612",
            "Overgrepsmottak for barn",
            "Nei",
            "",
            "2023–2024",
            "628",
            "Tjeneste med integrert ettervern",
            "Ja",
            "",
            "Stortingssesjon (2023–2024)",
        ]
    )
    pieces = body_pieces(doc)
    assert not [p for p in pieces if p.kind is Kind.TABLE]
    overview = parse_overview(pieces)
    assert overview is not None
    assert [(o.sesjon, o.nr, o.stikkord, o.rapportering_avsluttes, o.linje) for o in overview.rows] == [
        ("2023-2024", 612, "Overgrepsmottak for barn", False, 9),
        ("2023-2024", 628, "Tjeneste med integrert ettervern", True, 14),
    ]


def test_title_rules():
    assert is_title(
        "Oppfølging av anmodningsvedtak om autorisasjon og spesialistgodkjenning av helsepersonell mv."
    )
    assert is_title("Første del i legers spesialistutdanning – LIS1")
    assert not is_title("Vedtaket ble truffet i forbindelse med trontaledebatten 5. oktober 2023.")
    assert not is_title("Forskriftsendringene ble vedtatt ved kongelig resolusjon fredag 6. september d.å.")
    assert not is_title("Anmodningsvedtaket anses som fulgt opp. Varig tilskudd til Helse Nord")
    assert not is_title("(2021–2022)")
    assert not is_title(
        "Stortinget fattet følgende vedtak (nr. 561) i Helse- og omsorgskomiteen den 12. mai 2022:"
    )
