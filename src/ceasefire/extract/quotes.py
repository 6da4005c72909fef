"""Finds quotations by their marks: straight, curly double and UK-style single curly quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

_PARAGRAPH = re.compile(r"[^\n]+")
_OPENERS = {"“": "”", "‘": "’", '"': '"', "«": "»"}
# A single curly quote opens a quotation only where an apostrophe could not stand.
_OPENS_AFTER = re.compile(r"(^|[\s(\[—–-])$")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# Past this many words, a closing ’ after an "s" is read as a plural possessive ("officials’ view").
_POSSESSIVE_MIN_WORDS = 3


@dataclass(frozen=True)
class QuoteMarks:
    """One quotation: the marks' positions, its content, and whether it runs past its paragraph."""

    start: int
    end: int
    content_start: int
    content_end: int
    paragraph: int
    open_ended: bool

    def words(self, text: str) -> int:
        """How many words the quotation holds."""
        return len(_WORD.findall(text[self.content_start : self.content_end]))


def find_quotations(text: str) -> list[QuoteMarks]:
    """Every quotation in the text; one not closed in its paragraph runs to the paragraph's end."""
    quotations: list[QuoteMarks] = []
    for number, paragraph in enumerate(_PARAGRAPH.finditer(text)):
        quotations.extend(_scan_paragraph(text, paragraph.start(), paragraph.end(), number))
    return quotations


def _scan_paragraph(text: str, start: int, end: int, number: int) -> list[QuoteMarks]:
    found: list[QuoteMarks] = []
    position = start
    while position < end:
        opening = _next_opening(text, position, end)
        if opening is None:
            break
        closing = _closing_for(text, opening, end)
        if closing is None:
            content_end = end
            while content_end > opening + 1 and text[content_end - 1].isspace():
                content_end -= 1
            if content_end > opening + 1:
                found.append(QuoteMarks(opening, end, opening + 1, content_end, number, True))
            break
        if closing > opening + 1:
            found.append(QuoteMarks(opening, closing + 1, opening + 1, closing, number, False))
        position = closing + 1
    return found


def _next_opening(text: str, position: int, end: int) -> int | None:
    for index in range(position, end):
        char = text[index]
        if char not in _OPENERS or index + 1 >= end or text[index + 1].isspace():
            continue
        if char in '‘"' and not _OPENS_AFTER.search(text[max(0, index - 1) : index]):
            continue
        return index
    return None


def _closing_for(text: str, opening: int, end: int) -> int | None:
    closer = _OPENERS[text[opening]]
    if closer != "’":
        found = text.find(closer, opening + 1, end)
        return None if found < 0 else found
    # One pass over the closing marks, each compared with the next only: the work stays linear
    # in the paragraph however many marks it holds.
    candidates = _closing_marks(text, opening + 1, end)
    index = next(candidates, None)
    while index is not None:
        later = next(candidates, None)
        # A plural possessive ("officials’ view") when the quotation can still close later in
        # the same sentence: if any later mark has no full stop before it, the next one has none.
        possessive = (
            text[index - 1] == "s"
            and text[index + 1 : index + 2] == " "
            and later is not None
            and text.find(".", index + 1, later) < 0
            and _more_words_than(text, opening + 1, index, _POSSESSIVE_MIN_WORDS)
        )
        if not possessive:
            return index
        index = later
    return None


def _closing_marks(text: str, start: int, end: int) -> Iterator[int]:
    """Each ’ between `start` and `end` that no letter or digit follows: where a quotation
    opened by ‘ may close (the others are apostrophes inside words)."""
    index = text.find("’", start, end)
    while index >= 0:
        if index + 1 >= end or not text[index + 1].isalnum():
            yield index
        index = text.find("’", index + 1, end)


def _more_words_than(text: str, start: int, end: int, count: int) -> bool:
    """Whether text[start:end] holds more than `count` words, reading no further than needed."""
    words = _WORD.finditer(text, start, end)
    return next(islice(words, count, None), None) is not None
