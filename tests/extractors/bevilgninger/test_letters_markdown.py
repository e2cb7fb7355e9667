"""Supplementary letters nr. 1, 2 and 4 of 2026 as Markdown (PDF -> Markdown by someone else's converter):
change tables whatever column the converter put an amount in, and changes written only in prose."""

from __future__ import annotations

from tests.extractors.bevilgninger.real_letters import NR1, NR2, NR4, pick, real_letter, rows_of


def test_nr1_tables_as_the_corpus_bundle_gives_them():
    rows, checks = rows_of(real_letter(NR1))
    assert pick(rows, 770, 70) == [
        ("tidligere_tildeling", 456_847_000),
        ("ny_tildeling", 41_600_000),
        ("sum_tildelt", 498_447_000),
    ]
    assert pick(rows, 2756, 70) == [
        ("tidligere_tildeling", 0),
        ("ny_tildeling", 12_000_000),
        ("sum_tildelt", 12_000_000),
    ]
    # "Tildelingen på posten økes med 41,6 mill. kroner." under the table checks it
    text = {k.nokkel: (k.forventet, k.beregnet, k.ok) for k in checks if k.kontroll == "tekst_mot_tabell"}
    assert text["kap 770 post 70 brev 1 ny_tildeling"] == ("41600000", "41600000", True)


def test_nr1_prose_where_the_converter_dropped_the_tables():
    rows, _ = rows_of(real_letter(NR1))
    # three "tildeles" sentences under "Kap. 760, post 21": 1,7 + 0,5 + 10 = the bundle's 12 200
    assert pick(rows, 760, 21) == [
        ("ny_tildeling", 1_700_000),
        ("ny_tildeling", 500_000),
        ("ny_tildeling", 10_000_000),
    ]
    # "reduseres med 3,4 mill." and "Korrekt tildeling … skal være 186,6 mill.": the post's new total
    assert pick(rows, 765, 21) == [("ny_tildeling", -3_400_000), ("sum_tildelt", 186_600_000)]
    # the "Presisering" of 5 mill. kroner over kap. 714, post 21 is no allocation
    assert not pick(rows, 714, 21)


def test_nr2_converter_put_the_new_amount_in_an_extra_column():
    rows, checks = rows_of(real_letter(NR2))
    # "| 740.01 | 1 556 792 | | 56 230 | 1 613 022 |": tidligere + ny = sum decides
    assert pick(rows, 740, 1) == [
        ("tidligere_tildeling", 1_556_792_000),
        ("ny_tildeling", 56_230_000),
        ("sum_tildelt", 1_613_022_000),
    ]
    assert pick(rows, 714, 21, "ny_tildeling") == [("ny_tildeling", 4_676_000)]
    assert pick(rows, 702, 21, "ny_tildeling") == [("ny_tildeling", 2_100_000)]  # a well-formed table
    sums = [k for k in checks if k.kontroll == "tidligere_pluss_ny"]
    assert len(sums) == 10 and all(k.ok for k in sums)


def test_nr2_prose_only_posts():
    rows, _ = rows_of(real_letter(NR2))
    r = next(r for r in rows if (r.kapittel, r.post) == (701, 21))
    assert (r.belopstype, r.belop_nok, r.raw, r.linje) == (
        "ny_tildeling",
        56_601_000,
        "56,601 mill. kroner",
        80,
    )
    # its breakdown list (42,5 + 13,7 + 0,401 mill.) is not more rows
    assert pick(rows, 701, 21) == [("ny_tildeling", 56_601_000)]
    # "økes med 0,3 mill. kroner til …, 3,5 mill. kroner til …, …": one change per amount
    assert [b for _, b in pick(rows, 714, 79)] == [300_000, 3_500_000, 500_000, 2_974_000, 500_000, 600_000]


def test_nr2_table_against_its_own_prose():
    _, checks = rows_of(real_letter(NR2))
    text = {k.nokkel: k for k in checks if k.kontroll == "tekst_mot_tabell"}
    # "Helsedirektoratet tildeles 56,2 mill. kroner" against 56 230: equal at the printed precision
    k = text["kap 740 post 01 brev 1 ny_tildeling"]
    assert (k.forventet, k.beregnet, k.ok) == ("56230000", "56200000", True)
    # the 760.21 table says 9 500 while its prose gives 7,9 + 15,1 mill. (nr. 4 corrects it)
    k = text["kap 760 post 21 brev 1 ny_tildeling"]
    assert (k.forventet, k.beregnet, k.ok, k.linje) == ("9500000", "23000000", False, 158)
    assert [n for n, k in text.items() if not k.ok] == ["kap 760 post 21 brev 1 ny_tildeling"]


def test_nr4_changes_written_only_in_prose():
    rows, checks = rows_of(real_letter(NR4))
    assert pick(rows, 714, 21) == [("ny_tildeling", 8_874_000)]  # "er økt med 8,874 mill. kroner"
    # "økes med 0,7 mill. kroner", then "satt ned med 8,874 mill. kroner"
    assert pick(rows, 714, 79) == [("ny_tildeling", 700_000), ("ny_tildeling", -8_874_000)]
    # "økes med 2,2 mill. kroner …:" and three items (1 + 3 − 1,8): one row, the list its breakdown
    assert pick(rows, 760, 70) == [("ny_tildeling", 2_200_000)]
    assert pick(rows, 770, 70) == [("ny_tildeling", -4_800_000)]
    assert not [k for k in checks if k.kontroll == "tekst_mot_tabell"]  # no tables in nr. 4


def test_nr4_corrects_nr2():
    rows, _ = rows_of(real_letter(NR4))
    # "tildelt 9,5 mill. kroner … Korrekt tildeling skulle vært 23 mill. kroner": +13,5 mill., then
    # "Videre økes tildelingen på posten med følgende:" with two items that are changes of their own
    assert pick(rows, 760, 21) == [
        ("korreksjon", 13_500_000),
        ("ny_tildeling", 3_550_000),
        ("ny_tildeling", 2_000_000),
    ]
    k = next(r for r in rows if r.belopstype == "korreksjon")
    assert k.raw == "23 mill. kroner" and k.linje == 113 and "9,5 mill. kroner" in (k.kilde or "")
    # "tildeles 2 mill. kroner" to carry out TB2026-90 is an assignment's amount, not a change
    assert len([r for r in rows if r.belop_nok == 2_000_000]) == 2  # 740.21 and 760.21 only
