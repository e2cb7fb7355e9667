"""The logical document every extractor reads: lines with provenance, and blocks built once from them."""

from hdir_extract.document.model import Block, Box, Cell, Document, Furniture, Kind, Line, Row, Span

__all__ = ["Block", "Box", "Cell", "Document", "Furniture", "Kind", "Line", "Row", "Span"]
