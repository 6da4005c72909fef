"""What reconciling compares: a stated value's admitted range, and what a figure counts."""

from __future__ import annotations

import math
from datetime import date

import pytest

from ceasefire.reconcile.claims import admitted, claimant_of, compatible, counted, day_of
from ceasefire.records import Actor, Figure, Period, Value
from ceasefire.store.reading import Source

SOURCE = Source("wire-1", "Coast Herald", date(2024, 3, 5), None, None)


def figure(subject: str = "Palestinians", **kw: object) -> Figure:
    fields: dict[str, object] = {
        "doc": "wire-1", "span": (0, 5), "text": "14,000", "metric": "killed",
        "subject": subject, "value": Value(14000),
    }  # fmt: skip
    fields.update(kw)
    return Figure(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        (Value(14000), 14000, 14000),
        (Value(14000, None, "at_least"), 14000, math.inf),
        (Value(500, None, "nearly"), 450, 500),
        (Value(20, 30, "range"), 20, 30),
        (Value(1200, None, "up_to"), 0, 1200),
    ],
)
def test_a_qualifier_admits_a_range_of_true_values(value: Value, low: float, high: float) -> None:
    assert admitted(value) == pytest.approx((low, high))


def test_more_than_excludes_its_own_number() -> None:
    low, _ = admitted(Value(14000, None, "more_than"))
    assert low > 14000


def test_over_14000_agrees_with_14532_and_not_with_11000() -> None:
    over = Value(14000, None, "more_than")
    assert compatible(over, Value(14532))
    assert not compatible(over, Value(11000))
    assert not compatible(Value(14000), Value(14532))


def test_what_a_figure_counts_is_its_subjects_head_word() -> None:
    assert counted(figure("Palestinians in Gaza (killed since October)")) == "palestinian"
    assert counted(figure("children and two women")) == "children"
    assert counted(figure("Palestinians")) == "palestinian"
    assert counted(figure("security personnel")) == "personnel"


def test_an_unattributed_figure_is_its_outlets_own_voice() -> None:
    own = claimant_of(figure(), SOURCE)
    assert own.label == "Coast Herald (own voice)"
    ministry = Actor("gaza-ministry-of-health", "Gaza Ministry of Health", "the ministry")
    assert claimant_of(figure(claimant=ministry), SOURCE).key == "gaza-ministry-of-health"


def test_a_figures_day_is_its_period_end_else_the_publication_day() -> None:
    assert day_of(figure(), SOURCE) == date(2024, 3, 5)
    dated = figure(period=Period("as_of", None, date(2024, 2, 1)))
    assert day_of(dated, SOURCE) == date(2024, 2, 1)
