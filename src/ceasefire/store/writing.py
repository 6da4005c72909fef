"""Writing to the archive: a document and all its records in one transaction, never twice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Connection, Engine, Table, insert, or_, select
from sqlalchemy.exc import IntegrityError

from ceasefire.document import Document
from ceasefire.records import Event, Figure, Quote, Record
from ceasefire.store.failures import retrying
from ceasefire.store.near_copies import SIMILARITY, Signature, similarity
from ceasefire.store.rows import Row, event_row, figure_row, quote_row
from ceasefire.store.tables import (
    document_bands,
    document_copies,
    documents,
    events,
    figures,
    quotes,
)

Status = Literal["new", "duplicate", "near_copy"]


@dataclass(frozen=True)
class Outcome:
    """What became of a document: stored, already there, or linked to its original."""

    status: Status
    document_id: str
    original_id: str | None = None
    similarity: float | None = None


def known(engine: Engine, document: Document) -> Outcome | None:
    """The outcome for a document whose exact text is already archived (as itself or a copy)."""
    return retrying(engine, f"cannot look up {document.id!r}", lambda: _known(engine, document))


def near_original(engine: Engine, signature: Signature) -> tuple[str, float] | None:
    """The archived document this signature's text nearly copies, with their similarity."""

    def search() -> tuple[str, float] | None:
        with engine.connect() as connection:
            return _near_original(connection, signature)

    return retrying(engine, "cannot look for near-copies", search)


def save_copy(engine: Engine, document: Document, original_id: str, alike: float) -> Outcome:
    """Keep a near-copy's metadata, linked to its original; its text is not stored twice."""
    row = {
        "id": document.sha256,
        "original_id": original_id,
        "source_id": document.id,
        **_metadata(document),
        "similarity": alike,
        "ingested_at": datetime.now(UTC),
    }

    def write(connection: Connection) -> None:
        connection.execute(insert(document_copies), row)

    return _write(
        engine, document, write, Outcome("near_copy", document.sha256, original_id, alike)
    )


def save_document(
    engine: Engine, document: Document, records: Sequence[Record], signature: Signature
) -> Outcome:
    """Store a document, its records and its signature in one transaction.

    A crash loses at most this document; a concurrent writer that stored the same text
    first makes this a duplicate, not an error.
    """

    def write(connection: Connection) -> None:
        connection.execute(
            insert(documents),
            {
                "id": document.sha256,
                "source_id": document.id,
                **_metadata(document),
                "language": document.language,
                "text": document.text,
                "chars": len(document.text),
                "ingested_at": datetime.now(UTC),
                "minhash": signature.values,
            },
        )
        bands = [
            {"band": band, "hash": value, "document_id": document.sha256}
            for band, value in enumerate(signature.bands)
        ]
        connection.execute(insert(document_bands), bands)
        for table, rows in _record_rows(records, document.sha256):
            if rows:
                connection.execute(insert(table), rows)

    return _write(engine, document, write, Outcome("new", document.sha256))


def _write(
    engine: Engine, document: Document, write: Callable[[Connection], None], outcome: Outcome
) -> Outcome:
    """Run one transaction, again if the connection drops; finding the text stored already
    (by a concurrent writer, or by this one before a dropped connection hid the commit) makes
    it a duplicate, not an error."""

    def attempt() -> Outcome:
        try:
            with engine.begin() as connection:
                write(connection)
        except IntegrityError:
            found = _known(engine, document)
            if found is None:
                raise
            return found
        return outcome

    return retrying(engine, f"cannot store {document.id!r}", attempt)


def _known(engine: Engine, document: Document) -> Outcome | None:
    with engine.connect() as connection:
        if connection.scalar(select(documents.c.id).where(documents.c.id == document.sha256)):
            return Outcome("duplicate", document.sha256, document.sha256)
        original = connection.scalar(
            select(document_copies.c.original_id).where(document_copies.c.id == document.sha256)
        )
    return Outcome("duplicate", document.sha256, original) if original else None


def _near_original(connection: Connection, signature: Signature) -> tuple[str, float] | None:
    matches = [
        (document_bands.c.band == band) & (document_bands.c.hash == value)
        for band, value in enumerate(signature.bands)
    ]
    candidates = connection.execute(
        select(documents.c.id, documents.c.minhash).where(
            documents.c.id.in_(select(document_bands.c.document_id).where(or_(*matches)))
        )
    ).all()
    scored = [(similarity(signature.values, minhash), id_) for id_, minhash in candidates]
    best = max(scored, default=None)
    if best is None or best[0] < SIMILARITY:
        return None
    return best[1], best[0]


def _metadata(document: Document) -> dict[str, object]:
    return {
        "title": document.title,
        "outlet": document.outlet,
        "author": document.author,
        "url": document.url,
        "published": document.published,
    }


def _record_rows(records: Sequence[Record], document_id: str) -> list[tuple[Table, list[Row]]]:
    return [
        (figures, [figure_row(r, document_id) for r in records if isinstance(r, Figure)]),
        (events, [event_row(r, document_id) for r in records if isinstance(r, Event)]),
        (quotes, [quote_row(r, document_id) for r in records if isinstance(r, Quote)]),
    ]
