"""A period's report as one self-contained HTML file: it opens from disk with no server and
fetches nothing (no script, font or stylesheet from elsewhere; charts are inline SVG).

Document text is hostile input: every value from the archive passes through `escape`, and the
page's content security policy forbids scripts and loads even if something slipped through.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from sqlalchemy import Engine

from ceasefire.agreements.model import Agreement
from ceasefire.errors import InputError
from ceasefire.ingest.text import describe_os_error
from ceasefire.output import value_text
from ceasefire.reconcile.claims import claimant_of
from ceasefire.show import report_text as words
from ceasefire.show.report_data import (
    AgreementFindings,
    EventCount,
    PeriodReport,
    TollChart,
    build_report,
)
from ceasefire.show.report_evidence import Evidence
from ceasefire.show.report_markdown import render_markdown
from ceasefire.show.svg import ChartLine, bar_chart, line_chart
from ceasefire.store.reading import Source

REPORT_FORMATS = ("html", "md")
CHART_LINES = 8  # claimant lines drawn per chart; the table below it lists every point
CHART_BARS = 15  # places drawn; the table lists every one
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_STYLE = """
body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.4; }
h2 { border-bottom: 2px solid #ccc; margin-top: 2em; }
nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.n { text-align: right; white-space: nowrap; }
td.day { white-space: nowrap; }
mark { background: #fff2a8; }
.note { color: #555; }
.scroll { overflow-x: auto; }
table.grid td, table.grid th { padding: 0.1em 0.3em; text-align: center; font-size: 0.85em; }
table.grid th.term { text-align: left; }
td.violation { background: #f6c6c0; }
td.compliance { background: #cdebd3; }
td.nodata { color: #999; }
figure { margin: 0.5em 0; }
"""


@dataclass(frozen=True)
class _Markup:
    """HTML built here from escaped parts: the one kind of cell not escaped again."""

    html: str


_Cell = str | int | date | _Markup


def write_report(
    engine: Engine,
    path: Path,
    since: date,
    until: date,
    output_format: str = "html",
    agreements: Sequence[Agreement] | None = None,
) -> PeriodReport:
    """Gather the period's report and write it to `path` as HTML or Markdown."""
    if output_format not in REPORT_FORMATS:
        raise InputError(f"report format must be html or md, not {output_format!r}")
    report = build_report(engine, since, until, agreements)
    text = render_html(report) if output_format == "html" else render_markdown(report)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot write the report: {describe_os_error(error)}") from None
    return report


def render_html(report: PeriodReport) -> str:
    """The whole page: heading, contents, then one section per part of the report."""
    title = escape(words.period_title(report))
    links = " ".join(f'<a href="#{s.key}">{escape(s.title)}</a>' for s in words.SECTIONS)
    bodies = {
        "tolls": _tolls(report),
        "events": _events(report),
        "agreements": _agreements(report),
        "contradictions": _contradictions(report),
        "crosschecks": _crosschecks(report),
    }
    sections = "".join(
        f'<section id="{s.key}"><h2>{escape(s.title)}</h2>{_note(s.note)}{bodies[s.key]}</section>'
        for s in words.SECTIONS
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head>\n"
        f"<body><header><h1>{title}</h1>{_note(words.INTRO)}<nav>{links}</nav></header>\n"
        f"{sections}</body></html>\n"
    )


def _tolls(report: PeriodReport) -> str:
    if not report.tolls:
        return _paragraph(words.NONE_FOUND)
    return "".join(_toll_chart(chart, report) for chart in report.tolls)


def _toll_chart(chart: TollChart, report: PeriodReport) -> str:
    title = words.chart_title(chart)
    labels = words.line_labels(chart)
    drawn = [
        ChartLine(labels[s], tuple((p.day, p.figure.value.n) for p in s.points))
        for s in chart.claimed[:CHART_LINES]
    ]
    drawn += [
        ChartLine(words.official_label(o), tuple((p.day, p.value) for p in o.points), True)
        for o in chart.official
    ]
    left_out = len(chart.claimed) - CHART_LINES
    caption = f"{left_out} more lines are in the table only." if left_out > 0 else ""
    claimed = _table(
        ("claimant", "day", "value", "subject", "evidence", "document"),
        [
            (
                labels[line],
                point.day,
                value_text(point.figure.value),
                point.figure.subject,
                _evidence(report.evidence_of(point.source.doc, point.figure.span)),
                words.source_label(point.source),
            )
            for line in chart.claimed
            for point in line.points
        ],
    )
    official = _table(
        ("official series", "day", "value", "published by", "file"),
        [
            (o.series, p.day, words.number(p.value), words.actor_name(p.claimant_id),
             p.source)
            for o in chart.official
            for p in o.points
        ],
    )  # fmt: skip
    return (
        f"<h3>{escape(title)}</h3><figure>{line_chart(title, drawn)}"
        f'<figcaption class="note">{escape(caption)}</figcaption></figure>'
        f"{claimed}{official if chart.official else ''}"
    )


def _events(report: PeriodReport) -> str:
    if not report.event_total:
        return _paragraph(words.NONE_FOUND)
    by_type = [(count.label, float(count.events)) for count in report.events_by_type]
    by_place = [(count.label, float(count.events)) for count in report.events_by_place]
    clusters = _table(
        ("type", "day", "place", "actor", "documents", "outlets", "first report"),
        [
            (
                cluster.type,
                cluster.day if cluster.dated and cluster.day else words.cluster_day(cluster),
                cluster.place.name if cluster.place else "",
                cluster.actor.name if cluster.actor else "",
                len(cluster.sources),
                words.cluster_outlets(cluster),
                _evidence(report.evidence_of(first.source.doc, first.event.span)),
            )
            for cluster in report.most_reported
            for first in cluster.members[:1]
        ],
    )
    return (
        _paragraph(f"{report.event_total} distinct events.")
        + f"<h3>By type</h3><figure>{bar_chart('Events by type', by_type)}</figure>"
        + _counts_table("type", report.events_by_type)
        + f"<h3>By place</h3><figure>{bar_chart('Events by place', by_place[:CHART_BARS])}"
        + "</figure>"
        + _counts_table("place", report.events_by_place)
        + f"<h3>Most-reported events</h3>{clusters}"
    )


def _counts_table(what: str, counts: Sequence[EventCount]) -> str:
    return _table((what, "events", "reports"), [(c.label, c.events, c.reports) for c in counts])


def _agreements(report: PeriodReport) -> str:
    if not report.agreements:
        return _paragraph("No known agreement was in force in the period.")
    return "".join(_agreement(findings) for findings in report.agreements)


def _agreement(findings: AgreementFindings) -> str:
    result = findings.result
    heading = f"<h3>{escape(result.agreement.name)} ({escape(result.agreement.id)})</h3>"
    if not result.days:
        return heading + _paragraph("Not in force on any day of the period.")
    first, last = result.days[0].isoformat(), result.days[-1].isoformat()
    span = _paragraph(f"In force on {len(result.days)} days of the period ({first} to {last}).")
    if findings.summary:
        lines = "".join(f"<li>{escape(line)}</li>" for line in findings.summary)
        summary = f"<ul>{lines}</ul>"
    else:
        summary = _paragraph("No alleged violations in the period.")
    return heading + span + summary + _grid(findings)


def _grid(findings: AgreementFindings) -> str:
    """Terms by days, one mark per cell, its meaning in words on hover."""
    grid = findings.grid
    days = grid["days"]
    header = "".join(f"<th>{escape(day[5:])}</th>" for day in days)
    rows = []
    for term in grid["terms"]:
        cells = []
        for day in days:
            cell = grid["cells"][term["id"]][day]
            kind = "nodata" if cell["no_data"] else "violation" if cell["violations"] else (
                "compliance")  # fmt: skip
            cells.append(
                f'<td class="{kind}" title="{escape(words.grid_note(day, cell))}">'
                f"{escape(words.grid_mark(cell))}</td>"
            )
        missing = len(findings.result.days_without_data(term["id"]))
        rows.append(
            f'<tr><th class="term">{escape(term["name"])}</th>{"".join(cells)}'
            f'<td class="n">{missing}</td></tr>'
        )
    return (
        f'<div class="scroll"><table class="grid"><tr><th class="term">term</th>{header}'
        f"<th>days without data</th></tr>{''.join(rows)}</table></div>"
    )


def _contradictions(report: PeriodReport) -> str:
    if not report.contradictions:
        return _paragraph(words.NONE_FOUND)
    parts = []
    for found in report.contradictions:
        where = f" · {found.place}" if found.place else ""
        claims = found.claims
        parts.append(
            f"<h3>{escape(f'{found.metric} · {found.day.isoformat()}{where}')}</h3>"
            + _table(
                ("", *(claim.claimant.label for claim in claims)),
                [
                    ("value", *(value_text(c.figure.value) for c in claims)),
                    ("subject", *(c.figure.subject for c in claims)),
                    (
                        "evidence",
                        *(_claim_evidence(report, c.source, c.figure.span) for c in claims),
                    ),
                    ("document", *(words.source_label(c.source) for c in claims)),
                ],
            )  # fmt: skip
        )
    return "".join(parts)


def _crosschecks(report: PeriodReport) -> str:
    if not report.crosschecks:
        return _paragraph("No extracted toll in the period has an official series to meet.")
    counts = " · ".join(
        f"{label.replace('_', ' ')}: {sum(c.label == label for c in report.crosschecks)}"
        for label in words.LABELS
    )
    return _paragraph(counts) + _table(
        ("label", "difference", "claimed", "day", "official", "series", "claimant", "evidence",
         "document"),
        [
            (
                check.label.replace("_", " "),
                words.difference_text(check),
                value_text(check.figure.value),
                check.day,
                words.official_text(check),
                check.series,
                claimant_of(check.figure, check.source).label,
                _claim_evidence(report, check.source, check.figure.span),
                words.source_label(check.source),
            )
            for check in report.crosschecks
        ],
    )  # fmt: skip


def _claim_evidence(report: PeriodReport, source: Source, span: tuple[int, int]) -> _Markup:
    return _evidence(report.evidence_of(source.doc, span))


def _evidence(evidence: Evidence) -> _Markup:
    """The sentence with the record's own words marked."""
    return _Markup(
        f"{escape(evidence.before)}<mark>{escape(evidence.words)}</mark>{escape(evidence.after)}"
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[_Cell]]) -> str:
    """A table with every cell escaped, but for markup built here; counts align right, days
    do not wrap."""
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    body = "".join(f"<tr>{''.join(_cell(cell) for cell in row)}</tr>" for row in rows)
    return f'<div class="scroll"><table><tr>{head}</tr>{body}</table></div>'


def _cell(cell: _Cell) -> str:
    if isinstance(cell, _Markup):
        return f"<td>{cell.html}</td>"
    if isinstance(cell, int):
        return f'<td class="n">{cell}</td>'
    if isinstance(cell, date):
        return f'<td class="day">{cell.isoformat()}</td>'
    return f"<td>{escape(cell)}</td>"


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'
