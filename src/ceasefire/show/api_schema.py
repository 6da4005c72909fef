"""The shapes of the API's answers, as its OpenAPI spec states them.

The endpoints serialize their rows straight to JSON (see `api._json`), so these models are never
instantiated: they document what clients get, and tests/test_api_schema.py checks every answer
against them. The records are the dataclasses of `ceasefire.records` themselves; the rows of
`ceasefire.views` and `agreements.report` are written out here, field for field.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from ceasefire.agreements.model import Agreement
from ceasefire.records import Event, Figure, Quote

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    """One page of a list; `next` is the offset of the following page, null on the last."""

    items: list[Item]
    limit: int
    offset: int
    next: int | None


class Items(BaseModel, Generic[Item]):
    """A whole list, unpaged."""

    items: list[Item]


class Problem(BaseModel):
    """Why a request was refused."""

    detail: str


class DocumentRow(BaseModel):
    """An archived document without its text (`chars` says how long it is)."""

    doc: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: date | None
    language: str
    chars: int
    sha256: str


class DocumentWithRecords(DocumentRow):
    """A document with its text and every record resting on it; spans index `text`."""

    kind: Literal["document"]
    span: tuple[int, int]
    text: str
    records: list[Figure | Event | Quote]


class SearchHit(BaseModel):
    """A matching document, with its matched words marked [like this] in `snippet`."""

    doc: str
    title: str | None
    outlet: str | None
    published: date | None
    snippet: str


class Evidence(BaseModel):
    """The words a row rests on and the document they are in."""

    doc: str
    outlet: str | None
    published: date | None
    span: tuple[int, int]
    text: str


class SeriesPoint(Evidence):
    """A point of one claimant's line of one metric."""

    metric: str
    counts: str
    claimant: str
    claimant_key: str
    kind: Literal["total", "daily"]
    since: date | None  # the day a total counts from; null: from the start of the record
    day: date
    value: str
    n: float
    subject: str


class ClusterRow(BaseModel):
    """An event merged across the documents reporting it."""

    type: str
    day: date | None
    dated: bool
    place: str | None
    actor: str | None
    sources: int
    documents: list[str]
    outlets: list[str]
    claimants: list[str]
    text: str


class ContradictionClaim(Evidence):
    """One claim of a contradiction; the claims of one contradiction share `group`."""

    group: int
    metric: str
    day: date
    place: str | None
    claimant: str
    value: str
    subject: str


class CrosscheckRow(Evidence):
    """An extracted toll beside the official value, and how they compare."""

    label: Literal["exact", "consistent", "off", "no_official_value"]
    difference_percent: float | None
    metric: str
    value: str
    day: date
    series: str
    official_day: date | None
    official: float | None
    claimant: str | None


class OfficialPoint(BaseModel):
    """An official series' value on a day."""

    series: str
    day: date
    metric: str
    claimant_id: str | None
    place_name: str | None
    value: float
    cumulative: bool
    source: str


class OfficialSeries(BaseModel):
    """An imported official series: what it counts, where, and the days it covers."""

    series: str
    metric: str
    cumulative: bool
    claimant_id: str | None
    place_name: str | None
    first_day: date
    last_day: date
    points: int


class AgreementCheck(BaseModel):
    """An agreement checked against the archive."""

    summary: list[str]
    findings: list[dict[str, Any]]
    matrix: dict[str, Any]


class IngestAnswer(BaseModel):
    """What an upload archived (counts by outcome) and one line per input that failed."""

    summary: dict[str, int]
    errors: list[str]


AgreementList = Items[Agreement]
