"""Events as export rows: the ACLED-like row (for acled, Parquet, GeoJSON) and our own flat row.

Both are built here once, with Python types (dates, ints, floats, None), so that each writer
only encodes them: CSV as text, Parquet with a typed schema, GeoJSON as JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from functools import cache
from typing import Any, Literal, get_args, get_type_hints

from ceasefire.output import value_text
from ceasefire.records import Event, Value, flatten_record, record_to_dict
from ceasefire.show.export_types import acled_types
from ceasefire.store.reading import Source

Row = dict[str, Any]
ColumnKind = Literal["string", "date", "int", "float"]

# ACLED's columns first, in ACLED's order, then ours. Kinds type the Parquet schema.
ACLED_COLUMNS: dict[str, ColumnKind] = {
    "event_id": "string",
    "event_date": "date",
    "time_precision": "int",
    "event_type": "string",
    "sub_event_type": "string",
    "actor1": "string",
    "actor2": "string",
    "location": "string",
    "latitude": "float",
    "longitude": "float",
    "geo_precision": "int",
    "source": "string",
    "notes": "string",
    "fatalities": "int",
    "ceasefire_type": "string",
    "date_end": "date",
    "injured": "int",
    "claimant": "string",
    "claimant_id": "string",
    "modality": "string",
    "actor1_id": "string",
    "actor1_as_written": "string",
    "actor2_id": "string",
    "actor2_as_written": "string",
    "location_as_written": "string",
    "country_code": "string",
    "evidence": "string",
    "doc": "string",
    "span_start": "int",
    "span_end": "int",
    "outlet": "string",
    "url": "string",
    "published": "date",
}

# ACLED's scale: 1 the place itself, 2 a part of a region near it, 3 a region or country.
_GEO_PRECISION = {"point": 1, "district": 2, "region": 3, "country": 3}
# ACLED's time precision: 1 the day, 2 a week or a few days, 3 a month or longer.
_WEEK_DAYS = 7
_SOURCE_COLUMNS = ("outlet", "published", "title", "url")


@dataclass(frozen=True)
class Exported:
    """An event, its document, and the id it carries in every export format."""

    id: str
    event: Event
    source: Source


def exported(reports: Iterable[tuple[Event, Source]]) -> list[Exported]:
    """Give each event its stable id: a hash of the whole record (document id, span, fields),
    so the same stored record always exports under the same id; an identical repeat gets -2."""
    seen: Counter[str] = Counter()
    items = []
    for event, source in reports:
        text = json.dumps(record_to_dict(event), sort_keys=True, ensure_ascii=False)
        digest = "cf-" + hashlib.sha256(text.encode()).hexdigest()[:16]
        seen[digest] += 1
        suffix = f"-{seen[digest]}" if seen[digest] > 1 else ""
        items.append(Exported(digest + suffix, event, source))
    return items


def event_day(item: Exported) -> date | None:
    """The event's first day, else its document's publication day (ACLED needs a date)."""
    event = item.event
    return event.date.start if event.date else item.source.published


def acled_row(item: Exported) -> Row:
    """The ACLED-like row: ACLED's columns in ACLED's vocabulary, then our own beside them."""
    event, source = item.event, item.source
    acled = acled_types().types[event.type]
    actor, target, place, claimant = event.actor, event.target, event.place, event.claimant
    return {
        "event_id": item.id,
        "event_date": event_day(item),
        "time_precision": _time_precision(item),
        "event_type": acled.event_type,
        "sub_event_type": acled.sub_event_type,
        "actor1": actor.name if actor else None,
        "actor2": target.name if target else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": _GEO_PRECISION.get(place.precision or "") if place else None,
        "source": source.outlet or source.doc,
        "notes": _notes(item),
        # ACLED's convention: the lowest reported toll, 0 when none is reported.
        "fatalities": int(event.killed.n) if event.killed else 0,
        "ceasefire_type": event.type,
        "date_end": event.date.end if event.date else None,
        "injured": int(event.injured.n) if event.injured else None,
        "claimant": claimant.name if claimant else None,
        "claimant_id": claimant.id if claimant else None,
        "modality": event.modality,
        "actor1_id": actor.id if actor else None,
        "actor1_as_written": actor.as_written if actor else None,
        "actor2_id": target.id if target else None,
        "actor2_as_written": target.as_written if target else None,
        "location_as_written": place.as_written if place else None,
        "country_code": place.country if place else None,
        "evidence": event.text,
        "doc": event.doc,
        "span_start": event.span[0],
        "span_end": event.span[1],
        "outlet": source.outlet,
        "url": source.url,
        "published": source.published,
    }


@cache
def record_columns() -> tuple[str, ...]:
    """Every column of our own event record, flattened as `ceasefire events --format csv`
    names them, whether or not a record fills it, then the document's."""
    hints = get_type_hints(Event)
    columns = ["event_id"]
    for field in fields(Event):
        if field.name == "kind":
            continue  # always "event" here
        nested = [kind for kind in get_args(hints[field.name]) if is_dataclass(kind)]
        if nested:
            columns.extend(f"{field.name}.{part.name}" for part in fields(nested[0]))
        else:
            columns.append(field.name)
    return (*columns, *_SOURCE_COLUMNS)


def record_row(item: Exported) -> Row:
    """Our own record, flattened (dotted names, dates as ISO text), with its document's metadata."""
    source = item.source
    flat = {
        "event_id": item.id,
        **flatten_record(item.event),
        "outlet": source.outlet,
        "published": source.published,
        "title": source.title,
        "url": source.url,
    }
    # An empty nested field flattens to one column ("actor": None); the fixed header has its parts.
    return {column: flat.get(column) for column in record_columns()}


def _time_precision(item: Exported) -> int | None:
    event = item.event
    if event.date is None:
        # Undated: the report's day stands for it, and the event happened around then.
        return 2 if item.source.published else None
    days = (event.date.end - event.date.start).days
    if days == 0:
        return 1
    return 2 if days < _WEEK_DAYS else 3


def _notes(item: Exported) -> str:
    """A one-line summary in ACLED's manner: what, by whom, to whom, where, the toll, per whom."""
    event = item.event
    parts = [event.type.replace("_", " ")]
    if event.actor:
        parts[0] += f" by {event.actor.name}"
    if event.target:
        parts.append(f"against {event.target.name}")
    if event.place:
        parts.append(f"{event.place.relation or 'in'} {event.place.name}")
    parts.extend(_toll(event.killed, "killed") + _toll(event.injured, "injured"))
    if event.modality != "asserted":
        parts.append(f"({event.modality})")
    teller = event.claimant.name if event.claimant else item.source.outlet
    if teller:
        parts.append(f"according to {teller}")
    return ", ".join(parts)


def _toll(value: Value | None, what: str) -> list[str]:
    return [f"{value_text(value)} {what}"] if value else []
