"""Builds the spaCy pipelines once per process: a cheap sentence splitter and the full parser."""

from __future__ import annotations

import importlib
from functools import cache

import spacy
from spacy.language import Language
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from ceasefire.settings import get_settings


@cache
def load_parser() -> Language:
    """The full model (tagger, parser, NER), loaded lazily and once; the model is a setting.

    Its layers multiply matrices through NumPy's BLAS rather than thinc's BLIS: the BLIS
    wheel picks its slow "generic" kernels on CPUs it does not recognise (this AMD EPYC
    machine among them), three times slower than NumPy's, and matrix products are most of
    the model's time (tok2vec and NER 1.6x faster, records unchanged; see README).
    """
    # Cores are used by processes (`--jobs`); BLAS threads inside each would fight them.
    threadpool_limits(limits=1, user_api="blas")
    model = importlib.import_module(get_settings().spacy_model)
    nlp: Language = model.load()
    numpy_blas = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        network: Model | None = getattr(component, "model", None)
        if network is not None:
            for layer in network.walk():
                layer.ops = numpy_blas
    return nlp


@cache
def load_splitter() -> Language:
    """Tokenizer plus rule sentencizer: finds sentences without paying for a parse."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # spaCy's length limit guards the parser's memory; the splitter has no parser, and a
    # paragraph may be as long as the largest document accepted.
    nlp.max_length = get_settings().max_document_bytes + 1
    return nlp
