"""Parquet reader: one document a row, with the fields of a JSON Lines line, each judged alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest.jsonl import DocumentLine, document_from_fields
from ceasefire.ingest.limits import check_size
from ceasefire.ingest.text import describe_os_error

# Rows decoded at a time: a large file is read in slices, never whole.
_ROWS_PER_BATCH = 1024


def read_parquet(path: Path) -> Iterator[Document | InputError]:
    """Yield a Document or an InputError ("<path>:row <n>: ...") per row; a file that is not
    Parquet, or lacks a required column, is one error rather than one per row."""
    try:
        yield from _read_rows(path)
    except OSError as error:
        yield InputError(f"{path}: {describe_os_error(error)}")
    except pa.ArrowException as error:
        yield InputError(f"{path}: not a readable Parquet file ({error})")


def _read_rows(path: Path) -> Iterator[Document | InputError]:
    with pq.ParquetFile(path) as table:
        required = [
            name for name, field in DocumentLine.model_fields.items() if field.is_required()
        ]
        missing = [name for name in required if name not in table.schema_arrow.names]
        if missing:
            yield InputError(f"{path}: no {', '.join(repr(n) for n in missing)} column")
            return
        number = 0
        for batch in table.iter_batches(batch_size=_ROWS_PER_BATCH):
            for row in batch.to_pylist():
                number += 1
                try:
                    yield _document(row, f"{path}:row {number}")
                except InputError as error:
                    yield error


def _document(row: dict[str, object], where: str) -> Document:
    text = row.get("text")
    if isinstance(text, str):
        check_size(where, len(text.encode("utf-8", "replace")))
    return document_from_fields(row, where)
