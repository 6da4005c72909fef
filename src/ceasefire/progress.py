"""Progress for long work: a Rich bar on a terminal, silence in pipes."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

Item = TypeVar("Item")


def track_documents(items: Iterable[Item], label: str = "documents") -> Iterator[Item]:
    """Yield items, counting them on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            yield item
            progress.advance(task)
