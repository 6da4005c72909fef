"""Builds the spaCy pipelines once per process: a cheap sentence splitter and the full parser."""

from __future__ import annotations

import importlib
from functools import cache

import spacy
from spacy.language import Language

from ceasefire.settings import get_settings


@cache
def load_parser() -> Language:
    """The full model (tagger, parser, NER), loaded lazily and once; the model is a setting."""
    model = importlib.import_module(get_settings().spacy_model)
    return model.load()  # type: ignore[no-any-return]


@cache
def load_splitter() -> Language:
    """Tokenizer plus rule sentencizer: finds sentences without paying for a parse."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # spaCy's length limit guards the parser's memory; the splitter has no parser, and a
    # paragraph may be as long as the largest document accepted.
    nlp.max_length = get_settings().max_document_bytes + 1
    return nlp
