"""The data contract: one pydantic model per output table.

These models are the single source of truth. `schemas/<table>.schema.json`, the Parquet column types,
the DuckDB comments and the README's data dictionary are all generated from them.
Every record table carries provenance: `dok_id`, `linje` (1-based line in the document's normalised
text, which for a .txt file is the line of the file itself) and `side` (page; null for text input).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

# "annet": recognised but not extracted (e.g. Prop. 1 LS); "ukjent": not recognised at all;
# "oppdragsdokument": the ministry's letter to a state enterprise (Norsk helsenett SF, the regional health
# authorities), the enterprise's counterpart of a tildelingsbrev: its own type, read by the same extractors
Dokumenttype = Literal[
    "tildelingsbrev", "oppdragsdokument", "aarsrapport", "prop_1_s", "meld_st", "annet", "ukjent"
]


class Record(BaseModel):
    """Base of every table row. `table` names the output table."""

    model_config = ConfigDict(extra="forbid", frozen=False)
    table: ClassVar[str] = ""
    #: columns that identify a row; used for sorting, the datapackage and `explain`
    key: ClassVar[tuple[str, ...]] = ()

    dok_id: str | None = Field(description="Document the record comes from (see `dokumenter`).")
    linje: int | None = Field(
        default=None, description="1-based line in the document text where the record's key value is printed."
    )
    side: int | None = Field(default=None, description="Page of that line (PDF input); null for text input.")

    def grounding_text(self) -> str | None:
        """The printed text that must stand on line `linje` (checked by `checks.grounding`)."""
        return None


class Dokument(Record):
    """One row per input document, recognised from its content."""

    table: ClassVar[str] = "dokumenter"
    key: ClassVar[tuple[str, ...]] = ("dok_id",)

    dok_id: str = Field(
        description="Stable document id: type, year and the first 8 hex digits of the sha256."
    )
    dokumenttype: Dokumenttype = Field(description="Recognised from the content, never from the file name.")
    aar: int | None = Field(
        description="tildelingsbrev: budget year; aarsrapport: reporting year; prop_1_s: budget year; "
        "meld_st: year of the royal resolution."
    )
    tittel: str | None = Field(description="Title as recognised from the text.")
    utsteder: str | None = Field(description="Issuing body (ministry or directorate).")
    mottaker: str | None = Field(
        default=None, description="Addressed agency or enterprise (letters), e.g. Helsedirektoratet."
    )
    kilde_fil: str = Field(description="File name in the raw folder.")
    sha256: str = Field(description="Hex sha256 of the raw file bytes.")
    format: Literal["txt", "md", "docx", "pdf", "html", "epub"] = Field(description="Input format.")
    antall_linjer: int = Field(description="Number of lines of the normalised text.")
    antall_sider: int | None = Field(description="Number of pages (PDF input).")


class Brev(Record):
    """Letters of a tildelingsbrev bundle: the main letter and its supplementary letters."""

    table: ClassVar[str] = "brev"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "brev_nr")

    brev_nr: int = Field(description="Order of the letter in the file (1 = first), not date order.")
    brevtype: Literal["tildelingsbrev", "tillegg", "oppdragsdokument"] = Field(
        description="Main letter, supplementary letter, or an oppdragsdokument to a state enterprise."
    )
    tillegg_nr: int | None = Field(
        default=None,
        description="The supplementary letter's printed number ('Supplerende tildelingsbrev nr. 2').",
    )
    mottaker: str | None = Field(default=None, description="Addressed agency or enterprise.")
    dato: dt.date | None = Field(description="Letter date; null where the letter prints none.")
    var_ref: str | None = Field(description="The ministry's reference ('Vår ref').")
    emne: str | None = Field(description="Subject line of the letter.")
    linje_start: int = Field(description="First line of the letter.")
    linje_slutt: int = Field(description="Last line of the letter.")


class Bevilgning(Record):
    """Budget amounts per kapittel, post, kind and year, in whole kroner."""

    table: ClassVar[str] = "bevilgninger"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "kapittel", "post", "belopstype", "aar", "linje")

    kapittel: int = Field(description="Budget chapter ('0702' -> 702).")
    kapittelnavn: str | None = Field(default=None, description="Chapter name.")
    post: int | None = Field(description="Budget post (item); null for a chapter total.")
    postnavn: str | None = Field(default=None, description="Full post name, joined across wrapped lines.")
    belopstype: str = Field(
        description="Kind of amount: regnskap, saldert_budsjett, forslag, forslag_vedtak, bevilgning, "
        "tildeling, tidligere_tildeling, ny_tildeling, sum_tildelt, samlet_tildeling, "
        "merutgift_mindreutgift, "
        "merinntekt_mindreinntekt, bestillingsfullmakt, tilsagnsfullmakt, "
        "postert_avgitte_belastningsfullmakter, avvik_fra_tildeling, korreksjon (a later letter's correction "
        "of an earlier letter's ny_tildeling)."
    )
    aar: int | None = Field(description="Year the amount refers to.")
    belop_nok: int | None = Field(description="Whole kroner (thousand-kroner tables multiplied by 1000).")
    merknad: str | None = Field(default=None, description="Text printed instead of an amount.")
    brev_nr: int | None = Field(default=None, description="Letter of the bundle the amount comes from.")
    brev_dato: dt.date | None = Field(
        default=None, description="Date of the supplementary letter; null in the main document."
    )
    kilde: str | None = Field(default=None, description="Table the amount was read from.")
    raw: str | None = Field(default=None, description="The amount as printed.")

    def grounding_text(self) -> str | None:
        return self.raw


class Oppdrag(Record):
    """Assignments given to the directorate in the tildelingsbrev and its supplementary letters."""

    table: ClassVar[str] = "oppdrag"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "oppdrag_id")

    oppdrag_id: str = Field(
        description="Normalised assignment id: PREFIX+YEAR-NN, the number zero-padded to two digits "
        "(TB2023-01, TTB2023-104). An oppdragsdokument numbers its assignments without a prefix "
        "('ID: 2026-03', again from 01 for every enterprise): the prefix is then the recipient's initials "
        "(Norsk helsenett SF -> NH2026-03, Helse Sør-Øst RHF -> HSO2026-03), unique per recipient and year."
    )
    raw: str | None = Field(default=None, description="The id as printed in the heading ('ID: 2026-03').")
    avdeling: str | None = Field(default=None, description="Responsible HOD department code, e.g. FHA.")
    tittel: str | None = Field(default=None, description="Title, joined across wrapped lines.")
    tekst: str | None = Field(default=None, description="Body text, page furniture removed, lines joined.")
    omraade: str | None = Field(default=None, description="Section the assignment stands under.")
    brev_nr: int | None = Field(default=None, description="Letter of the bundle it was given in.")
    brev_dato: dt.date | None = Field(default=None, description="Date of that letter.")
    frister: list[dt.date] = Field(default_factory=list, description="Deadlines stated, ISO dates.")
    refererer: list[str] = Field(
        default_factory=list, description="Sorted ids of other assignments mentioned."
    )
    unntatt_offentlighet: bool = Field(default=False, description="Exempt from public disclosure.")
    linje_slutt: int | None = Field(default=None, description="Last line of the assignment.")

    def grounding_text(self) -> str | None:
        return self.raw


class Referanse(Record):
    """Mentions of assignments and Storting resolutions outside their own definition."""

    table: ClassVar[str] = "referanser"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "linje", "type", "ref_id")

    type: Literal["oppdrag", "anmodningsvedtak"] = Field(description="What is referred to.")
    ref_id: str = Field(description="Normalised assignment id, or the resolution number.")
    sesjon: str | None = Field(default=None, description="Storting session when printed, e.g. 2023-2024.")
    raw: str | None = Field(default=None, description="The mention as printed.")
    fra_type: str | None = Field(default=None, description="Kind of record the mention stands in.")
    fra_id: str | None = Field(default=None, description="Id of that record.")

    def grounding_text(self) -> str | None:
        return self.ref_id if self.type == "anmodningsvedtak" else None


class OppdragHendelse(Record):
    """What a later letter did to an assignment: clarified it, changed it or withdrew it."""

    table: ClassVar[str] = "oppdrag_hendelser"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "oppdrag_id", "linje")

    oppdrag_id: str = Field(description="Normalised id of the assignment the event is about.")
    hendelse: Literal["presisering", "endring", "utgaar"] = Field(
        description="presisering (clarified), endring (changed, e.g. a new deadline) or utgaar (withdrawn)."
    )
    ny_oppdrag_id: str | None = Field(
        default=None, description="The event's own assignment id where the letter gives it one (TTB2023-04)."
    )
    brev_nr: int | None = Field(default=None, description="Letter of the document that made the change.")
    brev_dato: dt.date | None = Field(default=None, description="Date of that letter.")
    tillegg_nr: int | None = Field(default=None, description="Printed number of that supplementary letter.")
    frister: list[dt.date] = Field(default_factory=list, description="New deadlines stated, ISO dates.")
    tekst: str | None = Field(default=None, description="The event's text, joined.")
    raw: str | None = Field(default=None, description="The id as printed.")

    def grounding_text(self) -> str | None:
        return self.raw


class Anmodningsvedtak(Record):
    """The Storting's request resolutions and the government's follow-up."""

    table: ClassVar[str] = "anmodningsvedtak"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "sesjon", "vedtak_nr")

    sesjon: str | None = Field(description="Storting session, e.g. 2023-2024.")
    vedtak_nr: int = Field(description="Resolution number within the session.")
    dato: dt.date | None = Field(default=None, description="Date of the resolution.")
    stikkord: str | None = Field(default=None, description="Short title (overview table or entry heading).")
    overskrift: str | None = Field(default=None, description="Entry heading when it differs from stikkord.")
    vedtakstekst: str | None = Field(default=None, description="Resolution text without quotes, joined.")
    behandling: str | None = Field(default=None, description="What the resolution was made under.")
    rapportering_avsluttes: bool | None = Field(default=None, description="Overview table's Ja/Nei.")
    fulgt_opp: bool | None = Field(
        default=None, description="True when stated followed up; null when unsaid."
    )
    oppfolging: str | None = Field(default=None, description="Follow-up text.")
    kilde: str | None = Field(
        default=None, description="Where it was read: oversikt, omtale or lopende_tekst."
    )

    def grounding_text(self) -> str | None:
        return str(self.vedtak_nr)


class Nokkeltall(Record):
    """Reported key figures and indicator values from the årsrapport, one value per row."""

    table: ClassVar[str] = "nokkeltall"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "kilde", "indikator", "kolonne", "aar", "linje")

    kilde: str | None = Field(description="Table or section, e.g. 'Tabell 2-4', 'Nøkkeltall 1'.")
    kilde_type: Literal["tabell", "nokkeltall", "styringsparameter"] = Field(description="Kind of source.")
    indikator: str | None = Field(description="Row label or indicator name, footnote markers removed.")
    kolonne: str | None = Field(default=None, description="Column when it is not a year.")
    aar: int | None = Field(default=None, description="Year the document ties to the value.")
    periode: str | None = Field(default=None, description="Period within the year, e.g. 'første tertial'.")
    verdi: float | None = Field(description="The number as printed, in its printed unit.")
    enhet: str | None = Field(default=None, description="Unit as the text says: prosent, antall, årsverk, …")
    verditype: Literal["resultat", "maaltall"] = Field(
        default="resultat", description="Result or printed target."
    )
    raw: str | None = Field(default=None, description="The value as printed.")
    indikator_ref: str | None = Field(
        default=None, description="indikator_id of the matching indikatorer row."
    )

    def grounding_text(self) -> str | None:
        return self.raw


class Indikator(Record):
    """Indicators a tildelingsbrev asks to be reported (nøkkeltall, styringsparametere, …)."""

    table: ClassVar[str] = "indikatorer"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "linje")

    indikator_id: str = Field(description="Stable id: dok_id and line, e.g. tildelingsbrev-2023-xxxx:191.")
    omraade: str | None = Field(default=None, description="Area, e.g. Folkehelse.")
    maal_nr: int | None = Field(default=None, description="Goal number; null for lists outside a goal.")
    maal: str | None = Field(default=None, description="Goal text, joined.")
    type: Literal["nokkeltall", "styringsparameter", "vurderingskriterium"] = Field(
        description="Kind of item."
    )
    tekst: str = Field(description="The item, joined and de-hyphenated.")
    underpunkter: list[str] = Field(default_factory=list, description="Sub-items (a./b./o).")
    linje_slutt: int | None = Field(default=None, description="Last line of the item.")


class Tiltak(Record):
    """The government's commitments ("Regjeringen vil:") from white papers."""

    table: ClassVar[str] = "tiltak"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "kilde", "nr")

    kilde: str | None = Field(description="Box or section, e.g. 'Boks 4.1'.")
    kapittel: str | None = Field(default=None, description="Chapter number and title.")
    nr: int = Field(description="Order within the box or list.")
    tekst: str = Field(description="The commitment, joined and de-hyphenated.")
    linje_slutt: int | None = Field(default=None, description="Last line of the item.")
    grensetilfelle: bool = Field(
        default=False, description="Borderline list (not literally 'Regjeringen vil:')."
    )
    innledning: str | None = Field(
        default=None, description="The lead-in the item completes ('Regjeringen vil … gjennom å')."
    )
    underpunkter: list[str] = Field(default_factory=list, description="Nested sub-items, in order.")
    status: str | None = Field(default=None, description="The commitment's 'Status:' text where printed.")
    effekt: str | None = Field(default=None, description="The commitment's 'Effekt:' text where printed.")


class Sidemarg(Record):
    """Page furniture (running heads, footers, page numbers) kept out of the body text."""

    table: ClassVar[str] = "sidemarg"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "side", "posisjon", "tekst")

    tekst: str = Field(description="Page furniture text kept out of the body (header, footer, page number).")
    posisjon: Literal["topp", "bunn"] = Field(description="Top or bottom margin.")


class Linje(Record):
    """Every line of every document's normalised text: what `linje` points at, queryable in DuckDB."""

    table: ClassVar[str] = "linjer"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "linje")

    tekst: str = Field(description="The normalised text of the line.")


class Feil(Record):
    """Errors and warnings of the run, one line each, per file and stage."""

    table: ClassVar[str] = "feil"
    key: ClassVar[tuple[str, ...]] = ("fil", "stage", "feiltype")

    fil: str = Field(description="File name in the raw folder.")
    stage: str = Field(description="Where it happened: read, classify, an extractor's name, write.")
    feiltype: str = Field(description="Error type.")
    alvorlighet: Literal["feil", "advarsel"] = Field(description="'feil' (error) or 'advarsel' (warning).")
    melding: str = Field(description="One-line message for the analyst.")


class Kontroll(Record):
    """Cross-checks: printed sums, reconciliations and grounding, passed or failed."""

    table: ClassVar[str] = "kontroller"
    key: ClassVar[tuple[str, ...]] = ("dok_id", "kontroll", "nokkel", "linje")

    kontroll: str = Field(description="Kind of check, e.g. sum_kapittel, forankring, tidligere_pluss_ny.")
    nokkel: str = Field(description="What was checked, e.g. 'kap 700 forslag 2025'.")
    forventet: str | None = Field(description="The printed value (or the first of two disagreeing texts).")
    beregnet: str | None = Field(description="The computed value (or the second text).")
    avvik: float | None = Field(default=None, description="Difference where both sides are numbers.")
    ok: bool = Field(description="True when the check passed.")
    melding: str | None = Field(default=None, description="One sentence for the analyst.")


MODELS: tuple[type[Record], ...] = (
    Dokument,
    Brev,
    Bevilgning,
    Oppdrag,
    Referanse,
    OppdragHendelse,
    Anmodningsvedtak,
    Nokkeltall,
    Indikator,
    Tiltak,
    Sidemarg,
    Linje,
    Feil,
    Kontroll,
)
TABLES: dict[str, type[Record]] = {m.table: m for m in MODELS}


def table_of(record: Any) -> str:
    return type(record).table
