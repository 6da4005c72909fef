"""The size limit every reader checks before it reads, so one huge input cannot exhaust memory."""

from __future__ import annotations

from ceasefire.errors import InputError
from ceasefire.settings import get_settings

_MEGABYTE = 1024 * 1024


def check_size(name: str, size: int, *, at_least: bool = False) -> None:
    """Refuse an input larger than `max_document_bytes`, before any more of it is read.

    `at_least` says `size` is only what has arrived so far of a download of unknown length.
    """
    limit = get_settings().max_document_bytes
    if size > limit:
        size_text = ("at least " if at_least else "") + _format_size(size)
        raise InputError(f"{name}: document too large ({size_text} > limit {_format_size(limit)})")


def _format_size(size: int) -> str:
    """Megabytes as users think of them; bytes when a megabyte figure would round to nothing."""
    if size < _MEGABYTE // 10:
        return f"{size} bytes"
    return f"{size / _MEGABYTE:.1f} MB"
