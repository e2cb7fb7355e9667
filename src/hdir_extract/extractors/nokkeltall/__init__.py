"""nokkeltall: reported key figures of the årsrapport, one value per row."""

from hdir_extract.extractors.nokkeltall.extractor import extract

__all__ = ["extract"]
