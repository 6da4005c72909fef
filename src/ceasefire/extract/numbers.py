"""Every number a text states: its span, value, hedge, unit, and why it is not a figure.

Digits and number words count alike ("four", "twenty-five thousand one hundred and five");
text2num evaluates the words. Hedges and units are data (`qualifiers.yaml`, `units.yaml`).
Dates, times, ages, durations, distances, ordinals and designations are kept with
`not_figure` set, so a caller can see why they are not counted. Vague quantities
("dozens", "tens of thousands", "several hundred") are not number mentions at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from text_to_num import text2num

from ceasefire.extract.number_phrases import (
    LINE_SPACE,
    NotFigure,
    qualifier_lexicon,
    unit_lexicon,
)
from ceasefire.records import Qualifier, Value

__all__ = ["NotFigure", "NumberMention", "find_numbers", "qualifier_lexicon", "unit_lexicon"]

_H = LINE_SPACE  # short, because the patterns below use it at every gap


@dataclass(frozen=True)
class NumberMention:
    """A number in a text: the whole mention (hedge and unit words included) and the bare number."""

    start: int
    end: int
    number_start: int
    number_end: int
    n: float
    to: float | None
    qualifier: Qualifier
    unit: str | None
    not_figure: NotFigure | None
    words: str

    @property
    def value(self) -> Value:
        """The SCHEMA `value` this mention states."""
        return Value(self.n, self.to, self.qualifier)


_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9}
_ABBREVIATED_SCALES = {"k": 1_000, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
_MAX_NUMBER_WORDS = 20  # bounds the search for the longest parsable run of number words


def _alternatives(words: list[str] | dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WORD = _alternatives(_SMALL + list(_SCALES))
_FEW = _alternatives(_SMALL[:21])
_SCALE = _alternatives(_SCALES)
_AM_PM = r"(?:[ap]\.m\.?|[ap]m\b)"
_ATOM = re.compile(
    rf"""
    (?P<time>(?<![\w:.])[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?:{_H}*{_AM_PM})?
      | (?<![\w:.,])[0-9]{{1,2}}(?:[.:][0-9]{{2}})?{_H}*{_AM_PM}
      | (?<![\w:.,])[0-9]{{4}}{_H}+(?:GMT|UTC)\b)
    | (?P<date>(?<![\w/.-])[0-9]{{1,4}}
        (?:(?P<sep>[/.-])[0-9]{{1,2}}(?P=sep)[0-9]{{1,4}}|/[0-9]{{1,2}})(?![\w/]))
    | (?P<ratio>\b(?P<ra>{_FEW}|[0-9]{{1,2}})(?:{_H}+in|{_H}+out{_H}+of){_H}+(?:every{_H}+)?
        (?P<rb>{_FEW}|hundred|[0-9]{{1,3}})(?!\w|[.,][0-9]))
    | (?P<share>\b(?:(?P<num>an?|{_FEW})(?:{_H}+|-)(?P<den>{_alternatives(_DENOMINATORS)})
          (?={_H}+of\b)
        | half{_H}+an?{_H}+(?P<hscale>{_SCALE})\b
        | half(?={_H}+(?:of|the|its|their|his|her|our|all|those|these)\b)))
    | (?P<digits>(?<![0-9.,])(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?)
      (?:{_H}*(?P<sword>{_SCALE}|trillion)\b|(?P<sabbr>{_alternatives(_ABBREVIATED_SCALES)})\b)?
    | (?P<words>\b(?:an?{_H}+(?=(?:{_SCALE})\b))?(?:{_WORD})
        (?:(?:{_H}+and{_H}+|{_H}+|-)(?:{_WORD}))*\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_LETTERS = re.compile(r"[^\W\d_]+")
_CURRENCY_SIGN = re.compile(rf"[$€£]{_H}*\Z")
_NOT_A_SHARE = re.compile(r"(?<!\w)(?:first|second|other|latter|former|the|back)\s+\Z", re.I)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:tember|t)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_BEFORE = re.compile(rf"(?<!\w){_MONTH}\.?{_H}+\Z")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?,?{_H}+(?:of{_H}+)?{_MONTH}(?!\w)")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?!\w)")
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|\w+teenth|\w+tieth|hundredth|thousandth|millionth)"
)
_ORDINAL_AFTER = re.compile(rf"(?:-|{_H}+){_ORDINAL_WORD}(?!\w)", re.I)
_HYPHEN_WORD = re.compile(rf"-{_H}?([^\W\d_]+)")  # "two-state", wrapped as "two- state"
_PREFIX = re.compile(r"[^\W\d_]+-?\Z")
_APPOSITION = re.compile(rf"(?<!\w)[A-Z][\w'’.-]*,{_H}+\Z")  # "Eli Sharabi, 52," is an age
_APPOSITION_END = re.compile(rf"{_H}*(?:[,;)]|\.(?![0-9])|\Z)")
_CONNECTOR = re.compile(r"\s*(?:[-–—]|(?P<word>to|and|through))\s*", re.I)
_BETWEEN = re.compile(r"(?<!\w)between\s+\Z", re.I)
_FROM = re.compile(r"(?<!\w)from\s+\Z", re.I)


@dataclass(slots=True)
class _Atom:
    """One number as found, before ranges are joined: its span and the words touching it."""

    num_start: int
    num_end: int
    n: float
    kind: Literal["digits", "words", "share", "time", "date"]
    scale: float = 1
    plain: bool = False  # bare digits, no separator, decimals or scale: could be a year
    lone_one: bool = False
    unit: str | None = None
    not_figure: NotFigure | None = None
    after_qualifier: Qualifier | None = None
    left: int = -1
    right: int = -1

    def __post_init__(self) -> None:
        self.left, self.right = self.num_start, self.num_end


@lru_cache(maxsize=4096)
def _words_value(words: str) -> int | None:
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None


def _small_atom(text: str, start: int, end: int) -> _Atom | None:
    """A lone digit group or number word, e.g. either side of a ratio that is not one."""
    token = text[start:end]
    value = int(token) if token.isdigit() else _words_value(token.casefold())
    if value is None:
        return None
    kind: Literal["digits", "words"] = "digits" if token.isdigit() else "words"
    return _Atom(
        start, end, float(value), kind, plain=token.isdigit(), lone_one=token.casefold() == "one"
    )


def _atoms(text: str) -> Iterator[_Atom]:
    for match in _ATOM.finditer(text):
        start, end = match.span()
        if match["time"] or match["date"]:
            kind: Literal["time", "date"] = "time" if match["time"] else "date"
            hour_or_day = float(re.split("[^0-9]", match[0], maxsplit=1)[0])
            yield _Atom(start, end, hour_or_day, kind, not_figure=kind)
        elif match["ratio"]:
            yield from _ratio(text, match)
        elif match["share"]:
            yield from _share(text, match)
        elif match["digits"]:
            yield from _digits(text, match)
        else:
            yield from _words(text, start, end)


def _ratio(text: str, match: re.Match[str]) -> Iterator[_Atom]:
    first = _small_atom(text, *match.span("ra"))
    second = _small_atom(text, *match.span("rb"))
    if first is None or second is None:
        return
    measured = unit_lexicon().starting_at(text, match.end()) is not None  # "3 in 4 days"
    if 0 < first.n < second.n and not measured:  # "one in three" is a share: 33.3 per cent
        yield _Atom(*match.span(), round(100 * first.n / second.n, 1), "share", unit="percent")
    else:
        yield from (first, second)


def _share(text: str, match: re.Match[str]) -> Iterator[_Atom]:
    start, end = match.span()
    if match["hscale"]:
        yield _Atom(start, end, _SCALES[match["hscale"].casefold()] / 2, "words")
    elif match["den"]:
        numerator = match["num"].casefold()
        count = 1 if numerator in ("a", "an") else _words_value(numerator)
        if count:
            share = round(100 * count / _DENOMINATORS[match["den"].casefold()], 1)
            yield _Atom(start, end, share, "share", unit="percent")
    elif not _NOT_A_SHARE.search(text, max(0, start - 10), start):
        yield _Atom(start, end, 50.0, "share", unit="percent")


def _digits(text: str, match: re.Match[str]) -> Iterator[_Atom]:
    raw = match["digits"]
    start, end = match.span("digits")
    scale = 1
    if match["sword"]:
        scale, end = _SCALES.get(match["sword"].casefold(), 10**12), match.end()
    elif match["sabbr"]:
        abbreviation = match["sabbr"].casefold()
        # "$10m" and "1.2m" are millions; a bare "100m" is a distance
        money = _CURRENCY_SIGN.search(text, max(0, start - 4), start) is not None
        if money or "." in raw or abbreviation not in ("m", "b"):
            scale, end = _ABBREVIATED_SCALES[abbreviation], match.end()
    n = float(Decimal(raw.replace(",", "")) * scale)  # Decimal: "$3.3 billion" is exactly 3.3e9
    if math.isfinite(n):
        yield _Atom(start, end, n, "digits", scale=scale, plain=scale == 1 and raw.isdigit())


def _words(text: str, start: int, end: int) -> Iterator[_Atom]:
    tokens = list(_LETTERS.finditer(text, start, end))
    words = [token[0].casefold() for token in tokens]
    if words[0] in ("a", "an"):  # only ever before a scale: "a million"
        words[0] = "one"
    i = 0
    while i < len(words):
        if words[i] == "and" or words[i] in _SCALES:  # "several hundred" is vague
            i += 1
            continue
        for j in range(min(len(words), i + _MAX_NUMBER_WORDS), i, -1):
            value = _words_value(" ".join(words[i:j])) if words[j - 1] != "and" else None
            if value is not None:
                lone_one = words[i:j] == ["one"] and tokens[i][0].casefold() == "one"
                yield _Atom(
                    tokens[i].start(), tokens[j - 1].end(), float(value), "words", lone_one=lone_one
                )
                i = j
                break
        else:
            i += 1


def _yearish(atom: _Atom) -> bool:
    return atom.plain and 1900 <= atom.n <= 2100


def _date(text: str, atom: _Atom) -> NotFigure | None:
    """A day of the month beside a month name ("10 October", "Oct. 8"), widening the span to it."""
    if atom.kind not in ("digits", "words") or not (atom.n.is_integer() and 1 <= atom.n <= 31):
        return None
    before = _MONTH_BEFORE.search(text, max(0, atom.num_start - 12), atom.num_start)
    if before is not None:
        atom.left = before.start()
        suffix = _ORDINAL_SUFFIX.match(text, atom.num_end)
        atom.right = suffix.end() if suffix else atom.right
        return "date"
    after = _MONTH_AFTER.match(text, atom.num_end)
    if after is not None:
        atom.right = after.end()
        return "date"
    return None


def _attached(text: str, atom: _Atom) -> NotFigure | None:
    """What letters stuck to a number make it: "3rd", "1990s", "C-17", "155mm", "two-state"."""
    start, end = atom.num_start, atom.num_end
    if atom.kind == "digits":
        prefix = _PREFIX.search(text, max(0, start - 12), start)
        suffix = _LETTERS.match(text, end)
        atom.left = prefix.start() if prefix else start
        atom.right = suffix.end() if suffix else end
        if prefix is not None:
            return "year" if _yearish(atom) else "name"  # "mid-2023", but "F-16s", "G7"
        if suffix is not None:
            letters = suffix[0].casefold()
            if letters in ("st", "nd", "rd", "th"):
                return "ordinal"
            if letters == "s":  # "the 1990s", "in their 20s"
                return "year" if end - start == 4 else "age"
            return "name"
    elif ordinal := _ORDINAL_AFTER.match(text, end):
        atom.right = ordinal.end()
        return "ordinal"  # "twenty-first"
    compound = _HYPHEN_WORD.match(text, end)
    if compound is None or compound[1].casefold() == "strong":  # "a 1,200-strong force"
        return None
    return "ordinal" if re.fullmatch(_ORDINAL_WORD, compound[1], re.I) else "name"


def _annotate(text: str, atom: _Atom) -> None:
    """Attach the unit, trailing hedge and not-figure reason read from the words around a number."""
    atom.not_figure = atom.not_figure or _date(text, atom)
    if atom.not_figure in ("time", "date"):
        return
    units = unit_lexicon()
    after = units.starting_at(text, atom.right)
    before = units.ending_at(text, atom.left)
    for found in (after, before):
        if found is not None:
            atom.unit = found[1].unit or atom.unit
            atom.not_figure = atom.not_figure or found[1].not_figure
    atom.right = after[0] if after else atom.right
    atom.left = before[0] if before else atom.left
    hedge = qualifier_lexicon().starting_at(text, atom.right)
    if hedge is not None:
        atom.right, atom.after_qualifier = hedge
    if atom.not_figure is None and after is None and hedge is None and before is None:
        atom.not_figure = _attached(text, atom)
    if (
        atom.not_figure is None
        and atom.left == atom.num_start
        and atom.plain
        and atom.n <= 120
        and _APPOSITION.search(text, max(0, atom.left - 40), atom.left)
        and _APPOSITION_END.match(text, atom.right)
    ):
        atom.not_figure = "age"


def _range_start(text: str, first: _Atom, second: _Atom) -> int | None:
    """Where "between 25,000 and 30,000", "20 to 30" or "25%-30%" starts, if the pair is one."""
    if first.after_qualifier or first.right > second.left:
        return None
    gap = _CONNECTOR.fullmatch(text, first.right, second.left)
    if gap is None:
        return None
    between = _BETWEEN.search(text, max(0, first.left - 10), first.left)
    if between is not None:
        return between.start()
    word = (gap["word"] or "").casefold()
    if word == "and" or (word and _FROM.search(text, max(0, first.left - 6), first.left)):
        return None  # "rose from 20 to 30" is two numbers
    return first.left


def _mention(text: str, first: _Atom, last: _Atom, start: int) -> NumberMention | None:
    """One atom, or a range of two (`last` is not `first`) starting at `start`, as a mention."""
    ranged = last is not first
    qualifier: Qualifier = "range" if ranged else first.after_qualifier or "exact"
    hedge = None if ranged else qualifier_lexicon().ending_at(text, start)
    if hedge is not None:
        start, qualifier = hedge
    measure = unit_lexicon().ending_at(text, start) if start < first.left else None
    if measure is not None and measure[1].not_figure:  # "aged over 50", "aged between"
        start = measure[0]
    n = first.n
    if first.scale == 1 < last.scale and first.n < last.n / last.scale:
        n *= last.scale  # "between 2 and 3 million" means millions at both ends
    unit = last.unit or first.unit
    not_figure = first.not_figure or last.not_figure or (measure and measure[1].not_figure)
    if not_figure is None and hedge is None and unit is None and _yearish(first):
        not_figure = "year"
    if first.lone_one and not ranged and (unit is None or not_figure is not None):
        return None  # "one of the dead", "one day": a lone "one" is not a count
    return NumberMention(
        start,
        last.right,
        first.num_start,
        last.num_end,
        n,
        last.n if ranged else None,
        qualifier,
        unit,
        not_figure,
        text[start : last.right],
    )


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in `text`, in order; never raises, so it can run on any sentence."""
    atoms = list(_atoms(text))
    for atom in atoms:
        _annotate(text, atom)
    mentions: list[NumberMention] = []
    i = 0
    while i < len(atoms):
        first = atoms[i]
        second = atoms[i + 1] if i + 1 < len(atoms) else None
        start = None if second is None else _range_start(text, first, second)
        last = first if second is None or start is None else second
        mention = _mention(text, first, last, first.left if start is None else start)
        if mention is not None and mentions and mention.start < mentions[-1].end:
            mention = _clipped(text, mention, mentions[-1].end)
        if mention is not None:
            mentions.append(mention)
        i += 1 if last is first else 2
    return mentions


def _clipped(text: str, mention: NumberMention, taken: int) -> NumberMention | None:
    """A mention whose words reach back into the one before ("G7G7", "5 USD 6"): the earlier
    keeps the shared characters; a number inside the earlier mention is no mention of its own."""
    if taken > mention.number_start:
        return None
    gap = text[taken : mention.number_start]
    start = taken + len(gap) - len(gap.lstrip())
    return replace(mention, start=start, words=text[start : mention.end])
