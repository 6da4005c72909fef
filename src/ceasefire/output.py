"""Writes records as JSON Lines, CSV or a Rich table: the one place records meet a stream."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from ceasefire.records import Event, Figure, Quote, Record, Value, flatten_record, record_to_dict

FORMATS = ("jsonl", "table", "csv")


def write_jsonl(records: Iterable[Record], stream: TextIO) -> None:
    """One JSON object per line, UTF-8 kept as is (the contract of SCHEMA.md)."""
    for record in records:
        stream.write(json.dumps(record_to_dict(record), ensure_ascii=False) + "\n")


def write_csv(records: Iterable[Record], stream: TextIO) -> None:
    """Flat rows with dotted column names; the header is the union of every record's columns."""
    _write_flat_rows([flatten_record(record) for record in records], stream)


def _write_flat_rows(rows: list[dict[str, Any]], stream: TextIO) -> None:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    writer = csv.DictWriter(stream, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(rows)


def write_table(records: Iterable[Record], console: Console) -> None:
    """Figures, events and quotes as human tables, one row per record with its claimant."""
    records = list(records)
    figures = [r for r in records if isinstance(r, Figure)]
    quotes = [r for r in records if isinstance(r, Quote)]
    figure_table = Table(title=f"Figures ({len(figures)})", show_lines=False)
    for column in ("doc", "metric", "value", "subject", "claimant", "actor", "period"):
        figure_table.add_column(column, overflow="fold")
    for figure in figures:
        figure_table.add_row(
            figure.doc[:12],
            figure.metric,
            _value(figure),
            figure.subject,
            figure.claimant.name if figure.claimant else "(outlet)",
            figure.actor.name if figure.actor else "",
            _period(figure),
        )
    events = [r for r in records if isinstance(r, Event)]
    event_table = Table(title=f"Events ({len(events)})")
    for column in ("doc", "type", "modality", "actor", "target", "place", "date", "claimant"):
        event_table.add_column(column, overflow="fold")
    for event in events:
        event_table.add_row(
            event.doc[:12],
            event.type,
            event.modality,
            event.actor.name if event.actor else "",
            event.target.name if event.target else "",
            event.place.name if event.place else "",
            event.date.start.isoformat() if event.date else "",
            event.claimant.name if event.claimant else "(outlet)",
        )
    quote_table = Table(title=f"Quotes ({len(quotes)})")
    for column in ("doc", "speaker", "quote"):
        quote_table.add_column(column, overflow="fold")
    for quote in quotes:
        words = quote.quote if len(quote.quote) <= 90 else quote.quote[:87] + "..."
        quote_table.add_row(quote.doc[:12], quote.speaker.name if quote.speaker else "?", words)
    console.print(figure_table)
    console.print(event_table)
    console.print(quote_table)


def write_rows(
    rows: list[dict[str, Any]],
    chosen: str,
    stream: TextIO,
    console: Console,
    title: str,
    columns: tuple[str, ...],
) -> None:
    """Rows of a listing (documents, series, clusters, ...) in the chosen format; a table shows
    `columns` only, JSON Lines and CSV every field."""
    if chosen == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if chosen == "csv":
        _write_flat_rows([_flatten(row) for row in rows], stream)
        return
    table = Table(title=f"{title} ({len(rows)})")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    console.print(table)


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "; ".join(str(item) for item in value)
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "..."


def value_text(value: Value) -> str:
    """ "more than 14,000", "20–30", "4"."""
    number = f"{value.n:,.0f}" if float(value.n).is_integer() else f"{value.n:,}"
    if value.to is not None:
        number += f"–{value.to:,.0f}"
    return number if value.qualifier == "exact" else f"{value.qualifier.replace('_', ' ')} {number}"


def _value(figure: Figure) -> str:
    return value_text(figure.value)


def _period(figure: Figure) -> str:
    period = figure.period
    if period is None:
        return ""
    start = period.start.isoformat() if period.start else "…"
    end = period.end.isoformat() if period.end else "…"
    return f"{period.kind} {start}" if start == end else f"{period.kind} {start}–{end}"
