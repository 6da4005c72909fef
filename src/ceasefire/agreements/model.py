"""The agreement file format: parties, period in force, zones and typed terms, each term with
the versions its parties, mediators and the press have stated.

A term is a claim of whoever stated it. The same truce's aid quota is "200 trucks a day" in one
party's statement and "a larger number of convoys" in the mediator's, so a term holds every
stated version, each with its source and claimant, and is checked against each that gives a
number or a rule.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from ceasefire.data_files import load_model
from ceasefire.records import EVENT_TYPES, METRICS

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


def is_time_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone ("Asia/Gaza"); a folder of zones ("Europe") is not."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


# Times are local to the agreement's time zone, so written without an offset
# ("2025-10-10T12:00:00"); JSON Schema's date-time and time formats require one.
LocalDateTime = Annotated[
    datetime,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$",
        }
    ),
]
LocalTime = Annotated[
    time, WithJsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"})
]


class _Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not silently drop a rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Statement(_Strict):
    """Who stated a version of a term, and where."""

    stated_by: str  # an actor id of the registry, or the words of an unlisted source
    source: str  # the document, statement or report the version comes from
    said: str | None = None  # the words, when quoted


class Extension(_Strict):
    """An agreed extension of the period in force."""

    until: LocalDateTime
    agreed: date | None = None
    stated_by: str
    source: str


class Period(_Strict):
    """When the agreement is in force, in its local time zone."""

    start: LocalDateTime
    end: LocalDateTime | None = None  # None: open-ended
    timezone: str
    extensions: list[Extension] = []
    start_versions: list[Statement] = []

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not is_time_zone(value):
            raise ValueError(f"unknown time zone {value!r}")
        return value

    @property
    def last_end(self) -> datetime | None:
        """The end after every extension."""
        ends = [self.end, *(extension.until for extension in self.extensions)]
        known = [end for end in ends if end is not None]
        return max(known) if known else None


class Zone(_Strict):
    """An area terms apply to: a zone of the place data, or a place and all within it."""

    zone: str | None = None  # e.g. "gaza-north" (places.yaml `zones`)
    place: str | None = None  # e.g. "gaza-strip" (a places.yaml id)

    @model_validator(mode="after")
    def _one_reference(self) -> Zone:
        if (self.zone is None) == (self.place is None):
            raise ValueError("a zone names exactly one of `zone` or `place`")
        return self


class Hours(_Strict):
    """Local hours of the day: "10:00-16:00"."""

    start: LocalTime
    end: LocalTime


class _Term(_Strict):
    id: Slug
    name: str
    zone: str | None = None  # a key of the agreement's `zones`
    versions: list[Statement] = Field(min_length=1)


class Prohibition(_Term):
    """Events a party must not carry out (in a zone, at some hours)."""

    kind: Literal["prohibition"]
    events: list[str] = Field(min_length=1)
    parties: list[str] = Field(min_length=1)  # who is bound; accusations against them count
    hours: Hours | None = None

    @field_validator("events")
    @classmethod
    def _event_types(cls, value: list[str]) -> list[str]:
        return _known(value, EVENT_TYPES, "event type")


class QuotaVersion(Statement):
    """A stated number for a quota (a version may state none: "a larger number of convoys")."""

    minimum: float | None = None
    maximum: float | None = None


class Quota(_Term):
    """A metric per day with a minimum or maximum: aid trucks >= 200 a day."""

    kind: Literal["quota"]
    metric: str
    party: str  # who must make it happen (lets the trucks in)
    evidence_events: list[str] = []  # events that show it happening (aid_delivery)
    versions: list[QuotaVersion] = Field(min_length=1)  # type: ignore[assignment]

    @field_validator("metric")
    @classmethod
    def _metric(cls, value: str) -> str:
        return _known([value], METRICS, "metric")[0]


class ExchangeSide(_Strict):
    """What one party releases: a metric of figures and a type of events."""

    party: str
    metric: str
    event: str
    total: float | None = None


class ExchangeVersion(Statement):
    """A stated version of the exchange's numbers."""

    gives_total: float | None = None
    receives_total: float | None = None
    ratio: float | None = None  # released by `receives` for each released by `gives`
    per_day: float | None = None


class Exchange(_Term):
    """Hostages released against prisoners released: totals, ratio and schedule."""

    kind: Literal["exchange"]
    gives: ExchangeSide
    receives: ExchangeSide
    versions: list[ExchangeVersion] = Field(min_length=1)  # type: ignore[assignment]


class Window(_Term):
    """Events allowed only inside (or barred inside) some local hours, in a zone."""

    kind: Literal["window"]
    events: list[str] = Field(min_length=1)
    parties: list[str] = Field(min_length=1)
    barred: Hours  # the hours in which the events are not allowed

    @field_validator("events")
    @classmethod
    def _event_types(cls, value: list[str]) -> list[str]:
        return _known(value, EVENT_TYPES, "event type")


class Obligation(_Term):
    """Something a party must do by a date: withdraw from a zone, deploy to it."""

    kind: Literal["obligation"]
    party: str
    events: list[str] = Field(min_length=1)  # events that fulfil it (troop_movement)
    by: date
    after_deadline: list[str] = []  # events by the party in the zone after `by` that breach it

    @field_validator("events", "after_deadline")
    @classmethod
    def _event_types(cls, value: list[str]) -> list[str]:
        return _known(value, EVENT_TYPES, "event type")


Term = Annotated[Prohibition | Quota | Exchange | Window | Obligation, Field(discriminator="kind")]


class Agreement(_Strict):
    """One agreement file."""

    id: Slug
    name: str
    parties: list[str] = Field(min_length=2)
    mediators: list[str] = []
    period: Period
    zones: dict[str, Zone] = {}
    terms: list[Term] = Field(min_length=1)
    sources: list[str] = []

    @model_validator(mode="after")
    def _references(self) -> Agreement:
        """Term ids are unique; zones named by terms exist; bound parties are the agreement's."""
        seen: set[str] = set()
        for term in self.terms:
            if term.id in seen:
                raise ValueError(f"term id {term.id!r} is used twice")
            seen.add(term.id)
            if term.zone is not None and term.zone not in self.zones:
                raise ValueError(f"term {term.id!r}: unknown zone {term.zone!r}")
            for party in _bound(term):
                if party not in self.parties:
                    raise ValueError(f"term {term.id!r}: {party!r} is not a party")
        return self


def _bound(term: Prohibition | Quota | Exchange | Window | Obligation) -> list[str]:
    if isinstance(term, Prohibition | Window):
        return term.parties
    if isinstance(term, Exchange):
        return [term.gives.party, term.receives.party]
    return [term.party]


def _known(values: list[str], allowed: tuple[str, ...], what: str) -> list[str]:
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ValueError(f"unknown {what}(s): {', '.join(unknown)}")
    return values


def load_agreement(path: Path) -> Agreement:
    """Read and check an agreement file; an error names the file, the line and the problem."""
    return load_model(path, Agreement)
