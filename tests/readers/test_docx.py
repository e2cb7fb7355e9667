"""The DOCX reader: the official DOCX of Meld. St. 9 (2023–2024), small documents built here with
python-docx, and broken or hostile files that must each give one clear line."""

from __future__ import annotations

import io
import struct
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls

from hdir_extract.classify import classify
from hdir_extract.document import Document, Kind
from hdir_extract.pipeline import extract_bytes
from hdir_extract.readers import Limits, SourceError, read_document

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REAL_DOCX = Path(__file__).resolve().parents[3] / "shared" / "real" / "meld-st-9-2023-2024.docx"


# --- the real document ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def meld9() -> Document:
    if not REAL_DOCX.exists():
        pytest.skip(f"{REAL_DOCX} is absent (the shared development set is not beside this clone)")
    return read_document(REAL_DOCX.name, REAL_DOCX.read_bytes())


def _chapter_of(doc: Document, block_index: int) -> str | None:
    for b in reversed(doc.blocks[:block_index]):
        if b.kind is Kind.HEADING and b.level == 1:
            return b.title
    return None


def test_first_regjeringen_vil_box(meld9: Document):
    box = next(bx for bx in meld9.boxes if bx.title == "Regjeringen vil")
    assert box.number == "Boks 3.1"  # Word's numbering of the box-title style, as the PDF prints it
    assert _chapter_of(meld9, box.first_block) == (
        "En helse- og omsorgstjeneste som fremmer forebygging og mestring"
    )
    inside = meld9.blocks[box.first_block : box.last_block + 1]
    assert all(b.box == box.index for b in inside)
    title, lead_in, *rest = inside
    assert (title.kind, title.role, title.title) == (Kind.HEADING, "box_title", "Regjeringen vil")
    assert lead_in.kind is Kind.PARAGRAPH and lead_in.role == "lead_in"
    assert (
        lead_in.text
        == "Regjeringen vil forsterke den forebyggende innsatsen i helse- og omsorgstjenesten gjennom å"
    )
    items = rest[:5]
    assert [b.kind for b in items] == [Kind.LIST_ITEM] * 5
    assert rest[5].kind is Kind.PARAGRAPH  # the next lead-in ends the first group
    assert items[0].text == (
        "be Helsedirektoratet utrede hvordan omstilling til en mer forebyggende helse- og omsorgstjeneste "
        "systematisk kan støttes og evalueres"
    )
    assert items[0].marker == "–" and items[0].depth == 0 and items[0].style == "List"
    assert inside[-1].role == "box_end" and inside[-1].text == "[Boks slutt]"
    assert meld9.text(items[0].first_line).startswith("– be Helsedirektoratet utrede")


def test_counts_of_boxes_and_headings(meld9: Document):
    assert len(meld9.boxes) == 74
    assert sum(bx.title == "Regjeringen vil" for bx in meld9.boxes) == 7
    assert [bx.number for bx in meld9.boxes[:3]] == ["Boks 2.1", "Boks 3.1", "Boks 3.2"]
    headings = meld9.of_kind(Kind.HEADING)
    by_style = Counter(b.style for b in headings)
    assert by_style["Heading 1"] == 10 and by_style["tittel-ramme"] == 74 and by_style["avsnitt-tittel"] == 85
    chapters = [b for b in headings if b.level == 1]
    assert [b.number for b in chapters] == [str(n) for n in range(1, 11)]
    assert chapters[2].text == "3 En helse- og omsorgstjeneste som fremmer forebygging og mestring"
    first_section = next(b for b in headings if b.level == 2)
    assert (first_section.number, first_section.title) == ("1.1", "Regjeringens overordnede mål")
    assert {b.level for b in headings if b.style == "avsnitt-tittel"} == {4}  # below Heading 3


def test_lines_are_paragraphs_and_table_rows_in_body_order(meld9: Document):
    assert len(meld9.lines) == 1743  # 1732 paragraphs + 11 table rows
    assert [ln.no for ln in meld9.lines] == list(range(1, 1744))
    table = meld9.of_kind(Kind.TABLE)[0]
    assert (table.first_line, table.last_line) == (1417, 1427)
    assert meld9.text(1415) == "Tabell 8.1 Investeringsprosjekter under planlegging over 500 mill. kroner"
    assert meld9.text(1416) == ""  # the typesetter's hidden table id "02J1xx2" is not printed
    assert meld9.text(1428).startswith("Kilde: De regionale helseforetakenes")
    assert table.caption == "Tabell 8.1 Investeringsprosjekter under planlegging over 500 mill. kroner"
    assert table.rows[0].header and table.rows[0].texts == ["Helseregion", "Prosjekt"]
    assert not table.rows[1].header and table.rows[1].cells[0].text == "Helse Sør-Øst"
    assert meld9.text(1417) == "Helseregion\tProsjekt"
    assert not any("02J1xx2" in ln.text for ln in meld9.lines)


def test_title_page_and_classification(meld9: Document):
    assert meld9.texts[2:4] == ["Meld. St. 9", "(2023–2024)"]
    tilraading = next(t for t in meld9.texts if t.startswith("Tilråding"))
    # the w:br inside the paragraph become single spaces
    assert tilraading == (
        "Tilråding fra Helse- og omsorgsdepartementet 1. mars 2024, godkjent i statsråd samme dag. "
        "(Regjeringen Støre)"
    )
    c = classify(meld9)
    assert (c.dokumenttype, c.aar) == ("meld_st", 2024)


def test_reference_marks_glue_no_digits(meld9: Document):
    text = meld9.full_text()
    # a w:footnoteReference after "over tid"; a hand-typed superscript "1" after "2040."
    assert "helse- og omsorgstjenester over tid, har Norge hatt ressurser" in text
    assert "nytt satsingsområde i regional utviklingsplan for 2040." in text
    assert "utviklingsplan for 2040.1" not in text
    note = next(b for b in meld9.of_kind(Kind.FOOTNOTE))
    assert note.text == "1\tRegional utviklingsplan 2040 – Helse Sør-Øst RHF (helse-sorost.no)"
    assert note.box is not None  # box notes stand inside their box


def test_kinds_and_roles(meld9: Document):
    kinds = Counter(b.kind for b in meld9.blocks)
    assert kinds[Kind.TABLE] == 1 and kinds[Kind.CAPTION] == 11
    friliste = next(b for b in meld9.blocks if b.style == "friliste")
    assert (friliste.marker, friliste.number, friliste.text) == (
        "1.",
        "1",
        "God helse og mestring i befolkningen, uavhengig av sosial bakgrunn",
    )
    list2 = next(b for b in meld9.blocks if b.style == "List 2")
    assert list2.kind is Kind.LIST_ITEM and list2.depth == 1
    # 'List Paragraph' without numbering is an indented paragraph, printed without a bullet
    assert all(b.kind is Kind.PARAGRAPH for b in meld9.blocks if b.style == "List Paragraph")
    assert {b.role for b in meld9.blocks if b.style == "blokksit"} == {"quote"}
    assert {b.role for b in meld9.blocks if b.style == "Kilde"} == {"source"}


# --- documents built here -----------------------------------------------------------------------


def _save(d: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _read(d: docx.document.Document) -> Document:
    return read_document("built.docx", _save(d))


def _style(d: docx.document.Document, name: str) -> str:
    d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    return name


def test_heading_list_table_with_merged_cells_and_unit():
    d = docx.Document()
    d.add_heading("Innledning", level=1)
    d.add_paragraph("")
    d.add_paragraph("Regjeringen vil")
    d.add_paragraph("styrke forebygging", style="List Bullet")
    d.add_paragraph("med et underpunkt", style="List Bullet 2")
    d.add_paragraph("første", style="List Number")
    d.add_paragraph("andre", style="List Number")
    d.add_paragraph("Tabell 2.1 Bevilgninger til helse", style="Caption")
    t = d.add_table(rows=4, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "(i 1 000 kr)"
    for cell, text in zip(t.rows[1].cells, ["Post", "2023", "2024"], strict=True):
        cell.text = text
    for cell, text in zip(t.rows[2].cells, ["Kap. 740", "1 234", "5 678"], strict=True):
        cell.text = text
    t.cell(3, 1).text, t.cell(3, 2).text = "10", "20"
    t.cell(2, 0).merge(t.cell(3, 0))
    d.add_paragraph("Etter tabellen.")
    doc = _read(d)

    assert doc.format == "docx"
    assert doc.texts == [
        "Innledning",
        "",  # the empty paragraph keeps its line
        "Regjeringen vil",
        "• styrke forebygging",
        "• med et underpunkt",
        "1. første",
        "2. andre",
        "Tabell 2.1 Bevilgninger til helse",
        "(i 1 000 kr)",  # a merged cell once, not three times
        "Post\t2023\t2024",
        "Kap. 740\t1 234\t5 678",
        "\t10\t20",  # the vertically merged cell stays in the row where it starts
        "Etter tabellen.",
    ]
    heading, lead_in, b1, b2, n1, n2, caption, table, after = doc.blocks
    assert (heading.kind, heading.level, heading.text, heading.first_line) == (
        Kind.HEADING,
        1,
        "Innledning",
        1,
    )
    assert lead_in.role == "lead_in"
    assert (b1.kind, b1.marker, b1.depth, b1.text) == (Kind.LIST_ITEM, "•", 0, "styrke forebygging")
    assert (b2.depth, b2.style) == (1, "List Bullet 2")
    assert (n1.marker, n1.number, n1.text, n2.number) == ("1.", "1", "første", "2")
    assert (caption.kind, caption.number) == (Kind.CAPTION, "Tabell 2.1")
    assert table.kind is Kind.TABLE and (table.first_line, table.last_line) == (9, 12)
    assert table.caption == "Tabell 2.1 Bevilgninger til helse" and table.unit == "(i 1 000 kr)"
    assert [r.header for r in table.rows] == [True, True, False, False]
    assert [(c.text, c.line, c.col) for c in table.rows[0].cells] == [("(i 1 000 kr)", 9, 0)]
    assert [(c.text, c.col) for c in table.rows[3].cells] == [("10", 1), ("20", 2)]
    assert table.line_at(table.text.index("Kap. 740")) == 11
    assert after.first_line == 13


def test_box_by_style_and_by_printed_title():
    d = docx.Document()
    d.add_heading("Tiltak", level=1)
    d.add_paragraph("Regjeringen vil", style=_style(d, "tittel-ramme"))
    d.add_paragraph("Regjeringen vil styrke helsetjenesten gjennom å")
    d.add_paragraph("ansette flere", style="List Bullet")
    d.add_paragraph("[Boks slutt]", style=_style(d, "Ramme-slutt"))
    d.add_paragraph("Løpende tekst etter boksen.")
    d.add_paragraph().add_run("Boks 4.1 Fakta om tjenesten").bold = True
    d.add_paragraph("Tjenesten har 12 ansatte.")
    d.add_heading("Neste kapittel", level=1)
    doc = _read(d)

    assert [(bx.number, bx.title) for bx in doc.boxes] == [
        (None, "Regjeringen vil"),
        ("Boks 4.1", "Fakta om tjenesten"),
    ]
    first, second = doc.boxes
    assert [b.kind for b in doc.blocks[first.first_block : first.last_block + 1]] == [
        Kind.HEADING,
        Kind.PARAGRAPH,
        Kind.LIST_ITEM,
        Kind.PARAGRAPH,
    ]
    assert doc.blocks[first.last_block].role == "box_end"
    assert doc.blocks[first.last_block + 1].box is None  # the running text after the box
    # no end marker: the box ends before the next section heading
    assert doc.blocks[second.last_block].text == "Tjenesten har 12 ansatte."
    assert doc.blocks[second.last_block + 1].title == "Neste kapittel"


def test_printed_markers_breaks_superscripts_and_hidden_text():
    d = docx.Document()
    d.add_paragraph("1.\tGod helse og mestring", style=_style(d, "friliste"))
    p = d.add_paragraph("Første linje")
    p.add_run().add_break()
    p.add_run("andre linje i avsnittet")
    sup = p.add_run("12")
    sup.font.superscript = True
    p.add_run(" går videre over 30 km")
    p.add_run("2").font.superscript = True
    p.add_run(".")
    p.add_run(" skjult tekst").font.hidden = True
    note = d.add_paragraph()
    note.add_run("3").font.superscript = True
    note.add_run("\tKilde for noten")
    doc = _read(d)

    item = doc.blocks[0]
    assert (item.kind, item.marker, item.number, item.text) == (
        Kind.LIST_ITEM,
        "1.",
        "1",
        "God helse og mestring",
    )
    assert doc.texts[1] == "Første linje andre linje i avsnittet går videre over 30 km²."
    assert doc.texts[2] == "3\tKilde for noten"  # a note's own number starts its paragraph


def test_text_boxes_once_and_tracked_changes_as_accepted():
    d = docx.Document()
    anchor = d.add_paragraph("Ankeret")
    box_p = "<w:p><w:r><w:t>Teksten i tekstboksen</w:t></w:r></w:p>"
    anchor._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')} xmlns:mc='{MC_NS}'><mc:AlternateContent>"
            "<mc:Choice Requires='wps'>"
            f"<w:drawing><w:txbxContent>{box_p}</w:txbxContent></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><w:txbxContent>{box_p}</w:txbxContent></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    edited = d.add_paragraph("Beløpet er ")
    edited._p.append(parse_xml(f"<w:del {nsdecls('w')}><w:r><w:delText>10</w:delText></w:r></w:del>"))
    edited._p.append(parse_xml(f"<w:ins {nsdecls('w')}><w:r><w:t>12</w:t></w:r></w:ins>"))
    edited.add_run(" mill. kroner.")
    doc = _read(d)
    assert doc.texts == ["Ankeret", "Teksten i tekstboksen", "Beløpet er 12 mill. kroner."]


def test_numbering_restarts_where_word_restarts_it():
    d = docx.Document()
    d.add_paragraph("første", style="List Number")
    d.add_paragraph("andre", style="List Number")
    d.add_paragraph("Mellom listene.")
    again = [d.add_paragraph(text, style="List Number") for text in ("første igjen", "andre igjen")]
    # Word's "Restart numbering": a new w:num of the same definition, with a start override
    numbering = d.part.numbering_part.element
    style_num = d.styles["List Number"].element.pPr.numPr.numId.val
    abstract = next(n for n in numbering.num_lst if n.numId == style_num).abstractNumId.val
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="99"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    for p in again:  # Word puts the rest of the restarted list on the new w:num
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr>')
        )
    doc = _read(d)
    assert doc.texts == ["1. første", "2. andre", "Mellom listene.", "1. første igjen", "2. andre igjen"]


def test_table_header_row_marked_in_the_docx():
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    for r, texts in enumerate([("Post", "Beløp"), ("01 Driftsutgifter", "100"), ("21 Spesielle", "7")]):
        for c, text in enumerate(texts):
            t.cell(r, c).text = text
    for row in (t.rows[0], t.rows[1]):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    table = _read(d).blocks[0]
    assert [r.header for r in table.rows] == [True, True, False]


# --- bad and hostile files ----------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _declare_size(data: bytes, size: int) -> bytes:
    """The zip with its first central-directory entry claiming `size` uncompressed bytes."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    out[pos + 24 : pos + 28] = struct.pack("<I", size)
    return bytes(out)


def _minimal_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("Tildelingsbrev")
    return _save(d)


def _with_part(data: bytes, name: str, new: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: src.read(n) for n in src.namelist()}
    parts[name] = new
    return _zip(parts)


def _bad_files() -> list[tuple[str, bytes, Limits | None, str]]:
    good = _minimal_docx()
    xxe = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return [
        (
            "bomb.docx",
            _declare_size(good, 0xF000_0000),
            None,
            r"DOCX unpacks to 4\.0 GB, over the limit of 210 MB",
        ),
        (
            "many.docx",
            _zip({f"word/media/{i}.bin": b"x" for i in range(60)}),
            Limits(max_zip_entries=50),
            "60 zip entries",
        ),
        (
            "book.docx",
            _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
            None,
            "Excel workbook",
        ),
        ("deck.docx", _zip({"ppt/presentation.xml": b"<x/>"}), None, "PowerPoint presentation"),
        ("other.docx", _zip({"readme.txt": b"hei"}), None, "zip archive without word/document.xml"),
        ("cut.docx", good[: len(good) // 2], None, "corrupt .docx"),
        ("locked.docx", ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100, None, "encrypted"),
        ("old.doc", ole, None, "an old Office document"),
        ("xxe.docx", _with_part(good, "word/document.xml", xxe), None, "declares a DTD"),
        ("text.docx", b"just some text", None, "not a .docx: the file is not a zip archive"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "limits", "reason"), _bad_files(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_bad_docx_gives_one_line(name: str, data: bytes, limits: Limits | None, reason: str):
    with pytest.raises(SourceError, match=reason) as err:
        read_document(name, data, limits)
    assert "\n" not in str(err.value)
    res = extract_bytes(name, data, limits)
    assert res.failed and len(res.messages) == 1
    assert res.messages[0][1].startswith(f"{name}: ") and "\n" not in res.messages[0][1]


def test_python_docx_parser_resolves_no_external_entity(tmp_path: Path):
    """The second line of defence behind the DTD check: python-docx's lxml parser loads no entity."""
    from docx.oxml.parser import oxml_parser
    from lxml import etree

    secret = tmp_path / "secret.txt"
    secret.write_text("HEMMELIG")
    xml = (
        f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        '<r xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><t>&xxe;</t></r>'
    ).encode()
    root = etree.fromstring(xml, oxml_parser)
    assert "HEMMELIG" not in etree.tostring(root, encoding="unicode", method="text")


def test_a_docx_named_txt_is_read_as_docx():
    doc = read_document("brev.txt", _minimal_docx())
    assert doc.format == "docx" and doc.texts == ["Tildelingsbrev"]


def test_empty_word_document_has_no_text():
    with pytest.raises(SourceError, match="no text"):
        read_document("tom.docx", _save(docx.Document()))


def test_a_continued_box_keeps_its_title():
    """ "Boks 7.1 forts." after a page break: the box it continues is "Regjeringen vil", and so is it
    (as in the text and Markdown readers), so its items are read as commitments too."""
    out = docx.Document()
    out.add_heading("7 Gode tjenester til gravide", level=1)
    out.add_heading("Boks 7.1 Regjeringen vil", level=3)
    out.add_paragraph("Opprettholde dagens fødetilbud innenfor planperioden.", style="List Bullet")
    out.add_paragraph("Løpende tekst mellom boksens to deler.")
    out.add_heading("Boks 7.1 forts.", level=3)
    out.add_paragraph("Videreutvikle doulaordningen for gravide med innvandrerbakgrunn.", style="List Bullet")
    buf = io.BytesIO()
    out.save(buf)
    doc = read_document("meld.docx", buf.getvalue())
    assert [(b.number, b.title) for b in doc.boxes] == [("Boks 7.1", "Regjeringen vil")] * 2


def test_a_caption_typed_in_the_body_style_is_the_tables_caption():
    out = docx.Document()
    out.add_paragraph("Tabell 6-1 Bevilgningsrapportering 31.12.2023")
    table = out.add_table(rows=2, cols=3)
    for cell, text in zip(
        table.rows[0].cells + table.rows[1].cells,
        ["Kapittel", "Post", "Beløp", "0740", "01", "1 000"],
        strict=True,
    ):
        cell.text = text
    out.add_paragraph("Tabell 6-1 viser at regnskapet er avlagt.")
    buf = io.BytesIO()
    out.save(buf)
    doc = read_document("aarsrapport.docx", buf.getvalue())
    assert [b.text for b in doc.blocks if b.kind is Kind.CAPTION] == [
        "Tabell 6-1 Bevilgningsrapportering 31.12.2023"
    ]
    assert (
        next(b for b in doc.blocks if b.kind is Kind.TABLE).caption
        == "Tabell 6-1 Bevilgningsrapportering 31.12.2023"
    )
