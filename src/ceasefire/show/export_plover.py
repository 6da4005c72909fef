"""PLOVER-style JSON Lines: the Open Event Data Alliance's event record, with our claimant.

Field names follow the PLOVER manual's JSON fields where it has one (`id`, `date`, `enddate`,
`mode`, `context`, `event_loc` with geonames names, `text`, `text_info`, `cite_info`, actor
objects with `actor_text` and `identifier_id`), as POLECAT does for `event_type`, `actor` and
`recipient` (one object each, not lists). Ours beside them: `ceasefire_type`, `claimant`,
`modality`, `dead`/`injured` as the lowest stated count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, TextIO

from ceasefire.records import Actor, Place, Value
from ceasefire.show.export_rows import Exported, event_day
from ceasefire.show.export_types import plover_types


def plover_record(item: Exported) -> dict[str, Any]:
    """One event as a PLOVER record; what did not happen says so in `context` and `modality`."""
    event, source = item.event, item.source
    table = plover_types()
    target = table.types[event.type]
    context = table.contexts.get(event.modality)
    day = event_day(item)
    return {
        "id": item.id,
        "date": day.isoformat() if day else None,
        "enddate": event.date.end.isoformat() if event.date else None,
        "event_type": target.event_type,
        "mode": target.mode,
        "context": [context] if context else [],
        "actor": _actor(event.actor),
        "recipient": _actor(event.target),
        "event_loc": _location(event.place),
        "dead": _count(event.killed),
        "injured": _count(event.injured),
        "text": event.text,
        "text_info": {"start": event.span[0], "end": event.span[1]},
        "cite_info": {
            "doc": event.doc,
            "publication": source.outlet,
            "published": source.published.isoformat() if source.published else None,
            "title": source.title,
            "url": source.url,
        },
        "ceasefire_type": event.type,
        "claimant": asdict(event.claimant) if event.claimant else None,
        "modality": event.modality,
    }


def write_plover(items: Iterable[Exported], stream: TextIO) -> int:
    """One PLOVER record per line; returns the records written."""
    count = 0
    for item in items:
        stream.write(json.dumps(plover_record(item), ensure_ascii=False) + "\n")
        count += 1
    return count


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "identifier_id": actor.id,
        "identifier_text": actor.name,
        "actor_text": actor.as_written,
    }


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "geonameid": place.geonames_id,
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "country_code": place.country,
        "precision": place.precision,
        "relation": place.relation,
        "place_text": place.as_written,
    }


def _count(value: Value | None) -> int | None:
    return int(value.n) if value else None
