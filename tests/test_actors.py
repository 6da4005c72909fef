"""The actor registry: both sides' wording resolves to one neutral id; bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.extract.actors import ActorRegistry, default_registry, load_registry
from ceasefire.records import Actor
from ceasefire.settings import get_settings


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return load_registry([])


@pytest.mark.parametrize(
    ("words", "actor_id"),
    [
        # Israel and its military, in the words of its opponents and its own.
        ("the Zionist entity", "israel"),
        ("the Tel Aviv regime", "israel"),
        ("the terrorist Zionist state", "israel"),
        ("the racist Zionist entity", "israel"),
        ("the Israeli enemy", "israel"),
        ("the Israeli occupation authorities", "israel"),
        ("the Jewish state", "israel"),
        ("Israel", "israel"),
        ("occupation forces", "idf"),
        ("the IOF", "idf"),
        ("the Israeli Occupation Force", "idf"),
        ("Israeli occupation military", "idf"),
        ("the IDF", "idf"),
        ("the Israel Defence Forces (IDF)", "idf"),
        ("Israeli troops", "idf"),
        ("Zionist forces", "idf"),
        ("Israel’s military", "idf"),
        # Hamas, in the words of its supporters and its enemies.
        ("the resistance movement", "hamas"),
        ("the Palestinian resistance movement Hamas", "hamas"),
        ("Hamas-run", "hamas"),
        ("Hamas-run authorities", "hamas"),
        ("Hamas terrorists", "hamas"),
        ("the Islamic Resistance Movement", "hamas"),
        ("Hamas' armed wing", "qassam-brigades"),
        ("the Hamas-run health ministry", "gaza-ministry-of-health"),
        ("the Ministry of Health in Gaza", "gaza-ministry-of-health"),
        ("Gaza's Government Media Office", "gaza-government-media-office"),
        # Lebanon, Yemen, and the wars beyond the Middle East.
        ("the Islamic Resistance in Lebanon", "hezbollah"),
        ("Hizbollah", "hezbollah"),
        ("Lebanon's Iran-backed Hezbollah group", "hezbollah"),
        ("Lebanon's army", "lebanese-armed-forces"),
        ("the Lebanese health ministry", "lebanese-health-ministry"),
        ("Ansar Allah", "houthis"),
        ("Yemen's Houthis", "houthis"),
        ("Daesh", "islamic-state"),
        ("the Kyiv regime", "ukraine"),
        ("Rashists", "russian-armed-forces"),
        ("Russia’s defence ministry", "russian-defence-ministry"),
        ("the paramilitary Rapid Support Forces", "rsf"),
        ("the Sudanese army", "saf"),
        ("Rwanda-backed M23 rebels", "m23"),
        ("Myanmar's military junta", "tatmadaw"),
        ("Fano militia", "fano"),
        # The United States, bodies and outlets.
        ("US officials", "usa"),
        ("the U.S.", "usa"),
        ("the Americans", "usa"),
        ("US imperialism", "usa"),
        ("the Biden administration", "usa"),
        ("Washington", "usa"),
        ("the United Nations Children’s Fund (UNICEF)", "unicef"),
        ("the UN agency for Palestinian refugees", "unrwa"),
        ("the UN Office for the Coordination of Humanitarian Affairs", "ocha"),
        ("the U.N. health agency", "who"),
        ("THE DAILY Telegraph", "daily-telegraph"),
        ("the Wall Street Journal", "wall-street-journal"),
        ("Lebanon’s al-Mayadeen news channel", "al-mayadeen"),
    ],
)
def test_partisan_and_neutral_wording_resolve_to_one_id(
    registry: ActorRegistry, words: str, actor_id: str
) -> None:
    actor = registry.resolve(words)
    assert actor.id == actor_id
    assert actor.as_written == words


def test_actor_carries_neutral_name_beside_the_documents_words(registry: ActorRegistry) -> None:
    assert registry.resolve("the so-called ‘Zionist state’") == Actor(
        "israel", "Israel", "the so-called ‘Zionist state’"
    )
    assert registry.resolve("the IOF").name == "Israel Defense Forces"


@pytest.mark.parametrize(
    ("words", "actor_id"),
    [
        ("two Israeli officials", "israel"),
        ("these Zionist officials", "israel"),
        ("Congo’s government", "drc"),
        ("Egyptian mediators", "egypt"),
        ("UN officials", "un"),
        ("Iranian army", "iranian-armed-forces"),
        ("Qatari forces", "qatar"),
    ],
)
def test_a_demonym_before_a_descriptor_names_the_state_or_its_military(
    registry: ActorRegistry, words: str, actor_id: str
) -> None:
    assert registry.resolve(words).id == actor_id


def test_a_person_named_with_a_title_is_the_person(registry: ActorRegistry) -> None:
    assert registry.resolve("US President Joe Biden").id == "joe-biden"
    assert registry.resolve("Hamas official Basem Naim").id == "basem-naim"
    assert registry.resolve("Israeli Defense Minister Israel Katz").id == "israel-katz"


def test_a_name_that_only_qualifies_another_word_is_not_the_actor(
    registry: ActorRegistry,
) -> None:
    assert registry.resolve("a Lebanon-based Hamas official").id == "hamas"
    assert registry.resolve("Benjamin Netanyahu’s national security adviser").id is None
    assert registry.resolve("a US-brokered truce").id is None


def test_spelling_variants_of_long_names_are_matched(registry: ActorRegistry) -> None:
    assert registry.resolve("Khalil Al Hayya").id == "khalil-al-hayya"
    assert registry.resolve("President Volodymyr Zelenskiy").id == "volodymyr-zelensky"
    assert registry.resolve("Ismail Haniye").id == "ismail-haniyeh"


def test_an_unknown_name_keeps_no_id_and_its_words(registry: ActorRegistry) -> None:
    assert registry.resolve("Yona Efraim Feldbaum") == Actor(
        None, "Yona Efraim Feldbaum", "Yona Efraim Feldbaum"
    )
    assert registry.resolve("the village council,") == Actor(
        None, "village council", "the village council,"
    )
    assert registry.resolve("Palestinian media").id is None


def test_the_pronoun_us_is_not_the_united_states(registry: ActorRegistry) -> None:
    assert registry.resolve("us").id is None
    text = "It is unacceptable for us to continue like this, US officials told the paper."
    assert [(actor.id, actor.as_written) for _, _, actor in registry.find(text)] == [
        ("usa", "US officials")
    ]


def test_who_the_pronoun_is_not_the_world_health_organization(registry: ActorRegistry) -> None:
    text = "Doctors who stayed said WHO staff had reached the hospital."
    assert [actor.id for _, _, actor in registry.find(text)] == ["who"]


def test_find_takes_the_longest_name_and_keeps_offsets(registry: ActorRegistry) -> None:
    text = (
        "Israeli occupation forces shelled the camp, the Hamas-run health ministry said, "
        "while the Washington Post quoted Osama Hamdan."
    )
    found = registry.find(text)
    assert [actor.id for _, _, actor in found] == [
        "idf",
        "gaza-ministry-of-health",
        "washington-post",
        "osama-hamdan",
    ]
    for start, end, actor in found:
        assert text[start:end] == actor.as_written


def test_find_ignores_names_that_only_stand_alone(registry: ActorRegistry) -> None:
    assert registry.find("Delegates met in Washington and Doha on Sunday.") == []
    assert registry.find("The resistance to the plan grew.") == []


def test_find_does_not_join_words_across_punctuation(registry: ActorRegistry) -> None:
    found = registry.find("Aid reached Israel. Army engineers cleared the road.")
    assert [actor.id for _, _, actor in found] == ["israel"]


def test_entries_give_kind_parent_and_gender(registry: ActorRegistry) -> None:
    assert registry.entry("idf").parent == "israel"
    assert registry.entry("gaza-ministry-of-health").parent == "gaza-authorities"
    assert registry.entry("benjamin-netanyahu").gender == "m"
    assert registry.kind_of(registry.resolve("the resistance movement")) == "armed_group"
    assert registry.kind_of(registry.resolve("Yona Efraim Feldbaum")) is None
    with pytest.raises(KeyError):
        registry.entry("atlantis")


def test_default_registry_is_loaded_once() -> None:
    assert default_registry() is default_registry()


@given(st.text(max_size=60))
def test_resolve_never_fails_and_keeps_the_words(words: str) -> None:
    registry = default_registry()
    assert registry.resolve(words).as_written == words
    for start, end, actor in registry.find(words):
        assert words[start:end] == actor.as_written


def _write(tmp_path: Path, text: str, name: str = "actors-mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_file_adds_aliases_and_entries(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "actors:\n"
        "  - id: israel\n"
        "    aliases: [the usurping occupation state]\n"
        "  - id: gaza-municipality\n"
        "    name: Gaza Municipality\n"
        "    kind: government\n"
        "    parent: gaza-authorities\n"
        "    aliases: [municipality of Gaza]\n",
    )
    registry = load_registry([path])
    assert registry.resolve("the usurping occupation state").id == "israel"
    assert registry.resolve("the municipality of Gaza").name == "Gaza Municipality"
    assert registry.resolve("the Zionist entity").id == "israel"


def test_user_files_come_from_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "actors:\n  - id: hamas\n    aliases: [the Gaza rulers]\n")
    _write(tmp_path, "verbs: [say]\n", name="reporting-mine.yaml")
    monkeypatch.setenv("CEASEFIRE_DATA", str(tmp_path))
    get_settings.cache_clear()
    try:
        assert load_registry().resolve("the Gaza rulers").id == "hamas"
    finally:
        get_settings.cache_clear()
