"""What reconciling compares: who claims a figure, on which day, and which values it admits."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from ceasefire.records import Figure, Value
from ceasefire.store.reading import Source

# "about 14,000" admits values this close; "nearly 500" admits this much below it.
ABOUT = 0.05
NEARLY = 0.1
# Period kinds of a running total: "so far", "since October 7".
RUNNING_TOTAL = {"as_of", "since"}
_WORD = re.compile(r"[A-Za-z][\w-]*")
# Where a subject's head phrase ends: "Palestinians | in Gaza", "children | and two women".
_HEAD_PHRASE = re.compile(r"[,(;]|\b(?:in|of|from|at|on|across|including|and|or|with)\b", re.I)


@dataclass(frozen=True)
class Claimant:
    """Whom a claim belongs to: a registry id or name, or the outlet's own voice."""

    key: str
    label: str


def claimant_of(figure: Figure, source: Source) -> Claimant:
    """The claimant a figure's line belongs to; unattributed figures are their outlet's."""
    if figure.claimant is not None:
        key = figure.claimant.id or figure.claimant.name.lower()
        return Claimant(key, figure.claimant.name)
    outlet = source.outlet or source.doc
    return Claimant(f"outlet:{outlet.lower()}", f"{outlet} (own voice)")


def day_of(figure: Figure, source: Source) -> date | None:
    """The day a figure speaks of: its period's end, else its document's publication."""
    if figure.period is not None and figure.period.end is not None:
        return figure.period.end
    return source.published


def is_running_total(figure: Figure) -> bool:
    """A total to date ("so far", "since October") rather than a count for one day."""
    return figure.period is None or figure.period.kind in RUNNING_TOTAL


def counted_since(figure: Figure) -> date | None:
    """The day a running total counts from ("342 killed since the ceasefire took effect"),
    None for a total from the start of the record ("so far", a bare toll) and for a day's
    count. Totals from different days are different quantities: they make separate lines and
    never contradict each other."""
    if figure.period is None or figure.period.kind != "since":
        return None
    return figure.period.start


def admitted(value: Value) -> tuple[float, float]:
    """The closed range of true values a stated value admits, by its qualifier."""
    n = value.n
    match value.qualifier:
        case "exact":
            return n, n
        case "at_least":
            return n, math.inf
        case "more_than":
            return math.nextafter(n, math.inf), math.inf
        case "nearly":
            return n * (1 - NEARLY), n
        case "about":
            return n * (1 - ABOUT), n * (1 + ABOUT)
        case "up_to":
            return 0.0, n
        case "range":
            return n, value.to if value.to is not None else n
    return n, n


def compatible(first: Value, second: Value) -> bool:
    """Whether two stated values can both be true."""
    low_a, high_a = admitted(first)
    low_b, high_b = admitted(second)
    return low_a <= high_b and low_b <= high_a


def counted(figure: Figure) -> str:
    """What a figure counts, by the head word of its subject, lowercased and singular
    ("Palestinians in Gaza" -> "palestinian", "security personnel" -> "personnel"); figures counting
    different things never contradict each other."""
    words = _WORD.findall(_HEAD_PHRASE.split(figure.subject)[0])
    if not words:
        return ""
    head = words[-1].lower()
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head
