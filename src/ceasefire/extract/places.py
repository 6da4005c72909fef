"""Places a text names, offline: each mention's span, the registry's place, and how it relates.

Every mention is returned, including names used as actors ("Israel said") or modifiers
("the Gaza ceasefire"): the caller knows the sentence and decides which are locations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from ceasefire.extract.gazetteer import (
    COLUMNS,
    NameKey,
    Precision,
    Side,
    Token,
    default_index,
    name_key,
    tokenize,
)
from ceasefire.records import Place

__all__ = ["IndexedPlace", "PlaceIndex", "PlaceMention", "ancestor_ids", "find_places",
           "place_index", "resolve_place", "zone_of"]  # fmt: skip

# Spelling variants score 90 and up ("Dier al-Balah"); below this many letters one changed
# letter is another place ("Rafah", "Rafha").
FUZZY_CUTOFF = 90.0
FUZZY_MIN_CHARS = 8
_LOOKBACK = 80  # characters before a mention searched for its relation ("10 km east of")
_LISTED = re.compile(r"\s*(?:,|,?\s*\b(?:and|or)\b)\s*")  # between places listed together
# Nouns that, after "the", name the last place of their kind the text named: "deployed two
# carrier groups to the region" (the Middle East named before), "the country's south", "in
# the east of the town"; "the area" takes the last place of any kind.
_ANAPHORIC_NOUNS: dict[str, Precision | None] = {
    "region": "region", "country": "country", "town": "point", "city": "point",
    "village": "point", "camp": "point", "area": None,
}  # fmt: skip

_ONE_WORD_SIDES: dict[str, Side] = {
    "north": "north", "northern": "north", "south": "south", "southern": "south",
    "east": "east", "eastern": "east", "west": "west", "western": "west",
    "central": "centre", "centre": "centre", "center": "centre",
    "northeast": "north-east", "northeastern": "north-east",
    "northwest": "north-west", "northwestern": "north-west",
    "southeast": "south-east", "southeastern": "south-east",
    "southwest": "south-west", "southwestern": "south-west",
}  # fmt: skip
_TWO_WORD_SIDES: dict[tuple[str, str], Side] = {
    ("north", "east"): "north-east", ("north", "eastern"): "north-east",
    ("north", "west"): "north-west", ("north", "western"): "north-west",
    ("south", "east"): "south-east", ("south", "eastern"): "south-east",
    ("south", "west"): "south-west", ("south", "western"): "south-west",
}  # fmt: skip
_ADJECTIVES: dict[Side, str] = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "centre": "central", "north-east": "north-eastern", "north-west": "north-western",
    "south-east": "south-eastern", "south-west": "south-western",
}  # fmt: skip
_ADJECTIVE_ONLY = frozenset(word for word in _ONE_WORD_SIDES if word.endswith(("ern", "al")))
_NOUN_ONLY = frozenset({"centre", "center"})


@dataclass(frozen=True)
class PlaceMention:
    """A place a text names: where, the registry's place, how precise, and the words before it."""

    start: int
    end: int
    as_written: str
    place: Place
    precision: Precision
    relation: str | None  # "in", "east of", "near", ... as the text puts it; None if nothing
    id: str | None  # registry id; None for a side or area the registry lacks
    part_of: str | None = None  # for those, the registry id of the place they are part of


@dataclass(frozen=True)
class IndexedPlace:
    """One place of the index: the record form, and where it lies."""

    id: str
    place: Place
    precision: Precision
    parent: str | None = None
    side: Side | None = None
    zone: str | None = None


class _Names:
    """Names by key: the place each names, and the needs of the few not spelled the usual way."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.indexes: dict[str, int] = table["indexes"]
        self.unusual: dict[str, list[Any]] = table["unusual"]

    def get(self, key: str) -> NameKey | None:
        index = self.indexes.get(key)
        if index is None:
            return None
        needs = self.unusual.get(key)
        return NameKey(index, *needs) if needs else NameKey(index, True, True, ())


class PlaceIndex:
    """The gazetteer as `find_places` reads it; places become objects only when named."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.columns = dict(zip(COLUMNS, data["columns"], strict=True))
        self.names = _Names(data["names"])
        self.context = _Names(data["context"])
        self.prefixes = frozenset(data["prefixes"])
        self.zones: dict[str, dict[str, str]] = data["zones"]
        self.words: dict[str, list[str]] = data["words"]
        self.area_words = frozenset(word.casefold() for word in self.words.get("area_words", ()))
        self.relations = _relation_pattern(self.words)
        self.index_of = {place_id: index for index, place_id in enumerate(self.columns["id"])}
        sides = zip(self.columns["side"], self.columns["parent"], strict=True)
        self.sides = {(s, parent): index for index, (s, parent) in enumerate(sides) if s}
        self._places: dict[int, IndexedPlace] = {}

    def place(self, index: int) -> IndexedPlace:
        """The place at a position of the index."""
        found = self._places.get(index)
        if found is None:
            row = [self.columns[column][index] for column in COLUMNS]
            found = self._places[index] = IndexedPlace(row[0], Place(*row[1:6]), *row[6:])
        return found

    def side_of(self, side: Side, place_id: str) -> IndexedPlace | None:
        """The registry's entry for a side of a place ("northern Gaza"), if it has one."""
        index = self.sides.get((side, place_id))
        return None if index is None else self.place(index)

    def ancestors(self, place_id: str | None) -> Iterator[IndexedPlace]:
        """The place with this id, then the places it lies in, innermost first."""
        while place_id is not None and place_id in self.index_of:
            place = self.place(self.index_of[place_id])
            yield place
            place_id = place.parent

    @cached_property
    def by_geonames(self) -> dict[int, int]:
        """Index positions by GeoNames id, for records that carry only that."""
        ids = enumerate(self.columns["geonames_id"])
        return {geonames_id: index for index, geonames_id in ids if geonames_id is not None}

    @cached_property
    def by_name(self) -> dict[str, int]:
        """Index positions by display name; the first (registry, then most populous) wins."""
        found: dict[str, int] = {}
        for index, name in enumerate(self.columns["name"]):
            found.setdefault(name, index)
        return found

    @cached_property
    def countries(self) -> dict[str, int]:
        """Index positions of countries by ISO code."""
        rows = zip(self.columns["precision"], self.columns["country"], strict=True)
        found: dict[str, int] = {}
        for index, (precision, code) in enumerate(rows):
            if precision == "country" and code:
                found.setdefault(code, index)
        return found

    @cached_property
    def fuzzy_names(self) -> dict[str, int]:
        """Registry and country names: a near miss of a GeoNames town is usually another town."""
        return {
            key: index
            for key, index in self.names.indexes.items()
            if len(key) >= FUZZY_MIN_CHARS
            and (
                not self.columns["id"][index].startswith("geonames-")
                or self.columns["precision"][index] == "country"
            )
        }


@cache
def place_index() -> PlaceIndex:
    """The shipped and the user's places, loaded once per process."""
    return PlaceIndex(default_index())


class _Hit(NamedTuple):
    first: int  # token indexes, end exclusive
    end: int
    target: IndexedPlace
    side: Side | None = None  # a side of the target the registry has no entry for
    area: str | None = None  # an area word after a town the registry lacks ("Sumy region")


def find_places(text: str) -> list[PlaceMention]:
    """Every place a text names, in order, longest names first and never overlapping."""
    return _Scanner(place_index(), text, strict=True).scan()


def resolve_place(words: str) -> Place | None:
    """The place a phrase names ("Khan Yunis" -> Khan Younis), None if it names none or several."""
    index = place_index()
    scanner = _Scanner(index, words, strict=False)
    tokens = scanner.tokens
    if tokens and tokens[0].key == "the":
        tokens = tokens[1:]
    if tokens and tokens[-1].key == "s" and len(tokens) > 1:
        tokens = tokens[:-1]
    if not tokens:
        return None
    mentions = scanner.scan()
    if mentions:
        whole = mentions[0].start <= tokens[0].start and mentions[0].end >= tokens[-1].end
        return mentions[0].place if len(mentions) == 1 and whole else None
    keyed = name_key(words)
    if keyed is None or len(keyed[0]) < FUZZY_MIN_CHARS:
        return None
    choices = index.fuzzy_names
    best = process.extractOne(
        keyed[0], choices.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return index.place(choices[best[0]]).place if best else None


def zone_of(place: str | Place | PlaceMention) -> str | None:
    """The agreement zone a place lies in ("gaza-north"), or None when it is in none."""
    index = place_index()
    return next((p.zone for p in index.ancestors(_registry_id(index, place)) if p.zone), None)


def ancestor_ids(place: str | Place | PlaceMention) -> list[str]:
    """The registry ids of a place and of every place it lies in, innermost first."""
    index = place_index()
    return [p.id for p in index.ancestors(_registry_id(index, place))]


def _registry_id(index: PlaceIndex, place: str | Place | PlaceMention) -> str | None:
    if isinstance(place, str):
        return place
    if isinstance(place, PlaceMention):
        return place.id or place.part_of
    known = index.by_geonames.get(place.geonames_id) if place.geonames_id else None
    known = index.by_name.get(place.name) if known is None else known
    return None if known is None else index.place(known).id


class _Scanner:
    """One pass over a text's words, trying at each word the forms a place name takes."""

    def __init__(self, index: PlaceIndex, text: str, strict: bool) -> None:
        self.index = index
        self.text = text
        self.tokens = tokenize(text)
        self.strict = strict  # a text's names are capitalized; a looked-up phrase need not be

    def scan(self) -> list[PlaceMention]:
        """Every mention in the text; context names only where the text names their place."""
        hits: list[_Hit] = []
        pending: list[_Hit] = []  # context names ("the enclave"), kept if the text names the place
        named: set[str] = set()
        index = 0
        while index < len(self.tokens):
            hit = self._match(index)
            if hit is not None:
                hits.append(hit)
                named.update(place.id for place in self.index.ancestors(hit.target.id))
                index = hit.end
                continue
            context = self._name_at(index, self.index.context)
            if context is not None:
                pending.append(_Hit(index, *context))
                index = context[0]
                continue
            referred = self._anaphor_at(index, hits)
            if referred is not None:
                hits.append(referred)
                index = referred.end
                continue
            index += 1
        hits.extend(hit for hit in pending if hit.target.id in named)
        mentions = [self._mention(hit) for hit in sorted(hits, key=lambda hit: hit.first)]
        for number in range(1, len(mentions)):  # "in Gaza City and Khan Younis": both "in"
            before, mention = mentions[number - 1], mentions[number]
            if mention.relation is None and _LISTED.fullmatch(self.text, before.end, mention.start):
                mentions[number] = replace(mention, relation=before.relation)
        return mentions

    def _match(self, index: int) -> _Hit | None:
        tokens = self.tokens
        if tokens[index].key == "the":  # "the north of the Gaza Strip"
            side = self._side_at(index + 1, noun=True)
            if side is not None and self._key(side[1]) == "of":
                after = side[1] + 1 + (self._key(side[1] + 1) == "the")
                named = self._name_at(after, self.index.names)
                joined = all(token.joined for token in tokens[index + 1 : after + 1])
                if named is not None and joined:
                    return self._sided(index, named, side[0])
        named = self._name_at(index, self.index.names)
        side = self._side_at(index, noun=False)
        if side is not None and side[1] < len(tokens) and tokens[side[1]].joined:
            sided = self._name_at(side[1], self.index.names)
            if sided is not None and (named is None or sided[0] > named[0]):
                return self._sided(index, sided, side[0])  # "northern Gaza", "south Lebanon"
        if named is None:
            return None
        end, target = named
        if self._key(end) == "s" and self.text[tokens[end].start - 1] in ("'", "’"):
            side = self._side_at(end + 1, noun=True)  # "Lebanon's south"
            if side is not None and tokens[end + 1].joined and tokens[end + 1].raw.islower():
                return self._sided(index, (side[1], target), side[0])
        area = self._key(end)
        if target.precision == "point" and area in self.index.area_words and tokens[end].joined:
            return _Hit(index, end + 1, target, area=area)  # "the Sumy region"
        return _Hit(index, end, target)

    def _anaphor_at(self, index: int, hits: list[_Hit]) -> _Hit | None:
        """ "the region", "the country('s south)": the last place of that kind named before."""
        noun = self._key(index + 1)
        if self._key(index) != "the" or noun not in _ANAPHORIC_NOUNS or not hits:
            return None
        precision = _ANAPHORIC_NOUNS[noun]
        if self.tokens[index + 1].raw[0].isupper() or not self.tokens[index + 1].joined:
            return None  # "the Country Party": a name, not a reference
        target = self._last_of(precision, hits)
        if target is None:
            return None
        end = index + 2
        if self._key(end) == "s" and self.text[self.tokens[end].start - 1] in ("'", "’"):
            side = self._side_at(end + 1, noun=True)  # "the country's south"
            if side is not None and self.tokens[end + 1].joined:
                return self._sided(index, (side[1], target), side[0])
        return _Hit(index, end, target)

    def _last_of(self, precision: Precision | None, hits: list[_Hit]) -> IndexedPlace | None:
        """The last place named of a precision (None: of any); for a country, the country of
        the last place."""
        for hit in reversed(hits):
            if precision is None:
                return hit.target
            if precision == "country":
                code = hit.target.place.country
                found = self.index.countries.get(code) if code else None
                return self.index.place(found) if found is not None else None
            if hit.target.precision == precision and hit.side is None:
                return hit.target
        return None

    def _key(self, index: int) -> str:
        return self.tokens[index].key if index < len(self.tokens) else ""

    def _side_at(self, index: int, noun: bool) -> tuple[Side, int] | None:
        """A side word at a token ("northern", "north-east") and the token after it."""
        key = self._key(index)
        second = self._key(index + 1)
        two = _TWO_WORD_SIDES.get((key, second))
        if two is not None and self.tokens[index + 1].joined and not (noun and second[-1] == "n"):
            return two, index + 2
        excluded = _ADJECTIVE_ONLY if noun else _NOUN_ONLY
        if key in _ONE_WORD_SIDES and key not in excluded:
            return _ONE_WORD_SIDES[key], index + 1
        return None

    def _sided(self, first: int, named: tuple[int, IndexedPlace], side: Side) -> _Hit:
        end, target = named
        explicit = self.index.side_of(side, target.id)
        return _Hit(first, end, explicit) if explicit else _Hit(first, end, target, side)

    def _name_at(self, index: int, table: _Names) -> tuple[int, IndexedPlace] | None:
        """The longest name in `table` starting at a token, and the token after it."""
        tokens = self.tokens
        found = None
        key = ""
        for end in range(index, len(tokens)):
            if end > index and not tokens[end].joined:
                break
            key = f"{key} {tokens[end].key}" if key else tokens[end].key
            needs = table.get(key)
            if needs is not None and self._fits(needs, tokens[index : end + 1]):
                found = (end + 1, self.index.place(needs.place))
            if key not in self.index.prefixes:
                break
        return found

    def _fits(self, needs: NameKey, words: list[Token]) -> bool:
        """Whether the words are spelled as the name needs: acronyms in capitals, a capital."""
        if any(words[offset].raw != raw for offset, raw in needs.capitals):
            return False
        if not self.strict:
            return True
        first = next((word for word in words if word.key != "al"), words[0])
        if needs.first_upper and not first.raw[0].isupper():
            return False
        return not needs.some_upper or any(word.raw[0].isupper() for word in words)

    def _mention(self, hit: _Hit) -> PlaceMention:
        start, end = self.tokens[hit.first].start, self.tokens[hit.end - 1].end
        target = hit.target
        found = self.index.relations.search(self.text[max(0, start - _LOOKBACK) : start])
        relation = " ".join(found.group("relation").casefold().split()) if found else None
        if hit.side is None and hit.area is None:
            return PlaceMention(
                start,
                end,
                self.text[start:end],
                target.place,
                target.precision,
                relation,
                target.id,
            )
        if hit.side is not None:
            name = f"{_ADJECTIVES[hit.side]} {target.place.name}"
        else:
            name = f"{target.place.name} {hit.area}"
        # A part keeps its whole's coordinates: the best point offline data can give.
        place = replace(target.place, name=name, geonames_id=None)
        precision: Precision = "district" if target.precision in ("point", "district") else "region"
        return PlaceMention(
            start, end, self.text[start:end], place, precision, relation, None, target.id
        )


def _relation_pattern(words: dict[str, list[str]]) -> re.Pattern[str]:
    """The relation words that may end the text before a mention, skipping "the town of"."""

    def alternatives(field: str) -> str:
        found = sorted(words.get(field, ()), key=len, reverse=True)
        return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in found) or "(?!)"

    return re.compile(
        rf"(?<![^\W_])(?P<relation>{alternatives('relations')})\s+(?:the\s+)?"
        rf"(?:(?:{alternatives('place_words')})\s+of\s+(?:the\s+)?)?\Z",
        re.IGNORECASE,
    )
