"""The words both formats of a report share: section titles, notes and labels, as plain text.

Plain and unescaped: each format escapes them for itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ceasefire.extract.actors import default_registry
from ceasefire.reconcile.claims import Claimant
from ceasefire.reconcile.clusters import EventCluster
from ceasefire.reconcile.crosscheck import Crosscheck
from ceasefire.reconcile.series import ClaimedSeries
from ceasefire.show.report_data import OfficialLine, PeriodReport, TollChart
from ceasefire.store.reading import Source

INTRO = (
    "Every figure and event here is a claim, shown with whoever made it and the sentence it "
    "rests on. The report never decides who is right."
)
TOLLS_NOTE = (
    "Each claimant's killed and injured figures in the period, one line per claimant and "
    "thing counted. A figure stated without a period is read as a total to date. Official "
    "series, where imported, are the dashed lines."
)
EVENTS_NOTE = (
    "Asserted events only: threats, denials, plans and conditional statements are left out. "
    "An event reported by several documents counts once; 'reports' counts those documents."
)
AGREEMENTS_NOTE = (
    "Alleged violations are attributed to whoever alleges them, never adjudicated. "
    "Grid: ✕ alleged violation (count), ✓ evidence of compliance, · no data."
)
CONTRADICTIONS_NOTE = (
    "Claims about the same thing and day that cannot all be true, side by side. "
    "They are never averaged or ranked."
)
CROSSCHECKS_NOTE = (
    "Each extracted toll beside the official value for its place and day (or the day before): "
    "exact, consistent with its qualifier, off (by the signed difference), or no official value."
)


@dataclass(frozen=True)
class Section:
    """A part of the report: its anchor, its heading, and the note saying how to read it."""

    key: str
    title: str
    note: str


SECTIONS = (
    Section("tolls", "Tolls by claimant", TOLLS_NOTE),
    Section("events", "Events", EVENTS_NOTE),
    Section("agreements", "Agreements", AGREEMENTS_NOTE),
    Section("contradictions", "Contradictions", CONTRADICTIONS_NOTE),
    Section("crosschecks", "Cross-checks against official series", CROSSCHECKS_NOTE),
)
LABELS = ("exact", "consistent", "off", "no_official_value")
NONE_FOUND = "None in the period."


def period_title(report: PeriodReport) -> str:
    """The report's heading."""
    return f"Ceasefire Monitor report: {report.since.isoformat()} to {report.until.isoformat()}"


def chart_title(chart: TollChart) -> str:
    """ "Killed: totals to date"."""
    kind = "totals to date" if chart.running_total else "counts for one day"
    return f"{chart.metric.capitalize()}: {kind}"


def line_labels(chart: TollChart) -> dict[ClaimedSeries, str]:
    """Each claimant line's label: the claimant, what the line counts ("children") where the
    claimant has several lines in the chart, and the day a total counts from."""
    lines: Counter[Claimant] = Counter(series.claimant for series in chart.claimed)
    labels = {}
    for series in chart.claimed:
        label = series.claimant.label
        if lines[series.claimant] > 1:
            label += f" · {series.counts or 'unspecified'}"
        if series.since is not None:
            label += f" · since {series.since.isoformat()}"
        labels[series] = label
    return labels


def official_label(line: OfficialLine) -> str:
    """ "official: gaza-killed (Gaza Strip)"."""
    where = f" ({line.place_name})" if line.place_name else ""
    return f"official: {line.series}{where}"


def source_label(source: Source) -> str:
    """The document a record comes from: its id, title, outlet and publication day."""
    parts = [source.doc, source.title, source.outlet]
    if source.published is not None:
        parts.append(source.published.isoformat())
    return " · ".join(part for part in parts if part)


def cluster_day(cluster: EventCluster) -> str:
    """The event's day, or its first report's publication day, said as such."""
    if cluster.day is None:
        return "undated"
    return cluster.day.isoformat() if cluster.dated else f"{cluster.day.isoformat()} (published)"


def cluster_outlets(cluster: EventCluster) -> str:
    """The outlets reporting an event, each once."""
    return ", ".join(sorted({m.source.outlet or m.source.doc for m in cluster.members}))


def difference_text(check: Crosscheck) -> str:
    """ "+8.1%", or nothing without a difference."""
    return "" if check.difference is None else f"{check.difference:+.1f}%"


def official_text(check: Crosscheck) -> str:
    """The official value checked against, and its day."""
    if check.official is None or check.official_day is None:
        return ""
    return f"{number(check.official)} on {check.official_day.isoformat()}"


def actor_name(actor_id: str | None) -> str:
    """The registry's name for an actor id, the id itself when unknown."""
    if actor_id is None:
        return ""
    try:
        return default_registry().entry(actor_id).name
    except KeyError:
        return actor_id


def grid_mark(cell: dict[str, Any]) -> str:
    """A term-by-day cell in one or two characters: ✕ and the count of alleged violations,
    ✓ for compliance alone, · for no data."""
    violations = sum(cell["violations"].values())
    if violations:
        return f"✕{violations}" if violations > 1 else "✕"
    return "✓" if cell["compliance"] else "·"


def grid_note(day: str, cell: dict[str, Any]) -> str:
    """What a cell stands for, in words (shown on hover)."""
    if cell["no_data"]:
        return f"{day}: no data"
    accused = ", ".join(f"{actor_name(p)} ({n})" for p, n in sorted(cell["violations"].items()))
    parts = [f"{day}:"]
    if accused:
        parts.append(f"alleged violations by {accused}, alleged by {', '.join(cell['accusers'])};")
    if cell["compliance"]:
        parts.append(f"{cell['compliance']} report(s) of compliance")
    return " ".join(parts).rstrip(";")


def number(value: float) -> str:
    """A count with thousands separators."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
