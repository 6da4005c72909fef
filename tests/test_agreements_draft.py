"""Drafting an agreement file from an article that states a truce's terms: each term read from
its sentence and quoting it, missing values left as placeholders that fail validation."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from ruamel.yaml import YAML
from spacy.language import Language
from typer.testing import CliRunner

from ceasefire.agreements.draft import PLACEHOLDER, draft_agreement
from ceasefire.agreements.draft_words import (
    DraftingWords,
    clock_ranges,
    drafting_words,
    lone_clock,
)
from ceasefire.agreements.model import load_agreement
from ceasefire.cli import app
from ceasefire.document import Document, normalize_text
from ceasefire.errors import ConfigError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds.jsonl"
PUBLISHED = date(2024, 3, 7)  # a Thursday

# Our own article: the same terms, with the two parties in either role.
DEAL = (
    "Under the agreement announced on Tuesday, {first} will release 30 hostages. "
    "In return, {second} will release 90 prisoners and allow 300 trucks of aid into the Gaza "
    "Strip each day. "
    "The truce, brokered by Egypt and Qatar, will take effect at 7:00 a.m. on Saturday and "
    "last for five days. "
    "{second} will halt airstrikes in the Gaza Strip, and {first} will stop firing rockets. "
    "{second} will refrain from flying drones over northern Gaza from 9:00 to 15:00 each day."
)
ROLES = [("Hamas", "hamas", "Israel", "israel"), ("Israel", "israel", "Hamas", "hamas")]
# Terms with gaps: no one is named as bound, and no hour is given for the start.
GAPS = (
    "Under the deal, there will be no airstrikes in the Gaza Strip. "
    "The truce will begin on Saturday and last for five days."
)


Drafter = Callable[[str], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Drafted:
    """DEAL drafted with one assignment of roles: the YAML, its data, and who is who."""

    text: str
    data: dict[str, Any]
    article: str
    first: str  # the party releasing hostages
    second: str  # the party releasing prisoners

    def terms(self, kind: str) -> list[dict[str, Any]]:
        """The drafted terms of one kind, in order."""
        return terms_of(self.data, kind)


@pytest.fixture(scope="module")
def draft(parser: Language) -> Drafter:
    """Draft a fixture text as a Reuters article published on PUBLISHED: (YAML, its data)."""

    def run(text: str) -> tuple[str, dict[str, Any]]:
        document = Document(
            id="fixture",
            text=normalize_text(text),
            published=PUBLISHED,
            outlet="Reuters",
            title="Truce agreed",
        )
        written = draft_agreement(document)
        return written, YAML(typ="safe").load(written)

    return run


@pytest.fixture(scope="module", params=ROLES, ids=["hamas-gives", "israel-gives"])
def deal(request: pytest.FixtureRequest, draft: Drafter) -> Drafted:
    """DEAL with Hamas, then Israel, as the party that releases hostages."""
    first, first_id, second, second_id = request.param
    article = DEAL.format(first=first, second=second)
    text, data = draft(article)
    return Drafted(text, data, article, first_id, second_id)


def terms_of(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The drafted terms of one kind, in order."""
    return [term for term in data["terms"] if term["kind"] == kind]


def test_the_exchange_gives_the_hostages_side_and_receives_the_prisoners_side(
    deal: Drafted,
) -> None:
    (exchange,) = deal.terms("exchange")
    assert exchange["gives"] == {
        "party": deal.first,
        "metric": "hostages_released",
        "event": "hostage_release",
        "total": 30,
    }
    assert exchange["receives"]["party"] == deal.second
    assert exchange["receives"]["total"] == 90
    assert [v.get("gives_total") for v in exchange["versions"]] == [30, None]
    assert exchange["versions"][-1]["receives_total"] == 90
    assert exchange["versions"][-1]["ratio"] == 3  # one source states both totals


def test_a_daily_number_is_a_quota_on_the_party_that_lets_it_in(
    deal: Drafted,
) -> None:
    (quota,) = deal.terms("quota")
    assert quota["metric"] == "aid_trucks"
    assert quota["party"] == deal.second
    assert quota["evidence_events"] == ["aid_delivery"]
    assert quota["versions"][0]["minimum"] == 300
    assert deal.data["zones"][quota["zone"]] == {"place": "gaza-strip"}


def test_what_a_party_will_stop_is_a_prohibition_binding_it(
    deal: Drafted,
) -> None:
    bound = {tuple(t["events"]): (t["parties"], t.get("zone")) for t in deal.terms("prohibition")}
    assert bound == {
        ("airstrike",): ([deal.second], "gaza-strip"),
        ("rocket_fire",): ([deal.first], None),
    }


def test_a_range_of_hours_is_a_window_in_its_zone(
    deal: Drafted,
) -> None:
    (window,) = deal.terms("window")
    assert window["barred"] == {"start": "09:00", "end": "15:00"}
    assert window["events"] == ["airstrike"]
    assert window["parties"] == [deal.second]
    assert deal.data["zones"][window["zone"]] == {"zone": "gaza-north"}
    assert f"# {PLACEHOLDER}: check that these are the hours the events are barred in" in deal.text


def test_the_period_starts_at_the_stated_hour_and_lasts_the_stated_length(
    deal: Drafted,
) -> None:
    period = deal.data["period"]
    assert period["start"] == datetime(2024, 3, 9, 7, 0)
    assert period["end"] == datetime(2024, 3, 14, 7, 0)
    assert period["timezone"] == "Asia/Gaza"
    assert "will take effect at 7:00 a.m." in period["start_versions"][0]["said"]


def test_parties_are_those_bound_and_mediators_those_who_brokered(
    deal: Drafted,
) -> None:
    assert deal.data["parties"] == [deal.first, deal.second]
    assert deal.data["mediators"] == ["egypt", "qatar"]
    assert deal.data["sources"] == ["Reuters, Truce agreed, 7 March 2024"]


def test_every_term_quotes_its_sentences_in_its_versions_and_above_it(deal: Drafted) -> None:
    lines = deal.text.splitlines()
    for term in deal.data["terms"]:
        above = comment_above(lines, lines.index(f"  - id: {term['id']}"))
        for version in term["versions"]:
            assert version["stated_by"] == "reuters"
            assert version["said"] in deal.article
            assert f'"{version["said"]}"' in above


def comment_above(lines: list[str], index: int) -> str:
    """The comment lines just above a line, joined as one text."""
    found: list[str] = []
    for line in reversed(lines[:index]):
        if not line.lstrip().startswith("#"):
            break
        found.insert(0, line.strip().removeprefix("#").strip())
    return " ".join(found)


def test_term_ids_are_slugs_of_the_terms(deal: Drafted) -> None:
    ids = [term["id"] for term in deal.data["terms"]]
    assert ids[:2] == ["exchange", "aid-trucks"]
    assert "no-drones-in-northern-gaza-hours" in ids
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", term_id) for term_id in ids)
    assert len(set(ids)) == len(ids)


def test_a_complete_draft_loads(deal: Drafted, tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(deal.text, encoding="utf-8")
    agreement = load_agreement(path)
    assert agreement.id == deal.data["id"] == "gaza-strip-2024-03"
    assert [term.kind for term in agreement.terms] == [t["kind"] for t in deal.data["terms"]]


def test_each_placeholder_fails_naming_its_line_until_a_person_fills_it(
    draft: Drafter, tmp_path: Path
) -> None:
    text, data = draft(GAPS)
    assert data["period"]["start"] == PLACEHOLDER
    assert data["terms"][0]["parties"] == [None]
    fills = {"id": "gaza-truce-2024-03", "start": "2024-03-09T08:00:00"}
    fills |= {"end": "2024-03-14T08:00:00"}
    parties = iter(["israel", "hamas", "israel"])
    path = tmp_path / "draft.yaml"
    lines = text.splitlines()
    for _ in range(10):
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            agreement = load_agreement(path)
        except ConfigError as error:
            number = int(str(error).split(":")[1])
            line = lines[number - 1]
            assert f"# {PLACEHOLDER}:" in line, f"{error} points at {line!r}"
            listed = line.lstrip().startswith("- ")  # a party in a list
            value = next(parties) if listed else fills[line.split(":")[0].strip()]
            lines[number - 1] = re.sub(rf"\b(?:{PLACEHOLDER}|null)\b", value, line, count=1)
            continue
        assert agreement.terms[0].parties == ["israel"]
        assert agreement.period.start == datetime(2024, 3, 9, 8, 0)
        return
    pytest.fail("the draft did not load after filling its placeholders")


def test_a_missing_value_gets_a_comment_saying_what_to_fill_in(draft: Drafter) -> None:
    text, _ = draft(GAPS)
    assert (
        f"start: {PLACEHOLDER}  # {PLACEHOLDER}: the hour it begins on 2024-03-09 "
        "(2024-03-09Thh:mm:ss)" in text
    )
    assert f"# {PLACEHOLDER}: who is bound (an actor id)" in text
    assert f"# {PLACEHOLDER}: the start plus five days" in text


def test_a_text_without_terms_drafts_a_file_that_does_not_load(
    draft: Drafter, tmp_path: Path
) -> None:
    text, data = draft("Hamas said Israel refused to halt airstrikes in Gaza during the talks.")
    assert data["terms"] is None  # a refused halt is no term
    assert f"# {PLACEHOLDER}: no term was found in the text" in text
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_agreement(path)


def test_releases_reported_as_done_are_not_terms(draft: Drafter) -> None:
    _, data = draft("Under the truce, Hamas has released 24 hostages so far.")
    assert data["terms"] is None


def test_hours_said_to_be_the_only_allowed_ones_are_flagged(draft: Drafter) -> None:
    text, data = draft(
        "Under the truce, Israeli aircraft will only fly over northern Gaza between 10am and 4pm."
    )
    (window,) = terms_of(data, "window")
    assert window["barred"] == {"start": "10:00", "end": "16:00"}
    assert window["parties"] == ["israel"]
    assert 'the sentence says "only": these may be the hours the events are allowed in' in text


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Under the agreement, Russia will halt attacks in Ukraine for 30 days.", "Europe/Kyiv"),
        (
            "Under the deal, Hezbollah will halt attacks in southern Lebanon for 60 days.",
            "Asia/Beirut",
        ),
    ],
)
def test_the_time_zone_follows_the_places_the_terms_name(
    draft: Drafter, text: str, zone: str
) -> None:
    _, data = draft(text)
    assert data["period"]["timezone"] == zone


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("a window between 10:00 a.m. and 4:00 p.m. each day", [(time(10), time(16))]),
        ("no flights from 10:00 to 16:00", [(time(10), time(16))]),
        ("barred 22:30-05:00 nightly", [(time(22, 30), time(5))]),
        ("from noon until midnight", [(time(12), time(0))]),
        ("released 10 and 16 prisoners", []),
    ],
)
def test_clock_ranges(text: str, hours: list[tuple[time, time]]) -> None:
    assert [(opens, closes) for _, _, opens, closes in clock_ranges(text)] == hours


def test_a_lone_clock_time_is_not_one_end_of_a_range() -> None:
    text = "It begins at 7 am, with flights barred between 10:00 and 16:00."
    assert lone_clock(text) == time(7)
    assert lone_clock("between 10:00 and 16:00") is None


@given(st.text())
def test_reading_clock_times_never_fails(text: str) -> None:
    for _, _, opens, closes in clock_ranges(text):
        assert isinstance(opens, time) and isinstance(closes, time)
    lone_clock(text)


def test_the_drafting_words_name_only_known_types_metrics_and_zones() -> None:
    words = drafting_words().model_dump()
    words["activities"]["drone"] = ["drone_flight"]
    words["timezones"]["XX"] = "Mars/Olympus"
    with pytest.raises(ValidationError, match="drone_flight, Mars/Olympus"):
        DraftingWords.model_validate(words)


@pytest.fixture(scope="module")
def document_004() -> Document:
    """Document 004 of the sample corpus: an article stating the November 2023 terms."""
    if not SEEDS.exists():
        pytest.skip(f"sample corpus not found at {SEEDS}")
    for line in SEEDS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"].startswith("004"):
            return Document(
                id=item["id"],
                text=normalize_text(item["text"]),
                title=item["title"],
                outlet=item["outlet"],
                published=date.fromisoformat(item["published"]),
            )
    pytest.skip("document 004 is not in the sample corpus")


def test_the_draft_of_document_004_has_the_stated_terms(
    document_004: Document, tmp_path: Path
) -> None:
    text = draft_agreement(document_004)
    data = YAML(typ="safe").load(text)
    (exchange,) = terms_of(data, "exchange")
    assert (exchange["gives"]["total"], exchange["receives"]["total"]) == (50, 150)
    (quota,) = terms_of(data, "quota")
    assert quota["versions"][0]["minimum"] == 200
    (window,) = terms_of(data, "window")
    assert window["barred"] == {"start": "10:00", "end": "16:00"}
    sentences = document_004.text.replace("\n", " ")
    for term in data["terms"]:
        assert all(
            " ".join(v["said"].split()) in " ".join(sentences.split()) for v in term["versions"]
        )
    path = tmp_path / "004.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_agreement(path).period.timezone == "Asia/Gaza"


@pytest.fixture
def runner(parser: Language) -> CliRunner:
    return CliRunner()


def test_the_command_writes_the_draft_of_the_first_document(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "articles.jsonl"
    rows = [
        {"id": "deal", "text": DEAL.format(first="Hamas", second="Israel"), "outlet": "Reuters",
         "published": "2024-03-07"},
        {"id": "other", "text": GAPS, "outlet": "AP", "published": "2024-03-08"},
    ]  # fmt: skip
    source.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["agreements", "draft", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert load_agreement(out).sources == ["Reuters, 7 March 2024"]


def test_the_command_prints_the_draft_without_out(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(GAPS, encoding="utf-8")
    result = runner.invoke(app, ["agreements", "draft", str(source)])
    assert result.exit_code == 0, result.output
    assert YAML(typ="safe").load(result.stdout)["terms"][0]["events"] == ["airstrike"]


def test_a_bad_input_is_one_line_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["agreements", "draft", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "missing.txt: no such file" in result.stderr
