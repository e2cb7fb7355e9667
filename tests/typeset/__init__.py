"""PDF renderings of the corpus texts, typeset two clearly different ways (tests and scripts only).

    from tests.typeset import STYLES, render
    pdf_bytes = render(Path("data/raw/....txt"), "twocolumn")

- "onecolumn" (fpdf2): one column, ragged right, unruled aligned tables, "Side N" footer;
- "twocolumn" (reportlab): two balanced columns of justified serif prose, ruled full-width tables,
  running heads with page numbers;
- and, apart from these, "textlayer": the text file's lines set as they are (`textlayer.py`).
Both print the text's structure as the project's text reader sees it (`source.elements`): paragraphs
re-flowed, list items with hanging indents, headings bold and larger, tables as tables. They never copy
the text file's line breaks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from tests.typeset import html, markdown, onecolumn, pdftext, twocolumn, word
from tests.typeset.source import Element, elements
from tests.typeset.textlayer import typeset_lines

STYLES: dict[str, Callable[[str, list[Element]], bytes]] = {
    "onecolumn": onecolumn.typeset,
    "twocolumn": twocolumn.typeset,
}
#: every style, "textlayer": the text file's own lines set as they are (tests/typeset/textlayer.py),
#: "markdown": the structure written as a converter writes Markdown (tests/typeset/markdown.py), and
#: "docx": the structure written as Word writes it (tests/typeset/word.py), and "html": as a web page
#: (tests/typeset/html.py), and "pdftext": the one-column rendering's plain text as a PDF-to-text tool
#: extracts it, pages apart by form feeds (tests/typeset/pdftext.py)
ALL_STYLES = (*STYLES, "textlayer", "markdown", "docx", "html", "pdftext")
#: the file name ending of each style's rendering (what the pipeline reads it as)
SUFFIX = {"markdown": ".md", "docx": ".docx", "html": ".html", "pdftext": ".txt"}
#: the text reader's layout rules, which decide what the typesetters print as a table
_SRC = Path(__file__).resolve().parents[2] / "src" / "hdir_extract"
_LAYOUT = _SRC / "readers" / "layout"


def render(path: Path, style: str) -> bytes:
    title, els = elements(path)
    if style == "textlayer":
        return typeset_lines(path.read_text(encoding="utf-8").split("\n"), title)
    if style == "markdown":
        return markdown.typeset(title, els)
    if style == "docx":
        return word.typeset(title, els)
    if style == "html":
        return html.typeset(title, els)
    if style == "pdftext":
        return pdftext.typeset(title, els)
    return STYLES[style](title, els)


def cached(path: Path, style: str, cache_dir: Path) -> bytes:
    """`render`, kept in `cache_dir` under a hash of the text, of the typesetters' code and of the text
    reader's layout (which decides what is a table), so a changed text, style or layout is typeset again."""
    h = hashlib.sha256(path.read_bytes())
    for code in [
        *sorted(Path(__file__).parent.glob("*.py")),
        *sorted(_LAYOUT.glob("*.py")),
        *sorted((_SRC / "readers").glob("*.py")),  # the text reader and its structure patterns
        *sorted((_SRC / "parsing").glob("*.py")),  # how the layout joins lines
    ]:
        h.update(code.read_bytes())
    digest = h.hexdigest()[:16]
    out = cache_dir / f"{path.stem}.{style}.{digest}{SUFFIX.get(style, '.pdf')}"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(render(path, style))
    return out.read_bytes()
