"""Scoring against gold: matching keys, lenient names, one-to-one greedy pairing, leaks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ceasefire.errors import InputError
from ceasefire.evaluate import Gold, evaluate_files, load_gold, score

GOLD_DIR = Path(__file__).parents[2] / "shared" / "gold"


def figure(n: float, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": "figure",
        "doc": "t1",
        "metric": "killed",
        "subject": "villagers",
        "value": {"n": n, "to": None, "qualifier": "exact"},
        "period": None,
        "place": None,
        "claimant": None,
        "actor": None,
        "quote": f"{n} villagers were killed",
    }
    record.update(fields)
    return record


def event(kind: str = "airstrike", **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": "event",
        "doc": "t1",
        "type": kind,
        "actor": None,
        "target": None,
        "place": None,
        "date": None,
        "claimant": None,
        "quote": f"an {kind} happened",
    }
    record.update(fields)
    return record


def quote(words: str, speaker: str | None = "Mayor Anna Berg", **fields: Any) -> dict[str, Any]:
    record = {
        "kind": "quote",
        "doc": "t1",
        "quote": words,
        "speaker": {"name": speaker} if speaker else None,
    }
    record.update(fields)
    return record


def actor(name: str, as_written: str | None = None, id: str | None = None) -> dict[str, Any]:
    return {"id": id, "name": name, "as_written": as_written or name}


def test_figure_matches_on_number_and_scores_fields() -> None:
    gold = Gold(
        figures=[
            figure(
                12,
                value={"n": 12, "to": None, "qualifier": "at_least"},
                claimant={"name": "health ministry|Ministry of Health"},
                period={"kind": "on", "start": "2024-05-02", "end": "2024-05-02"},
            )
        ]
    )
    predicted = figure(
        12.0,
        value={"n": 12.0, "qualifier": "exact"},
        claimant=actor("Ministry of Health", "the local health ministry", "health-ministry"),
        period={"kind": "on", "start": "2024-05-02", "end": "2024-05-02"},
    )
    report = score([predicted], gold)
    assert (report.figures.matched, report.figures.precision, report.figures.recall) == (1, 1, 1)
    assert report.accuracy["figure.qualifier"].correct == 0
    assert report.accuracy["figure.claimant"].correct == 1
    assert report.accuracy["figure.period"].correct == 1
    assert [(e.field, e.gold, e.predicted) for e in report.wrong] == [
        ("qualifier", "at_least", "exact")
    ]


def test_figure_with_other_number_or_range_end_does_not_match() -> None:
    gold = Gold(figures=[figure(20, value={"n": 20, "to": 30, "qualifier": "range"})])
    report = score([figure(20), figure(21, value={"n": 20.0000001, "to": 30})], gold)
    assert report.figures.matched == 1
    assert len(report.false_positives) == 1
    assert report.false_positives[0].key == "killed 20 (exact)"


def test_period_null_against_value_is_wrong() -> None:
    gold = Gold(
        figures=[figure(5), figure(6, period={"kind": "as_of", "start": None, "end": "2024-01-01"})]
    )
    predicted = [
        figure(5, period={"kind": "since", "start": "2023-12-01", "end": "2024-01-01"}),
        figure(6, period={"kind": "as_of", "start": None, "end": "2024-01-01"}),
    ]
    assert score(predicted, gold).accuracy["figure.period"].correct == 1


def test_figures_pair_one_to_one_without_crossing() -> None:
    gold = Gold(figures=[figure(3, actor={"name": "rebels"}), figure(3, actor={"name": "army"})])
    predicted = [figure(3, actor=actor("army")), figure(3, actor=actor("rebels")), figure(3)]
    report = score(predicted, gold)
    assert (report.figures.matched, report.figures.predicted, report.figures.gold) == (2, 3, 2)
    assert report.accuracy["figure.actor"].correct == 2
    assert report.figures.precision == pytest.approx(2 / 3)


def test_events_match_on_type_and_lenient_place() -> None:
    gold = Gold(
        events=[
            event(
                place={"name": "Gaza City|Khan Younis"},
                actor={"name": "IDF|Israel"},
                date={"start": "2024-02-01", "end": "2024-02-01"},
            ),
            event("shelling", place=None),
        ]
    )
    predicted = [
        event(
            place={"name": "Khan Younis"},
            actor=actor("Israeli army"),
            date={"start": "2024-02-01", "end": "2024-02-01"},
        ),
        event("shelling", place={"name": "Gaza"}),
    ]
    report = score(predicted, gold)
    assert report.events.matched == 1
    assert report.accuracy["event.actor"].correct == 1
    assert report.accuracy["event.date"].correct == 1
    assert [f.key for f in report.misses] == ["shelling @ null"]


def test_an_event_matched_on_a_shared_word_is_scored_for_its_exact_place() -> None:
    gold = Gold(
        events=[event(place={"name": "Gaza City"}), event("shelling", place={"name": "Rafah"})]
    )
    predicted = [event(place={"name": "Gaza Strip"}), event("shelling", place={"name": "Rafah"})]
    report = score(predicted, gold)
    assert report.events.matched == 2
    assert report.accuracy["event.exact_place"].correct == 1


def test_leaks_count_each_not_event_once() -> None:
    gold = Gold(
        events=[event(place={"name": "Gaza"})],
        not_events=[event(place={"name": "Gaza"}, why="future")],
    )
    predicted = [
        event(place={"name": "Gaza"}, modality="asserted"),
        event(place={"name": "Gaza"}),  # no modality: counts as asserted
        event(place={"name": "Gaza"}, modality="asserted"),
        event(place={"name": "Gaza"}, modality="future"),
    ]
    report = score(predicted, gold)
    assert report.events.matched == 1
    assert report.events.predicted == 3
    assert report.leaked == 1
    assert report.non_asserted == 1
    assert report.leaks[0].key == "airstrike @ Gaza (future)"


def test_non_asserted_event_does_not_leak_or_count() -> None:
    gold = Gold(not_events=[event("negotiation", why="future")])
    report = score([event("negotiation", modality="future")], gold)
    assert (report.leaked, report.events.predicted, report.events.gold) == (0, 0, 0)


def test_no_predicted_events_reports_zero_recall() -> None:
    gold = Gold(events=[event()], figures=[figure(4)])
    report = score([figure(4)], gold)
    assert report.events.recall == 0.0


def test_quotes_match_by_word_overlap_best_first() -> None:
    gold = Gold(
        quotes=[
            quote("We will rebuild the bridge before winter comes."),
            quote("The bridge is closed.", speaker="Transport Office|office"),
        ]
    )
    predicted = [
        quote("rebuild the bridge before winter", speaker="Anna Berg"),
        quote("The bridge is closed", speaker="Mayor Anna Berg"),
        quote("Nothing alike here at all"),
    ]
    report = score(predicted, gold)
    assert report.quotes.matched == 2
    assert report.accuracy["quote.speaker"].correct == 1
    assert [f.text for f in report.false_positives] == ["Nothing alike here at all"]


def test_quote_text_is_normalized_before_comparing() -> None:
    gold = Gold(quotes=[quote("a long-\nterm plan for the\n  valley")])
    assert score([quote("a long-term plan for the valley")], gold).quotes.matched == 1


def test_documents_outside_scope_are_ignored() -> None:
    gold = Gold(figures=[figure(1), figure(2, doc="t2")])
    report = score([figure(1), figure(9, doc="t3")], gold, docs={"t1"})
    assert (report.figures.matched, report.figures.predicted, report.figures.gold) == (1, 1, 1)
    assert report.ignored == 1


def test_load_gold_names_file_and_line_of_bad_json(tmp_path: Path) -> None:
    (tmp_path / "figures.jsonl").write_text(json.dumps(figure(1)) + "\n\n{oops\n")
    with pytest.raises(InputError, match=r"figures\.jsonl:3"):
        load_gold(tmp_path)


def test_load_gold_treats_missing_files_as_empty(tmp_path: Path) -> None:
    (tmp_path / "quotes.jsonl").write_text(json.dumps(quote("hello there")) + "\n")
    gold = load_gold(tmp_path)
    assert (len(gold.quotes), gold.figures, gold.events, gold.not_events) == (1, [], [], [])


@pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="shared gold set not present")
def test_gold_scored_against_itself_is_perfect() -> None:
    gold = load_gold(GOLD_DIR)
    predicted = [dict(r) for r in gold.figures + gold.events + gold.quotes]
    predicted += [{**r, "modality": r["why"]} for r in gold.not_events]
    report = score(predicted, gold)
    assert (report.figures.f1, report.events.f1, report.quotes.f1) == (1.0, 1.0, 1.0)
    assert report.leaked == 0
    assert all(a.correct == a.total for a in report.accuracy.values())
    assert not report.misses and not report.false_positives and not report.wrong


def test_load_gold_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere: no such folder"):
        load_gold(tmp_path / "nowhere")


def test_load_gold_refuses_a_folder_without_gold_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not gold\n")
    with pytest.raises(InputError, match=r"no gold files \(figures\.jsonl"):
        load_gold(tmp_path)


def test_load_gold_names_the_line_of_a_bad_byte(tmp_path: Path) -> None:
    good = json.dumps(figure(1)).encode()
    (tmp_path / "figures.jsonl").write_bytes(good + b"\n" + b'{"doc": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"figures\.jsonl:2: not UTF-8 text"):
        load_gold(tmp_path)


def test_evaluate_files_refuses_missing_or_empty_documents(tmp_path: Path) -> None:
    (tmp_path / "quotes.jsonl").write_text(json.dumps(quote("hello there")) + "\n")
    with pytest.raises(InputError, match=r"docs\.jsonl: no such file"):
        evaluate_files(tmp_path / "docs.jsonl", tmp_path)
    (tmp_path / "docs.jsonl").write_text("\n")
    with pytest.raises(InputError, match=r"docs\.jsonl: no documents"):
        evaluate_files(tmp_path / "docs.jsonl", tmp_path)
