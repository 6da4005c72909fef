"""The `ceasefire extract` command: records on stdout, one error line per bad input, exit codes."""

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

STRIKE = "Israeli strikes killed 12 people in Rafah, the Gaza health ministry said.\n"
DRONES = {
    "id": "kyiv-0602",
    "text": "Russia launched 90 drones at Kyiv overnight, the Ukrainian air force said.",
    "published": "2024-06-02",
}


@pytest.fixture
def runner(parser: Language) -> CliRunner:
    # `parser` loads spaCy once for the session, so no test pays for it alone.
    return CliRunner()


def records(stdout: str) -> list[dict[str, Any]]:
    """The JSON Lines records a run printed."""
    return [json.loads(line) for line in stdout.splitlines()]


def kinds(found: list[dict[str, Any]]) -> list[str]:
    """Each record's kind, in order."""
    return [record["kind"] for record in found]


def figures(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figure records, in order."""
    return [record for record in found if record["kind"] == "figure"]


def test_jsonl_has_the_document_record_then_its_figures(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rafah-0312.txt"
    source.write_text(STRIKE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    found = records(result.stdout)
    assert kinds(found)[0] == "document"
    assert "document" not in kinds(found)[1:]
    assert {r["doc"] for r in found} == {"rafah-0312"}
    (figure,) = figures(found)
    assert figure["metric"] == "killed"
    assert figure["value"] == {"n": 12, "to": None, "qualifier": "exact"}
    assert result.stderr == ""


def test_folder_with_a_bad_file_reports_it_and_keeps_the_good_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "a_rafah.txt").write_text(STRIKE, encoding="utf-8")
    bad = tmp_path / "b_garbled.txt"
    bad.write_bytes(b"Shelling \xff\xfe resumed at dawn.\n")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    found = records(result.stdout)
    assert {r["doc"] for r in found} == {"a_rafah"}
    assert kinds(found)[0] == "document"
    assert len(figures(found)) == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1
    assert str(bad) in errors[0]
    assert errors[0].startswith("error: ")


def test_missing_file_is_reported_by_name(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = runner.invoke(app, ["extract", str(missing), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {missing}: no such file or directory"]


def test_unknown_format_is_bad_usage(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rafah.txt"
    source.write_text(STRIKE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "--format", "xml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xml" in result.stderr
    assert "jsonl" in result.stderr


def test_json_lines_on_stdin(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["extract", "-", "--format", "jsonl"], input=json.dumps(DRONES) + "\n"
    )
    assert result.exit_code == 0, result.output
    document, *found = records(result.stdout)
    (figure,) = figures(found)
    assert document["kind"] == "document"
    assert document["doc"] == "kyiv-0602"
    assert document["published"] == "2024-06-02"
    assert figure["metric"] == "strikes"
    assert figure["value"] == {"n": 90, "to": None, "qualifier": "exact"}
    assert figure["claimant"]["id"] == "ukrainian-armed-forces"


def test_bad_line_on_stdin_is_reported_with_its_line_number(runner: CliRunner) -> None:
    lines = json.dumps(DRONES) + "\n" + "{not json\n"
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=lines)
    assert result.exit_code == 1
    assert [r["doc"] for r in records(result.stdout)][0] == "kyiv-0602"
    (error,) = result.stderr.splitlines()
    assert error.startswith("error: <stdin>:2: malformed JSON")


def test_csv_has_a_header_and_one_row_per_record(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rafah.txt"
    source.write_text(STRIKE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.startswith("kind,doc,span,text,")
    assert rows[0]["kind"] == "document"
    assert [row["metric"] for row in rows if row["kind"] == "figure"] == ["killed"]


def test_table_lists_the_figures(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rafah.txt"
    source.write_text(STRIKE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Figures (1)" in result.stdout
    assert "killed" in result.stdout


@pytest.mark.slow
def test_installed_command_reads_stdin_and_writes_jsonl() -> None:
    # The real entry point in a fresh process: stdin bytes, stdout pipe, exit status.
    command = Path(sys.executable).parent / "ceasefire"
    result = subprocess.run(
        [str(command), "extract", "-", "--format", "jsonl"],
        input=json.dumps(DRONES) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = records(result.stdout)
    assert kinds(found)[0] == "document"
    assert [f["value"]["n"] for f in figures(found)] == [90]


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (["--engine", "dask"], "--engine dask writes Parquet: give --output FOLDER"),
        (["--output", "records"], "--output and --scheduler need --engine dask"),
        (["--engine", "spark"], "--engine must be local or dask, not 'spark'"),
        (
            ["--engine", "dask", "--output", "records", "--format", "csv"],
            "--format is for records on stdout; --engine dask writes Parquet to --output",
        ),
    ],
)
def test_engine_options_that_do_not_go_together_are_bad_usage(
    runner: CliRunner, tmp_path: Path, options: list[str], problem: str
) -> None:
    source = tmp_path / "rafah.txt"
    source.write_text(STRIKE, encoding="utf-8")
    result = runner.invoke(app, ["extract", *options, str(source)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {problem}"]


def test_dask_refuses_an_output_folder_with_files_before_any_work(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "rafah.txt"
    source.write_text(STRIKE, encoding="utf-8")
    output = tmp_path / "records"
    output.mkdir()
    (output / "part-00000.parquet").write_bytes(b"an earlier run")
    result = runner.invoke(
        app, ["extract", "--engine", "dask", "--output", str(output), str(source)]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {output}: exists and is not an empty folder; give a new one"
    ]


def test_dask_without_dask_installed_says_which_extra_to_install(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as when not installed
    monkeypatch.delitem(sys.modules, "ceasefire.extract.cluster", raising=False)
    source = tmp_path / "rafah.txt"
    source.write_text(STRIKE, encoding="utf-8")
    output = tmp_path / "records"
    result = runner.invoke(
        app, ["extract", "--engine", "dask", "--output", str(output), str(source)]
    )
    assert result.exit_code == 2
    (error,) = result.stderr.splitlines()
    assert error.startswith("error: --engine dask needs Dask")
    assert error.endswith("pip install 'ceasefire[dask]'")


def test_dask_reports_an_output_folder_it_cannot_create(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rafah.txt"
    source.write_text(STRIKE, encoding="utf-8")
    output = source / "records"  # under a file
    result = runner.invoke(
        app, ["extract", "--engine", "dask", "--output", str(output), str(source)]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {output}: cannot create the folder (Not a directory)"
    ]
