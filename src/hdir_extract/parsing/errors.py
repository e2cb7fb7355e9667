"""Typed parse errors: callers catch these, never a bare ValueError."""


class ParseError(ValueError):
    """Base of every parser's error: the input does not have the expected form."""
