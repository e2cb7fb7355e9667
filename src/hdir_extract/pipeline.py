"""The pipeline: raw files -> Documents -> records -> checks -> tables.

`extract_file` is a pure function of one file's bytes (plus the limits): no shared state, so files
run side by side in a process pool, and the results are cached by (sha256, parser version).
`run` collects the per-file results, removes duplicate documents, links across documents and hands
the tables to the writers.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from hdir_extract import PARSER_VERSION
from hdir_extract.checks.grounding import check_grounding
from hdir_extract.checks.tildeling_chain import tildeling_chain_checks
from hdir_extract.classify import Classification, classify
from hdir_extract.dedupe import Fingerprint, covers, fingerprint, letters_holding
from hdir_extract.document import Document
from hdir_extract.extractors import ExtractorSpec, applicable
from hdir_extract.extractors.anmodningsvedtak.links import cross_document_checks as vedtak_checks
from hdir_extract.extractors.brev.index import DocIndex
from hdir_extract.linking import link_tables
from hdir_extract.models import TABLES, Dokument, Feil, Record
from hdir_extract.readers import Limits, SourceError, read_document

Rows = dict[str, list[dict[str, Any]]]
#: files in the raw folder that are ours, not documents
IGNORED_NAMES = {"MANIFEST.csv", "README.md"}
#: checks over all documents' rows together (each returns `kontroller` rows as dicts)
CROSS_DOCUMENT_CHECKS: tuple[Callable[[dict[str, list[dict[str, Any]]]], list[dict[str, Any]]], ...] = (
    vedtak_checks,
    tildeling_chain_checks,
)
EXTRACTED_TYPES = {"tildelingsbrev", "oppdragsdokument", "aarsrapport", "prop_1_s", "meld_st"}


@dataclass
class FileResult:
    fil: str
    sha256: str | None
    tables: Rows = field(default_factory=dict)
    #: one-line messages for the terminal: (severity, text)
    messages: list[tuple[str, str]] = field(default_factory=list)
    failed: bool = False
    skipped: bool = False
    #: the reader's format ("txt", "md", "docx", "pdf"): which rendering of a document to keep
    format: str | None = None
    #: what the document says, for finding the same content in other files (see `dedupe`)
    fingerprint: Fingerprint | None = None

    def add(self, rec: Record) -> None:
        self.tables.setdefault(rec.table, []).append(rec.model_dump(mode="json"))

    def feil(self, dok_id: str | None, stage: str, err: str, severity: str, message: str) -> None:
        self.add(
            Feil(
                dok_id=dok_id, fil=self.fil, stage=stage, feiltype=err, alvorlighet=severity, melding=message
            )
        )
        self.messages.append((severity, f"{self.fil}: {message}"))
        if severity == "feil":
            self.failed = True


def list_inputs(raw_dir: Path) -> list[Path]:
    """Every file in the raw folder except hidden files and our own manifest, sorted by name."""
    return sorted(
        p
        for p in raw_dir.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name not in IGNORED_NAMES
    )


def make_dok_id(dokumenttype: str, aar: int | None, sha256: str) -> str:
    return f"{dokumenttype}-{aar if aar is not None else 'ukjent'}-{sha256[:8]}"


def classified(doc: Document, index: DocIndex | None = None) -> tuple[Document, Classification]:
    """The document as a new value with its type, year, title and id, and the classification itself.
    `index`: the document's shared views, which classification reads too."""
    cls = classify(doc, index)
    dok_id = make_dok_id(cls.dokumenttype, cls.aar, doc.sha256)
    return doc.classified(dok_id, cls.dokumenttype, cls.aar, cls.tittel, cls.utsteder), cls


def _missing(spec: ExtractorSpec, dokumenttype: str, found: list[Record], earlier: list[Record]) -> bool:
    """Finding nothing deserves a warning, unless nothing is what this document is expected to give."""
    if any(r.table == spec.main_table for r in found) or dokumenttype in spec.may_be_empty:
        return False
    if spec.main_letter_only:
        return any(r.table == "brev" and getattr(r, "brevtype", None) != "tillegg" for r in earlier)
    return True


def extract_bytes(name: str, data: bytes, limits: Limits | None = None, debug: bool = False) -> FileResult:
    """Extract every record of one file. Never raises for bad input: problems become `feil` rows."""
    res = FileResult(fil=name, sha256=None)
    try:
        doc = read_document(name, data, limits)
    except SourceError as e:
        res.feil(None, "read", "SourceError", "feil", str(e))
        return res
    except Exception as e:  # an unexpected reader failure is still one line, not a traceback
        res.feil(None, "read", type(e).__name__, "feil", f"cannot read: {type(e).__name__}: {e}"[:300])
        if debug:
            traceback.print_exc()
        return res
    res.sha256 = doc.sha256
    try:
        _extract_document(name, doc, res, debug)
    except Exception as e:  # a bug outside the extractors' own boundaries: still one line, no traceback
        res.feil(
            doc.dok_id or None,
            "pipeline",
            type(e).__name__,
            "feil",
            f"cannot process: {type(e).__name__}: {e}"[:300],
        )
        if debug:
            traceback.print_exc()
    res.format = doc.format
    try:
        res.fingerprint = _fingerprint(doc, res)
    except Exception:  # without one the file is still compared by its bytes: never a failed run
        if debug:
            traceback.print_exc()
    return res


def _fingerprint(doc: Document, res: FileResult) -> Fingerprint:
    """Computed here, in the worker, from the lines every reader gives (blocks may not exist for every
    format yet); a bundle's letters from its `brev` rows."""
    letters = [(b["brev_nr"], b["linje_start"], b["linje_slutt"]) for b in res.tables.get("brev", [])]
    return fingerprint(doc.texts, letters)


def _extract_document(name: str, doc: Document, res: FileResult, debug: bool) -> None:
    """Classify `doc`, run every applicable extractor in its own error boundary, check grounding."""
    unclassified = DocIndex(doc)  # views several extractors read, and classification too
    doc, cls = classified(doc, unclassified)
    index = unclassified.classified(doc)  # built once for this document
    res.add(
        Dokument(
            dok_id=doc.dok_id,
            dokumenttype=cls.dokumenttype,
            aar=cls.aar,
            tittel=cls.tittel,
            utsteder=cls.utsteder,
            mottaker=cls.mottaker,
            kilde_fil=name,
            sha256=doc.sha256,
            format=doc.format,
            antall_linjer=len(doc.lines),
            antall_sider=doc.n_pages,
        )
    )
    for warning in doc.warnings:
        res.feil(doc.dok_id, "read", "ReaderWarning", "advarsel", warning)
    res.tables["linjer"] = [
        {"dok_id": doc.dok_id, "linje": ln.no, "side": ln.page, "tekst": ln.text} for ln in doc.lines
    ]
    for f in doc.furniture:
        res.tables.setdefault("sidemarg", []).append(
            {"dok_id": doc.dok_id, "linje": f.line, "side": f.page, "tekst": f.text, "posisjon": f.position}
        )
    if cls.dokumenttype not in EXTRACTED_TYPES:
        res.skipped = True
        what = f"recognised as {cls.tittel}, a type not extracted" if cls.tittel else "unknown document type"
        res.feil(
            doc.dok_id,
            "classify",
            "SkippedDocument",
            "advarsel",
            f"skipped: {what}" + ("" if cls.tittel else f" ({cls.reason})"),
        )
        return
    records: list[Record] = []
    for spec in applicable(cls.dokumenttype):
        try:
            found = spec.func(doc, index) if spec.takes_index else spec.func(doc)  # type: ignore[call-arg]
        except Exception as e:
            res.feil(
                doc.dok_id,
                spec.name,
                type(e).__name__,
                "feil",
                f"extractor {spec.name} failed: {type(e).__name__}: {e}"[:300],
            )
            if debug:
                traceback.print_exc()
            continue
        if _missing(spec, cls.dokumenttype, found, records):
            res.feil(
                doc.dok_id,
                spec.name,
                "NoRecords",
                "advarsel",
                f"{spec.name}: no records found in this {cls.dokumenttype}",
            )
        records.extend(found)
    for rec in records:
        rec.dok_id = rec.dok_id or doc.dok_id
        if rec.side is None and rec.linje is not None:
            rec.side = doc.page(rec.linje)
    records.extend(check_grounding(doc, records))
    for rec in records:
        res.add(rec)


def extract_file(path: Path, limits: Limits | None = None, debug: bool = False) -> FileResult:
    try:
        data = path.read_bytes()
    except OSError as e:
        res = FileResult(fil=path.name, sha256=None)
        res.feil(None, "read", type(e).__name__, "feil", f"cannot read the file: {e.strerror or e}")
        return res
    return extract_bytes(path.name, data, limits, debug)


# --- caching -------------------------------------------------------------------------------------


def _cache_path(cache_dir: Path, sha256: str) -> Path:
    return cache_dir / f"{sha256}-{PARSER_VERSION}.json"


def _cached(cache_dir: Path | None, path: Path) -> tuple[str | None, FileResult | None]:
    if cache_dir is None:
        return None, None
    import hashlib

    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None, None
    hit = _cache_path(cache_dir, sha)
    if not hit.exists():
        return sha, None
    try:
        data = json.loads(hit.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return sha, None
    try:
        res = FileResult(
            fil=path.name,
            sha256=sha,
            tables=data["tables"],
            failed=data["failed"],
            skipped=data["skipped"],
            format=data["format"],
            fingerprint=Fingerprint.from_json(data["fingerprint"]) if data["fingerprint"] else None,
        )
        res.messages = [tuple(m) for m in data["messages"]]  # type: ignore[misc]
    except (KeyError, TypeError, ValueError):  # an entry of another layout: extract again
        return sha, None
    # the same bytes under a new name: the file name is the only thing that changes
    for table in ("dokumenter", "feil"):
        for row in res.tables.get(table, []):
            row["kilde_fil" if table == "dokumenter" else "fil"] = path.name
    res.messages = [(sev, f"{path.name}: {msg.split(': ', 1)[-1]}") for sev, msg in res.messages]
    return sha, res


def _store(cache_dir: Path | None, res: FileResult) -> None:
    if cache_dir is None or res.sha256 is None or res.failed:
        return
    from hdir_extract.writers.atomic import atomic_write_text

    cache_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "tables": res.tables,
        "failed": res.failed,
        "skipped": res.skipped,
        "messages": res.messages,
        "format": res.format,
        "fingerprint": res.fingerprint.to_json() if res.fingerprint else None,
    }
    atomic_write_text(_cache_path(cache_dir, res.sha256), json.dumps(payload, ensure_ascii=False))


# --- the whole run -------------------------------------------------------------------------------


def _worker(args: tuple[Path, Limits, bool]) -> FileResult:
    return extract_file(*args)


# --- workers end with their parent ---------------------------------------------------------------
# A parent killed with SIGKILL (not its process group) runs no clean-up: its pool workers would go on
# extracting and then block for ever writing a result into a pipe nobody reads. Each worker therefore
# ends itself when its parent goes: on Linux the kernel sends SIGKILL at once (PR_SET_PDEATHSIG); on
# every POSIX system a daemon thread notices the parent change (a dead parent's children are adopted by
# init or a subreaper, so getppid() changes) within `_WATCH_SECONDS`. Under the forkserver start method
# the workers' parent is the fork server, which exits when the main process dies, so the same holds.

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_SECONDS = 0.25


def _set_pdeathsig() -> None:
    """Linux: the kernel kills this process when the thread that forked it ends (the pool is created
    and shut down by the calling thread, which outlives it)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl (another libc): the watching thread still works
        pass


def _watch_parent(ppid: int) -> None:
    while True:
        time.sleep(_WATCH_SECONDS)
        if os.getppid() != ppid:
            os._exit(70)  # the parent is gone: nobody will read this worker's result


def _die_with_parent(parent_pid: int, direct_child: bool) -> None:
    """Pool initializer: tie this worker's life to its parent's. `direct_child`: the pool's start
    method forks or spawns workers from `parent_pid` itself (not from a fork server)."""
    if os.name != "posix":  # Windows does not reparent orphans (getppid() stays); there a dead
        return  # parent's pipes break, which ends the worker
    _set_pdeathsig()
    ppid = os.getppid()
    # the parent may have died between the fork and prctl: then no signal comes, and the worker was
    # already adopted (checking that the parent is alive would not do: unreaped, it is a zombie)
    if direct_child and ppid != parent_pid:
        os._exit(70)
    threading.Thread(target=_watch_parent, args=(ppid,), name="watch-parent", daemon=True).start()


def _result(fut: Future[FileResult], path: Path) -> FileResult:
    """A worker's result; a worker that died (killed, out of memory, a crash in a native library) is
    one error line for each file it left undone, never a traceback of the whole run."""
    try:
        return fut.result()
    except Exception as e:
        res = FileResult(fil=path.name, sha256=None)
        res.feil(None, "pipeline", type(e).__name__, "feil", f"extraction process failed: {e}"[:300])
        return res


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _start(work: Callable[[], None] | None) -> threading.Thread | None:
    if work is None:
        return None
    thread = threading.Thread(target=work, name="meanwhile", daemon=True)
    thread.start()
    return thread


def _import_writers() -> None:
    """Import the writers (polars, duckdb: a third of a second) while the workers extract."""
    import hdir_extract.writers.output  # noqa: F401


def extract_files(
    paths: list[Path],
    limits: Limits | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
    debug: bool = False,
    progress: Callable[[FileResult], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[FileResult]:
    """Extract every file (cached ones from the cache), in input order. `meanwhile`: work for this
    process while pool workers extract (run in a thread once they have started, so never inherited
    half-done by a forked worker); done before this returns."""
    limits = limits or Limits()
    results: dict[Path, FileResult] = {}
    todo: list[Path] = []
    for p in paths:
        _, hit = _cached(cache_dir, p)
        if hit is not None:
            results[p] = hit
            if progress:
                progress(hit)
        else:
            todo.append(p)

    def done(p: Path, res: FileResult) -> None:
        results[p] = res
        _store(cache_dir, res)
        if progress:
            progress(res)

    n = workers if workers is not None else (os.cpu_count() or 1)
    if n > 1 and len(todo) > 1:
        # largest files first, so that a big document does not start last and leave the other
        # workers idle at the end (results are still returned in input order)
        todo.sort(key=_size, reverse=True)
        context = multiprocessing.get_context()
        direct = context.get_start_method() in ("fork", "spawn")
        with ProcessPoolExecutor(
            max_workers=min(n, len(todo)),
            mp_context=context,
            initializer=_die_with_parent,
            initargs=(os.getpid(), direct),
        ) as pool:
            futures = {pool.submit(_worker, (p, limits, debug)): p for p in todo}
            side = _start(meanwhile)
            for fut in as_completed(futures):
                done(futures[fut], _result(fut, futures[fut]))
            if side is not None:
                side.join()
    else:
        for p in todo:
            done(p, extract_file(p, limits, debug))
    return [results[p] for p in paths]


#: the rendering kept when one document comes in several: the fewer steps between the file and its
#: `linje`, the better. A .txt file's lines are its own (`sed -n` finds a record), with nothing
#: reconstructed; Markdown lines are the file's own too, but a converter made them (markup stripped,
#: tables re-read); a DOCX is the publisher's own structure, but `linje` counts paragraphs and table
#: rows, not lines one can open; a PDF's lines are rebuilt from glyph positions (columns, hyphenation,
#: tables, page furniture), the most guessing of all.
FORMAT_PREFERENCE = ("txt", "md", "docx", "pdf")


def _rank(res: FileResult) -> tuple[int, str]:
    fmt = res.format or Path(res.fil).suffix.lower().lstrip(".")
    fmt = "txt" if fmt in ("text", "") else fmt
    order = FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)
    return order, res.fil


def _drop(res: FileResult, err: str, message: str) -> None:
    dok = res.tables.get("dokumenter", [{}])[0].get("dok_id")
    res.tables = {}
    res.skipped = True
    # this message replaces an earlier "skipped: unknown document type": it says what the file is
    res.messages = [m for m in res.messages if not m[1].startswith(f"{res.fil}: skipped: ")]
    res.feil(dok, "deduplicate", err, "advarsel", message)


def _holder(kept: FileResult, part: FileResult) -> str:
    """'contained in X (letter 2 of that bundle)' for the message of a dropped part."""
    assert kept.fingerprint is not None and part.fingerprint is not None
    letters = letters_holding(kept.fingerprint, part.fingerprint)
    if not letters:
        return f"contained in {kept.fil}"
    which = f"letter {letters[0]}" if len(letters) == 1 else f"letters {', '.join(map(str, letters))}"
    return f"contained in {kept.fil} ({which} of that bundle)"


def deduplicate(results: list[FileResult]) -> list[FileResult]:
    """Each document's content is extracted once (rule and thresholds: `hdir_extract.dedupe`).

    - identical bytes: the same document;
    - two files that cover each other's text (renderings of one document: text, Markdown, DOCX, PDF):
      the same document; the preferred format is kept (`FORMAT_PREFERENCE`), then the first name;
    - a file whose whole text another file holds, but not the other way round (a supplementary letter
      on its own, and inside the bundle of the year's letters): the part is skipped with a warning that
      names the file and the letter holding it, so its amounts are counted once, from the whole, and
      the letters around it are not lost. The whole is kept whatever its format.
    Only an extracted document stands for another (a failed file may lack rows; a file of unknown type
    has none, and is only dropped, when an extracted file holds its text). Nothing is re-read: the
    fingerprints come with the results (and the cache).
    """
    order = sorted(results, key=_rank)
    seen_sha: dict[str, str] = {}
    candidates: list[FileResult] = []
    for res in order:
        if res.sha256 and res.sha256 in seen_sha:
            _drop(res, "DuplicateDocument", _same_as(seen_sha[res.sha256]))
            continue
        if res.sha256:
            seen_sha[res.sha256] = res.fil
        if not res.failed and res.fingerprint is not None and res.fingerprint.shingles:
            candidates.append(res)
    candidates.sort(key=lambda r: r.skipped)  # extracted first; stable: the preference order stays
    for res, err, message in _content_duplicates(candidates):
        _drop(res, err, message)
    return results


def _same_as(fil: str) -> str:
    return f"skipped: the same document as {fil} (not counted twice)"


def _content_duplicates(candidates: list[FileResult]) -> list[tuple[FileResult, str, str]]:
    """(result to drop, feiltype, message) for every candidate whose text a kept candidate holds."""
    kept: list[tuple[FileResult, Fingerprint]] = []
    dropped: list[tuple[FileResult, str, str]] = []
    for res in candidates:
        fp = res.fingerprint
        assert fp is not None
        holder = next(((k, kfp) for k, kfp in kept if covers(kfp, fp)), None)
        if holder is not None:
            k, kfp = holder
            if covers(fp, kfp):
                dropped.append((res, "DuplicateDocument", _same_as(k.fil)))
            else:
                dropped.append((res, "ContainedDocument", f"skipped: {_holder(k, res)}"))
            continue
        if res.skipped:  # unknown type: nothing extracted, so it never stands for another
            continue
        # a kept file that `res` covers does not cover `res` (else it had been the holder): a part of it
        parts = [k for k, kfp in kept if covers(fp, kfp)]
        dropped.extend((part, "ContainedDocument", f"skipped: {_holder(res, part)}") for part in parts)
        kept = [(k, kfp) for k, kfp in kept if not any(k is part for part in parts)]
        kept.append((res, fp))
    return dropped


_NUMBER = (int, float)


def _column_key(values: list[Any]) -> list[Any]:
    """One column of the sort key: (is None, value) with anything but a number compared as text, so
    that missing values sort last and mixed types never meet. A column of only numbers or only strings
    sorts the same by its raw values (and a column of only None not at all), which costs no tuple per
    value: `linjer` alone has a row per line of every document."""
    if all(v is None for v in values):
        return [None] * len(values)
    if all(isinstance(v, _NUMBER) for v in values) or all(type(v) is str for v in values):
        return values
    return [(v is None, "" if v is None else (v if isinstance(v, _NUMBER) else str(v))) for v in values]


def _sort_keys(rows: list[dict[str, Any]], model: type[Record]) -> list[tuple[Any, ...]]:
    """The sort key of every row: the table's key, then line and page, column by column."""
    cols = [_column_key([row.get(c) for row in rows]) for c in (*model.key, "linje", "side")]
    return list(zip(*cols, strict=True))


def _whole_row(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)


def sort_rows(rows: list[dict[str, Any]], model: type[Record]) -> None:
    """Sort in place by the table's key, then line and page; rows equal on those by their whole content,
    so the order never depends on the order files finished in. The whole-row tie-break is only
    computed inside runs of equal keys (serialising every row of `linjer` cost more than the sort)."""
    keyed = sorted(zip(_sort_keys(rows, model), rows, strict=True), key=itemgetter(0))
    rows[:] = [r for _, r in keyed]
    i, n = 1, len(keyed)
    while i < n:
        if keyed[i][0] != keyed[i - 1][0]:
            i += 1
            continue
        j = i + 1  # rows i-1 .. j-1 share their key
        while j < n and keyed[j][0] == keyed[i][0]:
            j += 1
        rows[i - 1 : j] = sorted(rows[i - 1 : j], key=_whole_row)
        i = j + 1


def collect(results: Iterable[FileResult]) -> Rows:
    """All files' rows per table, deterministically sorted, every table present (maybe empty)."""
    tables: Rows = {name: [] for name in TABLES}
    for res in results:
        for name, rows in res.tables.items():
            tables[name].extend(rows)
    tables = link_tables(tables)
    for check in CROSS_DOCUMENT_CHECKS:
        tables["kontroller"].extend(check(tables))
    for name, model in TABLES.items():
        sort_rows(tables[name], model)
    return tables


def run(
    raw_dir: Path,
    out_dir: Path,
    limits: Limits | None = None,
    workers: int | None = None,
    use_cache: bool = True,
    debug: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> tuple[list[FileResult], Rows]:
    """The whole job: extract every file of `raw_dir`, write every table of `out_dir` atomically."""
    from hdir_extract.writers.output import write_outputs

    cache_dir = out_dir / ".cache" if use_cache else None
    results = deduplicate(
        extract_files(list_inputs(raw_dir), limits, workers, cache_dir, debug, progress, _import_writers)
    )
    tables = collect(results)
    write_outputs(tables, out_dir)
    return results, tables
