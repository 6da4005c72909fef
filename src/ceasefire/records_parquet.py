"""Records as an Arrow table, for Parquet: columns and types derived from the record dataclasses.

The JSON Lines contract in columns: one row per record, its `kind` saying which fields it fills
(the others are null). Nested objects (value, period, place, actors) are structs, dates are
date32, and the span is `span_start` and `span_end`, as in the archive and the event export.
Deriving the schema from `records.py` keeps one definition of what a record holds.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pyarrow as pa

from ceasefire.records import Record

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.date32(),
}


@cache
def record_schema() -> pa.Schema:
    """Every field of every record kind, once, in the order kinds first name them."""
    columns: dict[str, pa.DataType] = {
        "kind": pa.string(),
        "doc": pa.string(),
        "span_start": pa.int64(),
        "span_end": pa.int64(),
    }
    for kind in get_args(Record):
        hints = get_type_hints(kind)
        for field in dataclasses.fields(kind):
            if field.name == "span":
                continue
            column = _arrow_type(hints[field.name])
            if columns.setdefault(field.name, column) != column:
                raise TypeError(f"{kind.__name__}.{field.name} differs from another kind's")
    return pa.schema(list(columns.items()))


def records_table(records: Iterable[Record]) -> pa.Table:
    """The records as rows of `record_schema()`, in the order given."""
    return pa.Table.from_pylist([_row(record) for record in records], schema=record_schema())


def _row(record: Record) -> dict[str, Any]:
    row = dataclasses.asdict(record)
    start, end = row.pop("span")
    return {**row, "span_start": start, "span_end": end}


def _arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a field: optional fields are nullable anyway, literals are text."""
    origin = get_origin(hint)
    if origin is Literal:
        return pa.string()
    if origin in (Union, types.UnionType):
        (present,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return _arrow_type(present)
    if dataclasses.is_dataclass(hint):
        nested = get_type_hints(hint)
        return pa.struct(
            [(field.name, _arrow_type(nested[field.name])) for field in dataclasses.fields(hint)]
        )
    return _SCALARS[hint]
