"""Parquet input: one document a row, with a JSON line's fields; a bad row costs only itself."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest import iter_documents
from ceasefire.ingest.parquet import read_parquet

BRIEFING = {
    "id": "briefing-0412",
    "text": "The ministry said  14 people were injured\nin the strike on Saturday.",
    "title": "Strike injures 14 in the north",
    "outlet": "Coast Herald",
    "published": date(2024, 4, 12),
}


def write(path: Path, rows: list[dict[str, object]], schema: pa.Schema | None = None) -> Path:
    """A Parquet file of `rows`, as a producer would write it."""
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def test_a_row_becomes_a_document_with_typed_date_and_normalized_text(tmp_path: Path) -> None:
    (document,) = read_parquet(write(tmp_path / "briefings.parquet", [BRIEFING]))
    assert document == Document(
        id="briefing-0412",
        text="The ministry said 14 people were injured\nin the strike on Saturday.",
        title="Strike injures 14 in the north",
        outlet="Coast Herald",
        published=date(2024, 4, 12),
    )


def test_published_may_be_iso_text_or_a_timestamp(tmp_path: Path) -> None:
    rows = [
        {**BRIEFING, "id": "text-date", "published": "2024-04-12"},
        {**BRIEFING, "id": "timestamp", "published": datetime(2024, 4, 12, 23, 30)},
    ]
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("published", pa.string())])
    found = [
        *read_parquet(write(tmp_path / "text.parquet", rows[:1], schema)),
        *read_parquet(write(tmp_path / "stamp.parquet", rows[1:])),
    ]
    assert [d.published for d in found if isinstance(d, Document)] == [date(2024, 4, 12)] * 2


def test_a_bad_row_is_reported_with_its_number_and_the_others_read(tmp_path: Path) -> None:
    rows = [BRIEFING, {**BRIEFING, "id": "  ", "text": "Shelling resumed."}, BRIEFING]
    path = write(tmp_path / "briefings.parquet", rows)
    first, error, third = read_parquet(path)
    assert isinstance(first, Document) and isinstance(third, Document)
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}:row 2: 'id'")


def test_a_missing_column_is_one_error_not_one_per_row(tmp_path: Path) -> None:
    rows = [{"id": f"d{n}", "body": "Shelling resumed."} for n in range(3)]
    path = write(tmp_path / "records.parquet", rows)
    assert [str(e) for e in read_parquet(path)] == [f"{path}: no 'text' column"]


def test_a_file_that_is_not_parquet_is_reported_by_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.parquet"
    path.write_text("not columns at all", encoding="utf-8")
    (error,) = read_parquet(path)
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: not a readable Parquet file")


def test_parquet_files_are_read_from_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "briefings.parquet", [BRIEFING])
    (document,) = iter_documents([str(tmp_path)])
    assert isinstance(document, Document)
    assert document.id == "briefing-0412"
