"""Modality of an event: whether its clause says it happened, or only that it will, might or not."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ValidationInfo, field_validator
from spacy.tokens import Token

from ceasefire.data_files import load_model, shipped
from ceasefire.records import Modality

# Links that end the trigger's clause: what lies above is someone else's clause (a reporting
# verb, a relative clause's antecedent), whose modality is not the event's.
_BOUNDARIES = {"ccomp", "relcl", "parataxis", "csubj", "csubjpass"}
# Links by which a governor takes a clause or an object (see `governors` in modality.yaml).
_CLAUSE_LINKS = {"xcomp", "ccomp", "acl", "advcl"}
_OBJECT_LINKS = {"dobj", "nsubjpass"}
_PREPOSITION_LINKS = {"prep", "agent", "dative"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_NOUN_LINKS = {"compound", "conj", "appos"}
_PAST = {"VBD"}
_PRESENT = {"VBZ", "VBP"}
_TIMES = {"DATE", "TIME"}
# When several cues apply, the strongest wins: a condition frames everything beneath it
# ("If Hamas doesn't stop violating ..." is conditional, not negated); a negation outranks a
# tense ("will not continue" is negated); a future outranks a wish ("will seek to").
_PRECEDENCE: tuple[Modality, ...] = ("conditional", "negated", "future", "hypothetical")


class Governors(BaseModel):
    """Words that govern an event's clause, object, or the object of a preposition."""

    clause: list[str]
    object: list[str]
    preposition: list[str]

    @field_validator("preposition")
    @classmethod
    def _two_words(cls, entries: list[str]) -> list[str]:
        """A preposition entry is "word preposition", so the pair can be looked up."""
        for entry in entries:
            if len(entry.split()) != 2:
                raise ValueError(f"{entry!r} is not 'word preposition'")
        return entries


class ModalityWords(BaseModel):
    """The schema of modality.yaml."""

    future_auxiliaries: list[str]
    reported_auxiliaries: list[str]
    hypothetical_auxiliaries: list[str]
    inverted_conditionals: list[str]
    conditional_marks: list[str]
    hypothetical_marks: list[str]
    temporal_marks: list[str]
    condition_words: list[str]
    negative_words: list[str]
    negating_prepositions: list[str]
    factive_prepositions: list[str]
    contrasting_conjunctions: list[str]
    perception_verbs: list[str]
    reporting_words: list[str]
    deal_nouns: list[str]
    occurrence_verbs: list[str]
    governors: dict[Modality, Governors]
    raising_words: list[str]
    future_modifiers: list[str]
    hypothetical_modifiers: list[str]

    @field_validator("raising_words")
    @classmethod
    def _raising_words_govern(cls, entries: list[str], info: ValidationInfo) -> list[str]:
        """A raising word lends its subject what it makes of its clause, so it must have a say."""
        governors: dict[Modality, Governors] = info.data.get("governors", {})
        clauses = {word for listed in governors.values() for word in listed.clause}
        missing = [entry for entry in entries if entry not in clauses]
        if missing:
            raise ValueError(f"not a clause governor: {', '.join(missing)}")
        return entries

    def governed(self, word: Token, link: str) -> Modality | None:
        """What `word` makes of what it governs by `link`: "clause", "object" or a preposition."""
        for modality, entries in self.governors.items():
            if link == "clause":
                listed = entries.clause
            elif link == "object":
                listed = entries.object
            else:
                pairs = (entry.split() for entry in entries.preposition)
                listed = [word for word, preposition in pairs if preposition == link]
            if _named(word, listed):
                return modality
        return None


@cache
def modality_words() -> ModalityWords:
    """Auxiliaries, subordinators and governing words, loaded once."""
    return load_model(shipped("modality.yaml"), ModalityWords)


def _named(token: Token, words: list[str]) -> bool:
    """Whether the token's lemma or its own form is one of `words`."""
    return token.lemma_.lower() in words or token.lower_ in words


@dataclass
class _Cues:
    """What the climb from a trigger has found so far."""

    found: set[Modality]
    would: bool = False
    reported: bool = False
    dated: bool = False
    negation_reaches: bool = True


def modality_of(trigger: Token) -> Modality:
    """The modality of the event a trigger word names, from its clause; "asserted" without cues."""
    words = modality_words()
    cues = _Cues(found=set())
    if _correlative(trigger):
        return "conditional"
    _read_noun(trigger, words, cues)
    node, via = trigger, ""
    while True:
        _read_clause(node, via, words, cues)
        head, link = node.head, node.dep_
        if head == node:
            break
        if link in _PREPOSITION_LINKS:
            if node.lower_ in words.factive_prepositions or _circumstance(node):
                break
            if node.lower_ in words.negating_prepositions:
                _add(cues, "negated")
            _govern(cues, words.governed(head, node.lower_))
        elif _own_clause(node):
            _read_boundary(node, head, words, cues)
            break
        elif not _climbs(node, words, cues):
            break
        else:
            _govern(cues, _governor(node, head, words) or _raised(node, head, words))
        if link in _CLAUSE_LINKS and _named(head, words.reporting_words):
            cues.reported = True
        if link in _NOUN_LINKS:
            _read_noun(head, words, cues)
        node, via = head, link
    if cues.would:
        cues.found.add("future" if cues.reported or cues.dated else "hypothetical")
    return next((m for m in _PRECEDENCE if m in cues.found), "asserted")


def _circumstance(preposition: Token) -> bool:
    """ "With daily flights arriving in Israel, the pause could ...": a "with" and a participle
    state a circumstance as fact, whatever the main clause's mood."""
    return preposition.lower_ == "with" and any(
        (child.dep_ == "pobj" and any(g.dep_ == "acl" and g.tag_ == "VBG" for g in child.children))
        or (child.dep_ == "pcomp" and child.tag_ == "VBG")
        for child in preposition.children
    )


def _add(cues: _Cues, modality: Modality) -> None:
    """Record a cue; a negation from above a clause that escaped it does not count."""
    if modality != "negated" or cues.negation_reaches:
        cues.found.add(modality)


def _govern(cues: _Cues, modality: Modality | None) -> None:
    """Record a governing word's cue, if it has one."""
    if modality is not None:
        _add(cues, modality)


def _governor(node: Token, head: Token, words: ModalityWords) -> Modality | None:
    """What the head makes of `node`; a copula lends its predicate ("the aim is to resume")."""
    if node.dep_ in _OBJECT_LINKS:
        return words.governed(head, "object")
    complement = node.dep_ in {"xcomp", "ccomp"}
    if not complement and not (node.dep_ in {"acl", "advcl", "relcl"} and _clausal(node)):
        return None
    if head.lemma_ == "be":
        for child in head.children:
            if child.dep_ in {"attr", "acomp"}:
                return words.governed(child, "clause")
    if head.pos_ in {"NOUN", "PROPN"}:
        # "enough munitions to continue striking": the noun's measure governs its clause.
        for child in head.children:
            if child.dep_ == "amod" and words.governed(child, "clause"):
                return words.governed(child, "clause")
    return words.governed(head, "clause")


def _raised(node: Token, head: Token, words: ModalityWords) -> Modality | None:
    """ "The ceasefire is set to take effect": the subject of a raising word shares its clause."""
    if node.dep_ not in _SUBJECTS:
        return None
    for word in [head, *(c for c in head.children if c.dep_ == "acomp" and head.lemma_ == "be")]:
        raising = _named(word, words.raising_words)
        if raising and any(child.dep_ == "xcomp" for child in word.children):
            return words.governed(word, "clause")
    return None


def _clausal(node: Token) -> bool:
    """A to-infinitive or that-clause, not a participle ("the threat posed by" is no complement)."""
    return any(
        child.dep_ in {"aux", "mark"} and child.lower_ in {"to", "that"} for child in node.children
    )


def _infinitive(node: Token) -> bool:
    """An infinitive, which the parser may call a ccomp or relcl ("let aid convoys enter")."""
    if node.tag_ == "VB" and not _finite_auxiliaries(node):
        return True
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in node.children)


def _own_clause(node: Token) -> bool:
    """A finite clause under a reporting verb, a noun or an antecedent: the event's own clause."""
    if _infinitive(node):
        return False
    if node.dep_ == "acl":
        return any(child.dep_ in _SUBJECTS for child in node.children)
    return node.dep_ in _BOUNDARIES


def _climbs(node: Token, words: ModalityWords, cues: _Cues) -> bool:
    """Whether the head's clause is the trigger's too; a finite clause of its own ends the climb."""
    own_subject = any(child.dep_ in _SUBJECTS for child in node.children)
    if node.dep_ == "nsubj" and node.pos_ in {"NOUN", "PROPN"}:
        # "the ceasefire will take effect" is about the event; "Israeli strikes would not stop
        # Hamas" and "talks have failed to achieve a breakthrough" take the event as given.
        return _named(node.head, words.occurrence_verbs)
    if node.dep_ == "conj":
        if own_subject or _finite_auxiliaries(node):
            return False
        contrasts = words.contrasting_conjunctions
        if any(child.dep_ == "cc" and child.lower_ in contrasts for child in node.head.children):
            cues.negation_reaches = False
        return True
    if node.dep_ == "advcl" and _tense(node) is not None:
        if _tense(node) in _PAST or _marked(node, words.conditional_marks):
            return False
        # "Israel will strike after Hamas fires": the present takes the main clause's future,
        # but not its negation ("did not strike after Hamas fired" says nothing of the firing).
        cues.negation_reaches = False
    return True


def _finite_auxiliaries(node: Token) -> list[Token]:
    """Auxiliaries carrying tense or mood ("will", "has", "did"), not the infinitive "to"."""
    return [c for c in node.children if c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO"]


def _tense(node: Token) -> str | None:
    """The tag carrying a clause's tense (its first finite auxiliary, else the verb), or None."""
    auxiliaries = _finite_auxiliaries(node)
    tag = auxiliaries[0].tag_ if auxiliaries else node.tag_
    return tag if tag in _PAST | _PRESENT | {"MD"} else None


def _marked(node: Token, marks: list[str]) -> bool:
    """Whether the clause is introduced by one of `marks` ("when" may be parsed as an adverb)."""
    return any(
        child.dep_ in {"mark", "advmod"} and child.lower_ in marks for child in node.children
    )


def _negative(token: Token, words: ModalityWords) -> bool:
    """A negative word, or a noun it determines: "no", "no injuries", "nobody", "neither side"."""
    return token.lower_ in words.negative_words or any(
        child.dep_ in {"det", "neg"} and child.lower_ in words.negative_words
        for child in token.children
    )


def _read_noun(noun: Token, words: ModalityWords, cues: _Cues) -> None:
    """Cues on an event noun itself: "no airstrikes", "the planned withdrawal"."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return
    if _negative(noun, words):
        _add(cues, "negated")
    for child in noun.children:
        if child.dep_ in {"amod", "acl", "compound"}:
            if _named(child, words.future_modifiers):
                _add(cues, "future")
            elif _named(child, words.hypothetical_modifiers):
                _add(cues, "hypothetical")


def _read_clause(node: Token, via: str, words: ModalityWords, cues: _Cues) -> None:
    """Cues on one clause on the way up (entered from a child by `via`, "" for the trigger)."""
    children = list(node.children)
    negated = any(
        child.dep_ == "neg"
        or (child.dep_ == "advmod" and any(g.dep_ == "neg" for g in child.children))
        or (child.dep_ in _SUBJECTS | {"dobj"} and _negative(child, words))
        for child in children
    )
    if negated:
        _add(cues, "negated")
    for child in children:
        if child.dep_ in {"aux", "auxpass"}:
            _read_auxiliary(node, child, words, cues)
        elif child.dep_ == "mark" and child.lower_ in words.conditional_marks:
            _add(cues, "conditional")
        elif child.dep_ == "mark" and child.lower_ in words.hypothetical_marks:
            _add(cues, "hypothetical")
        elif child.dep_ == "advcl" and _marked(child, words.conditional_marks):
            _add(cues, "conditional")
        elif child.dep_ == "prep" and child.lower_ in words.reporting_words:
            cues.reported = True
        if _dated(child) or (child.dep_ == "conj" and any(_dated(g) for g in child.children)):
            cues.dated = True
    if negated and any(
        (child.dep_ == "prep" and child.lower_ in words.condition_words)
        or (child.dep_ == "advcl" and _marked(child, words.condition_words))
        for child in children
    ):
        _add(cues, "conditional")
    deal = via not in _SUBJECTS | {""} and _deal_term(node, words)
    if deal or _future_by_time_clause(node, children, words):
        _add(cues, "future")


def _dated(token: Token) -> bool:
    """A date or time modifying a clause: "take place Friday", "at 10 a.m.", "on Sunday"."""
    return token.ent_type_ in _TIMES or (
        token.dep_ == "prep" and any(child.ent_type_ in _TIMES for child in token.children)
    )


def _read_auxiliary(node: Token, auxiliary: Token, words: ModalityWords, cues: _Cues) -> None:
    """An auxiliary's cue: "will", "would", "could", or an inversion ("should efforts be made")."""
    subjects = [child for child in node.children if child.dep_ in _SUBJECTS]
    opens_clause = auxiliary.i == node.left_edge.i
    if opens_clause and subjects and _named(auxiliary, words.inverted_conditionals):
        _add(cues, "conditional")
    elif _named(auxiliary, words.future_auxiliaries):
        _add(cues, "future")
    elif auxiliary.lower_ in words.reported_auxiliaries:
        cues.would = True
    elif auxiliary.lower_ in words.hypothetical_auxiliaries and not _named(
        node, words.perception_verbs
    ):
        _add(cues, "hypothetical")


def _future_by_time_clause(node: Token, children: list[Token], words: ModalityWords) -> bool:
    """ "When the pause is done, we resume the war": a bare present after a present when-clause."""
    if node.tag_ not in _PRESENT or _finite_auxiliaries(node):
        return False
    return any(
        child.dep_ == "advcl" and _marked(child, words.temporal_marks) and _tense(child) in _PRESENT
        for child in children
    )


def _deal_term(node: Token, words: ModalityWords) -> bool:
    """ "Phase one provides for the release": a deal's terms, stated in the present, are to come."""
    if node.pos_ != "VERB" or _tense(node) in _PAST or node.tag_ == "VBN":
        return False
    for child in node.children:
        if child.dep_ != "nsubj":
            continue
        subject = node.head if child.tag_ in {"WDT", "WP"} and node.dep_ == "relcl" else child
        if _named(subject, words.deal_nouns):
            return True
    if node.dep_ == "acl" and node.tag_ == "VBG":
        return _named(node.head, words.deal_nouns)
    return False


def _read_boundary(node: Token, head: Token, words: ModalityWords, cues: _Cues) -> None:
    """At a reporting verb or a that-clause's governor: only its meaning reaches the event."""
    if node.dep_ in {"ccomp", "acl"}:
        _govern(cues, _governor(node, head, words))
    if _named(head, words.reporting_words):
        cues.reported = True
    # "It is not Hamas that has broken the ceasefire": a cleft's negation is the clause's.
    if head.lemma_ == "be" and any(child.dep_ == "neg" for child in head.children):
        _add(cues, "negated")


def _correlative(trigger: Token) -> bool:
    """ "The more Israel escalates ..., the more ... will be pushed": both halves are conditions."""
    sentence = trigger.sent
    pairs = [
        token.i
        for token in sentence[:-1]
        if token.lower_ == "the" and token.nbor().tag_ in {"JJR", "RBR"}
    ]
    return len(pairs) >= 2 and trigger.i > pairs[0]
