"""Rows -> polars DataFrames with the exact column types the pydantic models declare."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

import polars as pl

from hdir_extract.models import Record


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def polars_type(tp: Any) -> pl.DataType:
    tp = _strip_optional(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        return pl.List(polars_type(typing.get_args(tp)[0]))
    if origin is Literal:
        return pl.Utf8()
    mapping: dict[Any, pl.DataType] = {
        str: pl.Utf8(),
        int: pl.Int64(),
        float: pl.Float64(),
        bool: pl.Boolean(),
        dt.date: pl.Date(),
    }
    if tp in mapping:
        return mapping[tp]
    raise TypeError(f"no Parquet type for {tp!r}")


def schema_of(model: type[Record]) -> dict[str, pl.DataType]:
    return {name: polars_type(f.annotation) for name, f in model.model_fields.items()}


def frame(model: type[Record], rows: list[dict[str, Any]]) -> pl.DataFrame:
    schema = schema_of(model)
    data = {c: [r.get(c) for r in rows] for c in schema}
    converted: dict[str, pl.Series] = {}
    for c, dtype in schema.items():
        values = data[c]
        if dtype == pl.Date():
            values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
        elif dtype == pl.List(pl.Date()):
            values = [
                [dt.date.fromisoformat(x) if isinstance(x, str) else x for x in v] if v else []
                for v in values
            ]
        converted[c] = pl.Series(c, values, dtype=dtype, strict=False)
    return pl.DataFrame(converted)
