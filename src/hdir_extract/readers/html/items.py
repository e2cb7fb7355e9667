"""HTML elements -> structural items in reading order (headings, paragraphs, list items, tables).

Judgement calls:
- The document is the page's `<main>` or `<article>` where it has one (regjeringen.no wraps its pages
  in navigation, header and footer); `nav`, `header`, `footer`, `aside`, `script`, `style`, `form` and
  `noscript` are never read.
- Footnote references (`<sup>` holding a number or a link to a note) print nothing; `<br>` is a space.
- A `<div>` that holds text of its own (not only other blocks) is a paragraph; so is a `<li>`'s or a
  table cell's text.
- Ordered lists print "1.", "2." … (from `start`), unordered ones "•"; nesting gives the depth.
- A table's rows come from `<tr>`; `<th>` rows and `<thead>` rows are headers; `colspan` repeats empty
  cells so that columns line up; a `<caption>` is the table's caption.
- An element whose class names a box ("boks", "box", "ramme", "faktaboks") is a box: its first heading or
  title line is the box title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from lxml import html

_SKIP = {"nav", "header", "footer", "aside", "script", "style", "form", "noscript", "template", "button"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
    "body",
    "center",
    *_HEADINGS,
}
_BOX_CLASS = regex.compile(r"\b(?:boks|box|ramme|faktaboks|fact-?box)\b", regex.IGNORECASE)
_NOTE_REF = regex.compile(r"^\s*\[?\d{1,3}\]?\s*$")


@dataclass(slots=True)
class Item:
    kind: str  # "heading" | "paragraph" | "list_item" | "table" | "caption" | "box_start" | "box_end"
    text: str = ""
    level: int | None = None
    depth: int = 0
    marker: str | None = None
    number: str | None = None
    role: str | None = None
    rows: list[tuple[list[str], bool]] = field(default_factory=list)  # (cells, header)
    caption: str | None = None


def _tag(el: html.HtmlElement) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def inline_text(el: html.HtmlElement) -> str:
    """The element's printed text: footnote references out, line breaks as spaces, nested blocks out."""
    parts: list[str] = [el.text or ""]
    for child in el:
        tag = _tag(child)
        if tag in _SKIP or (tag in _BLOCKS and tag not in ("div",)) or tag in ("ul", "ol", "table"):
            parts.append(child.tail or "")
            continue
        if tag == "br":
            parts.append(" ")
        elif tag == "sup" and (_NOTE_REF.match(child.text_content()) or child.find(".//a") is not None):
            pass  # a footnote reference prints nothing in the running text
        elif tag == "div":
            parts.append(" " + inline_text(child) + " ")
        else:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _has_block_children(el: html.HtmlElement) -> bool:
    return any(_tag(c) in _BLOCKS for c in el)


def content_root(doc: html.HtmlElement) -> html.HtmlElement:
    for xpath in ("//main", "//article", "//body"):
        found = doc.xpath(xpath)
        if found:
            return found[0]
    return doc


class Walker:
    def __init__(self) -> None:
        self.items: list[Item] = []

    def walk(self, el: html.HtmlElement, depth: int = 0) -> None:
        tag = _tag(el)
        if tag in _SKIP or not tag:
            return
        box = tag in ("div", "section", "aside", "figure") and _BOX_CLASS.search(el.get("class") or "")
        if box:
            self.items.append(Item("box_start"))
        if tag in _HEADINGS:
            self._add("heading", inline_text(el), level=_HEADINGS[tag])
        elif tag in ("ul", "ol"):
            self._list(el, depth)
        elif tag == "table":
            self._table(el)
        elif tag in ("figcaption", "caption"):
            self._add("caption", inline_text(el))
        elif tag in ("p", "dt", "dd", "pre") or (
            tag in ("div", "blockquote", "li", "td") and not _has_block_children(el)
        ):
            self._add("paragraph", inline_text(el), role="quote" if tag == "blockquote" else None)
        else:
            own = (el.text or "").strip()
            if own:
                self._add("paragraph", own)
            for child in el:
                self.walk(child, depth)
                tail = (child.tail or "").strip()
                if tail and tag not in ("tr", "tbody", "thead", "table"):
                    self._add("paragraph", tail)
        if box:
            self.items.append(Item("box_end"))

    def _add(self, kind: str, text: str, **kw: object) -> None:
        if text.strip():
            self.items.append(Item(kind, text.strip(), **kw))  # type: ignore[arg-type]

    def _list(self, el: html.HtmlElement, depth: int) -> None:
        ordered = _tag(el) == "ol"
        n = int(el.get("start") or 1) if (el.get("start") or "1").isdigit() else 1
        for li in el:
            if _tag(li) != "li":
                self.walk(li, depth)
                continue
            marker = f"{n}." if ordered else "•"
            self._add(
                "list_item", inline_text(li), depth=depth, marker=marker, number=str(n) if ordered else None
            )
            n += 1
            for child in li:
                if _tag(child) in ("ul", "ol"):
                    self._list(child, depth + 1)
                elif _tag(child) in ("p", "div", "table") and child is not li[0]:
                    self.walk(child, depth)

    def _table(self, el: html.HtmlElement) -> None:
        rows: list[tuple[list[str], bool]] = []
        caption = None
        for cap in el.iter("caption"):
            caption = inline_text(cap)
        for tr in el.iter("tr"):
            cells: list[str] = []
            header = tr.getparent() is not None and _tag(tr.getparent()) == "thead"
            ths = 0
            for cell in tr:
                if _tag(cell) not in ("td", "th"):
                    continue
                ths += _tag(cell) == "th"
                cells.append(inline_text(cell))
                span = cell.get("colspan") or "1"
                cells.extend([""] * (int(span) - 1 if span.isdigit() and int(span) < 50 else 0))
            if cells:
                rows.append((cells, header or ths == len([c for c in tr if _tag(c) in ("td", "th")])))
        if rows:
            self.items.append(Item("table", rows=rows, caption=caption))


def items_of(root: html.HtmlElement) -> list[Item]:
    w = Walker()
    w.walk(content_root(root))
    return w.items
