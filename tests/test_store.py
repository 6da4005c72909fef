"""The archive, on SQLite and on PostgreSQL: documents and records stored once, read back whole."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ceasefire.archive import ingest, store_document
from ceasefire.document import Document, normalize_text
from ceasefire.errors import ConfigError, InputError, StoreError
from ceasefire.store.database import open_database
from ceasefire.store.reading import Filters, list_documents, list_events, list_figures, list_quotes
from ceasefire.store.tables import document_copies, documents, figures

STRIKE = (
    "Israeli jets bombed a house in Rafah on Monday, killing at least 12 people, the Gaza "
    "health ministry said. “We were asleep when it happened,” said Ahmed, a neighbour."
)
ROCKETS = "Hamas fired 20 rockets at Sderot on Sunday, the Israeli military said."


def document(
    text: str, name: str, published: date | None = date(2024, 3, 5), **kw: str
) -> Document:
    return Document(id=name, text=normalize_text(text), published=published, **kw)


def count(engine: object, table: object) -> int:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        return int(connection.scalar(select(func.count()).select_from(table)))  # type: ignore[arg-type]


def test_a_document_and_its_records_are_read_back_whole(database_url: str) -> None:
    engine = open_database(database_url)
    outcome = store_document(engine, document(STRIKE, "wire-1", outlet="Coast Herald"))
    assert outcome.status == "new"
    [stored] = list_documents(engine)
    assert (stored.doc, stored.outlet, stored.published) == (
        "wire-1",
        "Coast Herald",
        date(2024, 3, 5),
    )
    assert stored.text == normalize_text(STRIKE)
    [figure] = list_figures(engine)
    assert (figure.metric, figure.value.n, figure.value.qualifier) == ("killed", 12, "at_least")
    assert figure.claimant is not None and figure.claimant.id == "gaza-ministry-of-health"
    assert stored.text[figure.span[0] : figure.span[1]] == figure.text
    [event] = list_events(engine)
    assert (event.type, event.place.name if event.place else None) == ("airstrike", "Rafah")
    assert event.date is not None and event.date.start == date(2024, 3, 4)
    [quote] = list_quotes(engine)
    assert quote.quote.startswith("We were asleep")


def test_ingesting_the_same_text_twice_stores_it_once(database_url: str) -> None:
    engine = open_database(database_url)
    first = ingest(engine, [document(STRIKE, "a")], on_error=print)
    again = ingest(engine, [document(STRIKE, "a-copy-under-another-name")], on_error=print)
    assert (first.counts["new"], again.counts["duplicate"]) == (1, 1)
    assert count(engine, documents) == 1
    assert count(engine, figures) == 1


def test_a_near_copy_is_linked_to_its_original_not_stored_twice(database_url: str) -> None:
    engine = open_database(database_url)
    body = " ".join([STRIKE, ROCKETS] * 4)
    syndicated = body + " Reporting by the wire desk."
    ingest(engine, [document(body, "original")], on_error=print)
    summary = ingest(engine, [document(syndicated, "syndicated", outlet="Daily Echo")], print)
    assert summary.counts["near_copy"] == 1
    assert count(engine, documents) == 1
    with engine.connect() as connection:
        row = connection.execute(select(document_copies)).one()._mapping
    assert row["source_id"] == "syndicated" and row["outlet"] == "Daily Echo"
    assert row["similarity"] >= 0.8


def test_a_different_article_is_not_a_near_copy(database_url: str) -> None:
    engine = open_database(database_url)
    summary = ingest(engine, [document(STRIKE, "one"), document(ROCKETS, "two")], print)
    assert summary.counts["new"] == 2


def test_unreadable_inputs_are_counted_and_reported_and_the_rest_stored(database_url: str) -> None:
    engine = open_database(database_url)
    reported: list[str] = []
    items = [InputError("bad.pdf: truncated"), document(ROCKETS, "ok")]
    summary = ingest(engine, items, on_error=lambda error: reported.append(str(error)))
    assert (summary.failed, summary.counts["new"], reported) == (1, 1, ["bad.pdf: truncated"])
    assert "1 new" in summary.line() and "1 failed" in summary.line()


def test_filters_select_by_day_place_actor_claimant_and_type(database_url: str) -> None:
    engine = open_database(database_url)
    ingest(
        engine, [document(STRIKE, "a"), document(ROCKETS, "b", published=date(2024, 3, 12))], print
    )
    assert [e.type for e in list_events(engine, Filters(place="rafah"))] == ["airstrike"]
    assert [e.type for e in list_events(engine, Filters(actor="hamas"))] == ["rocket_fire"]
    assert [e.type for e in list_events(engine, Filters(kind="rocket_fire"))] == ["rocket_fire"]
    assert [e.type for e in list_events(engine, Filters(since=date(2024, 3, 6)))] == ["rocket_fire"]
    assert [e.type for e in list_events(engine, Filters(until=date(2024, 3, 6)))] == ["airstrike"]
    claimed = list_figures(engine, Filters(claimant="health ministry"))
    assert [f.value.n for f in claimed] == [12]
    assert list_figures(engine, Filters(claimant="100%_'; DROP TABLE figures; --")) == []
    assert count(engine, figures) == 2


def test_reopening_an_archive_keeps_what_it_holds(database_url: str) -> None:
    ingest(open_database(database_url), [document(ROCKETS, "b")], print)
    assert [d.doc for d in list_documents(open_database(database_url))] == ["b"]


def test_a_malformed_url_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="not a usable database URL"):
        open_database("nosuchdb://somewhere")


def test_an_unopenable_database_is_a_store_error(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="cannot open the database"):
        open_database("sqlite:////proc/no/such/folder/archive.db")


def test_a_url_no_driver_serves_is_a_usage_error_that_hides_its_password() -> None:
    with pytest.raises(ConfigError, match="not a usable database URL") as raised:
        open_database("postgresql+nosuchdriver://reader:hunter2@db.example/archive")
    assert "hunter2" not in str(raised.value) and "reader:***@db.example" in str(raised.value)
