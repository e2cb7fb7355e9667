"""Cross-document links made after every document is extracted (e.g. nokkeltall -> indikatorer).

Pure function over the collected rows of all documents; returns the rows, possibly updated, and any
`kontroller` rows the linking produces.
"""

from __future__ import annotations

from typing import Any

Rows = dict[str, list[dict[str, Any]]]


def link_tables(tables: Rows) -> Rows:
    """Placeholder: no cross-document links yet."""
    return tables
