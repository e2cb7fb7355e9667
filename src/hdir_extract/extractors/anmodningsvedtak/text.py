"""Reading the prose around a resolution: what it was made under (behandling) and whether the
follow-up says it is done (fulgt_opp)."""

from __future__ import annotations

import regex

# words that end in a full stop without ending the sentence ("Meld. St. 9", "jf. Innst. 16 S")
_ABBREV = {
    "prop",
    "st",
    "meld",
    "innst",
    "lnnst",
    "jf",
    "ifm",
    "nr",
    "kap",
    "bl",
    "a",
    "mv",
    "kgl",
    "res",
    "dok",
    "pst",
    "ca",
    "dvs",
    "d",
    "å",
    "f",
    "eks",
    "m",
    "fl",
    "mill",
    "mrd",
    "kr",
    "ev",
    "evt",
    "inkl",
}
_SENTENCE_END = regex.compile(r"\.(?=\s+[\p{Lu}«\d]|\s*$)")
_LEAD = regex.compile(
    r"^(?:Anmodnings)?vedtak\w*(?:\s+(?:nr\.\s*)?\d+(?:\s*(?:,|og)\s*\d+)*)?\s+"
    r"(?:ble|er|var|har\s+blitt|blei)\s+(?:truffet|fattet|gjort)\s+",
    regex.IGNORECASE,
)
_CONTEXT = regex.compile(r"^(?:i\s+forbindelse\s+med|ifm\.|ved|under|i|på)\s+", regex.IGNORECASE)
_BEHANDLING = regex.compile(
    r"^(?:(?:første|andre|annen)\s+)?(?:Stortingets\s+)?(?:behandling(?:en)?)\s+(?:av\s+)?",
    regex.IGNORECASE,
)
# references to parliamentary documents: "Prop. 1 S (2023–2024)", "Dokument 8: 109 S (2019–2020)"
_REF = regex.compile(
    r"(?:Prop\.|Meld\.\s*St\.|Dokument|Representantforslag|[Il]nnst\.)\s*\d+(?:\s*:\s*\d+)?"
    r"(?:\s*[A-Z])?\s*\(\d{4}\s*[-\u2013\u2014\u2212]\s*\d{4}\)"
)


# searched backwards from the end ((?r)): a forward search would try every start in the line
_LAST_LETTERS = regex.compile(r"(?r)(\p{L}+)$")
_LAST_WORD_DOT = regex.compile(r"(?r)([\p{L}\p{N}]+)\.$")
_DIGIT_COLON = regex.compile(r"\d:$")
_ORDINAL = regex.compile(r"\d{1,3}")


def first_sentence(text: str) -> tuple[str, str]:
    """Split off the first sentence (abbreviations such as "Meld. St." do not end it)."""
    for m in _SENTENCE_END.finditer(text):
        word = _LAST_LETTERS.search(text, 0, m.start())
        if word and word.group(1).lower() in _ABBREV:
            continue
        return text[: m.end()].strip(), text[m.end() :].strip()
    return text.strip(), ""


def line_ends_sentence(line: str) -> bool:
    """Whether a wrapped line ends its sentence: final punctuation that is not an abbreviation
    ("jf.", "Meld. St.") or an ordinal ("det 165. storting"; a year of four digits does end one:
    "… samhandlingsplan 2024–2027.")."""
    s = line.rstrip()
    if not s.endswith((".", ":", ";", "!", "?", "»", '"', "”")):
        return False
    if s.endswith(":") and s[-2:-1].isdigit() and _DIGIT_COLON.search(s):
        return False  # a document number broken after its colon ("Dokument 8:" / "218 S")
    if s.endswith("."):
        word = _LAST_WORD_DOT.search(s)
        if word and (word.group(1).lower() in _ABBREV or _ORDINAL.fullmatch(word.group(1))):
            return False
    return True


def is_behandling(sentence: str) -> bool:
    return bool(_LEAD.match(sentence))


def behandling_of(sentence: str) -> str | None:
    """ "Vedtaket ble truffet ved behandling av Meld. St. 9 (2023–2024) <title>, jf. Innst. 387 S
    (2023–2024)." -> "Meld. St. 9 (2023–2024), jf. Innst. 387 S (2023–2024)"; without document
    references the occasion itself ("trontaledebatten 6. oktober 2020")."""
    s = _LEAD.sub("", sentence.strip(), count=1)
    s = _CONTEXT.sub("", s, count=1)
    s = _BEHANDLING.sub("", s, count=1)
    s = s.rstrip(" .:")
    return compact_refs(s) or (s or None)


def compact_refs(text: str) -> str | None:
    """Document references of a behandling, titles dropped: the matters, then "jf." the Innst."""
    # whitespace as in running text; a session dash split over a line break is closed up
    refs = [
        regex.sub(r"\s*([-\u2013\u2014\u2212])\s*(?=\d{4}\))", r"\1", regex.sub(r"\s+", " ", m.group(0)))
        for m in _REF.finditer(text)
    ]
    if not refs:
        return None
    main = [r for r in refs if not r.lower().startswith(("innst", "lnnst"))]
    innst = [
        "I" + r[1:] if r.startswith("l") else r for r in refs if r.lower().startswith(("innst", "lnnst"))
    ]
    out = " og ".join(main)
    if innst:
        out = f"{out}, jf. {' og '.join(innst)}" if out else " og ".join(innst)
    return out


_DONE = regex.compile(
    r"\b(?:anses|ansees|anses\s+dermed|regnes)\s+(?:som\s+)?(?:fulgt\s+opp|utkvittert)", regex.I
)
_NOT_APPLICABLE = regex.compile(r"opphev|følges\s+(?:likevel\s+)?ikke\s+opp|ikke\s+følge\s+opp", regex.I)
_COMING_BACK = regex.compile(r"komme\s+tilbake\s+til\s+Stortinget", regex.I)
_FOLLOWED = regex.compile(
    r"\b(?:er|har\s+blitt|ble|har\s+fulgt)\s+(?:\p{L}+\s+)?(?:fulgt\s+opp|opp\s+fulgt)|\ber\s+ivaretatt|\ber\s+gjennomført",
    regex.I,
)
_CONTINUES = regex.compile(
    r"\b(?:vil|skal)\s+(?:\p{L}+\s+){0,3}(?:følge|følges|vurdere|komme|legge|sende|utrede|gjennomgå|sette)"
    r"|\bvil\s+bli\s+fulgt\s+opp|\bfølges\s+opp\b|\barbeidet\s+(?:fortsetter|pågår)|\bpåbegynt"
    r"|\btar\s+(?:foreløpig\s+)?sikte\s+på|\bRegjeringen\s+vil\b",
    regex.I,
)


def fulgt_opp(text: str) -> bool | None:
    """True when the follow-up says the resolution is followed up; False when the government will
    come back or the work continues; None when the text does not say (e.g. repeal is proposed)."""
    if not text:
        return None
    if _DONE.search(text):
        return True
    if _NOT_APPLICABLE.search(text):
        return None
    if _COMING_BACK.search(text):
        return False
    if _FOLLOWED.search(text):
        return True
    if _CONTINUES.search(text):
        return False
    return None


# the abbreviations a title may end in ("… helsepersonell mv.", "… m.m."); a sentence ends in others
# too ("… fredag 6. september d.å.")
_TITLE_ABBREV = {"mv", "mm", "m", "fl", "osv", "etc"}
#: a title is at most this long (an entry heading set over three lines of a narrow column)
_MAX_TITLE = 200


def is_title(text: str) -> bool:
    """A line or paragraph that reads as a title: short, starting with a capital or a digit (not in
    lower case, not with a bullet, a quote or a bracket: "(2021–2022)" is the end of a line), and not
    a sentence. It may end in an abbreviation ("… helsepersonell mv.") but not in
    sentence punctuation, a colon (a lead-in), a comma or a closing quote."""
    s = text.strip()
    if not s or len(s) > _MAX_TITLE or not (s[0].isupper() or s[0].isdigit()):
        return False
    if s.endswith((":", ";", ",", "!", "?", "»", '"', "”")):
        return False
    if first_sentence(s)[1]:
        return False  # two sentences ("… anses som fulgt opp. Varig tilskudd …")
    if s.endswith("."):
        # an abbreviation at the end ("… helsepersonell mv."), not a full stop (nor the year of a date:
        # "… trontaledebatten 5. oktober 2023.")
        word = regex.search(r"(\p{L}+)\.$", s)
        return bool(word) and word.group(1).lower() in _TITLE_ABBREV
    return True


def strip_quotes(text: str) -> str:
    """The resolution text without its outer «» (inner quotes stay); "«…».", the full stop outside the
    quote, ends the text once."""
    text = text.strip()
    if text.startswith("«"):
        text = text[1:]
    if text.endswith("»."):
        text = text[:-2] + ("" if text[-3:-2] in ".!?" else ".")
    elif text.endswith("»"):
        text = text[:-1]
    return text.strip()
