"""indikatorer extractor (not built yet: returns no records)."""

from __future__ import annotations

from hdir_extract.document import Document
from hdir_extract.models import Record


def extract(doc: Document) -> list[Record]:
    return []
