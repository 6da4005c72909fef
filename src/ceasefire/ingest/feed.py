"""Feed reader: each RSS or Atom entry becomes a Document, from its linked page when that loads."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import feedparser
import httpx
from feedparser import FeedParserDict

from ceasefire.document import Document, normalize_text
from ceasefire.errors import InputError
from ceasefire.ingest.limits import check_size
from ceasefire.ingest.text import describe_os_error
from ceasefire.ingest.url import HTML_TYPES, is_url, read_url

# The registered types, their older "x-" forms, and RSS 1.0's RDF.
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
    | {"application/x-rss+xml", "application/x-atom+xml"}
)
# Many servers send feeds as plain XML: those are feeds if feedparser finds entries in them.
XML_TYPES = frozenset({"application/xml", "text/xml"})


def read_feed(path: Path, client: httpx.Client) -> Iterator[Document | InputError]:
    """Read a feed file: a Document per entry, or an InputError for an entry that gives none."""
    name = str(path)
    try:
        check_size(name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        yield InputError(f"{name}: {describe_os_error(error)}")
        return
    except InputError as error:
        yield error
        return
    yield from read_entries(data, name, client)


def read_entries(
    data: bytes, name: str, client: httpx.Client, base_url: str | None = None
) -> Iterator[Document | InputError]:
    """Each entry of the feed `data` read from `name`, in feed order; a bad entry costs itself.

    `base_url`, where a downloaded feed came from, makes relative entry links absolute.
    """
    # A stream, never the bytes themselves: feedparser would fetch bytes that look like a URL.
    headers = {"content-location": base_url} if base_url else {}
    feed = feedparser.parse(BytesIO(data), response_headers=headers)
    if not feed.entries:
        yield InputError(f"{name}: not an RSS or Atom feed with entries")
        return
    outlet = _clean(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        try:
            yield _read_entry(entry, f"{name}#{number}", outlet, client)
        except InputError as error:
            yield error


def _read_entry(
    entry: FeedParserDict, where: str, outlet: str | None, client: httpx.Client
) -> Document:
    """The linked page with the entry's metadata filling its gaps, else the entry's own text."""
    link = entry.get("link") or None
    if link is None:
        problem = "no link"
    elif not is_url(link):
        problem = f"link {link!r} is not a web address"
    else:
        try:
            page = read_url(link, client)
        except InputError as error:
            problem = str(error)
        else:
            return dataclasses.replace(
                page,
                title=page.title or _entry_title(entry),
                outlet=page.outlet or outlet,
                author=page.author or _clean(entry.get("author")),
                published=page.published or _entry_date(entry),
            )
    text = normalize_text(_entry_text(entry))
    if not text:
        raise InputError(f"{where}: {problem}, and no content or summary to fall back on")
    return Document(
        id=link or entry.get("id") or where,
        text=text,
        title=_entry_title(entry),
        outlet=outlet,
        author=_clean(entry.get("author")),
        url=link,
        published=_entry_date(entry),
    )


def _entry_text(entry: FeedParserDict) -> str:
    """The entry's full content when the feed carries it, else its summary, as plain text."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if detail and detail.get("value", "").strip():
            return _plain(detail["value"], detail.get("type", ""))
    return ""


def _entry_title(entry: FeedParserDict) -> str | None:
    """The title as text: Atom allows markup in it."""
    detail = entry.get("title_detail")
    return _clean(_plain(detail["value"], detail.get("type", ""))) if detail else None


def _entry_date(entry: FeedParserDict) -> date | None:
    """The publication date as the feed wrote it: feedparser's own parse is shifted to UTC."""
    written = entry.get("published", "")
    # Atom writes RFC 3339 dates, RSS writes RFC 822 ones.
    for parse in (datetime.fromisoformat, parsedate_to_datetime):
        try:
            return parse(written).date()
        except (TypeError, ValueError):
            continue
    parsed = entry.get("published_parsed")
    return date(*parsed[:3]) if parsed else None


def _plain(value: str, content_type: str) -> str:
    """Feed text as plain text: markup stripped from HTML, plain text kept as written."""
    if content_type not in HTML_TYPES:
        return value
    parser = _TextCollector()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts)


def _clean(value: object) -> str | None:
    """A metadata string on one line; a blank or missing one counts as absent."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


class _TextCollector(HTMLParser):
    """Collects an HTML fragment's text, breaking paragraphs where block elements start and end.

    feedparser has already removed scripts and styles from entry HTML, so all text is kept.
    """

    _BLOCKS = frozenset(
        {"p", "div", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "section", "article"}
        | {"h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "hr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        # Line breaks in HTML source are spaces; only the elements above break lines.
        self.parts.append(re.sub(r"\s+", " ", data))
