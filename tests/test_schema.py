"""Schema regression: committed JSON Schemas match the models, Parquet columns match the models."""

from __future__ import annotations

import json

import polars as pl

from hdir_extract.models import TABLES, Oppdrag
from hdir_extract.schema import SCHEMA_DIR, drifted, render
from hdir_extract.writers.frames import schema_of


def test_committed_schemas_match_models():
    assert drifted() == [], "run `make schemas` and commit schemas/"


def test_drift_is_detected(tmp_path, monkeypatch):
    for table in TABLES:
        (tmp_path / f"{table}.schema.json").write_text(render(table), encoding="utf-8")
    assert drifted(tmp_path) == []
    changed = json.loads(render("oppdrag"))
    changed["properties"].pop("tittel")
    (tmp_path / "oppdrag.schema.json").write_text(json.dumps(changed), encoding="utf-8")
    assert drifted(tmp_path) == ["oppdrag"]


def test_schema_files_are_generated_from_models():
    schema = json.loads((SCHEMA_DIR / "oppdrag.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(Oppdrag.model_fields)


def test_parquet_columns_and_types_match_models(corpus_tables):
    for name, model in TABLES.items():
        df: pl.DataFrame = corpus_tables[name]
        assert dict(df.schema) == schema_of(model), name


def test_every_record_table_has_provenance():
    for model in TABLES.values():
        assert {"dok_id", "linje", "side"} <= set(model.model_fields)


def test_readme_data_dictionary_matches_models():
    from hdir_extract.schema import README, readme_with_dictionary

    text = README.read_text(encoding="utf-8")
    assert readme_with_dictionary(text) == text, (
        "run `make schemas` to regenerate the README's data dictionary"
    )
