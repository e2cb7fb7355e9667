"""Duplicates mean the same content: different letters of one year are all kept, one document in two
renderings is extracted once, and a letter that also stands inside a bundle is counted once.

Fixtures are built at test time from the corpus bundles in data/raw (letters cut at their `brev` rows,
lines re-broken the way another typesetter would); real renderings from ../shared are read where present.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import RAW

import hdir_extract.pipeline as pipeline
from hdir_extract.dedupe import THRESHOLD, containment, covers, fingerprint, letters_holding
from hdir_extract.pipeline import extract_bytes, run

TB2023 = RAW / "tildelingsbrev-2023-helsedirektoratet.txt"
TB2026 = RAW / "tildelingsbrev-2026-helsedirektoratet.txt"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"


def _letters(bundle: Path) -> dict[int, str]:
    """The text of each letter of a corpus bundle, by brev_nr, cut where the pipeline says it starts."""
    lines = bundle.read_text(encoding="utf-8").split("\n")
    rows = extract_bytes(bundle.name, bundle.read_bytes()).tables["brev"]
    return {b["brev_nr"]: "\n".join(lines[b["linje_start"] - 1 : b["linje_slutt"]]) + "\n" for b in rows}


def _rebreak(text: str, width: int = 50) -> str:
    """The same text as another typesetter prints it: lines re-broken at `width` with long words
    hyphenated at the break, CRLF line ends; blank lines and TAB-separated table rows stay as they are."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip() or "\t" in line:
            out.append(line)
            continue
        current = ""
        for word in line.split():
            room = width - len(current) - 1
            if current and len(word) > 9 and word.isalpha() and 4 <= room < len(word) - 3:
                out.append(f"{current} {word[:room]}-")  # "helsetjeneste-" + "loven"
                current = word[room:]
            elif current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        out.append(current)
    return "\r\n".join(out)


@pytest.fixture(scope="module")
def letters_2023() -> dict[int, str]:
    return _letters(TB2023)


@pytest.fixture(scope="module")
def letters_2026() -> dict[int, str]:
    return _letters(TB2026)


# --- the rule on constructed texts ------------------------------------------------------------------


def test_a_letter_rebroken_is_the_same_content(letters_2026):
    text = letters_2026[2]
    again = _rebreak(text)
    assert again.count("\n") > text.count("\n") and "-\r\n" in again  # the fixture really re-broke lines
    a, b = fingerprint(text.split("\n")), fingerprint(again.replace("\r", "").split("\n"))
    assert containment(a.shingles, b.shingles) >= 0.95 and containment(b.shingles, a.shingles) >= 0.95
    assert covers(a, b) and covers(b, a)


def test_a_bundle_holds_its_letter_but_not_the_other_way_round(letters_2026):
    bundle_text = letters_2026[1] + letters_2026[2]
    first_of_letter_2 = bundle_text[: len(letters_2026[1])].count("\n") + 1
    bundle = fingerprint(
        bundle_text.split("\n"),
        [(1, 1, first_of_letter_2 - 1), (2, first_of_letter_2, bundle_text.count("\n"))],
    )
    standalone = fingerprint(_rebreak(letters_2026[2]).replace("\r", "").split("\n"))
    assert covers(bundle, standalone)
    assert not covers(standalone, bundle)
    assert letters_holding(bundle, standalone) == [2]
    # the main letter alone is 98% of the bundle's text, yet does not cover it: letter 2 is missing
    main_alone = fingerprint(letters_2026[1].split("\n"))
    assert containment(bundle.shingles, main_alone.shingles) >= THRESHOLD
    assert covers(bundle, main_alone) and not covers(main_alone, bundle)
    assert letters_holding(bundle, main_alone) == [1]


def test_different_letters_of_one_sender_and_year_do_not_cover_each_other(letters_2023):
    fps = {nr: fingerprint(text.split("\n")) for nr, text in letters_2023.items()}
    for a in fps:
        for b in fps:
            if a != b:
                assert containment(fps[a].shingles, fps[b].shingles) < 0.5, (a, b)
                assert not covers(fps[b], fps[a]), (a, b)


# --- the whole pipeline ----------------------------------------------------------------------------


def _feil(tables: dict, kind: str) -> list[dict]:
    return [f for f in tables["feil"] if f["feiltype"] == kind]


def test_two_supplementary_letters_of_one_year_are_both_kept(tmp_path: Path, letters_2023):
    # letters 4 and 5 of the 2023 bundle, each on its own, classify alike (tildelingsbrev, 2023, both
    # "Tillegg til tildelingsbrev") but say different things: both are extracted
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "tillegg-a.txt").write_text(letters_2023[4], encoding="utf-8")
    (raw / "tillegg-b.txt").write_text(letters_2023[5], encoding="utf-8")
    _, tables = run(raw, tmp_path / "out", workers=1, use_cache=False)
    docs = tables["dokumenter"]
    assert len(docs) == 2 and {(d["dokumenttype"], d["aar"]) for d in docs} == {("tildelingsbrev", 2023)}
    assert not _feil(tables, "DuplicateDocument") and not _feil(tables, "ContainedDocument")
    ids = {o["oppdrag_id"] for o in tables["oppdrag"]}
    assert {"TTB2023-02", "TTB2023-08"} <= ids
    ny = {(b["kapittel"], b["post"]): b["belop_nok"] for b in tables["bevilgninger"]
          if b["belopstype"] == "ny_tildeling"}  # fmt: skip
    assert ny == {(765, 21): 8_500_000, (762, 21): 350_000}


@pytest.mark.parametrize("standalone", ["a-supplerende-nr1.txt", "z-supplerende-nr1.txt"])
def test_a_letter_also_inside_its_bundle_is_counted_once(tmp_path: Path, letters_2026, standalone: str):
    # decided: the standalone letter is skipped with a warning naming the bundle and the letter in it;
    # every amount of the letter comes once, from the bundle (whatever the file names' order)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TB2026, raw / TB2026.name)
    (raw / standalone).write_text(_rebreak(letters_2026[2]), encoding="utf-8")
    results, tables = run(raw, tmp_path / "out", workers=1, use_cache=False)
    assert [d["kilde_fil"] for d in tables["dokumenter"]] == [TB2026.name]
    (skipped,) = _feil(tables, "ContainedDocument")
    assert skipped["fil"] == standalone and skipped["alvorlighet"] == "advarsel"
    assert skipped["melding"] == f"skipped: contained in {TB2026.name} (letter 2 of that bundle)"
    rows = [b for b in tables["bevilgninger"] if (b["kapittel"], b["post"]) == (2756, 70)]
    assert sorted((b["belopstype"], b["belop_nok"], b["brev_nr"]) for b in rows) == [
        ("ny_tildeling", 12_000_000, 2),
        ("sum_tildelt", 12_000_000, 2),
        ("tidligere_tildeling", 0, 2),
    ]
    assert [o["oppdrag_id"] for o in tables["oppdrag"]].count("TB2026-61") == 1
    assert not any(r.failed for r in results)


def test_a_letter_of_unknown_type_inside_a_bundle_is_named_as_contained(tmp_path: Path, letters_2026):
    # re-broken narrower, the letter's title line breaks and the classifier no longer types it: it is
    # still told apart as part of the bundle (and never stands for the bundle)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TB2026, raw / TB2026.name)
    (raw / "brev.txt").write_text(_rebreak(letters_2026[2], width=38), encoding="utf-8")
    assert extract_bytes("brev.txt", (raw / "brev.txt").read_bytes()).skipped  # unknown type on its own
    results, tables = run(raw, tmp_path / "out", workers=1, use_cache=False)
    assert [d["kilde_fil"] for d in tables["dokumenter"]] == [TB2026.name]
    (skipped,) = _feil(tables, "ContainedDocument")
    assert skipped["melding"] == f"skipped: contained in {TB2026.name} (letter 2 of that bundle)"
    (res,) = [r for r in results if r.fil == "brev.txt"]
    assert res.messages == [("advarsel", f"brev.txt: {skipped['melding']}")]


def test_the_main_letter_alone_never_replaces_the_bundle(tmp_path: Path, letters_2026):
    # the main letter is 98% of the bundle's text: a text-versus-text "same document" would keep the
    # preferred file and lose supplementary letter 2; its own letters say the bundle holds more
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TB2026, raw / "z-bundle.txt")
    (raw / "a-hovedbrev.txt").write_text(letters_2026[1], encoding="utf-8")
    _, tables = run(raw, tmp_path / "out", workers=1, use_cache=False)
    assert [d["kilde_fil"] for d in tables["dokumenter"]] == ["z-bundle.txt"]
    (skipped,) = _feil(tables, "ContainedDocument")
    assert skipped["melding"] == "skipped: contained in z-bundle.txt (letter 1 of that bundle)"
    assert {b["brev_nr"] for b in tables["bevilgninger"]} == {1, 2}


def test_content_duplicates_are_found_from_the_cache_without_re_reading(tmp_path: Path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TB2023, raw / "brev.txt")
    (raw / "kopi-ombrutt.txt").write_text(_rebreak(TB2023.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    _, first = run(raw, out, workers=1)
    assert [f["fil"] for f in _feil(first, "DuplicateDocument")] == ["kopi-ombrutt.txt"]

    def must_not_extract(*args, **kwargs):
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(pipeline, "extract_file", must_not_extract)
    _, again = run(raw, out, workers=1)
    assert [f["fil"] for f in _feil(again, "DuplicateDocument")] == ["kopi-ombrutt.txt"]
    assert [d["kilde_fil"] for d in again["dokumenter"]] == ["brev.txt"]


# --- real renderings (../shared/real), where present -------------------------------------------------


def _real(name: str) -> list[str]:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path.read_text(encoding="utf-8").split("\n")


def test_the_real_markdown_letter_nr1_is_letter_2_of_the_corpus_bundle():
    # a converter's Markdown (front matter, image links, pipe tables, the letterhead moved into the text)
    bundle = extract_bytes(TB2026.name, TB2026.read_bytes()).fingerprint
    assert bundle is not None
    nr1 = fingerprint(_real("supplerende-tildelingsbrev-2026-nr1-helsedirektoratet.md"))
    assert containment(nr1.shingles, bundle.shingles) >= 0.95
    assert covers(bundle, nr1) and not covers(nr1, bundle)
    assert letters_holding(bundle, nr1) == [2]


def test_real_letters_nr2_and_nr4_are_other_documents():
    bundle = extract_bytes(TB2026.name, TB2026.read_bytes()).fingerprint
    assert bundle is not None
    nr2 = fingerprint(_real("supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md"))
    nr4 = fingerprint(_real("supplerende-tildelingsbrev-2026-nr4-helsedirektoratet.md"))
    for a, b in [(nr2, bundle), (nr4, bundle), (nr2, nr4), (nr4, nr2)]:
        assert containment(a.shingles, b.shingles) < 0.2
        assert not covers(b, a)


def test_corpus_with_real_letters_nr2_and_nr4_keeps_seven_documents(tmp_path):
    """The five corpus texts plus supplementary letters nr. 2 and nr. 4 in their own (Markdown) files:
    seven documents, each letter with its printed number, and the allocation chain of the year holds."""
    for name in (
        "supplerende-tildelingsbrev-2026-nr2-helsedirektoratet.md",
        "supplerende-tildelingsbrev-2026-nr4-helsedirektoratet.md",
    ):
        _real(name)
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    for n in (2, 4):
        shutil.copy(REAL / f"supplerende-tildelingsbrev-2026-nr{n}-helsedirektoratet.md", raw)
    _, tables = run(raw, tmp_path / "out", workers=1, use_cache=False)
    assert len(tables["dokumenter"]) == 7
    standalone = sorted(
        b["tillegg_nr"]
        for b in tables["brev"]
        if b["dok_id"] and b["brev_nr"] == 1 and b["brevtype"] == "tillegg"
    )
    assert standalone == [2, 4]
    chain = [k for k in tables["kontroller"] if k["kontroll"] == "tildelingskjede"]
    assert chain and all(k["ok"] for k in chain)
