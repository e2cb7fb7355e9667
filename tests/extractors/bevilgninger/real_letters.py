"""Real letters in other renderings (../shared/real), read as the pipeline reads them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from hdir_extract.document import Document
from hdir_extract.extractors.bevilgninger import extract
from hdir_extract.models import Bevilgning, Kontroll
from hdir_extract.pipeline import classified
from hdir_extract.readers import read_document

ROOT = Path(__file__).resolve().parents[3]
REAL = ROOT.parent / "shared" / "real"
NR1 = "supplerende-tildelingsbrev-2026-nr1-helsedirektoratet.md"
NR2 = "supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md"
NR4 = "supplerende-tildelingsbrev-2026-nr4-helsedirektoratet.md"
NHN = "oppdragsdokument-2026-norsk-helsenett.md"


def real_path(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared real documents are not mounted)")
    if path.suffix == ".md" and importlib.util.find_spec("hdir_extract.readers.markdown") is None:
        pytest.skip("the Markdown reader (readers/markdown) is not on this branch yet")
    return path


def real_letter(name: str, dokumenttype: str | None = None) -> Document:
    """A real letter read and classified as the pipeline does; `dokumenttype` overrides the class
    (an oppdragsdokument before its classification lands)."""
    path = real_path(name)
    doc = classified(read_document(path.name, path.read_bytes()))[0]
    if dokumenttype is not None:
        doc = doc.classified(f"{dokumenttype}-2026-test", dokumenttype, 2026, doc.tittel, doc.utsteder)
    return doc


def split(recs: list) -> tuple[list[Bevilgning], list[Kontroll]]:
    return [r for r in recs if isinstance(r, Bevilgning)], [r for r in recs if isinstance(r, Kontroll)]


def rows_of(doc: Document) -> tuple[list[Bevilgning], list[Kontroll]]:
    return split(extract(doc))


def pick(
    rows: list[Bevilgning], kap: int, post: int, kind: str | None = None
) -> list[tuple[str, int | None]]:
    return [
        (r.belopstype, r.belop_nok)
        for r in sorted(rows, key=lambda r: r.linje or 0)
        if r.kapittel == kap and r.post == post and kind in (None, r.belopstype)
    ]


def tables_of(*paths: Path, extra: dict[str, list[dict]] | None = None) -> dict[str, list[dict]]:
    """The pipeline's tables for these files taken together (each file its own document, as the
    letters are: no deduplication), cross-document checks included."""
    from hdir_extract.pipeline import collect, extract_bytes

    results = [extract_bytes(p.name, p.read_bytes()) for p in paths]
    if extra:
        results[0].tables = {
            k: [*results[0].tables.get(k, []), *extra.get(k, [])] for k in {*results[0].tables, *extra}
        }
    return collect(results)
