"""What the words say: titles, lead-ins, labels. Pure functions over one block's text.

The reading layer has decided what is a heading, a paragraph and a list item; what is left to the tiltak
rules is what the words of those blocks announce:
- a title "Regjeringen vil" (a box title, a heading at any level, or a line of its own, with or
  without a colon) announces the government's commitments;
- a lead-in sentence with "regjeringen vil" / "vil regjeringen" as subject and verb that ends where the
  items must complete it (a colon, or a word like "å", "gjennom", "ved") announces a list, unless it
  announces goals or results ("… følgende resultater:");
- "Status:", "Tiltak:" and "Effekt:" label a commitment's follow-up, not a new commitment.
"""

from __future__ import annotations

import regex

# Words a Norwegian sentence does not end with: a lead-in ending in one is completed by the items
# ("… gjennom å", "… gjennom", "… ved å", "… arbeidet for").
FUNCTION_WORDS = frozenset(
    {
        *("å", "og", "eller", "i", "for", "av", "til", "med", "om", "på", "fra", "gjennom", "ved", "mot"),
        *("som", "at", "en", "et", "ei", "den", "det", "de", "der", "samt", "under", "etter", "innen"),
        *("innenfor", "blant", "mellom", "hos", "uten", "over", "vil", "skal", "kan", "må", "bør", "både"),
        *("enten", "hvor", "når", "hvis", "fordi", "dersom", "slik"),
        # nynorsk
        *("frå", "ein", "eit", "dei", "innanfor", "utan", "anten", "kvar", "viss", "skal", "blant"),
    }
)
# "regjeringen" (bokmål) or "regjeringa" (nynorsk: white papers are written in either)
_GOVERNMENT = r"regjering(?:en|a)"
_SUBJECT_VERB = regex.compile(rf"\b{_GOVERNMENT}\s+vil\b|\bvil\s+{_GOVERNMENT}\b", regex.IGNORECASE)
# the announcement itself: "… at regjeringen vil:" (a sentence whose last words are the phrase)
_LITERAL = regex.compile(rf"\b{_GOVERNMENT}\s+vil\s*:?\s*$", regex.IGNORECASE)
# a title that is the phrase alone, whatever the markup left around it ("***Regjeringen vil***")
_TITLE = regex.compile(rf"^[\W_]*{_GOVERNMENT}\s+vil\s*:?[\W_]*$", regex.IGNORECASE)
# A colon sentence that announces goals or results lists goals, not commitments (issue 11).
_GOALS = regex.compile(
    r"\bfølg(?:end|jand)e\s+(?:\w+\s+)?(?:mål|målsettinger|resultater|resultatmål|resultat)\b"
    r"|\bmål(?:ene|a)?\s*(?:er)?\s*:\s*$",
    regex.IGNORECASE,
)
_SENTENCE_SPLIT = regex.compile(r"(?<=[.!?])\s+(?=[\p{Lu}«\d])")
_LAST_WORD = regex.compile(r"([\p{L}\p{N}]+)[\W_]*$")
_LABEL = regex.compile(r"^[\W_]*(status|tiltak|effekt)[\W_]*:[\W_]*(?=\S|$)", regex.IGNORECASE)
# a label inside an item's joined text, at a sentence start ("… i 2024. Status: Arbeidet er i gang.")
_INNER_LABEL = regex.compile(r"(?<=[.!?])\s+(?=(?:Status|Tiltak|Effekt)\s*:)")
_SENTENCE_END = regex.compile(r"[.!?:;»”)]\s*$")


def is_title(text: str) -> bool:
    """The phrase alone: "Regjeringen vil", "Regjeringen vil:" (a box title, a heading, a line)."""
    return bool(_TITLE.match(text.strip()))


def box_announces(title: str) -> bool:
    """A box whose title ends in the phrase ("Regjeringen vil", "Dette er hva regjeringen vil")."""
    return bool(_LITERAL.search(title.strip(" *_")))


def last_sentence(text: str) -> str:
    return _SENTENCE_SPLIT.split(text.strip())[-1]


def expects_items(text: str) -> bool:
    """The text stops where only items can complete it: a colon, or a function word ("… gjennom å")."""
    t = text.rstrip(" *_")
    if t.endswith(":"):
        return True
    m = _LAST_WORD.search(t)
    return m is not None and t[m.end(1) :].strip() == "" and m.group(1).casefold() in FUNCTION_WORDS


def announces(text: str) -> bool:
    """The last sentence has "regjeringen vil" as subject and verb and does not announce goals."""
    sentence = last_sentence(text)
    return bool(_SUBJECT_VERB.search(sentence)) and not _GOALS.search(sentence)


def is_lead_in(text: str) -> bool:
    """A lead-in of commitments: it announces them and stops where the items complete it."""
    return expects_items(text) and announces(text)


def is_literal(text: str) -> bool:
    """The announcement is the phrase itself ("… særskilt at regjeringen vil:"), not a borderline
    sentence that merely has the phrase as subject and verb ("Regjeringen vil … gjennom tre områder:")."""
    return is_title(text) or bool(_LITERAL.search(last_sentence(text)))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def first_letter_upper(text: str) -> bool | None:
    m = regex.search(r"\p{L}", text)
    return None if m is None else m.group(0).isupper()


def label(text: str) -> tuple[str, str] | None:
    """("status", rest) for "Status: …" (also "**Status:**", "Status:" alone with its text below)."""
    m = _LABEL.match(text)
    if m is None:
        return None
    return m.group(1).casefold(), text[m.end() :].strip()


def split_labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """An item's own text and the labelled parts a text layer joined to it ("… Status: …")."""
    parts = _INNER_LABEL.split(text)
    head, labelled = parts[0].strip(), []
    for part in parts[1:]:
        found = label(part)
        if found is None:  # cannot happen (the split is on a label), kept for safety
            head = f"{head} {part}".strip()
        else:
            labelled.append(found)
    return head, labelled
