"""Shared fixtures: the sample corpus (read from ../shared at run time), extraction of a text,
settings, hand-written PDFs and a local web site for the ingest tests."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from spacy.language import Language

from ceasefire.document import Document, normalize_text
from ceasefire.records import Figure, Quote, Record
from ceasefire.settings import get_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds.jsonl"
# The day our own fixture sentences are "published": relative dates resolve against it.
PUBLISHED = date(2024, 3, 7)


@dataclass(frozen=True)
class Extraction:
    """What the extractor made of one fixture text, with lookups that read like the domain."""

    document: Document
    records: list[Record]

    @property
    def figures(self) -> list[Figure]:
        """The figure records, in document order."""
        return [r for r in self.records if isinstance(r, Figure)]

    @property
    def quotes(self) -> list[Quote]:
        """The quote records, in document order."""
        return [r for r in self.records if isinstance(r, Quote)]

    def figure(self, n: float) -> Figure:
        """The one figure whose value is `n`; fails with every figure found if there is not one."""
        found = [f for f in self.figures if f.value.n == n]
        assert len(found) == 1, f"expected one figure of {n}, got {self.summary()}"
        return found[0]

    def quote(self, words: str) -> Quote:
        """The one quote whose words start with `words`."""
        found = [q for q in self.quotes if q.quote.startswith(words)]
        assert len(found) == 1, f"expected one quote starting {words!r}, got {self.summary()}"
        return found[0]

    def summary(self) -> list[str]:
        """Every figure and quote in one line each, for assertion messages."""
        lines = []
        for record in self.records:
            if isinstance(record, Figure):
                claimant = record.claimant.id or record.claimant.name if record.claimant else None
                actor = record.actor.id or record.actor.name if record.actor else None
                lines.append(
                    f"figure {record.metric} {record.value} claimant={claimant} actor={actor}"
                )
            elif isinstance(record, Quote):
                speaker = record.speaker.id or record.speaker.name if record.speaker else None
                lines.append(f"quote {record.quote!r} speaker={speaker}")
        return lines


@pytest.fixture(scope="session")
def parser() -> Language:
    """The full spaCy pipeline, loaded once for the whole test session."""
    from ceasefire.extract.pipeline import load_parser

    return load_parser()


@pytest.fixture(scope="session")
def read(parser: Language) -> Callable[[str], Extraction]:
    """Extract a fixture text as a document published on PUBLISHED."""
    from ceasefire.extract import extract

    def run(text: str) -> Extraction:
        document = Document(id="fixture", text=normalize_text(text), published=PUBLISHED)
        return Extraction(document, extract(document))

    return run


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The sample corpus, or a skip when ../shared is not beside the project."""
    if not SEEDS.exists():
        pytest.skip(f"sample corpus not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def configure(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Set CEASEFIRE_* settings for one test, e.g. configure(read_timeout="0.3")."""

    def set_to(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"CEASEFIRE_{name.upper()}", value)
        get_settings.cache_clear()

    yield set_to
    get_settings.cache_clear()


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    """Write a small valid PDF by hand: one string per page, lines split on newlines."""
    return write_pdf


def write_pdf(*pages: str, title: str | None = None, author: str | None = None) -> bytes:
    """A PDF 1.4 file in Helvetica with an optional information dictionary."""
    info = "".join(
        f"/{key} ({_pdf_string(value)}) "
        for key, value in (("Title", title), ("Author", author))
        if value is not None
    )
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< {info}>>",
    ]
    for number, page in enumerate(pages):
        shown = " ".join(f"({_pdf_string(line)}) Tj T*" for line in page.split("\n"))
        content = f"BT /F1 11 Tf 13 TL 72 720 Td {shown} ET"
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * number} 0 R >>"
        )
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(pdf)


def _pdf_string(text: str) -> str:
    """Text as the inside of a PDF literal string: backslashes and parentheses escaped."""
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


@dataclass
class Route:
    """What one path of the test site answers."""

    body: bytes
    content_type: str | None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    declare_length: bool = True


class NewsSite:
    """A web server on 127.0.0.1 for ingest tests: each test says what each path serves."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        # Set at teardown so a deliberately slow answer does not outlive its test.
        self.closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _SiteHandler)
        self._server.site = self  # type: ignore[attr-defined]
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        # A short poll, so that shutting down at each test's end takes milliseconds, not 0.5 s.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def serve(
        self,
        path: str,
        body: bytes | str,
        content_type: str | None,
        *,
        status: int = 200,
        delay: float = 0.0,
        declare_length: bool = True,
    ) -> str:
        """Answer GET `path` with `body`; return its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(
            data, content_type, status=status, delay=delay, declare_length=declare_length
        )
        return self.url(path)

    def redirect(self, path: str, to: str) -> str:
        """Answer GET `path` with a 302 to `to`; return its URL."""
        self.routes[path] = Route(b"", None, status=302, headers={"Location": to})
        return self.url(path)

    def url(self, path: str) -> str:
        """The site's address for `path`."""
        return self.base + path

    def close(self) -> None:
        """Stop serving and release the port."""
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _SiteHandler(BaseHTTPRequestHandler):
    """Answers from the site's routes; an unknown path is a 404."""

    def do_GET(self) -> None:
        site: NewsSite = self.server.site  # type: ignore[attr-defined]
        route = site.routes.get(self.path, Route(b"Not found", "text/plain", status=404))
        if route.delay:
            site.closing.wait(route.delay)
        try:
            self.send_response(route.status)
            if route.content_type is not None:
                self.send_header("Content-Type", route.content_type)
            if route.declare_length:
                self.send_header("Content-Length", str(len(route.body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            # The client hung up on purpose (a timeout or the size limit): nothing to answer.
            return

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output free of the access log."""


@pytest.fixture
def news_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[NewsSite]:
    """A local web site; a proxy from the environment is bypassed, so nothing leaves 127.0.0.1."""
    monkeypatch.setenv("NO_PROXY", "*")
    site = NewsSite()
    yield site
    site.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server on loopback for the whole session (skipped where none is installed,
    unless CEASEFIRE_REQUIRE_POSTGRES is set, as in CI)."""
    from databases import REQUIRE_POSTGRES, postgres_binaries, postgres_server

    if postgres_binaries() is None:
        if os.environ.get(REQUIRE_POSTGRES):
            pytest.fail("PostgreSQL is required (CEASEFIRE_REQUIRE_POSTGRES) but not installed")
        pytest.skip("PostgreSQL is not installed")
    # Not under pytest's temporary folder: that is private to root, and the server may have to
    # run as the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-postgres-"))
    try:
        with postgres_server(folder) as url:
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty archive URL on each supported database: every store test runs on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archive.db'}"
    from databases import create_database

    server = request.getfixturevalue("postgres_url")
    return create_database(server, f"test_{abs(hash(request.node.nodeid)) % 10**12}")
