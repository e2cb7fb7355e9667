"""The oppdragsdokument to Norsk helsenett SF: its "Kapittel | Post | Betegnelse | Bevilgning" table."""

from __future__ import annotations

from tests.extractors.bevilgninger.real_letters import NHN, real_letter, rows_of


def test_allocation_table_and_its_sum():
    rows, checks = rows_of(real_letter(NHN, "oppdragsdokument"))
    got = sorted((r.kapittel, r.post, r.belopstype, r.belop_nok) for r in rows)
    assert got == [
        (701, 21, "tildeling", 68_100_000),
        (701, 70, "tildeling", 74_806_000),
        (701, 74, "tildeling", 123_900_000),
        (760, 21, "tildeling", 4_100_000),
    ]
    # the "hvorav" breakdown row under 701.21 gives no amounts
    assert next(r for r in rows if r.post == 21 and r.kapittel == 701).postnavn.startswith("Spesielle")
    total = [k for k in checks if k.kontroll == "sum_tabell"]
    assert [(k.forventet, k.beregnet, k.ok, k.linje) for k in total] == [("270906000", "270906000", True, 49)]
