"""The size limit every reader checks before it reads, so one huge input cannot exhaust memory."""

from __future__ import annotations

from ceasefire.errors import InputError
from ceasefire.settings import get_settings

_MEGABYTE = 1024 * 1024


def check_size(name: str, size: int) -> None:
    """Refuse an input larger than `max_document_bytes`, before any of it is read."""
    limit = get_settings().max_document_bytes
    if size > limit:
        raise InputError(
            f"{name}: document too large ({_format_size(size)} > limit {_format_size(limit)})"
        )


def _format_size(size: int) -> str:
    """Megabytes as users think of them; bytes when a megabyte figure would round to nothing."""
    if size < _MEGABYTE // 10:
        return f"{size} bytes"
    return f"{size / _MEGABYTE:.1f} MB"
