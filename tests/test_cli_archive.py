"""The archive commands: `ingest` into a database, then list, series, clusters, contradictions."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from ceasefire.cli import app

DOCUMENTS = [
    {"id": "a", "outlet": "Wire A", "published": "2024-03-05",
     "text": "Israeli jets bombed a house in Rafah on Monday, killing 12 people, the Gaza health "
             "ministry said."},
    {"id": "b", "outlet": "Wire B", "published": "2024-03-05",
     "text": "An Israeli airstrike hit a home in Rafah on Monday, the Israeli military said, "
             "killing 9 people."},
]  # fmt: skip


@pytest.fixture
def runner(parser: Language) -> CliRunner:
    return CliRunner()


@pytest.fixture
def archived(runner: CliRunner, tmp_path: Path) -> str:
    """A database URL holding the two documents."""
    source = tmp_path / "wire.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in DOCUMENTS) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    result = runner.invoke(app, ["ingest", str(source), "--db", url])
    assert result.exit_code == 0, result.output
    assert "2 new, 0 duplicate, 0 near-copy, 0 failed" in result.stderr
    return url


def rows(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_ingesting_again_reports_duplicates(
    runner: CliRunner, archived: str, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "wire.jsonl"), "--db", archived])
    assert "0 new, 2 duplicate" in result.stderr


def test_a_bad_input_is_reported_and_the_run_fails(runner: CliRunner, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt"), "--db", url])
    assert result.exit_code == 1
    assert "missing.txt: no such file or directory" in result.stderr
    assert "1 failed" in result.stderr


def test_figures_and_events_list_with_filters(runner: CliRunner, archived: str) -> None:
    result = runner.invoke(
        app, ["figures", "--db", archived, "-f", "jsonl", "--claimant", "health"]
    )
    assert [(r["doc"], r["value"]["n"]) for r in rows(result.stdout)] == [("a", 12)]
    result = runner.invoke(app, ["events", "--db", archived, "-f", "jsonl", "--type", "airstrike"])
    assert [r["doc"] for r in rows(result.stdout)] == ["a", "b"]


def test_clusters_merge_the_two_reports(runner: CliRunner, archived: str) -> None:
    result = runner.invoke(app, ["clusters", "--db", archived, "-f", "jsonl", "--min-sources", "2"])
    [cluster] = rows(result.stdout)
    assert (cluster["type"], cluster["place"], cluster["documents"]) == (
        "airstrike",
        "Rafah",
        ["a", "b"],
    )
    assert cluster["outlets"] == ["Wire A", "Wire B"]


def test_contradictions_show_both_claims(runner: CliRunner, archived: str) -> None:
    result = runner.invoke(app, ["contradictions", "--db", archived, "-f", "csv"])
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted((row["claimant"], row["value"]) for row in table) == [
        ("Gaza Ministry of Health", "12"),
        ("Israel Defense Forces", "9"),
    ]


def test_series_and_documents_print_tables(runner: CliRunner, archived: str) -> None:
    result = runner.invoke(app, ["series", "--db", archived, "-f", "table"])
    assert "Series (2)" in result.stdout and "Ministry" in result.stdout
    result = runner.invoke(app, ["documents", "--db", archived, "-f", "table"])
    assert "Wire A" in result.stdout and "Wire B" in result.stdout


def test_a_bad_database_url_is_bad_usage() -> None:
    command = [str(Path(sys.executable).parent / "ceasefire"), "documents", "--db", "nosuchdb://x"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "error: nosuchdb://x: not a usable database URL "
        "(Can't load plugin: sqlalchemy.dialects:nosuchdb)"
    )


def test_check_prints_the_accusations_per_accuser_and_day(
    runner: CliRunner, archived: str, tmp_path: Path
) -> None:
    agreement = tmp_path / "truce.yaml"
    agreement.write_text(
        "id: t\nname: T\nparties: [israel, hamas]\n"
        "period: {start: 2024-03-01T06:00:00, end: 2024-03-08T06:00:00, timezone: Asia/Gaza}\n"
        "terms:\n  - {id: no-attacks, kind: prohibition, name: no attacks, events: [airstrike],\n"
        "     parties: [israel, hamas], versions: [{stated_by: qatar, source: x}]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(agreement), "--db", archived, "-f", "table"])
    assert result.exit_code == 0, result.output
    assert (
        "Gaza Ministry of Health: Israel violated term 'no attacks' on 2024-03-04" in result.stdout
    )
    matrix = runner.invoke(app, ["check", str(agreement), "--db", archived, "-f", "matrix"])
    assert json.loads(matrix.stdout)["cells"]["no-attacks"]["2024-03-04"]["violations"] == {
        "israel": 2
    }


def test_series_import_then_crosscheck(runner: CliRunner, archived: str, tmp_path: Path) -> None:
    trucks = tmp_path / "trucks.csv"
    trucks.write_text("date,total_truck\n2024-03-04,90\n", encoding="utf-8")
    result = runner.invoke(app, ["series", "import", str(trucks), "--db", archived])
    assert result.exit_code == 0, result.output
    assert "gaza-aid-trucks-daily 1" in result.stderr
    checked = runner.invoke(app, ["crosscheck", "--db", archived, "-f", "jsonl"])
    assert checked.exit_code == 0 and checked.stdout == ""  # the wires state no truck counts
    bad = tmp_path / "bad.csv"
    bad.write_text("what,ever\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["series", "import", str(bad), "--db", archived])
    assert result.exit_code == 1 and "bad.csv" in result.stderr


def test_agreements_list_names_the_shipped_ones(runner: CliRunner) -> None:
    result = runner.invoke(app, ["agreements", "list"])
    assert "gaza-pause-2023-11" in result.stdout and "israel-lebanon-2024-11" in result.stdout
