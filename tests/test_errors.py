"""One exception family: every project error is a CeasefireError; the command prints one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import pytest
from spacy.language import Language

import ceasefire.extract.parallel
from ceasefire import cli
from ceasefire.errors import CeasefireError, ConfigError, InputError, StoreError


@pytest.mark.parametrize("kind", [InputError, ConfigError, StoreError])
def test_every_project_error_is_a_ceasefire_error(kind: type[Exception]) -> None:
    assert issubclass(kind, CeasefireError)
    with pytest.raises(CeasefireError, match="agreements.yaml:4: unknown term"):
        raise kind("agreements.yaml:4: unknown term")


def test_a_ceasefire_error_is_not_a_bug_class() -> None:
    # The family stands apart from the built-ins a bug raises, so the CLI never hides one.
    assert not issubclass(CeasefireError, (ValueError, OSError, KeyError))


def run_main(monkeypatch: pytest.MonkeyPatch, *arguments: str) -> int:
    """Run the installed command's entry point; its exit code."""
    monkeypatch.setattr(sys, "argv", ["ceasefire", *arguments])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    code = exited.value.code
    assert isinstance(code, int)
    return code


def test_a_missing_input_is_one_line_naming_it_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nonexistent"
    assert run_main(monkeypatch, "extract", str(missing), "--format", "jsonl") == 1
    error = capsys.readouterr().err
    assert error.splitlines() == [f"error: {missing}: no such file or directory"]


def test_a_bad_data_file_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    parser: Language,
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Hamas fired rockets at Sderot on Monday.\n", encoding="utf-8")

    def broken_vocabulary(document: object) -> NoReturn:
        raise ConfigError("triggers.yaml:12: types.picnic: unknown event type(s): picnic")

    monkeypatch.setattr(ceasefire.extract.parallel, "extract", broken_vocabulary)
    assert run_main(monkeypatch, "extract", str(article), "--format", "jsonl") == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "error: triggers.yaml:12: types.picnic: unknown event type(s): picnic"
    ]
    assert "Traceback" not in captured.err


def test_a_failure_of_the_work_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    parser: Language,
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Hamas fired rockets at Sderot on Monday.\n", encoding="utf-8")

    def failing_store(document: object) -> NoReturn:
        raise StoreError("ceasefire.db: database is locked")

    monkeypatch.setattr(ceasefire.extract.parallel, "extract", failing_store)
    assert run_main(monkeypatch, "extract", str(article), "--format", "jsonl") == 1
    assert capsys.readouterr().err.splitlines() == ["error: ceasefire.db: database is locked"]
