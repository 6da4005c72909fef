"""Places in real sentences: spellings, sides, relations, zones, and texts that must not crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.extract.places import PlaceMention, find_places, resolve_place, zone_of
from ceasefire.records import Place


def _only(text: str) -> PlaceMention:
    mentions = find_places(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("spellings", "place_id", "name"),
    [
        (["Khan Younis", "Khan Yunis", "Khan-Younis"], "khan-younis", "Khan Younis"),
        (["Jabalia", "Jabalya", "Jabalia refugee camp"], "jabalia", "Jabalia"),
        (["Deir al-Balah", "Deir el-Balah", "Deir Al Balah"], "deir-al-balah", "Deir al-Balah"),
        (["Beit Hanoun", "Beit Hanun"], "beit-hanoun", "Beit Hanoun"),
        (["Beit Lahia", "Beit Lahiya"], "beit-lahia", "Beit Lahia"),
        (["al-Mawasi", "Al-Mawasi", "el-Mawasi", "Mawasi"], "al-mawasi", "al-Mawasi"),
        (["Kyiv", "Kiev"], "kyiv", "Kyiv"),
        (["Odesa", "Odessa"], "odesa", "Odesa"),
        (["El Fasher", "El-Fasher", "Al-Fashir", "al-Fashir"], "el-fasher", "El Fasher"),
        (["Finote Selam", "Fnote Salam"], "finote-selam", "Finote Selam"),
        (["Naqoura", "Naqura"], "naqoura", "Naqoura"),
        (["Dahiyeh", "Beirut's southern suburbs", "Beirut’s southern suburbs"], "dahiyeh",
         "Beirut's southern suburbs"),
        (["the West Bank", "West Bank"], "west-bank", "West Bank"),
        (["US", "U.S.", "USA", "United States"], "united-states", "United States"),
    ],
)  # fmt: skip
def test_every_spelling_of_a_place_resolves_to_one_id(
    spellings: list[str], place_id: str, name: str
) -> None:
    for spelling in spellings:
        mention = _only(f"Strikes were reported in {spelling} on Sunday.")
        assert (mention.id, mention.place.name) == (place_id, name), spelling
        resolved = resolve_place(spelling)
        assert resolved is not None and resolved.name == name, spelling


def test_a_mention_carries_the_registry_place_and_its_precision() -> None:
    text = "Israeli forces shelled Khan Younis, the Gaza Strip, Lebanon and North Darfur."
    found = {m.as_written: (m.place, m.precision) for m in find_places(text)}
    assert found["Khan Younis"] == (
        Place("Khan Younis", 281124, 31.3402, 34.3063, "PS"),
        "point",
    )
    assert found["Gaza Strip"][1] == "region"
    assert found["Lebanon"] == (Place("Lebanon", 272103, None, None, "LB"), "country")
    assert found["North Darfur"][1] == "district"


def test_spans_point_at_the_words_as_written() -> None:
    text = "Palestinian media reported strikes across the enclave, including in Rafah."
    mentions = find_places(text)
    assert [m.as_written for m in mentions] == ["the enclave", "Rafah"]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.as_written


def test_east_of_khan_younis_keeps_the_relation() -> None:
    text = "Israeli occupation military carried out ten airstrikes east of Khan Younis"
    mention = _only(text)
    assert (mention.place.name, mention.relation) == ("Khan Younis", "east of")


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("an Israeli enemy strike hit the village of Kfarjouz", None),
        ("an “Israeli enemy strike” hit a car near the town of Kfarjouz", "near"),
        ("tanks massed on the outskirts of Kfarjouz", "on the outskirts of"),
        ("a drone strike 10 km north-east of Kfarjouz", "north-east of"),
        ("Five people were killed in an attack on Kfarjouz", "on"),
        ("In Kfarjouz, residents fled", "in"),
    ],
)
def test_the_words_before_a_place_give_its_relation(text: str, relation: str | None) -> None:
    assert _only(text).relation == relation


def test_places_listed_together_share_the_relation() -> None:
    text = "four Palestinians were killed by Israeli army fire in Gaza City and Khan Younis"
    assert [(m.as_written, m.relation) for m in find_places(text)] == [
        ("Gaza City", "in"),
        ("Khan Younis", "in"),
    ]


@pytest.mark.parametrize(
    ("text", "as_written"),
    [
        ("aid trucks reached northern Gaza on Wednesday", "northern Gaza"),
        ("aid trucks reached north Gaza on Wednesday", "north Gaza"),
        ("200,000 returned to the north of the Gaza Strip", "the north of the Gaza Strip"),
        ("strikes hit Gaza’s north", "Gaza’s north"),
        ("in the northern Gaza Strip", "northern Gaza Strip"),
    ],
)
def test_sides_of_gaza_are_northern_gaza(text: str, as_written: str) -> None:
    mention = _only(text)
    assert (mention.as_written, mention.id, mention.precision) == (
        as_written,
        "northern-gaza",
        "district",
    )


@pytest.mark.parametrize(
    "text",
    [
        "strikes on southern Lebanon",
        "a vehicle in south Lebanon",
        "targets throughout Southern Lebanon",
        "infrastructure in Lebanon's south and east",
        "drone strikes on two southern Lebanese towns",
    ],
)
def test_sides_of_lebanon_are_southern_lebanon(text: str) -> None:
    assert _only(text).id == "southern-lebanon"


def test_a_side_the_registry_lacks_is_a_part_of_its_place() -> None:
    mention = _only("Tanks pushed into eastern Khan Younis overnight")
    assert mention.place.name == "eastern Khan Younis"
    assert (mention.id, mention.part_of, mention.precision) == (None, "khan-younis", "district")
    assert mention.place.country == "PS" and mention.place.geonames_id is None


def test_names_that_start_with_a_side_are_names_not_sides() -> None:
    text = "envoys from South Sudan, North Korea and East Jerusalem met in the West Bank"
    found = [(m.as_written, m.part_of) for m in find_places(text)]
    assert found == [
        ("South Sudan", None),
        ("North Korea", None),
        ("East Jerusalem", None),
        ("West Bank", None),
    ]


def test_the_countrys_south_names_no_place() -> None:
    assert find_places("a child was among three people killed in the country’s south") == []


def test_a_town_before_region_is_the_area_around_it() -> None:
    explicit = _only("a Russian drone hit an energy substation in the Sumy region")
    assert (explicit.id, explicit.precision) == ("sumy-oblast", "district")
    derived = _only("drone attacks occurred in Fnote Salam region")
    assert (derived.place.name, derived.part_of) == ("Finote Selam region", "finote-selam")


def test_no_place_is_found_inside_a_word() -> None:
    assert find_places("Israeli and Lebanese officials met Gazans, Omanis and Syrians") == []
    assert [m.as_written for m in find_places("the Israel-Lebanon border")] == [
        "Israel",
        "Lebanon",
    ]


def test_place_names_must_be_capitalized() -> None:
    assert find_places("they told us the gaza strip and israel") == []
    assert [m.as_written for m in find_places("Us and the US")] == ["US"]


def test_words_that_name_towns_elsewhere_are_not_places() -> None:
    text = "Most residents said Antony Blinken and Vladimir Putin discussed Fano forces"
    assert find_places(text) == []


def test_actors_named_after_places_are_still_mentions_for_the_caller() -> None:
    assert _only("Israel said it intercepted a rocket").id == "israel"


def test_the_enclave_names_gaza_only_in_a_text_about_gaza() -> None:
    assert [m.as_written for m in find_places("strikes across the enclave and Goma")] == ["Goma"]
    text = "Aid entered Gaza on Sunday. Trucks crossed into the enclave at Kerem Shalom."
    found = [(m.as_written, m.id, m.relation) for m in find_places(text)]
    assert found == [
        ("Gaza", "gaza-strip", None),
        ("the enclave", "gaza-strip", "into"),
        ("Kerem Shalom", "kerem-shalom", "at"),
    ]


def test_larger_cities_come_from_geonames() -> None:
    mention = find_places("Bangkok : Myanmar's junta has confirmed")[0]
    assert (mention.place.country, mention.place.geonames_id) == ("TH", 1609350)
    assert mention.id == "geonames-1609350"


def test_resolve_place_takes_near_misses_and_refuses_lists() -> None:
    resolved = resolve_place("Dier al-Balah")
    assert resolved is not None and resolved.name == "Deir al-Balah"
    assert resolve_place("Gaza City|Khan Younis") is None
    assert resolve_place("the enclave") is None
    assert resolve_place("") is None


@pytest.mark.parametrize(
    ("place", "zone"),
    [
        ("jabalia", "gaza-north"),
        ("gaza-city", "gaza-north"),
        ("khan-younis", "gaza-south"),
        ("nuseirat", "gaza-south"),
        ("tyre", "lebanon-south-of-litani"),
        ("nabatieh", None),
        ("gaza-strip", None),
        ("no-such-place", None),
    ],
)
def test_zone_of_a_place_id(place: str, zone: str | None) -> None:
    assert zone_of(place) == zone


def test_zone_of_a_record_place_or_a_part_of_one() -> None:
    assert zone_of(Place("Khan Younis", 281124, 31.34, 34.31, "PS")) == "gaza-south"
    assert zone_of(Place("Beit Hanoun")) == "gaza-north"
    assert zone_of(_only("fighting in eastern Khan Younis")) == "gaza-south"
    assert zone_of(_only("fighting in southern Lebanon")) is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_text_crashes_the_finder(text: str) -> None:
    for mention in find_places(text):
        assert text[mention.start : mention.end] == mention.as_written
    resolve_place(text)
    zone_of(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["the", "north", "of", "Gaza", "'s", "al-", "US", " ", "-", ","])))
def test_no_arrangement_of_place_words_crashes_the_finder(words: list[str]) -> None:
    text = " ".join(words)
    for mention in find_places(text):
        assert text[mention.start : mention.end] == mention.as_written


def test_the_region_is_the_last_region_named_before() -> None:
    text = "Tensions rose across the Middle East. Two carriers were sent to the region."
    assert [m.place.name for m in find_places(text)] == ["Middle East", "Middle East"]


def test_the_country_is_the_country_of_the_last_place_named() -> None:
    text = "Drones struck Kharkiv overnight. Power cuts hit the country's east on Monday."
    found = [m.place.name for m in find_places(text)]
    assert found == ["Kharkiv", "eastern Ukraine"]


def test_the_region_with_nothing_named_before_is_no_place() -> None:
    assert find_places("Carriers were sent to the region.") == []


def test_the_town_is_the_last_town_named_before() -> None:
    text = "Tanks moved toward Khan Younis. Witnesses heard shelling in the east of the town."
    found = [m.place.name for m in find_places(text)]
    assert found == ["Khan Younis", "Khan Younis"]
