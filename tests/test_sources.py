"""Reading raw files: normalisation keeps line numbers; bad input gives one clear line, not a crash."""

from __future__ import annotations

import pytest
from tests import perturb as P
from tests.conftest import RAW

from hdir_extract.pipeline import extract_bytes
from hdir_extract.readers import Limits, SourceError, read_document


def test_lines_are_the_files_lines():
    path = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    doc = read_document(path.name, path.read_bytes())
    assert doc.text(1).strip() == "1 Innledning"
    assert doc.text(407).strip() == raw_lines[406].strip()
    assert len(doc) in (len(raw_lines), len(raw_lines) - 1)


def test_crlf_nfd_and_nbsp_normalised():
    doc = read_document("x.txt", "Sjø\r\nA\u0301s 1\u00a0234\r\n".encode())
    assert doc.texts == ["Sjø", "Ás 1 234"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        ("   \n\u200b\n".encode(), "no text"),
        (b"\x00\x01\x02binary\x00", "binary content"),
        (b"abc \xff\xfe def", "undecodable byte 0xff at byte offset 4"),
        ("Tildelingsbrev".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04....word/document.xml", "corrupt .docx: not a readable zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "an old Office document"),
        (b"<!DOCTYPE html><html><body><nav>Forsiden</nav></body></html>", "no text: the HTML"),
    ],
)
def test_bad_input_gives_one_line_reason(data, reason):
    with pytest.raises(SourceError, match=reason):
        read_document("bad.txt", data)
    res = extract_bytes("bad.txt", data)
    assert res.failed and len(res.messages) == 1
    sev, msg = res.messages[0]
    assert sev == "feil" and msg.startswith("bad.txt: ") and "\n" not in msg


def test_size_limit():
    with pytest.raises(SourceError, match="over the limit"):
        read_document("big.txt", b"x" * 2000, Limits(max_bytes=1000))


def test_corrupt_pdf():
    res = extract_bytes("broken.pdf", b"%PDF-1.4\n1 0 obj <<>> garbage")
    assert res.failed
    assert "PDF" in res.messages[0][1]


def test_form_feeds_mark_pages_and_change_no_record():
    """A text layer as pdftotext writes it: a form feed opens each page (here every 55 lines, in
    mid-paragraph). The records are the plain text's, and each line knows its page."""
    path = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    paged = "\n".join(P.form_feeds(lines, 55))
    plain, fed = extract_bytes(path.name, path.read_bytes()), extract_bytes("paged.txt", paged.encode())

    def key(table: str, row: dict) -> tuple:
        return tuple(v for k, v in sorted(row.items()) if k not in ("dok_id", "side", "indikator_id"))

    for table in ("bevilgninger", "oppdrag", "indikatorer", "brev"):
        assert sorted(map(str, (key(table, r) for r in fed.tables[table]))) == sorted(
            map(str, (key(table, r) for r in plain.tables[table]))
        ), table
    doc = read_document("paged.txt", paged.encode())
    assert doc.n_pages == len(lines) // 55 + 1
    assert (doc.lines[54].page, doc.lines[55].page, doc.lines[110].page) == (1, 2, 3)
    assert "\f" not in doc.lines[55].text
    row = next(r for r in fed.tables["bevilgninger"] if r["kapittel"] == 740 and r["post"] == 1)
    assert row["side"] == doc.lines[row["linje"] - 1].page == 3
