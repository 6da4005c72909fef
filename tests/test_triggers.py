"""Event triggers: the words that report an event, one per event, and the context they need."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from spacy.language import Language

from ceasefire.extract.triggers import Trigger, TriggerFile, find_triggers, requirement_met

NO_DOCUMENT: frozenset[str] = frozenset()


def triggers(parser: Language, sentence: str) -> list[tuple[str, str]]:
    """Each trigger of a sentence as (type, words)."""
    return [(t.type, t.span.text) for t in find_triggers(parser(sentence))]


def only_trigger(parser: Language, sentence: str) -> Trigger:
    """The one trigger of a sentence; fails with all of them if there is not exactly one."""
    found = find_triggers(parser(sentence))
    assert len(found) == 1, [(t.type, t.span.text) for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "event_type", "words"),
    [
        ("Israeli jets carried out airstrikes on Rafah overnight.", "airstrike", "airstrikes"),
        ("Israeli warplanes bombed a house in Deir al-Balah.", "airstrike", "bombed"),
        ("Hezbollah fired a barrage of rockets at Kiryat Shmona.", "rocket_fire", "fired"),
        ("The ceasefire took effect at 7am on Friday.", "ceasefire_start", "took effect"),
        ("Israel dropped 80 tonnes of bombs on Khan Younis.", "airstrike", "dropped"),
        ("Soldiers arrested four men in Nablus before dawn.", "arrest", "arrested"),
    ],
)
def test_one_event_is_one_trigger(
    parser: Language, sentence: str, event_type: str, words: str
) -> None:
    assert triggers(parser, sentence) == [(event_type, words)]


def test_rockets_fired_are_not_counted_again_as_a_rocket_word(parser: Language) -> None:
    # "fired a barrage of rockets": the object words belong to the verb's trigger.
    assert [t for t, _ in triggers(parser, "Hamas fired a salvo of rockets at Sderot.")] == [
        "rocket_fire"
    ]


def test_tonnes_of_bombs_dropped_are_one_airstrike(parser: Language) -> None:
    found = only_trigger(parser, "Israel dropped 80 tonnes of bombs on Khan Younis")
    assert found.type == "airstrike"
    assert found.head.text == "dropped"


def test_the_head_is_the_token_the_arguments_attach_to(parser: Language) -> None:
    found = only_trigger(parser, "The ceasefire took effect at 7am.")
    assert found.head.lemma_ == "take"


def test_two_events_in_one_sentence_are_two_triggers_in_order(parser: Language) -> None:
    found = triggers(parser, "Israeli troops arrested two men in Jenin and demolished their home.")
    assert [t for t, _ in found] == ["arrest", "demolition"]


def test_a_sentence_without_an_event_has_no_trigger(parser: Language) -> None:
    assert triggers(parser, "The minister spoke to reporters in Cairo on Sunday.") == []


def test_a_beginning_without_a_ceasefire_is_not_a_ceasefire_start(parser: Language) -> None:
    began = only_trigger(parser, "The school year began on Sunday.")
    assert began.type == "ceasefire_start"  # the word matches ...
    assert not requirement_met(began, NO_DOCUMENT)  # ... but nothing in it is a ceasefire


def test_a_truce_that_began_is_a_ceasefire_start(parser: Language) -> None:
    began = only_trigger(parser, "The truce began on Sunday morning.")
    assert requirement_met(began, NO_DOCUMENT)


def test_an_event_that_needs_no_context_always_meets_it(parser: Language) -> None:
    strike = only_trigger(parser, "Israeli jets bombed Gaza City overnight.")
    assert requirement_met(strike, NO_DOCUMENT)


def test_a_violation_may_take_its_ceasefire_from_the_document(parser: Language) -> None:
    breach = only_trigger(parser, "Israel said Hamas had violated it twice.")
    assert breach.type == "ceasefire_violation"
    assert not requirement_met(breach, NO_DOCUMENT)
    assert requirement_met(breach, frozenset({"truce", "hamas"}))


def test_a_ceasefire_start_may_not_take_its_ceasefire_from_the_document(
    parser: Language,
) -> None:
    began = only_trigger(parser, "The school year began on Sunday.")
    assert not requirement_met(began, frozenset({"ceasefire"}))


def test_the_vocabulary_rejects_an_unknown_event_type() -> None:
    with pytest.raises(ValidationError, match="unknown event type.*picnic"):
        TriggerFile.model_validate(
            {
                "types": {"airstrike": {"phrases": [["airstrike"]]}, "picnic": {"phrases": []}},
                "requires": {},
                "document_context": [],
            }
        )


def test_requirements_of_an_unknown_event_type_are_rejected() -> None:
    with pytest.raises(ValidationError, match="unknown event type.*truce_talk"):
        TriggerFile.model_validate(
            {"types": {}, "requires": {"truce_talk": ["truce"]}, "document_context": []}
        )


def test_the_vocabulary_accepts_schema_event_types() -> None:
    words = TriggerFile.model_validate(
        {
            "types": {"rocket_fire": {"phrases": [["rocket"]], "objects": {"fire": ["rocket"]}}},
            "requires": {"ceasefire_start": ["truce"]},
            "document_context": [],
        }
    )
    assert words.types["rocket_fire"].objects == {"fire": ["rocket"]}


def test_a_gap_in_a_trigger_phrase_does_not_cross_a_comma(parser: Language) -> None:
    doc = parser("In exchange for the three hostages, Israel freed 183 Palestinian prisoners.")
    assert [t.type for t in find_triggers(doc)] == ["prisoner_release"]


def test_a_gap_spans_hyphenated_modifiers(parser: Language) -> None:
    doc = parser("Hezbollah has been trading near-daily cross-border fire with Israeli forces.")
    assert [t.type for t in find_triggers(doc)] == ["armed_clash"]


def test_a_month_is_no_march_but_a_march_is(parser: Language) -> None:
    assert triggers(parser, "Two soldiers were killed on March 12, 2025, officials said.") == [
        ("killing", "killed")
    ]
    assert ("protest", "march") in triggers(parser, "Thousands joined a march in Tel Aviv.")
