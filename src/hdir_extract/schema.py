"""JSON Schemas in `schemas/` generated from the pydantic models (the single source of truth)."""

from __future__ import annotations

import json
from pathlib import Path

from hdir_extract.models import TABLES

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def render(table: str) -> str:
    schema = TABLES[table].model_json_schema(mode="serialization")
    schema["$id"] = f"{table}.schema.json"
    schema["title"] = table
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for table in TABLES:
        path = directory / f"{table}.schema.json"
        path.write_text(render(table), encoding="utf-8")
        out.append(path)
    return out


def drifted(directory: Path = SCHEMA_DIR) -> list[str]:
    """Tables whose committed schema differs from the model (or is missing), plus stray schema files."""
    bad = []
    for table in TABLES:
        path = directory / f"{table}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render(table):
            bad.append(table)
    known = {f"{t}.schema.json" for t in TABLES}
    bad += [p.name for p in sorted(directory.glob("*.schema.json")) if p.name not in known]
    return bad


README = SCHEMA_DIR.parent / "README.md"
DICT_START, DICT_END = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"


def render_dictionary() -> str:
    """The README's data dictionary, generated from the models' descriptions."""
    from hdir_extract.writers.frames import schema_of

    parts = [DICT_START, ""]
    for table, model in TABLES.items():
        doc = (model.__doc__ or "").strip().splitlines()[0]
        parts += [f"### `{table}`", "", doc, "", "| column | type | meaning |", "|---|---|---|"]
        types = schema_of(model)
        for col, field in model.model_fields.items():
            desc = (field.description or "").replace("|", "\\|")
            parts.append(f"| `{col}` | {types[col]} | {desc} |")
        parts.append("")
    parts.append(DICT_END)
    return "\n".join(parts)


def readme_with_dictionary(text: str) -> str:
    start, end = text.index(DICT_START), text.index(DICT_END) + len(DICT_END)
    return text[:start] + render_dictionary() + text[end:]


def write_readme_dictionary(path: Path = README) -> None:
    path.write_text(readme_with_dictionary(path.read_text(encoding="utf-8")), encoding="utf-8")
