"""Pronoun antecedents: who "it", "he" and "they" stand for when they act in an event."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Token

from ceasefire.extract.coreference import antecedent, is_third_person
from ceasefire.records import Event

if TYPE_CHECKING:
    from conftest import Extraction

Read = Callable[[str], "Extraction"]


def never_person(token: Token) -> bool:
    return False


def resolve(parser: Language, *sentences: str, pronoun: str = "it") -> str | None:
    """The antecedent's text for the first `pronoun` of the last sentence."""
    docs = [parser(sentence) for sentence in sentences]
    *earlier, last = docs
    token = next(t for t in last if t.lower_ == pronoun)
    found = antecedent(token, earlier, never_person)
    return found.text if found is not None else None


def test_it_takes_the_subject_of_the_sentence_before(parser: Language) -> None:
    assert (
        resolve(parser, "The US has backed Israel for months.", "Now it is airdropping aid.")
        == "US"
    )


def test_it_in_a_report_takes_the_reporting_subject(parser: Language) -> None:
    assert resolve(parser, "Hezbollah said it fired rockets at a base.") == "Hezbollah"


def test_the_main_clause_subject_outranks_a_later_one(parser: Language) -> None:
    found = resolve(
        parser,
        "The army may stop the raids if it believes that the rebels are retreating.",
        "Officials said it would not release the prisoners.",
    )
    assert found == "army"


def test_he_takes_a_person_not_a_party(parser: Language) -> None:
    found = resolve(
        parser, "The army released a video of a man claiming he was shooting.", pronoun="he"
    )
    assert found == "man"


def test_they_takes_a_plural_party(parser: Language) -> None:
    found = resolve(
        parser, "Israeli forces entered the camp at dawn.", "They arrested six men.", pronoun="they"
    )
    assert found == "forces"


def test_a_pronoun_with_nothing_before_it_stays_unresolved(parser: Language) -> None:
    assert resolve(parser, "It was shelled overnight.") is None


def test_only_third_person_pronouns_are_resolved() -> None:
    assert is_third_person("Its") and is_third_person("they")
    assert not is_third_person("we") and not is_third_person("Hamas")


def test_an_event_actor_named_by_a_pronoun_is_its_antecedent(read: Read) -> None:
    extraction = read("The United States has backed Israel for months. Now it is airdropping aid.")
    delivery = [r for r in extraction.records if isinstance(r, Event)]
    assert [(e.type, e.actor.id if e.actor else None) for e in delivery] == [
        ("aid_delivery", "usa")
    ]
