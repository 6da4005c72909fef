"""Figure series: each claimant's values of a metric over time, one line per claimant.

"Gaza killed according to the Gaza Ministry of Health: 14,000 -> 25,105 -> 30,717". Figures an
outlet states in its own voice make that outlet's own line; running totals and counts for a
day are separate lines, since they do not add up, as are totals counted from different days
("since the ceasefire" beside the war's toll).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from ceasefire.reconcile.claims import (
    Claimant,
    claimant_of,
    counted,
    counted_since,
    day_of,
    is_running_total,
)
from ceasefire.records import Figure
from ceasefire.store.reading import NO_FILTERS, Filters, Source, figures_with_sources


@dataclass(frozen=True)
class SeriesPoint:
    """One stated value on its day, with the evidence it rests on."""

    day: date
    figure: Figure
    source: Source


@dataclass(frozen=True)
class ClaimedSeries:
    """A claimant's values of one metric, oldest first."""

    metric: str
    counts: str  # what is counted: the subjects' head word ("palestinian", "child")
    claimant: Claimant
    running_total: bool
    since: date | None  # the day a running total counts from; None: from the start
    points: tuple[SeriesPoint, ...]


def claimed_series(engine: Engine, filters: Filters = NO_FILTERS) -> list[ClaimedSeries]:
    """Every (metric, what it counts, claimant, total-or-daily, counted since) line, longest
    first."""
    lines: dict[tuple[str, str, Claimant, bool, date | None], list[SeriesPoint]] = defaultdict(list)
    for figure, source in figures_with_sources(engine, filters):
        day = day_of(figure, source)
        if day is None:
            continue  # an undated document's figure belongs to no day
        key = (
            figure.metric,
            counted(figure),
            claimant_of(figure, source),
            is_running_total(figure),
            counted_since(figure),
        )
        lines[key].append(SeriesPoint(day, figure, source))
    found = [
        ClaimedSeries(metric, counts, claimant, total, since, tuple(sorted(points, key=_order)))
        for (metric, counts, claimant, total, since), points in lines.items()
    ]
    return sorted(found, key=lambda s: (-len(s.points), s.metric, s.claimant.label))


def _order(point: SeriesPoint) -> tuple[date, float]:
    return point.day, point.figure.value.n
