"""PDF source: page text in reading order, one `Line` per printed line with its page, furniture aside,
and blocks built from those lines by the line-based layout (`readers/layout`), as for a text file.

- Text: pypdfium2 characters (fast), grouped into words and lines by `layout` (two-column pages are
  read left column first; full-width headings and tables stay in place).
- Furniture: running heads/footers and page numbers (`furniture`) go to `Document.furniture` as
  (page, "topp"|"bunn", text), not into the lines; so does a table's caption printed again on the
  page it continues on ("Tabell 1.4 fortsetter"), so the table reads on as one.
- Tables: pages whose rulings make a grid go through pdfplumber's table finder (`tables`); unruled
  tables are read from their aligned columns or the gaps between words (`cells`). Each table row is
  one line, its cells joined by TAB, and its cells go to the layout with it.
- Lines are kept as printed: no de-hyphenation here (the layout joins a block's lines). A paragraph gap
  becomes one blank line, as in the text layer the corpus text was taken from, and the layout is told
  of it (`gap_before`), with each line's indent within its column.
"""

from __future__ import annotations

import io
from collections import Counter

import regex

from hdir_extract.document import Document, Furniture, Line
from hdir_extract.parsing.text import normalise_line
from hdir_extract.readers import structure
from hdir_extract.readers.errors import SourceError
from hdir_extract.readers.layout import SourceLine, build_layout
from hdir_extract.readers.pdf.cells import mark_cells
from hdir_extract.readers.pdf.furniture import find_furniture
from hdir_extract.readers.pdf.layout import (
    Gutter,
    PageLine,
    PageText,
    Word,
    find_gutter,
    gutter_at,
    layout,
    mark_indented_starts,
    mark_paragraph_gaps,
    mark_wraps,
    page_words,
    shared_edge,
)
from hdir_extract.readers.pdf.objects import PageObjects, page_objects, ruled_grid
from hdir_extract.readers.pdf.tables import find_tables, inside

ENCRYPTED = "encrypted PDF: it needs a password; save an unprotected copy"
#: a page's gutter is trusted on its own with this many supporting rows; weaker evidence must agree
#: with the gutter the document's confident pages share
CONFIDENT_SUPPORT = 6


def _ranges(pages: list[int]) -> str:
    out, start, prev = [], pages[0], pages[0]
    for p in [*pages[1:], None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        if p is not None:
            start = prev = p
    return ", ".join(out)


def _check_complete(data: bytes) -> None:
    # pdfium repairs a cut-off file silently and reads what is left: a missing end marker means
    # pages may be missing, which must not pass as a complete document
    if b"%%EOF" not in data[-4096:]:
        raise SourceError("truncated PDF: the file ends without %%EOF (incomplete download?)")


def _open(data: bytes):  # -> pypdfium2.PdfDocument
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        # pdfium's error text can be stale (it reports the previous failure), so the reason is read
        # off the file: an /Encrypt dictionary, or a page tree that counts no pages
        if b"/Encrypt" in data:
            raise SourceError(ENCRYPTED) from e
        if regex.search(rb"/Type\s*/Pages\b", data) and not regex.search(rb"/Count\s*[1-9]", data):
            raise SourceError("PDF has zero pages") from e
        raise SourceError("corrupt PDF: the file structure cannot be parsed") from e


def _gutters(words: list[list[Word]]) -> list[Gutter | None]:
    """Per page; a weakly supported gutter only counts where it matches the document's usual one, and
    the usual one is looked for where none was found (a page half table, half two-column text)."""
    found = [find_gutter(w) for w in words]
    confident = Counter(
        (round(g.x0), round(g.x1)) for g in found if g is not None and g.support >= CONFIDENT_SUPPORT
    )
    usual = [k for k, _ in confident.most_common(3)]
    out: list[Gutter | None] = []
    for page_words_, g in zip(words, found, strict=True):
        if g is not None and g.support < CONFIDENT_SUPPORT:
            agrees = any(abs(g.x0 - a) <= 3 and abs(g.x1 - b) <= 3 for a, b in usual)
            g = g if agrees else None
        if g is None and usual:
            a, b = usual[0]
            g = gutter_at(page_words_, Gutter(float(a), float(b), 0))
        out.append(g)
    return out


def _tables(data: bytes, ruled: list[int]) -> dict[int, list]:
    """Ruled tables per 1-based page (pdfplumber opens only these pages)."""
    if not ruled:
        return {}
    import pdfplumber

    out: dict[int, list] = {}
    with pdfplumber.open(io.BytesIO(data), pages=ruled) as pdf:
        for page in pdf.pages:
            try:
                found = find_tables(page)
            except Exception:  # a table the finder cannot read is left as plain text lines
                found = []
            if found:
                out[page.page_number] = found
            page.flush_cache()
    return out


def _page_lines(words: list[Word], gutter: Gutter | None, tables: list) -> list[PageLine]:
    if tables:
        words = [w for w in words if not any(inside(w, bbox) for bbox, _ in tables)]
    return layout(words, gutter, [rows for _bbox, rows in tables])


#: "Tabell 1.4 fortsetter", "Tabell 3 (forts.)": a caption printed again where its table goes on
_CONTINUED = regex.compile(r"^\(?(?:forts\b|fortsetter|fortsettelse|fortsatt|continued)", regex.IGNORECASE)


def _continued_caption(line: PageLine) -> bool:
    found = structure.caption(line.text)
    return found is not None and bool(_CONTINUED.match(found[1]))


def _indents(lines: list[PageLine]) -> None:
    """Each line's indent from its column's left edge on the page: the leftmost x at which at least
    two of the column's lines start (one line further left is a hanging marker or a stray)."""
    for column in {ln.column for ln in lines}:
        mine = [ln for ln in lines if ln.column == column]
        edge = shared_edge([ln.x0 for ln in mine], min)
        for ln in mine:
            ln.indent = max(0.0, round(ln.x0 - edge, 1))


def _finish_page(page: PageText, furniture: list[tuple[str, PageLine]]) -> list[tuple[str, PageLine]]:
    """The page's body lines get their cells, indents and paragraph gaps, once the furniture is
    aside; a continued table's caption on top of the page joins the furniture."""
    skip = {id(ln) for _, ln in furniture}
    body = [ln for ln in page.lines if id(ln) not in skip and ln.text.strip()]
    if body and _continued_caption(body[0]):
        furniture = [*furniture, ("topp", body.pop(0))]
    mark_cells(body)
    body = [ln for ln in body if ln.text.strip()]  # a table row's wrapped lines read into the row
    _indents(body)
    mark_paragraph_gaps(body)
    mark_indented_starts(body)
    mark_wraps(body)
    page.lines = body
    return furniture


def _read_pages(pdf, n: int) -> tuple[list[tuple[float, float]], list[list[Word]], list[PageObjects]]:
    sizes: list[tuple[float, float]] = []
    words: list[list[Word]] = []
    objects: list[PageObjects] = []
    for i in range(n):
        try:
            page = pdf[i]
            width, height = page.get_size()
            textpage = page.get_textpage()
            words.append(page_words(textpage, height))
            objects.append(page_objects(page, height))
            textpage.close()
            page.close()
        except SourceError:
            raise
        except Exception as e:
            raise SourceError(f"corrupt PDF: page {i + 1}: {type(e).__name__}: {str(e)[:100]}") from e
        sizes.append((width, height))
    return sizes, words, objects


def _no_text(words: list[list[Word]], objects: list[PageObjects]) -> tuple[list[int], list[str]]:
    """Pages without a text layer (pictures, no text: a scan), and the warnings about them. A page
    with no text and no pictures is blank (a deliberately empty page): nothing to warn about. A PDF
    without any text raises."""
    n = len(words)
    scanned = [i + 1 for i, w in enumerate(words) if not w and not objects[i].blank]
    if all(not w for w in words):
        if scanned:
            raise SourceError(f"no text layer on pages {_ranges(scanned)}: scanned PDF, OCR is not supported")
        raise SourceError(f"PDF has no text: {n} blank page{'s' if n != 1 else ''}")
    warnings = []
    if scanned:  # some pages only: the rest is read, and the analyst is told which pages are missing
        missing = f"no text layer on pages {_ranges(scanned)} of {n}"
        warnings.append(f"{missing}: those pages are not read (OCR is not supported)")
    return scanned, warnings


def read_pdf(name: str, data: bytes, sha256: str, max_pages: int = 3000) -> Document:
    _check_complete(data)
    pdf = _open(data)
    try:
        n = len(pdf)
        if n == 0:
            raise SourceError("PDF has zero pages")
        if n > max_pages:
            raise SourceError(f"PDF has {n} pages, over the limit of {max_pages} (--max-pages)")
        sizes, words, objects = _read_pages(pdf, n)
    finally:
        pdf.close()
    _scanned, warnings = _no_text(words, objects)
    grids = [i + 1 for i in range(n) if words[i] and ruled_grid(objects[i], words[i])]
    tables = _tables(data, grids)
    gutters = _gutters(words)
    pages = [
        PageText(i + 1, w, h, _page_lines(words[i], gutters[i], tables.get(i + 1, [])))
        for i, (w, h) in enumerate(sizes)
    ]
    furniture = find_furniture(pages)
    for page in pages:
        furniture[page.page] = _finish_page(page, furniture.get(page.page, []))
    return _document(name, sha256, pages, furniture, warnings)


def _document(
    name: str, sha256: str, pages: list[PageText], furniture: dict, warnings: list[str]
) -> Document:
    """`Document.lines` are the body lines in reading order, a blank line at each paragraph gap; the
    layout reads the same lines (same numbers) with what the reader saw on them."""
    lines: list[Line] = []
    source: list[SourceLine] = []
    kept: list[Furniture] = []
    for page in pages:
        for where, ln in furniture.get(page.page, []):
            kept.append(Furniture(page.page, where, normalise_line(ln.text)))
        for k, ln in enumerate(page.lines):
            if ln.gap_before and k:
                lines.append(Line(no=len(lines) + 1, text="", page=page.page))
                source.append(SourceLine(len(lines), "", page.page))
            no = len(lines) + 1
            lines.append(Line(no=no, text=normalise_line(ln.text), page=page.page))
            cells = tuple(normalise_line(c) for c in ln.cells) if ln.cells is not None else None
            source.append(
                SourceLine(
                    no,
                    normalise_line(ln.text, keep_tabs=True),
                    page.page,
                    cells=cells,
                    # a first-line indent tells a paragraph break too, but is no blank line
                    gap_before=(ln.gap_before and k > 0) or ln.indented_start,
                    indent=ln.indent,
                    wrapped=ln.wrapped,
                )
            )
    built = build_layout(source)
    # the reader's furniture (page margins) and what the layout found among the body lines (a text's
    # own running heads typeset into the page), in page order
    everything = [*kept, *built.furniture]
    everything.sort(key=lambda f: (f.page or 0, f.position == "bunn", f.line or 0))
    return Document(
        dok_id="",
        source_file=name,
        sha256=sha256,
        format="pdf",
        lines=lines,
        blocks=built.blocks,
        boxes=built.boxes,
        n_pages=len(pages),
        furniture=tuple(everything),
        warnings=tuple(warnings),
    )
