"""Style "markdown": the text's structure written as a document converter writes Markdown (pandoc,
Docling, Marker): `#` headings, paragraphs on one line each, `-`/`1.` items indented by depth, pipe
tables with the first header row as the pipe header and any further header rows as body rows, captions
and footnotes as paragraphs. A converter re-flows every paragraph, so no line break of the text
survives: it tests the Markdown reader and the extractors on blocks, as the PDF styles do the PDF path.
"""

from __future__ import annotations

from tests.typeset.source import Element

_HASHES = {1: "#", 2: "##", 3: "###"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _table(el: Element) -> list[str]:
    width = len(el.rows[0])
    head = el.rows[0] if el.header_rows else ("",) * width
    body = el.rows[1:] if el.header_rows else el.rows
    out = ["| " + " | ".join(_cell(c) for c in head) + " |"]
    out.append("|" + "|".join("---:" if n else "---" for n in el.numeric) + "|")
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return out


def _item(el: Element) -> str:
    marker = el.marker if el.marker[:1].isdigit() else "-"
    return "    " * el.depth + f"{marker} {el.text}"


def typeset(title: str, els: list[Element]) -> bytes:
    lines: list[str] = [f"# {title}", ""]
    for el in els:
        if el.kind == "heading":
            lines += [f"{_HASHES.get(el.level, '###')} {el.text}", ""]
        elif el.kind == "item":
            lines += [_item(el), ""]
        elif el.kind == "table":
            lines += [*_table(el), ""]
        elif el.kind == "caption":
            lines += [f"**{el.text}**", ""]
        else:
            lines += [el.text, ""]
    return "\n".join(lines).encode("utf-8")
