"""The words a truce's terms are read by (drafting.yaml), and the phrases of a sentence they
find: clauses, activities a deal bars, clock times and ranges of hours."""

from __future__ import annotations

import re
from datetime import time
from functools import cache

from pydantic import BaseModel, model_validator

from ceasefire.agreements.model import is_time_zone
from ceasefire.data_files import load_model, shipped
from ceasefire.records import EVENT_TYPES, METRICS

# Where a clause ends: the scope of "halt" in "halt fighting in Gaza, and permit 200 trucks".
# A colon between digits is a clock time's ("10:00").
_CLAUSE_BREAK = re.compile(r"[,;—–()]|:(?!\d)|\b(?:but|while|whereas)\b", re.IGNORECASE)
_RANGE_JOINER = re.compile(r"\s*(?:and|to|until|till|through|-|–)\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)


class ExchangeSide(BaseModel):
    """What one side of an exchange releases: a figure metric and an event type."""

    metric: str
    event: str


class ExchangeSides(BaseModel):
    """The side whose releases `gives` counts, and the side that `receives` releases in return."""

    gives: ExchangeSide
    receives: ExchangeSide


class DraftingWords(BaseModel):
    """The schema of drafting.yaml."""

    deal_words: list[str]
    period_words: list[str]
    extension_words: list[str]
    cessation_words: list[str]
    activities: dict[str, list[str]]
    allowed_hours_words: list[str]
    clock_words: dict[str, time]
    quotas: dict[str, list[str]]
    per_day_words: list[str]
    exchange: ExchangeSides
    timezones: dict[str, str]

    @model_validator(mode="after")
    def _known(self) -> DraftingWords:
        """Event types, metrics and time zones must be ones an agreement file accepts."""
        sides = (self.exchange.gives, self.exchange.receives)
        events = [t for ts in [*self.activities.values(), *self.quotas.values()] for t in ts]
        unknown = [e for e in [*events, *(s.event for s in sides)] if e not in EVENT_TYPES]
        unknown += [m for m in [*self.quotas, *(s.metric for s in sides)] if m not in METRICS]
        unknown += [zone for zone in self.timezones.values() if not is_time_zone(zone)]
        if unknown:
            raise ValueError(f"unknown event type, metric or time zone: {', '.join(unknown)}")
        return self


@cache
def drafting_words() -> DraftingWords:
    """The drafter's vocabulary, loaded and checked once."""
    return load_model(shipped("drafting.yaml"), DraftingWords)


@cache
def words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, whole, in any case, plural or not; the longest wins."""
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:s|es)?(?![\w-])", re.IGNORECASE)


def find_word(words: list[str], text: str) -> re.Match[str] | None:
    """The first of the words in a text."""
    return words_pattern(tuple(words)).search(text)


def clause_start(text: str, position: int) -> int:
    """Where the clause holding a position starts."""
    return max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)), default=0)


def clause_from(text: str, start: int) -> str:
    """The text from a position to the end of its clause."""
    end = next((m.start() for m in _CLAUSE_BREAK.finditer(text, start)), len(text))
    return text[start:end]


def find_activities(text: str) -> tuple[list[str], list[str]]:
    """The activities a deal may bar that a text names, as written ("aircraft", "drones"), and
    the event types that carry them out."""
    activities = drafting_words().activities
    named: list[str] = []
    types: list[str] = []
    for match in words_pattern(tuple(activities)).finditer(text):
        word = " ".join(match.group().lower().split())
        key = next(k for k in activities if words_pattern((k,)).fullmatch(match.group()))
        if word not in named:
            named.append(word)
        types.extend(t for t in activities[key] if t not in types)
    return named, types


@cache
def _clock_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in drafting_words().clock_words)
    return re.compile(
        r"(?<![\w:.])(?:(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.?\s?m\b\.?"
        rf"|([01]?\d|2[0-3]):([0-5]\d)\b|\b({words})\b)",
        re.IGNORECASE,
    )


def _clock(match: re.Match[str]) -> time:
    hour, minute, half, hour24, minute24, word = match.groups()
    if word:
        return drafting_words().clock_words[word.lower()]
    if half:
        return time(int(hour) % 12 + (12 if half.lower() == "p" else 0), int(minute or 0))
    return time(int(hour24), int(minute24))


def clock_ranges(text: str) -> list[tuple[int, int, time, time]]:
    """Ranges of hours with their spans: "between 10:00 a.m. and 4:00 p.m.", "from 10:00 to
    16:00", "10:00-16:00"."""
    clocks = list(_clock_pattern().finditer(text))
    ranges = []
    for first, second in zip(clocks, clocks[1:], strict=False):
        joiner = _RANGE_JOINER.fullmatch(text, first.end(), second.start())
        if joiner is None:
            continue
        if _RANGE_OPENER.search(text[: first.start()]) or joiner.group().strip() in {"-", "–"}:
            ranges.append((first.start(), second.end(), _clock(first), _clock(second)))
    return ranges


def lone_clock(text: str) -> time | None:
    """The first clock time of a text that is not part of a range: "to begin at 10:00 a.m."."""
    taken = [(start, end) for start, end, _, _ in clock_ranges(text)]
    for match in _clock_pattern().finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            return _clock(match)
    return None
