"""Extraction on several cores: worker processes, each loading the model once, results in order.

`extract` is pure, so documents can go to any worker; results come back in input order, with
a bounded number in flight so that a large input never sits in memory whole. Workers are
spawned (not forked), so they never inherit the parent's threads, locks or database handles,
and each exits as soon as its parent is gone: a killed ingest leaves no workers behind.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ceasefire.document import Document
from ceasefire.extract.extractor import extract
from ceasefire.extract.pipeline import load_parser
from ceasefire.processes import exit_with_parent
from ceasefire.records import Record

# Documents handed out per worker before the first result is waited for.
_IN_FLIGHT_PER_WORKER = 8


def extract_in_parallel(
    documents: Iterable[Document], jobs: int
) -> Iterator[tuple[Document, list[Record]]]:
    """Each document with its records, in input order, extracted by `jobs` processes (one
    process: in this one, with no pool to start)."""
    if jobs <= 1:
        for document in documents:
            yield document, extract(document)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker) as pool:
        pending: deque[tuple[Document, Future[list[Record]]]] = deque()
        for document in documents:
            pending.append((document, pool.submit(extract, document)))
            if len(pending) >= jobs * _IN_FLIGHT_PER_WORKER:
                first, future = pending.popleft()
                yield first, future.result()
        while pending:
            first, future = pending.popleft()
            yield first, future.result()


def _start_worker() -> None:
    """Load the model when the worker starts, not inside the first document's time."""
    exit_with_parent()
    load_parser()
