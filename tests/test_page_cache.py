"""Answers of the record lists kept between commits: built once for many readers, built again
after any connection, in this process or another, commits to the archive (at once, or within
the lag the cache is given)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from api_archive import archived_app
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from ceasefire.archive import ingest
from ceasefire.document import Document, normalize_text
from ceasefire.show.page_cache import PageCache, archive_version
from ceasefire.store.database import open_database

RAFAH = Document(id="d", text=normalize_text("Israeli tanks shelled Rafah on Tuesday."))


def counting_app(version: object, max_bytes: int = 1 << 20) -> tuple[TestClient, list[str]]:
    """A client of `/pages` behind a PageCache, and the queries the app itself answered."""
    built: list[str] = []
    app = FastAPI()

    @app.get("/pages")
    def pages(request: Request, q: str = "") -> dict[str, object]:
        built.append(request.url.query)
        return {"q": q, "build": len(built)}

    @app.get("/other")
    def other() -> dict[str, int]:
        return {"build": len(built)}

    app.add_middleware(PageCache, version=version, paths=frozenset({"/pages"}), max_bytes=max_bytes)
    return TestClient(app), built


def test_a_page_is_built_once_until_another_connection_commits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    client, built = counting_app(archive_version(open_database(url)))
    answers = [client.get("/pages?q=a&x=1").json() for _ in range(3)]
    assert answers == [{"q": "a", "build": 1}] * 3
    assert client.get("/pages?x=1&q=a").json() == {"q": "a", "build": 1}  # any order
    ingest(open_database(url), [RAFAH], on_error=print)  # another engine: another connection
    assert client.get("/pages?q=a&x=1").json() == {"q": "a", "build": 2}
    assert built == ["q=a&x=1", "q=a&x=1"]


def test_only_whole_successful_answers_of_the_named_paths_are_kept() -> None:
    client, built = counting_app(lambda: 1)
    for _ in range(2):
        assert client.get("/pages", params={"q": ["a", "b"]}).status_code == 200
        assert client.post("/pages").status_code == 405
        assert client.get("/other").status_code == 200
    assert len(built) == 1


def test_the_pages_used_longest_ago_go_first_past_the_byte_bound() -> None:
    client, built = counting_app(lambda: 1, max_bytes=50)  # two answers of ~20 bytes
    for q in ("a", "b", "c", "b", "a"):
        client.get("/pages", params={"q": q})
    assert built == ["q=a", "q=b", "q=c", "q=a"]  # "a" went when "c" came; "b" was kept


class SlowPages:
    """An ASGI app answering "page N" for its Nth build, slowly; the archive version and the
    clock the cache in front of it sees are set by the test."""

    def __init__(self, lag: float = 0.0) -> None:
        self.builds = 0
        self.version = 1
        self.now = 0.0
        self.cache = PageCache(
            self,
            version=lambda: self.version,
            paths=frozenset({"/pages"}),
            lag=lag,
            clock=lambda: self.now,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.builds += 1
        body = b"page %d" % self.builds
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    async def read(self, delay: float = 0, method: str = "GET") -> bytes:
        """One request to /pages through the cache, `delay` seconds from now."""
        await asyncio.sleep(delay)
        bodies: list[bytes] = []

        async def send(message: Message) -> None:
            if message["type"] == "http.response.body":
                bodies.append(message["body"])

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        scope = {"type": "http", "method": method, "path": "/pages", "query_string": b""}
        await self.cache(scope, receive, send)
        return bodies[0]


def test_requests_for_a_page_built_the_first_time_wait_for_it() -> None:
    pages = SlowPages()

    async def readers() -> list[bytes]:
        return await asyncio.gather(*(pages.read() for _ in range(5)))

    assert asyncio.run(readers()) == [b"page 1"] * 5
    assert pages.builds == 1


def test_without_lag_every_reader_after_a_commit_waits_for_the_new_page() -> None:
    pages = SlowPages(lag=0)

    async def readers() -> list[bytes]:
        await pages.read()
        pages.version = 2  # a commit
        return await asyncio.gather(pages.read(), pages.read(0.01), pages.read(0.1))

    assert asyncio.run(readers()) == [b"page 2"] * 3
    assert pages.builds == 2


def test_within_the_lag_readers_get_the_page_before_while_it_is_rebuilt_behind_them() -> None:
    pages = SlowPages(lag=1.0)

    async def readers() -> list[bytes]:
        seen = [await pages.read()]  # built at 0
        pages.version, pages.now = 2, 0.2  # a commit
        seen.append(await pages.read())  # younger than half the lag: kept, not rebuilt
        assert pages.builds == 1
        pages.now = 0.6  # older than half the lag: kept, and rebuilt behind the readers
        seen += await asyncio.gather(*(pages.read(0.01 * i) for i in range(5)))
        seen.append(await pages.read(0.1))  # after the rebuild
        return seen

    assert asyncio.run(readers()) == [b"page 1"] * 7 + [b"page 2"]
    assert pages.builds == 2


def test_a_page_older_than_the_lag_is_rebuilt_before_it_is_shown() -> None:
    pages = SlowPages(lag=1.0)

    async def readers() -> list[bytes]:
        await pages.read()
        pages.version, pages.now = 2, 1.5
        return await asyncio.gather(pages.read(), pages.read(0.01))

    assert asyncio.run(readers()) == [b"page 2", b"page 2"]
    assert pages.builds == 2


def test_a_write_through_the_worker_is_read_back_at_once() -> None:
    pages = SlowPages(lag=1.0)

    async def readers() -> list[bytes]:
        await pages.read()
        pages.version, pages.now = 2, 0.1
        await pages.read(method="POST")  # the app "stores" (answers page 2 to the POST)
        return [await pages.read()]

    assert asyncio.run(readers()) == [b"page 3"]


def test_without_a_change_signal_there_is_no_cache() -> None:
    assert archive_version(open_database("sqlite://")) is None


def test_the_api_shows_what_another_process_archived_since_the_last_read(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    client = TestClient(archived_app(url))
    first = client.get("/api/documents", params={"limit": 10}).json()["items"]
    assert sorted(d["doc"] for d in first) == ["a", "b", "c"]
    ingest(open_database(url), [RAFAH], on_error=print)
    after = client.get("/api/documents", params={"limit": 10}).json()["items"]
    assert sorted(d["doc"] for d in after) == ["a", "b", "c", "d"]
    for _ in range(2):  # built, then kept: both with the browser's security headers
        assert "content-security-policy" in client.get("/api/documents").headers
