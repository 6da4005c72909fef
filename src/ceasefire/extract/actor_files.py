"""Actors files: read in order, each entry and name checked against the earlier ones.

Errors name the file and line of the bad entry. A later file may give more names to an
actor an earlier one defines (a user's own aliases) by repeating only its id and names.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ceasefire.data_files import line_of, read_yaml, validate_node
from ceasefire.errors import ConfigError
from ceasefire.extract.actor_names import POSSESSIVE, ActorName, join_names, parse_name, tokenize

# fmt: off
ActorKind = Literal[
    "state", "government", "military", "armed_group", "ministry", "agency", "un_agency",
    "ngo", "outlet", "person", "international_org", "other",
]
# fmt: on

_NAME_FIELDS = ("aliases", "standalone", "demonyms")


class ActorEntry(BaseModel):
    """One actor as a data file gives it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    kind: ActorKind
    parent: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    gender: Literal["m", "f"] | None = None
    aliases: tuple[str, ...] = ()
    standalone: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


class ActorNames(BaseModel):
    """More names for an actor that an earlier file defines (a user's own aliases)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    aliases: tuple[str, ...] = ()
    standalone: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


class ActorFile(BaseModel):
    """A whole actors file; entries are checked one by one so that errors name their line."""

    model_config = ConfigDict(extra="forbid")

    state_words: tuple[str, ...] = ()
    military_words: tuple[str, ...] = ()
    actors: list[Any]


@dataclass(frozen=True)
class ActorTables:
    """What the files give the registry: entries by id, and the names that point to them."""

    entries: dict[str, ActorEntry]
    names: list[ActorName]  # names and aliases, found anywhere in a text
    generated: list[ActorName]  # demonym + descriptor: "Israeli officials", "Zionist forces"
    phrases: list[ActorName]  # standalone names and demonyms: only a whole phrase names them


def read_actor_files(paths: Sequence[Path]) -> ActorTables:
    """Read actors files in order; the first bad entry raises a ConfigError naming its line."""
    reader = _Reader()
    for path in paths:
        reader.read(path)
    return reader.tables()


@dataclass(frozen=True)
class _Place:
    path: Path
    line: int | str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class _Reader:
    """Reads actors files in order, checking each entry and name against the earlier ones."""

    def __init__(self) -> None:
        self.entries: dict[str, ActorEntry] = {}
        self.places: dict[str, _Place] = {}
        self.parent_places: dict[str, _Place] = {}
        self.claims: dict[tuple[str, ...], tuple[str, _Place]] = {}
        self.names: list[ActorName] = []
        self.phrases: list[ActorName] = []
        self.descriptors: dict[str, list[ActorName]] = {"state_words": [], "military_words": []}

    def read(self, path: Path) -> None:
        data = read_yaml(path)
        start = _Place(path, 1)
        header = validate_node(ActorFile, data, path, 1)
        for field, found in self.descriptors.items():
            for index, word in enumerate(getattr(header, field)):
                name = parse_name("", word)
                if name is None:
                    place = self._place(data, (field, index), start)
                    raise ConfigError(f"{place}: {field}: '{word}' has no words")
                found.append(name)
        for index, node in enumerate(data["actors"]):
            self._add(node, _Place(path, line_of(data, ("actors", index))))

    def _add(self, node: Any, place: _Place) -> None:
        if not isinstance(node, dict):
            raise ConfigError(f"{place}: an actor entry must be a mapping of fields")
        actor_id = node.get("id")
        label = f"entry '{actor_id}': " if isinstance(actor_id, str) else "entry: "
        names: ActorNames | ActorEntry
        if actor_id in self.entries and set(node) <= {"id", *_NAME_FIELDS}:
            names = validate_node(ActorNames, node, place.path, place.line, label)
            known = self.entries[names.id]
            more = {field: getattr(known, field) + getattr(names, field) for field in _NAME_FIELDS}
            self.entries[names.id] = known.model_copy(update=more)
        else:
            names = entry = validate_node(ActorEntry, node, place.path, place.line, label)
            if entry.id in self.entries:
                raise ConfigError(
                    f"{place}: {label}duplicate id (first at {self.places[entry.id]}); "
                    "to add names give only id and aliases"
                )
            self.entries[entry.id] = entry
            self.places[entry.id] = place
            self.parent_places[entry.id] = self._place(node, ("parent",), place)
            self._claim(entry.id, entry.name, "name", self._place(node, ("name",), place))
        for field in _NAME_FIELDS:
            for index, text in enumerate(getattr(names, field)):
                self._claim(names.id, text, field, self._place(node, (field, index), place))

    @staticmethod
    def _place(node: Any, location: tuple[int | str, ...], entry: _Place) -> _Place:
        line = line_of(node, location)
        return _Place(entry.path, entry.line if line == "?" else line)

    def _claim(self, actor_id: str, text: str, field: str, place: _Place) -> None:
        name = parse_name(actor_id, text)
        if name is None:
            raise ConfigError(
                f"{place}: entry '{actor_id}': {field} '{text}' has no words, or punctuation"
                " between its words, so it could never match"
            )
        owner = self.claims.setdefault(name.keys, (actor_id, place))
        if owner[0] != actor_id:
            raise ConfigError(
                f"{place}: entry '{actor_id}': '{text}' already names '{owner[0]}' ({owner[1]})"
            )
        (self.names if field in ("name", "aliases") else self.phrases).append(name)

    def tables(self) -> ActorTables:
        self._check_parents()
        return ActorTables(self.entries, self.names, self._generated(), self.phrases)

    def _check_parents(self) -> None:
        for actor_id, entry in self.entries.items():
            seen = {actor_id}
            parent = entry.parent
            while parent is not None:
                if parent not in self.entries:
                    raise ConfigError(
                        f"{self.parent_places[actor_id]}: entry '{actor_id}': "
                        f"unknown parent '{entry.parent}'"
                    )
                if parent in seen:
                    raise ConfigError(
                        f"{self.parent_places[actor_id]}: entry '{actor_id}': "
                        f"its parents loop back through '{parent}'"
                    )
                seen.add(parent)
                parent = self.entries[parent].parent

    def _generated(self) -> list[ActorName]:
        """Demonym + descriptor names ("Israeli officials", "Zionist forces"), unless claimed."""
        militaries: dict[str, list[str]] = {}
        for entry in self.entries.values():
            if entry.kind == "military" and entry.parent is not None:
                militaries.setdefault(entry.parent, []).append(entry.id)
        generated: dict[tuple[str, ...], ActorName] = {}
        for entry in self.entries.values():
            if entry.kind not in ("state", "international_org"):
                continue
            forces = militaries.get(entry.id, [])
            military = forces[0] if len(forces) == 1 else entry.id
            targets = [(word, entry.id) for word in self.descriptors["state_words"]]
            if entry.kind == "state":
                targets += [(word, military) for word in self.descriptors["military_words"]]
            for modifier in self._modifiers(entry):
                for word, target in targets:
                    name = join_names(target, modifier, word)
                    if name.keys in self.claims:
                        continue
                    earlier = generated.setdefault(name.keys, name)
                    if earlier.id != target:
                        raise ConfigError(
                            f"{self.places[entry.id]}: entry '{entry.id}':"
                            f" '{' '.join(name.keys)}' would name both '{earlier.id}' and"
                            f" '{target}'"
                        )
        return list(generated.values())

    @staticmethod
    def _modifiers(entry: ActorEntry) -> Iterator[ActorName]:
        """Words that say "of this state" before a descriptor: demonyms, the name, "Israel's"."""
        own = [parse_name(entry.id, text) for text in (*entry.demonyms, entry.name)]
        one_word = [
            parse_name(entry.id, text) for text in entry.aliases if len(tokenize(text)) == 1
        ]
        for name in own + one_word:
            if name is not None:
                yield name
                yield join_names(entry.id, name, POSSESSIVE)
