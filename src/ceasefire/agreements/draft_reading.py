"""A document read for drafting an agreement: its sentences and records, which sentences state
a deal's terms, who stated them, and the parties and zones the words of a term name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from ceasefire.agreements.draft_file import DraftZone, Missing
from ceasefire.agreements.draft_words import drafting_words, find_word, words_pattern
from ceasefire.document import Document
from ceasefire.extract.actors import default_registry
from ceasefire.extract.figures import agent_words
from ceasefire.extract.gazetteer import Side
from ceasefire.extract.modality import modality_of
from ceasefire.extract.pipeline import load_parser
from ceasefire.extract.places import PlaceMention, ancestor_ids, find_places, place_index, zone_of
from ceasefire.extract.sentences import Sentence
from ceasefire.records import Actor, Event, Figure, Place

_SIDE_WORD = re.compile(r"\bthe\s+(north|south|east|west)\b", re.IGNORECASE)
_SIDES: dict[str, Side] = {"north": "north", "south": "south", "east": "east", "west": "west"}


@dataclass(frozen=True)
class Reading:
    """A document, its sentences and records, and the lookups every rule shares."""

    document: Document
    sentences: list[Sentence]
    figures: list[Figure]
    events: list[Event]

    def sentence_at(self, position: int) -> Sentence:
        """The sentence a record's span starts in."""
        return max((s for s in self.sentences if s.start <= position), key=lambda s: s.start)

    def records_in(self, sentence: Sentence) -> list[Figure | Event]:
        """The figures and events whose span starts in a sentence."""
        records: list[Figure | Event] = [*self.figures, *self.events]
        return [r for r in records if sentence.start <= r.span[0] < sentence.end]

    @cached_property
    def deal_sentences(self) -> list[Sentence]:
        """Sentences that state terms: they name the deal, tell an event still to come, or
        promise to stop something ("Israel will halt airstrikes")."""
        words = drafting_words().deal_words
        return [
            s
            for s in self.sentences
            if find_word(words, s.text) or self._tells_future(s) or promised_cessations(s.text)
        ]

    def _tells_future(self, sentence: Sentence) -> bool:
        records = self.records_in(sentence)
        return any(isinstance(r, Event) and r.modality == "future" for r in records)

    def states_term(self, figure: Figure) -> bool:
        """A figure is a term when it has no time or its sentence states terms, and no event
        told as done holds it ("Hamas has released 24 hostages" reports compliance)."""
        sentence = self.sentence_at(figure.span[0])
        done = any(
            isinstance(r, Event)
            and r.modality == "asserted"
            and r.span[0] <= figure.span[0] < r.span[1]
            for r in self.records_in(sentence)
        )
        return not done and (figure.period is None or sentence in self.deal_sentences)

    def version(self, sentence: Sentence, claimant: Actor | None = None) -> dict[str, Any]:
        """Who stated a term (the claimant, else the outlet), where, and the sentence."""
        if claimant is None:
            claimant = next((r.claimant for r in self.records_in(sentence) if r.claimant), None)
        outlet = self.document.outlet
        stated_by: str | Missing = Missing("who stated this (an actor id)", None)
        if claimant is not None:
            stated_by = claimant.id or claimant.name
        elif outlet:
            stated_by = default_registry().resolve(outlet).id or outlet
        return {"stated_by": stated_by, "source": self.source, "said": said(sentence)}

    @property
    def source(self) -> str:
        """The outlet, title and day of the document, as far as known."""
        document, day = self.document, self.document.published
        parts = [document.outlet, document.title, f"{day.day} {day:%B %Y}" if day else None]
        return ", ".join(part for part in parts if part) or document.id


@lru_cache(maxsize=64)
def _parse(text: str) -> Doc:
    return load_parser()(text)


def _token_at(text: str, offset: int) -> Token | None:
    return next((token for token in _parse(text) if token.idx + len(token) > offset), None)


def cessations(text: str) -> list[re.Match[str]]:
    """The words of a sentence that stop what follows them ("halt", "refrain from", "no"),
    unless refused or denied: "they refused to cease hostilities" states no term."""
    found = []
    for cue in words_pattern(tuple(drafting_words().cessation_words)).finditer(text):
        token = _token_at(text, cue.start())
        if token is None or token.pos_ != "VERB" or modality_of(token) != "negated":
            found.append(cue)
    return found


def promised_cessations(text: str) -> list[re.Match[str]]:
    """Cessations a sentence tells as still to come: "Israel will halt airstrikes"."""
    if not find_word(drafting_words().cessation_words, text):
        return []  # most sentences: no parse needed
    return [
        cue
        for cue in cessations(text)
        if (token := _token_at(text, cue.start())) is not None
        and token.pos_ == "VERB"
        and modality_of(token) == "future"
    ]


def subject_party(text: str, offset: int) -> str | None:
    """The party that is the subject of the clause around a word: "Israel will refrain from"."""
    node = _token_at(text, offset)
    for _ in range(8):
        if node is None:
            return None
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return party_of(default_registry().resolve(agent_words(subject)))
        node = None if node.head == node else node.head
    return None


def party_of(actor: Actor | None) -> str | None:
    """The party an actor belongs to: the top of its registry chain (the IDF is Israel's)."""
    if actor is None or actor.id is None:
        return None
    registry = default_registry()
    current = actor.id
    while True:
        try:
            parent = registry.entry(current).parent
        except KeyError:
            return current
        if parent is None:
            return current
        current = parent


def zone_for(place: str | Place | PlaceMention | None, name: str | None = None) -> DraftZone | None:
    """The agreement zone a place lies in, else the registry's place itself."""
    if place is None:
        return None
    if name is None:
        name = place if isinstance(place, str) else _place(place).name
    zone = zone_of(place)
    if zone is not None:
        return DraftZone(zone, ("zone", zone), name)
    ids = ancestor_ids(place)
    return DraftZone(ids[0], ("place", ids[0]), name) if ids else None


def _place(place: Place | PlaceMention) -> Place:
    return place.place if isinstance(place, PlaceMention) else place


def located_place(text: str) -> PlaceMention | None:
    """The first place a text names as a location ("over southern Gaza"), not as a party that
    acts ("Israel will refrain")."""
    return next((mention for mention in find_places(text) if mention.relation), None)


def side_zone(text: str, begins: int, clause: str) -> DraftZone | None:
    """ "in the north": that side of the last place the sentence named before the clause."""
    side = _SIDE_WORD.search(clause)
    if side is None:
        return None
    index = place_index()
    for mention in reversed([m for m in find_places(text[:begins]) if m.relation]):
        for place in index.ancestors(mention.id or mention.part_of):
            found = index.side_of(_SIDES[side.group(1).lower()], place.id)
            if found is not None:
                return zone_for(found.id, found.place.name)
    return None


def said(sentence: Sentence) -> str:
    """A sentence as a term quotes it: its words on one line."""
    return " ".join(sentence.text.split())
