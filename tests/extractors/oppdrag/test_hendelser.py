"""Events on assignments (`oppdrag_hendelser`): clarifications, changes and withdrawals in a later
letter, on a constructed supplementary letter nr. 6 in the style of the real ones (text and Markdown)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hdir_extract.extractors import oppdrag
from hdir_extract.models import Oppdrag, OppdragHendelse
from hdir_extract.pipeline import classified
from hdir_extract.readers import read_document
from hdir_extract.readers.text import read_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _records(name: str) -> list:
    path = FIXTURES / name
    return oppdrag.extract(classified(read_document(path.name, path.read_bytes()))[0])


def _letter(text: str) -> list:
    doc = read_text("brev.txt", text.encode(), "0" * 64)
    return oppdrag.extract(classified(doc)[0])


LETTERHEAD = (
    "Supplerende tildelingsbrev nr. 7 for 2026\n\nHelsedirektoratet\nPostboks 220 Skøyen\n0213 OSLO\n\n"
    "Dato 1. oktober 2026\n\n"
)


def test_nr6_assignments_and_events():
    recs = _records("supplerende-tildelingsbrev-2026-nr6.txt")
    opp = {r.oppdrag_id: r for r in recs if isinstance(r, Oppdrag)}
    # only the new assignments are rows; the clarified, changed and withdrawn ones are events
    assert sorted(opp) == ["TB2026-104", "TB2026-105"]
    new = opp["TB2026-104"]
    assert (new.tittel, new.avdeling, new.frister) == (
        "Kartlegging av ventetider i rehabiliteringstilbudet",
        "SHA",
        [dt.date(2026, 12, 1)],
    )
    assert new.brev_dato == dt.date(2026, 9, 2)
    assert opp["TB2026-105"].unntatt_offentlighet and opp["TB2026-105"].tittel is None
    events = {(r.oppdrag_id, r.hendelse): r for r in recs if isinstance(r, OppdragHendelse)}
    assert sorted(events) == [("TB2026-21", "presisering"), ("TB2026-39", "endring"), ("TB2026-40", "utgaar")]
    assert events[("TB2026-21", "presisering")].frister == [dt.date(2026, 11, 15)]
    assert events[("TB2026-39", "endring")].frister == [dt.date(2027, 3, 1)]
    gone = events[("TB2026-40", "utgaar")]
    # one event per letter: the section's sentence, not the summary list's entry
    assert gone.linje == 48 and gone.tekst.startswith("Oppdrag TB2026-40 Innsatsteam og kapasiteter utgår")
    assert {(r.tillegg_nr, r.brev_nr, r.brev_dato) for r in events.values()} == {(6, 1, dt.date(2026, 9, 2))}
    assert all(r.ny_oppdrag_id is None for r in events.values())


def test_nr6_as_markdown():
    try:
        recs = _records("supplerende-tildelingsbrev-2026-nr6.md")
    except Exception as e:  # a checkout without the Markdown reader refuses .md
        pytest.skip(f"this checkout cannot read Markdown: {e}")
    opp = {r.oppdrag_id: r for r in recs if isinstance(r, Oppdrag)}
    assert sorted(opp) == ["TB2026-104", "TB2026-105"]
    # the bold run "**TB 2026-104 …** Helse- og omsorgsdepartementet ber …" is the heading
    assert (opp["TB2026-104"].raw, opp["TB2026-104"].tittel) == (
        "TB 2026-104",
        "Kartlegging av ventetider i rehabiliteringstilbudet",
    )
    events = [(r.oppdrag_id, r.hendelse, r.tillegg_nr) for r in recs if isinstance(r, OppdragHendelse)]
    assert events == [("TB2026-21", "presisering", 6)]


def test_withdrawal_as_a_heading():
    recs = _letter(LETTERHEAD + "TB2026-12 Oppfølging av svangerskapsomsorgen utgår\nOppdraget er løst.\n")
    assert not any(isinstance(r, Oppdrag) for r in recs)
    (ev,) = [r for r in recs if isinstance(r, OppdragHendelse)]
    assert (ev.oppdrag_id, ev.hendelse, ev.brev_dato, ev.tillegg_nr) == (
        "TB2026-12",
        "utgaar",
        dt.date(2026, 10, 1),
        7,
    )


def test_withdrawals_listed_under_a_lead_in():
    recs = _letter(
        LETTERHEAD + "Følgende oppdrag utgår:\n- TB2026-12 Svangerskapsomsorgen\n- TB2026-13 Helsestasjon\n"
    )
    assert not any(isinstance(r, Oppdrag) for r in recs)
    got = [(r.oppdrag_id, r.hendelse, r.linje) for r in recs if isinstance(r, OppdragHendelse)]
    assert got == [("TB2026-12", "utgaar", 10), ("TB2026-13", "utgaar", 11)]


def test_a_date_in_a_withdrawal_is_no_deadline_and_other_sentences_are_no_withdrawal():
    text = LETTERHEAD + (
        "TB2026-106 Nytt oppdrag om legevakt\n"
        "Oppdraget erstatter TB2025-33, som dermed utgår. Frist: 1.12.2026.\n"
        "Ansvarlig avdeling i HOD: KTA\n"
    )
    recs = _letter(text)
    (new,) = [r for r in recs if isinstance(r, Oppdrag)]
    assert (new.oppdrag_id, new.frister) == ("TB2026-106", [dt.date(2026, 12, 1)])
    events = [(r.oppdrag_id, r.hendelse) for r in recs if isinstance(r, OppdragHendelse)]
    assert events == [("TB2025-33", "utgaar")]
