"""The REST API over the archive (FastAPI): the same library functions the CLI calls, as JSON.

Read endpoints are open; ingesting needs the token set in CEASEFIRE_API_TOKEN (no token set:
writing is off). No CORS headers are sent, so other sites' pages cannot read the API from a
visitor's browser. Every request is size-limited (its body by `max_body_size`, its address and
headers by `request_limits`) and every response carries the browser's security headers
(`security_headers`). The dashboard's static files are served from `/`, the API reference
(Swagger UI, vendored) from `/docs`.

On a SQLite archive the record lists are answered by the PageCache in front of FastAPI between
commits (see `page_cache`); building a page runs in a worker thread, so that
the event loop goes on answering from the cache meanwhile, as do the endpoints that reconcile
the whole archive. One document and full-text search, a few indexed queries, run on the loop.
"""

from __future__ import annotations

import hmac
import io
import re
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import orjson
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BeforeValidator
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ceasefire.errors import CeasefireError, ConfigError
from ceasefire.records import Event, Figure, Quote, record_to_dict
from ceasefire.show import api_schema as shape
from ceasefire.show.page_cache import PageCache, archive_version
from ceasefire.show.request_limits import RequestLimits
from ceasefire.show.security_headers import SecurityHeaders
from ceasefire.store.reading import Filters

_STATIC = Path(__file__).parent / "static"
MAX_PAGE = 1000
# Far past any archive, and within what SQLite's integers and JSON encoders hold.
MAX_OFFSET = 1_000_000_000
# The lists the PageCache answers while the archive is unchanged.
RECORD_LISTS = frozenset({"/api/documents", "/api/figures", "/api/events", "/api/quotes"})
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": shape.Problem, "description": "Nothing by that id"}
}
_JSON_LINES_BODY = {
    "required": True,
    "description": 'JSON Lines: one {"id", "text", ...} object per line (see the README).',
    "content": {"application/x-ndjson": {"schema": {"type": "string", "minLength": 1}}},
}
T = TypeVar("T")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: object) -> object:
    """Days are written YYYY-MM-DD, as the spec's `format: date` says: pydantic alone would
    also take "0" (a Unix time) for 1970-01-01."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


Day = Annotated[date | None, BeforeValidator(_iso_day)]


def create_app(
    engine: Engine, token: str | None, max_upload_bytes: int, list_lag: float = 0.0
) -> FastAPI:
    """The API and dashboard over one archive; the record lists may lag its commits by up to
    `list_lag` seconds (see `page_cache`)."""
    app = FastAPI(
        title="Ceasefire Monitor",
        summary="Source-attributed facts from conflict reporting: who claims what happened.",
        version="1",
        # FastAPI's own pages load Swagger UI and ReDoc from a CDN and start them with inline
        # script, which the Content-Security-Policy forbids: /docs is served from static/.
        docs_url=None,
        redoc_url=None,
        max_body_size=max_upload_bytes,  # any route's body, declared or streamed: 413 past it
    )
    app.state.engine = engine
    version = archive_version(engine)
    if version is not None:
        app.add_middleware(PageCache, version=version, paths=RECORD_LISTS, lag=list_lag)
    app.add_middleware(RequestLimits)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: refusals carry it too

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
    _add_ingest_route(app, require_token)
    if (_STATIC / "index.html").exists():
        app.mount("/static", StaticFiles(directory=_STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def dashboard() -> FileResponse:
            return FileResponse(_STATIC / "index.html")

        @app.get("/docs", include_in_schema=False)
        def reference() -> FileResponse:
            return FileResponse(_STATIC / "docs.html")

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
    since: Day = None,
    until: Day = None,
    place: str | None = None,
    actor: str | None = None,
    claimant: str | None = None,
    type: Annotated[str | None, Query(description="Event type or figure metric.")] = None,
    doc: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
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

    @app.get("/api/documents", tags=["records"], response_model=shape.Page[shape.DocumentRow])
    def documents(request: Request, page: PageQuery) -> Response:
        """Archived documents, without their text."""
        return page.wrap(document_rows(list_documents(_engine(request), page.paged)))

    @app.get(
        "/api/documents/{doc:path}",
        tags=["records"],
        response_model=shape.DocumentWithRecords,
        responses=_NOT_FOUND,
    )
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
        def endpoint(request: Request, page: PageQuery) -> Response:
            return page.wrap([record_to_dict(r) for r in reader(_engine(request), page.paged)])

        endpoint.__doc__ = reader.__doc__
        return endpoint

    app.get("/api/figures", name="figures", tags=["records"], response_model=shape.Page[Figure])(
        listing(list_figures)
    )
    app.get("/api/events", name="events", tags=["records"], response_model=shape.Page[Event])(
        listing(list_events)
    )
    app.get("/api/quotes", name="quotes", tags=["records"], response_model=shape.Page[Quote])(
        listing(list_quotes)
    )

    @app.get("/api/search", tags=["records"], response_model=shape.Page[shape.SearchHit])
    async def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
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

    @app.get("/api/series", tags=["reconcile"], response_model=shape.Page[shape.SeriesPoint])
    def series(request: Request, page: PageQuery) -> Response:
        """Each claimant's values of each metric over time, one row per point."""
        rows = series_rows(claimed_series(_engine(request), page.filters))
        return page.wrap(page.slice(rows))

    @app.get("/api/official", tags=["reconcile"], response_model=shape.Items[shape.OfficialPoint])
    def official(
        request: Request,
        series: str | None = None,
        since: Day = None,
        until: Day = None,
    ) -> Response:
        """Imported official series (e.g. gaza-killed), one row per day."""
        points = list_series_points(_engine(request), series)
        rows = [
            {**asdict(point), "day": point.day.isoformat()}
            for point in points
            if (since is None or point.day >= since) and (until is None or point.day <= until)
        ]
        return _json({"items": rows})

    @app.get(
        "/api/official/series",
        tags=["reconcile"],
        response_model=shape.Items[shape.OfficialSeries],
    )
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

    @app.get("/api/clusters", tags=["reconcile"], response_model=shape.Page[shape.ClusterRow])
    def clusters(
        request: Request, page: PageQuery, min_sources: Annotated[int, Query(ge=1)] = 1
    ) -> Response:
        """Events merged across the documents reporting them."""
        found = event_clusters(_engine(request), page.filters, min_sources)
        return page.wrap(page.slice(cluster_rows(found)))

    @app.get(
        "/api/contradictions",
        tags=["reconcile"],
        response_model=shape.Page[shape.ContradictionClaim],
    )
    def contradiction_list(request: Request, page: PageQuery) -> Response:
        """Claimants' incompatible figures for the same thing and day, side by side."""
        rows = contradiction_rows(contradictions(_engine(request), page.filters))
        return page.wrap(page.slice(rows))

    @app.get("/api/crosscheck", tags=["reconcile"], response_model=shape.Page[shape.CrosscheckRow])
    def crosschecks(request: Request, page: PageQuery) -> Response:
        """Extracted tolls beside the official value on their day."""
        rows = crosscheck_rows(crosscheck(_engine(request), page.filters))
        return page.wrap(page.slice(rows))


def _add_agreement_routes(app: FastAPI) -> None:
    from ceasefire.agreements.check import check
    from ceasefire.agreements.files import find_agreement, shipped_agreements
    from ceasefire.agreements.report import finding_rows, matrix, summary_lines

    @app.get("/api/agreements", tags=["agreements"], response_model=shape.AgreementList)
    def agreements() -> Response:
        """The agreements the archive can be checked against, with their terms."""
        agreements = [agreement.model_dump(mode="json") for _, agreement in shipped_agreements()]
        return _json({"items": agreements})

    @app.get(
        "/api/agreements/{agreement_id}/check",
        tags=["agreements"],
        response_model=shape.AgreementCheck,
        responses=_NOT_FOUND,
    )
    def agreement_check(
        request: Request, agreement_id: str, since: Day = None, until: Day = None
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


def _add_ingest_route(app: FastAPI, require_token: Callable[..., None]) -> None:
    from ceasefire.archive import ingest
    from ceasefire.errors import InputError
    from ceasefire.ingest.jsonl import parse_jsonl

    @app.post(
        "/api/ingest",
        tags=["write"],
        dependencies=[Depends(require_token)],
        response_model=shape.IngestAnswer,
        responses={
            401: {"model": shape.Problem, "description": "No token, or a wrong one"},
            413: {"model": shape.Problem, "description": "The body is over the size limit"},
            422: {"model": shape.Problem, "description": "The body is empty"},
        },
        openapi_extra={"requestBody": _JSON_LINES_BODY},
    )
    async def ingest_documents(request: Request) -> Response:
        """Archive documents sent as JSON Lines (one {"id", "text", ...} per line); needs the
        token. Returns the summary and one line per input that could not be read. The body's
        size is limited as every route's is (413 past `max_body_size`)."""
        body = await request.body()
        if not body:
            raise HTTPException(422, "the body is empty: send JSON Lines, one document a line")
        errors: list[str] = []

        def report(error: InputError) -> None:
            errors.append(str(error))

        items = parse_jsonl(io.BytesIO(body), "<request>")
        # Extraction is CPU work: run it off the event loop so reads stay served meanwhile.
        summary = await run_in_threadpool(ingest, _engine(request), items, report)
        return _json({"summary": dict(summary.counts), "errors": errors})


def _json(content: Any) -> Response:
    """A response serialized straight with orjson (the rows are JSON-ready already): FastAPI's
    generic encoder would walk every value again and triple the time of a page."""
    return Response(orjson.dumps(content), media_type="application/json")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
