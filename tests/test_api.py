"""The REST API: the archive's records, reconciled results and agreement checks as JSON; writes
behind a token; filters that cannot be turned into SQL."""

from __future__ import annotations

import json

import pytest
from api_archive import MAX_UPLOAD_BYTES, TOKEN, archived_app
from fastapi.testclient import TestClient


@pytest.fixture
def client(database_url: str) -> TestClient:
    return TestClient(archived_app(database_url))


def items(response: object) -> list[dict[str, object]]:
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    return response.json()["items"]  # type: ignore[attr-defined,no-any-return]


def test_lists_take_the_clis_filters(client: TestClient) -> None:
    events = items(client.get("/api/events", params={"type": "airstrike", "place": "rafah"}))
    assert sorted(e["doc"] for e in events) == ["a", "b"]
    figures = items(client.get("/api/figures", params={"claimant": "health"}))
    assert [(f["doc"], f["value"]["n"]) for f in figures] == [("a", 12)]
    assert items(client.get("/api/events", params={"since": "2024-03-06"})) == []


def test_a_page_says_where_the_next_one_starts(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 2}).json()
    assert (len(first["items"]), first["next"]) == (2, 2)
    last = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert (len(last["items"]), last["next"]) == (1, None)
    assert client.get("/api/documents", params={"limit": 5000}).status_code == 422


def test_a_document_comes_with_its_records_and_spans_into_its_text(client: TestClient) -> None:
    found = client.get("/api/documents/a").json()
    assert found["outlet"] == "Wire A"
    for record in found["records"]:
        start, end = record["span"]
        assert found["text"][start:end] == record["text"]
    assert {r["kind"] for r in found["records"]} == {"figure", "event"}
    assert client.get("/api/documents/nope").status_code == 404


def test_full_text_search_marks_the_words_and_ignores_query_syntax(client: TestClient) -> None:
    hits = items(client.get("/api/search", params={"q": "rockets Sderot"}))
    assert [hit["doc"] for hit in hits] == ["c"]
    assert "[rockets]" in hits[0]["snippet"]
    assert [
        h["doc"] for h in items(client.get("/api/search", params={"q": '"rockets (Sderot*'}))
    ] == ["c"]
    assert items(client.get("/api/search", params={"q": "'; DROP TABLE documents; --"})) == []
    assert len(items(client.get("/api/documents"))) == 3


def test_reconciled_results(client: TestClient) -> None:
    [cluster] = items(client.get("/api/clusters", params={"min_sources": 2}))
    assert cluster["documents"] == ["a", "b"]
    claims = items(client.get("/api/contradictions"))
    assert sorted(c["value"] for c in claims) == ["12", "9"]
    series = items(client.get("/api/series", params={"claimant": "health"}))
    assert [s["value"] for s in series] == ["12"]


def test_an_agreement_check_has_findings_summary_and_matrix(client: TestClient) -> None:
    agreements = items(client.get("/api/agreements"))
    assert {"gaza-pause-2023-11", "israel-lebanon-2024-11"} <= {a["id"] for a in agreements}
    checked = client.get("/api/agreements/gaza-ceasefire-2025-10/check").json()
    assert set(checked) == {"summary", "findings", "matrix"}
    assert client.get("/api/agreements/..%2F..%2Fetc%2Fpasswd/check").status_code == 404
    assert client.get("/api/agreements/nope/check").status_code == 404


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN + "x"}]
)
def test_writing_without_the_token_is_refused(client: TestClient, headers: dict[str, str]) -> None:
    body = json.dumps({"id": "d", "text": "Hamas fired rockets at Sderot."}) + "\n"
    response = client.post("/api/ingest", content=body, headers=headers)
    assert response.status_code == 401
    assert len(items(client.get("/api/documents"))) == 3


def test_writing_with_the_token_archives_and_reports_bad_lines(client: TestClient) -> None:
    body = json.dumps({"id": "d", "text": "Russia launched 90 drones at Kyiv overnight."}) + "\n"
    body += "{not json\n"
    response = client.post(
        "/api/ingest", content=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["summary"] == {"new": 1, "failed": 1}
    assert response.json()["errors"][0].startswith("<request>:2:")
    assert len(items(client.get("/api/documents"))) == 4


def test_an_oversize_upload_is_refused_declared_or_streamed(client: TestClient) -> None:
    body = (json.dumps({"id": "big", "text": "Hamas fired rockets. " * 1000}) + "\n").encode()
    assert len(body) > MAX_UPLOAD_BYTES
    authorized = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/ingest", content=body, headers=authorized).status_code == 413
    chunks = (body[i : i + 1000] for i in range(0, len(body), 1000))  # no Content-Length
    assert client.post("/api/ingest", content=chunks, headers=authorized).status_code == 413
    assert len(items(client.get("/api/documents"))) == 3


def test_every_route_limits_the_size_of_a_request(client: TestClient) -> None:
    assert client.request("GET", "/api/events", content=b"x" * 20_000).status_code == 413
    assert client.get("/api/events", params={"place": "x" * 10_000}).status_code == 414
    assert client.get("/api/documents/" + "x" * 10_000).status_code == 414
    assert client.get("/", headers={"X-Padding": "x" * 20_000}).status_code == 431


def test_no_cross_origin_reads_and_an_openapi_spec(client: TestClient) -> None:
    response = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/ingest",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert not any(name.startswith("access-control-") for name in preflight.headers)
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/ingest", "/api/search"} <= set(spec["paths"])


LISTS = ("/api/documents", "/api/figures", "/api/events", "/api/quotes", "/api/series")
RECONCILED = ("/api/clusters", "/api/contradictions", "/api/crosscheck")
INJECTIONS = ("x' OR '1'='1", "x%' OR 1=1 --", "x'; DROP TABLE documents; --", 'x" OR ""="')


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_filters_are_parameters_not_sql(client: TestClient, hostile: str) -> None:
    for path in LISTS + RECONCILED:
        for name in ("place", "actor", "claimant", "type", "doc"):
            found = items(client.get(path, params={name: hostile}))
            # /api/documents filters on dates and doc only: the other names are not its own
            assert found == [] or (path == "/api/documents" and name != "doc"), (path, name)
        for name in ("since", "until", "limit", "offset"):
            assert client.get(path, params={name: hostile}).status_code == 422, (path, name)
    assert items(client.get("/api/official", params={"series": hostile})) == []
    assert client.get(f"/api/documents/{hostile}").status_code == 404
    assert client.get(f"/api/agreements/{hostile}/check").status_code == 404
    assert len(items(client.get("/api/documents"))) == 3


def test_official_series_are_listed_and_windowed(client: TestClient, tmp_path: object) -> None:
    from pathlib import Path

    from ceasefire.reconcile.official import import_series

    trucks = Path(str(tmp_path)) / "trucks.csv"
    trucks.write_text("date,total_truck\n2024-03-03,90\n2024-03-04,120\n", encoding="utf-8")
    import_series(client.app.state.engine, trucks)  # type: ignore[attr-defined]
    [listed] = items(client.get("/api/official/series"))
    assert (listed["series"], listed["points"], listed["last_day"]) == (
        "gaza-aid-trucks-daily",
        2,
        "2024-03-04",
    )
    window = items(client.get("/api/official", params={"until": "2024-03-03"}))
    assert [p["value"] for p in window] == [90]


def test_a_document_named_by_its_url_is_found(client: TestClient) -> None:
    body = json.dumps({"id": "https://example.org/news/1", "text": "Hamas fired rockets."}) + "\n"
    client.post("/api/ingest", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
    found = client.get("/api/documents/https%3A%2F%2Fexample.org%2Fnews%2F1")
    assert found.status_code == 200 and found.json()["doc"] == "https://example.org/news/1"
