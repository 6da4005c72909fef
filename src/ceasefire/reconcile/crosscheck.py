"""Crosscheck: each extracted toll set against the official series for its place and day.

Checked are killed and injured figures (against a ministry's casualty series) and aid-truck
figures (against the trucks series). Which series a figure is checked against:

- by its place, when the gazetteer knows it: the innermost place it lies in that has a
  series ("northern Gaza" -> Gaza Strip, "Tyre" -> Lebanon). Gaza and the West Bank share a
  country code, so it is the place's ancestry that tells them apart. A known place with no
  series (Israel, or the Palestinian territories as a whole) leaves the figure unchecked;
- else by its claimant: the series a national body (or the body a spokesperson belongs to)
  publishes for one place (the Gaza Ministry of Health -> Gaza). An international body such
  as OCHA reports on many places, so its name alone places nothing;
- else the figure is skipped.

A running total (as of a day, since a date) is checked against the cumulative series; a
"since" total that starts after the series does counts something else and is skipped. A count
for one day is checked against the day's series. Undated figures, and counts over several
days, are skipped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from sqlalchemy import Engine

from ceasefire.extract.actors import default_registry
from ceasefire.extract.places import find_places, place_index
from ceasefire.reconcile.claims import admitted, counted, day_of, is_running_total
from ceasefire.reconcile.official import OfficialPoint, list_series_points
from ceasefire.records import Actor, Figure, Place, Value
from ceasefire.store.reading import NO_FILTERS, Filters, Source, figures_with_sources

Label = Literal["exact", "consistent", "off", "no_official_value"]

CHECKED_METRICS = frozenset({"killed", "injured", "aid_trucks"})
# What a whole-population toll counts, by its subject's head word (see claims.counted); an
# empty subject is a bare number ("the toll rose to 14,000").
_POPULATION_WORDS = frozenset(
    {"", "people", "person", "palestinian", "civilian", "gazan", "lebanese", "resident", "total",
     "toll", "death", "casualtie", "casualty", "victim"}
)  # fmt: skip
_TOLLS = frozenset({"killed", "injured"})
# "The ministry said on Monday that 14,000 have been killed" dates the statement, and the
# extractor reads it as a count for Monday. A toll for one day that is at least this share of
# that day's running total is taken to be the total; "50 killed on Tuesday" stays a day's count.
RUNNING_TOTAL_SHARE = 0.5
_RANK: dict[Label, int] = {"exact": 0, "consistent": 1, "off": 2}


@dataclass(frozen=True)
class Crosscheck:
    """A figure beside the official value it was checked against, and how they compare.

    `difference` is the signed percentage by which the stated number (for a range, its end
    nearest the official value) exceeds the official one; None without an official value or
    when that value is zero.
    """

    figure: Figure
    source: Source  # the figure's document: its id, outlet and publication date
    day: date  # the figure's day: its period's end, else its document's publication
    series: str
    official_day: date | None
    official: float | None
    label: Label
    difference: float | None


def crosscheck(engine: Engine, filters: Filters = NO_FILTERS) -> list[Crosscheck]:
    """Label every checkable toll figure against the official value on its day or the day
    before (reports often quote the previous day's bulletin), whichever fits it better.

    `exact`: the same number. `consistent`: its qualifier admits the official value ("over
    14,000" and 14,532; "about" and "nearly" within the tolerances of reconcile.claims).
    `off`: neither, with the difference. `no_official_value`: the series has no point on
    either day. Figures no series fits are left out (see the module's docstring).
    """
    official = _Official(list_series_points(engine))
    checks = []
    for figure, source in figures_with_sources(engine, filters):
        day = day_of(figure, source)
        if figure.metric not in CHECKED_METRICS or day is None or not _whole_count(figure):
            continue
        series = official.series_for(figure, day)
        if series is not None:
            checks.append(_check(figure, source, day, series))
    return checks


def _whole_count(figure: Figure) -> bool:
    """A toll of the whole population an official series counts ("14,000 Palestinians",
    "people"), not of a group within it ("100 UN aid workers", "9,000 Hamas fighters")."""
    return figure.metric == "aid_trucks" or counted(figure) in _POPULATION_WORDS


@dataclass(frozen=True)
class _Series:
    """One official series: what it counts, where, and its values by day."""

    id: str
    metric: str
    place_name: str | None
    cumulative: bool
    values: dict[date, float]

    def near(self, day: date) -> list[tuple[date, float]]:
        """Its values on `day` and the day before, in that order, where it has them."""
        days = (day, day - timedelta(days=1))
        return [(found, self.values[found]) for found in days if found in self.values]


class _Official:
    """The archive's official series, looked up by metric, place and kind."""

    def __init__(self, points: list[OfficialPoint]) -> None:
        grouped: dict[str, list[OfficialPoint]] = defaultdict(list)
        self.claimant_places: dict[str, set[str]] = defaultdict(set)
        for point in points:
            grouped[point.series].append(point)
            if point.claimant_id is not None and point.place_name is not None:
                self.claimant_places[point.claimant_id].add(point.place_name)
        self.series = [
            _Series(
                name,
                found[0].metric,
                found[0].place_name,
                found[0].cumulative,
                {point.day: point.value for point in found},
            )
            for name, found in sorted(grouped.items())
        ]

    def series_for(self, figure: Figure, day: date) -> _Series | None:
        """The series a figure is checked against, None when none fits it."""
        areas = self._areas(figure)
        running = self._find(figure.metric, areas, cumulative=True)
        if is_running_total(figure):
            start = figure.period.start if figure.period is not None else None
            if running is None or (start is not None and start > min(running.values)):
                return None
            return running
        period = figure.period
        if period is None or period.kind != "on" or period.start not in (None, period.end):
            return None
        if figure.metric in _TOLLS and running is not None:
            totals = [value for _, value in running.near(day)]
            if totals and figure.value.n >= RUNNING_TOTAL_SHARE * totals[0]:
                return running
        return self._find(figure.metric, areas, cumulative=False)

    def _find(self, metric: str, areas: tuple[str, ...], cumulative: bool) -> _Series | None:
        for area in areas:
            for series in self.series:
                if (series.metric, series.place_name, series.cumulative) == (
                    metric,
                    area,
                    cumulative,
                ):
                    return series
        return None

    def _areas(self, figure: Figure) -> tuple[str, ...]:
        """Names of the places a figure may be about, innermost first."""
        if figure.place is not None:
            names = _area_names(figure.place)
            if names:
                return names
        return self._claimant_area(figure.claimant)

    def _claimant_area(self, claimant: Actor | None) -> tuple[str, ...]:
        registry = default_registry()
        actor_id = claimant.id if claimant is not None else None
        while actor_id is not None:
            try:
                entry = registry.entry(actor_id)
            except KeyError:
                return ()  # an id from a registry file no longer loaded
            places = self.claimant_places.get(actor_id, set())
            if entry.country is not None and len(places) == 1:
                return tuple(places)
            actor_id = entry.parent
        return ()


@lru_cache(maxsize=4096)
def _area_names(place: Place) -> tuple[str, ...]:
    """The place's name and those of the places it lies in, then its country's; empty when
    the gazetteer does not know it."""
    index = place_index()
    names = [found.place.name for found in index.ancestors(_registry_id(place))]
    country = index.countries.get(place.country) if place.country else None
    if country is not None:
        names.append(index.place(country).place.name)
    return tuple(names)


def _registry_id(place: Place) -> str | None:
    """The gazetteer's id for a stored place; a side of a place ("eastern Khan Younis") has
    none of its own and takes its whole's."""
    index = place_index()
    found = index.by_geonames.get(place.geonames_id) if place.geonames_id is not None else None
    if found is None:
        found = index.by_name.get(place.name)
    if found is not None:
        return index.place(found).id
    mentions = find_places(place.name)
    return mentions[0].id or mentions[0].part_of if len(mentions) == 1 else None


def _check(figure: Figure, source: Source, day: date, series: _Series) -> Crosscheck:
    near = series.near(day)
    if not near:
        return Crosscheck(figure, source, day, series.id, None, None, "no_official_value", None)
    judged = [(_judge(figure.value, value), position, found, value)
              for position, (found, value) in enumerate(near)]  # fmt: skip
    (label, difference), _, official_day, official = min(judged, key=_fit)
    return Crosscheck(figure, source, day, series.id, official_day, official, label, difference)


def _fit(judged: tuple[tuple[Label, float | None], int, date, float]) -> tuple[int, float, int]:
    """The better label first; between two values it is off from, the nearer (the bulletin it
    more likely quotes); then the figure's own day."""
    (label, difference), position, _, _ = judged
    if label != "off":
        return _RANK[label], 0.0, position
    return _RANK[label], math.inf if difference is None else abs(difference), position


def _judge(value: Value, official: float) -> tuple[Label, float | None]:
    low, high = admitted(value)
    stated = value.n if value.to is None else min(max(official, value.n), value.to)
    difference = (stated - official) / official * 100 if official else None
    if not low <= official <= high:
        return "off", difference
    if value.to is None and value.n == official:
        return "exact", 0.0
    return "consistent", difference
