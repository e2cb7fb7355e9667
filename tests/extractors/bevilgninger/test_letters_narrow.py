"""A letter set in a narrow column (a two-column PDF, a converter's short lines): prose breaks right after
an amount, and a change table's column header wraps over three lines. Neither may cost the table."""

from __future__ import annotations

from hdir_extract.pipeline import extract_bytes
from hdir_extract.readers.layout.tables import numeric_row

LETTER = """Tildelingsbrev 2027 til Helsedirektoratet

Dette tildelingsbrevet gjelder for 2027.

TB2027-01 Styringsinformasjon

Helsedirektoratet bes oppdatere informasjon om tilbudet. Det vises til dialog om
oppdraget. Helsedirektoratet tildeles 350 000
kroner på kap. 762, post 21 i 2027 til midlertidig innleie.

(i 1000 kroner)
Kap. post Tidligere
bevilgning Ny tildeling Sum
tildelt
762.21 185 951 350 186 301

Ansvarlig avdeling i HOD: KTA
"""


def test_wrapped_change_header_and_prose_ending_in_an_amount():
    rows = extract_bytes("tb.txt", LETTER.encode()).tables["bevilgninger"]
    got = {(r["kapittel"], r["post"], r["belopstype"], r["aar"]): (r["belop_nok"], r["linje"]) for r in rows}
    assert got == {
        (762, 21, "tidligere_tildeling", 2027): (185_951_000, 15),
        (762, 21, "ny_tildeling", 2027): (350_000, 15),
        (762, 21, "sum_tildelt", 2027): (186_301_000, 15),
    }


def test_a_sentence_inside_the_line_is_no_table_row():
    assert not numeric_row("oppdraget. Helsedirektoratet tildeles 350 000")
    # abbreviations and codes are no sentence end: these stay rows
    assert numeric_row("Tilskudd, jf. Prop. 1 S 350 000 350 000")
    assert numeric_row("Kap. 762 Primærhelsetjeneste mv. 185 951 186 301")
