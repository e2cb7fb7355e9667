"""Norwegian line-break de-hyphenation (parsing.text.join_lines) on line pairs as printed in the corpus.

Every case is copied from a real document of data/raw (most from Meld. St. 9 (2023–2024), a two-column
PDF rendered to text); the expected value is how a person reads the joined text.
"""

from __future__ import annotations

import pytest

from hdir_extract.parsing.text import join_lines, join_two


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a word broken over the line: the hyphen goes
        (
            [
                "gjennomgå bestemmelsene i spesialisthelsetje-",
                "nesteloven som beskriver virksomhetenes plik-",
                "ter, slik at ansvaret er tydelig nok definert",
            ],
            "gjennomgå bestemmelsene i spesialisthelsetjenesteloven som beskriver virksomhetenes plikter, "
            "slik at ansvaret er tydelig nok definert",
        ),
        # the column break leaves a blank line inside the item
        (
            [
                "legge til rette for en framtidsrettet og bære-",
                "",
                "kraftig allmennlegetjeneste gjennom å endre",
            ],
            "legge til rette for en framtidsrettet og bærekraftig allmennlegetjeneste gjennom å endre",
        ),
        # a capitalised word broken before a lower-case part is still one word
        (
            ["med relevante aktører under ledelse av Hel-", "sedirektoratet, for nasjonal samordning"],
            "med relevante aktører under ledelse av Helsedirektoratet, for nasjonal samordning",
        ),
        (
            ["Videreføre, utvide og styrke Tørn-program-", "met."],
            "Videreføre, utvide og styrke Tørn-programmet.",
        ),
        # suspension hyphen before og / eller stays, with its space
        (
            [
                "Likestille offentlige og privatfinansierte helse-",
                "og omsorgstjenester med hensyn til rapport-",
                "eringskrav",
            ],
            "Likestille offentlige og privatfinansierte helse- og omsorgstjenester med hensyn til "
            "rapporteringskrav",
        ),
        (
            ["alle tiltak innenfor Helse- og omsorgs-", "departementets sektoransvar"],
            "alle tiltak innenfor Helse- og omsorgsdepartementets sektoransvar",
        ),
        (
            ["nasjonale innsatsområder for bedre pasient- og", "brukersikkerhet."],
            "nasjonale innsatsområder for bedre pasient- og brukersikkerhet.",
        ),
        (
            ["res som behandlings- og/eller rehabilite-", "ringsmål i helse- og omsorgstjenesten"],
            "res som behandlings- og/eller rehabiliteringsmål i helse- og omsorgstjenesten",
        ),
        # the hyphen belongs to the word: digit or capital before it, single letter, capital after it
        (
            [
                "at kommuner og helseforetak kan opprette LIS1-",
                "stillinger og redusere fastlegenes oppgaver.",
            ],
            "at kommuner og helseforetak kan opprette LIS1-stillinger og redusere fastlegenes oppgaver.",
        ),
        (
            ["endringer i forskrift om standarder og nasjonale e-", "helseløsninger med tilhørende høring"],
            "endringer i forskrift om standarder og nasjonale e-helseløsninger med tilhørende høring",
        ),
        (
            ["Boks 3.4 Helsekompetanse i Helse Sør-", "Østs regionale utviklingsplan"],
            "Boks 3.4 Helsekompetanse i Helse Sør-Østs regionale utviklingsplan",
        ),
        (["samarbeid mellom RHF-", "ene og kommunene"], "samarbeid mellom RHF-ene og kommunene"),
        # "ikke-" always keeps its hyphen; a break inside the second part does not
        (
            ["God helse og gode levekår henger sammen. Ikke-", "smittsomme sykdommer"],
            "God helse og gode levekår henger sammen. Ikke-smittsomme sykdommer",
        ),
        (
            ["omsorgstjenesten for å redusere ikke-smitt-", "somme sykdommer."],
            "omsorgstjenesten for å redusere ikke-smittsomme sykdommer.",
        ),
        # multi-part compounds broken at one of their hyphens
        (
            ["ivareta sitt sørge-for-", "ansvaret overfor befolkningen"],
            "ivareta sitt sørge-for-ansvaret overfor befolkningen",
        ),
        (
            ["ivareta sitt sørge-", "for-ansvaret overfor befolkningen"],
            "ivareta sitt sørge-for-ansvaret overfor befolkningen",
        ),
        (
            ["arbeidet med antibiotikaresistens-", "som-folkehelseproblem"],
            "arbeidet med antibiotikaresistens-som-folkehelseproblem",
        ),
        (
            ["I 2022 ble enhetens mor-barn-venn-", "lige program «Ammekyndig helsestasjon»"],
            "I 2022 ble enhetens mor-barn-vennlige program «Ammekyndig helsestasjon»",
        ),
        # number ranges and paragraph references broken after the dash
        (
            ["Regjeringen har lagt fram Meld. St. 27 (2022–", "2023) Eit godt liv i heile Noreg"],
            "Regjeringen har lagt fram Meld. St. 27 (2022–2023) Eit godt liv i heile Noreg",
        ),
        (
            ["Regional Committee for Europe: Astana, 24–", "26 October 2023"],
            "Regional Committee for Europe: Astana, 24–26 October 2023",
        ),
        (
            ["jf. spesialisthelsetjenesteloven § 2-", "5. Pasienten har en rett"],
            "jf. spesialisthelsetjenesteloven § 2-5. Pasienten har en rett",
        ),
        # a dash between words at the line end is punctuation, not a hyphen
        (
            ["Meld. St. 15 (2022–2023) Folkehelsemeldinga –", "Nasjonal strategi for utjamning"],
            "Meld. St. 15 (2022–2023) Folkehelsemeldinga – Nasjonal strategi for utjamning",
        ),
        (
            [
                "– revidere rundskriv I-4/2019 – Rett til nødven-",
                "dig helsehjelp fra spesialisthelsetjenesten",
            ],
            "– revidere rundskriv I-4/2019 – Rett til nødvendig helsehjelp fra spesialisthelsetjenesten",
        ),
        # runs of spaces from the PDF collapse
        (
            [
                "legger til grunn at digitale løsninger og innføring av",
                "ny teknologi  fortrinnsvis skal være",
            ],
            "legger til grunn at digitale løsninger og innføring av ny teknologi fortrinnsvis skal være",
        ),
        # a hyphenated URL host broken at a syllable
        (["(https://www.regje-", "ringen.no)"], "(https://www.regjeringen.no)"),
    ],
)
def test_join_lines_reads_like_a_person(lines, expected):
    assert join_lines(lines) == expected


def test_join_two_keeps_plain_lines_apart_by_one_space():
    assert join_two("gode tjenester for de prioriterte pasientgrup-", "pene") == (
        "gode tjenester for de prioriterte pasientgruppene"
    )
    assert join_two("helse- og omsorgstjenesten", "") == "helse- og omsorgstjenesten"
    assert join_two("", "tilbyr tjenestene.") == "tilbyr tjenestene."
    assert join_two("ressursbruk", "– be Helsedirektoratet") == "ressursbruk – be Helsedirektoratet"
