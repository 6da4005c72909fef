"""Answers of the record lists kept between commits, so that many readers cost one query.

A page of 100 records takes milliseconds of CPU to query and serialize, and FastAPI's parsing of
a list's nine parameters about half a millisecond more: 50 clients paging through the archive
while an ingest held one of two cores queued for hundreds of milliseconds (benchmarks/load.py).
The same pages are asked for again and again (the dashboard's first page, a filter everyone
uses), and between two commits they cannot change, so each worker keeps the answers it gave, in
front of FastAPI, each tagged with the archive's version it was built at.

A change is seen through SQLite's `PRAGMA data_version`, which a connection reads from the
database's shared memory in microseconds and which changes whenever another connection, in any
process, commits. The cache holds its own connection for that. Other databases offer no such
cheap signal: their pages are always built afresh.

The lists are near real time, as a search engine's are: a list shows every commit older than
`lag` seconds (`ceasefire serve`: 1 s). An ingest commits each document as it is stored,
several times a second; rebuilding every page at every commit, with the first reader after
each waiting for it, was what kept the slowest answers slow under load (p99 ~140 ms). So a
page built less than `lag` ago is still served after a change, and rebuilt in the background
once it is half that old: readers of a busy page never wait, and it is rebuilt at most twice
per `lag`. A page older than that is rebuilt by its next reader, who waits for it (as does the
first reader of a page). A write through this worker (POST /api/ingest) makes every page built
before it too old, so that a client reads its own writes. With `lag` 0 every change is waited
for.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Bounded in bytes, not pages: a page of 1000 records weighs ten of 100.
MAX_CACHED_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class _Kept:
    """A 200 answer as it was sent (headers and body), the archive's version it shows, and when
    its build began (it shows every commit before that)."""

    version: Hashable
    started: float
    headers: list[tuple[bytes, bytes]]
    body: bytes


class PageCache:
    """ASGI middleware answering GET requests for `paths` from the answers it kept."""

    def __init__(
        self,
        app: ASGIApp,
        version: Callable[[], Hashable],
        paths: frozenset[str],
        lag: float = 0.0,
        max_bytes: int = MAX_CACHED_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self._version = version
        self._paths = paths
        self._lag = lag
        self._max_bytes = max_bytes
        self._clock = clock
        self._pages: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._bytes = 0
        self._building: dict[Hashable, asyncio.Event] = {}
        self._refreshes: set[asyncio.Task[None]] = set()
        self._last_write = float("-inf")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            try:
                await self.app(scope, receive, send)
            finally:
                self._last_write = self._clock()
            return
        if scope["method"] != "GET" or scope["path"] not in self._paths:
            await self.app(scope, receive, send)
            return
        # The parameters in any order are one page.
        key = (scope["path"], b"&".join(sorted(scope["query_string"].split(b"&"))))
        while True:
            version = self._version()  # read before building: a page is never older than its tag
            kept = self._pages.get(key)
            if kept is not None and (kept.version == version or self._age(kept) < self._lag):
                if kept.version != version and self._age(kept) >= self._lag / 2:
                    self._refresh(key, scope, version)
                self._pages.move_to_end(key)
                await _replay(kept, send)
                return
            building = self._building.get(key)
            if building is None:
                break
            await building.wait()  # a page too old to show, or none yet: wait for the new one
        await self._build(key, self._start_building(key), scope, receive, send, version)

    def _age(self, kept: _Kept) -> float:
        """Seconds since the page's build began; infinite when a write went through this
        worker after it."""
        if kept.started <= self._last_write:
            return float("inf")
        return self._clock() - kept.started

    def _refresh(self, key: Hashable, scope: Scope, version: Hashable) -> None:
        """Rebuild a page in the background, unless it is being rebuilt already."""
        if key in self._building:
            return

        async def no_body() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def discard(_message: Message) -> None:
            return None

        building = self._start_building(key)
        task = asyncio.create_task(
            self._build(key, building, dict(scope), no_body, discard, version)
        )
        self._refreshes.add(task)  # the loop keeps only weak references to its tasks
        task.add_done_callback(self._refreshes.discard)

    def _start_building(self, key: Hashable) -> asyncio.Event:
        """Mark a page as being built (before any await, so that no one else starts it too);
        the event is set when the build ends."""
        self._building[key] = done = asyncio.Event()
        return done

    async def _build(
        self,
        key: Hashable,
        done: asyncio.Event,
        scope: Scope,
        receive: Receive,
        send: Send,
        version: Hashable,
    ) -> None:
        """Let the app answer, and keep its answer if it is a whole 200."""
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
        started = self._clock()
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
        if status != 200 or not whole:
            return None
        return _Kept(version, started, headers, b"".join(chunks))

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
