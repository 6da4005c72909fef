"""The period a figure covers and the date of an event, resolved against the publication date.

Regexes find time expressions ("since the ceasefire took effect", "over the past week");
dateparser reads only the date phrases they capture ("10 October"), which is fast and
cannot misread ordinary words; named starts ("the war") are data in `data/anchors.yaml`.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeAlias

from dateparser.date import DateDataParser
from pydantic import BaseModel, ConfigDict, field_validator
from text_to_num import text2num

from ceasefire.data_files import load_model, shipped
from ceasefire.records import Period

ANCHORS_FILE = shipped("anchors.yaml")
_Day: TypeAlias = date  # the Anchor model has a field named `date`


class Anchor(BaseModel):
    """A named starting point ("the war", "the ceasefire") and when its words mean it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    date: _Day
    patterns: tuple[str, ...]
    context: tuple[str, ...] = ()
    valid_from: _Day | None = None
    valid_to: _Day | None = None

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"bad regular expression {pattern!r}: {err}") from err
        return patterns

    def applies(self, published: _Day | None, text: str) -> bool:
        """Whether the anchor's words can mean it in this document and sentence."""
        if published is None:  # undated: only anchors naming one unambiguous day
            in_window = self.valid_from is None and self.valid_to is None
        else:
            in_window = (self.valid_from or published) <= published <= (self.valid_to or published)
        context = _alternation(tuple(map(re.escape, self.context)))
        return in_window and (not self.context or context.search(text) is not None)


class AnchorFile(BaseModel):
    """The layout of anchors.yaml."""

    model_config = ConfigDict(extra="forbid")

    anchors: tuple[Anchor, ...]


@cache
def load_anchors(path: Path = ANCHORS_FILE) -> tuple[Anchor, ...]:
    """The anchors, read and validated once per process; errors name the file and line."""
    return load_model(path, AnchorFile).anchors


@cache
def _alternation(parts: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


def find_anchor(phrase: str, text: str, published: date | None) -> date | None:
    """The start of what the phrase names: earliest named, then context-bound, then latest."""
    named = ((_alternation(a.patterns).search(phrase), a) for a in load_anchors())
    ranked = [
        (found.start(), not anchor.context, -anchor.date.toordinal(), anchor.date)
        for found, anchor in named
        if found and anchor.applies(published, text)
    ]
    return min(ranked)[3] if ranked else None


_MONTH = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)"
)
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
_DATE = (
    rf"(?:(?<!\d)\d{{4}}-\d{{2}}-\d{{2}}(?!\d)"
    rf"|(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY})(?:,?\s+{_YEAR})?)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_NUMBER = r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)"
# The rest of a clause after a frame word ("since ..."): up to 100 characters, stopping at
# punctuation that ends the clause but not inside "Oct. 8, 2023".
_STOP = r"[;:!?()\[\]—–]|,\s(?!(?:19|20)\d{2})|\.(?=\s+[A-Z“\"‘']|\s*$)"
_CLAUSE = rf"(?P<w>(?:(?!{_STOP}).){{0,100}})"

_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_MONTH_RE = re.compile(_MONTH)
_YEAR_RE = re.compile(_YEAR)
_LEADING_WEEKDAY = re.compile(rf"(?P<last>last\s+)?(?P<wd>{_WEEKDAY})\b", re.IGNORECASE)
_LEADING_MONTH = re.compile(
    rf"(?:(?:early|late)\s+|mid-?)?(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?(?![\w-])", re.IGNORECASE
)
_RECURRING = re.compile(  # amounts per year or day have no period ("$3.3 billion every year")
    r"(?i)\b(?:(?:every|each|per|a)\s+(?:day|week|month|year)|annual(?:ly)?|yearly)\b"
)


@lru_cache(maxsize=256)
def _parser(base: date | None) -> DateDataParser:
    """A dateparser reading day-and-month phrases as the latest such day on or before `base`."""
    # Without a base, never fall back on today's date: the phrase must give the year.
    parts = ["day", "month"] if base else ["day", "month", "year"]
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": parts,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_date(phrase: str, base: date | None) -> date | None:
    """An absolute date phrase as a date; without a year, the latest one not after `base`."""
    try:
        found = _parser(base).get_date_data(phrase).date_obj
    except (ValueError, OverflowError):
        return None
    return found.date() if found is not None else None


def _weekday(name: str, published: date | None, mode: str = "") -> date | None:
    """The day a weekday names: the latest on or before publication, or the next one."""
    if published is None:
        return None
    target = _WEEKDAYS.index(name.lower())
    if mode == "next":
        return published + timedelta(days=(target - published.weekday()) % 7 or 7)
    back = (published.weekday() - target) % 7
    return published - timedelta(days=back or (7 if mode == "last" else 0))


def _count(word: str | None) -> int | None:
    """A count written in digits or words; None for vague words such as "few"."""
    if word is None or word.lower() in {"a", "an"}:
        return 1
    try:
        return int(word) if word.isdigit() else int(text2num(word.lower(), "en"))
    except ValueError:
        return None


def _back(published: date, n: int, unit: str) -> date:
    """Publication date minus n units; hours round up to whole days, months clamp the day."""
    unit = unit.lower().rstrip("s")
    if unit in {"month", "year"}:
        months = n * (12 if unit == "year" else 1)
        year, month = divmod(published.year * 12 + published.month - 1 - months, 12)
        return date(year, month + 1, min(published.day, monthrange(year, month + 1)[1]))
    days = {"hour": max(1, -(-n // 24)), "day": n, "week": 7 * n}[unit]
    return published - timedelta(days=days)


_Handler = Callable[[re.Match[str], str, date | None], Period | None]


def _dated(make: Callable[[re.Match[str], date], Period | None]) -> _Handler:
    """Wrap an expression relative to publication: undated documents leave it unresolved."""
    return lambda m, text, published: make(m, published) if published is not None else None


def _on(day: date | None) -> Period | None:
    return Period("on", day, day) if day else None


def _frame_day(phrase: str, text: str, published: date | None) -> date | None:
    """The day a frame names: an explicit date wins over a weekday, a month or an anchor."""
    explicit = _DATE_RE.search(phrase)
    if explicit and (day := parse_date(explicit.group(), published)):
        return day
    if weekday := _LEADING_WEEKDAY.match(phrase):
        return _weekday(weekday["wd"], published, "last" if weekday["last"] else "")
    if (month := _LEADING_MONTH.match(phrase)) and (published or month["y"]):
        return parse_date(f"1 {month['m']} {month['y'] or ''}", published)
    return find_anchor(phrase, text, published)


def _frame(kind: str) -> _Handler:
    """A date, or a frame ("since X", "before X", "as of X") around the day X names."""

    def handle(m: re.Match[str], text: str, published: date | None) -> Period | None:
        if kind == "as_of" and re.match(r"(?:now|today)\b", m["w"], re.IGNORECASE):
            day: date | None = published
        else:
            day = _frame_day(m["w"], text, published)
        if day is None:
            return None
        if kind == "on":
            return Period("on", day, day)
        if kind == "before":
            return Period("as_of", None, day - timedelta(days=1))
        return Period("as_of", None, day) if kind == "as_of" else Period("since", day, published)

    return handle


def _between_dates(m: re.Match[str], text: str, published: date | None) -> Period | None:
    first, second = m["a"], m["b"]
    # "24 and 28 November" / "November 24 to 28": the bare day borrows the other's month.
    month = _MONTH_RE.search(second) or _MONTH_RE.search(first)
    if month is None:
        return None
    if _DATE_RE.fullmatch(second) is None:
        year = _YEAR_RE.search(first)
        second = f"{second} {month.group()}" + (f" {year.group()}" if year else "")
    end = parse_date(second, published)
    if _DATE_RE.fullmatch(first) is None:
        first = f"{first} {month.group()}"
    start = parse_date(first, end) if end else None
    return Period("between", start, end) if start else None


@_dated
def _past(m: re.Match[str], published: date) -> Period | None:
    n = _count(m["n"])
    if n is None or (m["n"] is None and m["unit"].lower() == "day"):
        return None  # "the past few days", "the last day of the truce"
    return Period("between", _back(published, n, m["unit"]), published)


@_dated
def _last(m: re.Match[str], published: date) -> Period | None:
    if m["unit"].lower() == "week":  # the previous Monday to Sunday
        end = published - timedelta(days=published.weekday() + 1)
        return Period("between", end - timedelta(days=6), end)
    end = published.replace(day=1) - timedelta(days=1)
    return Period("between", end.replace(day=1), end)


@_dated
def _relative_day(m: re.Match[str], published: date) -> Period | None:
    if m["wd"]:  # "today, Saturday" in a quoted statement: the named day wins
        return _on(_weekday(m["wd"], published))
    words = m["rel"].lower()
    back = 2 if "before" in words else 1 if ("yesterday" in words or "last" in words) else 0
    return _on(published - timedelta(days=back))


@_dated
def _weekday_on(m: re.Match[str], published: date) -> Period | None:
    mode = (m["mod"] or "").lower()
    return _on(_weekday(m["wd"], published, mode if mode in {"last", "next"} else ""))


# How much a kind of expression is disfavoured when several compete for one figure:
# spans ("since", "over the past") beat cued days ("on Sunday"), which beat bare mentions.
_SPAN, _CUED, _BARE = 0, 10, 50
_DAY_MOD = r"(?P<mod>on|late|early|last|next|overnight)\s+(?:on\s+)?"
_PATTERNS: tuple[tuple[re.Pattern[str], int, _Handler], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), penalty, handler)
    for pattern, penalty, handler in (
        (rf"\bsince\b\s*{_CLAUSE}", _SPAN, _frame("since")),
        (rf"\b(?:days?|weeks?|months?|years?)\s+into\s+{_CLAUSE}", _SPAN, _frame("since")),
        (rf"\b(?:before|prior\s+to)\s+{_CLAUSE}", _SPAN, _frame("before")),
        (rf"\bas\s+of\s+{_CLAUSE}", _SPAN, _frame("as_of")),
        (
            r"\b(?:so\s+far(?!\s+as)|(?<!up\s)to\s+date|thus\s+far|(?:until|up\s+to)\s+now|currently)\b",
            _SPAN,
            _dated(lambda m, day: Period("as_of", None, day)),
        ),
        (
            rf"\b(?:(?:throughout|over|during|in|for|within)\s+)?(?:the|this)\s+(?:past|last|previous)"
            rf"\s+(?:{_NUMBER}\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b",
            _SPAN,
            _past,
        ),
        (
            rf"\b(?:between|from)\s+(?P<a>{_DATE}|{_DAY})\s*(?:and|to|until|till|through|-|–)\s*"
            rf"(?P<b>{_DATE}|{_DAY})",
            _SPAN,
            _between_dates,
        ),
        (rf"(?P<w>{_DATE})\s+(?:cease-?fire|truce)\b", _SPAN, _frame("since")),
        (r"\blast\s+(?P<unit>week|month)\b", _CUED, _last),
        (rf"\bon\s+(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<w>{_DATE})", _CUED, _frame("on")),
        (
            rf"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night"
            rf"|this\s+(?:morning|afternoon|evening))\b(?:,\s+(?P<wd>{_WEEKDAY})\b)?",
            _CUED,
            _relative_day,
        ),
        (
            rf"\b(?:{_DAY_MOD})?(?P<wd>{_WEEKDAY})(?:['’]s|\s+(?:morning|afternoon|evening|night))\b",
            _CUED,
            _weekday_on,
        ),
        (rf"\b{_DAY_MOD}(?P<wd>{_WEEKDAY})\b", _CUED, _weekday_on),
        (
            r"\bovernight\b",
            _CUED,
            _dated(lambda m, day: Period("between", day - timedelta(days=1), day)),
        ),
        # Bare mentions are weak clues: "killed two people Monday", "the October 7 attack".
        (rf"\b(?P<mod>)(?P<wd>{_WEEKDAY})\b", _BARE, _weekday_on),
        (rf"(?P<w>{_DATE})", _BARE, _frame("on")),
    )
)


@dataclass(frozen=True)
class _Candidate:
    """One resolved time expression and where it sits in the text."""

    start: int
    end: int
    penalty: int
    period: Period


@lru_cache(maxsize=256)
def _candidates(text: str, published: date | None) -> tuple[_Candidate, ...]:
    """Every time expression in the text that resolves, with its place and penalty.

    Cached: every figure and event of a sentence asks about the same sentence.
    """
    found: list[_Candidate] = []
    for pattern, penalty, handler in _PATTERNS:
        for m in pattern.finditer(text):
            try:
                period = handler(m, text, published)
            except (OverflowError, ValueError):
                continue  # arithmetic pushed a date off the calendar ("the past 9999 years")
            if period is not None:
                found.append(_Candidate(m.start(), m.end(), penalty, period))
    return tuple(found)


def _choose(found: list[_Candidate], focus: int | None) -> _Candidate | None:
    """The expression governing the figure: nearest to `focus`, spans preferred over mentions."""
    # An expression inside a larger one ("Sunday" in "since Sunday") is part of it.
    outer, widest = [], (-1, -1)
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if c.end > widest[1]:
            widest = (c.start, c.end)
        elif (c.start, c.end) != widest:
            continue
        outer.append(c)

    def cost(c: _Candidate) -> tuple[int, int]:
        if focus is None:
            return c.penalty, c.start
        gap = c.start - focus if focus < c.start else max(0, focus - c.end)
        return gap + c.penalty, c.start

    return min(outer, key=cost, default=None)


def resolve_period(
    text: str, published: date | None, as_of_default: bool = False, *, focus: int | None = None
) -> Period | None:
    """The period a figure at offset `focus` covers; `as_of_default`: a cumulative total."""
    chosen = _choose(list(_candidates(text, published)), focus)
    if chosen is not None:
        return chosen.period
    if as_of_default and published is not None and not _RECURRING.search(text):
        return Period("as_of", None, published)
    return None


def resolve_event_date(
    text: str, published: date | None, *, focus: int | None = None, ahead: bool = False
) -> tuple[date, date] | None:
    """The (start, end) days of an event in `text`; None unless the text fixes both ends.

    `ahead`: the event is still to come, so a bare weekday is the next one ("the pause is
    scheduled to begin Thursday", said on a Wednesday), not the last.
    """
    period = resolve_period(text, published, focus=focus)
    if period is None or period.kind == "as_of" or period.start is None or period.end is None:
        return None
    if ahead and published is not None and period.start == period.end < published:
        named = _WEEKDAYS[period.start.weekday()]
        if (published - period.start).days < 7 and re.search(rf"\b{named}\b", text, re.I):
            later = period.start + timedelta(days=7)
            return later, later
    return period.start, period.end
