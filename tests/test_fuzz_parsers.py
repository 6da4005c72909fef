"""Fuzzing the number and date parsers: on any text they find sound mentions or nothing, and
never raise. Inputs that once crashed them are replayed by test_fuzz_regressions.py."""

from __future__ import annotations

from datetime import date

from fuzz_targets import read_dates, read_numbers
from hypothesis import example, given, settings
from hypothesis import strategies as st

# Reproducible in CI: the same examples on every run, however slow the machine.
FUZZ = settings(derandomize=True, deadline=None, max_examples=300)

# Words and marks the parsers react to, so random joins reach deep into their rules.
NUMBER_PIECES = st.sampled_from(
    [
        "one", "twenty-five", "hundred", "thousand", "million", "billion", "trillion", "and",
        "a", "half", "third", "of", "in", "out", "every", "nearly", "at least", "more than",
        "between", "from", "to", "-", "–", "%", "per cent", "people", "km", "mm", "aged",
        "$", "€", "m", "bn", "k", "st", "th", "s", "1,000", "3.5", "12", "2023", "10:30",
        "a.m.", "GMT", "7/10", "2024-03-07", "October", "Oct.", ",", ".", "(", ")", "F-16",
        "٣", "١٢", "１２", "²", "Ⅻ", "\u200f", "\u202e", "\x00", "\n",
    ]
)  # fmt: skip
DATE_PIECES = st.sampled_from(
    [
        "since", "before", "as of", "on", "between", "and", "to", "from", "the past", "last",
        "next", "this", "week", "weeks", "month", "months", "year", "years", "day", "days",
        "hours", "into", "today", "yesterday", "Monday", "Sunday's", "overnight", "so far",
        "7 October", "October 7", "Oct. 8, 2023", "2023-10-07", "31 February", "0 May",
        "29 February 2023", "2023-13-45", "9999", "99999999999999999999", "few", "three",
        "ceasefire", "truce", "mid-", "early", "late", "٧ October", "٢٠٢٣", "\u200f", ",",
        ".", "—", "(",
    ]
)  # fmt: skip
# Right-to-left scripts, format controls and control characters beside Latin text.
MIXED_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("0123456789,.-–%$ \n\t"),
        st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic
        st.characters(min_codepoint=0x0000, max_codepoint=0x001F),
        st.sampled_from("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\ufeff"),
    ),
    max_size=200,
)
DATES = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def joined(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts made of the given pieces, joined by a space, nothing or a hyphen."""
    return st.lists(st.tuples(pieces, st.sampled_from([" ", "", "-"])), max_size=16).map(
        lambda parts: "".join(piece + gap for piece, gap in parts)
    )


@FUZZ
@given(st.one_of(MIXED_TEXT, joined(NUMBER_PIECES)))
@example("9" * 400)  # a float overflows to infinity past 308 digits
@example("0A0 G7G7 the 1990s1990s paid 5 USD 6")  # mentions once shared letters
@example("1" * 5000 + " killed")
@example("١٢٣ people were killed")
def test_numbers_are_sound_in_any_text(text: str) -> None:
    read_numbers(text)


@settings(FUZZ, max_examples=20)
@given(st.integers(min_value=1, max_value=50_000), st.sampled_from(["9", "1,000,", "one "]))
def test_numbers_in_a_huge_token_are_sound(length: int, piece: str) -> None:
    read_numbers("Officials counted " + piece * (length // len(piece) + 1) + " people.")


@FUZZ
@given(
    st.one_of(MIXED_TEXT, joined(DATE_PIECES)),
    DATES,
    st.one_of(st.none(), st.integers(min_value=-10, max_value=300)),
)
@example("the past 99999999999999999999 years", date(2024, 3, 7), None)
@example("since 31 February", date(1, 1, 1), 0)
@example("on 1 January", date(9999, 12, 31), None)
def test_dates_resolve_or_not_on_any_text(text: str, published: date | None, focus: int) -> None:
    read_dates(text, published, focus)
