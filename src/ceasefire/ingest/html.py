"""HTML reader: trafilatura keeps an article's main text and metadata, not the page chrome."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import trafilatura
from trafilatura.settings import Document as ExtractedPage

from ceasefire.document import Document, normalize_text
from ceasefire.errors import InputError
from ceasefire.ingest.limits import check_size
from ceasefire.ingest.text import describe_os_error

# Prefer the first publication date over a later "updated" one, and take dates only from the
# page's markup: guessing from free text would date an article by the events it mentions.
_DATE_OPTIONS = {"original_date": True, "extensive_search": False}


def read_html(path: Path) -> Document:
    """Read an HTML page: its main text, title, author, publication date, outlet and address."""
    name = str(path)
    try:
        check_size(name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: {describe_os_error(error)}") from None
    return parse_html(data, name, path.stem)


def parse_html(page: bytes | str, name: str, id: str, url: str | None = None) -> Document:
    """Parse a page read from `name`; `url`, where it was fetched, outranks its canonical link.

    Pass bytes unless the encoding is known: trafilatura reads the page's declared or detected
    encoding. The address is not given to trafilatura, which would make the site name up from it.
    """
    extracted = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, date_extraction_params=_DATE_OPTIONS
    )
    if not isinstance(extracted, ExtractedPage):
        raise InputError(f"{name}: no main text found")
    text = normalize_text(extracted.text or "")
    if not text:
        raise InputError(f"{name}: no main text found")
    return Document(
        id=id,
        text=text,
        title=extracted.title or None,
        outlet=extracted.sitename or None,
        author=extracted.author or None,
        url=url or extracted.url or None,
        published=_parse_date(extracted.date),
    )


def _parse_date(value: str | None) -> date | None:
    """Page dates are a best guess: one that is not an ISO date counts as unknown, not an error."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
