"""The pipeline: raw files -> Documents -> records -> checks -> tables.

`extract_file` is a pure function of one file's bytes (plus the limits): no shared state, so files
run side by side in a process pool, and the results are cached by (sha256, parser version).
`run` collects the per-file results, removes duplicate documents, links across documents and hands
the tables to the writers.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hdir_extract import PARSER_VERSION
from hdir_extract.checks.grounding import check_grounding
from hdir_extract.checks.tildeling_chain import tildeling_chain_checks
from hdir_extract.classify import Classification, classify
from hdir_extract.document import Document
from hdir_extract.extractors import applicable
from hdir_extract.extractors.anmodningsvedtak.links import cross_document_checks as vedtak_checks
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


def classified(doc: Document) -> tuple[Document, Classification]:
    """The document as a new value with its type, year, title and id, and the classification itself."""
    cls = classify(doc)
    dok_id = make_dok_id(cls.dokumenttype, cls.aar, doc.sha256)
    return doc.classified(dok_id, cls.dokumenttype, cls.aar, cls.tittel, cls.utsteder), cls


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
    return res


def _extract_document(name: str, doc: Document, res: FileResult, debug: bool) -> None:
    """Classify `doc`, run every applicable extractor in its own error boundary, check grounding."""
    doc, cls = classified(doc)
    res.add(
        Dokument(
            dok_id=doc.dok_id,
            dokumenttype=cls.dokumenttype,
            aar=cls.aar,
            tittel=cls.tittel,
            utsteder=cls.utsteder,
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
            found = spec.func(doc)
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
        if not any(r.table == spec.main_table for r in found) and cls.dokumenttype not in spec.may_be_empty:
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
    res = FileResult(
        fil=path.name, sha256=sha, tables=data["tables"], failed=data["failed"], skipped=data["skipped"]
    )
    res.messages = [tuple(m) for m in data["messages"]]  # type: ignore[misc]
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
    payload = {"tables": res.tables, "failed": res.failed, "skipped": res.skipped, "messages": res.messages}
    atomic_write_text(_cache_path(cache_dir, res.sha256), json.dumps(payload, ensure_ascii=False))


# --- the whole run -------------------------------------------------------------------------------


def _worker(args: tuple[Path, Limits, bool]) -> FileResult:
    return extract_file(*args)


def extract_files(
    paths: list[Path],
    limits: Limits | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
    debug: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Extract every file (cached ones from the cache), in input order."""
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
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=min(n, len(todo))) as pool:
            for p, res in zip(todo, pool.map(_worker, [(p, limits, debug) for p in todo]), strict=True):
                results[p] = res
                _store(cache_dir, res)
                if progress:
                    progress(res)
    else:
        for p in todo:
            res = extract_file(p, limits, debug)
            results[p] = res
            _store(cache_dir, res)
            if progress:
                progress(res)
    return [results[p] for p in paths]


def _identity(res: FileResult) -> tuple[Any, ...] | None:
    docs = res.tables.get("dokumenter", [])
    if not docs or docs[0]["dokumenttype"] not in EXTRACTED_TYPES:
        return None
    d = docs[0]
    return (d["dokumenttype"], d["aar"], d["tittel"])


def deduplicate(results: list[FileResult]) -> list[FileResult]:
    """The same document twice (identical bytes, or the same type/year/title as text and as PDF) is
    extracted once. Text is preferred over PDF (its lines are the file's own), then the first name."""
    order = sorted(results, key=lambda r: (0 if r.fil.lower().endswith(".txt") else 1, r.fil))
    seen_sha: dict[str, str] = {}
    seen_identity: dict[tuple[Any, ...], str] = {}
    for res in order:
        ident = _identity(res)
        dup_of = seen_sha.get(res.sha256 or "") or (seen_identity.get(ident) if ident else None)
        if dup_of:
            dok = res.tables.get("dokumenter", [{}])[0].get("dok_id")
            res.tables = {}
            res.skipped = True
            res.feil(
                dok,
                "deduplicate",
                "DuplicateDocument",
                "advarsel",
                f"skipped: the same document as {dup_of} (not counted twice)",
            )
            continue
        if res.sha256:
            seen_sha[res.sha256] = res.fil
        if ident:
            seen_identity[ident] = res.fil
    return results


def _sort_key(model: type[Record]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    cols = [*model.key, "linje", "side"]

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        out: list[Any] = []
        for c in cols:
            v = row.get(c)
            out.append((v is None, "" if v is None else (v if isinstance(v, int | float) else str(v))))
        out.append(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str))
        return tuple(out)

    return key


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
        tables[name].sort(key=_sort_key(model))
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
    results = deduplicate(extract_files(list_inputs(raw_dir), limits, workers, cache_dir, debug, progress))
    tables = collect(results)
    write_outputs(tables, out_dir)
    return results, tables
