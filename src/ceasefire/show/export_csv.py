"""CSV exports: the ACLED-like table, and our own records flattened."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ceasefire.show.export_rows import (
    ACLED_COLUMNS,
    Exported,
    acled_row,
    record_columns,
    record_row,
)


def write_acled(items: Iterable[Exported], stream: TextIO) -> int:
    """ACLED's columns in ACLED's vocabulary, ours beside them; returns the rows written."""
    writer = csv.DictWriter(stream, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    count = 0
    for item in items:
        writer.writerow(acled_row(item))
        count += 1
    return count


def write_records(items: Iterable[Exported], stream: TextIO) -> int:
    """Every field of our event records under its dotted name, one fixed header for any
    selection (so files from different runs line up); returns the rows written."""
    writer = csv.DictWriter(stream, fieldnames=list(record_columns()))
    writer.writeheader()
    count = 0
    for item in items:
        writer.writerow(record_row(item))
        count += 1
    return count
