"""Figures: what a stated number counts (metric and subject) and who is said to have caused it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel
from spacy.tokens import Doc, Token

from ceasefire.data_files import load_model, shipped

_NUMBER_LINKS = {"quantmod", "compound", "nummod", "advmod", "prep", "pobj", "cc", "conj"}
_GOVERNED_AS = {"dobj", "nsubjpass", "nsubj", "pobj", "attr", "oprd", "npadvmod", "appos", "conj"}
_SUBJECT_MODIFIERS = {"amod", "compound", "nmod", "poss", "case", "cc", "conj", "acl", "prep"}
_PEOPLE_DEFAULT = "people"


class MetricWords(BaseModel):
    """The schema of metrics.yaml."""

    things: dict[str, list[str]]
    people: dict[str, list[str]]
    verbs: dict[str, list[str]]
    captive_verbs: list[str]
    hostage_nouns: list[str]
    prisoner_nouns: list[str]
    source_nouns: list[str]
    unit_metrics: dict[str, str]


@cache
def metric_words() -> MetricWords:
    """The metric vocabulary, loaded once."""
    return load_model(shipped("metrics.yaml"), MetricWords)


@cache
def _lookup(table: str) -> dict[str, str]:
    words = getattr(metric_words(), table)
    return {word: metric for metric, entries in words.items() for word in entries}


@dataclass(frozen=True)
class Reading:
    """What the parse says about one number: metric, counted words, and the causing agent's words."""

    metric: str
    subject: str
    actor_token: Token | None
    counted_is_source: bool


def read_number(doc: Doc, number: Token, unit: str | None) -> Reading:
    """Read a number in its parsed sentence: the noun it counts, the verb governing it, the agent."""
    top = _top_of_number(number)
    counted = _counted_noun(top)
    verb = _governing_predicate(counted)
    metric = _metric(counted, verb, unit)
    subject = _subject_words(counted, top)
    words = metric_words()
    counted_is_source = counted != top and counted.lemma_.lower() in words.source_nouns
    return Reading(metric, subject, _agent(verb, counted), counted_is_source)


def _top_of_number(token: Token) -> Token:
    """Climb from a number's last token to the token standing for the whole number."""
    current = token
    while current.head != current and current.head.pos_ in {"NUM", "SYM"} and current.dep_ in {
        "quantmod", "compound", "nummod", "conj", "pobj", "prep",
    }:
        current = current.head
    return current


def _counted_noun(top: Token) -> Token:
    """The noun a number counts: its head for "four Palestinians", an "of" object for "10 of 36"."""
    if top.dep_ in {"nummod", "quantmod", "amod"} and top.head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return top.head
    for child in top.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "out"}:
            objects = [g for g in child.subtree if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
            if objects:
                return objects[-1]
    return top


def _governing_predicate(counted: Token) -> Token | None:
    """The verb or event noun that takes the counted noun as an argument."""
    current = counted
    for _ in range(3):
        if current.dep_ not in _GOVERNED_AS or current.head == current:
            return None
        head = current.head
        if head.pos_ in {"VERB", "AUX"} or (head.pos_ == "NOUN" and head.lemma_.lower() in _lookup("verbs")):
            return head
        if head.pos_ == "ADP":
            current = head
            continue
        if current.dep_ == "conj":
            current = head
            continue
        return None
    return None


def _metric(counted: Token, verb: Token | None, unit: str | None) -> str:
    words = metric_words()
    if unit in words.unit_metrics:
        return words.unit_metrics[unit]
    noun = counted.lemma_.lower()
    things = _lookup("things")
    if noun in things:
        return things[noun]
    if verb is not None:
        verb_metric = _verb_metric(verb, noun)
        if verb_metric is not None:
            return verb_metric
    for child in counted.children:
        if child.dep_ in {"amod", "acl"} and child.lemma_.lower() in _lookup("verbs"):
            return _lookup("verbs")[child.lemma_.lower()]
    return _lookup("people").get(noun, "other")


def _verb_metric(verb: Token, noun: str) -> str | None:
    words = metric_words()
    lemma = verb.lemma_.lower()
    if lemma in words.captive_verbs or (lemma in {"hold"} and noun in words.hostage_nouns):
        return "hostages_held"
    metric = _lookup("verbs").get(lemma)
    if metric == "released":
        if noun in words.hostage_nouns:
            return "hostages_released"
        if noun in words.prisoner_nouns:
            return "prisoners_released"
        return "hostages_released" if _agent_kind(verb) == "armed_group" else "prisoners_released"
    return metric


def _agent_kind(verb: Token) -> str | None:
    agent = _agent(verb, verb)
    if agent is None:
        return None
    from ceasefire.extract.actors import default_registry

    registry = default_registry()
    actor = registry.resolve(agent.text)
    return registry.kind_of(actor) if actor.id else None


def _subject_words(counted: Token, top: Token) -> str:
    """The counted things as written: the noun with its modifiers ("Palestinian civilians")."""
    if counted == top:
        return _PEOPLE_DEFAULT if top.pos_ == "NUM" else top.text
    tokens = [counted]
    for child in counted.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "poss", "case"} and child.i != top.i:
            tokens.extend(t for t in child.subtree if t.pos_ != "NUM" or t.i != top.i)
    for child in counted.rights:
        if child.dep_ in {"cc", "conj"}:
            tokens.extend(child.subtree)
        elif child.dep_ in {"acl", "prep"} and len(list(child.subtree)) <= 6:
            tokens.extend(child.subtree)
    tokens = [t for t in tokens if not (t.i <= top.i and t.i >= top.left_edge.i)]
    ordered = sorted(set(tokens), key=lambda t: t.i)
    start = ordered[0].idx
    end = ordered[-1].idx + len(ordered[-1].text)
    text = counted.doc.text[start:end].strip(" ,;:")
    return text or counted.text


def _agent(verb: Token | None, counted: Token) -> Token | None:
    """Who is said to have done it: the active subject, the passive agent, or "by X" on an event noun."""
    if verb is None:
        return None
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in current.children:
            if child.dep_ == "nsubj" and child != counted:
                return child
        if current.pos_ == "NOUN" and current.head != current:
            return None
        if current.dep_ in {"advcl", "pcomp", "xcomp", "conj", "acl", "relcl"} and current.head != current:
            current = current.head if current.dep_ != "relcl" else None
            continue
        return None
    return None
