"""Exporting archived events for other tools: which events, in which format, to where.

Formats: `acled` (ACLED's columns and vocabulary, ours beside them), `csv` (our own records,
every field flattened), `parquet` (the acled rows, typed), `geojson` (the acled rows of the
events with coordinates, as points) and `plover` (PLOVER-style JSON Lines). ACLED records
events that happened, so `acled` and `geojson` keep asserted events unless asked for every
modality; the others keep every modality, and every format has a modality column to filter on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from ceasefire.errors import InputError
from ceasefire.show.export_csv import write_acled, write_records
from ceasefire.show.export_geojson import write_geojson
from ceasefire.show.export_parquet import write_parquet
from ceasefire.show.export_plover import write_plover
from ceasefire.show.export_rows import Exported, exported
from ceasefire.store.reading import NO_FILTERS, Filters, events_with_sources

FORMATS = ("csv", "acled", "parquet", "geojson", "plover")
BINARY_FORMATS = ("parquet",)
ASSERTED_BY_DEFAULT = ("acled", "geojson")


@dataclass(frozen=True)
class ExportSummary:
    """How many events an export wrote, and how many it left out for want of coordinates."""

    events: int
    without_coordinates: int = 0

    def line(self) -> str:
        """The one-line summary an export ends with."""
        line = f"{self.events} events"
        if self.without_coordinates:
            line += f", {self.without_coordinates} without coordinates left out"
        return line


def check_export(output_format: str, destination: Path | TextIO | None) -> None:
    """Refuse an unknown format, or a binary one without a file, before any work is done."""
    if output_format not in FORMATS:
        raise InputError(f"unknown export format {output_format!r}: one of {', '.join(FORMATS)}")
    if output_format in BINARY_FORMATS and not isinstance(destination, Path):
        raise InputError(f"{output_format} is a binary format: give a file to write it to")


def events_to_export(
    engine: Engine, filters: Filters = NO_FILTERS, asserted_only: bool = False
) -> list[Exported]:
    """The archived events the filters keep (asserted ones only, if asked), with their ids."""
    reports = events_with_sources(engine, filters)
    if asserted_only:
        reports = [(event, source) for event, source in reports if event.modality == "asserted"]
    return exported(reports)


def export_events(
    engine: Engine,
    output_format: str,
    destination: Path | TextIO,
    filters: Filters = NO_FILTERS,
    all_modalities: bool | None = None,
) -> ExportSummary:
    """Write the archive's events in a format to a file or a text stream. `all_modalities`
    None takes the format's default: asserted events only for acled and geojson."""
    check_export(output_format, destination)
    if all_modalities is None:
        all_modalities = output_format not in ASSERTED_BY_DEFAULT
    items = events_to_export(engine, filters, asserted_only=not all_modalities)
    if isinstance(destination, Path):
        try:
            if output_format in BINARY_FORMATS:
                return ExportSummary(write_parquet(items, destination))
            with destination.open("w", encoding="utf-8", newline="") as stream:
                return _write_text(items, output_format, stream)
        except OSError as error:
            raise InputError(f"{destination}: cannot write ({error})") from error
    return _write_text(items, output_format, destination)


def _write_text(items: list[Exported], output_format: str, stream: TextIO) -> ExportSummary:
    if output_format == "acled":
        return ExportSummary(write_acled(items, stream))
    if output_format == "csv":
        return ExportSummary(write_records(items, stream))
    if output_format == "plover":
        return ExportSummary(write_plover(items, stream))
    count = write_geojson(items, stream)
    return ExportSummary(count.features, count.without_coordinates)
