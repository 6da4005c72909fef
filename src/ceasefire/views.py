"""Reconciled results as plain rows: what the CLI prints and the API returns, built once.

Each row is a JSON-ready dict (dates as ISO strings); nested evidence stays nested for JSON
and becomes dotted columns in CSV.
"""

from __future__ import annotations

from typing import Any

from ceasefire.output import value_text
from ceasefire.reconcile.clusters import EventCluster
from ceasefire.reconcile.contradictions import Contradiction
from ceasefire.reconcile.crosscheck import Crosscheck
from ceasefire.reconcile.series import ClaimedSeries
from ceasefire.records import DocumentRecord, record_to_dict
from ceasefire.store.reading import Source

Row = dict[str, Any]


def document_rows(documents: list[DocumentRecord]) -> list[Row]:
    """Documents without their text (their `chars` say how long it is)."""
    rows = []
    for document in documents:
        row = record_to_dict(document)
        for field in ("kind", "span", "text"):
            row.pop(field)
        rows.append(row)
    return rows


def series_rows(series: list[ClaimedSeries]) -> list[Row]:
    """One row per point of each claimant's line."""
    return [
        {
            "metric": line.metric,
            "counts": line.counts,
            "claimant": line.claimant.label,
            "claimant_key": line.claimant.key,
            "kind": "total" if line.running_total else "daily",
            "since": line.since.isoformat() if line.since else None,
            "day": point.day.isoformat(),
            "value": value_text(point.figure.value),
            "n": point.figure.value.n,
            "subject": point.figure.subject,
            **_evidence(point.source, point.figure.text, point.figure.span),
        }
        for line in series
        for point in line.points
    ]


def cluster_rows(clusters: list[EventCluster]) -> list[Row]:
    """One row per cluster, with its members' documents and the first report's words."""
    return [
        {
            "type": cluster.type,
            "day": cluster.day.isoformat() if cluster.day else None,
            "dated": cluster.dated,
            "place": cluster.place.name if cluster.place else None,
            "actor": cluster.actor.name if cluster.actor else None,
            "sources": len(cluster.sources),
            "documents": cluster.sources,
            "outlets": sorted({m.source.outlet for m in cluster.members if m.source.outlet}),
            "claimants": sorted(
                {m.event.claimant.name if m.event.claimant else "(outlet)" for m in cluster.members}
            ),
            "text": cluster.members[0].event.text,
        }
        for cluster in clusters
    ]


def contradiction_rows(found: list[Contradiction]) -> list[Row]:
    """One row per claim, grouped by the contradiction they make up."""
    return [
        {
            "group": number,
            "metric": contradiction.metric,
            "day": contradiction.day.isoformat(),
            "place": contradiction.place,
            "claimant": claim.claimant.label,
            "value": value_text(claim.figure.value),
            "subject": claim.figure.subject,
            **_evidence(claim.source, claim.figure.text, claim.figure.span),
        }
        for number, contradiction in enumerate(found, start=1)
        for claim in contradiction.claims
    ]


def crosscheck_rows(checks: list[Crosscheck]) -> list[Row]:
    """One row per checked figure: what it says, the official value, and how they compare."""
    return [
        {
            "label": check.label,
            "difference_percent": round(check.difference, 2)
            if check.difference is not None
            else None,
            "metric": check.figure.metric,
            "value": value_text(check.figure.value),
            "day": check.day.isoformat(),
            "series": check.series,
            "official_day": check.official_day.isoformat() if check.official_day else None,
            "official": check.official,
            "claimant": check.figure.claimant.name if check.figure.claimant else None,
            **_evidence(check.source, check.figure.text, check.figure.span),
        }
        for check in checks
    ]


def _evidence(source: Source, text: str, span: tuple[int, int]) -> Row:
    return {
        "doc": source.doc,
        "outlet": source.outlet,
        "published": source.published.isoformat() if source.published else None,
        "span": list(span),
        "text": text,
    }
