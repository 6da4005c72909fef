"""Sentences and paragraphs of a document, as character spans into its normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ceasefire.extract.pipeline import load_splitter

_PARAGRAPH = re.compile(r"[^\n]+")


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
        for sent in doc.sents:
            start = match.start() + sent.start_char
            end = match.start() + sent.end_char
            if text[start:end].strip():
                sentences.append(Sentence(start, end, number, text[start:end]))
    return sentences
