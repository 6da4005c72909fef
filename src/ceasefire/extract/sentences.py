"""Sentences and paragraphs of a document, as character spans into its normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ceasefire.extract.pipeline import load_splitter

_PARAGRAPH = re.compile(r"[^\n]+")
_OPENING_MARKS = ("“", "‘", "«")


@dataclass(frozen=True)
class Sentence:
    """A sentence's span, the paragraph it belongs to, and its text."""

    start: int
    end: int
    paragraph: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences, never across a line break (a line break ends a paragraph)."""
    splitter = load_splitter()
    sentences: list[Sentence] = []
    matches = list(_PARAGRAPH.finditer(text))
    docs = splitter.pipe(match.group() for match in matches)
    for number, (match, doc) in enumerate(zip(matches, docs, strict=True)):
        bounds = [(match.start() + s.start_char, match.start() + s.end_char) for s in doc.sents]
        for index, (start, end) in enumerate(bounds):
            # An opening quotation mark left at a sentence's end belongs to the next sentence.
            if index + 1 < len(bounds) and text[start:end].rstrip().endswith(_OPENING_MARKS):
                mark = start + len(text[start:end].rstrip()) - 1
                bounds[index + 1] = (mark, bounds[index + 1][1])
                end = mark
            if text[start:end].strip():
                sentences.append(Sentence(start, end, number, text[start:end]))
    return sentences
