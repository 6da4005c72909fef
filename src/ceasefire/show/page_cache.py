"""Answers of the record lists kept until the archive changes, so that many readers cost one query.

A page of 100 records takes milliseconds of CPU to query and serialize, and FastAPI's parsing of
a list's nine parameters about half a millisecond more: 50 clients paging through the archive
while an ingest held one of two cores queued for hundreds of milliseconds (benchmarks/load.py).
The same pages are asked for again and again (the dashboard's first page, a filter everyone
uses), and between two commits they cannot change, so each worker keeps the answers it gave, in
front of FastAPI, each tagged with the archive's version it was built at.

A change is seen through SQLite's `PRAGMA data_version`, which a connection reads from the
database's shared memory in microseconds and which changes whenever another connection, in any
process, commits. The cache holds its own connection for that, so that the server's own writes
(POST /api/ingest) count as changes too. Other databases offer no such cheap signal: their pages
are always built afresh.

The first request for a page after a change rebuilds it (in a worker thread: the record lists
are plain functions) and waits for it, so a client reading after a commit sees it. Requests for
that page while it is being rebuilt get the page as it was just before the change instead of
queueing behind the rebuild: an ingest commits several times a second, and making every reader
wait for every rebuild was what kept the slowest answers slow.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Bounded in bytes, not pages: a page of 1000 records weighs ten of 100.
MAX_CACHED_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class _Kept:
    """A 200 answer as it was sent (headers and body) and the archive's version it shows."""

    version: Hashable
    headers: list[tuple[bytes, bytes]]
    body: bytes


class PageCache:
    """ASGI middleware answering GET requests for `paths` from the answers it kept."""

    def __init__(
        self,
        app: ASGIApp,
        version: Callable[[], Hashable],
        paths: frozenset[str],
        max_bytes: int = MAX_CACHED_BYTES,
    ) -> None:
        self.app = app
        self._version = version
        self._paths = paths
        self._max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._bytes = 0
        self._building: dict[Hashable, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in self._paths:
            await self.app(scope, receive, send)
            return
        # The parameters in any order are one page.
        key = (scope["path"], b"&".join(sorted(scope["query_string"].split(b"&"))))
        while True:
            version = self._version()  # read before building: a page is never older than its tag
            kept = self._pages.get(key)
            building = self._building.get(key)
            if kept is not None and (kept.version == version or building is not None):
                self._pages.move_to_end(key)
                await _replay(kept, send)
                return
            if building is None:
                break
            await building.wait()  # the first build of this page: nothing to show meanwhile
        self._building[key] = done = asyncio.Event()
        try:
            answer = await self._answer(scope, receive, send, version)
            if answer is not None:
                self._keep(key, answer)
        finally:
            del self._building[key]
            done.set()

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, version: Hashable
    ) -> _Kept | None:
        """Let the app answer, and return its answer if it is a whole 200 worth keeping."""
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        whole = False

        async def send_and_copy(message: Message) -> None:
            nonlocal status, headers, whole
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", ()))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                whole = not message.get("more_body", False)
            await send(message)

        await self.app(scope, receive, send_and_copy)
        return _Kept(version, headers, b"".join(chunks)) if status == 200 and whole else None

    def _keep(self, key: Hashable, answer: _Kept) -> None:
        replaced = self._pages.pop(key, None)
        if replaced is not None:
            self._bytes -= len(replaced.body)
        self._pages[key] = answer
        self._bytes += len(answer.body)
        while self._bytes > self._max_bytes:
            _, dropped = self._pages.popitem(last=False)
            self._bytes -= len(dropped.body)


async def _replay(kept: _Kept, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": kept.headers})
    await send({"type": "http.response.body", "body": kept.body})


def archive_version(engine: Engine) -> Callable[[], Hashable] | None:
    """A function whose value changes whenever a commit lands in a SQLite archive file (its
    `data_version`), or None for an archive that offers no cheap way to tell."""
    path = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not path or path == ":memory:":
        return None
    watcher: sqlite3.Connection | None = None

    def version() -> Hashable:
        nonlocal watcher
        if watcher is None:  # opened on first use, by the process that serves
            watcher = sqlite3.connect(path, check_same_thread=False)
        found: tuple[int] = watcher.execute("PRAGMA data_version").fetchone()
        return found[0]

    return version
