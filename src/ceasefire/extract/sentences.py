"""Sentences and paragraphs of a document, as character spans into its normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ceasefire.extract.pipeline import load_splitter

_PARAGRAPH = re.compile(r"[^\n]+")
_OPENING_MARKS = ("“", "‘", "«")
# spaCy's tokenizer strips a word's leading and trailing marks one at a time, each time copying
# and re-reading the rest of the word: a "word" of n quotation marks costs n² (20,000 took a
# minute). No word of prose is this long, so the splitter sees a space in place of every this
# many-th character of a longer run; sentences still take their text from the document.
_LONGEST_WORD = 1000
_LONG_RUN = re.compile(rf"\S{{{_LONGEST_WORD},}}")


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
    docs = splitter.pipe(_LONG_RUN.sub(_broken, match.group()) for match in matches)
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


def _broken(run: re.Match[str]) -> str:
    """A run of characters without a space, with one in place of every _LONGEST_WORD-th."""
    characters = list(run.group())
    breaks = characters[_LONGEST_WORD - 1 :: _LONGEST_WORD]
    characters[_LONGEST_WORD - 1 :: _LONGEST_WORD] = " " * len(breaks)
    return "".join(characters)
