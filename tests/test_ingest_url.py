"""URLs: a page, PDF or text is downloaded within limits and read by its content type."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest

from ceasefire.errors import InputError
from ceasefire.ingest.url import fetch, is_url, open_client, read_url

if TYPE_CHECKING:
    from conftest import NewsSite

ARTICLE = """<html><head>
<title>Crossing reopens after two-day closure | Valley Times</title>
<meta property="og:title" content="Crossing reopens after two-day closure">
<meta property="og:site_name" content="Valley Times">
<meta name="author" content="Mira Saleh">
<meta property="article:published_time" content="2024-04-10T07:30:00+03:00">
</head><body><nav>Home | Region | Opinion</nav><article>
<p>The southern crossing reopened on Wednesday after a two-day closure, and 35 trucks of food
and medicine entered before it closed again at dusk, the relief agency said.</p>
<p>Drivers said the queue on the approach road stretched for several kilometres.</p>
</article><footer>Valley Times, all rights reserved</footer></body></html>"""
BULLETIN = "Evening bulletin\n\nThe truce held through Tuesday, the monitoring mission said.\n"


def test_a_page_is_read_with_its_metadata(news_site: NewsSite) -> None:
    address = news_site.serve("/region/crossing", ARTICLE, "text/html; charset=utf-8")

    document = read_url(address)

    assert document.id == address
    assert document.url == address
    assert document.text.startswith("The southern crossing reopened on Wednesday")
    assert "all rights reserved" not in document.text
    assert document.title == "Crossing reopens after two-day closure"
    assert document.author == "Mira Saleh"
    assert document.outlet == "Valley Times"
    assert document.published == date(2024, 4, 10)


def test_a_redirect_is_followed_and_the_final_address_kept(news_site: NewsSite) -> None:
    final = news_site.serve("/2024/04/crossing", ARTICLE, "text/html")
    address = news_site.redirect("/r/8812", final)

    document = read_url(address)

    assert document.id == address
    assert document.url == final
    assert document.title == "Crossing reopens after two-day closure"


def test_a_pdf_is_read_as_a_pdf(news_site: NewsSite, make_pdf: Callable[..., bytes]) -> None:
    pdf = make_pdf("Twelve families returned to the village on Friday.", title="Returns")
    address = news_site.serve("/reports/returns.pdf", pdf, "application/pdf")

    document = read_url(address)

    assert (document.id, document.url) == (address, address)
    assert document.text == "Twelve families returned to the village on Friday."
    assert document.title == "Returns"


def test_plain_text_is_read_as_utf8_by_default(news_site: NewsSite) -> None:
    address = news_site.serve("/bulletin.txt", BULLETIN, "text/plain")

    document = read_url(address)

    assert document.text == BULLETIN.strip()
    assert document.url == address


def test_plain_text_is_decoded_with_its_declared_charset(news_site: NewsSite) -> None:
    text = "Talks resumed at a café in Doha on Monday."
    address = news_site.serve("/doha.txt", text.encode("latin-1"), "text/plain; charset=ISO-8859-1")

    assert read_url(address).text == text


def test_text_that_does_not_match_its_charset_is_refused(news_site: NewsSite) -> None:
    address = news_site.serve("/doha.txt", "Talks at a café.".encode("latin-1"), "text/plain")

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: not UTF-8 text (byte 0xe9 at offset 14)"


def test_an_unknown_charset_is_refused(news_site: NewsSite) -> None:
    address = news_site.serve("/note.txt", "Calm night.", "text/plain; charset=klingon-8")

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: unknown text encoding 'klingon-8'"


@pytest.mark.parametrize(
    ("status", "message"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_an_http_error_is_refused_with_its_status(
    news_site: NewsSite, status: int, message: str
) -> None:
    address = news_site.serve("/story", "Oops", "text/plain", status=status)

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: {message}"


def test_a_redirect_to_a_missing_page_names_the_address_given(news_site: NewsSite) -> None:
    address = news_site.redirect("/old-story", news_site.url("/deleted"))

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: HTTP 404 Not Found"


def test_a_redirect_loop_is_refused(news_site: NewsSite) -> None:
    address = news_site.redirect("/loop", news_site.url("/loop"))

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: too many redirects"


@pytest.mark.parametrize(
    ("content_type", "described"),
    [
        ("image/png", "'image/png'"),
        ("application/rss+xml", "'application/rss+xml'"),
        (None, "(none given)"),
    ],
)
def test_a_content_type_without_a_reader_is_refused(
    news_site: NewsSite, content_type: str | None, described: str
) -> None:
    address = news_site.serve("/photo", b"\x89PNG\r\n\x1a\n", content_type)

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: unsupported content type {described}"


def test_a_page_without_main_text_is_refused_by_address(news_site: NewsSite) -> None:
    address = news_site.serve(
        "/live", "<html><body><script>x()</script></body></html>", "text/html"
    )

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: no main text found"


def test_a_declared_length_over_the_limit_is_refused_before_the_body(
    news_site: NewsSite, configure: Callable[..., None]
) -> None:
    configure(max_document_bytes="1000")
    address = news_site.serve("/archive.txt", "The truce held. " * 200, "text/plain")

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: document too large (3200 bytes > limit 1000 bytes)"


def test_an_undeclared_length_is_cut_off_while_streaming(
    news_site: NewsSite, configure: Callable[..., None]
) -> None:
    configure(max_document_bytes="1000")
    address = news_site.serve(
        "/endless.txt", "The truce held. " * 20_000, "text/plain", declare_length=False
    )

    with pytest.raises(InputError) as caught:
        read_url(address)

    message = str(caught.value)
    assert message.startswith(f"{address}: document too large (at least ")
    assert message.endswith(" > limit 1000 bytes)")
    # Refused within the first chunks, not after the whole 320 kB body.
    received = int(message.split("at least ")[1].split(" bytes")[0])
    assert 1000 < received <= 70_000


def test_a_body_at_the_limit_is_accepted(
    news_site: NewsSite, configure: Callable[..., None]
) -> None:
    configure(max_document_bytes=str(len(BULLETIN)))
    address = news_site.serve("/bulletin.txt", BULLETIN, "text/plain", declare_length=False)

    assert read_url(address).text == BULLETIN.strip()


def test_a_slow_server_times_out(news_site: NewsSite, configure: Callable[..., None]) -> None:
    configure(read_timeout="0.3")
    address = news_site.serve("/slow", BULLETIN, "text/plain", delay=5.0)

    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value) == f"{address}: timed out waiting for data"
    assert time.monotonic() - started < 3.0


def test_a_closed_port_cannot_be_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "*")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/story"

    with pytest.raises(InputError) as caught:
        read_url(address)

    assert str(caught.value).startswith(f"{address}: cannot connect (")
    assert "\n" not in str(caught.value)


def test_a_malformed_address_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_url("https://[::1")

    assert str(caught.value).startswith("https://[::1: invalid URL (")


def test_one_client_serves_many_downloads(news_site: NewsSite) -> None:
    first = news_site.serve("/a.txt", "First report.", "text/plain")
    second = news_site.serve("/b.txt", "Second report.", "text/plain")

    with open_client() as client:
        texts = [read_url(address, client).text for address in (first, second)]

    assert texts == ["First report.", "Second report."]


def test_a_download_keeps_its_content_type_and_charset(news_site: NewsSite) -> None:
    address = news_site.serve("/feed", "<rss/>", "Application/RSS+XML; Charset=UTF-8")

    with open_client() as client:
        download = fetch(address, client)

    assert (download.media_type, download.charset, download.body) == (
        "application/rss+xml",
        "utf-8",
        b"<rss/>",
    )


def test_the_client_uses_the_configured_timeouts(configure: Callable[..., None]) -> None:
    configure(connect_timeout="2.5", read_timeout="12")

    with open_client() as client:
        assert (client.timeout.connect, client.timeout.read) == (2.5, 12.0)
        assert client.follow_redirects


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("https://valleytimes.example/a", True),
        ("HTTP://valleytimes.example/a", True),
        ("reports/https.txt", False),
        ("ftp://valleytimes.example/a", False),
        ("-", False),
    ],
)
def test_only_web_addresses_count_as_urls(source: str, expected: bool) -> None:
    assert is_url(source) is expected
