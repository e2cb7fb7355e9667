"""What a letter's letterhead says: its date, the ministry's reference and the addressee.

Read from the letter's own segments (see `segments`), wherever in the letter the letterhead stands (a
converter or PDF-to-text often moves it after the first assignment), never from a converter's front
matter:
- date: "Dato 16. april 2026", "Dato: 16.04.2026", or a "Dato" label with the date on the next printed
  line ("Dato" / "16. juni 2023 Samlet skal …" when the layout joined the date with the next paragraph);
  the date must open the text after the label (a table header "Dato Tiltak Merknad" is no date);
- reference: the value after "Vår ref" ("23/2173-", "25/2306-"), on the label's line or on one of the next
  two printed lines ("Deres ref Vår ref" / "25/2306-");
- addressee: the name printed above the recipient's postal address ("Helsedirektoratet" / "Postboks 220
  Skøyen" / "0213 OSLO", or on one line "Norsk helsenett SF Postboks 6123 7465 TRONDHEIM"), else a "Til:"
  line, else the name in the letter's title ("Oppdragsdokument til Norsk helsenett SF for 2026",
  "Supplerende tildelingsbrev nr. 2 Helsedirektoratet"). The ministry's own letterhead footer
  ("Postadresse" / "Postboks 8011 Dep") is the sender, not the addressee.
"""

from __future__ import annotations

import datetime as dt

import regex

from hdir_extract.extractors.brev.segments import Seg
from hdir_extract.parsing.dates import find_dates

_DATO = regex.compile(r"^Dato\s*:?\s*(?P<rest>.*)$")
# the letterhead's fields printed on one line ("Deres ref Vår ref 25/2306- Dato 27. februar 2026")
_REF_OPENING = regex.compile(r"^(?:Deres|Vår)\s+ref\b", regex.I)
_DATO_IN_LINE = regex.compile(r"(?<=\s)Dato\s*:?\s*(?P<rest>.*)$")
_VAR_REF = regex.compile(r"\bVår\s+ref(?:eranse)?\.?\s*:?\s*(?P<rest>.*)$")
_REF_VALUE = regex.compile(r"^(?P<ref>\d{2,4}\s*/\s*\d+(?:\s*-\s*\d*)?)(?=\s|$)")
# the recipient's postal address: a post box or a street address with a number, then a postcode
_POSTBOX = regex.compile(r"\bPostboks\s+\d+")
_STREET = regex.compile(r"\b\p{Lu}\p{Ll}+(?:gata|gate|gt\.|veien|vei|vegen|plass)\s+\d+\w?\b")
# a Norwegian postcode with its town in capitals, as an address is printed ("0213 OSLO")
_POSTCODE = regex.compile(r"\b\d{4}\s+\p{Lu}{2,}(?:\s+\p{Lu}{2,})*\b")
_SENDER_LABELS = regex.compile(r"^(?:Postadresse|Kontoradresse|Besøksadresse|Telefon|Org\.?\s*nr)", regex.I)
# a name: one to six words, the first capitalised, no digits ("Helsedirektoratet", "Norsk helsenett SF",
# "Helse Sør-Øst RHF", "Direktoratet for medisinske produkter")
_NAME = regex.compile(r"^\p{Lu}[\p{L}.&'’-]*(?:\s+[\p{L}][\p{L}.&'’-]*){0,5}$")
_NOT_NAMES = regex.compile(
    r"^(?:Deres|Vår|Dato|Side|Kopi|Med|Til|Fra|Saksbehandler|Postadresse|Kontoradresse|Statsråden)\b", regex.I
)
_BY_LIST = regex.compile(r"^Ifølge\s+(?:adresse)?liste\b", regex.I)
_TIL = regex.compile(r"^Til\s*:?\s+(?P<name>.+)$")
# "… til Norsk helsenett SF for 2026", "Supplerende tildelingsbrev nr. 2 Helsedirektoratet"
_TITLE_NAME = regex.compile(
    r"(?:\btil\s+|(?:tildelingsbrev\w*|Oppdragsdokument\w*)(?:\s+nr\.?\s*\d+)?(?:\s+(?:for\s+)?20\d\d)?"
    r"\s*[-–]?\s+)(?P<name>\p{Lu}[\p{L}-]*(?:\s+[\p{L}][\p{L}-]*){0,4}?)(?:\s+(?:for\s+)?20\d\d)?\s*$"
)
#: how many printed lines after a label its value may stand on
_REACH = 3
#: the references a letterhead's value line opens with, under "Deres ref Vår ref Dato" ("26/00123-1
#: 15. januar 2027"): the date follows them
_REFS_FIRST = regex.compile(r"^(?:\s*\d{2,4}\s*/\s*\d+(?:\s*-\s*\d*)?)+\s+")


def _date_opening(text: str) -> dt.date | None:
    """The date that opens `text` ("16. april 2026", "16. juni 2023 Samlet skal …"), if any."""
    for d in find_dates(text):
        if d.start == 0 and d.date is not None and not d.year_from_context:
            return d.date
        break
    return None


def letter_date(segs: list[Seg]) -> tuple[dt.date | None, int | None]:
    """The letter's date and the line it is printed on (None, None where it prints none)."""
    for k, s in enumerate(segs):
        m = _DATO.match(s.text) or (_REF_OPENING.match(s.text) and _DATO_IN_LINE.search(s.text))
        if not m:
            continue
        if m.group("rest"):
            date = _date_opening(m.group("rest"))
            if date is not None:
                return date, s.line
            continue  # "Dato Tiltak Merknad": a table header
        for nxt in segs[k + 1 : k + 1 + _REACH]:
            date = _date_opening(_REFS_FIRST.sub("", nxt.text, count=1))
            if date is not None:
                return date, nxt.line
    return None, None


def letter_ref(segs: list[Seg]) -> str | None:
    """The ministry's reference ("Vår ref")."""
    for k, s in enumerate(segs):
        m = _VAR_REF.search(s.text)
        if not m:
            continue
        for text in [m.group("rest"), *(n.text for n in segs[k + 1 : k + 1 + _REACH])]:
            ref = _REF_VALUE.match(text)
            if ref:
                return regex.sub(r"\s+", "", ref.group("ref"))
    return None


def _name(text: str) -> str | None:
    text = text.strip(" ,.:")
    if not text or _NOT_NAMES.match(text) or not _NAME.match(text):
        return None
    return text


def _address_name(segs: list[Seg], k: int) -> str | None:
    """The addressee of the postal address ending on segment `k` (it holds the postcode): the name
    before the post box or street on its line ("Norsk helsenett SF Postboks 6123 7465 TRONDHEIM"), else
    the line above that ("Helsedirektoratet" / "Postboks 220 Skøyen" / "0213 OSLO"). A line between the
    post box and the postcode is the post office's place ("Skøyen"), never the name."""
    for j in range(k, max(k - 3, -1), -1):
        text = segs[j].text
        box = _POSTBOX.search(text) or _STREET.search(text)
        if not box:
            continue
        if box.start() > 0:
            return _name(text[: box.start()])
        if j == 0 or _SENDER_LABELS.match(segs[j - 1].text):
            return None  # "Postadresse" / "Postboks 8011 Dep": the ministry's own footer
        return _name(segs[j - 1].text)
    return _name(segs[k - 1].text) if k else None


def addressee(segs: list[Seg], title: str | None = None) -> str | None:
    """The addressed agency or enterprise. A letter addressed "Ifølge liste" names each recipient of
    its address list ("Folkehelseinstituttet; Helsedirektoratet")."""
    names: list[str] = []
    for k, s in enumerate(segs):
        if _POSTCODE.search(s.text) and len(s.text) <= 90:
            if k and _SENDER_LABELS.match(segs[k - 1].text):
                continue
            name = _address_name(segs, k)
            if name and name not in names:
                names.append(name)
    if names:
        by_list = any(_BY_LIST.match(s.text) for s in segs)
        return "; ".join(names) if by_list else names[0]
    for s in segs[:12]:
        m = _TIL.match(s.text)
        if m and (name := _name(m.group("name"))):
            return name
    if title:
        m = _TITLE_NAME.search(title)
        if m and (name := _name(m.group("name"))):
            return name
    return None


# --- the letterhead inside the text ---------------------------------------------------------------

_ONLY_LINK = regex.compile(
    r"^(?:mailto:\S+|https?://\S+|www\.\S+)(?:\s+(?:mailto:\S+|https?://\S+|www\.\S+))*$"
)
_PAGE = regex.compile(r"^Side\s+\d+(?:\s+(?:av|of)\s+\d+)?$")
_REF_LABELS = regex.compile(
    r"^(?:Deres\s+ref\.?|Vår\s+ref\.?|Dato)(?:\s+(?:Deres\s+ref\.?|Vår\s+ref\.?|Dato))*\s*:?$", regex.I
)
_DATE_ONLY = regex.compile(r"^\d{1,2}\.\s*\p{L}+\.?\s+20\d\d$|^\d{1,2}\.\d{1,2}\.20\d\d$")


def _address_lines(segs: list[Seg], k: int) -> list[int]:
    """The lines of the recipient's address ending with the postcode on segment `k`: back over the
    post office's place to the post box, and the name above it (at most four lines)."""
    out = [k]
    if _POSTBOX.search(segs[k].text) or _STREET.search(segs[k].text):
        return out  # name, box and postcode on one line
    for j in range(k - 1, max(k - 4, -1), -1):
        text = segs[j].text
        if len(text) > 60 or _SENDER_LABELS.match(text):
            break
        out.append(j)
        box = _POSTBOX.search(text) or _STREET.search(text)
        if box:
            if box.start() == 0 and j > 0 and _name(segs[j - 1].text):
                out.append(j - 1)  # "Helsedirektoratet" / "Postboks 220 Skøyen"
            break
    else:
        return [k]
    return out if any(_POSTBOX.search(segs[j].text) or _STREET.search(segs[j].text) for j in out) else [k]


def letterhead_segments(segs: list[Seg]) -> frozenset[int]:
    """Letterhead lines printed inside a letter's running text (a PDF-to-text or a converter put the
    first page's letterhead where it fell): the recipient's address, the "Deres ref / Vår ref / Dato"
    block with its values, "Side N", "Ifølge liste", and lines that are only a link. Not running text:
    readers of assignments leave them out. (The reading layer keeps running heads and page numbers out
    already; a letterhead in mid-page it does not know.)"""
    out: set[int] = set()
    for k, s in enumerate(segs):
        text = s.text
        if _ONLY_LINK.match(text) or _PAGE.match(text) or _BY_LIST.match(text):
            out.add(k)
        elif _POSTCODE.fullmatch(text) or (
            _POSTCODE.search(text) and _POSTBOX.search(text) and len(text) <= 70
        ):
            if not (k and _SENDER_LABELS.match(segs[k - 1].text)):
                out.update(_address_lines(segs, k))
        elif _POSTBOX.match(text) and len(text) <= 40:
            # "Helsedirektoratet" / "Postboks 220 Skøyen" with no postcode line after it
            out.add(k)
            if k and " " not in segs[k - 1].text and _name(segs[k - 1].text):
                out.add(k - 1)
        elif _REF_LABELS.match(text):
            out.add(k)
            for j in range(k + 1, min(k + 1 + _REACH, len(segs))):
                nxt = segs[j].text
                if _REF_VALUE.fullmatch(nxt) or _DATE_ONLY.match(nxt) or _REF_LABELS.match(nxt):
                    out.add(j)
                else:
                    break
        elif (m := _DATO.match(text)) and m.group("rest") and _DATE_ONLY.match(m.group("rest")):
            out.add(k)  # "Dato 16. april 2026"
    return frozenset(out)
