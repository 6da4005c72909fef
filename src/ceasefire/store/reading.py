"""Reading the archive: documents and records, filtered the way every interface filters them.

The CLI's `documents`, `figures`, `events` and `quotes` commands and the API call these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Engine, Select, Table, func, or_, select

from ceasefire.records import DocumentRecord, Event, Figure, Quote
from ceasefire.store.rows import event_from_row, figure_from_row, quote_from_row
from ceasefire.store.tables import documents, events, figures, quotes

T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    """What to keep: a date window, words naming a place, actor or claimant, a type.

    Names match a registry id exactly or the normalized or written name in part, ignoring
    case ("israel" finds "the Israeli military" by id and "Zionist" by its wording). `kind`
    is an event type or a figure metric. Dates are a record's own (an event's date, a
    figure's period end), else its document's publication date.
    """

    since: date | None = None
    until: date | None = None
    place: str | None = None
    actor: str | None = None
    claimant: str | None = None
    kind: str | None = None
    doc: str | None = None  # one document, by the id records show
    limit: int | None = None
    offset: int = 0


NO_FILTERS = Filters()


def list_documents(engine: Engine, filters: Filters = NO_FILTERS) -> list[DocumentRecord]:
    """Archived documents (not their near-copies), oldest publication first."""
    query = select(documents).order_by(documents.c.published, documents.c.source_id)
    if filters.since is not None:
        query = query.where(documents.c.published >= filters.since)
    if filters.until is not None:
        query = query.where(documents.c.published <= filters.until)
    if filters.doc is not None:
        query = query.where(documents.c.source_id == filters.doc)
    return _run(engine, _page(query, filters), _document)


def list_figures(engine: Engine, filters: Filters = NO_FILTERS) -> list[Figure]:
    """Figures matching the filters, in the order they were archived (each document's in
    text order)."""
    query = _page(_figure_query(filters), filters)
    return _run(engine, query, lambda row: figure_from_row(row, row["doc"]))


def list_events(engine: Engine, filters: Filters = NO_FILTERS) -> list[Event]:
    """Events matching the filters (every modality), in the order they were archived."""
    query = _page(_event_query(filters), filters)
    return _run(engine, query, lambda row: event_from_row(row, row["doc"]))


@dataclass(frozen=True)
class Source:
    """The document a record comes from, as reconciling needs it: who published it, when."""

    doc: str
    outlet: str | None
    published: date | None
    title: str | None
    url: str | None


def figures_with_sources(
    engine: Engine, filters: Filters = NO_FILTERS
) -> list[tuple[Figure, Source]]:
    """Figures matching the filters, each with its document's outlet and publication date."""
    query = _page(_with_source(_figure_query(filters)), filters)
    return _run(engine, query, lambda row: (figure_from_row(row, row["doc"]), _source(row)))


def events_with_sources(
    engine: Engine, filters: Filters = NO_FILTERS
) -> list[tuple[Event, Source]]:
    """Events matching the filters, each with its document's outlet and publication date."""
    query = _page(_with_source(_event_query(filters)), filters)
    return _run(engine, query, lambda row: (event_from_row(row, row["doc"]), _source(row)))


def publication_span(engine: Engine) -> tuple[date | None, date | None]:
    """The first and last publication days in the archive (None, None when it has none)."""
    query = select(func.min(documents.c.published), func.max(documents.c.published))
    with engine.connect() as connection:
        first, last = connection.execute(query).one()
    return first, last


def document_texts(engine: Engine, docs: Iterable[str]) -> dict[str, str]:
    """The texts of documents by the id records show ("wire-1"), for reading around a record."""
    wanted = sorted(set(docs))
    if not wanted:
        return {}
    query = select(documents.c.source_id, documents.c.text).where(documents.c.source_id.in_(wanted))
    with engine.connect() as connection:
        return {row.source_id: row.text for row in connection.execute(query)}


def list_quotes(engine: Engine, filters: Filters = NO_FILTERS) -> list[Quote]:
    """Quotes matching the filters; `claimant` and `actor` both name the speaker."""
    day = documents.c.published
    query = select(quotes, documents.c.source_id.label("doc")).join(documents)
    query = _window(query, filters, day, day)
    if filters.doc is not None:
        query = query.where(documents.c.source_id == filters.doc)
    for words in (filters.claimant, filters.actor):
        if words:
            query = query.where(_named(quotes, "speaker", words))
    query = query.order_by(quotes.c.id)
    return _run(engine, _page(query, filters), lambda row: quote_from_row(row, row["doc"]))


def _figure_query(filters: Filters) -> Select[Any]:
    day = func.coalesce(figures.c.period_end, documents.c.published)
    query = _records(figures, filters, day, day)
    if filters.kind:
        query = query.where(figures.c.metric == filters.kind)
    if filters.actor:
        query = query.where(_named(figures, "actor", filters.actor))
    return query


def _event_query(filters: Filters) -> Select[Any]:
    start = func.coalesce(events.c.date_start, documents.c.published)
    end = func.coalesce(events.c.date_end, documents.c.published)
    query = _records(events, filters, start, end)
    if filters.kind:
        query = query.where(events.c.type == filters.kind)
    if filters.actor:
        query = query.where(_named(events, "actor", filters.actor))
    return query


def _records(
    table: Table, filters: Filters, start: ColumnElement[Any], end: ColumnElement[Any]
) -> Select[Any]:
    query = select(table, documents.c.source_id.label("doc")).join(documents)
    query = _window(query, filters, start, end)
    if filters.place:
        words = filters.place.lower()
        query = query.where(
            or_(
                func.lower(table.c.place_name).contains(words, autoescape=True),
                func.lower(table.c.place_as_written).contains(words, autoescape=True),
            )
        )
    if filters.claimant:
        query = query.where(_named(table, "claimant", filters.claimant))
    if filters.doc is not None:
        query = query.where(documents.c.source_id == filters.doc)
    # Ingest order: a document's records were stored together in text order, and the
    # primary key makes a page a cheap index walk however large the archive.
    return query.order_by(table.c.id)


def _with_source(query: Select[Any]) -> Select[Any]:
    return query.add_columns(
        documents.c.outlet.label("source_outlet"),
        documents.c.published.label("source_published"),
        documents.c.title.label("source_title"),
        documents.c.url.label("source_url"),
    )


def _source(row: Any) -> Source:
    return Source(
        row["doc"],
        row["source_outlet"],
        row["source_published"],
        row["source_title"],
        row["source_url"],
    )


def _window(
    query: Select[Any], filters: Filters, start: ColumnElement[Any], end: ColumnElement[Any]
) -> Select[Any]:
    if filters.since is not None:
        query = query.where(end >= filters.since)
    if filters.until is not None:
        query = query.where(start <= filters.until)
    return query


def _named(table: Table, prefix: str, words: str) -> ColumnElement[bool]:
    lowered = words.lower()
    return or_(
        table.c[f"{prefix}_id"] == lowered,
        func.lower(table.c[f"{prefix}_name"]).contains(lowered, autoescape=True),
        func.lower(table.c[f"{prefix}_as_written"]).contains(lowered, autoescape=True),
    )


def _page(query: Select[Any], filters: Filters) -> Select[Any]:
    if filters.limit is not None:
        query = query.limit(filters.limit)
    return query.offset(filters.offset) if filters.offset else query


def _run(engine: Engine, query: Select[Any], build: Callable[[Any], T]) -> list[T]:
    with engine.connect() as connection:
        return [build(row._mapping) for row in connection.execute(query)]


def _document(row: Any) -> DocumentRecord:
    return DocumentRecord(
        doc=row["source_id"],
        span=(0, row["chars"]),
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        chars=row["chars"],
        sha256=row["id"],
    )
