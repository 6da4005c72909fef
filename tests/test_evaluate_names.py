"""Lenient comparison of names and places between gold and predicted records."""

from __future__ import annotations

from typing import Any

import pytest

from ceasefire.evaluate_names import name_score, place_score, same_name


def actor(name: str, as_written: str | None = None, id: str | None = None) -> dict[str, Any]:
    return {"id": id, "name": name, "as_written": as_written or name}


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("IDF|Israel", "Israeli military", True),
        ("IDF", "Israel Defense Forces", True),
        ("Israel Defence Forces", "IDF", True),
        ("Zionists|Israel", "Zionist forces", True),
        ("US|United States", "U.S.", True),
        ("two Israeli officials|Israeli officials", "senior Israeli officials", True),
        ("Syrian Observatory for Human Rights", "SOHR", True),
        ("Russia", "Russian defence ministry", True),
        ("Hamas", "Israel", False),
        ("Israeli military", "Myanmar military", False),
        ("Al-Shifa Hospital", "Nasser Hospital", False),
        ("the military", "military", True),
    ],
)
def test_names_compare_leniently(gold: str, predicted: str, expected: bool) -> None:
    assert (name_score(gold, [predicted]) > 0) is expected


def test_null_names_expect_null() -> None:
    assert same_name(None, None)
    assert not same_name(None, actor("Hamas"))
    assert not same_name({"name": "Hamas"}, None)
    assert same_name({"name": "Hamas"}, actor("Islamic Resistance Movement", id="hamas"))
    assert same_name({"name": "Israel"}, actor("Tel Aviv regime", "the Tel Aviv regime", "israel"))


def test_places_match_by_shared_word_and_null_only_null() -> None:
    assert place_score({"name": "Gaza"}, {"name": "Gaza Strip"}) == 1
    assert place_score({"name": "Gaza City"}, {"name": "Gaza Strip"}) == 1
    assert place_score({"name": "Gaza City|Khan Younis"}, {"name": "Khan Younis"}) == 2
    assert place_score({"name": "Gaza"}, {"name": "southern Lebanon"}) == 0
    assert place_score(None, None) == 2
    assert place_score(None, {"name": "Gaza"}) == 0
