"""The style table of a DOCX (word/styles.xml): names, inheritance, numbering and the run properties
the reader needs (hidden text, superscript), resolved along `w:basedOn`."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.styles import BabelFish
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = {"0", "false", "off"}


def wval(el: etree._Element | None, default: str | None = None) -> str | None:
    """The w:val attribute of `el` (None when there is no element)."""
    if el is None:
        return default
    return el.get(f"{W}val", default)


def toggle(rpr: etree._Element | None, tag: str) -> bool | None:
    """A toggle run property (w:b, w:vanish …): True/False where set, None where `rpr` does not say."""
    if rpr is None:
        return None
    el = rpr.find(f"{W}{tag}")
    if el is None:
        return None
    return (wval(el) or "1").lower() not in _OFF


@dataclass(frozen=True, slots=True)
class Style:
    style_id: str
    name: str  # UI name: "Heading 1" (Word stores "heading 1"), "avsnitt-tittel"
    kind: str  # paragraph | character | table | numbering
    based_on: str | None = None
    num_id: str | None = None  # w:pPr/w:numPr/w:numId
    ilvl: int | None = None
    outline_level: int | None = None  # w:outlineLvl 0..8 (9 = body text -> None)
    vanish: bool | None = None
    vert_align: str | None = None
    bold: bool | None = None


@dataclass
class Styles:
    by_id: dict[str, Style] = field(default_factory=dict)
    default_paragraph: str | None = None
    _first: dict[tuple[str | None, str], object | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_element(cls, root: etree._Element | None) -> Styles:
        styles = cls()
        if root is None:
            return styles
        for el in root.iter(f"{W}style"):
            sid = el.get(f"{W}styleId")
            if not sid:
                continue
            kind = el.get(f"{W}type") or "paragraph"
            raw_name = wval(el.find(f"{W}name")) or sid
            ppr = el.find(f"{W}pPr")
            rpr = el.find(f"{W}rPr")
            num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
            outline = wval(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
            ilvl = wval(num_pr.find(f"{W}ilvl")) if num_pr is not None else None
            styles.by_id[sid] = Style(
                style_id=sid,
                name=BabelFish.internal2ui(raw_name),
                kind=kind,
                based_on=wval(el.find(f"{W}basedOn")),
                num_id=wval(num_pr.find(f"{W}numId")) if num_pr is not None else None,
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
                outline_level=int(outline) if outline and outline.isdigit() and int(outline) < 9 else None,
                vanish=toggle(rpr, "vanish"),
                vert_align=wval(rpr.find(f"{W}vertAlign")) if rpr is not None else None,
                bold=toggle(rpr, "b"),
            )
            if kind == "paragraph" and (el.get(f"{W}default") or "").lower() in ("1", "true", "on"):
                styles.default_paragraph = sid
        return styles

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        out: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            style_id = style.based_on
        return out

    def name(self, style_id: str | None) -> str | None:
        style = self.by_id.get(style_id or "")
        return style.name if style else style_id

    def first(self, style_id: str | None, attr: str) -> object | None:
        """The first value of `attr` that is not None along the basedOn chain (cached: asked per run)."""
        key = (style_id, attr)
        if key not in self._first:
            self._first[key] = next(
                (v for style in self.chain(style_id) if (v := getattr(style, attr)) is not None), None
            )
        return self._first[key]

    def numbering(self, style_id: str | None) -> tuple[str, int | None] | None:
        """(numId, ilvl) a paragraph style gives its paragraphs, from the nearest style that sets one."""
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None
