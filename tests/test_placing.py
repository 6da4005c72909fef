"""Where an event or figure happened: what it acts on or a locative in its clause, not a party."""

from __future__ import annotations

from spacy.language import Language

from ceasefire.extract.placing import place_for, sentence_places
from ceasefire.extract.triggers import clause_of, find_triggers


def place_of_event(parser: Language, sentence: str, whole_sentence: bool = False) -> str | None:
    """The place name given to the one trigger of a sentence, or None."""
    doc = parser(sentence)
    found = find_triggers(doc)
    assert len(found) == 1, [(t.type, t.span.text) for t in found]
    head = found[0].head
    place = place_for(sentence_places(doc), head, clause_of(head), whole_sentence=whole_sentence)
    return place.name if place else None


def test_every_place_comes_with_the_token_that_ends_it(parser: Language) -> None:
    doc = parser("Israeli tanks shelled areas east of Khan Younis and Gaza City.")
    found = [(mention.place.name, token.text) for mention, token in sentence_places(doc)]
    assert found == [("Khan Younis", "Younis"), ("Gaza City", "City")]


def test_a_party_that_speaks_is_not_a_place(parser: Language) -> None:
    sentence = "Israel said troops had raided a hospital overnight."
    assert place_of_event(parser, sentence) is None
    assert place_of_event(parser, sentence, whole_sentence=True) is None


def test_a_place_after_in_is_the_place(parser: Language) -> None:
    sentence = "Israel said troops had raided a hospital in Rafah overnight."
    assert place_of_event(parser, sentence) == "Rafah"


def test_a_place_east_of_a_town_is_the_town(parser: Language) -> None:
    sentence = "Israeli tanks shelled areas east of Khan Younis on Tuesday."
    [(mention, _)] = sentence_places(parser(sentence))
    assert mention.relation == "east of"
    assert place_of_event(parser, sentence) == "Khan Younis"


def test_a_place_acted_on_is_the_events_place(parser: Language) -> None:
    assert place_of_event(parser, "Israeli jets bombed Gaza City overnight.") == "Gaza City"


def test_the_place_acted_on_outranks_another_place_in_the_clause(parser: Language) -> None:
    sentence = "Israeli jets bombed Gaza City after leaflets were dropped in Rafah."
    assert place_of_event(parser, sentence) == "Gaza City"


def test_the_speakers_country_gives_way_to_where_the_talks_are(parser: Language) -> None:
    assert place_of_event(parser, "Egypt said the talks would continue in Cairo.") == "Cairo"


def test_a_place_naming_a_ministry_is_not_where_people_were_killed(parser: Language) -> None:
    sentence = "The Gaza health ministry said 12 people were killed."
    assert place_of_event(parser, sentence) is None
    assert place_of_event(parser, sentence, whole_sentence=True) is None


def test_a_place_outside_the_clause_places_only_what_the_whole_sentence_qualifies(
    parser: Language,
) -> None:
    sentence = "Israeli jets bombed a house overnight, residents in Rafah said."
    assert place_of_event(parser, sentence) is None  # an event: only its own clause
    assert place_of_event(parser, sentence, whole_sentence=True) == "Rafah"  # a figure


def test_no_place_mentioned_is_no_place(parser: Language) -> None:
    assert place_of_event(parser, "Soldiers arrested four men before dawn.") is None


def test_a_place_in_an_infinitive_clause_is_another_events(parser: Language) -> None:
    sentence = "The refusal by donors to send monitors into Jenin left the airstrikes unchecked."
    assert place_of_event(parser, sentence) is None


def test_a_participle_shares_the_place_of_what_it_describes(parser: Language) -> None:
    sentence = "Sirens sounded as five rockets were detected coming from Lebanon."
    assert place_of_event(parser, sentence) == "Lebanon"


def test_a_record_place_keeps_its_precision_and_relation(parser: Language) -> None:
    doc = parser("Israeli tanks shelled areas east of Khan Younis on Tuesday.")
    [trigger] = find_triggers(doc)
    place = place_for(sentence_places(doc), trigger.head, clause_of(trigger.head))
    assert place is not None
    assert (place.name, place.precision, place.relation) == ("Khan Younis", "point", "east of")


def test_a_place_in_a_subordinate_clause_tells_another_event(parser: Language) -> None:
    sentence = "Hezbollah has traded fire with Israel since Hamas attacked towns near Gaza."
    doc = parser(sentence)
    clash = next(t for t in find_triggers(doc) if t.type == "armed_clash")
    assert place_for(sentence_places(doc), clash.head, clause_of(clash.head)) is None


def test_a_place_phrase_the_parser_splits_hangs_from_its_preposition(parser: Language) -> None:
    sentence = (
        "The ministry said a child was among three people killed in an Israeli strike in "
        "Lebanon’s south on Thursday."
    )
    doc = parser(sentence)
    strike = next(t for t in find_triggers(doc) if t.type == "airstrike")
    place = place_for(sentence_places(doc), strike.head, clause_of(strike.head))
    assert place is not None and place.name == "southern Lebanon"


def test_a_clause_without_its_auxiliary_shares_its_place_with_the_one_before(
    parser: Language,
) -> None:
    sentence = "Twelve villagers were killed and 30 wounded in Kadugli on Monday, the army said."
    doc = parser(sentence)
    killing = next(t for t in find_triggers(doc) if t.type == "killing")
    place = place_for(sentence_places(doc), killing.head, clause_of(killing.head))
    assert place is not None and place.name == "Kadugli"
