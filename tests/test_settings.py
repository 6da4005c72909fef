"""Settings: defaults, overridden by CEASEFIRE_* environment variables, read once until cleared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ceasefire.settings import DATA_DIR, Settings, get_settings

VARIABLES = ("CEASEFIRE_MODEL", "CEASEFIRE_MAX_DOCUMENT_BYTES", "CEASEFIRE_DATA")


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No CEASEFIRE_* variable from the shell, and no settings cached before or after the test."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_without_variables_the_defaults_hold() -> None:
    assert get_settings() == Settings()
    assert get_settings().max_document_bytes == 20 * 1024 * 1024
    assert get_settings().user_data_files == ()


def test_the_document_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", "4096")
    assert get_settings().max_document_bytes == 4096


def test_a_limit_that_is_not_a_number_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", "lots")
    with pytest.raises(ValueError):
        get_settings()


def test_the_model_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEASEFIRE_MODEL", "en_core_web_trf")
    assert get_settings().spacy_model == "en_core_web_trf"


def test_data_files_are_listed_with_the_path_separator(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    actors = tmp_path / "actors-sudan.yaml"
    places = tmp_path / "places"
    monkeypatch.setenv("CEASEFIRE_DATA", os.pathsep.join([str(actors), "", str(places)]))
    assert get_settings().user_data_files == (actors, places)  # the empty entry is skipped


def test_settings_are_read_once_until_the_cache_is_cleared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = get_settings()
    monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", "64")
    assert get_settings() is before
    assert get_settings().max_document_bytes == Settings.max_document_bytes
    get_settings.cache_clear()
    assert get_settings().max_document_bytes == 64


def test_settings_cannot_be_changed_in_place() -> None:
    with pytest.raises(AttributeError):
        get_settings().max_document_bytes = 1  # type: ignore[misc]


def test_shipped_data_is_beside_the_package() -> None:
    assert (DATA_DIR / "actors.yaml").is_file()
