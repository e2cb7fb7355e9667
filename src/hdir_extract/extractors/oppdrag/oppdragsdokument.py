"""The id of an oppdragsdokument's assignments.

An oppdragsdokument numbers its assignments "ID: 2026-01", "ID: 2026-02" …, and every enterprise's
document starts again at 01: Norsk helsenett SF's "2026-03" and Helse Vest RHF's "2026-03" are different
assignments. `oppdrag_id` is therefore the recipient's initials, then the printed year and number:
"Norsk helsenett SF" -> "NH2026-03", "Helse Sør-Øst RHF" -> "HSO2026-03" (the initials of each word and
of each part of a hyphenated word, folded to ASCII, the company form SF/RHF/HF/AS left out). The same
recipient gets the same prefix in every edition, so a corrected oppdragsdokument's "ID: 2026-03" is the
same assignment as the first edition's. `raw` keeps the id as printed ("ID: 2026-03").
"""

from __future__ import annotations

import unicodedata

import regex

_COMPANY_FORMS = frozenset({"SF", "RHF", "HF", "AS", "ASA", "IKS", "KF", "DA"})
_FOLD = {"Æ": "AE", "Ø": "O", "Å": "A"}
#: the prefix where the recipient is unknown
UNKNOWN = "OD"


def id_prefix(mottaker: str | None) -> str:
    """The recipient's initials ("Norsk helsenett SF" -> "NH")."""
    if not mottaker:
        return UNKNOWN
    first = mottaker.split(";")[0]
    words = [w for w in regex.findall(r"\p{L}+(?:-\p{L}+)*", first) if w.upper() not in _COMPANY_FORMS]
    initials = "".join(part[0] for w in words for part in w.split("-") if part).upper()
    folded = "".join(_FOLD.get(ch, ch) for ch in initials)
    ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return ascii_only or UNKNOWN
