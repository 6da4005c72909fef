"""A check's findings as rows, summary lines and a term-by-day matrix for the dashboard."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ceasefire.agreements.check import CheckResult, Finding
from ceasefire.extract.actors import default_registry

Row = dict[str, Any]


def finding_rows(result: CheckResult) -> list[Row]:
    """One JSON-ready row per finding, with its evidence."""
    names = {term.id: term.name for term in result.agreement.terms}
    return [
        {
            "agreement": result.agreement.id,
            "term": finding.term,
            "term_name": names[finding.term],
            "kind": finding.kind,
            "party": finding.party,
            "accuser": finding.accuser,
            "day": finding.day.isoformat() if finding.day else None,
            "period": [d.isoformat() for d in finding.period] if finding.period else None,
            "day_stated": finding.dated,
            "detail": finding.detail,
            "doc": finding.doc,
            "outlet": finding.outlet,
            "span": list(finding.span),
            "text": finding.text,
        }
        for finding in result.findings
    ]


def summary_lines(result: CheckResult) -> list[str]:
    """ "Gaza Government Media Office: Israel violated term 'no strikes' on 2025-11-22, 3
    documents": one line per accuser, accused party, term and day (or claimed stretch)."""
    names = {term.id: term.name for term in result.agreement.terms}
    groups: dict[tuple[str, str, str, str, str], set[str]] = defaultdict(set)
    for finding in result.findings:
        if finding.kind not in {"alleged_violation", "claimed_aggregate"}:
            continue
        when = _when(finding)
        groups[(finding.accuser, finding.party, finding.term, finding.kind, when)].add(finding.doc)
    lines = []
    for (accuser, party, term, kind, when), docs in sorted(groups.items(), key=_by_day):
        verb = "violated" if kind == "alleged_violation" else "claims counted violations of"
        count = f"{len(docs)} document{'s' if len(docs) > 1 else ''}"
        lines.append(f"{accuser}: {_name(party)} {verb} term '{names[term]}' {when}, {count}")
    return lines


def matrix(result: CheckResult) -> Row:
    """Terms by days: for each cell, alleged violations per accused party (with their
    accusers), evidence of compliance, or no data; claimed aggregates listed per term."""
    cells: dict[str, dict[str, Row]] = {}
    for term in result.agreement.terms:
        row: dict[str, Row] = {}
        for day in result.days:
            row[day.isoformat()] = {"violations": {}, "compliance": 0, "accusers": []}
        cells[term.id] = row
    aggregates: dict[str, list[Row]] = defaultdict(list)
    for finding in result.findings:
        if finding.kind == "claimed_aggregate" and finding.period:
            aggregates[finding.term].append(_aggregate(finding))
            continue
        cell = cells[finding.term].get(finding.day.isoformat()) if finding.day else None
        if cell is None:
            continue
        if finding.kind == "compliance":
            cell["compliance"] += 1
        else:
            cell["violations"][finding.party] = cell["violations"].get(finding.party, 0) + 1
            if finding.accuser not in cell["accusers"]:
                cell["accusers"].append(finding.accuser)
    for row in cells.values():
        for cell in row.values():
            cell["no_data"] = not cell["violations"] and not cell["compliance"]
    return {
        "agreement": result.agreement.id,
        "name": result.agreement.name,
        "parties": result.agreement.parties,
        "terms": [{"id": t.id, "name": t.name, "kind": t.kind} for t in result.agreement.terms],
        "days": [day.isoformat() for day in result.days],
        "cells": cells,
        "aggregates": aggregates,
    }


def _aggregate(finding: Finding) -> Row:
    assert finding.period is not None
    return {
        "party": finding.party,
        "accuser": finding.accuser,
        "from": finding.period[0].isoformat(),
        "to": finding.period[1].isoformat(),
        "detail": finding.detail,
        "doc": finding.doc,
        "span": list(finding.span),
        "text": finding.text,
    }


def _when(finding: Finding) -> str:
    if finding.day is not None:
        return f"on {finding.day.isoformat()}"
    if finding.period is not None:
        return f"from {finding.period[0].isoformat()} to {finding.period[1].isoformat()}"
    return "(no date)"


def _by_day(item: tuple[tuple[str, str, str, str, str], set[str]]) -> tuple[str, str, str]:
    (accuser, _, term, _, when), _ = item
    return when.split()[-1], term, accuser


def _name(party: str) -> str:
    try:
        return default_registry().entry(party).name
    except KeyError:
        return party
