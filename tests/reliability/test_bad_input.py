"""Bad input never crashes the run: one line per file naming the reason; the rest still extracted."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hdir_extract.cli import app
from hdir_extract.pipeline import extract_file, run

JUNK: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": " \n\t\n\u200b\u200b\n".encode(),
    "junk.txt": bytes(range(256)) * 8,
    "latin1.txt": "Tildelingsbrev for 2023 – Helsedirektoratet, Tromsø".encode("latin-1", errors="replace"),
    "utf16.txt": "Tildelingsbrev 2023".encode("utf-16"),
    "brev.docx": b"PK\x03\x04\x14\x00\x06\x00word/document.xml" + b"\x00" * 100,
    "side.html": b"<!DOCTYPE html>\n<html><head><title>x</title></head><body>Tildelingsbrev</body></html>",
    "notat.txt": "Referat\n\nVi drøftet kantinen og været.\n".encode(),
}
EXPECTED_REASON = {
    "empty.txt": "empty file",
    "blank.txt": "no text",
    "junk.txt": "binary content",
    "latin1.txt": "byte offset",
    "utf16.txt": "UTF-16",
    "brev.docx": "corrupt .docx",
    "side.html": "unknown document type",  # an HTML page is read now; this one is no known document
    "notat.txt": "unknown document type",
}


def test_every_bad_file_gets_one_line_and_the_good_one_is_extracted(raw_copy: Path, tmp_path: Path):
    for name, data in JUNK.items():
        (raw_copy / name).write_bytes(data)
    results, tables = run(raw_copy, tmp_path / "out", workers=1, use_cache=False)
    by_file = {r.fil: r for r in results}
    for name, reason in EXPECTED_REASON.items():
        msgs = by_file[name].messages
        assert len(msgs) == 1, (name, msgs)
        severity, text = msgs[0]
        assert text.startswith(f"{name}: ") and reason in text and "\n" not in text, (name, text)
        assert severity == ("advarsel" if name in ("notat.txt", "side.html") else "feil")
    assert {f["fil"] for f in tables["feil"]} >= set(JUNK)
    good = [d for d in tables["dokumenter"] if d["dokumenttype"] == "tildelingsbrev"]
    assert len(good) == 1
    assert (tmp_path / "out" / "hdir.duckdb").exists()


def test_cli_exit_codes(raw_copy: Path, tmp_path: Path):
    runner = CliRunner()
    ok = runner.invoke(app, ["extract", str(raw_copy), "--out", str(tmp_path / "a"), "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    (raw_copy / "empty.txt").write_bytes(b"")
    bad = runner.invoke(app, ["extract", str(raw_copy), "--out", str(tmp_path / "b"), "--workers", "1"])
    assert bad.exit_code == 1
    assert "empty.txt: empty file" in bad.output
    assert "Traceback" not in bad.output
    usage = runner.invoke(app, ["extract", str(tmp_path / "missing")])
    assert usage.exit_code == 2


def test_unknown_type_is_a_warning_not_a_failure(raw_copy: Path, tmp_path: Path):
    (raw_copy / "notat.txt").write_bytes(JUNK["notat.txt"])
    result = CliRunner().invoke(
        app, ["extract", str(raw_copy), "--out", str(tmp_path / "o"), "--workers", "1"]
    )
    assert result.exit_code == 0
    assert "warning: notat.txt: skipped: unknown document type" in result.output


def test_size_limit_is_configurable(raw_copy: Path, tmp_path: Path):
    result = CliRunner().invoke(
        app, ["extract", str(raw_copy), "--out", str(tmp_path / "o"), "--max-mb", "0.01", "--workers", "1"]
    )
    assert result.exit_code == 1
    assert "over the limit" in result.output


def test_a_file_that_disappears_is_reported(tmp_path: Path):
    res = extract_file(tmp_path / "gone.txt")
    assert res.failed
    assert res.messages[0][1].startswith("gone.txt: cannot read the file")


def test_extractor_exception_is_isolated(raw_copy: Path, tmp_path: Path, monkeypatch):
    import hdir_extract.extractors as ex

    def boom(doc):
        raise RuntimeError("simulated bug")

    specs = tuple(
        s if s.name != "brev" else type(s)(s.name, s.doc_types, boom, s.main_table) for s in ex.EXTRACTORS
    )
    monkeypatch.setattr(ex, "EXTRACTORS", specs)
    results, tables = run(raw_copy, tmp_path / "o", workers=1, use_cache=False)
    assert results[0].failed
    feil = [f for f in tables["feil"] if f["stage"] == "brev"]
    assert feil and feil[0]["feiltype"] == "RuntimeError" and "simulated bug" in feil[0]["melding"]
    assert tables["dokumenter"]  # the document and the other extractors still went through
