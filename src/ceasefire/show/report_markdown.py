"""A period's report as Markdown: the HTML report's content in tables, its line charts as text
sparklines (bar charts are their tables).

Markdown passes raw HTML through and turns brackets into links and images, so every value from
the archive is HTML-escaped and its Markdown punctuation backslash-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from ceasefire.output import value_text
from ceasefire.reconcile.claims import claimant_of
from ceasefire.show import report_text as words
from ceasefire.show.report_data import AgreementFindings, EventCount, PeriodReport, TollChart
from ceasefire.show.report_evidence import Evidence

_BLOCKS = "▁▂▃▄▅▆▇█"
# What makes emphasis, code, links, images, headings, strikethrough or table cells; `<` and `&`
# are HTML-escaped first, so no tag or autolink survives.
_PUNCTUATION = re.compile(r"([\\`*_\[\]#!|~])")
_SPACES = re.compile(r"\s+")


def render_markdown(report: PeriodReport) -> str:
    """The whole report: heading, then one section per part, in the HTML report's order."""
    bodies = {
        "tolls": _tolls(report),
        "events": _events(report),
        "agreements": _agreements(report),
        "contradictions": _contradictions(report),
        "crosschecks": _crosschecks(report),
    }
    parts = [f"# {markdown_text(words.period_title(report))}", markdown_text(words.INTRO)]
    for section in words.SECTIONS:
        title, note = markdown_text(section.title), markdown_text(section.note)
        parts += [f"## {title}", f"_{note}_", bodies[section.key]]
    return "\n\n".join(parts) + "\n"


def markdown_text(value: object) -> str:
    """Text made inert in Markdown: HTML escaped, Markdown punctuation escaped, on one line."""
    text = _SPACES.sub(" ", str(value))
    return _PUNCTUATION.sub(r"\\\1", escape(text, quote=False))


def sparkline(values: Sequence[float]) -> str:
    """Values as a row of block characters, lowest to highest of the row."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return _BLOCKS[3] * len(values)
    top = len(_BLOCKS) - 1
    return "".join(_BLOCKS[round((v - low) / (high - low) * top)] for v in values)


def _tolls(report: PeriodReport) -> str:
    if not report.tolls:
        return markdown_text(words.NONE_FOUND)
    return "\n\n".join(_toll_chart(chart, report) for chart in report.tolls)


def _toll_chart(chart: TollChart, report: PeriodReport) -> str:
    labels = words.line_labels(chart)
    trends = [(labels[line], [p.figure.value.n for p in line.points]) for line in chart.claimed]
    trends += [(words.official_label(o), [p.value for p in o.points]) for o in chart.official]
    overview = _table(
        ("line", "points", "trend", "first", "last"),
        [
            (markdown_text(label), str(len(values)), sparkline(values),
             words.number(values[0]), words.number(values[-1]))
            for label, values in trends
        ],
    )  # fmt: skip
    points = _table(
        ("claimant", "day", "value", "subject", "evidence", "document"),
        [
            (
                markdown_text(labels[line]),
                point.day.isoformat(),
                markdown_text(value_text(point.figure.value)),
                markdown_text(point.figure.subject),
                _evidence(report.evidence_of(point.source.doc, point.figure.span)),
                markdown_text(words.source_label(point.source)),
            )
            for line in chart.claimed
            for point in line.points
        ],
    )
    official = _table(
        ("official series", "day", "value", "published by", "file"),
        [
            (markdown_text(o.series), p.day.isoformat(), words.number(p.value),
             markdown_text(words.actor_name(p.claimant_id)), markdown_text(p.source))
            for o in chart.official
            for p in o.points
        ],
    )  # fmt: skip
    parts = [f"### {markdown_text(words.chart_title(chart))}", overview, points]
    return "\n\n".join(parts + ([official] if chart.official else []))


def _events(report: PeriodReport) -> str:
    if not report.event_total:
        return markdown_text(words.NONE_FOUND)
    clusters = _table(
        ("type", "day", "place", "actor", "documents", "outlets", "first report"),
        [
            (
                markdown_text(cluster.type),
                markdown_text(words.cluster_day(cluster)),
                markdown_text(cluster.place.name if cluster.place else ""),
                markdown_text(cluster.actor.name if cluster.actor else ""),
                str(len(cluster.sources)),
                markdown_text(words.cluster_outlets(cluster)),
                _evidence(report.evidence_of(first.source.doc, first.event.span)),
            )
            for cluster in report.most_reported
            for first in cluster.members[:1]
        ],
    )
    return "\n\n".join(
        [
            f"{report.event_total} distinct events.",
            "### By type",
            _counts_table("type", report.events_by_type),
            "### By place",
            _counts_table("place", report.events_by_place),
            "### Most-reported events",
            clusters,
        ]
    )


def _counts_table(what: str, counts: Sequence[EventCount]) -> str:
    return _table(
        (what, "events", "reports"),
        [(markdown_text(c.label), str(c.events), str(c.reports)) for c in counts],
    )


def _agreements(report: PeriodReport) -> str:
    if not report.agreements:
        return "No known agreement was in force in the period."
    return "\n\n".join(_agreement(findings) for findings in report.agreements)


def _agreement(findings: AgreementFindings) -> str:
    result = findings.result
    agreement = result.agreement
    parts = [f"### {markdown_text(agreement.name)} ({markdown_text(agreement.id)})"]
    if not result.days:
        return "\n\n".join([*parts, "Not in force on any day of the period."])
    first, last = result.days[0].isoformat(), result.days[-1].isoformat()
    parts.append(f"In force on {len(result.days)} days of the period ({first} to {last}).")
    if findings.summary:
        parts.append("\n".join(f"- {markdown_text(line)}" for line in findings.summary))
    else:
        parts.append("No alleged violations in the period.")
    grid = findings.grid
    marks = _table(
        ("term", f"one mark per day, {first} to {last}", "days without data"),
        [
            (
                markdown_text(term["name"]),
                markdown_text(
                    "".join(words.grid_mark(grid["cells"][term["id"]][day]) for day in grid["days"])
                ),
                str(len(result.days_without_data(term["id"]))),
            )
            for term in grid["terms"]
        ],
    )
    return "\n\n".join([*parts, marks])


def _contradictions(report: PeriodReport) -> str:
    if not report.contradictions:
        return markdown_text(words.NONE_FOUND)
    parts = []
    for found in report.contradictions:
        where = f" · {found.place}" if found.place else ""
        claims = found.claims
        heading = f"### {markdown_text(f'{found.metric} · {found.day.isoformat()}{where}')}"
        side_by_side = _table(
            ("", *(markdown_text(claim.claimant.label) for claim in claims)),
            [
                ("value", *(markdown_text(value_text(c.figure.value)) for c in claims)),
                ("subject", *(markdown_text(c.figure.subject) for c in claims)),
                ("evidence", *(_evidence(report.evidence_of(c.source.doc, c.figure.span))
                               for c in claims)),
                ("document", *(markdown_text(words.source_label(c.source)) for c in claims)),
            ],
        )  # fmt: skip
        parts += [heading, side_by_side]
    return "\n\n".join(parts)


def _crosschecks(report: PeriodReport) -> str:
    if not report.crosschecks:
        return "No extracted toll in the period has an official series to meet."
    counts = " · ".join(
        f"{label.replace('_', ' ')}: {sum(c.label == label for c in report.crosschecks)}"
        for label in words.LABELS
    )
    table = _table(
        ("label", "difference", "claimed", "day", "official", "series", "claimant", "evidence",
         "document"),
        [
            (
                check.label.replace("_", " "),
                markdown_text(words.difference_text(check)),
                markdown_text(value_text(check.figure.value)),
                check.day.isoformat(),
                markdown_text(words.official_text(check)),
                markdown_text(check.series),
                markdown_text(claimant_of(check.figure, check.source).label),
                _evidence(report.evidence_of(check.source.doc, check.figure.span)),
                markdown_text(words.source_label(check.source)),
            )
            for check in report.crosschecks
        ],
    )  # fmt: skip
    return f"{counts}\n\n{table}"


def _evidence(evidence: Evidence) -> str:
    """The sentence with the record's own words in bold."""
    marked = f"**{markdown_text(evidence.words)}**" if evidence.words.strip() else ""
    return f"{markdown_text(evidence.before)}{marked}{markdown_text(evidence.after)}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table of cells already made inert by the caller."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
