"""Contradictions: claimants giving incompatible figures for the same thing and day.

Both claims are kept and shown side by side; nothing is averaged or ranked. Two figures are
about the same thing when they share metric, what they count (the subject's head word), day,
kind (a running total, and the day it counts from, or a day's count) and place (the same
place, or both unplaced), and contradict each other when no single true value satisfies both
as stated ("over 14,000" and "14,532" agree; "14,000" and "11,000" do not).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from ceasefire.reconcile.claims import (
    Claimant,
    claimant_of,
    compatible,
    counted,
    counted_since,
    day_of,
    is_running_total,
)
from ceasefire.records import Figure
from ceasefire.store.reading import NO_FILTERS, Filters, Source, figures_with_sources

# "other" counts anything (carrier groups, a population): no two are the same thing.
_TOO_VAGUE = {"other"}


@dataclass(frozen=True)
class Claim:
    """One claimant's figure, with the document it comes from."""

    claimant: Claimant
    figure: Figure
    source: Source


@dataclass(frozen=True)
class Contradiction:
    """Incompatible claims about one metric, place and day."""

    metric: str
    day: date
    place: str | None
    claims: tuple[Claim, ...]


def contradictions(engine: Engine, filters: Filters = NO_FILTERS) -> list[Contradiction]:
    """Every group of same-day claims in which two claimants' values cannot both be true."""
    groups: dict[tuple[str, str, date, bool, date | None, str | None], list[Claim]] = defaultdict(
        list
    )
    for figure, source in figures_with_sources(engine, filters):
        day = day_of(figure, source)
        if day is None:
            continue
        if figure.metric in _TOO_VAGUE:
            continue
        place = figure.place.name.lower() if figure.place else None
        total = is_running_total(figure)
        key = (figure.metric, counted(figure), day, total, counted_since(figure), place)
        groups[key].append(Claim(claimant_of(figure, source), figure, source))
    found = []
    for (metric, _, day, _, _, place), claims in groups.items():
        if _disagree(claims):
            shown = claims[0].figure.place.name if claims[0].figure.place else None
            found.append(Contradiction(metric, day, shown or place, tuple(claims)))
    return sorted(found, key=lambda c: (c.day, c.metric))


def _disagree(claims: list[Claim]) -> bool:
    """Whether two different claimants' values in the group cannot both be true."""
    return any(
        first.claimant != second.claimant
        and not compatible(first.figure.value, second.figure.value)
        for index, first in enumerate(claims)
        for second in claims[index + 1 :]
    )
