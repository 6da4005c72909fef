"""Events read around their triggers: frames, tolls and strikes, who did it, and who says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest

from ceasefire.document import Document, normalize_text
from ceasefire.extract import extract
from ceasefire.records import Actor, Event

if TYPE_CHECKING:
    from conftest import Extraction

Read = Callable[[str], "Extraction"]


def events(extraction: Extraction) -> list[Event]:
    """The event records, in document order."""
    return [r for r in extraction.records if isinstance(r, Event)]


def types(extraction: Extraction) -> list[str]:
    """Each event's type, in order."""
    return [event.type for event in events(extraction)]


def only_event(extraction: Extraction) -> Event:
    """The one event of a text; fails with every event found if there is not one."""
    found = events(extraction)
    assert len(found) == 1, [(e.type, e.text) for e in found]
    return found[0]


def party(actor: Actor | None) -> str | None:
    """An actor's registry id, or None."""
    return actor.id if actor else None


def test_an_event_is_extracted_from_a_document_with_its_date(parser: object) -> None:
    text = "Israeli jets bombed a house in Deir al-Balah on Monday."
    document = Document(id="wire-1", text=normalize_text(text), published=date(2024, 1, 17))
    strikes = [r for r in extract(document) if isinstance(r, Event)]
    assert [(e.type, e.doc) for e in strikes] == [("airstrike", "wire-1")]
    assert strikes[0].date is not None
    assert (strikes[0].date.start, strikes[0].date.end) == (date(2024, 1, 15), date(2024, 1, 15))


@pytest.mark.parametrize(
    "text",
    [
        "Shops came back to life after the withdrawal of Israeli troops.",
        "Hundreds of families fled Rafah during the bombardment of the city.",
        "Shops have stayed shut since the arrest of the mayor.",
    ],
)
def test_a_nominal_frame_is_not_an_event(read: Read, text: str) -> None:
    assert types(read(text)) == []


def test_residents_returning_home_is_not_a_troop_movement(read: Read) -> None:
    found = read("Residents returned to their homes after the withdrawal of Israeli troops.")
    assert types(found) == []


def test_the_event_beside_a_frame_is_still_found(read: Read) -> None:
    found = read("Troops pulled back from the corridor after the withdrawal of tanks from Jabalia.")
    assert types(found) == ["troop_movement"]
    assert only_event(found).span[0] == 0  # "pulled back", not "the withdrawal"


@pytest.mark.parametrize(
    "text",
    [
        "The war has killed 30,000 people since October, the health ministry said.",
        "Israeli fire has killed more than 20,000 Palestinians in Gaza.",
        "Airstrikes kill about 100 people a day in the north, aid groups say.",
    ],
)
def test_a_cumulative_toll_is_not_a_killing_event(read: Read, text: str) -> None:
    assert "killing" not in types(read(text))


def test_a_bounded_killing_is_an_event_with_its_toll_place_and_day(read: Read) -> None:
    killing = only_event(read("Three people were killed in Jenin on Monday."))
    assert killing.type == "killing"
    assert killing.killed is not None and killing.killed.n == 3
    assert killing.place is not None and killing.place.name == "Jenin"
    assert killing.date is not None and killing.date.start == date(2024, 3, 4)


def test_a_killing_inside_a_strike_is_only_the_strike(read: Read) -> None:
    strike = only_event(read("Five people were killed in an Israeli airstrike on Rafah on Monday."))
    assert strike.type == "airstrike"
    assert party(strike.actor) == "israel"
    assert strike.killed is not None and strike.killed.n == 5


def test_an_accusation_names_the_accused_as_actor_and_the_accuser_as_claimant(read: Read) -> None:
    violation = only_event(read("Hamas accused Israel of violating the truce."))
    assert violation.type == "ceasefire_violation"
    assert party(violation.actor) == "israel"
    assert party(violation.claimant) == "hamas"


def test_the_mirror_accusation_swaps_actor_and_claimant(read: Read) -> None:
    violation = only_event(read("Israel accused Hamas of violating the truce."))
    assert violation.type == "ceasefire_violation"
    assert party(violation.actor) == "hamas"
    assert party(violation.claimant) == "israel"


def test_a_release_to_come_is_future(read: Read) -> None:
    release = only_event(read("Israel will release prisoners next week."))
    assert release.type == "prisoner_release"
    assert party(release.actor) == "israel"
    assert release.modality == "future"


def test_a_counted_release_to_come_is_future(read: Read) -> None:
    release = only_event(read("Israel will release 50 prisoners next week."))
    assert release.type == "prisoner_release"
    assert release.modality == "future"


def test_a_strike_that_did_not_happen_is_negated(read: Read) -> None:
    strike = only_event(read("Israel did not strike Rafah on Monday."))
    assert strike.type == "airstrike"
    assert strike.modality == "negated"


def test_an_asserted_strike_is_asserted(read: Read) -> None:
    strike = only_event(read("Israel struck Rafah on Monday, a military spokesman said."))
    assert strike.type == "airstrike"
    assert strike.modality == "asserted"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Israel struck Rafah on Monday.", "airstrike"),
        ("Gunmen shot a soldier near Hebron.", "shooting"),
    ],
)
def test_an_irregular_past_alone_in_its_sentence_is_an_event(
    read: Read, text: str, event_type: str
) -> None:
    assert types(read(text)) == [event_type]


def test_the_place_of_an_event_east_of_a_town_is_the_town(read: Read) -> None:
    raid = only_event(read("Israeli troops raided a clinic east of Khan Younis on Tuesday."))
    assert raid.type == "raid"
    assert raid.place is not None and raid.place.name == "Khan Younis"


def test_an_event_span_points_at_its_words(read: Read) -> None:
    found = read("Hezbollah fired a barrage of rockets at Kiryat Shmona.")
    rockets = only_event(found)
    assert rockets.type == "rocket_fire"
    assert party(rockets.actor) == "hezbollah"
    start, end = rockets.span
    assert found.document.text[start:end] == rockets.text
    assert rockets.text.startswith("Hezbollah fired")


def test_at_the_same_time_takes_the_day_of_the_events_before(read: Read) -> None:
    # The `read` fixture publishes on Thursday 2024-03-07.
    found = events(
        read(
            "Yesterday three people were killed in Jenin. At the same time, Israeli jets carried"
            " out airstrikes on Tulkarm."
        )
    )
    airstrike = next(event for event in found if event.type == "airstrike")
    assert airstrike.date is not None
    assert airstrike.date.start == date(2024, 3, 6)


def test_a_clock_time_dates_an_event_to_the_day_in_focus(read: Read) -> None:
    # Published on Thursday 2024-03-07; the sentence gives only a time of day.
    rockets = only_event(read("At 6:40 a.m., militants fired a barrage of rockets at Sderot."))
    assert rockets.type == "rocket_fire"
    assert rockets.date is not None and rockets.date.start == date(2024, 3, 7)


def test_a_participle_with_its_agent_reports_the_event(read: Read) -> None:
    transfer = only_event(read("The weapons handed to the militia by Iran were seized."))
    assert transfer.type == "arms_transfer"
    assert party(transfer.actor) == "iran"


def test_a_participle_describing_the_same_event_is_not_a_second_one(read: Read) -> None:
    talks = only_event(read("Truce negotiations, mediated by Egypt, stalled on Monday."))
    assert talks.type == "negotiation"
    assert party(talks.actor) == "egypt"


def test_a_verb_and_its_object_naming_one_transfer_are_one_event(read: Read) -> None:
    transfer = only_event(read("Washington approved 14 weapons sales to Israel last year."))
    assert transfer.type == "arms_transfer"


def test_a_re_mention_by_another_claimant_is_its_first_mention(read: Read) -> None:
    found = read(
        "Egypt said the truce negotiations resumed in Cairo. "
        "The UN envoy said he had joined the negotiations with Qatar."
    )
    assert types(found) == ["negotiation", "negotiation"]


def test_a_re_mention_that_is_the_topic_of_its_clause_is_no_event(read: Read) -> None:
    found = read(
        "The US authorised 100 weapons sales to Israel, officials said. "
        "The sales include bombs and shells, a senator said."
    )
    assert types(found) == ["arms_transfer"]


def test_who_came_under_fire_is_the_target_not_the_actor(read: Read) -> None:
    shooting = only_event(read("Israeli troops came under fire near Jenin on Monday."))
    assert shooting.type == "shooting"
    assert shooting.actor is None
    assert shooting.target is not None and "troops" in shooting.target.as_written


def test_a_party_named_by_a_partisan_noun_can_act(read: Read) -> None:
    strike = only_event(read("The occupation bombed a school in Rafah on Monday."))
    assert party(strike.actor) == "israel"


def test_a_since_clause_in_the_present_perfect_gives_a_reason_and_reports_its_event(
    read: Read,
) -> None:
    found = read(
        "Since Russia has fired 300 missiles at Kyiv this week, the city is short of power."
    )
    assert types(found) == ["rocket_fire"]


def test_a_temporal_since_clause_is_a_frame(read: Read) -> None:
    assert types(read("Since Russia fired 300 missiles at Kyiv, the city has been dark.")) == []


def test_two_triggers_telling_one_event_in_a_sentence_are_one_event(read: Read) -> None:
    found = read("The army released footage of a man firing at a jeep, claiming he shot at troops.")
    assert types(found) == ["shooting"]


def test_a_trigger_phrase_may_have_words_between_its_parts(read: Read) -> None:
    talks = only_event(read("Hamas has shown flexibility in dealing with the Egyptian mediators."))
    assert talks.type == "negotiation"


def test_in_violation_of_takes_the_doer_of_its_clause(read: Read) -> None:
    found = read("Israeli airstrikes have escalated in Lebanon in violation of the truce.")
    violation = next(e for e in events(found) if e.type == "ceasefire_violation")
    assert party(violation.actor) == "israel"


def test_a_doer_in_the_clause_a_preposition_belongs_to(read: Read) -> None:
    talks = only_event(read("Hamas has shown flexibility in dealing with the Egyptian mediators."))
    assert party(talks.actor) == "hamas"


def test_who_took_part_in_a_protest_is_its_actor(read: Read) -> None:
    protest = only_event(read("Protests involving thousands of students spread across Dhaka."))
    assert protest.type == "protest"
    assert protest.actor is not None and protest.actor.as_written.endswith("students")


def test_a_subject_the_parser_hangs_on_the_auxiliary_is_found(read: Read) -> None:
    violation = only_event(read("Hamas is ‘constantly violating’ the truce, officials said."))
    assert party(violation.actor) == "hamas"


@pytest.mark.parametrize(
    ("text", "denied", "named"),
    [
        ("It is not Hamas that has broken the truce but Israel.", "hamas", "israel"),
        ("It is not Israel but Hamas that violated the truce.", "israel", "hamas"),
    ],
)
def test_a_cleft_denies_the_event_of_one_party_and_asserts_it_of_the_other(
    read: Read, text: str, denied: str, named: str
) -> None:
    found = [(e.type, party(e.actor), e.modality) for e in events(read(text))]
    assert found == [
        ("ceasefire_violation", denied, "negated"),
        ("ceasefire_violation", named, "asserted"),
    ]


def test_an_event_measuring_a_stock_is_no_event(read: Read) -> None:
    assert types(read("The army only retains munitions for 10 days of fighting.")) == []


def test_targeting_with_fire_carries_the_attack_to_its_place_and_doer(read: Read) -> None:
    shelling = only_event(read("Hezbollah targeted Israeli troops in Metula with artillery fire."))
    assert shelling.type == "shelling"
    assert shelling.place is not None and shelling.place.name == "Metula"
    assert party(shelling.actor) == "hezbollah"
