"""Actor registry: one neutral id for every name documents give a party, body, outlet or person."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from ceasefire.data_files import line_of, read_yaml, shipped, user_files, validate_node
from ceasefire.errors import ConfigError
from ceasefire.records import Actor

# fmt: off
ActorKind = Literal[
    "state", "government", "military", "armed_group", "ministry", "agency", "un_agency",
    "ngo", "outlet", "person", "international_org", "other",
]
# fmt: on

# Spelling variants score 92 and up ("Khalil Al Hayya", "Zelenskiy"); different bodies
# whose names share most letters stay below ("Israeli" vs "Iranian foreign ministry").
FUZZY_CUTOFF = 92.0
# Below this many letters one changed letter is another name ("Hamas", "Hamad").
FUZZY_MIN_CHARS = 8

_NAME_FIELDS = ("aliases", "standalone", "demonyms")
_APOSTROPHES = ("'", "’", "ʼ")
_HYPHENS = ("-", "‐", "‑")
# Dotted acronyms and initials ("U.S.", "J."), the possessive "'s", or a run of letters/digits.
_TOKEN = re.compile(r"(?:[^\W\d_]\.)+(?:[^\W\d_]\b\.?)?|['’ʼ]s\b|[^\W_]+")
# What may stand between two words of one name: spaces, line breaks, hyphens, apostrophes.
_GAP = re.compile(r"[\s\-‐‑'’ʼ]*")
_QUOTE_MARKS = re.compile(r"[\"“”„‟«»‹›‘]|(?<![^\W_])['’ʼ]|['’ʼ](?![^\W_])")
_SO_CALLED = re.compile(r"\bso[-\s]called\s*", re.IGNORECASE)
_DETERMINER = re.compile(
    r"^(?:the|a|an|these|those|this|that|its|their|his|her|our|some)\s+", re.IGNORECASE
)
_POSSESSIVE_END = re.compile(r"['’ʼ]s$")
_EDGE = " .,;:!?()[]{}—–"


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


class _Token(NamedTuple):
    start: int
    end: int
    key: str  # lower case, no accents, no dots: what names are compared on
    raw: str  # as written without dots, for acronyms that must match in capitals
    joined: bool  # only spaces, hyphens or apostrophes since the previous token


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        raw = "'s" if match.group().startswith(_APOSTROPHES) else match.group().replace(".", "")
        joined = bool(tokens) and _GAP.fullmatch(text, tokens[-1].end, match.start()) is not None
        tokens.append(_Token(match.start(), match.end(), _fold(raw), raw, joined))
    return tokens


def clean_words(words: str) -> str:
    """A name's words without quote marks, "so-called", a leading determiner or a possessive."""
    text = _SO_CALLED.sub("", _QUOTE_MARKS.sub("", words))
    text = " ".join(text.split()).strip(_EDGE)
    while match := _DETERMINER.match(text):
        text = text[match.end() :]
    return _POSSESSIVE_END.sub("", text).strip(_EDGE)


@dataclass(frozen=True)
class _Name:
    """One name of an actor, as the keys of its words."""

    id: str
    keys: tuple[str, ...]
    capitals: tuple[tuple[int, str], ...]  # short acronyms that match only in capitals ("US")

    def fits(self, tokens: Sequence[_Token], start: int) -> bool:
        return all(tokens[start + offset].raw == raw for offset, raw in self.capitals)


def _name(actor_id: str, text: str) -> _Name | None:
    """The name `text` of `actor_id`, or None when it has no words or punctuation between them."""
    tokens = _tokens(text)
    if tokens and tokens[0].key == "the":
        tokens = tokens[1:]
    if not tokens or not all(token.joined for token in tokens[1:]):
        return None
    capitals = tuple(
        (offset, token.raw)
        for offset, token in enumerate(tokens)
        if len(token.raw) <= 3 and token.raw.isupper()
    )
    return _Name(actor_id, tuple(token.key for token in tokens), capitals)


_POSSESSIVE = _Name("", ("'s",), ())


def _joined(actor_id: str, first: _Name, second: _Name) -> _Name:
    """The name of `actor_id` made of two names' words in a row ("Israeli" + "officials")."""
    shifted = tuple((offset + len(first.keys), raw) for offset, raw in second.capitals)
    return _Name(actor_id, first.keys + second.keys, first.capitals + shifted)


class _Node:
    __slots__ = ("children", "names")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.names: list[_Name] = []


class _Trie:
    """Names by their words, so a text is matched in one pass however many names there are."""

    def __init__(self, names: Iterable[_Name]) -> None:
        self._root = _Node()
        for name in names:
            node = self._root
            for key in name.keys:
                node = node.children.setdefault(key, _Node())
            node.names.append(name)

    def matches(self, tokens: Sequence[_Token], start: int) -> Iterator[tuple[int, _Name]]:
        """Every name that begins at token `start`, shortest first, with its end token."""
        node = self._root
        for end in range(start, len(tokens)):
            if end > start and not tokens[end].joined:
                return
            child = node.children.get(tokens[end].key)
            if child is None:
                return
            node = child
            fitting = next((name for name in node.names if name.fits(tokens, start)), None)
            if fitting is not None:
                yield end + 1, fitting


def _qualifies(text: str, tokens: Sequence[_Token], end: int) -> bool:
    """Whether a name ending before token `end` only qualifies a later word.

    "Lebanon-based Hamas official", "Netanyahu's adviser": the phrase names someone else.
    """
    if end >= len(tokens):
        return False
    following = tokens[end]
    if following.key == "'s":
        return end + 1 < len(tokens)
    gap = text[tokens[end - 1].end : following.start]
    if gap.startswith(_APOSTROPHES):
        return True
    return gap.startswith(_HYPHENS) and following.raw.islower() and end + 1 < len(tokens)


class ActorRegistry:
    """Actors by id and the indexes that turn a document's words into them."""

    def __init__(
        self,
        entries: dict[str, ActorEntry],
        names: list[_Name],
        generated: list[_Name],
        phrases: list[_Name],
    ) -> None:
        self._entries = entries
        self._names = _Trie([*names, *generated])
        self._phrases = _Trie(phrases)
        self._fuzzy: dict[str, str] = {}
        for name in names:
            key = " ".join(name.keys)
            if len(key) >= FUZZY_MIN_CHARS:
                self._fuzzy.setdefault(key, name.id)
        self._fuzzy_keys = list(self._fuzzy)
        self._resolve_cached = lru_cache(maxsize=65536)(self._resolve)

    def entry(self, actor_id: str) -> ActorEntry:
        """The registry's entry for an id (kind, parent, gender, ...); KeyError if unknown."""
        return self._entries[actor_id]

    def kind_of(self, actor: Actor) -> ActorKind | None:
        """The kind of a resolved actor, None when the registry does not know it."""
        entry = self._entries.get(actor.id) if actor.id else None
        return entry.kind if entry else None

    def resolve(self, words: str) -> Actor:
        """The actor a phrase names ("the Tel Aviv regime" -> israel), keeping the words."""
        return self._resolve_cached(words)

    def find(self, text: str) -> list[tuple[int, int, Actor]]:
        """Every known name in a text as (start, end, actor): longest first, not overlapping."""
        tokens = _tokens(text)
        found: list[tuple[int, int, Actor]] = []
        index = 0
        while index < len(tokens):
            longest = None
            for match in self._names.matches(tokens, index):
                longest = match  # matches come shortest first
            if longest is None:
                index += 1
                continue
            end, name = longest
            start_char, end_char = tokens[index].start, tokens[end - 1].end
            words = text[start_char:end_char]
            found.append((start_char, end_char, Actor(name.id, self.entry(name.id).name, words)))
            index = end
        return found

    def _resolve(self, words: str) -> Actor:
        cleaned = clean_words(words)
        tokens = _tokens(cleaned)
        actor_id = self._whole(tokens) or self._contained(cleaned, tokens) or self._close(tokens)
        if actor_id is None:
            return Actor(None, cleaned or words.strip(), words)
        return Actor(actor_id, self._entries[actor_id].name, words)

    def _whole(self, tokens: Sequence[_Token]) -> str | None:
        for trie in (self._names, self._phrases):
            for end, name in trie.matches(tokens, 0):
                if end == len(tokens):
                    return name.id
        return None

    def _contained(self, text: str, tokens: Sequence[_Token]) -> str | None:
        """The longest name inside the phrase; on a tie a person, then the earliest."""
        best: str | None = None
        best_rank: tuple[int, bool, int] | None = None
        for start in range(len(tokens)):
            for end, name in self._names.matches(tokens, start):
                if _qualifies(text, tokens, end):
                    continue
                rank = (end - start, self._entries[name.id].kind == "person", -start)
                if best_rank is None or rank > best_rank:
                    best, best_rank = name.id, rank
        return best

    def _close(self, tokens: Sequence[_Token]) -> str | None:
        """A long name spelt a little differently ("Khalil Al Hayya", "Zelenskiy")."""
        key = " ".join(token.key for token in tokens)
        if len(key) < FUZZY_MIN_CHARS:
            return None
        found = process.extractOne(
            key, self._fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self._fuzzy[found[0]] if found else None


@dataclass(frozen=True)
class _Place:
    path: Path
    line: int | str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class _Loader:
    """Reads actors files in order, checking each entry and name against the earlier ones."""

    def __init__(self) -> None:
        self.entries: dict[str, ActorEntry] = {}
        self.places: dict[str, _Place] = {}
        self.parent_places: dict[str, _Place] = {}
        self.claims: dict[tuple[str, ...], tuple[str, _Place]] = {}
        self.names: list[_Name] = []
        self.phrases: list[_Name] = []
        self.descriptors: dict[str, list[_Name]] = {"state_words": [], "military_words": []}

    def read(self, path: Path) -> None:
        data = read_yaml(path)
        start = _Place(path, 1)
        header = validate_node(ActorFile, data, path, 1)
        for field, found in self.descriptors.items():
            for index, word in enumerate(getattr(header, field)):
                name = _name("", word)
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
        name = _name(actor_id, text)
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

    def build(self) -> ActorRegistry:
        self._check_parents()
        return ActorRegistry(self.entries, self.names, self._generated(), self.phrases)

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

    def _generated(self) -> list[_Name]:
        """Demonym + descriptor names ("Israeli officials", "Zionist forces"), unless claimed."""
        militaries: dict[str, list[str]] = {}
        for entry in self.entries.values():
            if entry.kind == "military" and entry.parent is not None:
                militaries.setdefault(entry.parent, []).append(entry.id)
        generated: dict[tuple[str, ...], _Name] = {}
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
                    name = _joined(target, modifier, word)
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
    def _modifiers(entry: ActorEntry) -> Iterator[_Name]:
        """Words that say "of this state" before a descriptor: demonyms, the name, "Israel's"."""
        own = [_name(entry.id, text) for text in (*entry.demonyms, entry.name)]
        one_word = [_name(entry.id, text) for text in entry.aliases if len(_tokens(text)) == 1]
        for name in own + one_word:
            if name is not None:
                yield name
                yield _joined(entry.id, name, _POSSESSIVE)


def load_registry(paths: Sequence[Path] | None = None) -> ActorRegistry:
    """The shipped registry plus `paths` (by default the user's actors*.yaml), all checked."""
    loader = _Loader()
    extra = user_files("actors") if paths is None else paths
    for path in (shipped("actors.yaml"), *extra):
        loader.read(path)
    return loader.build()


@cache
def default_registry() -> ActorRegistry:
    """The registry for this process, loaded on first use."""
    return load_registry()
