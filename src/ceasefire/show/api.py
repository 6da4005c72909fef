"""The REST API over the archive (FastAPI): the same library functions the CLI calls, as JSON.

Read endpoints are open; ingesting needs the token set in CEASEFIRE_API_TOKEN (no token set:
writing is off). No CORS headers are sent, so other sites' pages cannot read the API from a
visitor's browser. The dashboard's static files are served from `/`.

The record endpoints answer from a page-sized indexed query in a millisecond or two, so they
run on the event loop (a hop to a worker thread would cost more than the query); endpoints
that reconcile the whole archive run in worker threads.
"""

from __future__ import annotations

import hmac
import io
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import orjson
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ceasefire.errors import CeasefireError, ConfigError
from ceasefire.records import Event, Figure, Quote, record_to_dict
from ceasefire.store.reading import Filters

_STATIC = Path(__file__).parent / "static"
MAX_PAGE = 1000
T = TypeVar("T")


def create_app(engine: Engine, token: str | None, max_upload_bytes: int) -> FastAPI:
    """The API and dashboard over one archive."""
    app = FastAPI(
        title="Ceasefire Monitor",
        summary="Source-attributed facts from conflict reporting: who claims what happened.",
        version="1",
    )
    app.state.engine = engine

    @app.exception_handler(CeasefireError)
    def _project_error(_request: Request, error: CeasefireError) -> Response:
        status = 400 if isinstance(error, ConfigError) else 500
        return JSONResponse({"detail": str(error)}, status_code=status)

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        """Writes need "Authorization: Bearer <token>"; compared in constant time."""
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not token or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is required", {"WWW-Authenticate": "Bearer"})

    _add_record_routes(app)
    _add_reconcile_routes(app)
    _add_agreement_routes(app)
    _add_ingest_route(app, require_token, max_upload_bytes)
    if (_STATIC / "index.html").exists():
        app.mount("/static", StaticFiles(directory=_STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def dashboard() -> FileResponse:
            return FileResponse(_STATIC / "index.html")

    return app


class Page:
    """The filters and page every list endpoint takes (the CLI's options, as query string)."""

    def __init__(self, filters: Filters, limit: int, offset: int) -> None:
        self.filters = filters
        self.limit = limit
        self.offset = offset

    @property
    def paged(self) -> Filters:
        """The filters with the page applied in the database."""
        return Filters(**{**asdict(self.filters), "limit": self.limit, "offset": self.offset})

    def wrap(self, items: list[Any]) -> Response:
        """A page of items, with the offset of the next page (None on the last)."""
        following = self.offset + self.limit if len(items) == self.limit else None
        return _json(
            {"items": items, "limit": self.limit, "offset": self.offset, "next": following}
        )

    def slice(self, items: list[T]) -> list[T]:
        """A page of a list computed whole (reconciled results)."""
        return items[self.offset : self.offset + self.limit]


async def _page_query(
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    actor: str | None = None,
    claimant: str | None = None,
    type: Annotated[str | None, Query(description="Event type or figure metric.")] = None,
    doc: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page:
    # async so that FastAPI does not hand it to a worker thread: that hop alone costs more
    # than a page of records.
    return Page(Filters(since, until, place, actor, claimant, type, doc), limit, offset)


PageQuery = Annotated[Page, Depends(_page_query)]


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _add_record_routes(app: FastAPI) -> None:
    from ceasefire.store.reading import list_documents, list_events, list_figures, list_quotes
    from ceasefire.store.search import search_documents
    from ceasefire.views import document_rows

    @app.get("/api/documents", tags=["records"])
    async def documents(request: Request, page: PageQuery) -> Response:
        """Archived documents, without their text."""
        return page.wrap(document_rows(list_documents(_engine(request), page.paged)))

    @app.get("/api/documents/{doc:path}", tags=["records"])
    async def document(request: Request, doc: str) -> Response:
        """One document with its text and every record that rests on it (spans index `text`)."""
        engine = _engine(request)
        found = list_documents(engine, Filters(doc=doc, limit=1))
        if not found:
            raise HTTPException(404, f"no document {doc!r}")
        one = Filters(doc=doc)
        records: list[Figure | Event | Quote] = [
            *list_figures(engine, one),
            *list_events(engine, one),
            *list_quotes(engine, one),
        ]
        return _json(
            {
                **record_to_dict(found[0]),
                "records": [record_to_dict(r) for r in sorted(records, key=lambda r: r.span)],
            }
        )

    def listing(reader: Callable[[Engine, Filters], list[Any]]) -> Callable[..., Any]:
        async def endpoint(request: Request, page: PageQuery) -> Response:
            return page.wrap([record_to_dict(r) for r in reader(_engine(request), page.paged)])

        endpoint.__doc__ = reader.__doc__
        return endpoint

    app.get("/api/figures", tags=["records"], name="figures")(listing(list_figures))
    app.get("/api/events", tags=["records"], name="events")(listing(list_events))
    app.get("/api/quotes", tags=["records"], name="quotes")(listing(list_quotes))

    @app.get("/api/search", tags=["records"])
    async def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Response:
        """Documents containing every word of `q` (full text), with a snippet; matched words
        are marked [like this]."""
        hits = search_documents(_engine(request), q, limit, offset)
        items = [{**asdict(hit), "published": _iso(hit.published)} for hit in hits]
        following = offset + limit if len(items) == limit else None
        return _json({"items": items, "limit": limit, "offset": offset, "next": following})


def _add_reconcile_routes(app: FastAPI) -> None:
    from ceasefire.reconcile.clusters import event_clusters
    from ceasefire.reconcile.contradictions import contradictions
    from ceasefire.reconcile.crosscheck import crosscheck
    from ceasefire.reconcile.official import list_series_points
    from ceasefire.reconcile.series import claimed_series
    from ceasefire.views import cluster_rows, contradiction_rows, crosscheck_rows, series_rows

    @app.get("/api/series", tags=["reconcile"])
    def series(request: Request, page: PageQuery) -> Response:
        """Each claimant's values of each metric over time, one row per point."""
        rows = series_rows(claimed_series(_engine(request), page.filters))
        return page.wrap(page.slice(rows))

    @app.get("/api/official", tags=["reconcile"])
    def official(
        request: Request,
        series: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Response:
        """Imported official series (e.g. gaza-killed), one row per day."""
        points = list_series_points(_engine(request), series)
        rows = [
            {**asdict(point), "day": point.day.isoformat()}
            for point in points
            if (since is None or point.day >= since) and (until is None or point.day <= until)
        ]
        return _json({"items": rows})

    @app.get("/api/official/series", tags=["reconcile"])
    def official_series(request: Request) -> Response:
        """The imported official series: what each counts, where, and the days it covers."""
        grouped: dict[str, list[Any]] = {}
        for point in list_series_points(_engine(request)):
            grouped.setdefault(point.series, []).append(point)
        return _json(
            {
                "items": [
                    {
                        "series": name,
                        "metric": points[0].metric,
                        "cumulative": points[0].cumulative,
                        "claimant_id": points[0].claimant_id,
                        "place_name": points[0].place_name,
                        "first_day": min(p.day for p in points).isoformat(),
                        "last_day": max(p.day for p in points).isoformat(),
                        "points": len(points),
                    }
                    for name, points in grouped.items()
                ]
            }
        )

    @app.get("/api/clusters", tags=["reconcile"])
    def clusters(
        request: Request, page: PageQuery, min_sources: Annotated[int, Query(ge=1)] = 1
    ) -> Response:
        """Events merged across the documents reporting them."""
        found = event_clusters(_engine(request), page.filters, min_sources)
        return page.wrap(page.slice(cluster_rows(found)))

    @app.get("/api/contradictions", tags=["reconcile"])
    def contradiction_list(request: Request, page: PageQuery) -> Response:
        """Claimants' incompatible figures for the same thing and day, side by side."""
        rows = contradiction_rows(contradictions(_engine(request), page.filters))
        return page.wrap(page.slice(rows))

    @app.get("/api/crosscheck", tags=["reconcile"])
    def crosschecks(request: Request, page: PageQuery) -> Response:
        """Extracted tolls beside the official value on their day."""
        rows = crosscheck_rows(crosscheck(_engine(request), page.filters))
        return page.wrap(page.slice(rows))


def _add_agreement_routes(app: FastAPI) -> None:
    from ceasefire.agreements.check import check
    from ceasefire.agreements.files import find_agreement, shipped_agreements
    from ceasefire.agreements.report import finding_rows, matrix, summary_lines

    @app.get("/api/agreements", tags=["agreements"])
    def agreements() -> Response:
        """The agreements the archive can be checked against, with their terms."""
        agreements = [agreement.model_dump(mode="json") for _, agreement in shipped_agreements()]
        return _json({"items": agreements})

    @app.get("/api/agreements/{agreement_id}/check", tags=["agreements"])
    def agreement_check(
        request: Request, agreement_id: str, since: date | None = None, until: date | None = None
    ) -> Response:
        """Alleged violations (with accuser and evidence), compliance, claimed aggregates,
        the summary lines and the term-by-day matrix."""
        agreement = _known_agreement(find_agreement, agreement_id)
        result = check(_engine(request), agreement, since, until)
        return _json(
            {
                "summary": summary_lines(result),
                "findings": finding_rows(result),
                "matrix": matrix(result),
            }
        )


def _known_agreement(find: Callable[[str], Any], agreement_id: str) -> Any:
    if "/" in agreement_id or agreement_id.endswith((".yaml", ".yml")):
        raise HTTPException(404, "agreements are named by id")  # never a path from the web
    try:
        return find(agreement_id)
    except ConfigError as error:
        raise HTTPException(404, str(error)) from error


def _add_ingest_route(app: FastAPI, require_token: Callable[..., None], limit: int) -> None:
    from ceasefire.archive import ingest
    from ceasefire.errors import InputError
    from ceasefire.ingest.jsonl import parse_jsonl

    @app.post("/api/ingest", tags=["write"], dependencies=[Depends(require_token)])
    async def ingest_documents(request: Request) -> Response:
        """Archive documents sent as JSON Lines (one {"id", "text", ...} per line); needs the
        token. Returns the summary and one line per input that could not be read."""
        declared = int(request.headers.get("content-length") or 0)
        if declared > limit:
            raise HTTPException(413, f"the body is over the {limit}-byte limit")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > limit:
                raise HTTPException(413, f"the body is over the {limit}-byte limit")
        errors: list[str] = []

        def report(error: InputError) -> None:
            errors.append(str(error))

        items = parse_jsonl(io.BytesIO(bytes(body)), "<request>")
        # Extraction is CPU work: run it off the event loop so reads stay served meanwhile.
        summary = await run_in_threadpool(ingest, _engine(request), items, report)
        return _json({"summary": dict(summary.counts), "errors": errors})


def _json(content: Any) -> Response:
    """A response serialized straight with orjson (the rows are JSON-ready already): FastAPI's
    generic encoder would walk every value again and triple the time of a page."""
    return Response(orjson.dumps(content), media_type="application/json")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
