"""Real documents vary: CRLF, NFD, odd spaces and dashes, renamed or duplicated files."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

from tests.conftest import RAW
from tests.pdf_factory import TB_2023_PDF, shared

from hdir_extract.pipeline import extract_bytes, run

SOURCE = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"
IGNORE = {"dok_id", "sha256", "kilde_fil", "indikator_id", "indikator_ref"}  # ids derived from the bytes


def _records(data: bytes, name: str = "x.txt") -> dict[str, list[dict]]:
    res = extract_bytes(name, data)
    out = {}
    for table, rows in res.tables.items():
        if table in ("dokumenter", "linjer", "kontroller", "feil"):
            continue
        out[table] = [{k: v for k, v in r.items() if k not in IGNORE} for r in rows]
    return out


def test_crlf_and_nfd_give_the_same_records():
    text = SOURCE.read_text(encoding="utf-8")
    original = _records(text.encode())
    variant = unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode()
    assert _records(variant) == original


def test_odd_spaces_and_minus_in_numbers_parse_the_same():
    text = SOURCE.read_text(encoding="utf-8")
    original = _records(text.encode())
    # thin and no-break spaces where the corpus prints plain spaces inside numbers
    import regex

    variant = regex.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", text)
    assert _records(variant.encode()) == original


def test_same_document_twice_is_counted_once(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SOURCE, raw / "a.txt")
    shutil.copy(SOURCE, raw / "kopi av a.txt")
    results, tables = run(raw, tmp_path / "out", workers=1, use_cache=False)
    assert len(tables["dokumenter"]) == 1
    dup = [f for f in tables["feil"] if f["feiltype"] == "DuplicateDocument"]
    assert len(dup) == 1 and dup[0]["fil"] == "kopi av a.txt"
    assert not any(r.failed for r in results)


def test_same_document_as_text_and_as_pdf_is_counted_once(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SOURCE, raw / "brev.txt")
    shutil.copy(shared(TB_2023_PDF), raw / "brev.pdf")  # the letter typeset as a PDF (shared corpus)
    results, tables = run(raw, tmp_path / "out", workers=1, use_cache=False)
    assert [d["format"] for d in tables["dokumenter"]] == [
        "txt"
    ]  # text is preferred: its lines are the file's
    dup = [f for f in tables["feil"] if f["feiltype"] == "DuplicateDocument"]
    assert [f["fil"] for f in dup] == ["brev.pdf"]
    assert not any(r.failed for r in results)
