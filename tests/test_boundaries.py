"""Data flows one way: readers -> document -> extractors -> checks -> writers. No step imports a later one,
and extractors never import a reader or a writer (they read the Document's blocks, nothing else)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "hdir_extract"

#: for each step, the packages it must not import
FORBIDDEN = {
    "document": ("readers", "extractors", "checks", "writers", "pipeline", "cli", "classify"),
    "readers": ("extractors", "checks", "writers", "pipeline", "cli", "classify"),
    "extractors": ("readers", "writers", "pipeline", "cli"),
    "checks": ("readers", "writers", "pipeline", "cli"),
    "parsing": ("readers", "document", "extractors", "checks", "writers", "pipeline", "cli"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("step", sorted(FORBIDDEN))
def test_step_imports_no_later_step(step: str):
    offences = []
    for path in sorted((PKG / step).rglob("*.py")):
        for module in _imports(path):
            parts = module.split(".")
            if parts[0] == "hdir_extract" and len(parts) > 1 and parts[1] in FORBIDDEN[step]:
                offences.append(f"{path.relative_to(PKG)} imports {module}")
    assert not offences, "\n".join(offences)


def test_the_checker_sees_an_offence(tmp_path: Path):
    bad = tmp_path / "x.py"
    bad.write_text("from hdir_extract.readers.text import read_text\n", encoding="utf-8")
    assert "hdir_extract.readers.text" in _imports(bad)
