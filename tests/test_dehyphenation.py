"""Norwegian line-break de-hyphenation (parsing.text.join_lines) on line pairs as printed in the corpus.

Every case is copied from a real document of data/raw (most from Meld. St. 9 (2023–2024), a two-column
PDF rendered to text); the expected value is how a person reads the joined text.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

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
        # a case reference's open end before the letterhead's next field; a compound with a digit joins
        (["Vår ref 25/2306-", "Dato 27. februar 2026"], "Vår ref 25/2306- Dato 27. februar 2026"),
        (["intervensjonsstudien Magnet4-", "Europe."], "intervensjonsstudien Magnet4-Europe."),
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


# --- join_lines is linear and gives exactly what folding join_two over the lines gives -------------

_REF_LINE_HYPHEN = regex.compile(r"(?<=[\p{L}\p{N}])[-\u2010]$")
_REF_RANGE_DASH = regex.compile(r"\d\.?[\u2013\u2212-]$")


def _reference_keep_hyphen(left: str, right: str) -> bool:
    """The rules as first written: looking at the whole text joined so far (quadratic, but plain)."""
    first_word = regex.match(r"[\p{L}\p{N}]+", right)
    if not first_word:
        return True
    if first_word.group(0).lower() in {"og", "eller", "til", "enn"}:
        return True
    stem = regex.search(r"[\p{L}\p{N}]+(?=[-\u2010]$)", left)
    if stem is None or len(stem.group(0)) == 1:
        return True
    if stem.group(0).lower() == "ikke":
        return True
    token = left.split()[-1]
    is_url = "/" in token or "www." in token
    inner = regex.search(r"[-\u2010]([\p{L}]+)[-\u2010]$", token)
    compound_inner = {"for", "til", "i", "av", "på", "med", "mot", "og", "som", "over", "uten"}
    if inner and inner.group(1).lower() in compound_inner and not is_url:
        return True
    if regex.match(r"[\p{L}\p{N}]+[-\u2010]\p{L}", right) and not is_url:
        return True
    if stem.group(0)[-1].isupper() or stem.group(0)[-1].isdigit():
        return True
    return right[0].isupper() or right[0].isdigit()


def _reference_join_two(left: str, right: str) -> str:
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    if not right:
        return left
    if _REF_LINE_HYPHEN.search(left):
        if _reference_keep_hyphen(left, right):
            nxt = regex.match(r"[\p{L}\p{N}]+", right)
            sep = " " if nxt and nxt.group(0).lower() in {"og", "eller", "til", "enn"} else ""
            if regex.fullmatch(r"\d[\d/.]*-", left.rsplit(None, 1)[-1]) and right[0].isupper():
                sep = " "  # "25/2306-" / "Dato": a reference's open end, then the next field
            return left + sep + right
        return left[:-1] + right
    if _REF_RANGE_DASH.search(left) and right[0].isdigit():
        return left + right
    return left + " " + right


def _reference_join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if line.strip():
            out = _reference_join_two(out, line)
    return regex.sub(r"[ \t]+", " ", out).strip()


# pieces that exercise every rule: hyphens and en dashes at line ends, conjunctions, "ikke", compound
# inner words, capitals, digits, URLs ("/", "www."), tabs, blank lines and long unbroken words
_PIECES = st.sampled_from([
    "omsorgs-", "tjenesten", "helse-", "og", "eller", "ikke-", "sørge-for-", "for-", "ansvaret", "e-",
    "Covid-", "19", "NAV-", "Kontor", "(2022–", "2023)", "3.–", "4", "https://www.regje-", "ringen.no)",
    "ww", "w.", "/", "-", "\u2010", "–", " ", "  ", "\t", "a", "B", "lang" * 20 + "-", "x" * 70, "ikke",
    "mor-til-", "barn-smitte", "LIS1-", "ordningen", "over-", "25/2306-", "Dato",
])  # fmt: skip
_LINES = st.lists(st.lists(_PIECES, max_size=5).map("".join), max_size=12)


@settings(max_examples=3000, deadline=None)
@given(_LINES)
def test_join_lines_equals_the_plain_fold_of_join_two(lines: list[str]):
    assert join_lines(lines) == _reference_join_lines(lines)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_join_two_equals_the_plain_rules_on_any_text(left: str, right: str):
    assert join_two(left, right) == _reference_join_two(left, right)


def test_join_lines_runs_on_20000_lines():
    paragraph = [
        "Helsedirektoratet skal i samarbeid med helse-",
        "og omsorgstjenesten utvikle omsorgs-",
        "tjenesten (2022–",
        "2023) videre i tråd med https://www.regje-",
        "ringen.no",
        "",
    ]
    lines = paragraph * 3334
    joined = join_lines(lines[:20000])
    assert joined.startswith("Helsedirektoratet skal i samarbeid med helse- og omsorgstjenesten utvikle")
    assert "omsorgstjenesten (2022–2023) videre i tråd med https://www.regjeringen.no Helsedirektoratet" in (
        joined
    )
