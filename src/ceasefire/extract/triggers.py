"""Event triggers: the vocabulary of triggers.yaml compiled once into spaCy matchers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import product

from pydantic import BaseModel, field_validator
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ceasefire.data_files import load_model, shipped
from ceasefire.extract.pipeline import load_parser
from ceasefire.records import EVENT_TYPES

# Marks that end a clause: a gap in a trigger phrase does not cross them.
_CLAUSE_PUNCTUATION = [",", ";", ":", ".", "—", "–", "(", ")", "?", "!"]
# Dependents that are a verb's own arguments, as opposed to clauses hanging from it.
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "agent", "dative", "oprd", "npadvmod"}
# Phrases that set a trigger in time, not its arguments ("returned after the withdrawal of troops").
_TIME_PREPOSITIONS = {"after", "since", "during", "before", "following", "amid", "until", "despite"}


class TypeWords(BaseModel):
    """The words of one event type."""

    phrases: list[list[str]] = []
    objects: dict[str, list[str]] = {}


class TriggerFile(BaseModel):
    """The schema of triggers.yaml: every key must be a SCHEMA event type."""

    types: dict[str, TypeWords]
    requires: dict[str, list[str]]
    requires_by_word: dict[str, list[str]] = {}
    document_context: list[str]
    undergone: list[list[str]] = []
    irregular_forms: list[str] = []

    @field_validator("types", "requires")
    @classmethod
    def _known_types(cls, value: dict[str, object]) -> dict[str, object]:
        unknown = sorted(set(value) - set(EVENT_TYPES))
        if unknown:
            raise ValueError(f"unknown event type(s): {', '.join(unknown)}")
        return value


@dataclass(frozen=True)
class Trigger:
    """A word or phrase reporting an event of a type, and the token heading it."""

    type: str
    span: Span

    @property
    def head(self) -> Token:
        """The token the event's arguments attach to: the verb of "prisoners set to be freed"."""
        root = self.span.root
        verbs = [token for token in self.span if token.pos_ == "VERB"]
        if verbs and root.pos_ != "VERB":
            return verbs[-1]
        if root.pos_ == "ADP":
            # "in violation of": the noun the preposition takes.
            objects = [token for token in self.span if token.dep_ == "pobj" and token.head == root]
            return objects[0] if objects else root
        return root


@cache
def trigger_words() -> TriggerFile:
    """The trigger vocabulary, loaded and checked once."""
    return load_model(shipped("triggers.yaml"), TriggerFile)


@cache
def _matchers() -> tuple[PhraseMatcher, Matcher]:
    """Plain phrases go to a PhraseMatcher, which looks tokens up in one table whatever the
    number of phrases; phrases with a gap or a part of speech go to a Matcher, which tries
    every pattern at every token and so is kept to the few that need it."""
    vocab = load_parser().vocab
    plain = PhraseMatcher(vocab, attr="LEMMA")
    # The patterns are built by this module, not written by hand: spaCy's check of each one
    # would only slow every process's start.
    patterned = Matcher(vocab, validate=False)
    for event_type, words in trigger_words().types.items():
        combinations = [
            (phrase, list(combination))
            for phrase in words.phrases
            for combination in product(*(_token_patterns(word) for word in phrase))
        ]
        lemma_phrases = [
            Doc(vocab, words=lemmas, lemmas=lemmas)
            for phrase, combination in combinations
            if not _needs_matcher(phrase)
            for lemmas in [[str(token["LEMMA"]) for token in combination]]
        ]
        patterns = [combination for phrase, combination in combinations if _needs_matcher(phrase)]
        if lemma_phrases:
            plain.add(event_type, lemma_phrases)
        if patterns:
            patterned.add(event_type, patterns)
    return plain, patterned


def _needs_matcher(phrase: list[str]) -> bool:
    return any(word == "*" or "/" in word for word in phrase)


def _token_patterns(word: str) -> list[dict[str, object]]:
    """ "bomb/VERB" matches the verb only; a bare word matches any part of speech; "*" is a gap.

    Each form of a word is a pattern of its own: an exact lemma is compared by hash, while a
    set of lemmas ("IN") goes through the Matcher's predicate cache at three times the cost.
    """
    if word == "*":
        # "trading near-daily cross-border fire" is six tokens; a gap never crosses a comma
        # ("In exchange for the hostages, Israel freed ...").
        return [{"OP": "{,6}", "ORTH": {"NOT_IN": _CLAUSE_PUNCTUATION}}]
    lemma, _, pos = word.partition("/")
    return [{"LEMMA": form, **({"POS": pos} if pos else {})} for form in _forms(lemma)]


def _forms(lemma: str) -> list[str]:
    # The small model lemmatizes some nouns to their plural or capitalized form; accept both.
    return [lemma, lemma + "s", lemma.capitalize()]


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger in a parsed sentence; overlapping matches keep the longest."""
    spans = [
        Span(doc, start, end, label=doc.vocab.strings[match_id])
        for matcher in _matchers()
        for match_id, start, end in matcher(doc)
    ]
    # "March 12" names a day, not a march.
    spans = [span for span in spans if not all(t.ent_type_ in {"DATE", "TIME"} for t in span)]
    by_object = _object_triggers(doc)
    # "dropped 153 tonnes of bombs" is one airstrike: its object words are not triggers again.
    covered = {t.i for span in by_object for t in span.root.subtree}
    spans = [
        span
        for span in spans
        if not any(t.i in covered for t in span) or span.label_ not in {o.label_ for o in by_object}
    ]
    spans.extend(by_object)
    return [
        Trigger(span.label_, span) for span in sorted(filter_spans(spans), key=lambda s: s.start)
    ]


def _object_triggers(doc: Doc) -> list[Span]:
    """Verbs that report an event through their object: "dropped 153 tonnes of bombs"."""
    by_verb = _object_verbs()
    found: list[Span] = []
    for token in doc:
        if token.pos_ != "VERB":
            continue
        for event_type, wanted in by_verb.get(token.lemma_.lower(), ()):
            objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
            if any(
                t.lemma_.lower().rstrip("s") in wanted or t.lemma_.lower() in wanted
                for obj in objects
                for t in obj.subtree
            ):
                found.append(Span(doc, token.i, token.i + 1, label=event_type))
    return found


@cache
def _object_verbs() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Each `objects` verb of triggers.yaml with the event types it reports and their nouns."""
    verbs: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for event_type, words in trigger_words().types.items():
        for verb, nouns in words.objects.items():
            verbs.setdefault(verb, []).append((event_type, frozenset(nouns)))
    return verbs


def undergone_by_subject(trigger: Trigger) -> bool:
    """Whether the trigger's subject undergoes the event ("troops came under fire")."""
    lemmas = [token.lemma_.lower() for token in trigger.span]
    return any(
        lemmas[i : i + len(phrase)] == phrase
        for phrase in trigger_words().undergone
        for i in range(len(lemmas) - len(phrase) + 1)
    )


def requirement_met(trigger: Trigger, document_words: frozenset[str]) -> bool:
    """A trigger that needs context ("took effect" needs a ceasefire) finds it in its clause.

    A violation may take its ceasefire from the document ("daily violations by Hamas" in an
    article about a truce).
    """
    words = trigger_words()
    first = trigger.span[0].lemma_.lower()
    required = words.requires_by_word.get(first) or words.requires.get(trigger.type)
    if not required:
        return True
    wanted = set(required)
    if any(token.lemma_.lower() in wanted or token.lower_ in wanted for token in _context(trigger)):
        return True
    return trigger.type in trigger_words().document_context and bool(wanted & document_words)


def _context(trigger: Trigger) -> list[Token]:
    """The words that qualify a trigger: its own phrase and arguments, and for a noun, its verb's.

    Not the clauses and phrases hanging from it ("returned home after the withdrawal of troops").
    """
    head = trigger.head
    anchors = [head] if head.pos_ in {"VERB", "AUX"} else [head, clause_of(head)]
    if head.dep_ == "xcomp":
        anchors.append(head.head)  # "Israeli troops began pulling back"
    if head.dep_ in {"relcl", "acl"}:
        # "a four-day ceasefire that started Friday", "the agreement, mediated by Qatar"
        anchors.append(head.head)
    # A noun's phrase is its own ("withdrawal of forces"); a verb's subtree is the whole clause.
    tokens = list(trigger.span) + (list(head.subtree) if head.pos_ not in {"VERB", "AUX"} else [])
    for anchor in anchors:
        tokens.append(anchor)
        for child in anchor.children:
            if child.dep_ in _ARGUMENTS or (
                child.dep_ in {"prep", "prt"} and child.lower_ not in _TIME_PREPOSITIONS
            ):
                tokens.extend(child.subtree)
    return tokens


def clause_of(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself if it is a verb)."""
    current = token
    for _ in range(6):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        current = current.head
    return current
