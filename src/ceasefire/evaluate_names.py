"""Lenient comparison for the evaluator: names with `|` alternatives, and quoted words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

# Function words and hedges that never identify a party, place or subject:
# "two Israeli officials" ~ "Israeli officials", "the so-called resistance" ~ "resistance".
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "in",
        "on",
        "at",
        "by",
        "to",
        "from",
        "with",
        "its",
        "his",
        "her",
        "their",
        "these",
        "this",
        "that",
        "those",
        "so",
        "called",
        "two",
        "some",
        "former",
        "senior",
        "another",
        "one",
        "other",
        "al",
        "el",
    }
)

# Demonym endings stripped so that "Israeli" ~ "Israel", "Egyptian" ~ "Egypt", "Qatari" ~ "Qatar".
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "an", "i")
_MIN_STEM = 4

# Words skipped inside a capitalized run when taking initials ("Ministry of Health" -> "MH").
_CONNECTORS = frozenset({"of", "for", "the", "in", "on"})

_POSSESSIVE = re.compile(r"[’']s\b")
_INITIAL_DOT = re.compile(r"(?<=\b[A-Z])\.")  # "U.S." -> "US", "U.N." -> "UN"
_WORD = re.compile(r"[^\W_]+")


def stem(word: str) -> str:
    """Light stemming so that "Zionists" ~ "Zionist" and "Russian" ~ "Russia"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            word = word[: -len(ending)]
            break
    while len(word) > _MIN_STEM and word[-1] in "aeio":
        word = word[:-1]
    return word


# Role and area words that unrelated names share ("Israeli military" vs "Myanmar military",
# "Al-Shifa Hospital" vs "Nasser Hospital"): sharing only these is not a match.
GENERIC = frozenset(
    stem(word)
    for word in (
        "official",
        "force",
        "troop",
        "military",
        "army",
        "government",
        "ministry",
        "authority",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "source",
        "people",
        "group",
        "movement",
        "state",
        "regime",
        "agency",
        "office",
        "city",
        "strip",
        "camp",
        "hospital",
        "road",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "region",
        "area",
    )
)


def _words(name: str) -> list[str]:
    return _WORD.findall(_INITIAL_DOT.sub("", _POSSESSIVE.sub("", name)))


@cache
def content_words(name: str) -> frozenset[str]:
    """The stemmed words of a name that can identify it, stopwords and one-letter bits dropped."""
    lowered = (word.lower() for word in _words(name))
    return frozenset(stem(word) for word in lowered if len(word) > 1 and word not in STOPWORDS)


@cache
def _acronyms(name: str) -> frozenset[str]:
    return frozenset(w for w in _words(name) if 2 <= len(w) <= 7 and w.isalpha() and w.isupper())


@cache
def _initials(name: str) -> frozenset[str]:
    """Initials of each run of capitalized words: "Israel Defense Forces spokesman" -> {"IDF"}."""
    runs: list[str] = []
    current = ""
    for word in [*_words(name), ""]:
        if word.lower() in _CONNECTORS:
            continue  # "Syrian Observatory for Human Rights" -> "SOHR"
        if word[:1].isupper() and not word.isupper() and word.lower() not in STOPWORDS:
            current += word[0]
            continue
        if len(current) >= 2:
            runs.append(current)
        current = ""
    return frozenset(runs)


def _alternative_score(gold: str, predicted: str) -> int:
    gold_words, predicted_words = content_words(gold), content_words(predicted)
    if not gold_words and not predicted_words:
        return 2 if gold.strip().lower() == predicted.strip().lower() else 0
    if gold_words == predicted_words:
        return 2
    if (gold_words & predicted_words) - GENERIC:
        return 1
    if (
        gold_words
        and predicted_words
        and (gold_words <= predicted_words or predicted_words <= gold_words)
    ):
        return 1  # "troops" ~ "Israeli troops", though "troops" alone is generic
    if _acronyms(gold) & _initials(predicted) or _acronyms(predicted) & _initials(gold):
        return 1
    return 0


def alternatives(name: str) -> list[str]:
    """The `|`-separated alternatives of a gold (or predicted) name."""
    return [part.strip() for part in name.split("|") if part.strip()]


def name_score(gold: str, predicted: Iterable[str]) -> int:
    """2 if some alternative has the same content words, 1 if they only share one, 0 if none."""
    return max(
        (
            _alternative_score(gold_alt, predicted_alt)
            for gold_alt in alternatives(gold)
            for name in predicted
            for predicted_alt in alternatives(name)
        ),
        default=0,
    )


def names_of(value: Any) -> list[str]:
    """Every string an actor, place or subject offers: gold has `name`; predictions add more."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, dict):
        return []
    found = [value.get(part) for part in ("name", "as_written", "id")]
    return [name for name in found if isinstance(name, str) and name.strip()]


def same_name(gold: Any, predicted: Any) -> bool:
    """Whether a predicted name is right: gold null expects null, else a lenient match."""
    gold_names, predicted_names = names_of(gold), names_of(predicted)
    if not gold_names:
        return not predicted_names
    return name_score(gold_names[0], predicted_names) > 0


def place_score(gold: Any, predicted: Any) -> int:
    """2 for the same place or both null, 1 for a shared word ("Gaza" ~ "Gaza City"), else 0."""
    gold_names, predicted_names = names_of(gold), names_of(predicted)
    if not gold_names or not predicted_names:
        return 2 if not gold_names and not predicted_names else 0
    return name_score(gold_names[0], predicted_names)


_HYPHEN_BREAK = re.compile(r"-\n[ \t]*")
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The gold README's normalization: join hyphenated line breaks, collapse whitespace."""
    return _SPACE.sub(" ", _HYPHEN_BREAK.sub("-", text)).strip()


def quote_overlap(gold: Any, predicted: Any) -> tuple[float, float]:
    """Shared words over the shorter quotation's, and over both (Jaccard); 0 when none."""
    if not isinstance(gold, str) or not isinstance(predicted, str):
        return 0.0, 0.0
    gold_words = set(_WORD.findall(normalize_text(gold).lower()))
    predicted_words = set(_WORD.findall(normalize_text(predicted).lower()))
    shared = len(gold_words & predicted_words)
    if not shared:
        return 0.0, 0.0
    return (
        shared / min(len(gold_words), len(predicted_words)),
        shared / len(gold_words | predicted_words),
    )
