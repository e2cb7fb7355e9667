"""bevilgninger: every amount per kapittel and post, in whole kroner, from the four document types.

One parser per table flavour behind the small shared base in `common`:
- `prop`: Prop. 1 S kapittel tables, "Forslag til vedtak" and its fullmakt tables;
- `tildelingsbrev`: allocation tables of the main letter and supplementary letters' change tables;
- `aarsrapport`: the bevilgningsrapportering (Tabell 6-1) and Note A as a cross-check.
Each returns `Bevilgning` rows plus `Kontroll` rows for every printed sum it can reconcile.
"""

from __future__ import annotations

from hdir_extract.document import Document
from hdir_extract.extractors.bevilgninger.common import Ctx
from hdir_extract.extractors.brev.index import DocIndex
from hdir_extract.models import Record


def extract(doc: Document, index: DocIndex | None = None) -> list[Record]:
    """`index`: the pipeline's shared views of `doc` (built here when not given)."""
    from hdir_extract.extractors.bevilgninger import aarsrapport, prop, tildelingsbrev

    ctx = Ctx(doc)
    if doc.dokumenttype == "prop_1_s":
        prop.extract_prop(ctx)
    elif doc.dokumenttype in ("tildelingsbrev", "oppdragsdokument"):
        letters = (index.of(doc) if index is not None else DocIndex(doc)).letters
        tildelingsbrev.extract_tildelingsbrev(ctx, letters)
    elif doc.dokumenttype == "aarsrapport":
        aarsrapport.extract_aarsrapport(ctx)
    return [*ctx.rows, *ctx.checks]
