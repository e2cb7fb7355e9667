"""DOCX reader: paragraphs and table rows -> lines, styles and Word's numbering -> blocks and boxes."""

from hdir_extract.readers.docx.reader import read_docx

__all__ = ["read_docx"]
