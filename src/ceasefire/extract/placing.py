"""Which named place a figure or event is about: a locative mention in its clause, else its sentence."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ceasefire.extract.places import PlaceMention, find_places
from ceasefire.records import Place

# Prepositions that put what a clause says at a place ("in Rafah", "east of Khan Younis").
_LOCATIVE = {"in", "on", "at", "near", "across", "into", "from", "throughout", "over", "inside",
             "around", "outside", "of", "to", "along", "within", "toward", "towards", "between"}
# Dependencies under which a place name only describes something located there
# ("the Gaza quagmire", "Gaza's hospitals").
_MODIFIER = {"compound", "amod", "poss", "nmod"}


def locative_places(doc: Doc) -> list[tuple[PlaceMention, Token]]:
    """Place mentions of a parsed sentence used as locations, not as parties ("Israel said")."""
    found: list[tuple[PlaceMention, Token]] = []
    for mention in find_places(doc.text):
        root = _root_at(doc, mention.end - 1)
        if root is not None and (mention.relation is not None or _is_locative(root)):
            found.append((mention, root))
    return found


def place_for(places: list[tuple[PlaceMention, Token]], clause: Token) -> Place | None:
    """The first locative place inside a clause, else the first in the sentence."""
    inside = [m for m, token in places if clause.left_edge.i <= token.i <= clause.right_edge.i]
    chosen = inside or [m for m, _ in places]
    return chosen[0].place if chosen else None


def _root_at(doc: Doc, position: int) -> Token | None:
    for token in doc:
        if token.idx <= position < token.idx + len(token.text):
            return token
    return None


def _is_locative(token: Token) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ == "pobj":
            return node.head.lower_ in _LOCATIVE
        if node.dep_ in _MODIFIER | {"conj", "appos"}:
            node = node.head
            continue
        return node.dep_ in {"npadvmod", "advmod"}
    return False
