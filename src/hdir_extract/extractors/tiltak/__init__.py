"""tiltak: the government's commitments ("Regjeringen vil") from white papers (Meld. St.)."""

from hdir_extract.extractors.tiltak.extractor import extract

__all__ = ["extract"]
