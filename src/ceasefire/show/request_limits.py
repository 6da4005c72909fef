"""Limits on a request's address and headers, before any route sees it (the body's limit is
FastAPI's `max_body_size`, set by `create_app`).

An address (path and query string) over 8 KiB gets 414, headers over 16 KiB get 431: the limits
of common HTTP servers, far past anything the API's filters need. uvicorn's httptools parser
reads the headers whole before this runs, so their memory is bounded only by a proxy in front
(or uvicorn's h11 parser); what a request costs past its headers is bounded here.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_TARGET_BYTES = 8 * 1024
MAX_HEADER_BYTES = 16 * 1024


class RequestLimits:
    """ASGI middleware refusing requests whose address or headers are over their limits."""

    def __init__(
        self,
        app: ASGIApp,
        max_target_bytes: int = MAX_TARGET_BYTES,
        max_header_bytes: int = MAX_HEADER_BYTES,
    ) -> None:
        self.app = app
        self.max_target_bytes = max_target_bytes
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refusal = self._refusal(scope)
            if refusal is not None:
                status, detail = refusal
                await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        """The status and reason to refuse the request with, if it is over a limit."""
        path = scope.get("raw_path") or scope["path"].encode()
        if len(path) + len(scope["query_string"]) > self.max_target_bytes:
            return 414, f"the address is over the {self.max_target_bytes}-byte limit"
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        if sum(len(name) + len(value) + 4 for name, value in headers) > self.max_header_bytes:
            return 431, f"the headers are over the {self.max_header_bytes}-byte limit"
        return None
