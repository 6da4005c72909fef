"""Knowledge files: YAML read with line numbers, validated, errors naming the file and the line."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from ceasefire.data_files import load_model, read_yaml, shipped, user_files
from ceasefire.errors import ConfigError
from ceasefire.settings import get_settings


class Crossing(BaseModel):
    """A tiny schema: a border crossing and the trucks it let through."""

    name: str
    trucks: int


class Crossings(BaseModel):
    """A list of crossings."""

    crossings: list[Crossing]


@pytest.fixture
def clean_settings() -> Iterator[None]:
    """Settings read afresh in the test and forgotten after it."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_is_read_into_its_model(tmp_path: Path) -> None:
    path = write(
        tmp_path, "crossings.yaml", "crossings:\n  - name: Kerem Shalom\n    trucks: 120\n"
    )
    assert load_model(path, Crossings) == Crossings(
        crossings=[Crossing(name="Kerem Shalom", trucks=120)]
    )


def test_bad_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "crossings.yaml",
        "crossings:\n  - name: Rafah\n    trucks: 40: 50\n  - name: Zikim\n    trucks: 12\n",
    )
    with pytest.raises(ConfigError) as raised:
        read_yaml(path)
    assert str(raised.value).startswith(f"{path}:3: invalid YAML (")


def test_a_tab_in_the_indentation_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "crossings.yaml", "crossings:\n  - name: Rafah\n\ttrucks: 40\n")
    with pytest.raises(ConfigError, match=r"crossings\.yaml:3: invalid YAML"):
        read_yaml(path)


def test_yaml_keeps_the_line_numbers_of_its_nodes(tmp_path: Path) -> None:
    path = write(tmp_path, "crossings.yaml", "crossings:\n  - name: Rafah\n    trucks: 40\n")
    crossing = read_yaml(path)["crossings"][0]
    assert crossing.lc.key("trucks")[0] + 1 == 3


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(ConfigError, match="nowhere.yaml: cannot read"):
        read_yaml(missing)


def test_a_file_that_is_not_text_is_named(tmp_path: Path) -> None:
    path = tmp_path / "crossings.yaml"
    path.write_bytes(b"crossings: \xff\xfe\n")
    with pytest.raises(ConfigError, match="crossings.yaml: cannot read"):
        read_yaml(path)


def test_a_bad_field_names_the_line_it_is_on(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "crossings.yaml",
        "crossings:\n  - name: Kerem Shalom\n    trucks: 120\n  - name: Zikim\n    trucks: many\n",
    )
    with pytest.raises(ConfigError) as raised:
        load_model(path, Crossings)
    assert str(raised.value).startswith(f"{path}:5: crossings.1.trucks: ")


def test_a_missing_field_names_the_line_of_its_record(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "crossings.yaml",
        "crossings:\n  - name: Kerem Shalom\n    trucks: 120\n  - name: Zikim\n",
    )
    with pytest.raises(ConfigError) as raised:
        load_model(path, Crossings)
    message = str(raised.value)
    assert message.startswith(f"{path}:4: crossings.1.trucks: ")
    assert "required" in message.lower()


def test_shipped_files_live_in_the_package() -> None:
    assert shipped("triggers.yaml").is_file()


def test_user_files_are_the_listed_folders_files_with_the_stem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None
) -> None:
    for name in ["actors-hamas.yaml", "actors.yml", "actors.txt", "places.yaml"]:
        write(tmp_path, name, "{}\n")
    monkeypatch.setenv("CEASEFIRE_DATA", str(tmp_path))
    get_settings.cache_clear()
    assert [p.name for p in user_files("actors")] == ["actors-hamas.yaml", "actors.yml"]


def test_user_files_may_be_listed_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None
) -> None:
    own = write(tmp_path, "places-sudan.yaml", "{}\n")
    other = write(tmp_path, "actors-sudan.yaml", "{}\n")
    monkeypatch.setenv("CEASEFIRE_DATA", os.pathsep.join([str(own), str(other)]))
    get_settings.cache_clear()
    assert user_files("places") == (own,)


def test_a_shipped_file_is_validated_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ceasefire.extract.triggers import TriggerFile

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = load_model(shipped("triggers.yaml"), TriggerFile)
    entries = list((tmp_path / "ceasefire").glob("yaml_triggers-*.pickle"))
    assert len(entries) == 1
    assert load_model(shipped("triggers.yaml"), TriggerFile) == fresh

    entries[0].write_bytes(b"damaged")
    assert load_model(shipped("triggers.yaml"), TriggerFile) == fresh


def test_a_users_file_is_read_afresh_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write(tmp_path, "crossings.yaml", "crossings:\n  - {name: Rafah, trucks: 200}\n")
    assert load_model(path, Crossings).crossings[0].trucks == 200
    path.write_text("crossings:\n  - {name: Rafah, trucks: many}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"crossings.yaml:2: crossings.0.trucks"):
        load_model(path, Crossings)
    assert not (tmp_path / "cache").exists()
