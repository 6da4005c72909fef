"""Fuzzing the extractor through the path a document takes (a reader, then `extract`): random
text in any script, mutated real sentences, huge tokens and a 10 MB line give records that rest
on their spans, or the project's own one-line error, never a crash or a hang."""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path

import pytest
from fuzz_targets import CORPORA, check_results, extract_document, fuzz_extractor
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from ceasefire.document import Document
from ceasefire.extract import extract
from ceasefire.ingest.jsonl import parse_jsonl
from ceasefire.ingest.text import read_text
from ceasefire.records import Figure

# Reproducible in CI; the parser's speed varies too much for hypothesis's deadline.
FUZZ = settings(
    derandomize=True,
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MEGABYTE = 1024 * 1024
# A 10 MB line is read and extracted at about 0.5 MB/s here (the sentence splitter's pace);
# past this, something has gone worse than linear.
TEN_MB_SECONDS = 120

# Letters of the scripts news about the region is written in, marks the extractor reacts to,
# and characters that should never reach it (controls, direction overrides, byte-order marks).
ANY_CHARACTER = st.one_of(
    st.characters(codec="utf-8"),
    st.characters(min_codepoint=0x0590, max_codepoint=0x05FF),  # Hebrew
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic
    st.characters(min_codepoint=0x0000, max_codepoint=0x001F),
    st.sampled_from("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\ufeff\u2028"),
    st.sampled_from("“”‘’\"'«»0123456789.,;:-–— \n"),
)
WORDS = st.sampled_from(
    [
        "Hamas", "Israel", "the ministry", "said", "told", "according to", "killed", "injured",
        "struck", "fired", "rockets", "at least", "nearly", "1,200", "five", "hundred", "Gaza",
        "Rafah", "Khan Younis", "southern Lebanon", "on Monday", "since 7 October", "“", "”",
        "‘", "’", "\"", ".", ",", "\n", "قال", "غزة", "שלום", "\u202e", "\x07",
    ]
)  # fmt: skip


@cache
def real_paragraphs() -> tuple[str, ...]:
    """The paragraphs of the sample documents (read from ../shared at run time)."""
    paragraphs: list[str] = []
    for corpus in CORPORA:
        if not corpus.exists():
            pytest.skip(f"sample corpus not found at {corpus}")
        for line in corpus.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            paragraphs.extend(p for p in text.split("\n") if len(p.split()) > 3)
    return tuple(paragraphs)


@st.composite
def mutated_paragraph(draw: st.DrawFn) -> str:
    """A real paragraph, then a few cuts, insertions, copies and swaps anywhere in it."""
    text = draw(st.sampled_from(real_paragraphs()))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        to = draw(st.integers(min_value=at, max_value=min(len(text), at + 40)))
        change = draw(st.sampled_from(["cut", "insert", "words", "copy", "swap"]))
        if change == "cut":
            text = text[:at] + text[to:]
        elif change == "insert":
            text = text[:at] + draw(st.text(ANY_CHARACTER, max_size=12)) + text[at:]
        elif change == "words":
            text = text[:at] + " " + draw(WORDS) + " " + text[at:]
        elif change == "copy":
            text = text[:at] + text[at:to] * draw(st.integers(1, 30)) + text[at:]
        else:
            text = text[to:] + text[at:to] + text[:at]
    return text


@pytest.fixture(autouse=True, scope="module")
def loaded(parser: Language) -> None:
    """The model, loaded before the first example so no example pays for it."""


@FUZZ
@given(st.text(ANY_CHARACTER, max_size=300))
@example("\u202e“Five killed,” قال the ministry ‘on Monday’ \x07")
@example("‘a’ " * 500)  # once quadratic in the quotation finder
def test_random_text_gives_sound_records(text: str) -> None:
    fuzz_extractor(text.encode("utf-8"))


@FUZZ
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_shuffled_news_words_give_sound_records(text: str) -> None:
    fuzz_extractor(text.encode("utf-8"))


@FUZZ
@given(mutated_paragraph())
def test_mutated_real_text_gives_sound_records(text: str) -> None:
    fuzz_extractor(text.encode("utf-8"))


@FUZZ
@given(
    st.text(
        st.one_of(ANY_CHARACTER, st.characters(categories=["Cs"])),  # lone surrogates
        max_size=200,
    )
)
@example("Five were killed \ud800 on Monday, the ministry said.")
def test_text_from_a_json_line_is_extracted_or_refused_by_the_line(text: str) -> None:
    # JSON escapes can spell any code point, lone surrogates included: the reader decides.
    line = json.dumps({"id": "fuzz", "text": text, "title": text[:20]}).encode("utf-8")
    results = list(parse_jsonl([line], "fuzz.jsonl"))
    check_results(results, "fuzz.jsonl")
    for result in results:
        if isinstance(result, Document):
            extract_document(result)


@FUZZ
@given(
    st.sampled_from(["utf-8", "utf-16", "cp1256", "latin-1", "iso-8859-8"]),
    st.integers(min_value=0, max_value=200),
)
def test_mixed_encodings_are_read_or_refused(encoding: str, at: int) -> None:
    paragraph = real_paragraphs()[at % len(real_paragraphs())]
    arabic = "قال المتحدث إن خمسة أشخاص قتلوا."
    middle = arabic.encode(encoding, "replace")
    fuzz_extractor(paragraph.encode("utf-8") + b" " + middle + b" " + paragraph.encode("utf-8"))


@pytest.mark.slow
@settings(FUZZ, max_examples=8)
@given(
    st.integers(min_value=2_000, max_value=300_000),
    st.sampled_from(["a", "9", "‘", "’", "“", "-", "قال", "\u200f", "Gaza", "."]),
)
def test_a_huge_token_in_a_real_paragraph_gives_sound_records(length: int, piece: str) -> None:
    paragraph = real_paragraphs()[length % len(real_paragraphs())]
    middle = len(paragraph) // 2
    token = piece * (length // len(piece))
    fuzz_extractor((paragraph[:middle] + token + paragraph[middle:]).encode("utf-8"))


@pytest.mark.slow
def test_a_10_mb_single_line_is_extracted_in_linear_time(tmp_path: Path) -> None:
    # Every kind of run the whole-text scanners (quotations, places, sentences) walk through,
    # a megabyte each, between two real sentences, all on one line.
    runs = ["a", "‘a’ ", "‘one two three four officials’ view ", "“a ", "12, ", "قال ", "Gaza "]
    runs += ["\u202e\u200f ", "one two three ", "9"]
    first = "Five people were killed in Rafah on Monday, the health ministry said."
    last = "The army said it struck 12 targets in Khan Younis."
    middle = "".join((run * (MEGABYTE // len(run) + 1))[:MEGABYTE] for run in runs)
    path = tmp_path / "one-line.txt"
    path.write_text(f"{first} {middle}. {last}", encoding="utf-8")
    assert path.stat().st_size > 10 * MEGABYTE

    started = time.monotonic()
    document = read_text(path)
    records = extract(document)
    took = time.monotonic() - started

    assert "\n" not in document.text
    figures = [record for record in records if isinstance(record, Figure)]
    assert [(f.metric, f.value.n) for f in figures] == [("killed", 5), ("other", 12)]
    assert took < TEN_MB_SECONDS, f"{took:.0f} s for a 10 MB line"
