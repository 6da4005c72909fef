"""Agreement files: the shipped ones load; a bad one names the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.agreements.files import find_agreement, shipped_agreements
from ceasefire.agreements.model import Exchange, Quota, load_agreement
from ceasefire.errors import ConfigError

GOOD = """\
id: test-truce
name: A test truce
parties: [israel, hamas]
period:
  start: 2024-03-01T07:00:00
  end: 2024-03-05T07:00:00
  timezone: Asia/Gaza
zones:
  gaza: {place: gaza-strip}
terms:
  - id: no-attacks
    kind: prohibition
    name: no attacks
    zone: gaza
    events: [airstrike, rocket_fire]
    parties: [israel, hamas]
    versions:
      - {stated_by: qatar, source: a statement}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "agreement.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_agreement_loads_with_its_terms_and_sources() -> None:
    found = {agreement.id: agreement for _, agreement in shipped_agreements()}
    assert set(found) == {"gaza-pause-2023-11", "gaza-ceasefire-2025-10", "israel-lebanon-2024-11"}
    pause = found["gaza-pause-2023-11"]
    assert pause.period.last_end is not None and pause.period.last_end.isoformat() == (
        "2023-12-01T07:00:00"
    )
    quota = next(term for term in pause.terms if isinstance(term, Quota))
    assert [v.minimum for v in quota.versions] == [200, None, 200]  # stated versions side by side
    exchange = next(term for term in pause.terms if isinstance(term, Exchange))
    assert (exchange.gives.total, exchange.receives.total) == (50, 150)
    for agreement in found.values():
        assert all(version.source for term in agreement.terms for version in term.versions)


def test_an_agreement_is_found_by_id_or_path(tmp_path: Path) -> None:
    assert find_agreement("israel-lebanon-2024-11").parties == ["israel", "hezbollah", "lebanon"]
    assert find_agreement(str(write(tmp_path, GOOD))).id == "test-truce"
    with pytest.raises(ConfigError, match="no such agreement"):
        find_agreement("no-such-truce")


@pytest.mark.parametrize(
    ("change", "line", "problem"),
    [
        (("timezone: Asia/Gaza", "timezone: Mars/Olympus"), 7, "unknown time zone"),
        (("events: [airstrike, rocket_fire]", "events: [airstrike, picnic]"), 15, "unknown event"),
        (("parties: [israel, hamas]\n    versions", "parties: [israel, iran]\n    versions"), "?",
         "'iran' is not a party"),
        (("zone: gaza\n", "zone: mars\n"), "?", "unknown zone 'mars'"),
        (("kind: prohibition", "kind: wish"), 11, "kind"),
        (("name: no attacks", "name: no attacks\n    colour: red"), 14, "Extra inputs"),
    ],
)  # fmt: skip
def test_a_bad_agreement_names_file_line_and_problem(
    tmp_path: Path, change: tuple[str, str], line: int | str, problem: str
) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as error:
        load_agreement(path)
    message = str(error.value)
    assert message.startswith(f"{path}:")
    assert problem in message
    if line != "?":
        assert message.startswith(f"{path}:{line}:")


def test_broken_yaml_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("terms:", "terms: [unclosed"))
    with pytest.raises(ConfigError, match=r"agreement.yaml:11: invalid YAML"):
        load_agreement(path)
