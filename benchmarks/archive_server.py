"""What the API benchmarks share: an archive of N records built from the sample documents, and
`ceasefire serve` over it in its own process, on a free loopback port.

The archive is built from the sample documents (../shared, read at run time): each is extracted
once, then stored again and again under texts of its own (a numbered paragraph appended, so
every copy is a distinct document whose records' spans still point into it) until the archive
holds the records asked for.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import httpx

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.extract import extract
from ceasefire.ingest import iter_documents
from ceasefire.store.database import open_database
from ceasefire.store.near_copies import signature
from ceasefire.store.writing import save_document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "../shared/corpus/seeds.jsonl", ROOT / "../shared/dev/docs.jsonl")
CEASEFIRE = Path(sys.executable).parent / "ceasefire"
# The list endpoints the dashboard pages through, plain and filtered.
LIST_ENDPOINTS = (
    "/api/events?limit=100",
    "/api/events?type=airstrike&place=gaza&limit=100",
    "/api/figures?claimant=ministry&limit=100",
    "/api/figures?since=2024-01-01&limit=100&offset=500",
    "/api/documents?limit=100",
    "/api/quotes?limit=100",
)
TARGET_P99_MS = 100.0


def sample_documents() -> list[Document]:
    """The sample corpus's documents; a missing or bad file stops the benchmark."""
    found = []
    for item in iter_documents([str(path) for path in SOURCES]):
        if isinstance(item, InputError):
            raise SystemExit(f"error: {item}")
        found.append(item)
    return found


def build_archive(url: str, records: int) -> int:
    """Fill a fresh archive with at least `records` records; return how many it holds."""
    engine = open_database(url)
    extracted = [
        (document, [r for r in extract(document) if r.kind != "document"])
        for document in sample_documents()
    ]
    stored, copy = 0, 0
    while stored < records:
        for document, found in extracted:
            copy += 1
            text = f"{document.text}\n\nArchive copy {copy}."
            unique = replace(document, id=f"{document.id}-{copy}", text=text)
            relabelled = [replace(record, doc=unique.id) for record in found]
            save_document(engine, unique, relabelled, signature(text))
            stored += len(found)
    engine.dispose()
    return stored


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(url: str) -> Iterator[str]:
    """`ceasefire serve` (default workers) over the archive at `url`; yields its base address
    once it answers, and stops it on leaving."""
    port = free_port()
    server = subprocess.Popen(
        [str(CEASEFIRE), "serve", "--db", url, "--port", str(port)], stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/documents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit("error: the server did not start")
