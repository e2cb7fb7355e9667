"""Style "html": the text's structure written as a web page (regjeringen.no's HTML edition, an EPUB's
chapters): `<h1>`-`<h3>` headings, `<p>` paragraphs, nested `<ul>`/`<ol>` lists (an ordered list starts
at its first item's number), `<table>` with `<th>` header rows, captions as bold paragraphs, all inside
`<main>` between a navigation bar and a footer the reader must skip.
"""

from __future__ import annotations

from html import escape

from tests.typeset.source import Element


def _table(el: Element) -> list[str]:
    out = ["<table>"]
    for k, row in enumerate(el.rows):
        tag = "th" if k < el.header_rows else "td"
        out.append("<tr>" + "".join(f"<{tag}>{escape(c)}</{tag}>" for c in row) + "</tr>")
    out.append("</table>")
    return out


def _list_tag(el: Element) -> str:
    number = el.marker.rstrip(".)")
    if number.isdigit():
        return f'<ol start="{number}">'
    return "<ul>"


class _Lists:
    """Open lists, one per depth, each with its last item still open: a deeper item opens a list inside
    that item, as a web page nests them."""

    def __init__(self) -> None:
        self.open: list[str] = []  # closing tag per open list

    def item(self, el: Element) -> list[str]:
        out: list[str] = []
        kind = "</ol>" if el.marker.rstrip(".)").isdigit() else "</ul>"
        while len(self.open) > el.depth + 1 or (len(self.open) == el.depth + 1 and self.open[-1] != kind):
            out += ["</li>", self.open.pop()]
        if len(self.open) == el.depth + 1:
            out.append("</li>")  # the sibling before it
        while len(self.open) < el.depth + 1:
            out.append(_list_tag(el))
            self.open.append(kind)
        return [*out, f"<li>{escape(el.text)}"]

    def close(self) -> list[str]:
        out: list[str] = []
        while self.open:
            out += ["</li>", self.open.pop()]
        return out


def typeset(title: str, els: list[Element]) -> bytes:
    out = [
        "<!DOCTYPE html><html lang='no'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title></head><body>",
        "<nav><a href='/'>Regjeringen.no</a> <a href='/dokumenter'>Dokumenter</a></nav>",
        f"<main><h1>{escape(title)}</h1>",
    ]
    lists = _Lists()
    for el in els:
        if el.kind == "item":
            out += lists.item(el)
            continue
        out += lists.close()
        if el.kind == "heading":
            level = min(el.level + 1, 4)
            out.append(f"<h{level}>{escape(el.text)}</h{level}>")
        elif el.kind == "table":
            out += _table(el)
        elif el.kind == "caption":
            out.append(f"<p><strong>{escape(el.text)}</strong></p>")
        else:
            out.append(f"<p>{escape(el.text)}</p>")
    out += lists.close()
    out += ["</main><footer>Regjeringen.no – Kontakt oss</footer></body></html>"]
    return "\n".join(out).encode("utf-8")
