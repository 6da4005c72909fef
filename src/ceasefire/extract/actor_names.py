"""Actor names as the keys of their words, and a trie that finds them in a text in one pass.

Names compare without case, accents or dots ("U.S." is "us"); words of one name may be
joined only by spaces, line breaks, hyphens or apostrophes, never by other punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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


class NameToken(NamedTuple):
    """One word of a text, with the key names are compared on."""

    start: int
    end: int
    key: str  # lower case, no accents, no dots: what names are compared on
    raw: str  # as written without dots, for acronyms that must match in capitals
    joined: bool  # only spaces, hyphens or apostrophes since the previous token


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokenize(text: str) -> list[NameToken]:
    """The words of a text as name tokens, each knowing whether it joins the one before."""
    tokens: list[NameToken] = []
    for match in _TOKEN.finditer(text):
        raw = "'s" if match.group().startswith(_APOSTROPHES) else match.group().replace(".", "")
        joined = bool(tokens) and _GAP.fullmatch(text, tokens[-1].end, match.start()) is not None
        tokens.append(NameToken(match.start(), match.end(), _fold(raw), raw, joined))
    return tokens


def clean_words(words: str) -> str:
    """A name's words without quote marks, "so-called", a leading determiner or a possessive."""
    text = _SO_CALLED.sub("", _QUOTE_MARKS.sub("", words))
    text = " ".join(text.split()).strip(_EDGE)
    while match := _DETERMINER.match(text):
        text = text[match.end() :]
    return _POSSESSIVE_END.sub("", text).strip(_EDGE)


@dataclass(frozen=True)
class ActorName:
    """One name of an actor, as the keys of its words."""

    id: str
    keys: tuple[str, ...]
    capitals: tuple[tuple[int, str], ...]  # short acronyms that match only in capitals ("US")

    def fits(self, tokens: Sequence[NameToken], start: int) -> bool:
        """Whether the tokens from `start` have this name's acronyms in capitals."""
        return all(tokens[start + offset].raw == raw for offset, raw in self.capitals)


def parse_name(actor_id: str, text: str) -> ActorName | None:
    """The name `text` of `actor_id`, or None when it has no words or punctuation between them."""
    tokens = tokenize(text)
    if tokens and tokens[0].key == "the":
        tokens = tokens[1:]
    if not tokens or not all(token.joined for token in tokens[1:]):
        return None
    capitals = tuple(
        (offset, token.raw)
        for offset, token in enumerate(tokens)
        if len(token.raw) <= 3 and token.raw.isupper()
    )
    return ActorName(actor_id, tuple(token.key for token in tokens), capitals)


POSSESSIVE = ActorName("", ("'s",), ())


def join_names(actor_id: str, first: ActorName, second: ActorName) -> ActorName:
    """The name of `actor_id` made of two names' words in a row ("Israeli" + "officials")."""
    shifted = tuple((offset + len(first.keys), raw) for offset, raw in second.capitals)
    return ActorName(actor_id, first.keys + second.keys, first.capitals + shifted)


class _Node:
    __slots__ = ("children", "names")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.names: list[ActorName] = []


class NameTrie:
    """Names by their words, so a text is matched in one pass however many names there are."""

    def __init__(self, names: Iterable[ActorName]) -> None:
        self._root = _Node()
        for name in names:
            node = self._root
            for key in name.keys:
                node = node.children.setdefault(key, _Node())
            node.names.append(name)

    def matches(self, tokens: Sequence[NameToken], start: int) -> Iterator[tuple[int, ActorName]]:
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


def qualifies_another(text: str, tokens: Sequence[NameToken], end: int) -> bool:
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
