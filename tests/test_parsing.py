"""The shared parsers: real forms from the corpus, and hypothesis round-trips."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hdir_extract.parsing import (
    DateError,
    IdError,
    NumberError,
    ParseError,
    SessionError,
    YearMonth,
    find_dates,
    find_ids,
    normalise_id,
    parse_date,
    parse_int,
    parse_month,
    parse_number,
    parse_session,
    session_for_date,
)
from hdir_extract.parsing.text import join_lines, normalise_line


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234 567", 1234567),
        ("1\u00a0234\u202f567", 1234567),
        ("1.234.567", 1234567),
        ("\u2212 12", -12),
        ("\u201312 000", -12000),
        ("-5", -5),
        ("0", 0),
    ],
)
def test_parse_int_forms(text, value):
    assert parse_int(text) == value


def test_decimal_comma_and_nil():
    assert parse_number("1 234,5") == Decimal("1234.5")
    assert parse_number("8 882") == Decimal(8882)
    assert parse_number("-") is None
    assert parse_number("–") is None


@pytest.mark.parametrize("bad", ["", "abc", "1,2,3", "12 a", "1.23.4"])
def test_number_errors_are_typed(bad):
    with pytest.raises(NumberError):
        parse_number(bad)


def test_parse_int_rejects_fraction():
    with pytest.raises(NumberError):
        parse_int("12,5")


def _format(n: int, sep: str) -> str:
    s = f"{abs(n):,}".replace(",", sep)
    return ("\u2212" if n < 0 else "") + s


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from([" ", "\u00a0", "\u202f", "."]))
def test_int_round_trip(n, sep):
    assert parse_int(_format(n, sep)) == n


@given(st.text(max_size=20))
def test_number_never_raises_foreign_errors(s):
    with contextlib.suppress(NumberError):
        parse_number(s)


def test_dates():
    assert parse_date("1. mars 2024") == dt.date(2024, 3, 1)
    assert parse_date("15.10.2024") == dt.date(2024, 10, 15)
    assert parse_date("18. feb. 2021") == dt.date(2021, 2, 18)
    assert parse_date("1. mars.", default_year=2023) == dt.date(2023, 3, 1)
    assert parse_date("17.juni 2022") == dt.date(2022, 6, 17)  # no space after the dot (Prop. 1 S)
    assert parse_month("desember 2023") == YearMonth(2023, 12)
    with pytest.raises(DateError):
        parse_date("30. februar 2023")
    with pytest.raises(DateError):
        parse_date("desember 2023")  # no invented day


def test_find_dates_short_years_and_spaced_year():
    # "Frist: 15.09.23" (tildelingsbrev 2023) only when the caller asks for two-digit years
    assert [d.date for d in find_dates("Frist: 15.09.23, deretter 1.10.26.", short_year=True)] == [
        dt.date(2023, 9, 15),
        dt.date(2026, 10, 1),
    ]
    assert find_dates("Frist: 15.09.23") == []
    assert [d.date for d in find_dates("frist for oppdraget er 31.12. 2023")] == [dt.date(2023, 12, 31)]


def test_find_dates_keeps_impossible_dates_as_errors():
    found = find_dates("Frist: 30. februar 2023, deretter innen 1. mai og 15.10.2024.", default_year=2023)
    assert [d.date for d in found] == [None, dt.date(2023, 5, 1), dt.date(2024, 10, 15)]
    assert found[0].error and found[1].year_from_context


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_date_round_trip(d):
    months = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ]
    assert parse_date(f"{d.day}. {months[d.month - 1]} {d.year}") == d
    assert parse_date(f"{d.day:02d}.{d.month:02d}.{d.year}") == d


@given(st.text(max_size=30))
def test_date_parsers_only_raise_their_error(s):
    for fn in (parse_date, parse_month):
        with contextlib.suppress(DateError):
            fn(s)
    find_dates(s, default_year=2024)


def test_sessions():
    assert parse_session("(2023–2024)") == "2023-2024"
    assert parse_session("(2024 – 2025)") == "2024-2025"
    assert parse_session("2020\u22122021") == "2020-2021"
    assert session_for_date(dt.date(2022, 5, 12)) == "2021-2022"
    assert session_for_date(dt.date(2023, 12, 4)) == "2023-2024"
    with pytest.raises(SessionError):
        parse_session("(2023–2025)")


@given(st.integers(min_value=1900, max_value=2098), st.sampled_from(["-", "–", " – ", "\u2212"]))
def test_session_round_trip(year, dash):
    assert parse_session(f"({year}{dash}{year + 1})") == f"{year}-{year + 1}"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("TB2023-01", "TB2023-01"),
        ("TB2023-1", "TB2023-01"),
        ("TTB2021- 21", "TTB2021-21"),
        ("TB2026 -12", "TB2026-12"),
        ("TB- 2026-2", "TB2026-02"),
        ("TB 2022-31", "TB2022-31"),
        ("TB2026–32", "TB2026-32"),
    ],
)
def test_ids(raw, canonical):
    assert normalise_id(raw) == canonical


def test_two_ids_in_one():
    assert [m.oppdrag_id for m in find_ids("se TTB2024-40/41 og TB2026-3.")] == [
        "TTB2024-40",
        "TTB2024-41",
        "TB2026-03",
    ]
    with pytest.raises(IdError):
        normalise_id("STB2023-01x")


@given(st.sampled_from(["TB", "TTB"]), st.integers(2000, 2099), st.integers(1, 999))
def test_id_round_trip(prefix, year, nr):
    assert normalise_id(f"{prefix}{year}-{nr}") == f"{prefix}{year}-{nr:02d}"


def test_parse_errors_share_a_base():
    assert issubclass(NumberError, ParseError) and issubclass(DateError, ParseError)


def test_normalise_and_dehyphenate():
    assert normalise_line("omsorgs\u00adtjenesten\u00a0123 ") == "omsorgstjenesten 123"
    assert (
        join_lines(["Fagfolkene i helse- og omsorgs-", "tjenesten skal"])
        == "Fagfolkene i helse- og omsorgstjenesten skal"
    )
    assert join_lines(["styrt og finan-", "siert av"]) == "styrt og finansiert av"
    assert join_lines(["helse-", "og omsorgstjenesten"]) == "helse- og omsorgstjenesten"
    assert join_lines(["utvikle e-", "helseløsninger"]) == "utvikle e-helseløsninger"
    assert join_lines(["covid-", "19"]) == "covid-19"
    assert join_lines(["opprettholde LIS1-", "ordningen"]) == "opprettholde LIS1-ordningen"  # digit stem


def test_dehyphenate_compounds_prefixes_and_ranges():
    # rules added for tiltak (issue 11); the full set of printed cases is in tests/test_dehyphenation.py
    assert join_lines(["sitt sørge-for-", "ansvaret"]) == "sitt sørge-for-ansvaret"
    assert join_lines(["sitt sørge-", "for-ansvaret"]) == "sitt sørge-for-ansvaret"
    assert join_lines(["redusere Ikke-", "smittsomme sykdommer"]) == "redusere Ikke-smittsomme sykdommer"
    assert join_lines(["St. 27 (2022–", "2023) Eit godt liv"]) == "St. 27 (2022–2023) Eit godt liv"
    assert join_lines(["enhetens mor-barn-venn-", "lige program"]) == "enhetens mor-barn-vennlige program"
