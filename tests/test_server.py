"""The app as each `ceasefire serve` worker builds it from the environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ceasefire.settings import get_settings
from ceasefire.show.server import app_from_environment


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    monkeypatch.setenv("CEASEFIRE_DB", url)
    monkeypatch.setenv("CEASEFIRE_API_TOKEN", "worker-token")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_a_worker_serves_the_archive_the_environment_names(environment: str) -> None:
    client = TestClient(app_from_environment())
    assert client.get("/api/documents").json()["items"] == []
    assert client.post("/api/ingest", content=b"").status_code == 401
    body = b'{"id": "w", "text": "Hamas fired rockets at Sderot on Monday."}\n'
    answer = client.post(
        "/api/ingest", content=body, headers={"Authorization": "Bearer worker-token"}
    )
    assert answer.json()["summary"] == {"new": 1}
    assert Path(environment.removeprefix("sqlite:///")).exists()
