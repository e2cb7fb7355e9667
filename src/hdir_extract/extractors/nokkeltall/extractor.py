"""nokkeltall: reported key figures of the årsrapport, one value per row.

Three sources, each in its own module, all pure functions over the document's blocks: numeric tables
(`tabell.py`), the statutory accounts and their notes (`regnskap.py`), and the prose of the
"Nøkkeltall N: <name>" / "Styringsparameter N – <name>" sections (`tekst.py`).
"""

from __future__ import annotations

from hdir_extract.document import Document
from hdir_extract.extractors.nokkeltall.printed import printed_lines, with_line_blocks
from hdir_extract.extractors.nokkeltall.regnskap import extract_accounts
from hdir_extract.extractors.nokkeltall.tabell import extract_tables
from hdir_extract.extractors.nokkeltall.tekst import extract_sections
from hdir_extract.models import Record


def extract(doc: Document) -> list[Record]:
    doc = with_line_blocks(doc)
    lines = printed_lines(doc)  # built once, read by all three (none changes it)
    return extract_tables(doc, lines) + extract_accounts(doc, lines) + extract_sections(doc, lines)
