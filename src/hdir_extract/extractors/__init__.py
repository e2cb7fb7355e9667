"""One extractor per record type: a pure function `extract(doc) -> list[Record]`.

The registry says which document types each extractor reads. The pipeline runs every applicable
extractor inside its own error boundary, so one failing extractor never costs the others their rows.
An extractor may also return `Kontroll` rows (its cross-checks) and `Referanse` rows (mentions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hdir_extract.document import Document
from hdir_extract.extractors import (
    anmodningsvedtak,
    bevilgninger,
    brev,
    indikatorer,
    nokkeltall,
    oppdrag,
    tiltak,
)
from hdir_extract.models import Record

Extractor = Callable[[Document], list[Record]]
LETTERS = frozenset({"tildelingsbrev", "oppdragsdokument"})
ALL_TYPES = LETTERS | {"aarsrapport", "prop_1_s", "meld_st"}


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    name: str
    doc_types: frozenset[str]
    func: Extractor
    #: the table whose emptiness means "found nothing" (a warning for the analyst)
    main_table: str
    #: document types where finding nothing is expected (no warning)
    may_be_empty: frozenset[str] = frozenset()
    #: found only in a main letter: a file of supplementary letters alone is expected to give none (their
    #: goals and indicators are the main letter's)
    main_letter_only: bool = False
    #: `func` takes the document's shared views as a second argument (`DocIndex`)
    takes_index: bool = False


EXTRACTORS: tuple[ExtractorSpec, ...] = (
    ExtractorSpec("brev", LETTERS, brev.extract, "brev", takes_index=True),
    ExtractorSpec(
        "oppdrag",
        ALL_TYPES,
        oppdrag.extract,
        "oppdrag",
        may_be_empty=frozenset({"aarsrapport", "prop_1_s", "meld_st"}),
        takes_index=True,
    ),
    ExtractorSpec(
        "bevilgninger",
        LETTERS | {"aarsrapport", "prop_1_s"},
        bevilgninger.extract,
        "bevilgninger",
        takes_index=True,
    ),
    ExtractorSpec(
        "anmodningsvedtak",
        ALL_TYPES,
        anmodningsvedtak.extract,
        "anmodningsvedtak",
        may_be_empty=LETTERS | {"aarsrapport"},
    ),
    ExtractorSpec(
        "indikatorer",
        frozenset({"tildelingsbrev"}),
        indikatorer.extract,
        "indikatorer",
        main_letter_only=True,
    ),
    ExtractorSpec("nokkeltall", frozenset({"aarsrapport"}), nokkeltall.extract, "nokkeltall"),
    ExtractorSpec(
        "tiltak",
        frozenset({"meld_st", "prop_1_s"}),
        tiltak.extract,
        "tiltak",
        may_be_empty=frozenset({"prop_1_s"}),
    ),
)


def applicable(dokumenttype: str) -> list[ExtractorSpec]:
    return [e for e in EXTRACTORS if dokumenttype in e.doc_types]
