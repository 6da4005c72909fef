"""Limits on a request's address and headers, in front of any route: a request over one is
refused with its own status before the route does any work."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ceasefire.show.request_limits import RequestLimits


@pytest.fixture
def served() -> list[str]:
    """The queries the route answered."""
    return []


@pytest.fixture
def client(served: list[str]) -> TestClient:
    """A route behind small limits, so that the tests stay short."""
    app = FastAPI()

    @app.get("/{path:path}")
    def echo(path: str, q: str = "") -> dict[str, str]:
        served.append(q)
        return {"path": path}

    app.add_middleware(RequestLimits, max_target_bytes=200, max_header_bytes=2000)
    return TestClient(app)


def test_requests_within_the_limits_pass(client: TestClient, served: list[str]) -> None:
    assert client.get("/echo", params={"q": "z" * 150}).status_code == 200
    assert client.get("/echo", headers={"X-Padding": "p" * 1500}).status_code == 200
    assert served == ["z" * 150, ""]


def test_a_long_address_is_refused_before_the_route_runs(
    client: TestClient, served: list[str]
) -> None:
    response = client.get("/echo", params={"q": "z" * 250})
    assert response.status_code == 414
    assert response.json() == {"detail": "the address is over the 200-byte limit"}
    assert client.get("/echo/" + "z" * 250).status_code == 414
    assert served == []


def test_large_headers_are_refused_before_the_route_runs(
    client: TestClient, served: list[str]
) -> None:
    response = client.get("/echo", headers={"X-Padding": "p" * 2500})
    assert response.status_code == 431
    assert response.json() == {"detail": "the headers are over the 2000-byte limit"}
    assert served == []
