"""indikatorer: the nøkkeltall, styringsparametere and vurderingskriterier a tildelingsbrev asks for."""

from hdir_extract.extractors.indikatorer.extractor import extract

__all__ = ["extract"]
