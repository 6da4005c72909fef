"""The spaCy pipelines: the full parser loaded once, a cheap splitter, the model a setting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from ceasefire.extract.pipeline import load_parser, load_splitter
from ceasefire.settings import Settings, get_settings


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """Settings read afresh in the test and forgotten after it."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_the_parser_is_loaded_once(parser: Language) -> None:
    assert load_parser() is parser
    assert load_parser() is load_parser()


def test_the_parser_tags_parses_and_names(parser: Language) -> None:
    assert {"tagger", "parser", "ner"} <= set(parser.pipe_names)
    doc = parser("Hamas fired rockets at Sderot.")
    assert [t.dep_ for t in doc if t.text == "Hamas"] == ["nsubj"]


def test_the_splitter_has_no_parser() -> None:
    splitter = load_splitter()
    assert splitter.pipe_names == ["sentencizer"]
    assert load_splitter() is splitter


def test_the_splitter_finds_sentences_without_a_parse() -> None:
    doc = load_splitter()("The truce began at 7am. Aid trucks entered Gaza an hour later.")
    assert [s.text for s in doc.sents] == [
        "The truce began at 7am.",
        "Aid trucks entered Gaza an hour later.",
    ]
    assert not doc.has_annotation("DEP")


def test_the_default_model_is_the_installed_one(parser: Language) -> None:
    assert parser.meta["name"] in Settings.spacy_model


def test_the_model_is_a_setting(monkeypatch: pytest.MonkeyPatch, fresh_settings: None) -> None:
    monkeypatch.setenv("CEASEFIRE_MODEL", "ceasefire_no_such_model")
    get_settings.cache_clear()
    # The uncached loader: the session's parser stays loaded for the other tests.
    with pytest.raises(ModuleNotFoundError, match="ceasefire_no_such_model"):
        load_parser.__wrapped__()
