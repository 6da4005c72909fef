"""The sentence a record rests on, read from its document's stored text.

A figure's own text is only its number ("14,000"); a reader judging the claim needs the
sentence around it, with the number marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine

from ceasefire.extract.sentences import split_sentences
from ceasefire.store.reading import document_texts

Span = tuple[int, int]
# A sentence past this length (a wall of text the splitter found no end in) is cut around the
# record, keeping this many characters on each side.
_LONGEST = 600
_AROUND = 240


@dataclass(frozen=True)
class Evidence:
    """A sentence split around the record's words, so each format can mark them."""

    before: str
    words: str
    after: str


def evidence_sentences(
    engine: Engine, records: Iterable[tuple[str, Span]]
) -> dict[tuple[str, Span], Evidence]:
    """The sentence around each (document, span), reading each document's text once."""
    wanted = set(records)
    texts = document_texts(engine, {doc for doc, _ in wanted})
    return {(doc, span): sentence_around(texts.get(doc, ""), span) for doc, span in wanted}


def sentence_around(text: str, span: Span) -> Evidence:
    """The sentence of `text` holding `span`, split around it; only the paragraph holding the
    span is split, so a long document costs no more than a short one."""
    start, end = span
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    paragraph = text[paragraph_start:paragraph_end]
    low, high = paragraph_start, paragraph_end
    for sentence in split_sentences(paragraph):
        if sentence.start <= start - paragraph_start < sentence.end:
            low = paragraph_start + sentence.start
            high = max(paragraph_start + sentence.end, end)
            break
    cut_before = cut_after = False
    if high - low > _LONGEST:
        cut_before, cut_after = start - _AROUND > low, end + _AROUND < high
        low, high = max(low, start - _AROUND), min(high, end + _AROUND)
    before = ("…" if cut_before else "") + text[low:start].lstrip()
    after = text[end:high].rstrip() + ("…" if cut_after else "")
    return Evidence(before, text[start:end], after)
