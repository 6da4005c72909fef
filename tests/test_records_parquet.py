"""Records as Parquet columns: every field of every kind, typed, and what each record holds."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from ceasefire.records import DocumentRecord, Event, Figure, Quote
from ceasefire.records_parquet import record_schema, records_table

if TYPE_CHECKING:
    from conftest import Extraction

Read = Callable[[str], "Extraction"]

TEXT = (
    "Israeli strikes killed 12 people in Rafah on Monday, the Gaza health ministry said. "
    '"We will not stop," a Hamas spokesman said.'
)


def test_the_schema_has_every_field_of_every_kind_with_the_span_as_two_columns() -> None:
    names = set(record_schema().names)
    for kind in (DocumentRecord, Figure, Event, Quote):
        assert {f.name for f in dataclasses.fields(kind)} - {"span"} <= names
    assert {"span_start", "span_end"} <= names
    assert "span" not in names


def test_a_figure_row_keeps_its_numbers_dates_and_claimant_typed(
    read: Read, tmp_path: Path
) -> None:
    extraction = read(TEXT)
    pq.write_table(records_table(extraction.records), tmp_path / "records.parquet")
    rows = pq.read_table(tmp_path / "records.parquet").to_pylist()
    assert [row["kind"] for row in rows] == [record.kind for record in extraction.records]
    figure = extraction.figure(12)
    (row,) = [row for row in rows if row["kind"] == "figure"]
    assert (row["span_start"], row["span_end"]) == figure.span
    assert row["value"] == {"n": 12.0, "to": None, "qualifier": "exact"}
    assert row["period"]["start"] == date(2024, 3, 4)
    assert row["claimant"]["id"] == "gaza-ministry-of-health"
    assert row["quote"] is None and row["type"] is None  # other kinds' fields are empty
    (quote,) = [row for row in rows if row["kind"] == "quote"]
    assert quote["quote"] == "We will not stop,"


def test_the_columns_are_typed_for_analysis() -> None:
    schema = record_schema()
    assert schema.field("published").type == pa.date32()
    assert schema.field("chars").type == pa.int64()
    assert schema.field("value").type.field("n").type == pa.float64()
    assert schema.field("place").type.field("lat").type == pa.float64()
    assert schema.field("modality").type == pa.string()
