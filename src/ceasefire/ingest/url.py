"""URL reader: download within the size limit; the content type decides which reader reads it."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest.html import parse_html
from ceasefire.ingest.limits import check_size
from ceasefire.ingest.pdf import parse_pdf
from ceasefire.ingest.text import parse_text
from ceasefire.settings import get_settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPE = "application/pdf"
TEXT_TYPE = "text/plain"
# Some sites refuse clients that do not say who they are.
_USER_AGENT = "ceasefire-monitor/0.1"


@dataclass(frozen=True)
class Download:
    """A URL's body with what decides how to read it; `source` names it, `url` is where it was."""

    source: str
    url: str
    media_type: str
    charset: str | None
    body: bytes


def is_url(source: str) -> bool:
    """Whether a source names a web address rather than a file."""
    return source.lower().startswith(("http://", "https://"))


def open_client() -> httpx.Client:
    """An HTTP client with the settings' timeouts that follows redirects; close it after use."""
    settings = get_settings()
    timeout = httpx.Timeout(settings.read_timeout_seconds, connect=settings.connect_timeout_seconds)
    return httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": _USER_AGENT})


def read_url(url: str, client: httpx.Client | None = None) -> Document:
    """Download an HTML page, PDF or plain text and read it; pass a client to reuse connections."""
    if client is None:
        with open_client() as own_client:
            return read_download(fetch(url, own_client))
    return read_download(fetch(url, client))


def fetch(url: str, client: httpx.Client) -> Download:
    """GET `url`, following redirects; refuse an HTTP error or a body over the size limit."""
    try:
        with client.stream("GET", url) as response:
            if response.is_error:
                status = f"{response.status_code} {response.reason_phrase}".rstrip()
                raise InputError(f"{url}: HTTP {status}")
            content_type = response.headers.get("content-type", "")
            return Download(
                source=url,
                url=str(response.url),
                media_type=content_type.partition(";")[0].strip().lower(),
                charset=response.charset_encoding,
                body=_read_body(url, response),
            )
    except httpx.HTTPError as error:
        raise InputError(f"{url}: {_describe(error)}") from None
    except httpx.InvalidURL as error:
        raise InputError(f"{url}: invalid URL ({_reason(error)})") from None


def read_download(download: Download) -> Document:
    """Read a download with the reader its content type names; its id is the URL as given."""
    name = download.source
    if download.media_type in HTML_TYPES:
        # Bytes, as for a file: trafilatura reads the page's declared or detected encoding.
        return parse_html(download.body, name, name, url=download.url)
    if download.media_type == PDF_TYPE:
        return parse_pdf(download.body, name, name, url=download.url)
    if download.media_type == TEXT_TYPE:
        return parse_text(download.body, name, name, charset=download.charset, url=download.url)
    kind = repr(download.media_type) if download.media_type else "(none given)"
    raise InputError(f"{name}: unsupported content type {kind}")


def _read_body(url: str, response: httpx.Response) -> bytes:
    """The body, refused once it passes the size limit (or at once if its declared length does)."""
    length = response.headers.get("content-length", "")
    if length.isdigit():
        check_size(url, int(length))
    chunks = []
    received = 0
    # Decoded bytes are counted, so a small compressed body cannot unpack past the limit.
    for chunk in response.iter_bytes():
        received += len(chunk)
        check_size(url, received, at_least=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(error: httpx.HTTPError) -> str:
    """What went wrong with a request, in words that fit after the URL."""
    if isinstance(error, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(error, httpx.ReadTimeout):
        return "timed out waiting for data"
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect ({_reason(error)})"
    if isinstance(error, httpx.UnsupportedProtocol):
        return f"unsupported address ({_reason(error)})"
    return f"download failed ({_reason(error)})"


def _reason(error: Exception) -> str:
    """An exception's message on one line, or its type when it has none."""
    return " ".join(str(error).split()) or type(error).__name__
