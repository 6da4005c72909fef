"""Speakers: who says each quotation, pronouns resolved to the last named speaker, scare quotes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from ceasefire.extract.attribution import Speaker
from ceasefire.extract.speakers import SpeakerMemory
from ceasefire.records import Actor

if TYPE_CHECKING:
    from conftest import Extraction

Read = Callable[[str], "Extraction"]

ZAKHAROVA = Speaker("Maria Zakharova", 0, 15, is_person=True)
DEFENCE_MINISTRY = Speaker("the Russian defence ministry", 60, 88, is_person=False)


def who(actor: Actor | None) -> str | None:
    """A speaker as a test names it: the registry id, else the words as resolved."""
    if actor is None:
        return None
    return actor.id or actor.name


def test_memory_resolves_he_and_she_to_the_last_person() -> None:
    memory = SpeakerMemory()
    memory.remember(ZAKHAROVA)
    memory.remember(DEFENCE_MINISTRY)
    assert memory.resolve("she") == ZAKHAROVA
    assert memory.resolve("he") == ZAKHAROVA


def test_memory_resolves_it_and_they_to_the_last_speaker() -> None:
    memory = SpeakerMemory()
    memory.remember(ZAKHAROVA)
    memory.remember(DEFENCE_MINISTRY)
    assert memory.resolve("it") == DEFENCE_MINISTRY
    assert memory.resolve("they") == DEFENCE_MINISTRY


def test_memory_without_a_person_falls_back_to_the_last_speaker() -> None:
    memory = SpeakerMemory()
    memory.remember(DEFENCE_MINISTRY)
    assert memory.resolve("he") == DEFENCE_MINISTRY


def test_empty_memory_resolves_nothing() -> None:
    assert SpeakerMemory().resolve("she") is None


# sentence(s), the quotation's first words, the speaker's registry id
QUOTATIONS = [
    pytest.param(
        "“We will respond to every violation,” Hamas spokesman Hazem Qassem said.",
        "We will respond",
        "hazem-qassem",
        id="speaker after the quotation",
    ),
    pytest.param(
        "“We will respond to every violation,” Israeli military spokesman Daniel Hagari said.",
        "We will respond",
        "daniel-hagari",
        id="speaker after the quotation, mirrored",
    ),
    pytest.param(
        "Volodymyr Zelensky said on Tuesday: ‘We will not trade our land for a pause.’",
        "We will not trade",
        "volodymyr-zelensky",
        id="speaker before a colon",
    ),
    pytest.param(
        "Vladimir Putin said on Tuesday: ‘We will not trade our security for a pause.’",
        "We will not trade",
        "vladimir-putin",
        id="speaker before a colon, mirrored",
    ),
    pytest.param(
        "Yoav Gallant said on Thursday that the army would press on in Khan Younis. He added:"
        " ‘We will return every hostage, and we will not rest until we do.’",
        "We will return",
        "yoav-gallant",
        id="He added",
    ),
    pytest.param(
        "Maria Zakharova said Moscow was ready to talk. The Russian defence ministry said its"
        " forces had advanced near Pokrovsk. She added: “Kyiv is not interested in peace.”",
        "Kyiv is not",
        "maria-zakharova",
        id="she skips the ministry named in between",
    ),
    pytest.param(
        "Sami Abu Zuhri told Al Jazeera that the movement had accepted the proposal. “We have"
        " given the mediators everything they asked for,” he said.",
        "We have given",
        "sami-abu-zuhri",
        id="he said, after the quotation",
    ),
    pytest.param(
        "Daniel Hagari said the army had struck 50 targets overnight. His message was clear:"
        " ‘Hamas will pay a heavy price for every rocket.’",
        "Hamas will pay",
        "daniel-hagari",
        id="His message was",
    ),
    pytest.param(
        "“We have given the mediators everything they asked for,” Sami Abu Zuhri said. “The"
        " ball is now in the occupation’s court.”",
        "The ball is",
        "sami-abu-zuhri",
        id="second quotation in the same paragraph",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), QUOTATIONS)
def test_quotation_is_credited_to_its_speaker(
    read: Read, text: str, words: str, speaker: str
) -> None:
    assert who(read(text).quote(words).speaker) == speaker


def test_quotation_running_over_two_paragraphs_keeps_its_speaker(read: Read) -> None:
    # The first paragraph's quotation is left open: the next paragraph goes on with it.
    extraction = read(
        "Andriy Yermak said: “We have given our partners every guarantee they asked for, and we"
        " will keep our word.\n"
        "“But Russia goes on shelling our cities night after night, and the guarantors must"
        " act.”"
    )
    assert [who(q.speaker) for q in extraction.quotes] == ["andriy-yermak", "andriy-yermak"]
    assert extraction.quotes[1].quote.startswith("But Russia goes on")


def test_quotation_introduced_by_a_paragraph_of_its_own_keeps_its_speaker(read: Read) -> None:
    extraction = read(
        "Izzat al-Rishq said on Sunday:\n"
        "“We have handed the mediators our answer, and it is a positive one.\n"
        "“But the occupation shells the camps every night, and the guarantors must act.”"
    )
    assert [who(q.speaker) for q in extraction.quotes] == ["izzat-al-rishq", "izzat-al-rishq"]


def test_quotation_paragraph_after_a_credited_quotation_keeps_its_speaker(read: Read) -> None:
    extraction = read(
        "“We have handed the mediators our answer, and it is a positive one,” Izzat al-Rishq"
        " said.\n"
        "“But the occupation shells the camps every night, and the guarantors must act.”"
    )
    assert [who(q.speaker) for q in extraction.quotes] == ["izzat-al-rishq", "izzat-al-rishq"]


# A short quotation that has a speaker in the sentence is kept whenever it is the object of
# a verb or a preposition; these are labels all the same.
_KEPT_AS_OBJECT = pytest.mark.xfail(
    reason="a 1-3 word quotation with a speaker in the sentence is kept as a quote when it is"
    " the object of a verb or preposition",
    strict=True,
)


@pytest.mark.parametrize(
    "text",
    [
        "Hamas said the so-called “ceasefire” was a cover for continued bombardment.",
        "Fighting resumed after the “ceasefire” collapsed on Friday.",
        pytest.param(
            "The Israeli military said Hamas committed ‘violations’ of the truce overnight.",
            marks=_KEPT_AS_OBJECT,
        ),
        pytest.param(
            "Hamas said Israel committed ‘violations’ of the truce overnight.",
            marks=_KEPT_AS_OBJECT,
        ),
        pytest.param(
            "Moscow said Kyiv had broken the “humanitarian pause” within hours.",
            marks=_KEPT_AS_OBJECT,
        ),
        pytest.param(
            "Both sides blamed each other for the ‘violations’ reported overnight.",
            marks=_KEPT_AS_OBJECT,
        ),
    ],
)
def test_scare_quotes_are_not_quotations(read: Read, text: str) -> None:
    assert read(text).quotes == []


def test_a_quoted_sentence_is_not_a_scare_quote(read: Read) -> None:
    extraction = read("The army said: “No violations were recorded overnight.”")
    assert [q.quote for q in extraction.quotes] == ["No violations were recorded overnight."]
