"""Shared parsers for what every extractor meets: Norwegian numbers, dates, sessions, assignment ids
and prose text. Extractors use these; none writes its own. Each raises its own typed error."""

from hdir_extract.parsing.dates import DateError, YearMonth, find_dates, parse_date, parse_month
from hdir_extract.parsing.errors import ParseError
from hdir_extract.parsing.ids import IdError, find_ids, normalise_id
from hdir_extract.parsing.numbers import NumberError, parse_int, parse_number
from hdir_extract.parsing.sessions import SessionError, parse_session, session_for_date

__all__ = [
    "DateError",
    "IdError",
    "NumberError",
    "ParseError",
    "SessionError",
    "YearMonth",
    "find_dates",
    "find_ids",
    "normalise_id",
    "parse_date",
    "parse_int",
    "parse_month",
    "parse_number",
    "parse_session",
    "session_for_date",
]
