"""The evaluation report as text (errors first, summary last) and as its JSON twin."""

from __future__ import annotations

import json

from ceasefire.evaluate_report import (
    EVENT_FIELDS,
    FIGURE_FIELDS,
    QUOTE_FIELDS,
    SHOWN_CHARS,
    Accuracy,
    FieldError,
    Finding,
    Report,
    Tally,
    format_report,
    report_to_dict,
)


def a_report() -> Report:
    """Two documents: one figure missed, one wrong, an event predicted that matched nothing."""
    accuracy = {
        f"{kind}.{name}": Accuracy(correct=0, total=0)
        for kind, names in (
            ("figure", FIGURE_FIELDS),
            ("event", EVENT_FIELDS),
            ("quote", QUOTE_FIELDS),
        )
        for name in names
    }
    accuracy["figure.claimant"] = Accuracy(correct=1, total=2)
    return Report(
        documents=["t1", "t2"],
        figures=Tally(gold=3, predicted=2, matched=2),
        events=Tally(gold=1, predicted=1, matched=0),
        quotes=Tally(gold=1, predicted=0, matched=0),
        accuracy=accuracy,
        per_document={"t1": Tally(2, 1, 1), "t2": Tally(1, 1, 1)},
        misses=[
            Finding("figure", "t1", "killed 7 (exact)", "Seven villagers were killed"),
            Finding("quote", "t2", "by Mayor Anna Berg", "hold the line " * 20),
        ],
        false_positives=[Finding("event", "t1", "raid @ null", "a raid happened")],
        wrong=[FieldError("figure", "t2", "killed 4 (exact)", "claimant", "Hamas", "null")],
    )


def test_errors_come_first_and_the_summary_fits_in_twelve_lines() -> None:
    text = format_report(a_report())
    lines = text.splitlines()
    tail = lines[lines.index("== summary: 2 documents ==") :]
    assert len(tail) <= 12
    assert any(line.startswith("figures  P 1.000  R 0.667") for line in tail)
    assert "claimant 0.50 (1/2)" in text
    assert text.index("missed (gold not found): 2") < text.index("== summary")
    assert "gold 'Hamas', predicted 'null'" in text
    assert "  t1  1/1/2" in text


def test_long_texts_are_cut_in_the_listing() -> None:
    text = format_report(a_report())
    assert "hold the line " * 7 in text
    assert "hold the line " * 20 not in text
    assert "…" in text
    assert len(("hold the line " * 20)[:SHOWN_CHARS]) == SHOWN_CHARS


def test_without_errors_only_the_summary_is_shown() -> None:
    text = format_report(a_report(), show_errors=False)
    assert text.startswith("== summary")
    assert "Seven villagers" not in text


def test_a_kind_with_gold_but_no_predictions_says_so() -> None:
    assert "quotes   P 0.000  R 0.000  F1 0.000" in format_report(a_report())
    assert "no quote records predicted" in format_report(a_report())


def test_the_json_twin_fills_in_the_measures() -> None:
    data = json.loads(json.dumps(report_to_dict(a_report())))
    assert data["figures"]["recall"] == 2 / 3
    assert data["events"]["f1"] == 0.0
    assert data["per_document"]["t1"] == {
        "gold": 2,
        "predicted": 1,
        "matched": 1,
        "precision": 1.0,
        "recall": 0.5,
        "f1": 2 / 3,
    }
    assert data["accuracy"]["figure.claimant"] == {"correct": 1, "total": 2, "rate": 0.5}
    assert data["accuracy"]["quote.speaker"]["rate"] is None
    assert data["misses"][1]["text"] == "hold the line " * 20
    assert data["leaked"] == 0
