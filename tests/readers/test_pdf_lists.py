"""List items in a PDF: where an item ends when no gap follows it (the reading layer's list rules,
readers/layout/build.py, on lines read by the PDF reader)."""

from __future__ import annotations

from fpdf import FPDF

from hdir_extract.document import Document, Kind
from hdir_extract.readers import read_document

LEAD = "Regjeringen vil styrke samarbeidet mellom kommuner og sykehus gjennom tiltakene under:"
ITEMS = [
    ["legge til rette for mer veiledning og informasjon om kommunalt og interkommunalt", "samarbeid"],
    ["starte et arbeid for å forenkle de lovregulerte koordineringsordningene slik at de", "er til nytte"],
    [
        "følge opp de regionale helseforetakenes plan for sikkerhetspsykiatri og rapporten om",
        "organisering av psykisk helsevern i kommunene og i spesialisthelsetjenesten i hele landet",
    ],
]
# no shorter line before it, and a first word that would not have fitted after the item's last line
AFTER = ["Helsefellesskapene mellom kommuner og sykehus skal være en drivkraft for samarbeid om", "dette."]


def _pdf(hang: float) -> bytes:
    """One page: a lead-in, three items (marker at the margin, wrapped lines `hang` mm further in) and a
    paragraph at the margin, every line 6 mm under the last: no gap tells where the list ends."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    y = 30.0

    def put(x: float, text: str) -> None:
        nonlocal y
        pdf.set_xy(x, y)
        pdf.cell(0, 5, text)
        y += 6

    put(20, LEAD)
    for first, *rest in ITEMS:
        put(20, f"-   {first}")
        for more in rest:
            put(20 + hang, more)
    for text in AFTER:
        put(20, text)
    return bytes(pdf.output())


def _items(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is Kind.LIST_ITEM]


def test_a_line_back_at_the_markers_edge_ends_a_hanging_list():
    doc = read_document("liste.pdf", _pdf(hang=6))
    assert _items(doc)[0].endswith("interkommunalt samarbeid")
    assert _items(doc)[-1].endswith("i spesialisthelsetjenesten i hele landet")
    after = next(b for b in doc.blocks if b.text.startswith("Helsefellesskapene"))
    assert after.kind is Kind.PARAGRAPH and after.text.endswith("samarbeid om dette.")


def test_without_hanging_indents_wrapped_lines_stay_in_their_item():
    # a typesetter that sets an item's wrapped lines at the margin: the line at the edge says nothing
    doc = read_document("liste.pdf", _pdf(hang=0))
    assert _items(doc)[1].endswith("koordineringsordningene slik at de er til nytte")
