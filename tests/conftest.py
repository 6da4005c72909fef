"""Shared fixtures: the sample corpus (read from ../shared at run time) and extraction of a text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from ceasefire.document import Document, normalize_text
from ceasefire.records import Figure, Quote, Record

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds.jsonl"
# The day our own fixture sentences are "published": relative dates resolve against it.
PUBLISHED = date(2024, 3, 7)


@dataclass(frozen=True)
class Extraction:
    """What the extractor made of one fixture text, with lookups that read like the domain."""

    document: Document
    records: list[Record]

    @property
    def figures(self) -> list[Figure]:
        """The figure records, in document order."""
        return [r for r in self.records if isinstance(r, Figure)]

    @property
    def quotes(self) -> list[Quote]:
        """The quote records, in document order."""
        return [r for r in self.records if isinstance(r, Quote)]

    def figure(self, n: float) -> Figure:
        """The one figure whose value is `n`; fails with every figure found if there is not one."""
        found = [f for f in self.figures if f.value.n == n]
        assert len(found) == 1, f"expected one figure of {n}, got {self.summary()}"
        return found[0]

    def quote(self, words: str) -> Quote:
        """The one quote whose words start with `words`."""
        found = [q for q in self.quotes if q.quote.startswith(words)]
        assert len(found) == 1, f"expected one quote starting {words!r}, got {self.summary()}"
        return found[0]

    def summary(self) -> list[str]:
        """Every figure and quote in one line each, for assertion messages."""
        lines = []
        for record in self.records:
            if isinstance(record, Figure):
                claimant = record.claimant.id or record.claimant.name if record.claimant else None
                actor = record.actor.id or record.actor.name if record.actor else None
                lines.append(
                    f"figure {record.metric} {record.value} claimant={claimant} actor={actor}"
                )
            elif isinstance(record, Quote):
                speaker = record.speaker.id or record.speaker.name if record.speaker else None
                lines.append(f"quote {record.quote!r} speaker={speaker}")
        return lines


@pytest.fixture(scope="session")
def parser() -> Language:
    """The full spaCy pipeline, loaded once for the whole test session."""
    from ceasefire.extract.pipeline import load_parser

    return load_parser()


@pytest.fixture(scope="session")
def read(parser: Language) -> Callable[[str], Extraction]:
    """Extract a fixture text as a document published on PUBLISHED."""
    from ceasefire.extract import extract

    def run(text: str) -> Extraction:
        document = Document(id="fixture", text=normalize_text(text), published=PUBLISHED)
        return Extraction(document, extract(document))

    return run


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The sample corpus, or a skip when ../shared is not beside the project."""
    if not SEEDS.exists():
        pytest.skip(f"sample corpus not found at {SEEDS}")
    return SEEDS
