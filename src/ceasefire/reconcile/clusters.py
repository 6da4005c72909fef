"""Event clusters: the reports of one event from several documents become one event.

Reports belong together when they give the same type, the same day, places that do not differ
(the same place, one inside the other: "Khan Younis" and "Gaza Strip", or one report naming
none), and actors that do not differ (the same party, or one report naming none).
Only asserted events are clustered: a threat or a denial is not a report that it happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from ceasefire.extract.places import place_index, resolve_place
from ceasefire.records import Actor, Event, Place
from ceasefire.store.reading import NO_FILTERS, Filters, Source, events_with_sources


@dataclass(frozen=True)
class ClusterMember:
    """One report of the event, and where it was published."""

    event: Event
    source: Source


@dataclass
class EventCluster:
    """One event and every report of it; `dated` says whether its day is stated or is the day
    the first report was published."""

    type: str
    day: date | None
    dated: bool
    place: Place | None
    actor: Actor | None
    members: list[ClusterMember] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """The distinct documents reporting the event."""
        return sorted({member.source.doc for member in self.members})


def event_clusters(
    engine: Engine, filters: Filters = NO_FILTERS, min_sources: int = 1
) -> list[EventCluster]:
    """Clusters of the archive's asserted events, most-reported first."""
    clusters: list[EventCluster] = []
    for event, source in events_with_sources(engine, filters):
        if event.modality != "asserted":
            continue
        day, dated = _day(event, source)
        member = ClusterMember(event, source)
        home = next((c for c in clusters if _belongs(c, event, day)), None)
        if home is None:
            clusters.append(
                EventCluster(event.type, day, dated, event.place, event.actor, [member])
            )
            continue
        home.members.append(member)
        home.place = _narrower(home.place, event.place)
        home.actor = home.actor or event.actor
    kept = [c for c in clusters if len(c.sources) >= min_sources]
    return sorted(kept, key=lambda c: (-len(c.sources), c.day or date.min, c.type))


def _day(event: Event, source: Source) -> tuple[date | None, bool]:
    """A single-day event's day; else the day its report was published (not stated)."""
    if event.date is not None and event.date.start == event.date.end:
        return event.date.start, True
    return source.published, False


def _belongs(cluster: EventCluster, event: Event, day: date | None) -> bool:
    return (
        cluster.type == event.type
        and cluster.day == day
        and day is not None
        and _same_area(cluster.place, event.place)
        and _same_actor(cluster.actor, event.actor)
    )


def _same_actor(first: Actor | None, second: Actor | None) -> bool:
    if first is None or second is None:
        return True
    if first.id and second.id:
        return first.id == second.id
    return first.name.lower() == second.name.lower()


def _same_area(first: Place | None, second: Place | None) -> bool:
    """The same place, one inside the other, or one report giving no place."""
    if first is None or second is None:
        return True
    if first.name == second.name:
        return True
    first_areas, second_areas = _areas(first), _areas(second)
    return first.name in second_areas or second.name in first_areas


def _areas(place: Place) -> set[str]:
    """The names of a place and of every place it lies in ("Khan Younis", "Gaza Strip", ...)."""
    index = place_index()
    known = resolve_place(place.name)
    names = {place.name}
    if known is None:
        return names
    position = index.by_name.get(known.name)
    if position is None:
        return names
    names.update(p.place.name for p in index.ancestors(index.place(position).id))
    return names


def _narrower(kept: Place | None, other: Place | None) -> Place | None:
    """The more precise of two places of one event ("Khan Younis" over "Gaza Strip")."""
    if kept is None or other is None:
        return kept or other
    return other if kept.name in _areas(other) and kept.name != other.name else kept
