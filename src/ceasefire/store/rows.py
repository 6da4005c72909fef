"""Records to table rows and back: the one place the flat columns meet the typed records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ceasefire.records import Actor, DateRange, Event, Figure, Period, Place, Quote, Value

Row = dict[str, Any]


def figure_row(figure: Figure, document_id: str) -> Row:
    """The `figures` row of a figure extracted from the document `document_id`."""
    period = figure.period
    return {
        **_provenance(figure.span, figure.text, document_id),
        "metric": figure.metric,
        "subject": figure.subject,
        **_value_columns("value", figure.value),
        "period_kind": period.kind if period else None,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        **_place_columns(figure.place),
        **_actor_columns("claimant", figure.claimant),
        **_actor_columns("actor", figure.actor),
    }


def event_row(event: Event, document_id: str) -> Row:
    """The `events` row of an event."""
    return {
        **_provenance(event.span, event.text, document_id),
        "type": event.type,
        **_actor_columns("actor", event.actor),
        **_actor_columns("target", event.target),
        **_place_columns(event.place),
        "date_start": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        **_value_columns("killed", event.killed),
        **_value_columns("injured", event.injured),
        **_actor_columns("claimant", event.claimant),
        "modality": event.modality,
    }


def quote_row(quote: Quote, document_id: str) -> Row:
    """The `quotes` row of a quote."""
    return {
        **_provenance(quote.span, quote.text, document_id),
        **_actor_columns("speaker", quote.speaker),
        "quote": quote.quote,
    }


def figure_from_row(row: Mapping[str, Any], doc: str) -> Figure:
    """The figure a row holds; `doc` is the document's id as records show it."""
    kind = row["period_kind"]
    return Figure(
        doc=doc,
        span=(row["span_start"], row["span_end"]),
        text=row["text"],
        metric=row["metric"],
        subject=row["subject"],
        value=_value_from(row, "value") or Value(0.0),
        period=Period(kind, row["period_start"], row["period_end"]) if kind else None,
        place=_place_from(row),
        claimant=_actor_from(row, "claimant"),
        actor=_actor_from(row, "actor"),
    )


def event_from_row(row: Mapping[str, Any], doc: str) -> Event:
    """The event a row holds."""
    start, end = row["date_start"], row["date_end"]
    return Event(
        doc=doc,
        span=(row["span_start"], row["span_end"]),
        text=row["text"],
        type=row["type"],
        actor=_actor_from(row, "actor"),
        target=_actor_from(row, "target"),
        place=_place_from(row),
        date=DateRange(start, end) if start is not None else None,
        killed=_value_from(row, "killed"),
        injured=_value_from(row, "injured"),
        claimant=_actor_from(row, "claimant"),
        modality=row["modality"],
    )


def quote_from_row(row: Mapping[str, Any], doc: str) -> Quote:
    """The quote a row holds."""
    return Quote(
        doc=doc,
        span=(row["span_start"], row["span_end"]),
        text=row["text"],
        speaker=_actor_from(row, "speaker"),
        quote=row["quote"],
    )


def _provenance(span: tuple[int, int], text: str, document_id: str) -> Row:
    return {"document_id": document_id, "span_start": span[0], "span_end": span[1], "text": text}


def _actor_columns(prefix: str, actor: Actor | None) -> Row:
    return {
        f"{prefix}_id": actor.id if actor else None,
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_as_written": actor.as_written if actor else None,
    }


def _actor_from(row: Mapping[str, Any], prefix: str) -> Actor | None:
    name = row[f"{prefix}_name"]
    if name is None:
        return None
    return Actor(row[f"{prefix}_id"], name, row[f"{prefix}_as_written"])


def _value_columns(prefix: str, value: Value | None) -> Row:
    return {
        f"{prefix}_n": value.n if value else None,
        f"{prefix}_to": value.to if value else None,
        f"{prefix}_qualifier": value.qualifier if value else None,
    }


def _value_from(row: Mapping[str, Any], prefix: str) -> Value | None:
    n = row[f"{prefix}_n"]
    if n is None:
        return None
    return Value(n, row[f"{prefix}_to"], row[f"{prefix}_qualifier"])


_PLACE_FIELDS = ("geonames_id", "lat", "lon", "country", "precision", "relation", "as_written")


def _place_columns(place: Place | None) -> Row:
    columns = {"place_name": place.name if place else None}
    for name in _PLACE_FIELDS:
        columns[f"place_{name}"] = getattr(place, name) if place else None
    return columns


def _place_from(row: Mapping[str, Any]) -> Place | None:
    name = row["place_name"]
    if name is None:
        return None
    return Place(name, **{field: row[f"place_{field}"] for field in _PLACE_FIELDS})
