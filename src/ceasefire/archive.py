"""Ingesting into the archive: read sources, skip what is already known, extract, store.

Each document is checked before it is extracted (an exact re-ingest costs one lookup), and
stored with its records in one transaction, so an interrupted run resumes where it stopped
when the same command is run again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine

from ceasefire.document import Document
from ceasefire.errors import InputError, StoreError
from ceasefire.extract import extract
from ceasefire.extract.parallel import extract_in_parallel
from ceasefire.records import Record
from ceasefire.store.near_copies import signature
from ceasefire.store.writing import Outcome, known, near_original, save_copy, save_document


@dataclass
class IngestSummary:
    """How many documents were new, exact duplicates, near-copies, or could not be read."""

    counts: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        """Inputs that could not be read (each reported when it happened)."""
        return self.counts["failed"]

    def line(self) -> str:
        """The one-line summary a run ends with."""
        parts = ("new", "duplicate", "near_copy", "failed")
        return ", ".join(f"{self.counts[part]} {part.replace('_', '-')}" for part in parts)


class IngestStopped(StoreError):
    """The database failed during a run: what was stored before stays (each document with its
    records, whole), and running the same ingest again resumes after it."""

    def __init__(self, error: StoreError, summary: IngestSummary) -> None:
        super().__init__(str(error))
        self.summary = summary


def ingest(
    engine: Engine,
    items: Iterable[Document | InputError],
    on_error: Callable[[InputError], None],
    on_outcome: Callable[[Document, Outcome], None] | None = None,
    jobs: int = 1,
) -> IngestSummary:
    """Store every readable document with its records; report each unreadable input.

    With `jobs` > 1 the extraction runs in that many processes while this one, the single
    writer, checks what is known and stores the results in input order. A database failure
    stops the run with IngestStopped, which holds what was done before it.
    """
    summary = IngestSummary()

    def count(document: Document, outcome: Outcome) -> None:
        summary.counts[outcome.status] += 1
        if on_outcome is not None:
            on_outcome(document, outcome)

    def unknown() -> Iterator[Document]:
        for document in _readable(items, summary, on_error):
            archived = _already_archived(engine, document)
            if archived is None:
                yield document
            else:
                count(document, archived)

    try:
        for document, records in extract_in_parallel(unknown(), jobs):
            count(document, _store(engine, document, records))
    except StoreError as error:
        raise IngestStopped(error, summary) from error
    return summary


def store_document(engine: Engine, document: Document) -> Outcome:
    """Archive one document: a duplicate is skipped, a near-copy linked, anything else
    extracted and stored."""
    archived = _already_archived(engine, document)
    if archived is not None:
        return archived
    return _store(engine, document, extract(document))


def _already_archived(engine: Engine, document: Document) -> Outcome | None:
    """The outcome for a text already archived exactly, or nearly (then linked as a copy)."""
    found = known(engine, document)
    if found is not None:
        return found
    original = near_original(engine, signature(document.text))
    return save_copy(engine, document, *original) if original is not None else None


def _store(engine: Engine, document: Document, records: list[Record]) -> Outcome:
    """Store an extracted document, unless a near-copy of it was stored while it was being
    extracted (two copies in one run)."""
    signed = signature(document.text)
    original = near_original(engine, signed)
    if original is not None:
        return save_copy(engine, document, *original)
    return save_document(engine, document, records, signed)


def _readable(
    items: Iterable[Document | InputError],
    summary: IngestSummary,
    on_error: Callable[[InputError], None],
) -> Iterator[Document]:
    for item in items:
        if isinstance(item, InputError):
            summary.counts["failed"] += 1
            on_error(item)
        else:
            yield item
