"""Turn the command line's sources (files, folders, URLs, "-") into Documents, reporting errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from typing import TextIO

import httpx

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest.feed import FEED_TYPES, XML_TYPES, read_entries, read_feed
from ceasefire.ingest.html import read_html
from ceasefire.ingest.jsonl import parse_jsonl, read_jsonl
from ceasefire.ingest.parquet import read_parquet
from ceasefire.ingest.pdf import read_pdf
from ceasefire.ingest.text import read_text
from ceasefire.ingest.url import fetch, is_url, open_client, read_download

STDIN = "-"
_SINGLE_DOCUMENT_READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
}
_JSONL = ".jsonl"
_PARQUET = ".parquet"
_FEEDS = frozenset({".rss", ".atom", ".xml"})
SUPPORTED_SUFFIXES = frozenset({*_SINGLE_DOCUMENT_READERS, _JSONL, _PARQUET, *_FEEDS})


def iter_documents(
    sources: Sequence[str], stdin: TextIO | None = None
) -> Iterator[Document | InputError]:
    """Yield each source's Documents, and an InputError for each bad input, so the rest go on.

    A source is a file, a folder (read recursively, hidden files and folders skipped, files
    of an unknown type ignored), an http(s) URL of a page, PDF, text or feed, or "-" for JSON
    Lines on standard input; `stdin` replaces the process's standard input (tests, embedding
    callers). Feeds, in files or at URLs, give one Document per entry; JSON Lines and Parquet
    files one per line or row.
    """
    with ExitStack() as cleanup:

        @cache
        def client() -> httpx.Client:
            """One HTTP client for the whole run, opened only if a URL or feed needs it."""
            return cleanup.enter_context(open_client())

        for source in sources:
            if source == STDIN:
                # The raw bytes by default, so an encoding error is reported with its line.
                yield from parse_jsonl(sys.stdin.buffer if stdin is None else stdin, "<stdin>")
                continue
            if is_url(source):
                yield from _read_url(source, client())
                continue
            path = Path(source)
            if path.is_dir():
                for file in _walk(path):
                    yield from _read_file(file, client)
            elif path.exists():
                yield from _read_file(path, client)
            else:
                yield InputError(f"{source}: no such file or directory")


def _walk(folder: Path) -> Iterator[Path]:
    """Supported files under `folder`: each folder's files by name, then its subfolders by name."""
    for root, folders, files in os.walk(folder):
        # Pruning and sorting in place steers os.walk: hidden folders are not entered.
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path


def _read_file(path: Path, client: Callable[[], httpx.Client]) -> Iterator[Document | InputError]:
    """Read one file with the reader its extension names."""
    suffix = path.suffix.lower()
    if suffix == _JSONL:
        yield from read_jsonl(path)
        return
    if suffix == _PARQUET:
        yield from read_parquet(path)
        return
    if suffix in _FEEDS:
        yield from read_feed(path, client())
        return
    reader = _SINGLE_DOCUMENT_READERS.get(suffix)
    if reader is None:
        kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
        yield InputError(f"{path}: unsupported file type {kind}")
        return
    try:
        yield reader(path)
    except InputError as error:
        yield error


def _read_url(url: str, client: httpx.Client) -> Iterator[Document | InputError]:
    """Download a URL once, then read it as a feed or as one document, by its content type."""
    try:
        download = fetch(url, client)
        if download.media_type in FEED_TYPES | XML_TYPES:
            yield from read_entries(download.body, url, client, base_url=download.url)
        else:
            yield read_download(download)
    except InputError as error:
        yield error
