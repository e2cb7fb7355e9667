"""anmodningsvedtak: the Storting's request resolutions, their follow-up, and every mention of them."""

from hdir_extract.extractors.anmodningsvedtak.extractor import extract

__all__ = ["extract"]
