"""PDF reader: pypdfium2 characters -> lines in reading order with page provenance, furniture aside."""

from hdir_extract.readers.pdf.reader import read_pdf

__all__ = ["read_pdf"]
