"""The browser's security headers on every response of the API and dashboard: a policy allowing
script, style and requests from this server only, no inline script, no framing, no sniffing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from ceasefire.show.api import create_app
from ceasefire.show.security_headers import SECURITY_HEADERS
from ceasefire.store.database import open_database


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    url = f"sqlite:///{tmp_path_factory.mktemp('headers') / 'archive.db'}"
    return TestClient(create_app(open_database(url), "token", max_upload_bytes=1000))


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/docs", 200),
        ("GET", "/static/app.js", 200),
        ("GET", "/api/events", 200),
        ("GET", "/openapi.json", 200),
        ("GET", "/api/documents/missing", 404),
        ("GET", "/api/events?limit=0", 422),
        ("POST", "/api/ingest", 401),
        ("GET", "/api/events?place=" + "x" * 9000, 414),
    ],
)
def test_every_response_carries_the_headers(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get_list(name) == [value], name


def test_the_policy_allows_this_server_only_and_no_inline_script() -> None:
    written = SECURITY_HEADERS["Content-Security-Policy"]
    policy = dict(directive.split(" ", 1) for directive in written.split("; "))
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe" not in written
    assert SECURITY_HEADERS["X-Content-Type-Options"] == "nosniff"
    assert SECURITY_HEADERS["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("page", "assets"),
    [("/", ["/static/vendor/leaflet/leaflet.js", "/static/app.js"]),
     ("/docs", ["/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/docs.js"])],
)  # fmt: skip
def test_the_pages_need_nothing_the_policy_forbids(
    client: TestClient, page: str, assets: list[str]
) -> None:
    html = client.get(page).text
    assert re.findall(r"https?://", html) == [], "nothing from another origin"
    assert re.findall(r"<script(?![^>]*\ssrc=)", html) == [], "no inline script"
    assert re.findall(r"<style|\sstyle=|\son[a-z]+=", html) == [], "no inline style or handler"
    assert re.findall(r'<script[^>]*\ssrc="([^"]+)"', html) == assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
