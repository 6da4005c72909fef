"""What a period's report holds, gathered once from the archive: tolls by claimant beside the
official series, events by type and place, agreement findings, contradictions, cross-checks.

Both formats (HTML, Markdown) render this one object, so they always say the same things.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from ceasefire.agreements.check import CheckResult, check
from ceasefire.agreements.files import shipped_agreements
from ceasefire.agreements.model import Agreement
from ceasefire.agreements.report import matrix, summary_lines
from ceasefire.errors import InputError
from ceasefire.reconcile.clusters import EventCluster, event_clusters
from ceasefire.reconcile.contradictions import Contradiction, contradictions
from ceasefire.reconcile.crosscheck import Crosscheck, crosscheck
from ceasefire.reconcile.official import OfficialPoint, list_series_points
from ceasefire.reconcile.series import ClaimedSeries, claimed_series
from ceasefire.show.report_evidence import Evidence, Span, evidence_sentences
from ceasefire.store.reading import Filters

TOLL_METRICS = ("killed", "injured")
MOST_REPORTED = 10  # event clusters listed in full
NO_PLACE = "(no place named)"


@dataclass(frozen=True)
class OfficialLine:
    """An official series' points in the period."""

    series: str
    place_name: str | None
    points: tuple[OfficialPoint, ...]


@dataclass(frozen=True)
class TollChart:
    """One metric and kind (totals to date, or counts for one day): each claimant's line and
    the official series of the same kind."""

    metric: str
    running_total: bool
    claimed: tuple[ClaimedSeries, ...]
    official: tuple[OfficialLine, ...]


@dataclass(frozen=True)
class EventCount:
    """Events of one type or place: distinct events, and the documents reporting them."""

    label: str
    events: int
    reports: int


@dataclass(frozen=True)
class AgreementFindings:
    """One agreement's check over the period: its summary lines and term-by-day grid."""

    result: CheckResult
    summary: tuple[str, ...]
    grid: dict[str, Any]  # agreements.report.matrix


@dataclass(frozen=True)
class PeriodReport:
    """Everything a report of `since`..`until` shows, with the sentences its records rest on."""

    since: date
    until: date
    tolls: tuple[TollChart, ...]
    events_by_type: tuple[EventCount, ...]
    events_by_place: tuple[EventCount, ...]
    most_reported: tuple[EventCluster, ...]
    event_total: int
    agreements: tuple[AgreementFindings, ...]
    contradictions: tuple[Contradiction, ...]
    crosschecks: tuple[Crosscheck, ...]
    evidence: dict[tuple[str, Span], Evidence]

    def evidence_of(self, doc: str, span: Span) -> Evidence:
        """The sentence a record rests on (gathered with the report, so rendering reads
        nothing)."""
        return self.evidence[(doc, span)]


def build_report(
    engine: Engine, since: date, until: date, agreements: Sequence[Agreement] | None = None
) -> PeriodReport:
    """Gather a period's report; without `agreements`, the known ones in force in the period."""
    if since > until:
        raise InputError(f"the period ends ({until}) before it starts ({since})")
    window = Filters(since=since, until=until)
    series = [s for s in claimed_series(engine, window) if s.metric in TOLL_METRICS]
    clusters = event_clusters(engine, window)
    found = contradictions(engine, window)
    checks = crosscheck(engine, window)
    chosen = agreements_in_force(since, until) if agreements is None else agreements
    checked = [check(engine, agreement, since, until) for agreement in chosen]
    if agreements is None:
        # Met by the period only in hours (a truce ending at 07:00 on its first day).
        checked = [result for result in checked if result.days]
    spans = [(p.source.doc, p.figure.span) for s in series for p in s.points]
    spans += [(c.members[0].source.doc, c.members[0].event.span) for c in clusters[:MOST_REPORTED]]
    spans += [(c.source.doc, c.figure.span) for f in found for c in f.claims]
    spans += [(c.source.doc, c.figure.span) for c in checks]
    return PeriodReport(
        since=since,
        until=until,
        tolls=_toll_charts(series, list_series_points(engine), since, until),
        events_by_type=_counts(clusters, lambda c: c.type),
        events_by_place=_counts(clusters, lambda c: c.place.name if c.place else NO_PLACE),
        most_reported=tuple(clusters[:MOST_REPORTED]),
        event_total=len(clusters),
        agreements=tuple(
            AgreementFindings(result, tuple(summary_lines(result)), matrix(result))
            for result in checked
        ),
        contradictions=tuple(found),
        crosschecks=tuple(checks),
        evidence=evidence_sentences(engine, spans),
    )


def agreements_in_force(since: date, until: date) -> list[Agreement]:
    """The known agreements whose time in force (extensions included) meets the period."""
    found = []
    for _, agreement in shipped_agreements():
        end = agreement.period.last_end
        if agreement.period.start.date() <= until and (end is None or end.date() >= since):
            found.append(agreement)
    return found


def _toll_charts(
    series: list[ClaimedSeries], official: list[OfficialPoint], since: date, until: date
) -> tuple[TollChart, ...]:
    """A chart per metric and kind that some claimant has points for, totals first."""
    official_lines: dict[tuple[str, bool], dict[str, list[OfficialPoint]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for point in official:
        if point.metric in TOLL_METRICS and since <= point.day <= until:
            official_lines[(point.metric, point.cumulative)][point.series].append(point)
    charts = []
    for metric in TOLL_METRICS:
        for running_total in (True, False):
            claimed = tuple(
                s for s in series if (s.metric, s.running_total) == (metric, running_total)
            )
            if not claimed:
                continue
            lines = official_lines.get((metric, running_total), {})
            overlay = tuple(
                OfficialLine(name, points[0].place_name, tuple(points))
                for name, points in sorted(lines.items())
            )
            charts.append(TollChart(metric, running_total, claimed, overlay))
    return tuple(charts)


def _counts(
    clusters: list[EventCluster], label: Callable[[EventCluster], str]
) -> tuple[EventCount, ...]:
    """Events and their reports per label, most events first."""
    events: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    for cluster in clusters:
        name = label(cluster)
        events[name] += 1
        reports[name] += len(cluster.sources)
    ordered = sorted(events, key=lambda name: (-events[name], -reports[name], name))
    return tuple(EventCount(name, events[name], reports[name]) for name in ordered)
