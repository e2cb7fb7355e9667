"""Norwegian numbers as printed: "1 234 567", "1 234,5", "−12", "– 3", "1.234.567", "-" (nil).

Judgement calls (also in the README's method notes):
- group separators: space, NBSP, narrow NBSP, thin space, and "." when every group after it has
  exactly three digits ("1.234" = 1234; babel reads it as 1.234, which is wrong here);
- decimal mark: comma. A lone "." with a non-three-digit tail ("2.5") is read as a decimal point;
- minus: "-", U+2212 and the en/em dash, optionally followed by a space;
- a lone dash ("-", "–", "−") is the printed nil: `parse_number` returns None for it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from hdir_extract.parsing.errors import ParseError

MINUS_CHARS = "-\u2212\u2013\u2014"
SPACE_CHARS = " \u00a0\u202f\u2009\u2007\t"
_NIL = regex.compile(rf"^[{MINUS_CHARS}]$")
_SPACES = regex.compile(rf"[{SPACE_CHARS}]")
_DOT_GROUPED = regex.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = regex.compile(r"^\d+(,\d+)?$")
_DOT_DECIMAL = regex.compile(r"^\d+\.\d+$")


class NumberError(ParseError):
    """The text is not a number in a Norwegian printed form."""


def parse_number(text: str) -> Decimal | None:
    """Parse a printed number exactly. Returns None for the printed nil dash."""
    s = text.strip(SPACE_CHARS)
    if not s:
        raise NumberError(f"empty number: {text!r}")
    if _NIL.match(s):
        return None
    sign = 1
    if s[0] in MINUS_CHARS:
        sign, s = -1, s[1:].lstrip(SPACE_CHARS)
    s = _SPACES.sub("", s)
    if _DOT_GROUPED.match(s):
        s = s.replace(".", "")
    elif _DOT_DECIMAL.match(s):
        pass
    elif not _PLAIN.match(s):
        raise NumberError(f"not a number: {text!r}")
    try:
        value = Decimal(s.replace(",", "."))
    except InvalidOperation as e:  # pragma: no cover - the patterns above exclude it
        raise NumberError(f"not a number: {text!r}") from e
    return sign * value


def parse_int(text: str) -> int | None:
    """Parse a printed whole number (e.g. an amount in kroner). None for the nil dash."""
    value = parse_number(text)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise NumberError(f"not a whole number: {text!r}")
    return int(value)
