"""oppdrag extractor: every assignment of a tildelingsbrev bundle, and every mention of an assignment"""

from hdir_extract.extractors.oppdrag.extractor import extract

__all__ = ["extract"]
