"""Sentences: spans into the normalized text, never across a line break."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.extract.sentences import split_sentences

REPORT = (
    "The truce held overnight in Gaza City. Aid trucks entered through Kerem Shalom at dawn.\n"
    "Mr. Guterres said the pause must become a ceasefire. He did not say when.\n\n"
    "“We are tired,” a resident of Rafah said."
)


def test_sentences_are_found_in_order() -> None:
    assert [s.text for s in split_sentences(REPORT)] == [
        "The truce held overnight in Gaza City.",
        "Aid trucks entered through Kerem Shalom at dawn.",
        "Mr. Guterres said the pause must become a ceasefire.",
        "He did not say when.",
        "“We are tired,” a resident of Rafah said.",
    ]


def test_spans_index_the_text() -> None:
    for sentence in split_sentences(REPORT):
        assert REPORT[sentence.start : sentence.end] == sentence.text


def test_paragraphs_are_numbered_by_line() -> None:
    assert [s.paragraph for s in split_sentences(REPORT)] == [0, 0, 1, 1, 2]


def test_a_line_break_ends_a_sentence_even_mid_clause() -> None:
    # A heading or a caption has no full stop; the next line is never its continuation.
    text = "Strikes resume in Khan Younis\nAt least nine people were killed on Sunday."
    assert [s.text for s in split_sentences(text)] == [
        "Strikes resume in Khan Younis",
        "At least nine people were killed on Sunday.",
    ]


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []


@pytest.mark.xfail(
    reason="the rule sentencizer leaves an opening quotation mark at the end of the sentence"
    " before it",
    strict=True,
)
def test_opening_quotation_mark_begins_the_next_sentence() -> None:
    text = "“We are tired,” a resident said. “We want the truce to last.”"
    assert [s.text for s in split_sentences(text)] == [
        "“We are tired,” a resident said.",
        "“We want the truce to last.”",
    ]


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n“”")), max_size=120))
def test_no_sentence_crosses_a_line_break(text: str) -> None:
    for sentence in split_sentences(text):
        assert "\n" not in sentence.text
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip()


def test_a_paragraph_longer_than_spacys_limit_is_split() -> None:
    # One unbroken paragraph of about 1.2 million characters, past spaCy's default max_length.
    paragraph = "The convoy waited at the crossing for hours. " * 27_000
    sentences = split_sentences(paragraph)
    assert len(sentences) == 27_000
    assert sentences[-1].text == "The convoy waited at the crossing for hours."
