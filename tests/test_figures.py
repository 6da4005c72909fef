"""Figures: what a stated number counts, how it is hedged, who caused it, and what is no figure."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from spacy.language import Language

from ceasefire.extract.figures import read_number
from ceasefire.records import Actor

if TYPE_CHECKING:
    from conftest import Extraction

Read = Callable[[str], "Extraction"]


def who(actor: Actor | None) -> str | None:
    """An actor as a test names it: the registry id, else the words as resolved."""
    if actor is None:
        return None
    return actor.id or actor.name


# sentence, n, to, qualifier, metric
FIGURES = [
    pytest.param(
        "Israeli forces killed four Palestinians in Tulkarm on 3 March.",
        4,
        None,
        "exact",
        "killed",
        id="killed, a word number",
    ),
    pytest.param(
        "At least 18 people were killed in an airstrike on a school in Nuseirat, the civil"
        " defence said.",
        18,
        None,
        "at_least",
        "killed",
        id="at least",
    ),
    pytest.param(
        "Nearly 500 people were injured in the clashes, according to the Red Crescent.",
        500,
        None,
        "nearly",
        "injured",
        id="nearly, injured",
    ),
    pytest.param(
        "In Kharkiv, 3 people were wounded when a drone hit a residential building.",
        3,
        None,
        "exact",
        "injured",
        id="wounded",
    ),
    pytest.param(
        "More than 10,000 people are missing under the rubble, the civil defence said.",
        10_000,
        None,
        "more_than",
        "missing",
        id="missing",
    ),
    pytest.param(
        "Israeli forces detained 45 Palestinians in overnight raids across the West Bank.",
        45,
        None,
        "exact",
        "detained",
        id="detained",
    ),
    pytest.param(
        "Some 1.7 million Gazans have been displaced since October 7.",
        1_700_000,
        None,
        "about",
        "displaced",
        id="some, displaced, millions",
    ),
    pytest.param(
        "Between 1,000 and 2,000 people fled Rafah on Monday, according to UNRWA.",
        1000,
        2000,
        "range",
        "displaced",
        id="between X and Y, fled",
    ),
    pytest.param(
        "About 130 hostages are still held in Gaza, Israeli officials said.",
        130,
        None,
        "about",
        "hostages_held",
        id="hostages held",
    ),
    pytest.param(
        "Hamas released 13 hostages on Friday, Qatar said.",
        13,
        None,
        "exact",
        "hostages_released",
        id="hostages released",
    ),
    pytest.param(
        "Israel released 39 prisoners on Friday, Qatar said.",
        39,
        None,
        "exact",
        "prisoners_released",
        id="prisoners released",
    ),
    pytest.param(
        "Nearly 300 aid trucks entered Gaza on Tuesday, according to UNRWA.",
        300,
        None,
        "nearly",
        "aid_trucks",
        id="aid trucks",
    ),
    pytest.param(
        "The number of trucks entering Gaza does not exceed 100 a day, the UN said.",
        100,
        None,
        "up_to",
        "aid_trucks",
        id="does not exceed",
    ),
    pytest.param(
        "Up to 40 aid trucks a day crossed into Gaza in February, according to UNRWA.",
        40,
        None,
        "up_to",
        "aid_trucks",
        id="up to",
    ),
    pytest.param(
        "As many as 1,200 people were detained in the raids, the prisoners' society said.",
        1200,
        None,
        "up_to",
        "detained",
        id="as many as",
    ),
    pytest.param(
        "Hamas fired 35 rockets at Sderot this morning, the Israeli military said.",
        35,
        None,
        "exact",
        "strikes",
        id="rockets fired",
    ),
    pytest.param(
        "Russian jets dropped 40 tonnes of glide bombs on Kharkiv in a single week.",
        40,
        None,
        "exact",
        "munitions_tonnes",
        id="tonnes of bombs",
    ),
    pytest.param(
        "Israeli strikes have damaged 26 hospitals in Gaza, the WHO said.",
        26,
        None,
        "exact",
        "facilities",
        id="hospitals",
    ),
    pytest.param(
        "Hamas still has about 20,000 fighters in Gaza, US officials estimate.",
        20_000,
        None,
        "about",
        "fighters",
        id="fighters",
    ),
    pytest.param(
        "The Washington Post was told by two US officials that 60 weapons shipments had"
        " reached Israel since October.",
        60,
        None,
        "exact",
        "weapons_transfers",
        id="weapons shipments",
    ),
    pytest.param(
        "Hamas accused Israel of violating the ceasefire 40 times since Sunday.",
        40,
        None,
        "exact",
        "violations",
        id="violations counted in times",
    ),
    pytest.param(
        "Washington approved $3.5 million in emergency aid for Gaza, the State Department said.",
        3_500_000,
        None,
        "exact",
        "money_usd",
        id="$3.5 million",
    ),
    pytest.param(
        "The war has cost Ukraine more than $150 billion, the World Bank said.",
        150_000_000_000,
        None,
        "more_than",
        "money_usd",
        id="more than $150 billion",
    ),
    pytest.param(
        "Israeli intelligence officials estimated that 20 to 30 per cent of Hamas fighters had"
        " been killed.",
        20,
        30,
        "range",
        "share_percent",
        id="20 to 30 per cent",
    ),
    pytest.param(
        "Less than 10 per cent of the aid reached the north, the WFP said.",
        10,
        None,
        "up_to",
        "share_percent",
        id="less than 10 per cent",
    ),
]


@pytest.mark.parametrize(("sentence", "n", "to", "qualifier", "metric"), FIGURES)
def test_figure_value_and_metric(
    read: Read, sentence: str, n: float, to: float | None, qualifier: str, metric: str
) -> None:
    figure = read(sentence).figure(n)
    assert (figure.value.n, figure.value.to, figure.value.qualifier) == (n, to, qualifier)
    assert figure.metric == metric


@pytest.mark.parametrize(
    ("sentence", "n", "subject"),
    [
        ("Israeli forces killed four Palestinians in Tulkarm on 3 March.", 4, "Palestinians"),
        (
            "Hamas told Reuters that 15 Israeli soldiers were killed in Jabalia.",
            15,
            "Israeli soldiers",
        ),
        (
            "The Israeli military told Reuters that 15 Hamas fighters were killed in Jabalia.",
            15,
            "Hamas fighters",
        ),
        (
            "More than 200 Palestinian prisoners were released on Saturday.",
            200,
            "Palestinian prisoners",
        ),
    ],
)
def test_subject_is_the_counted_words_as_written(
    read: Read, sentence: str, n: float, subject: str
) -> None:
    assert read(sentence).figure(n).subject == subject


@pytest.mark.parametrize(
    ("sentence", "n", "actors"),
    [
        ("Israeli forces killed four Palestinians in Tulkarm on 3 March.", 4, {"idf", "israel"}),
        (
            "Three Palestinians were shot dead by Israeli troops near the fence on Sunday.",
            3,
            {"idf", "israel"},
        ),
        (
            "Hamas fired 35 rockets at Sderot this morning, the Israeli military said.",
            35,
            {"hamas", "qassam-brigades"},
        ),
        ("The RSF shelled the camp, killing at least 40 people, activists said.", 40, {"rsf"}),
        ("Hamas released 13 hostages on Friday, Qatar said.", 13, {"hamas"}),
        ("Israel released 39 prisoners on Friday, Qatar said.", 39, {"israel"}),
        (
            "Nearly 500 people were injured in the clashes, according to the Red Crescent.",
            500,
            {None},
        ),
        (
            "A boy was among four people killed in an Israeli strike on Tyre, officials said.",
            4,
            {"idf", "israel"},
        ),
        ("Hamas's raid on 7 October, which killed 1,200 people, began the war.", 1200, {"hamas"}),
        ("Two arms sales approved by the US president were made public.", 2, {"usa"}),
    ],
)
def test_actor_is_who_is_said_to_have_done_it(
    read: Read, sentence: str, n: float, actors: set[str | None]
) -> None:
    assert who(read(sentence).figure(n).actor) in actors


def test_a_count_has_no_actor_of_its_own(read: Read) -> None:
    figure = read("The number of trucks entering Gaza does not exceed 100 a day, the UN said.")
    assert figure.figure(100).actor is None


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("Nine children were among the dead, the hospital said.", 9),  # they did not kill
        ("The clinic said it received 30 bodies overnight.", 30),  # nor did the clinic
        ("Of the raids, 12 took place on Sunday, leaving 9 people dead.", 9),  # a number
        ("The strike killed two people and wounded six, medics said.", 2),  # no party named
        ("Seventeen people were wounded in the Kadugli attack, the army said.", 17),  # a place
    ],
)
def test_words_that_cannot_act_are_no_actor(read: Read, sentence: str, n: float) -> None:
    assert read(sentence).figure(n).actor is None


def test_places_taken_are_not_hostages(read: Read) -> None:
    extraction = read(
        "The Russian defence ministry said its forces had taken two villages near Pokrovsk."
    )
    assert all(f.metric != "hostages_held" for f in extraction.figures), extraction.summary()


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The negotiators met at 10 am in Doha on 22 November 2023.", id="time, date"),
        pytest.param("Resolution 2334 was adopted by the Security Council in 2016.", id="year"),
        pytest.param(
            "A 12-year-old boy was killed by Israeli gunfire in Jenin, the ministry said.",
            id="age, hyphenated",
        ),
        pytest.param(
            "An eight-year-old girl and her 70-year-old grandmother were among the dead.",
            id="ages in words and digits",
        ),
        pytest.param(
            "The convoy waited at the checkpoint for three days before it was turned back.",
            id="duration",
        ),
        pytest.param("For the second day in a row, the crossing stayed closed.", id="ordinal"),
        pytest.param("Two officials said the talks would resume in Doha.", id="count of sources"),
        pytest.param(
            "Three diplomats familiar with the talks said a deal was close.",
            id="count of sources with a description",
        ),
    ],
)
def test_numbers_that_are_not_figures(read: Read, sentence: str) -> None:
    assert read(sentence).figures == []


def test_count_of_sources_is_no_figure_but_their_number_is(read: Read) -> None:
    extraction = read("Two Israeli officials said the army had carried out 10 strikes.")
    assert [f.value.n for f in extraction.figures] == [10]
    assert extraction.figure(10).metric == "strikes"


def test_reading_marks_a_count_of_sources(parser: Language) -> None:
    doc = parser("Two officials said the talks would resume in Doha.")
    reading = read_number(doc, doc[0], None)
    assert reading.counted_is_source


def test_reading_names_the_counted_noun_and_the_agent(parser: Language) -> None:
    doc = parser("Israeli forces killed four Palestinians in Tulkarm.")
    four = next(token for token in doc if token.text == "four")
    reading = read_number(doc, four, None)
    assert reading.metric == "killed"
    assert reading.subject == "Palestinians"
    assert reading.actor_token is not None
    assert reading.actor_token.text == "forces"
    assert not reading.counted_is_source
