"""API under load while an ingest writes: the list endpoints driven by 50 concurrent clients for
60 s on loopback (wrk), p50/p99, requests and failed requests per endpoint, while `ceasefire
ingest` archives a stream of new documents into the same SQLite file for the whole window.

The archive starts with ~10,000 records (built as `archive_server` says); `ceasefire serve` runs
with its default workers (one per core). The streamed documents are new articles made of
sentences drawn at random from the sample corpus, so each is stored whole with its records
(not skipped as a duplicate nor linked as a near-copy). The clients are split over the
endpoints, one wrk process each, so that every endpoint gets its own latency distribution.

    .venv/bin/python benchmarks/load.py                      # 60 s, 50 clients
    .venv/bin/python benchmarks/load.py --seconds 10 --clients 20
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from archive_server import (
    CEASEFIRE,
    LIST_ENDPOINTS,
    TARGET_P99_MS,
    build_archive,
    sample_documents,
    serving,
)
from sqlalchemy import func, select
from wrk_report import WrkReport, read_report, require_wrk, start_wrk

from ceasefire.store.database import open_database
from ceasefire.store.tables import documents

ARCHIVE_RECORDS = 10_000
SENTENCES_PER_ARTICLE = 20
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class LoadResult:
    """What the clients saw during the window, and how much the ingest wrote meanwhile."""

    endpoints: tuple[WrkReport, ...]
    seconds: float
    clients: int
    documents_ingested: int

    @property
    def p99_ms(self) -> dict[str, float]:
        """Each endpoint's p99 latency in milliseconds."""
        return {report.path: report.p99_ms for report in self.endpoints}

    @property
    def worst_p99_ms(self) -> float:
        """The highest p99 of any endpoint."""
        return max(report.p99_ms for report in self.endpoints)

    @property
    def requests(self) -> int:
        """Requests answered across all endpoints."""
        return sum(report.requests for report in self.endpoints)

    @property
    def errors(self) -> int:
        """Requests that failed: a non-2xx/3xx answer, a socket error or a timeout."""
        return sum(report.errors for report in self.endpoints)


def run_load(seconds: float = 60, clients: int = 50) -> LoadResult:
    """Build the archive, serve it, and measure the list endpoints under `clients` connections
    for `seconds` while an ingest writes new documents into the same archive."""
    require_wrk()
    if clients < len(LIST_ENDPOINTS):
        raise SystemExit(f"error: at least {len(LIST_ENDPOINTS)} clients, one per endpoint")
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-load-bench-"))
    url = f"sqlite:///{folder / 'archive.db'}"
    try:
        build_archive(url, ARCHIVE_RECORDS)
        with serving(url) as base, _ingesting(url, folder / "ingest.log"):
            before = _count_documents(url)
            shares = _split(clients, len(LIST_ENDPOINTS))
            running = [
                start_wrk(base, path, seconds, connections)
                for path, connections in zip(LIST_ENDPOINTS, shares, strict=True)
            ]
            reports = tuple(
                read_report(path, seconds, wrk)
                for path, wrk in zip(LIST_ENDPOINTS, running, strict=True)
            )
            ingested = _count_documents(url) - before
        return LoadResult(reports, seconds, clients, ingested)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _ingesting(url: str, log: Path) -> Iterator[None]:
    """`ceasefire ingest -` writing new documents into the archive from before the block
    starts (its first document is committed) until the block ends."""
    before = _count_documents(url)
    with log.open("w") as errors:
        ingest = subprocess.Popen(
            [str(CEASEFIRE), "ingest", "-", "--db", url],
            stdin=subprocess.PIPE,
            stderr=errors,
            bufsize=0,  # unbuffered: a line written is a line the ingest can read
        )
        stop = threading.Event()
        feeder = threading.Thread(target=_feed, args=(ingest, stop), daemon=True)
        feeder.start()
        try:
            _wait_for_a_new_document(url, before, ingest, log)
            yield
        finally:
            stop.set()
            ingest.terminate()  # each document commits whole: stopping loses none stored
            ingest.wait(timeout=30)
            feeder.join(timeout=30)


def _feed(ingest: subprocess.Popen[bytes], stop: threading.Event) -> None:
    """Write new articles to the ingest's standard input until told to stop; the pipe's
    buffer keeps it only a few documents ahead of the ingest."""
    assert ingest.stdin is not None
    try:
        for line in _new_articles():
            if stop.is_set():
                break
            ingest.stdin.write(line)
    except BrokenPipeError:  # the ingest was stopped while a line was being written
        return
    finally:
        ingest.stdin.close()


def _new_articles() -> Iterator[bytes]:
    """JSON Lines of articles made of sentences drawn at random from the sample corpus."""
    samples = sample_documents()
    sentences = [s for d in samples for s in _SENTENCE_END.split(d.text) if len(s) > 40]
    days = [d.published.isoformat() for d in samples if d.published is not None]
    draw = random.Random(9)
    number = 0
    while True:
        number += 1
        picked = draw.sample(sentences, SENTENCES_PER_ARTICLE)
        paragraphs = [" ".join(picked[i : i + 2]) for i in range(0, len(picked), 2)]
        article = {
            "id": f"load-{number}",
            "title": f"Streamed article {number}",
            "outlet": "Load Wire",
            "published": draw.choice(days),
            "text": "\n\n".join(paragraphs),
        }
        yield json.dumps(article).encode() + b"\n"


def _wait_for_a_new_document(
    url: str, before: int, ingest: subprocess.Popen[bytes], log: Path, timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while _count_documents(url) == before:
        if ingest.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"error: the ingest stored nothing:\n{log.read_text()}")
        time.sleep(0.2)


def _count_documents(url: str) -> int:
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(documents)).scalar_one())
    finally:
        engine.dispose()


def _split(clients: int, endpoints: int) -> list[int]:
    """Clients per endpoint, as even as can be (50 over 6: 9, 9, 8, 8, 8, 8)."""
    return [clients // endpoints + (1 if i < clients % endpoints else 0) for i in range(endpoints)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    options = parser.parse_args()
    result = run_load(options.seconds, options.clients)
    print(
        f"load                wrk, {result.clients} clients over {len(result.endpoints)} "
        f"endpoints, {result.seconds:.0f} s, ingest writing"
    )
    print(f"{'endpoint':<52} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}")
    for report in result.endpoints:
        print(
            f"{report.path:<52} {report.p50_ms:>8.1f} {report.p99_ms:>8.1f} "
            f"{report.requests:>9} {report.errors:>7}"
        )
    met = result.worst_p99_ms < TARGET_P99_MS and result.errors == 0
    print(
        f"worst p99           {result.worst_p99_ms:.1f} ms, {result.errors} errors of "
        f"{result.requests} requests (target < {TARGET_P99_MS:.0f} ms and no errors: "
        f"{'met' if met else 'NOT met'})"
    )
    print(f"ingested meanwhile  {result.documents_ingested} documents")


if __name__ == "__main__":
    main()
