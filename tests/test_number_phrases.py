"""Hedge and unit phrases: what they mean beside a number, and data files that are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.errors import ConfigError
from ceasefire.extract import number_phrases
from ceasefire.extract.number_phrases import qualifier_lexicon, unit_lexicon


def test_a_hedge_before_a_number_is_found_with_its_start() -> None:
    text = "Officials counted at least 40 people."
    assert qualifier_lexicon().ending_at(text, text.index("40")) == (
        text.index("at least"),
        "at_least",
    )


def test_a_hedge_may_wrap_a_line_but_not_cross_a_blank_one() -> None:
    assert qualifier_lexicon().ending_at("killing at least\n40", 17) is not None
    assert qualifier_lexicon().ending_at("killing at least\n\n40", 18) is None


def test_a_unit_after_a_number_says_what_it_measures() -> None:
    text = "Prices rose 25 per cent this month."
    found = unit_lexicon().starting_at(text, text.index("25") + 2)
    assert found is not None
    end, unit = found
    assert (text[:end], unit.unit) == ("Prices rose 25 per cent", "percent")


def test_a_bad_qualifier_file_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "qualifiers.yaml"
    bad.write_text("before:\n  roughly_about: [about]\n", encoding="utf-8")
    monkeypatch.setattr(number_phrases, "shipped", lambda name: tmp_path / name)
    with pytest.raises(ConfigError, match="qualifiers.yaml"):
        number_phrases.qualifier_lexicon.__wrapped__()


def test_a_phrase_with_two_meanings_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "units.yaml"
    bad.write_text(
        "units:\n  - {unit: usd, after: [bucks]}\n  - {unit: eur, after: [Bucks]}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(number_phrases, "shipped", lambda name: tmp_path / name)
    with pytest.raises(ConfigError, match="units.yaml.*'Bucks'"):
        number_phrases.unit_lexicon.__wrapped__()
