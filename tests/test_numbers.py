"""Number mentions: values, hedges, units and the numbers that are not figures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.extract.number_phrases import qualifier_lexicon
from ceasefire.extract.numbers import NumberMention, find_numbers
from ceasefire.records import Value


def mention(text: str, words: str) -> NumberMention:
    """The one mention in `text` whose words are exactly `words`."""
    found = [m for m in find_numbers(text) if m.words == words]
    assert len(found) == 1, [m.words for m in find_numbers(text)]
    return found[0]


CASES = [
    # sentence, mention words, n, to, qualifier, unit, not_figure
    ("Troops shot four Palestinians near the fence.", "four", 4, None, "exact", None, None),
    ("The army carried out ten airstrikes overnight.", "ten", 10, None, "exact", None, None),
    ("At least four people died in the raid.", "At least four", 4, None, "at_least", None, None),
    ("Officials counted 1200 lorries at the crossing.", "1200", 1200, None, "exact", None, None),
    ("Nearly 500 violations were logged.", "Nearly 500", 500, None, "nearly", None, None),
    (
        "The bill adds $3.3 billion in aid.",
        "$3.3 billion",
        3_300_000_000,
        None,
        "exact",
        "usd",
        None,
    ),
    (
        "The package was worth $147.5 million.",
        "$147.5 million",
        147_500_000,
        None,
        "exact",
        "usd",
        None,
    ),
    (
        "Some 2.3 million people live there.",
        "Some 2.3 million",
        2_300_000,
        None,
        "about",
        None,
        None,
    ),
    (
        "Between 20 to 30 per cent of the wells are dry.",
        "Between 20 to 30 per cent",
        20,
        30,
        "range",
        "percent",
        None,
    ),
    ("Prices rose 25%-30% this month.", "25%-30%", 25, 30, "range", "percent", None),
    (
        "They will free between 990 and 1,650 detainees.",
        "between 990 and 1,650",
        990,
        1650,
        "range",
        None,
        None,
    ),
    ("Less than 1% of the aid arrived.", "Less than 1%", 1, None, "up_to", "percent", None),
    ("One in three children is hungry.", "One in three", 33.3, None, "exact", "percent", None),
    ("Half of the clinics have closed.", "Half", 50, None, "exact", "percent", None),
    ("Roughly half the homes are gone.", "Roughly half", 50, None, "about", "percent", None),
    ("A third of the wells are dry.", "A third", 33.3, None, "exact", "percent", None),
    (
        "Over 100 sales went through over the past week.",
        "Over 100",
        100,
        None,
        "more_than",
        None,
        None,
    ),
    ("Well over 200 shells landed.", "Well over 200", 200, None, "more_than", None, None),
    ("Close to 900 lorries passed.", "Close to 900", 900, None, "nearly", None, None),
    ("Some 342 civilians were killed.", "Some 342", 342, None, "about", None, None),
    (
        "An estimated 1.9 million fled.",
        "An estimated 1.9 million",
        1_900_000,
        None,
        "about",
        None,
        None,
    ),
    (
        "The quota does not exceed 1200 per day.",
        "does not exceed 1200",
        1200,
        None,
        "up_to",
        None,
        None,
    ),
    ("Drops did not exceed two truckloads.", "did not exceed two", 2, None, "up_to", None, None),
    ("As many as 100 rockets were fired.", "As many as 100", 100, None, "up_to", None, None),
    ("Only two lorries got in.", "Only two", 2, None, "exact", None, None),
    ("Just 10 bakeries still work.", "Just 10", 10, None, "exact", None, None),
    ("He counted 500 or more tents.", "500 or more", 500, None, "at_least", None, None),
    ("It dropped 153 tonnes of bombs.", "153 tonnes", 153, None, "exact", "tonnes", None),
    ("Raids resumed on 10 October.", "10 October", 10, None, "exact", None, "date"),
    ("Raids resumed on October 7.", "October 7", 7, None, "exact", None, "date"),
    ("Raids resumed on Oct. 8, 2023.", "Oct. 8", 8, None, "exact", None, "date"),
    ("Raids resumed on Oct. 8, 2023.", "2023", 2023, None, "exact", None, "year"),
    ("Talks began on 22 November 2023.", "22 November", 22, None, "exact", None, "date"),
    ("The truce began at 7:36 a.m. local time.", "7:36 a.m.", 7, None, "exact", None, "time"),
    ("Sirens sounded at 5am GMT.", "5am", 5, None, "exact", None, "time"),
    ("A four-year-old was hurt.", "four-year-old", 4, None, "exact", None, "age"),
    ("Eli Sharabi, 52, was freed.", "52", 52, None, "exact", None, "age"),
    ("Men aged 20 to 61 were held.", "aged 20 to 61", 20, 61, "range", None, "age"),
    ("Men over the age of 50 may pass.", "age of 50", 50, None, "exact", None, "age"),
    ("The pause lasts four days.", "four days", 4, None, "exact", "days", "duration"),
    ("A four-day truce began.", "four-day", 4, None, "exact", "days", "duration"),
    ("Aid can wait up to 24 hours.", "up to 24 hours", 24, None, "up_to", "hours", "duration"),
    (
        "More than 100 days into the campaign, talks resumed.",
        "More than 100 days",
        100,
        None,
        "more_than",
        "days",
        "duration",
    ),
    ("It ended a two-year long siege.", "two-year long", 2, None, "exact", "years", "duration"),
    ("The zone runs 10 kilometres inland.", "10 kilometres", 10, None, "exact", "km", "distance"),
    ("The strike came six miles away.", "six miles", 6, None, "exact", "miles", "distance"),
    ("It was the 50th day of war.", "50th", 50, None, "exact", None, "ordinal"),
    ("A C-17 landed.", "C-17", 17, None, "exact", None, "name"),
    ("It fired 155mm shells.", "155mm", 155, None, "exact", "mm", "name"),
    ("The USS Carney (DDG-58) fired.", "DDG-58", 58, None, "exact", None, "name"),
    ("Updates from Day 50 of the war.", "Day 50", 50, None, "exact", None, "name"),
    ("Resolution 1701 ended that war.", "Resolution 1701", 1701, None, "exact", None, "name"),
    ("They backed a two-state solution.", "two", 2, None, "exact", None, "name"),
    ("The G7 met on it.", "G7", 7, None, "exact", None, "name"),
    ("Two-thirds of the wells are dry.", "Two-thirds", 66.7, None, "exact", "percent", None),
    ("Nine in 10 families lack water.", "Nine in 10", 90, None, "exact", "percent", None),
    ("Half a million people fled.", "Half a million", 500_000, None, "exact", None, None),
    ("Donors pledged US$5 million.", "US$5 million", 5_000_000, None, "exact", "usd", None),
    ("A 1,200-strong force crossed.", "1,200", 1200, None, "exact", None, None),
    ("It held 100-plus hostages.", "100-plus", 100, None, "more_than", None, None),
    ("Rockets fell on 7-10 October.", "7-10 October", 7, 10, "range", None, "date"),
    ("The line dates from the 1990s.", "1990s", 1990, None, "exact", None, "year"),
    ("It fired 2,000-pound bombs.", "2,000", 2000, None, "exact", None, "name"),
    ("Officials said 3 in 4 days.", "4 days", 4, None, "exact", "days", "duration"),
    ("Aid may wait up to 24\nhours.", "up to 24\nhours", 24, None, "up_to", "hours", "duration"),
]


@pytest.mark.parametrize(("sentence", "words", "n", "to", "qualifier", "unit", "not_figure"), CASES)
def test_mention_reads_value_hedge_unit_and_reason(
    sentence: str,
    words: str,
    n: float,
    to: float | None,
    qualifier: str,
    unit: str | None,
    not_figure: str | None,
) -> None:
    found = mention(sentence, words)
    assert (found.n, found.to, found.qualifier, found.unit, found.not_figure) == (
        pytest.approx(n),
        to,
        qualifier,
        unit,
        not_figure,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Dozens were wounded and hundreds fled.",
        "Thousands of Palestinians have been returning.",
        "Tens of thousands of civilians sheltered there.",
        "Millions of workers and tens of millions of people joined.",
        "Several hundred people and a few thousand troops remained.",
        "One of the dead was a medic; no one else was hurt.",
        "It happened over the past week.",
        "Phase one begins soon.",
        "It was the first and the third world war.",
    ],
)
def test_vague_quantities_and_a_lone_one_are_not_numbers(sentence: str) -> None:
    assert find_numbers(sentence) == []


def test_nothing_to_find_in_an_empty_text() -> None:
    assert find_numbers("") == []


def test_mention_spans_hedge_number_and_unit() -> None:
    text = "Officials said more than $106 million arrived."
    found = mention(text, "more than $106 million")
    assert text[found.number_start : found.number_end] == "106 million"
    assert found.value == Value(106_000_000, None, "more_than")


def test_money_and_scales_are_exact() -> None:
    assert mention("It costs $3.3 billion.", "$3.3 billion").n == 3_300_000_000
    assert mention("It needs between 2 and 3 million doses.", "between 2 and 3 million").n == (
        2_000_000
    )


def test_some_and_over_hedge_only_a_following_number() -> None:
    assert [m.words for m in find_numbers("Some of them came over the border; 40 died.")] == ["40"]


def test_a_rise_from_one_number_to_another_is_not_a_range() -> None:
    assert [m.n for m in find_numbers("The toll rose from 20 to 30 overnight.")] == [20, 30]


def test_one_is_kept_inside_larger_numbers() -> None:
    assert [m.n for m in find_numbers("One million people and one hundred trucks.")] == [
        1_000_000,
        100,
    ]


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("twenty-five thousand one hundred and five", "25,105"),
        ("nine hundred and ninety", "990"),
        ("one thousand six hundred and fifty", "1,650"),
        ("a hundred", "100"),
        ("twelve hundred", "1200"),
    ],
)
def test_words_and_digits_give_the_same_number(words: str, digits: str) -> None:
    (spelled,) = find_numbers(f"Officials counted {words} people.")
    (written,) = find_numbers(f"Officials counted {digits} people.")
    assert spelled.n == written.n


@given(st.text())
def test_never_raises_and_spans_match_the_text(text: str) -> None:
    for found in find_numbers(text):
        assert 0 <= found.start <= found.number_start < found.number_end <= found.end <= len(text)
        assert text[found.start : found.end] == found.words


@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_thousands_separators_parse_back(k: int) -> None:
    (found,) = find_numbers(f"Officials counted {k:,} people.")
    assert found.n == k


def _phrases(side: str) -> list[tuple[str, str]]:
    lexicon = qualifier_lexicon()
    table = lexicon.meanings_before if side == "before" else lexicon.meanings_after
    return sorted(table.items())


@given(st.sampled_from(_phrases("before")), st.integers(min_value=1, max_value=10**9 - 1))
def test_a_hedge_before_a_number_gives_its_qualifier(hedge: tuple[str, str], k: int) -> None:
    phrase, qualifier = hedge
    (found,) = find_numbers(f"Officials counted {phrase} {k:,} people.")
    assert (found.n, found.qualifier) == (k, qualifier)


@given(st.sampled_from(_phrases("after")), st.integers(min_value=1, max_value=10**9 - 1))
def test_a_hedge_after_a_number_gives_its_qualifier(hedge: tuple[str, str], k: int) -> None:
    phrase, qualifier = hedge
    (found,) = find_numbers(f"Officials counted {k:,} {phrase} people.")
    assert (found.n, found.qualifier) == (k, qualifier)
