"""The årsrapport's key figures and a tildelingsbrev's goal list give the same records from another
rendering: the tables typeset as Markdown pipe tables (caption line above, the unit in the header row)
and as a Word document built with python-docx, a goal list as a Markdown list with nested sub-items.
The values are compared with what the corpus text gives; `linje` points at the rendering's own line.
"""

from __future__ import annotations

import io

import docx
import pytest

from hdir_extract.document import Document
from hdir_extract.extractors import indikatorer, nokkeltall
from hdir_extract.models import Indikator, Kontroll, Nokkeltall
from hdir_extract.readers import read_document

AARSRAPPORT_MD = """\
---
title: Årsrapport 2023 Helsedirektoratet
---

# Årsrapport 2023

## 2.3 Nøkkeltall om virksomheten

Tabell 2-4 Nøkkeltall årsverk og utgifter

| Helsedirektoratet og POBO (ekskl Helfo) | 2023 | 2022 | 2021 | 2020 |
|---|---:|---:|---:|---:|
| Avtalte årsverk | 720 | 741 | 763 | 685 |
| Samlet tildeling post 01-99 (mill. kroner)[^7] | 8 882 | 9 236 | 13 023 | 10 022 |
| Utnyttelsesgrad post 1-29[^8] | 96 % | 87 % | 89 % | 89 % |
| Sum driftsutgifter (mill. kroner) | 1 815 | 2 047 | 2 002 | 1 673 |
| Lønnsandel av driftsutgifter | 41 % | 35 % | 36 % | 38 % |
| Lønnsutgifter per årsverk (hele tusen)[^9] | 1 154 | 1 088 | 1 072 | 1 035 |

[^7]: Nasjonale beredskapslagre for legemidler og smittevern er ikke inkludert

[^8]: Korrigert for ekstraordinære poster i 2022/2023

[^9]: Basert på antall utførte årsverk

Tabell 2-5 Kjøp av konsulenttjenester

| Kategori | Mill. kroner |
|---|---:|
| 670 Konsulenttjenester innen økonomi, revisjon og juss | 5,6 |
| 671 Konsulenttjenester til utvikling av programvare, IKT-løsninger mv. | 183,3 |
| 672 Konsulenttjenester til organisasjonsutvikling og kommunikasjonsrådgivning | 13,4 |
| 673 Andre konsulenttjenester | 84,3 |

## 6. Årsregnskap

Tabell 6-2 Artskontorapportering 31.12.2023

| Oppstilling av artskontorapporteringen 31.12.2023 | Note | 2023 | 2022 |
|---|---|---:|---:|
| Driftsinntekter rapportert til bevilgningsregnskapet | | | |
| Innbetalinger fra gebyrer | 1 | 48 052 301 | 50 673 308 |
| Innbetalinger fra tilskudd og overføringer | 1 | 129 828 392 | 114 039 845 |
| Salgs- og leieinnbetalinger | 1 | 29 162 522 | 60 227 547 |
| Andre innbetalinger | 1 | 2 134 511 | 126 600 |
| Sum innbetalinger fra drift | | 209 177 726 | 225 067 300 |

### Note 7 Tilskuddsforvaltning og andre overføringer fra staten

| | 31.12.2023 | 31.12.2022 |
|---|---:|---:|
| Tilskudd til kommuner og IKS | 15 627 983 399 | 14 905 337 378 |
| Tilskudd til utlandet | 515 000 147 | 260 559 266 |

## 7. Etatstyrers vurdering av underliggende etater

Tabell 7-1 Nøkkeltall Helfo

| Nøkkeltall for Helfo | 2023 | 2022 |
|---|---:|---:|
| Antall forpliktede årsverk | 426 | 431 |
| Antall besøk på helsenorge.no | 110 333 933 | 115 752 527 |
| Antall egenandeler registrert | 95 millioner | 94 millioner |
| Refusjonsutgifter totalt | 45,5 mrd. kr | 42,3 mrd. kr |
| Andel helseaktører som fremmer krav elektronisk over linje | 90 % | 90 % |

### Nøkkeltall 5 - Tilbakebetalt beløp

Tilbakekrevd beløp i 2023 er 98
millioner kroner.

Refusjonskrav på 1,03 mrd. kroner er avvist eller avkortet gjennom automatisert kontroll.
"""

# the goal list of "3.3 Mindre sosial ulikhet" in the 2026 letter, and Mål 9 of the 2023 letter
TILDELINGSBREV_MD = """\
# Tildelingsbrev 2026 – Helsedirektoratet

### 3.3. Mindre sosial ulikhet i helse og i bruken av helse- og omsorgstjenester

I rapportering og vurdering av måloppnåelse skal Helsedirektoratet redegjøre for hvordan direktoratet
gjennom sine virkemidler og aktiviteter bidrar til måloppnåelse.

#### 3.3.1. Styringsparametere

- Helsedirektoratet skal tilrettelegge for å ta i bruk anbefalte virkemidler for å redusere sosial
  ulikhet i helse
- Helsedirektoratet skal bidra til økt helsekompetanse i befolkningen

#### 3.3.2. Nøkkeltall

- Utviklingen i sosial ulikhet i helse:
  - Minoritetsbefolkning
  - Trangboddhet
  - Lavinntektsfamilier
  - Utdanningsnivå
- Helsekompetansen i befolkningen

#### 3.3.3. Oppdrag

Helsedirektoratet skal følge opp handlingsplanen.
"""

MAAL_9_MD = """\
## 2.3 Beredskap

### 2.3.1 Mål, vurderingskriterier, styringsparametere og nøkkeltall

Mål 9: Den nasjonale helseberedskapen er robust, samordnet og effektiv ved kriser og katastrofer

Vurderingskriterier:

- Oppdatert og tilgjengeliggjort kunnskap om
  - a. risiko og sårbarhet i helse- og omsorgssektoren
  - b. status for beredskapstiltak og –virkemidler i helse- og omsorgssektoren
  - c. status for forebyggende sikkerhetstiltak
- Robuste, koordinerte og forberedte systemer
- Robust tilgang til kompetanse, innsatsfaktorer og infrastruktur
- Direktoratets egenberedskap og interne sikkerhet for uønskede hendelser som berører sektoren

### 2.3.2 Tildelinger
"""


def _read(name: str, data: bytes, dokumenttype: str, aar: int) -> Document:
    doc = read_document(name, data)
    return doc.classified(f"{dokumenttype}-{aar}-test", dokumenttype, aar, None, None)


def _values(doc: Document) -> list[Nokkeltall]:
    return [r for r in nokkeltall.extract(doc) if isinstance(r, Nokkeltall)]


def _key(r: Nokkeltall) -> tuple:
    return (r.kilde, r.indikator, r.aar, r.verdi, r.enhet)


@pytest.fixture(scope="module")
def text_values(corpus_docs) -> set[tuple]:
    return {_key(r) for r in _values(corpus_docs[("aarsrapport", 2023)])}


@pytest.fixture(scope="module")
def markdown() -> Document:
    return _read("aarsrapport-2023.md", AARSRAPPORT_MD.encode(), "aarsrapport", 2023)


def _line_of(doc: Document, text: str) -> int:
    return next(ln.no for ln in doc.lines if text in ln.text)


def test_markdown_tables_give_the_text_values(markdown: Document, text_values: set[tuple]):
    values = _values(markdown)
    avtalte = {r.aar: (r.verdi, r.enhet) for r in values if r.indikator == "Avtalte årsverk"}
    assert avtalte == {2023: (720, "årsverk"), 2022: (741, "årsverk"), 2021: (763, "årsverk"),
                       2020: (685, "årsverk")}  # fmt: skip
    # footnote references are no part of a label; units as printed, or named by the label or header
    assert {r.enhet for r in values if r.indikator == "Utnyttelsesgrad post 1-29"} == {"prosent"}
    assert {r.enhet for r in values if r.indikator == "Lønnsutgifter per årsverk (hele tusen)"} == {
        "tusen kroner"
    }
    assert {r.verdi: r.enhet for r in values if r.kilde == "Tabell 2-5"} == {
        5.6: "mill. kroner", 183.3: "mill. kroner", 13.4: "mill. kroner", 84.3: "mill. kroner"}  # fmt: skip
    assert {(r.verdi, r.enhet) for r in values if r.indikator == "Refusjonsutgifter totalt"} == {
        (45.5, "mrd. kroner"), (42.3, "mrd. kroner")}  # fmt: skip
    # every value of the rendering is one the text gives (kilde, label, year, value and unit alike)
    tables = [r for r in values if r.kilde_type == "tabell"]
    assert len(tables) == 24 + 4 + 10 + 4 + 10
    assert [_key(r) for r in tables if _key(r) not in text_values] == []
    # linje is the rendering's own line: the row of the value
    row = _line_of(markdown, "Avtalte årsverk")
    assert {r.linje for r in values if r.indikator == "Avtalte årsverk"} == {row}


def test_markdown_accounts_and_sums(markdown: Document):
    records = nokkeltall.extract(markdown)
    gebyrer = [(r.aar, r.verdi) for r in records if isinstance(r, Nokkeltall) and r.linje == _line_of(
        markdown, "Innbetalinger fra gebyrer")]  # fmt: skip
    assert gebyrer == [(2023, 48052301), (2022, 50673308)]  # the Note column is no value
    utlandet = {r.aar: r.verdi for r in records if isinstance(r, Nokkeltall) and r.kilde == "Note 7"
                and r.indikator == "Tilskudd til utlandet"}  # fmt: skip
    assert utlandet == {2023: 515000147, 2022: 260559266}
    sums = [r for r in records if isinstance(r, Kontroll) and r.kontroll == "tabell_sum"]
    assert [(r.linje, r.ok) for r in sums] == [(_line_of(markdown, "Sum innbetalinger fra drift"), True)]


def test_markdown_narrative_value_on_the_line_of_its_digits(markdown: Document):
    tilbake = [r for r in _values(markdown) if r.kilde == "Nøkkeltall 5"]
    assert [(r.indikator, r.verdi, r.enhet, r.aar) for r in tilbake] == [
        ("Tilbakebetalt beløp", 98, "mill. kroner", 2023),
        ("Tilbakebetalt beløp", 1.03, "mrd. kroner", None),
    ]
    # "… er 98" / "millioner kroner.": the digits stand on the first line, the unit on the next
    assert tilbake[0].linje == _line_of(markdown, "Tilbakekrevd beløp i 2023 er 98")


def _docx() -> bytes:
    d = docx.Document()
    d.add_heading("Årsrapport 2023", level=1)
    d.add_heading("Nøkkeltall om virksomheten", level=2)
    d.add_paragraph("Tabell 2-4 Nøkkeltall årsverk og utgifter", style="Caption")
    _table(d, [
        ["Helsedirektoratet og POBO (ekskl Helfo)", "2023", "2022", "2021", "2020"],
        ["Avtalte årsverk", "720", "741", "763", "685"],
        ["Utnyttelsesgrad post 1-29", "96 %", "87 %", "89 %", "89 %"],
        ["Sum driftsutgifter (mill. kroner)", "1 815", "2 047", "2 002", "1 673"],
        ["Lønnsutgifter per årsverk (hele tusen)", "1 154", "1 088", "1 072", "1 035"],
    ])  # fmt: skip
    # a caption in a plain paragraph right above its table, the unit in the header row
    d.add_paragraph("Tabell 2-5 Kjøp av konsulenttjenester")
    _table(d, [
        ["Kategori", "Mill. kroner"],
        ["670 Konsulenttjenester innen økonomi, revisjon og juss", "5,6"],
        ["673 Andre konsulenttjenester", "84,3"],
    ])  # fmt: skip
    d.add_heading("Nøkkeltall 5 - Tilbakebetalt beløp", level=3)
    d.add_paragraph("Tilbakekrevd beløp i 2023 er 98 millioner kroner.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _table(d, rows: list[list[str]]) -> None:
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text


def test_docx_tables_give_the_text_values(text_values: set[tuple]):
    doc = _read("aarsrapport-2023.docx", _docx(), "aarsrapport", 2023)
    values = _values(doc)
    avtalte = {r.aar: (r.verdi, r.enhet) for r in values if r.indikator == "Avtalte årsverk"}
    assert avtalte == {2023: (720, "årsverk"), 2022: (741, "årsverk"), 2021: (763, "årsverk"),
                       2020: (685, "årsverk")}  # fmt: skip
    consultants = {r.verdi: r.enhet for r in values if r.kilde == "Tabell 2-5"}
    assert consultants == {5.6: "mill. kroner", 84.3: "mill. kroner"}
    tables = [r for r in values if r.kilde_type == "tabell"]
    assert len(tables) == 16 + 2
    assert [_key(r) for r in tables if _key(r) not in text_values] == []
    # a DOCX line is a paragraph or a table row: the value's row
    assert {r.linje for r in values if r.indikator == "Avtalte årsverk"} == {_line_of(doc, "Avtalte årsverk")}
    assert [(r.verdi, r.enhet, r.aar) for r in values if r.kilde == "Nøkkeltall 5"] == [
        (98, "mill. kroner", 2023)
    ]


def _items(text: str, aar: int) -> list[Indikator]:
    doc = _read(f"tildelingsbrev-{aar}.md", text.encode(), "tildelingsbrev", aar)
    return [r for r in indikatorer.extract(doc) if isinstance(r, Indikator)]


def _same_items(rendered: list[Indikator], text: list[Indikator]) -> None:
    def key(r: Indikator) -> tuple:
        return (r.maal_nr, r.maal, r.type, r.tekst, tuple(r.underpunkter))

    assert [key(r) for r in rendered] == [key(r) for r in text]


def test_markdown_goal_section_gives_the_text_items(corpus_docs):
    rendered = _items(TILDELINGSBREV_MD, 2026)
    text = [r for r in indikatorer.extract(corpus_docs[("tildelingsbrev", 2026)]) if r.maal_nr == 3]
    assert [(r.type, r.tekst) for r in rendered][2:] == [
        ("nokkeltall", "Utviklingen i sosial ulikhet i helse:"),
        ("nokkeltall", "Helsekompetansen i befolkningen"),
    ]
    # a nested list of the same marker is the item's sub-items
    assert rendered[2].underpunkter == [
        "Minoritetsbefolkning",
        "Trangboddhet",
        "Lavinntektsfamilier",
        "Utdanningsnivå",
    ]
    _same_items(rendered, text)


def test_markdown_goal_list_with_lettered_sub_items(corpus_docs):
    rendered = _items(MAAL_9_MD, 2023)
    text = [r for r in indikatorer.extract(corpus_docs[("tildelingsbrev", 2023)]) if r.maal_nr == 9]
    assert rendered[0].underpunkter == [
        "risiko og sårbarhet i helse- og omsorgssektoren",
        "status for beredskapstiltak og –virkemidler i helse- og omsorgssektoren",
        "status for forebyggende sikkerhetstiltak",
    ]
    assert {(r.type, r.maal_nr, r.omraade) for r in rendered} == {("vurderingskriterium", 9, "Beredskap")}
    _same_items(rendered, text)
