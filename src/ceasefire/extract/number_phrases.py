"""Phrases that touch a number and say what it is: hedges and units, read from data files.

`qualifiers.yaml` and `units.yaml` are validated and compiled into one regular expression per
side, once per process; a phrase listed with two meanings is refused, naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ceasefire.data_files import load_model, shipped
from ceasefire.errors import ConfigError
from ceasefire.records import Qualifier

# Why a number is not a figure; units.yaml may say it ("aged", "km").
NotFigure = Literal[
    "date", "year", "time", "age", "duration", "ordinal", "name", "distance", "vague"
]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class QualifierWords(BaseModel):
    """The schema of qualifiers.yaml."""

    model_config = ConfigDict(extra="forbid")

    before: dict[Qualifier, list[Phrase]]
    after: dict[Qualifier, list[Phrase]] = Field(default_factory=dict)


class UnitWords(BaseModel):
    """One entry of units.yaml: phrases that say what a number measures."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str | None = None
    not_figure: NotFigure | None = None
    case_sensitive: bool = False
    before: list[Phrase] = Field(default_factory=list)
    after: list[Phrase] = Field(default_factory=list)


class UnitTable(BaseModel):
    """The schema of units.yaml."""

    model_config = ConfigDict(extra="forbid")

    units: list[UnitWords]


Meaning = TypeVar("Meaning")
_Entry = tuple[str, Meaning, bool]  # phrase, what it means, whether case matters
# White space that may wrap a line but not cross a blank one: "up to 24\nhours" is one mention.
LINE_SPACE = r"(?:[^\S\n]|\n(?![^\S\n]*\n))"


@dataclass(frozen=True)
class PhraseLexicon(Generic[Meaning]):
    """Phrases that touch a number from before or after, compiled once, with their meanings."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    meanings_before: dict[str, Meaning]
    meanings_after: dict[str, Meaning]
    reach: int

    def ending_at(self, text: str, pos: int) -> tuple[int, Meaning] | None:
        """The phrase ending just before `pos` (spaces between allowed): its start and meaning."""
        match = self.before.search(text, max(0, pos - self.reach), pos)
        if match is None:
            return None
        return match.start("p"), self.meanings_before[_key(match["p"])]

    def starting_at(self, text: str, pos: int) -> tuple[int, Meaning] | None:
        """The phrase just after `pos` (a space or hyphen between allowed): its end and meaning."""
        match = self.after.match(text, pos)
        if match is None:
            return None
        return match.end(), self.meanings_after[_key(match["p"])]


def _key(phrase: str) -> str:
    return re.sub(r"[\s-]+", " ", phrase.casefold()).replace("’", "'")


def _phrase_pattern(phrase: str, case_sensitive: bool, glued: bool) -> str:
    parts = [re.escape(part).replace("'", "['’]") for part in re.split(r"[\s-]+", phrase) if part]
    body = r"[\s-]+".join(parts)
    if phrase[0].isalnum() and not glued:
        body = r"(?<!\w)" + body
    if phrase[-1].isalnum():
        body += r"(?!\w)"
    return body if case_sensitive else f"(?i:{body})"


def _side(
    path: Path, entries: list[_Entry[Meaning]], glued: bool
) -> tuple[str, dict[str, Meaning]]:
    meanings: dict[str, Meaning] = {}
    for phrase, meaning, _ in entries:
        if meanings.setdefault(_key(phrase), meaning) != meaning:
            raise ConfigError(f"{path}: {phrase!r} is listed with two meanings")
    ordered = sorted(entries, key=lambda entry: len(entry[0]), reverse=True)
    alternatives = "|".join(_phrase_pattern(phrase, cased, glued) for phrase, _, cased in ordered)
    return alternatives or "(?!)", meanings


def _lexicon(
    path: Path, before: list[_Entry[Meaning]], after: list[_Entry[Meaning]]
) -> PhraseLexicon[Meaning]:
    before_pattern, meanings_before = _side(path, before, glued=False)
    # a unit may be glued to its number ("155mm", "10km"), so no word boundary before it
    after_pattern, meanings_after = _side(path, after, glued=True)
    return PhraseLexicon(
        before=re.compile(rf"(?P<p>{before_pattern}){LINE_SPACE}*\Z"),
        after=re.compile(rf"{LINE_SPACE}*(?:-{LINE_SPACE}*)?(?P<p>{after_pattern})"),
        meanings_before=meanings_before,
        meanings_after=meanings_after,
        reach=max((len(phrase) for phrase, _, _ in before), default=0) + 8,
    )


@cache
def qualifier_lexicon() -> PhraseLexicon[Qualifier]:
    """Hedge phrases from qualifiers.yaml, loaded and compiled once per process."""
    path = shipped("qualifiers.yaml")
    words = load_model(path, QualifierWords)

    def entries(table: dict[Qualifier, list[str]]) -> list[_Entry[Qualifier]]:
        return [(phrase, q, False) for q, phrases in table.items() for phrase in phrases]

    return _lexicon(path, entries(words.before), entries(words.after))


@cache
def unit_lexicon() -> PhraseLexicon[UnitWords]:
    """Unit and measure phrases from units.yaml, loaded and compiled once per process."""
    path = shipped("units.yaml")
    table = load_model(path, UnitTable).units
    before = [(phrase, entry, entry.case_sensitive) for entry in table for phrase in entry.before]
    after = [(phrase, entry, entry.case_sensitive) for entry in table for phrase in entry.after]
    return _lexicon(path, before, after)
