"""Typed records mirroring SCHEMA.md field for field, and the one place they become JSON or rows."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

Metric = Literal[
    "killed",
    "injured",
    "missing",
    "detained",
    "hostages_held",
    "hostages_released",
    "prisoners_released",
    "displaced",
    "aid_trucks",
    "strikes",
    "violations",
    "munitions_tonnes",
    "weapons_transfers",
    "money_usd",
    "fighters",
    "share_percent",
    "facilities",
    "other",
]
Qualifier = Literal["exact", "at_least", "more_than", "nearly", "about", "up_to", "range"]
PeriodKind = Literal["on", "since", "between", "as_of"]
Modality = Literal["asserted", "negated", "future", "conditional", "hypothetical"]
EventType = Literal[
    "airstrike",
    "shelling",
    "shooting",
    "armed_clash",
    "raid",
    "demolition",
    "arrest",
    "rocket_fire",
    "killing",
    "hostage_release",
    "prisoner_release",
    "aid_delivery",
    "ceasefire_start",
    "ceasefire_end",
    "ceasefire_violation",
    "arms_transfer",
    "troop_movement",
    "protest",
    "negotiation",
]

METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]
QUALIFIERS: tuple[str, ...] = Qualifier.__args__  # type: ignore[attr-defined]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Actor:
    """A party, body or person: registry id (None if unknown), display name, and source words."""

    id: str | None
    name: str
    as_written: str


@dataclass(frozen=True)
class Value:
    """A stated quantity: `n` as written, `to` the top of a range, and its hedge."""

    n: float
    to: float | None = None
    qualifier: Qualifier = "exact"


@dataclass(frozen=True)
class Period:
    """The time a figure covers, resolved against the publication date."""

    kind: PeriodKind
    start: date | None
    end: date | None


@dataclass(frozen=True)
class DateRange:
    """The day or days an event is said to have happened on."""

    start: date
    end: date


@dataclass(frozen=True)
class Place:
    """A named place, geocoded offline.

    `precision` says what lat/lon stand for (point, district, region, country); `relation`
    keeps how the text relates the record to the place ("east of Khan Younis" -> "east of");
    `as_written` the source's words beside the normalized name ("Khan Yunis", "the town").
    All three extend SCHEMA's place object.
    """

    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    precision: Literal["point", "district", "region", "country"] | None = None
    relation: str | None = None
    as_written: str | None = None


@dataclass(frozen=True)
class DocumentRecord:
    """The first record of every document: its metadata."""

    doc: str
    span: tuple[int, int]
    text: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: date | None
    language: str
    chars: int
    sha256: str
    kind: Literal["document"] = field(default="document", init=False)


@dataclass(frozen=True)
class Figure:
    """A number the document states about the conflict, with whom it credits it to."""

    doc: str
    span: tuple[int, int]
    text: str
    metric: Metric
    subject: str
    value: Value
    period: Period | None = None
    place: Place | None = None
    claimant: Actor | None = None
    actor: Actor | None = None
    kind: Literal["figure"] = field(default="figure", init=False)


@dataclass(frozen=True)
class Event:
    """Something said to have happened (or threatened, denied...), with who did it to whom."""

    doc: str
    span: tuple[int, int]
    text: str
    type: EventType
    actor: Actor | None = None
    target: Actor | None = None
    place: Place | None = None
    date: DateRange | None = None
    killed: Value | None = None
    injured: Value | None = None
    claimant: Actor | None = None
    modality: Modality = "asserted"
    kind: Literal["event"] = field(default="event", init=False)


@dataclass(frozen=True)
class Quote:
    """A direct quotation and its speaker; `span` covers the quotation marks' contents."""

    doc: str
    span: tuple[int, int]
    text: str
    speaker: Actor | None
    quote: str
    kind: Literal["quote"] = field(default="quote", init=False)


Record = DocumentRecord | Figure | Event | Quote

_FIELD_ORDER = ("kind", "doc", "span", "text")


def record_to_dict(record: Record) -> dict[str, Any]:
    """The JSON form of a record (SCHEMA.md): dates as ISO strings, `kind` first."""
    raw = _jsonable(record)
    ordered = {key: raw.pop(key) for key in _FIELD_ORDER}
    ordered.update(raw)
    return ordered


def _jsonable(value: Any) -> Any:
    """JSON-ready values, in one pass (no deep copy first: the API serializes thousands)."""
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}


def flatten_record(record: Record) -> dict[str, Any]:
    """One flat row per record (for CSV): nested objects become dotted columns."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else key, item)
        elif isinstance(value, list):
            flat[prefix] = "-".join(str(item) for item in value)
        else:
            flat[prefix] = value

    walk("", record_to_dict(record))
    return flat
