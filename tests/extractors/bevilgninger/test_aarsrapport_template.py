"""Another agency's annual report: the state template's "Oppstilling av bevilgningsrapportering" without a
table number, and the agency the report is by read from its first pages (never assumed)."""

from __future__ import annotations

from hdir_extract.pipeline import extract_bytes

REPORT = """Årsrapport 2024
Statens helsetilsyn

1. Leders beretning

Statens helsetilsyn har i 2024 styrket tilsynet med helse- og omsorgstjenestene. Vi har
behandlet flere saker enn året før, og saksbehandlingstiden har gått ned. Statens helsetilsyn
har også gjennomført landsomfattende tilsyn.

2. Introduksjon til virksomheten og hovedtall

Statens helsetilsyn er underlagt Helse- og omsorgsdepartementet og har det overordnede faglige
tilsynet med helse- og omsorgstjenestene, sosiale tjenester og barnevernet.

3. Årets aktiviteter og resultater

Tilsynet behandlet flere saker enn året før. Resultatene er omtalt under hvert mål
nedenfor, med styringsparametere og vurderinger.

6. Årsregnskap

Oppstilling av bevilgningsrapportering 31.12.2024

Utgiftskapittel Kapittelnavn Post Posttekst Note Samlet tildeling Regnskap 2024 Merutgift (-) og mindreutgift
0721 Statens helsetilsyn 01 Driftsutgifter A 182 640 000 180 115 322 2 524 678
0721 Statens helsetilsyn 21 Spesielle driftsutgifter A 4 500 000 4 812 000 -312 000

Note A Forklaring av samlet tildeling utgifter
"""


def test_template_title_without_a_table_number_and_the_agency():
    res = extract_bytes("arsrapport.txt", REPORT.encode())
    dok = res.tables["dokumenter"][0]
    assert (dok["dokumenttype"], dok["aar"], dok["utsteder"]) == ("aarsrapport", 2024, "Statens helsetilsyn")
    got = {
        (r["kapittel"], r["post"], r["belopstype"]): (r["belop_nok"], r["linje"])
        for r in res.tables["bevilgninger"]
    }
    assert got[(721, 21, "regnskap")] == (4_812_000, 26)
    assert got[(721, 21, "merutgift_mindreutgift")] == (-312_000, 26)
    assert got[(721, 1, "samlet_tildeling")] == (182_640_000, 25)
    assert len(got) == 6
    checks = [k for k in res.tables["kontroller"] if k["kontroll"] == "tildeling_minus_regnskap"]
    assert len(checks) == 2 and all(k["ok"] for k in checks)


def test_a_row_broken_by_the_column_head_printed_again_after_a_page_break():
    """A narrow column breaks a row's name over a page, and the next page prints the table's column
    head again before the row's rest: the head's lines are skipped and the row reads on."""
    head = ["Utgifts-", "kapittel", "Kapittelnavn Post Posttekst Note", "Samlet tildeling", "**",
            "Regnskap 2024", "Merutgift (-)", "og mindre-", "utgift"]  # fmt: skip
    table = [
        "Oppstilling av bevilgningsrapportering 31.12.2024",
        "",
        *head,
        "0721 Statens helsetilsyn 01 Driftsutgifter A 182 640 000 180 115 322 2 524 678",
        "0734 Særskilte tilskudd til",
        "psykisk helse og",
        *head,
        "rustiltak 21 Spesielle driftsmidler A/B 14 697 000 11 998 036 2 698 964",
        "",
        "Note A Forklaring av samlet tildeling utgifter",
    ]
    report = REPORT.split("Oppstilling av bevilgningsrapportering")[0] + "\n".join(table) + "\n"
    rows = extract_bytes("arsrapport.txt", report.encode()).tables["bevilgninger"]
    got = {(r["kapittel"], r["post"], r["belopstype"]): r["belop_nok"] for r in rows}
    assert got[(734, 21, "regnskap")] == 11_998_036
    assert got[(734, 21, "merutgift_mindreutgift")] == 2_698_964
    assert got[(721, 1, "samlet_tildeling")] == 182_640_000
