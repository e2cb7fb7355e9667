"""A Frictionless `datapackage.json` describing the Parquet files: fields with types and descriptions
(from the pydantic models), primary keys, the foreign key to `dokumenter`, and the source documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from hdir_extract import __version__
from hdir_extract.models import TABLES
from hdir_extract.writers.atomic import atomic_write_text
from hdir_extract.writers.frames import schema_of

_TYPES = {pl.Utf8(): "string", pl.Int64(): "integer", pl.Float64(): "number", pl.Boolean(): "boolean",
          pl.Date(): "date"}  # fmt: skip


def _field_type(dtype: pl.DataType) -> str:
    return _TYPES.get(dtype, "array" if isinstance(dtype, pl.List) else "string")


def datapackage(tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    resources = []
    for name, model in TABLES.items():
        types = schema_of(model)
        fields = [
            {"name": col, "type": _field_type(types[col]), "description": f.description or ""}
            for col, f in model.model_fields.items()
        ]
        schema: dict[str, Any] = {"fields": fields}
        if name == "dokumenter":
            schema["primaryKey"] = ["dok_id"]
        else:
            schema["foreignKeys"] = [
                {"fields": ["dok_id"], "reference": {"resource": "dokumenter", "fields": ["dok_id"]}}
            ]
        resources.append({
            "name": name, "path": f"{name}.parquet", "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "description": (model.__doc__ or "").strip().splitlines()[0], "schema": schema,
            "rowKey": list(model.key),
        })  # fmt: skip
    sources = [
        {"title": d.get("tittel") or d["kilde_fil"], "path": d["kilde_fil"], "sha256": d["sha256"]}
        for d in tables.get("dokumenter", [])
    ]
    return {
        "profile": "data-package", "name": "hdir-extract",
        "title": "Helsedirektoratet governance documents as data",
        "version": __version__, "resources": resources, "sources": sources,
    }  # fmt: skip


def write_datapackage(tables: dict[str, list[dict[str, Any]]], out_dir: Path) -> Path:
    target = out_dir / "datapackage.json"
    atomic_write_text(target, json.dumps(datapackage(tables), indent=2, ensure_ascii=False) + "\n")
    return target
