"""brev extractor: the letters of a tildelingsbrev bundle (main letter and supplementary letters),"""

from hdir_extract.extractors.brev.extractor import extract

__all__ = ["extract"]
