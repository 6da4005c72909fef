"""Checking an agreement against the archive: alleged violations, evidence of compliance, and
the days with no data, per term, party and day in force.

Accusations are attributed, never adjudicated: a finding says who alleges what against whom,
with the sentence and document it rests on, and both parties' accusations are counted the same
way. Counts stated for a stretch of time ("violated the ceasefire nearly 500 times", "1,200
trucks in a week") are kept as claimed aggregates with their period, not spread over days.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Literal

from sqlalchemy import Engine

from ceasefire.agreements.model import (
    Agreement,
    Exchange,
    Obligation,
    Prohibition,
    Quota,
    Window,
    Zone,
)
from ceasefire.extract.actors import default_registry
from ceasefire.extract.places import PlaceMention, ancestor_ids, find_places, zone_of
from ceasefire.output import value_text
from ceasefire.reconcile.claims import claimant_of, day_of
from ceasefire.records import Actor, Event, Figure, Place
from ceasefire.store.reading import (
    Filters,
    Source,
    document_texts,
    events_with_sources,
    figures_with_sources,
)

FindingKind = Literal["alleged_violation", "compliance", "claimed_aggregate", "time_not_stated"]
# Events whose modality says they happened (or are alleged to have happened).
_HAPPENED = "asserted"
# A claimed stretch starting a day before the agreement ("since Friday") still belongs to it.
_SLACK = timedelta(days=1)
# A day counts as in force when the agreement held for most of it: a truce starting at 07:00
# holds that day; one ending at 07:00 does not hold its last day.
_MIDDAY = time(12, 0)


@dataclass(frozen=True)
class Finding:
    """One piece of evidence about one term: who says what about which party, on which day."""

    term: str
    kind: FindingKind
    party: str  # the party accused, or credited with compliance
    accuser: str  # whoever the document credits (the outlet for its own voice)
    day: date | None  # None for a claimed aggregate, which has `period` instead
    period: tuple[date, date] | None
    dated: bool  # False when the day is the report's publication day, not stated
    detail: str
    doc: str
    outlet: str | None
    text: str
    span: tuple[int, int]


@dataclass
class CheckResult:
    """An agreement's findings over the days it was in force (within the asked window)."""

    agreement: Agreement
    days: list[date]
    findings: list[Finding] = field(default_factory=list)

    def days_without_data(self, term: str) -> list[date]:
        """Days in force on which no document says anything about the term."""
        covered = {f.day for f in self.findings if f.term == term and f.day is not None}
        return [day for day in self.days if day not in covered]


def check(
    engine: Engine, agreement: Agreement, since: date | None = None, until: date | None = None
) -> CheckResult:
    """Every term's findings in the archive, for the days the agreement was in force."""
    start, end = _days_in_force(agreement)
    first = max(start, since) if since else start
    last_day = min(end, until) if end and until else (end or until)
    window = Filters(since=first, until=last_day)
    events = [(e, s) for e, s in events_with_sources(engine, window) if e.modality == _HAPPENED]
    figures = figures_with_sources(engine, window)
    docs = {s.doc for _, s in events} | {s.doc for _, s in figures}
    surroundings = _Surroundings(document_texts(engine, docs))
    findings: list[Finding] = []
    for term in agreement.terms:
        zone = agreement.zones.get(term.zone) if term.zone else None
        scope = _Scope(agreement, zone, first, last_day, surroundings)
        if isinstance(term, Prohibition | Window):
            findings.extend(_prohibited(term, scope, events, figures))
        elif isinstance(term, Quota):
            findings.extend(_quota(term, scope, events, figures))
        elif isinstance(term, Exchange):
            findings.extend(_exchange(term, scope, events, figures))
        elif isinstance(term, Obligation):
            findings.extend(_obligation(term, scope, events))
    seen = [f.day for f in findings if f.day] + [f.period[1] for f in findings if f.period]
    final = last_day or max([first, *seen])
    days = [first + timedelta(days=n) for n in range((final - first).days + 1)]
    ordered = sorted(_distinct(findings), key=lambda f: (f.term, f.day or date.min, f.party, f.doc))
    return CheckResult(agreement, days, ordered)


def _distinct(findings: list[Finding]) -> list[Finding]:
    """One claimed aggregate per claim: "violated the ceasefire nearly 500 times" is both an
    event and a figure of one sentence."""
    kept: dict[tuple[object, ...], Finding] = {}
    for finding in findings:
        if finding.kind == "claimed_aggregate":
            key: tuple[object, ...] = (finding.term, finding.party, finding.doc, finding.period)
        else:
            key = (id(finding),)
        kept.setdefault(key, finding)
    return list(kept.values())


def _days_in_force(agreement: Agreement) -> tuple[date, date | None]:
    """The first and last days in force (the last None while it is open-ended)."""
    start = agreement.period.start
    first = start.date() if start.time() < _MIDDAY else start.date() + timedelta(days=1)
    end = agreement.period.last_end
    if end is None:
        return first, None
    return first, end.date() if end.time() >= _MIDDAY else end.date() - timedelta(days=1)


@dataclass(frozen=True)
class _Scope:
    """Where and when a term applies."""

    agreement: Agreement
    zone: Zone | None
    first: date
    last: date | None
    surroundings: _Surroundings

    def covers_day(self, day: date | None) -> bool:
        return day is not None and day >= self.first and (self.last is None or day <= self.last)

    def covers_period(self, period: tuple[date, date]) -> bool:
        """A claimed stretch belongs to the agreement when it starts once it was in force
        ("since the ceasefire took effect"), not before ("since the war began")."""
        return period[0] >= self.first - _SLACK and (self.last is None or period[0] <= self.last)

    def covers_place(self, place: Place | None, source: Source, span: tuple[int, int]) -> bool:
        """In the zone: the record's place lies in it. An unplaced record counts for a zone
        that is a whole place (Gaza, Lebanon) when most places named around it lie there."""
        if self.zone is None:
            return True
        if place is not None:
            return _in_zone(place, self.zone)
        if self.zone.place is None:
            return False
        around = self.surroundings.locations_around(source.doc, span)
        inside = sum(_in_zone(mention.place, self.zone) for mention in around)
        return inside * 2 > len(around)


class _Surroundings:
    """The places a document names around a record: in its paragraph, else anywhere in it."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts
        self._scanned: dict[str, tuple[PlaceMention, ...]] = {}  # each document scanned once

    def locations_around(self, doc: str, span: tuple[int, int]) -> list[PlaceMention]:
        """The places named as locations ("in Gaza", "strikes on Rafah", not "Israel said")
        in the record's paragraph, else in its document; else any place it names."""
        text = self._texts.get(doc, "")
        start = text.rfind("\n", 0, span[0]) + 1
        end = text.find("\n", span[1])
        end = len(text) if end < 0 else end
        mentions = self._mentions(doc)
        located = [m for m in mentions if m.relation]
        nearby = [m for m in located if start <= m.start and m.end <= end]
        return nearby or located or list(mentions)

    def _mentions(self, doc: str) -> tuple[PlaceMention, ...]:
        if doc not in self._scanned:
            text = self._texts.get(doc, "")
            self._scanned[doc] = tuple(m for m in find_places(text) if m.id)
        return self._scanned[doc]


def _in_zone(place: Place | str, zone: Zone) -> bool:
    if zone.zone is not None:
        return zone_of(place) == zone.zone
    return zone.place in ancestor_ids(place)


def _prohibited(
    term: Prohibition | Window,
    scope: _Scope,
    events: list[tuple[Event, Source]],
    figures: list[tuple[Figure, Source]],
) -> Iterator[Finding]:
    """Accusations that a bound party carried out a barred event, and aggregate counts of
    violations claimed against one."""
    timed = isinstance(term, Window) or term.hours is not None
    for event, source in events:
        party = _party(event.actor, scope.agreement, term.parties)
        if event.type not in term.events or party is None:
            continue
        if not scope.covers_place(event.place, source, event.span):
            continue
        day, period, dated = _when(event, source)
        if period is not None:
            if not scope.covers_period(period):
                continue
            kind: FindingKind = "claimed_aggregate"
        elif not scope.covers_day(day):
            continue
        else:
            # No record states the hour of an event; a window can only be noted, not judged.
            kind = "time_not_stated" if timed else "alleged_violation"
        yield _finding(term.id, kind, party, event, source, day, period, dated, event.type)
    for figure, source in figures:
        party = _party(figure.actor, scope.agreement, term.parties)
        if (
            figure.metric != "violations"
            or party is None
            or "ceasefire_violation" not in term.events
        ):
            continue
        period = _figure_period(figure, source)
        place_ok = scope.covers_place(figure.place, source, figure.span)
        if not place_ok or not scope.covers_period(period):
            continue
        detail = f"{_number(figure)} violations claimed"
        yield _figure_finding(term.id, "claimed_aggregate", party, figure, source, period, detail)


def _quota(
    term: Quota,
    scope: _Scope,
    events: list[tuple[Event, Source]],
    figures: list[tuple[Figure, Source]],
) -> Iterator[Finding]:
    """Figures of the metric against each stated number; deliveries reported as compliance."""
    stated = [v for v in term.versions if v.minimum is not None or v.maximum is not None]
    for figure, source in figures:
        if figure.metric != term.metric or not scope.covers_place(
            figure.place, source, figure.span
        ):
            continue
        period = _figure_period(figure, source)
        days = (period[1] - period[0]).days if period and period[1] > period[0] else 1
        for version in stated:
            low = (version.minimum or 0) * days
            high = version.maximum * days if version.maximum is not None else None
            short = figure.value.n < low if figure.value.qualifier != "at_least" else False
            over = high is not None and figure.value.n > high
            rule = (
                f"{version.minimum or version.maximum:,.0f} a day as stated by {version.stated_by}"
            )
            detail = f"{_number(figure)} over {days} day(s) against {rule}"
            if days > 1:
                kind: FindingKind = "claimed_aggregate"
            elif short or over:
                kind = "alleged_violation"
            else:
                kind = "compliance"
            if days == 1 and not scope.covers_day(day_of(figure, source)):
                continue
            yield _figure_finding(term.id, kind, term.party, figure, source, period, detail)
    for event, source in events:
        if event.type in term.evidence_events and scope.covers_place(
            event.place, source, event.span
        ):
            day, stretch, dated = _when(event, source)
            if stretch is None and scope.covers_day(day):
                yield _finding(
                    term.id, "compliance", term.party, event, source, day, None, dated, event.type
                )


def _exchange(
    term: Exchange,
    scope: _Scope,
    events: list[tuple[Event, Source]],
    figures: list[tuple[Figure, Source]],
) -> Iterator[Finding]:
    """Releases reported by either side, as evidence of each side keeping its part."""
    sides = {term.gives.event: term.gives, term.receives.event: term.receives}
    metrics = {term.gives.metric: term.gives, term.receives.metric: term.receives}
    for event, source in events:
        side = sides.get(event.type)
        if side is None:
            continue
        day, period, dated = _when(event, source)
        if period is None and scope.covers_day(day):
            yield _finding(
                term.id, "compliance", side.party, event, source, day, None, dated, event.type
            )
    for figure, source in figures:
        side = metrics.get(figure.metric)
        if side is None or figure.period is None:
            continue  # a number with no time is a term of the deal, not a release
        period = _figure_period(figure, source)
        stated = f" of {side.total:,.0f} agreed" if side.total else ""
        detail = f"{_number(figure)} {figure.metric.replace('_', ' ')}{stated}"
        kind: FindingKind = "compliance" if period[0] == period[1] else "claimed_aggregate"
        if kind == "compliance" and not scope.covers_day(period[0]):
            continue
        yield _figure_finding(term.id, kind, side.party, figure, source, period, detail)


def _obligation(
    term: Obligation, scope: _Scope, events: list[tuple[Event, Source]]
) -> Iterator[Finding]:
    """Reports of the party doing what it must, and of barred acts after the deadline."""
    for event, source in events:
        party = _party(event.actor, scope.agreement, [term.party])
        if party is None or not scope.covers_place(event.place, source, event.span):
            continue
        day, period, dated = _when(event, source)
        if period is not None or not scope.covers_day(day) or day is None:
            continue
        if event.type in term.events:
            detail = f"{event.type} (due by {term.by.isoformat()})"
            yield _finding(term.id, "compliance", party, event, source, day, None, dated, detail)
        elif event.type in term.after_deadline and day > term.by:
            detail = f"{event.type} after the {term.by.isoformat()} deadline"
            yield _finding(
                term.id, "alleged_violation", party, event, source, day, None, dated, detail
            )


def _party(actor: Actor | None, agreement: Agreement, bound: Iterable[str]) -> str | None:
    """The bound party an actor belongs to (the IDF is Israel's, the Qassam Brigades Hamas's)."""
    if actor is None or actor.id is None:
        return None
    registry = default_registry()
    current: str | None = actor.id
    while current is not None:
        if current in bound and current in agreement.parties:
            return current
        try:
            current = registry.entry(current).parent
        except KeyError:
            return None
    return None


def _when(event: Event, source: Source) -> tuple[date | None, tuple[date, date] | None, bool]:
    """An event's day (or its publication day, not stated), or the stretch it is claimed over."""
    if event.date is None:
        return source.published, None, False
    if event.date.start == event.date.end:
        return event.date.start, None, True
    return None, (event.date.start, event.date.end), True


def _figure_period(figure: Figure, source: Source) -> tuple[date, date]:
    day = day_of(figure, source) or date.min
    if figure.period is not None and figure.period.start is not None:
        return figure.period.start, figure.period.end or day
    return day, day


def _finding(
    term: str,
    kind: FindingKind,
    party: str,
    event: Event,
    source: Source,
    day: date | None,
    period: tuple[date, date] | None,
    dated: bool,
    detail: str,
) -> Finding:
    accuser = _accuser(event.claimant, source)
    return Finding(term, kind, party, accuser, day, period, dated, detail, source.doc,
                   source.outlet, event.text, event.span)  # fmt: skip


def _figure_finding(
    term: str,
    kind: FindingKind,
    party: str,
    figure: Figure,
    source: Source,
    period: tuple[date, date] | None,
    detail: str,
) -> Finding:
    accuser = claimant_of(figure, source).label
    single = period is not None and period[0] == period[1] and kind != "claimed_aggregate"
    day = period[0] if single and period else None
    return Finding(term, kind, party, accuser, day, None if single else period, True, detail,
                   source.doc, source.outlet, figure.text, figure.span)  # fmt: skip


def _accuser(claimant: Actor | None, source: Source) -> str:
    if claimant is not None:
        return claimant.name
    return f"{source.outlet or source.doc} (own voice)"


def _number(figure: Figure) -> str:
    return value_text(figure.value)
