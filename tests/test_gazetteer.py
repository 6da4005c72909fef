"""Places files and the index built from them: errors that name file and line, and the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire.data_files import shipped
from ceasefire.errors import ConfigError
from ceasefire.extract.gazetteer import (
    build_index,
    load_index,
    name_key,
    read_place_files,
    tokenize,
)
from ceasefire.extract.places import PlaceIndex

_ZONES = "zones:\n  - {id: gaza-north, name: Gaza north of Wadi Gaza}\n"


def _write(tmp_path: Path, text: str, name: str = "places-mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_is_valid() -> None:
    tables = read_place_files([shipped("places.yaml")])
    assert tables.entries["khan-younis"].geonames_id == 281124
    assert "east of" in tables.words["relations"]


def test_the_arabic_article_is_one_key_in_any_spelling() -> None:
    spellings = ("Deir al-Balah", "Deir el-Balah", "Deir Al Balah", "Deir al Balah")
    keys = {keyed[0] for spelling in spellings if (keyed := name_key(spelling))}
    assert keys == {"deir al balah"}
    assert [token.key for token in tokenize("An Nuseirat, as Gaza")] == [
        "al",
        "nuseirat",
        "as",
        "gaza",
    ]


def test_short_acronyms_must_be_written_in_capitals() -> None:
    keyed = name_key("U.S.")
    assert keyed is not None
    assert keyed[0] == "us" and keyed[1].capitals == ((0, "US"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("places:\n  - id: gaza\n    name: [Gaza\n", r"places-mine\.yaml:\d+: invalid YAML"),
        (
            "places:\n  - id: gaza\n    name: Gaza\n    precision: point\n    colour: red\n",
            r"places-mine\.yaml:5: entry 'gaza': colour: Extra inputs",
        ),
        (
            "places:\n  - id: gaza\n    name: Gaza\n    precision: town\n",
            r"places-mine\.yaml:4: entry 'gaza': precision",
        ),
        (
            "places:\n  - {id: a, name: Gaza, precision: point}\n"
            "  - id: b\n    name: B\n    precision: point\n    aliases: [Rafah, Gaza]\n",
            r"places-mine\.yaml:6: entry 'b': 'Gaza' already names 'a'",
        ),
        (
            "places:\n  - {id: a, name: A, precision: point}\n"
            "  - {id: a, name: B, precision: point}\n",
            r"places-mine\.yaml:3: entry 'a': duplicate id \(first at .*places-mine\.yaml:2\)",
        ),
        (
            "places:\n  - {id: a, name: A, precision: point, parent: nowhere}\n",
            r"places-mine\.yaml:2: entry 'a': unknown parent 'nowhere'",
        ),
        (
            "places:\n  - {id: a, name: A, precision: point, zone: gaza-south}\n",
            r"places-mine\.yaml:2: entry 'a': unknown zone 'gaza-south'",
        ),
        (
            "places:\n  - {id: a, name: A, precision: point, side: north}\n",
            r"places-mine\.yaml:2: entry 'a': a side needs a parent",
        ),
        (
            "places:\n  - {id: a, name: A, precision: point, aliases: ['--']}\n",
            r"places-mine\.yaml:2: entry 'a': '--' has no words",
        ),
        ("places:\n  - just a name\n", r"places-mine\.yaml:2: a place entry must be a mapping"),
    ],
)
def test_a_bad_places_file_names_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        read_place_files([_write(tmp_path, text)])


def test_a_later_file_adds_spellings_to_an_earlier_entry(tmp_path: Path) -> None:
    mine = _write(tmp_path, "places:\n  - id: khan-younis\n    aliases: [Chan Junis]\n")
    tables = read_place_files([shipped("places.yaml"), mine])
    index = PlaceIndex(build_index(tables, min_population=10_000_000))
    found = index.names.get("chan junis")
    assert found is not None and index.place(found.place).id == "khan-younis"


def test_an_entry_with_a_geonames_id_replaces_that_city(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _ZONES + "places:\n  - {id: gaza-city, name: Gaza City, precision: point,"
        " geonames_id: 281133, zone: gaza-north}\n",
    )
    index = PlaceIndex(build_index(read_place_files([path])))
    assert index.names.get("gaza") is None  # GeoNames' "Gaza" is this entry, named otherwise
    found = index.names.get("gaza city")
    assert found is not None and index.place(found.place).zone == "gaza-north"
    bangkok = index.names.get("bangkok")
    assert bangkok is not None and index.place(bangkok.place).place.country == "TH"


def test_the_index_is_cached_and_a_damaged_copy_rebuilt(tmp_path: Path) -> None:
    path = _write(tmp_path, "places:\n  - {id: zikim, name: Zikim, precision: point}\n")
    cache_dir = tmp_path / "cache"
    built = load_index([path], cache_dir)
    (cached,) = cache_dir.glob("gazetteer-*.json")
    assert json.loads(cached.read_text(encoding="utf-8")) == json.loads(json.dumps(built))
    assert load_index([path], cache_dir) == json.loads(json.dumps(built))
    cached.write_text("{not json", encoding="utf-8")
    assert load_index([path], cache_dir)["names"]["indexes"]["zikim"] == 0
    path.write_text("places:\n  - {id: erez, name: Erez, precision: point}\n", encoding="utf-8")
    assert "erez" in load_index([path], cache_dir)["names"]["indexes"]
    assert len(list(cache_dir.glob("gazetteer-*.json"))) == 1  # the stale copy is gone
