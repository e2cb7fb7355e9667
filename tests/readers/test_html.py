"""The HTML and EPUB readers: a page's structure as blocks, one line per block and table row."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from hdir_extract.document import Kind
from hdir_extract.pipeline import classified
from hdir_extract.readers import Limits, SourceError, read_document

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MELD_MD = SHARED / "real" / "meld-st-9-2023-2024.docx-conversion.md"

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tildeling</title>
<script>var x = 1;</script></head><body>
<nav><a href="/">Forsiden</a></nav><header>regjeringen.no</header>
<main>
<h1>3 En helse- og omsorgstjeneste</h1>
<p>Første avsnitt med en fotnote<sup><a href="#fn1">1</a></sup> og<br>linjeskift.</p>
<div class="faktaboks"><h3>Boks 3.1 Regjeringen vil</h3>
<p>Regjeringen vil forsterke innsatsen gjennom å</p>
<ul><li>be Helsedirektoratet utrede
  <ul><li>et underpunkt</li></ul></li>
<li>sikre kunnskap</li></ul></div>
<p>Etter boksen.</p>
<table><caption>Tabell 3.1 Tildeling</caption>
<thead><tr><th>Kap.</th><th>Post</th><th>(i 1 000 kr)</th></tr></thead>
<tbody><tr><td>740</td><td>01</td><td>1 556 792</td></tr>
<tr><td colspan="2">Sum</td><td>1 556 792</td></tr></tbody></table>
<ol start="2"><li>andre</li><li>tredje</li></ol>
</main><footer>Kontakt oss</footer></body></html>"""


def _read(name: str, data: bytes, limits: Limits | None = None):
    return read_document(name, data, limits)


def test_page_gives_headings_paragraphs_lists_tables_and_boxes():
    doc = _read("side.html", PAGE.encode())
    kinds = [b.kind for b in doc.blocks]
    assert doc.format == "html"
    texts = [b.text for b in doc.blocks]
    assert "Forsiden" not in " ".join(texts) and "Kontakt oss" not in " ".join(texts)  # page chrome
    head = doc.blocks[0]
    assert (head.kind, head.number, head.level) == (Kind.HEADING, "3", 1)
    assert texts[1] == "Første avsnitt med en fotnote og linjeskift."  # the note reference prints nothing
    box = doc.boxes[0]
    assert (box.number, box.title) == ("Boks 3.1", "Regjeringen vil")
    items = [b for b in doc.blocks if b.kind is Kind.LIST_ITEM]
    assert [(b.text, b.depth, b.box) for b in items[:3]] == [
        ("be Helsedirektoratet utrede", 0, 0),
        ("et underpunkt", 1, 0),
        ("sikre kunnskap", 0, 0),
    ]
    assert [(b.marker, b.number) for b in items[3:]] == [("2.", "2"), ("3.", "3")]
    after = next(b for b in doc.blocks if b.text == "Etter boksen.")
    assert after.box is None
    table = next(b for b in doc.blocks if b.kind is Kind.TABLE)
    assert table.caption == "Tabell 3.1 Tildeling" and table.unit == "(i 1 000 kr)"
    assert [r.texts for r in table.body_rows] == [["740", "01", "1 556 792"], ["Sum", "", "1 556 792"]]
    assert table.rows[0].header
    # one line per block and table row; a cell's line holds its value
    cell = table.body_rows[0].cells[2]
    assert "1 556 792" in doc.text(cell.line)
    assert kinds.count(Kind.TABLE) == 1


def test_undeclared_utf8_is_not_read_as_latin1():
    doc = _read("side.html", "<html><body><p>Tilråding fra departementet</p></body></html>".encode())
    assert doc.blocks[0].text == "Tilråding fra departementet"


def test_box_without_a_printed_title_ends_at_boks_slutt():
    page = (
        "<html><body><h2>Kapittel</h2><p>Tekst.</p><p>Regjeringen vil</p><p>Regjeringen vil:</p>"
        "<ul><li>gjøre noe</li></ul><p>[Boks slutt]</p><p>Videre.</p></body></html>"
    )
    doc = _read("side.html", page.encode())
    assert [b.title for b in doc.boxes] == ["Regjeringen vil"]
    inside = [b.text for b in doc.blocks if b.box == 0]
    assert inside == ["Regjeringen vil", "Regjeringen vil:", "gjøre noe", "[Boks slutt]"]


def _epub(parts: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            'version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>',
        )
        items = "".join(f'<item id="p{i}" href="text/p{i}.xhtml"/>' for i in range(len(parts)))
        spine = "".join(f'<itemref idref="p{i}"/>' for i in reversed(range(len(parts))))  # spine order wins
        z.writestr(
            "OEBPS/content.opf",
            f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf"><manifest>{items}</manifest>'
            f"<spine>{spine}</spine></package>",
        )
        for i, body in enumerate(parts):
            z.writestr(
                f"OEBPS/text/p{i}.xhtml",
                f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}'
                "</body></html>",
            )
    return buf.getvalue()


def test_epub_is_read_in_spine_order():
    doc = _read("bok.epub", _epub(["<p>Andre del.</p>", "<h1>1 Første del</h1>"]))
    assert doc.format == "epub"
    assert [b.text for b in doc.blocks] == ["1 Første del", "Andre del."]


def test_epub_bomb_and_corrupt_epub_get_one_line():
    with pytest.raises(SourceError, match=r"EPUB has .* entries"):
        _read("bok.epub", _epub(["<p>x</p>"] * 5), Limits(max_zip_entries=3))
    broken = _epub(["<p>x</p>"]).replace(b"META-INF/container.xml", b"META-INF/containxr.xml")
    with pytest.raises(SourceError, match="corrupt EPUB"):
        _read("bok.epub", broken)


@pytest.fixture(scope="module")
def meld_html() -> bytes:
    if not MELD_MD.exists():
        pytest.skip(f"{MELD_MD} is absent (../shared is beside the clone in CI)")
    body = MarkdownIt("commonmark").enable("table").render(MELD_MD.read_text(encoding="utf-8"))
    return f"<!DOCTYPE html><html><body><nav>Meny</nav><main>{body}</main></body></html>".encode()


def test_meld_st_as_html_and_epub_is_recognised_with_its_boxes(meld_html: bytes):
    for name, data in (("meld.html", meld_html), ("meld.epub", _epub([meld_html.decode()]))):
        doc, cls = classified(read_document(name, data))
        assert (cls.dokumenttype, cls.aar) == ("meld_st", 2024), name
        regjeringen_vil = [b for b in doc.boxes if b.title == "Regjeringen vil"]
        assert len(regjeringen_vil) >= 7, name
        first = regjeringen_vil[0]
        items = [
            b.text for b in doc.blocks[first.first_block : first.last_block + 1] if b.kind is Kind.LIST_ITEM
        ]
        assert items[0].startswith("be Helsedirektoratet utrede hvordan omstilling"), name
        assert hashlib.sha256(data).hexdigest() == doc.sha256


def test_a_caption_paragraph_and_a_continued_box():
    """A page that prints its table's caption as a paragraph (no <caption>), and a box continued after a
    page break ("Boks 7.1 forts.") that keeps its title."""
    page = """<html><body><main>
    <h2>Boks 7.1 Regjeringen vil</h2><ul><li>opprettholde dagens fødetilbud</li></ul>
    <p>Løpende tekst.</p>
    <h2>Boks 7.1 forts.</h2><ul><li>videreutvikle doulaordningen</li></ul>
    <p>Tabell 6-1 Bevilgningsrapportering 31.12.2023</p>
    <table><tr><th>Kapittel</th><th>Post</th><th>Beløp</th></tr>
    <tr><td>0740</td><td>01</td><td>1 000</td></tr></table>
    <p>Tabell 6-1 viser at regnskapet er avlagt.</p>
    </main></body></html>"""
    doc = _read("side.html", page.encode())
    assert [(b.number, b.title) for b in doc.boxes] == [("Boks 7.1", "Regjeringen vil")] * 2
    captions = [b for b in doc.blocks if b.kind is Kind.CAPTION]
    assert [(b.text, b.number) for b in captions] == [
        ("Tabell 6-1 Bevilgningsrapportering 31.12.2023", "Tabell 6-1")
    ]
    table = next(b for b in doc.blocks if b.kind is Kind.TABLE)
    assert table.caption == "Tabell 6-1 Bevilgningsrapportering 31.12.2023"
