"""Parquet export: the ACLED-like rows with real column types, for pandas, DuckDB or Spark."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ceasefire.show.export_rows import ACLED_COLUMNS, ColumnKind, Exported, acled_row

_TYPES: dict[ColumnKind, pa.DataType] = {
    "string": pa.string(),
    "date": pa.date32(),
    "int": pa.int64(),
    "float": pa.float64(),
}


def acled_table(items: Iterable[Exported]) -> pa.Table:
    """The rows as an Arrow table: dates as date32, counts as int64, coordinates as float64."""
    schema = pa.schema([(name, _TYPES[kind]) for name, kind in ACLED_COLUMNS.items()])
    return pa.Table.from_pylist([acled_row(item) for item in items], schema=schema)


def write_parquet(items: Iterable[Exported], destination: Path | BinaryIO) -> int:
    """Write the rows as one Parquet file; returns the rows written."""
    table = acled_table(items)
    pq.write_table(table, destination)
    return table.num_rows
