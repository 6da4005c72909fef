"""Actors files: entries checked one by one, names claimed once, errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.data_files import shipped
from ceasefire.errors import ConfigError
from ceasefire.extract.actor_files import ActorTables, read_actor_files
from ceasefire.extract.actor_names import ActorName


def _write(tmp_path: Path, text: str, name: str = "actors-mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _read_with_shipped(path: Path) -> ActorTables:
    return read_actor_files([shipped("actors.yaml"), path])


def _keys(names: list[ActorName]) -> set[str]:
    return {" ".join(name.keys) for name in names}


def test_a_later_file_adds_names_to_an_earlier_entry(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "actors:\n  - id: israel\n    aliases: [the usurping occupation state]\n"
    )
    tables = _read_with_shipped(path)
    assert "the usurping occupation state" in tables.entries["israel"].aliases
    assert tables.entries["israel"].name == "Israel"
    assert "usurping occupation state" in _keys(tables.names)


def test_standalone_names_match_only_as_whole_phrases(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "actors:\n"
        "  - id: valley-council\n"
        "    name: Valley Council\n"
        "    kind: government\n"
        "    standalone: [the council]\n",
    )
    tables = _read_with_shipped(path)
    assert "valley council" in _keys(tables.names)
    assert "council" in _keys(tables.phrases)
    assert "council" not in _keys(tables.names)


def test_demonyms_and_descriptors_generate_names_for_state_and_military() -> None:
    tables = read_actor_files([shipped("actors.yaml")])
    generated = {" ".join(name.keys): name.id for name in tables.generated}
    assert generated["israeli officials"] == "israel"
    assert generated["israel 's army"] == "idf"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors:\n  - id: x\n    name: [unclosed\n", "actors-mine.yaml:4: invalid YAML"),
        (
            "actors:\n  - id: khan-younis-council\n    kind: government\n",
            "actors-mine.yaml:2: entry 'khan-younis-council': name: Field required",
        ),
        (
            "actors:\n  - id: new-body\n    name: New body\n    kind: bureau\n",
            "actors-mine.yaml:4: entry 'new-body': kind:",
        ),
        (
            "actors:\n  - id: idf\n    name: IDF\n    kind: military\n",
            "actors-mine.yaml:2: entry 'idf': duplicate id (first at",
        ),
        (
            "actors:\n"
            "  - id: golani-brigade\n"
            "    name: Golani Brigade\n"
            "    kind: military\n"
            "    parent: isreal\n",
            "actors-mine.yaml:5: entry 'golani-brigade': unknown parent 'isreal'",
        ),
        (
            "actors:\n"
            "  - id: new-front\n"
            "    name: New Front\n"
            "    kind: armed_group\n"
            "    aliases: [New Front fighters, Hamas]\n",
            "actors-mine.yaml:5: entry 'new-front': 'Hamas' already names 'hamas'",
        ),
        (
            "actors:\n  - id: unicef\n    aliases: ['UN, children']\n",
            "actors-mine.yaml:3: entry 'unicef': aliases 'UN, children' has no words, or"
            " punctuation",
        ),
        ("actor:\n  - id: x\n", "actors-mine.yaml:1: actors: Field required"),
        ("actors:\n  - just a name\n", "actors-mine.yaml:2: an actor entry must be a mapping"),
        (
            "actors:\n"
            "  - {id: cell-a, name: Cell A, kind: armed_group, parent: cell-b}\n"
            "  - {id: cell-b, name: Cell B, kind: armed_group, parent: cell-a}\n",
            "entry 'cell-a': its parents loop back through 'cell-a'",
        ),
    ],
)
def test_a_bad_file_names_the_file_line_and_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        _read_with_shipped(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_a_duplicate_id_inside_one_file_names_both_lines(tmp_path: Path) -> None:
    entry = "  - id: golani-brigade\n    name: Golani Brigade\n    kind: military\n"
    path = _write(tmp_path, "actors:\n" + entry + entry)
    with pytest.raises(ConfigError, match=r"actors-mine\.yaml:5: .*first at .*actors-mine\.yaml:2"):
        _read_with_shipped(path)
