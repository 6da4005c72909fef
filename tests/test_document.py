"""Documents: normalized text is what every span points into, and its hash names the document."""

from __future__ import annotations

import hashlib
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ceasefire.document import Document, normalize_text

# A wire report as a plain-text feed delivers it: lines broken at about 60 columns, each
# new paragraph indented, and one word hyphenated across a line end.
HARD_WRAPPED = """\
Ceasefire talks resumed in Cairo on Monday as both sides
traded accusations over the weekend's violations, and
mediators said a return to the two-
state framework was not on the table.
   Egyptian officials said the delegations would meet again
on Tuesday to discuss the exchange of prisoners and the
entry of fuel into the northern districts of the Strip.
   Neither side confirmed the date of the next round, which
has stalled twice since the truce began in the spring."""


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    paragraphs = normalize_text(HARD_WRAPPED).split("\n")
    assert paragraphs == [
        "Ceasefire talks resumed in Cairo on Monday as both sides traded accusations over the"
        " weekend's violations, and mediators said a return to the two-state framework was not"
        " on the table.",
        "Egyptian officials said the delegations would meet again on Tuesday to discuss the"
        " exchange of prisoners and the entry of fuel into the northern districts of the Strip.",
        "Neither side confirmed the date of the next round, which has stalled twice since the"
        " truce began in the spring.",
    ]


def test_hyphen_broken_at_a_line_end_is_joined() -> None:
    text = normalize_text(HARD_WRAPPED)
    assert "two-state framework" in text
    assert "two- state" not in text


def test_blank_lines_keep_paragraphs_apart() -> None:
    raw = (
        "The crossing at Kerem Shalom reopened on Sunday.\n\n\n\n"
        "Forty trucks of flour went through before dusk."
    )
    assert normalize_text(raw) == (
        "The crossing at Kerem Shalom reopened on Sunday.\n\n"
        "Forty trucks of flour went through before dusk."
    )


def test_short_lines_that_end_sentences_are_not_unwrapped() -> None:
    raw = "Sirens sounded in Ashkelon.\nThe army said two rockets were intercepted."
    assert normalize_text(raw) == raw


def test_windows_line_ends_become_newlines() -> None:
    raw = "Shelling resumed near Bakhmut.\r\nThree civilians were wounded.\r\n"
    assert normalize_text(raw) == "Shelling resumed near Bakhmut.\nThree civilians were wounded."


def test_control_characters_are_dropped() -> None:
    raw = "The convoy\x07 reached\x00 Khartoum\x1b on Friday.\x7f"
    assert normalize_text(raw) == "The convoy reached Khartoum on Friday."


def test_runs_of_spaces_and_tabs_collapse() -> None:
    raw = "  Drones struck\tthe port of  Odesa \u00a0overnight.  "
    assert normalize_text(raw) == "Drones struck the port of Odesa overnight."


def test_unicode_is_composed() -> None:
    # "e" followed by a combining acute accent becomes one character, so offsets are stable.
    assert normalize_text("The Beyrouthe\u0301 office") == "The Beyrouth\u00e9 office"


def test_hyphen_before_trailing_spaces_is_joined() -> None:
    # Plain-text feeds often pad wrapped lines with spaces.
    padded = "\n".join(line + "  " for line in HARD_WRAPPED.split("\n"))
    assert "two-state framework" in normalize_text(padded)


@given(st.text())
def test_normalized_text_is_clean_whatever_the_input(raw: str) -> None:
    text = normalize_text(raw)
    assert "\r" not in text
    assert "\n\n\n" not in text
    assert "  " not in text
    assert text == text.strip()
    assert not any(ord(c) < 32 and c != "\n" for c in text)


def test_sha256_is_the_hash_of_the_normalized_text() -> None:
    text = "Four people were killed, the ministry said."
    assert Document(id="a1", text=text).sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_sha256_depends_on_the_text_only() -> None:
    text = normalize_text("Four people were killed,\r\nthe ministry said.")
    plain = Document(id="a1", text=text)
    described = Document(
        id="b2",
        text=text,
        title="Strike on Jabalia",
        outlet="Coast Herald",
        published=date(2024, 1, 2),
    )
    assert plain.sha256 == described.sha256
    assert plain.sha256 != Document(id="a1", text=text + " More to follow.").sha256


def test_sha256_is_stable_across_runs() -> None:
    # A fixed value: changing how the hash is taken would make every stored document new.
    document = Document(id="a1", text="Four people were killed, the ministry said.")
    assert document.sha256 == ("7dbb4ed022464150ed5f86a1870498a9fa9baaf9da073af7d7cfbafd6fa865dd")
