"""Actor registry: one neutral id for every name documents give a party, body, outlet or person."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from ceasefire.data_cache import cache_folder, cached, fingerprint
from ceasefire.data_files import shipped, user_files
from ceasefire.extract import actor_files
from ceasefire.extract.actor_files import ActorEntry, ActorKind, ActorTables, read_actor_files
from ceasefire.extract.actor_names import (
    NameToken,
    NameTrie,
    clean_words,
    qualifies_another,
    tokenize,
)
from ceasefire.records import Actor

_CACHE_FORMAT = "actor-tables-1"  # bump when ActorTables' layout changes

__all__ = [
    "ActorEntry",
    "ActorKind",
    "ActorRegistry",
    "clean_words",
    "default_registry",
    "load_registry",
]

# Spelling variants score 92 and up ("Khalil Al Hayya", "Zelenskiy"); different bodies
# whose names share most letters stay below ("Israeli" vs "Iranian foreign ministry").
FUZZY_CUTOFF = 92.0
# Below this many letters one changed letter is another name ("Hamas", "Hamad").
FUZZY_MIN_CHARS = 8


class ActorRegistry:
    """Actors by id and the indexes that turn a document's words into them."""

    def __init__(self, tables: ActorTables) -> None:
        self._entries = tables.entries
        self._names = NameTrie([*tables.names, *tables.generated])
        self._phrases = NameTrie(tables.phrases)
        self._fuzzy: dict[str, str] = {}
        for name in tables.names:
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
        tokens = tokenize(text)
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
        tokens = tokenize(cleaned)
        actor_id = self._whole(tokens) or self._contained(cleaned, tokens) or self._close(tokens)
        if actor_id is None:
            return Actor(None, cleaned or words.strip(), words)
        return Actor(actor_id, self._entries[actor_id].name, words)

    def _whole(self, tokens: Sequence[NameToken]) -> str | None:
        for trie in (self._names, self._phrases):
            for end, name in trie.matches(tokens, 0):
                if end == len(tokens):
                    return name.id
        return None

    def _contained(self, text: str, tokens: Sequence[NameToken]) -> str | None:
        """The longest name inside the phrase; on a tie a person, then the earliest."""
        best: str | None = None
        best_rank: tuple[int, bool, int] | None = None
        for start in range(len(tokens)):
            for end, name in self._names.matches(tokens, start):
                if qualifies_another(text, tokens, end):
                    continue
                rank = (end - start, self._entries[name.id].kind == "person", -start)
                if best_rank is None or rank > best_rank:
                    best, best_rank = name.id, rank
        return best

    def _close(self, tokens: Sequence[NameToken]) -> str | None:
        """A long name spelt a little differently ("Khalil Al Hayya", "Zelenskiy")."""
        key = " ".join(token.key for token in tokens)
        if len(key) < FUZZY_MIN_CHARS:
            return None
        found = process.extractOne(
            key, self._fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self._fuzzy[found[0]] if found else None


def load_registry(
    paths: Sequence[Path] | None = None, cache_dir: Path | None = None
) -> ActorRegistry:
    """The shipped registry plus `paths` (by default the user's actors*.yaml), all checked.

    With a cache folder, the checked tables are kept there for the next process: reading the
    YAML with line numbers is most of a cold start.
    """
    extra = user_files("actors") if paths is None else paths
    files = [shipped("actors.yaml"), *extra]
    # The reading code is part of the key: a changed reader never meets an old cached table.
    keyed = [*files, Path(actor_files.__file__)]
    name = f"actors-{fingerprint(keyed, _CACHE_FORMAT)}.pickle" if cache_dir is not None else ""
    tables = cached(cache_dir, name, lambda: read_actor_files(files), pickle.dumps, pickle.loads)
    return ActorRegistry(tables)


@cache
def default_registry() -> ActorRegistry:
    """The registry for this process, loaded on first use (from the cache when fresh)."""
    return load_registry(cache_dir=cache_folder())
