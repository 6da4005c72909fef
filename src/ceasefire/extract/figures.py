"""Figures: what a stated number counts (metric and subject) and who is said to have caused it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel
from spacy.tokens import Doc, Token

from ceasefire.data_files import load_model, shipped
from ceasefire.extract.actors import default_registry
from ceasefire.extract.attribution import accused_party
from ceasefire.extract.places import resolve_place

_PEOPLE_DEFAULT = "people"
_SHARE_WORDS = {"cent", "percent", "%"}
# Metrics a nearby word may lend to a count of people ("46 children were among the dead").
_CUE_METRICS = {"killed", "injured", "missing", "hostages_held", "displaced"}
# Words that put a count inside a larger one ("10 bodies, including six children").
_CONTAINERS = {"include", "including", "among", "of"}
RELATIVE_PRONOUNS = {"that", "which", "who"}


class MetricWords(BaseModel):
    """The schema of metrics.yaml."""

    things: dict[str, list[str]]
    people: dict[str, list[str]]
    verbs: dict[str, list[str]]
    captive_verbs: list[str]
    hostage_nouns: list[str]
    prisoner_nouns: list[str]
    source_nouns: list[str]
    people_nouns: list[str]
    instrument_nouns: list[str]
    stative_verbs: list[str]
    party_nouns: list[str]
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
    """What the parse says about one number: metric, counted words, and the causing agent."""

    metric: str
    subject: str
    actor_token: Token | None
    counted_is_source: bool


def read_number(doc: Doc, number: Token, unit: str | None) -> Reading:
    """Read a number in its parsed sentence: the noun it counts, its verb, the agent."""
    top = _top_of_number(number)
    counted = _counted_noun(top)
    verb = _governing_predicate(counted)
    metric = _metric(counted, verb, unit, top)
    subject = _subject_words(counted, top, unit)
    words = metric_words()
    counted_is_source = counted != top and counted.lemma_.lower() in words.source_nouns
    return Reading(metric, subject, _agent(verb, counted), counted_is_source)


def _top_of_number(token: Token) -> Token:
    """Climb from a number's last token to the token standing for the whole number."""
    current = token
    while (
        current.head != current
        and current.head.pos_ in {"NUM", "SYM"}
        and current.dep_
        in {
            "quantmod",
            "compound",
            "nummod",
            "conj",
            "pobj",
            "prep",
        }
    ):
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
    """The verb or event noun that takes the counted noun as an argument.

    Climbs through prepositions, coordination and number heads ("the release of 78 prisoners",
    "between 990 and 1,650 prisoners"), stopping at the first verb or event noun.
    """
    current = counted
    for _ in range(5):
        if current.dep_ == "ROOT":
            return None
        head = current.head
        if current.lower_ == "of" and head.lower_ == "out":
            # "killed 9,000 out of 30,000 fighters": the whole is not what the verb acts on.
            return None
        if _is_predicate(head):
            return head
        misattached = current.dep_ == "prep" and head.pos_ == "PROPN"
        if head.pos_ in {"ADP", "NUM"} or current.dep_ in {"conj", "appos", "pobj"} or misattached:
            current = head
            continue
        return None
    return None


def _is_predicate(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or (
        token.pos_ == "NOUN" and token.lemma_.lower() in _lookup("verbs")
    )


def _metric(counted: Token, verb: Token | None, unit: str | None, number: Token) -> str:
    words = metric_words()
    if unit in words.unit_metrics:
        return words.unit_metrics[unit]
    thing = _thing_metric(counted)
    if thing is not None:
        return thing
    container = _container_metric(counted)
    if container is not None:
        return container
    noun = singular_lemma(counted)
    # A participle on the counted noun describes it first ("240 Israelis captured by ...").
    for child in counted.children:
        lemma = child.lemma_.lower()
        if child.dep_ in {"amod", "acl", "relcl"}:
            if lemma in words.captive_verbs and (
                noun in words.people_nouns or noun in words.hostage_nouns
            ):
                return "hostages_held"
            if lemma in _lookup("verbs"):
                return _verb_metric(child, noun) or "other"
    if verb is not None:
        verb_metric = _verb_metric(verb, noun)
        if verb_metric is not None:
            return verb_metric
    people = _lookup("people").get(noun)
    if people is not None:
        return people
    return _clause_cue(number, verb, bare=counted == number) or "other"


def singular_lemma(token: Token) -> str:
    """The lemma, singular even for capitalized plurals the tagger leaves alone ("Israelis")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("is"):
        return lemma[:-1]
    return lemma


def _thing_metric(counted: Token) -> str | None:
    """A counted thing decides the metric: "trucks", "distribution points", "aid trucks"."""
    things = _lookup("things")
    # A coordinated noun with no number of its own shares this one ("350 food and aid trucks").
    nouns = [
        counted,
        *[
            c
            for c in counted.children
            if c.dep_ == "conj" and not any(g.like_num for g in c.children)
        ],
    ]
    if counted.dep_ in {"nmod", "compound"}:
        nouns.append(counted.head)  # "100 weapons' sales"
    for noun in nouns:
        compounds = [c for c in noun.children if c.dep_ == "compound"]
        for modifier in compounds:
            phrase = f"{modifier.lemma_.lower()} {noun.lemma_.lower()}"
            if phrase in things:
                return things[phrase]
        if noun.lemma_.lower() in things:
            return things[noun.lemma_.lower()]
    return None


def _container_metric(counted: Token) -> str | None:
    """A count of people inside a casualty noun: "the bodies of two men"."""
    head = counted.head
    if counted.dep_ == "pobj" and head.lower_ in _CONTAINERS and head.head.pos_ == "NOUN":
        return _cue_things().get(head.head.lemma_.lower())
    return None


def _clause_cue(number: Token, verb: Token | None, bare: bool) -> str | None:
    """A casualty word in the same clause ("were among the dead", "put the death toll at 57").

    A count inside a larger one ("including six children") looks one clause up; a bare
    number ("27 occurred") may also take a counted thing from its clause ("Among these violations").
    """
    cues = {**_lookup("people"), **_lookup("verbs"), **_cue_things()}
    allowed = set(_CUE_METRICS) | (set(_lookup("things").values()) if bare else set())
    if bare:
        cues = {**cues, **_lookup("things")}
    if verb is None:
        return None
    scopes = [verb]
    if verb.lemma_.lower() in _CONTAINERS:
        scopes.extend(a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"})
    for candidate in scopes[:2]:
        found = [
            (abs(token.i - number.i), cues[token.lemma_.lower()])
            for token in candidate.subtree
            if token.lemma_.lower() in cues and cues[token.lemma_.lower()] in allowed
        ]
        if found:
            return min(found)[1]
    return None


@cache
def _cue_things() -> dict[str, str]:
    return {word: metric for word, metric in _lookup("things").items() if metric in _CUE_METRICS}


def _verb_metric(verb: Token, noun: str) -> str | None:
    words = metric_words()
    lemma = verb.lemma_.lower()
    takes_people = noun in words.hostage_nouns or noun in words.people_nouns
    if (lemma in words.captive_verbs and takes_people) or (
        lemma == "hold" and noun in words.hostage_nouns
    ):
        return "hostages_held"
    metric = _lookup("verbs").get(lemma)
    if metric == "strikes" and noun != "time":
        return None
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
    registry = default_registry()
    actor = registry.resolve(agent.text)
    return registry.kind_of(actor) if actor.id else None


def _subject_words(counted: Token, top: Token, unit: str | None = None) -> str:
    """The counted things as written: the noun with its modifiers ("Palestinian civilians")."""
    if counted.lower_ in _SHARE_WORDS or (unit is not None and counted == top):
        # "20 per cent of members of ...", "$106 million in sales of ...": what the share or
        # sum is of.
        tail = _of_phrase(counted) or _of_phrase(top) or _of_phrase(top.head)
        if tail:
            return tail
    if counted == top:
        whole = _out_of_phrase(top)  # "killed about 9,000 out of at least 30,000 Hamas fighters"
        if whole:
            return whole
        return _PEOPLE_DEFAULT if top.pos_ == "NUM" else top.text
    tokens = [counted]
    for child in counted.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "poss", "case"} and child.i != top.i:
            tokens.extend(t for t in child.subtree if t.pos_ != "NUM" or t.i != top.i)
    for child in counted.rights:
        if (
            child.dep_ in {"cc", "conj"}
            or child.dep_ in {"acl", "prep"}
            and len(list(child.subtree)) <= 6
        ):
            tokens.extend(child.subtree)
    tokens = [t for t in tokens if not (t.i <= top.i and t.i >= top.left_edge.i)]
    ordered = sorted(set(tokens), key=lambda t: t.i)
    start = ordered[0].idx
    end = ordered[-1].idx + len(ordered[-1].text)
    text = counted.doc.text[start:end].strip(" ,;:")
    return text or counted.text


def _of_phrase(token: Token) -> str | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "for"}:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                phrase = list(objects[0].subtree)
                return token.doc.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1].text)]
    return None


def _out_of_phrase(top: Token) -> str | None:
    for child in top.head.children if top.dep_ != "ROOT" else []:
        if child.dep_ == "prep" and child.lower_ == "out" and child.i > top.i:
            nouns = [t for t in child.subtree if t.dep_ == "pobj" and t.pos_ in {"NOUN", "PROPN"}]
            if nouns:
                noun = nouns[0]
                modifiers = [t for t in noun.lefts if t.dep_ in {"compound", "amod"}]
                first = modifiers[0] if modifiers else noun
                return top.doc.text[first.idx : noun.idx + len(noun.text)]
    return None


def _agent(verb: Token | None, counted: Token) -> Token | None:
    """Who is said to have done it: active subject, passive agent, or "by X" on an event noun;
    None when the words there cannot act ("27 occurred", "the dead", "the appeal")."""
    if verb is None:
        return None
    accused = accused_party(verb)
    if accused is not None:
        return accused
    found = _agent_position(verb, counted) or _participle_agent(counted)
    if found is None:
        return None
    if found.lower_ in RELATIVE_PRONOUNS and found.head.dep_ == "relcl":
        found = _named_before(found.head.head)  # "the attacks, which left 1,200 dead"
    return found if found != counted and can_act(found) else None


def _named_before(token: Token) -> Token:
    """The noun a relative clause is about, past a date it follows ("the attacks on 7
    October, which left ..." -> attacks)."""
    current = token
    while current.ent_type_ in {"DATE", "TIME"} and current.head != current:
        current = current.head.head if current.head.pos_ == "ADP" else current.head
    return current


def _participle_agent(counted: Token) -> Token | None:
    """The agent of a participle describing the counted: "by X" ("two sales authorised by
    the president"), or the means of a harm ("three people killed in an Israeli strike")."""
    for child in counted.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            harm = child.lemma_.lower() in _lookup("verbs")
            return _means_or_agent(child, means=harm)
    return None


def _means_or_agent(verb: Token, means: bool = True) -> Token | None:
    """ "by X", or (with `means`) "in/from X" where X is a means of attack ("killed in an
    Israeli strike")."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    instruments = metric_words().instrument_nouns
    for child in verb.children if means else ():
        if child.dep_ == "prep" and child.lower_ in {"in", "from"}:
            for noun in child.children:
                if noun.dep_ == "pobj" and singular_lemma(noun) in instruments:
                    return noun
    return None


def _agent_position(verb: Token, counted: Token) -> Token | None:
    """The token where the agent of `verb` is written, climbing from a participle or a
    conjoined verb to the clause that names it ("Israel struck, killing 24")."""
    current: Token | None = verb
    for _ in range(4):
        if current is None or current.lemma_.lower() in metric_words().stative_verbs:
            return None  # "12 were among the dead", "the hospital received 30 bodies"
        means = _means_or_agent(current)
        if means is not None:
            return means
        for child in current.children:
            # "The number of trucks ... does not exceed 100": the counting noun is no agent.
            if child.dep_ == "nsubj" and counted not in list(child.subtree):
                return child
        if any(child.dep_ in {"nsubj", "nsubjpass", "expl"} for child in current.children):
            return None  # a clause with a subject of its own: "253 were injured" names no one
        if current.pos_ == "NOUN" and current.head != current:
            return None
        if (
            current.dep_ in {"advcl", "pcomp", "xcomp", "conj", "acl", "relcl"}
            and current.head != current
        ):
            current = current.head if current.dep_ != "relcl" else None
            continue
        return None
    return None


def can_act(token: Token) -> bool:
    """A party, person or pronoun for one, or a means of attack named with its party: not a
    number, a thing ("aid", "the appeal") or a means of attack alone ("the strike")."""
    words = metric_words()
    if token.like_num or token.pos_ == "NUM":
        return False
    lemma = singular_lemma(token)
    if token.pos_ in {"PRON", "PROPN"} or token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    if lemma in words.people_nouns or lemma in words.party_nouns:
        return True
    if default_registry().resolve(agent_words(token)).id is not None:
        return True  # "US imperialism", "the occupation": a party in the source's words
    return lemma in words.instrument_nouns and any(_names_its_party(c) for c in token.children)


def _names_its_party(modifier: Token) -> bool:
    """Whether a means of attack's modifier names who used it ("Israeli strikes", "Hamas
    rockets", "its jets"), not where or how ("the El-Fasher attack", "heavy shelling")."""
    if modifier.dep_ == "poss":
        return True
    if modifier.dep_ not in {"amod", "compound"}:
        return False
    words = modifier.doc[modifier.left_edge.i : modifier.right_edge.i + 1].text
    if singular_lemma(modifier) in metric_words().party_nouns:
        return True
    if default_registry().resolve(words).id is not None:
        return True
    return modifier.ent_type_ in {"NORP", "ORG", "PERSON"} and resolve_place(words) is None


def agent_words(token: Token) -> str:
    """The words naming an agent; a means of attack stands for whoever is named with it.

    "Israeli strikes" -> "Israeli", "Hamas rockets" -> "Hamas",
    "Israeli army fire" -> "Israeli army".
    """
    doc = token.doc
    modifiers = [
        child
        for child in token.lefts
        if child.dep_ in {"amod", "compound", "poss", "nmod"}
        and child.pos_ in {"PROPN", "ADJ", "NOUN"}
    ]
    instrument = token.lemma_.lower() in metric_words().instrument_nouns
    pronouns = [m for m in token.lefts if m.dep_ == "poss" and m.pos_ == "PRON"]
    if instrument and pronouns:
        return pronouns[0].text  # "its jets": whoever "its" stands for
    if instrument and modifiers:
        named = [m for m in modifiers if m.text[:1].isupper()]
        if named:
            first = named[0].left_edge
            last = named[-1]
            return (
                doc.text[first.idx : last.idx + len(last.text)]
                .removesuffix("’s")
                .removesuffix("'s")
            )
    keep = [t for t in token.lefts if t.dep_ in {"compound", "amod", "det", "poss", "case", "nmod"}]
    start = min([token.idx, *[t.left_edge.idx for t in keep]])
    return doc.text[start : token.idx + len(token.text)]
