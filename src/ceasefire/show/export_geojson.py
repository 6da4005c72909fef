"""GeoJSON export (RFC 7946): the events that have coordinates, as points with their rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from ceasefire.show.export_rows import Exported, Row, acled_row


@dataclass(frozen=True)
class FeatureCount:
    """How many events became points, and how many had no coordinates and were left out."""

    features: int
    without_coordinates: int


def feature_collection(items: Iterable[Exported]) -> tuple[dict[str, Any], FeatureCount]:
    """A FeatureCollection of Point features ([lon, lat], WGS 84), properties the ACLED-like row."""
    features = []
    left_out = 0
    for item in items:
        place = item.event.place
        if place is None or place.lat is None or place.lon is None:
            left_out += 1
            continue
        features.append(
            {
                "type": "Feature",
                "id": item.id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": _jsonable(acled_row(item)),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return collection, FeatureCount(len(features), left_out)


def write_geojson(items: Iterable[Exported], stream: TextIO) -> FeatureCount:
    """Write the FeatureCollection; returns how many events were written and left out."""
    collection, count = feature_collection(items)
    json.dump(collection, stream, ensure_ascii=False)
    stream.write("\n")
    return count


def _jsonable(row: Row) -> Row:
    return {
        name: value.isoformat() if isinstance(value, date) else value for name, value in row.items()
    }
