"""Actor names: words compared without case, accents or dots, and found in one pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ceasefire.extract.actor_names import (
    NameTrie,
    clean_words,
    join_names,
    parse_name,
    qualifies_another,
    tokenize,
)


def test_keys_ignore_case_accents_and_dots() -> None:
    assert [token.key for token in tokenize("the U.S. and Zelenskyy’s Kyïv")] == [
        "the",
        "us",
        "and",
        "zelenskyy",
        "'s",
        "kyiv",
    ]


def test_words_joined_by_punctuation_other_than_hyphens_are_not_one_name() -> None:
    assert parse_name("hamas", "Hamas-run") is not None
    assert parse_name("unicef", "UN, children") is None
    assert parse_name("x", "...") is None


def test_short_acronyms_match_only_in_capitals() -> None:
    usa = parse_name("usa", "US")
    assert usa is not None
    trie = NameTrie([usa])
    assert list(trie.matches(tokenize("US officials"), 0)) == [(1, usa)]
    assert list(trie.matches(tokenize("us officials"), 0)) == []


def test_the_trie_gives_every_name_at_a_start_shortest_first() -> None:
    israel, israeli_army = parse_name("israel", "Israel"), parse_name("idf", "Israel army")
    assert israel is not None and israeli_army is not None
    trie = NameTrie([israeli_army, israel])
    found = [name.id for _, name in trie.matches(tokenize("Israel army units"), 0)]
    assert found == ["israel", "idf"]


def test_joined_names_keep_the_capitals_of_both() -> None:
    first, second = parse_name("un", "UN"), parse_name("", "officials")
    assert first is not None and second is not None
    joined = join_names("un", first, second)
    assert joined.keys == ("un", "officials")
    assert joined.fits(tokenize("UN officials"), 0)
    assert not joined.fits(tokenize("un officials"), 0)


def test_clean_words_drops_quote_marks_so_called_determiners_and_possessives() -> None:
    assert clean_words("the so-called “Zionist entity”") == "Zionist entity"
    assert clean_words("Israel’s") == "Israel"
    assert clean_words("  these Hamas officials. ") == "Hamas officials"


def test_a_name_before_a_possessive_or_hyphenated_word_qualifies_another() -> None:
    text = "Lebanon-based Hamas official"
    assert qualifies_another(text, tokenize(text), 1)
    text = "Netanyahu's adviser"
    assert qualifies_another(text, tokenize(text), 1)
    text = "Hamas said"
    assert not qualifies_another(text, tokenize(text), 1)


@given(st.text(max_size=60))
def test_tokens_point_into_the_text(text: str) -> None:
    previous_end = 0
    for token in tokenize(text):
        assert previous_end <= token.start < token.end <= len(text)
        previous_end = token.end
