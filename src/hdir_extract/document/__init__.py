"""The logical document every extractor reads: lines with provenance, and blocks built once from them."""

from hdir_extract.document.model import Document, Line

__all__ = ["Document", "Line"]
