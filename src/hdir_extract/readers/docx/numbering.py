"""Word's automatic numbering (word/numbering.xml): the numbers and bullets Word prints in front of a
paragraph but that are not in its text ("3.2", "Boks 3.1", "Figur 2.1", "a)", "–").

Judgement calls (ECMA-376 Part 1 §17.9, as Word renders it):
- Counters belong to the abstract numbering definition (after `w:numStyleLink` is followed to the
  definition that holds the levels), so paragraphs whose `w:num` instances share one definition go on
  counting together: regjeringen.no's DOCX gives each pasted heading its own `w:num`, and Word still
  prints one running sequence of chapter numbers.
- A `w:startOverride` of a `w:num` restarts the level at that value the first time a paragraph of that
  `w:num` uses the level (Word's "Restart numbering" makes such a `w:num`); later paragraphs go on from
  there. (Checked against the official rendering of Meld. St. 9 (2023–2024): all 241 generated heading,
  box, figure and table numbers, several under a `w:num` that overrides every level's start to 1, are
  the ones its PDF prints.)
- A level restarts when a shallower level is used, or, with `w:lvlRestart`, only when that level (or a
  shallower one) is used: figure numbers restart per chapter, not per section.
- `%N` in `w:lvlText` prints level N's counter in level N's format (decimal when the level is legal
  numbering, `w:isLgl`); a level not used yet prints its start value.
- Bullets printed with a symbol font are private-use code points; the common ones are mapped to what
  they show ("" Symbol minus -> "–", "" -> "•", "" Wingdings -> "▪"), any other to "•".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from hdir_extract.readers.docx.styles import Styles, W, wval

_LEVELS = 9
SYMBOL_BULLETS = {"\uf02d": "–", "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓"}
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 1-based level whose use restarts this one; 0 = never
    pstyle: str | None = None
    legal: bool = False


@dataclass(frozen=True, slots=True)
class Label:
    """What Word prints in front of one numbered paragraph."""

    text: str  # "3.2", "Boks 3.1", "a)", or the bullet "–"
    own: str  # this level's own number: "2", "b" ("" for bullets)
    ilvl: int
    bullet: bool


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:lvlOverride/w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl


def _level(el: etree._Element) -> Level:
    start = wval(el.find(f"{W}start"))
    restart = wval(el.find(f"{W}lvlRestart"))
    legal = el.find(f"{W}isLgl")
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=wval(el.find(f"{W}numFmt")) or "decimal",
        text=wval(el.find(f"{W}lvlText")) or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        pstyle=wval(el.find(f"{W}pStyle")),
        legal=legal is not None and (wval(legal) or "1").lower() not in ("0", "false", "off"),
    )


def _ilvl(el: etree._Element) -> int | None:
    value = el.get(f"{W}ilvl")
    return int(value) if value and value.isdigit() and int(value) < _LEVELS else None


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        # Word: a … z, aa … zz, aaa …
        letter = chr(ord("a") + (max(n, 1) - 1) % 26) * ((max(n, 1) - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        out, rest = "", n
        for value, sym in _ROMAN:
            while rest >= value:
                out, rest = out + sym, rest - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal, and every format this reader does not spell out (ordinal, cardinalText …)


def bullet_glyph(text: str) -> str:
    glyph = text.strip()
    if not glyph:
        return "•"
    if glyph in SYMBOL_BULLETS:
        return SYMBOL_BULLETS[glyph]
    if any("\ue000" <= ch <= "\uf8ff" for ch in glyph):
        return "•"
    return glyph


class Numbering:
    """Counts numbered paragraphs in document order; `next` gives each one its printed label."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNumId -> numbering style it stands in for
        self._links_to: dict[str, str] = {}  # abstractNumId -> numbering style whose levels it uses
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()
        if root is not None:
            self._parse(root)

    def _parse(self, root: etree._Element) -> None:
        for el in root.iter(f"{W}abstractNum"):
            aid = el.get(f"{W}abstractNumId") or ""
            levels = {}
            for lvl in el.iter(f"{W}lvl"):
                i = _ilvl(lvl)
                if i is not None:
                    levels[i] = _level(lvl)
            self._abstracts[aid] = levels
            if (link := wval(el.find(f"{W}numStyleLink"))) is not None:
                self._links_to[aid] = link
            if (link := wval(el.find(f"{W}styleLink"))) is not None:
                self._style_link[aid] = link
        for el in root.iter(f"{W}num"):
            num = _Num(abstract=wval(el.find(f"{W}abstractNumId")) or "")
            for override in el.iter(f"{W}lvlOverride"):
                i = _ilvl(override)
                if i is None:
                    continue
                start = wval(override.find(f"{W}startOverride"))
                if start and start.lstrip("-").isdigit():
                    num.starts[i] = int(start)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    num.levels[i] = _level(lvl)
            self._nums[el.get(f"{W}numId") or ""] = num

    def _abstract_of(self, num_id: str) -> str | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        for _ in range(3):  # numStyleLink -> numbering style -> its num -> the abstract with the levels
            link = self._links_to.get(aid)
            if link is None:
                break
            target = self._styles.by_id.get(link)
            linked = self._nums.get(target.num_id or "") if target else None
            if linked is None:
                break
            aid = linked.abstract
        return aid if aid in self._abstracts else None

    def levels(self, num_id: str) -> dict[int, Level]:
        aid = self._abstract_of(num_id)
        levels = dict(self._abstracts.get(aid or "", {}))
        levels.update(self._nums[num_id].levels if num_id in self._nums else {})
        return levels

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level whose w:pStyle is the paragraph's style (a style's numPr may leave ilvl out)."""
        for i, lvl in self.levels(num_id).items():
            if style_id and lvl.pstyle == style_id:
                return i
        return 0

    def next(self, num_id: str, ilvl: int) -> Label | None:
        """Count one paragraph numbered (num_id, ilvl) and return what Word prints for it."""
        aid = self._abstract_of(num_id)
        levels = self.levels(num_id)
        lvl = levels.get(ilvl)
        if aid is None or lvl is None:
            return None
        counters = self._counters.setdefault(aid, [None] * _LEVELS)
        num = self._nums[num_id]
        if (num_id, ilvl) not in self._started and ilvl in num.starts:
            counters[ilvl] = num.starts[ilvl]
        else:
            current = counters[ilvl]
            counters[ilvl] = lvl.start if current is None else current + 1
        self._started.add((num_id, ilvl))
        for deeper in range(ilvl + 1, _LEVELS):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return Label(bullet_glyph(lvl.text), "", ilvl, True)
        own = format_number(counters[ilvl] or 0, lvl.fmt)
        return Label(self._render(lvl, levels, counters), own, ilvl, False)

    @staticmethod
    def _render(lvl: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
        out = lvl.text
        for k in range(_LEVELS, 0, -1):  # %10 does not exist; replace %9 before %1
            token = f"%{k}"
            if token not in out:
                continue
            other = levels.get(k - 1, Level())
            value = counters[k - 1]
            n = other.start if value is None else value
            fmt = "decimal" if lvl.legal and other.fmt != "none" else other.fmt
            out = out.replace(token, format_number(n, fmt))
        return out.strip()
