"""The disk cache for built knowledge: built once, reused, rebuilt when stale or damaged."""

from __future__ import annotations

import json
from pathlib import Path

from ceasefire.data_cache import cached, fingerprint


def _json_cache(folder: Path | None, name: str, calls: list[int]) -> dict[str, int]:
    def build() -> dict[str, int]:
        calls.append(1)
        return {"aliases": 3}

    return cached(
        folder, name, build, lambda value: json.dumps(value).encode(), lambda data: json.loads(data)
    )


def test_a_value_is_built_once_then_read_back(tmp_path: Path) -> None:
    calls: list[int] = []
    assert _json_cache(tmp_path, "actors-abc.json", calls) == {"aliases": 3}
    assert _json_cache(tmp_path, "actors-abc.json", calls) == {"aliases": 3}
    assert len(calls) == 1


def test_a_damaged_copy_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "actors-abc.json").write_bytes(b"{not json")
    calls: list[int] = []
    assert _json_cache(tmp_path, "actors-abc.json", calls) == {"aliases": 3}
    assert calls == [1]
    assert json.loads((tmp_path / "actors-abc.json").read_bytes()) == {"aliases": 3}


def test_a_new_copy_replaces_older_ones_of_its_kind(tmp_path: Path) -> None:
    (tmp_path / "actors-old.json").write_text("{}", encoding="utf-8")
    (tmp_path / "places-old.json").write_text("{}", encoding="utf-8")
    _json_cache(tmp_path, "actors-new.json", [])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actors-new.json", "places-old.json"]


def test_without_a_folder_nothing_is_stored(tmp_path: Path) -> None:
    calls: list[int] = []
    _json_cache(None, "", calls)
    _json_cache(None, "", calls)
    assert len(calls) == 2


def test_the_fingerprint_follows_the_files_contents(tmp_path: Path) -> None:
    data = tmp_path / "actors-mine.yaml"
    data.write_text("actors: []\n", encoding="utf-8")
    before = fingerprint([data], "v1")
    assert fingerprint([data], "v1") == before
    data.write_text("actors: [{id: x}]\n", encoding="utf-8")
    assert fingerprint([data], "v1") != before
    assert fingerprint([data], "v2") != fingerprint([data], "v1")
