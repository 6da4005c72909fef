"""Checking an agreement against the archive: each side's accusations counted the same way,
aggregates kept whole, compliance shown, days without data listed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ceasefire.agreements.check import CheckResult, check
from ceasefire.agreements.model import load_agreement
from ceasefire.agreements.report import finding_rows, matrix, summary_lines
from ceasefire.archive import ingest
from ceasefire.document import Document, normalize_text
from ceasefire.store.database import open_database

TRUCE = """\
id: test-truce
name: A test truce
parties: [israel, hamas]
period:
  start: 2024-03-01T07:00:00
  end: 2024-03-05T07:00:00
  timezone: Asia/Gaza
zones:
  gaza: {place: gaza-strip}
terms:
  - id: no-attacks
    kind: prohibition
    name: no attacks
    events: [airstrike, shelling, rocket_fire, ceasefire_violation]
    parties: [israel, hamas]
    versions:
      - {stated_by: qatar, source: a statement}
  - id: aid-trucks
    kind: quota
    name: 200 trucks a day
    zone: gaza
    metric: aid_trucks
    party: israel
    evidence_events: [aid_delivery]
    versions:
      - {minimum: 200, stated_by: hamas, source: a statement}
"""
# Published on Monday 4 March 2024: "Sunday" is 3 March.
MONDAY = date(2024, 3, 4)
STRIKE = "Israeli jets bombed a house in Rafah on Sunday, the Gaza health ministry said."


@pytest.fixture
def truce(tmp_path: Path) -> Path:
    path = tmp_path / "truce.yaml"
    path.write_text(TRUCE, encoding="utf-8")
    return path


def checked(database_url: str, truce: Path, *texts: tuple[str, date, str]) -> CheckResult:
    engine: Engine = open_database(database_url)
    documents = [
        Document(id=name, text=normalize_text(text), published=day, outlet=f"Outlet {name}")
        for name, day, text in texts
    ]
    ingest(engine, documents, on_error=print)
    return check(engine, load_agreement(truce))


def test_each_sides_accusation_is_attributed_to_its_accuser(database_url: str, truce: Path) -> None:
    result = checked(
        database_url,
        truce,
        ("a", MONDAY, STRIKE),
        ("b", MONDAY, "Hamas fired rockets at Sderot on Sunday, the Israeli military said."),
    )
    found = sorted(
        (f.party, f.accuser, f.day) for f in result.findings if f.kind == "alleged_violation"
    )
    assert found == [
        ("hamas", "Israel Defense Forces", date(2024, 3, 3)),
        ("israel", "Gaza Ministry of Health", date(2024, 3, 3)),
    ]
    lines = summary_lines(result)
    assert (
        "Gaza Ministry of Health: Israel violated term 'no attacks' on 2024-03-03, 1 document"
        in lines
    )
    assert (
        "Israel Defense Forces: Hamas violated term 'no attacks' on 2024-03-03, 1 document" in lines
    )


def test_events_outside_the_period_or_not_asserted_are_not_counted(
    database_url: str, truce: Path
) -> None:
    result = checked(
        database_url,
        truce,
        ("before", date(2024, 2, 27), "Israeli jets bombed a house in Rafah on Monday."),
        ("threat", MONDAY, "Hamas threatened to fire rockets at Sderot on Sunday."),
        ("denial", MONDAY, "Israel did not bomb Rafah on Sunday, the army said."),
    )
    assert [f for f in result.findings if f.term == "no-attacks"] == []


def test_a_count_claimed_over_days_is_one_aggregate_not_spread(
    database_url: str, truce: Path
) -> None:
    result = checked(
        database_url,
        truce,
        ("gmo", MONDAY, "The Gaza media office said Israel had violated the truce 40 times "
                        "over the past three days."),
    )  # fmt: skip
    [aggregate] = [f for f in result.findings if f.kind == "claimed_aggregate"]
    assert aggregate.party == "israel" and aggregate.day is None
    assert aggregate.period == (date(2024, 3, 1), MONDAY)
    assert all(f.day is None for f in result.findings if f.term == "no-attacks")
    assert matrix(result)["aggregates"]["no-attacks"][0]["from"] == "2024-03-01"


def test_a_quota_is_checked_day_by_day_with_deliveries_as_compliance(
    database_url: str, truce: Path
) -> None:
    result = checked(
        database_url,
        truce,
        ("un", MONDAY, "Only 120 aid trucks entered Gaza on Sunday, the UN said."),
        ("cogat", date(2024, 3, 5), "On Monday 260 aid trucks entered Gaza, COGAT said."),
    )
    quota = [(f.kind, f.day, f.accuser) for f in result.findings if f.term == "aid-trucks"]
    assert ("alleged_violation", date(2024, 3, 3), "United Nations") in quota
    assert (
        "compliance",
        date(2024, 3, 4),
        "Coordination of Government Activities in the Territories",
    ) in quota


def test_days_without_data_and_the_matrix(database_url: str, truce: Path) -> None:
    result = checked(
        database_url,
        truce,
        ("a", MONDAY, STRIKE),
    )
    # In force from 07:00 on 1 March to 07:00 on 5 March: 1 to 4 March.
    assert result.days == [date(2024, 3, d) for d in (1, 2, 3, 4)]
    assert result.days_without_data("no-attacks") == [date(2024, 3, d) for d in (1, 2, 4)]
    cells = matrix(result)["cells"]
    assert cells["no-attacks"]["2024-03-03"]["violations"] == {"israel": 1}
    assert cells["no-attacks"]["2024-03-02"]["no_data"] is True
    [row] = [r for r in finding_rows(result) if r["kind"] == "alleged_violation"]
    assert row["text"].startswith("Israeli jets bombed") and row["doc"] == "a"
