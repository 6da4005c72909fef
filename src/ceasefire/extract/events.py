"""Events: who did what to whom, read around each trigger in a parsed sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ceasefire.extract.attribution import accused_party
from ceasefire.extract.figures import (
    RELATIVE_PRONOUNS,
    can_act,
    metric_words,
    singular_lemma,
)
from ceasefire.extract.triggers import (
    Trigger,
    clause_of,
    find_triggers,
    requirement_met,
    undergone_by_subject,
)
from ceasefire.records import Modality

# Nominal mentions inside these are frames ("after the withdrawal", "since the bombardment").
_FRAME_PREPOSITIONS = {
    "after",
    "since",
    "during",
    "before",
    "throughout",
    "following",
    "amid",
    "until",
    "prior",
    "despite",
    "into",
    "ahead",
    "from",
}
_FRAME_MARKS = {"since", "until", "before"}
_DURATIONS = {"hour", "day", "week", "month", "year"}
_ANAPHORIC_DETERMINERS = {"these", "those", "this", "that", "such"}
_LIGHT_VERBS = {
    "carry",
    "launch",
    "conduct",
    "stage",
    "mount",
    "wage",
    "make",
    "use",
    "unleash",
    "continue",
    "escalate",
    "intensify",
    "resume",
    "step",
    "order",
    "target",
}
_TARGET_PREPOSITIONS = {"on", "against", "at", "targeting"}
# Participles naming who took part in an event noun ("protests involving thousands").
_PARTICIPATION = {"involve", "include", "draw", "bring"}
# Words that make a killing a cumulative toll, not a bounded incident.
_CUMULATIVE_CUE = re.compile(
    r"\b(so far|every day|daily|to date|in total|overall|since|into the|death toll|a day|per cent|"
    r"percent)\b|%"
)
# A toll this large is a running total, not one incident.
_INCIDENT_MAX = 1000
_GENERIC_MODIFIERS = {"general", "hunger"}
# Words naming the war as a whole: not events, and fighting them is no clash.
_WHOLE_WAR = {"war", "warfare", "offensive", "campaign", "onslaught", "aggression", "genocide"}
# Events that carry their own deaths: a killing inside one is its toll, not another event.
_ATTACK_TYPES = {"airstrike", "shelling", "rocket_fire", "raid", "shooting", "armed_clash"}


@dataclass(frozen=True)
class EventMention:
    """A trigger that passed the filters, with the words for its actor and target."""

    trigger: Trigger
    actor: Token | None
    target: Token | None
    # "the negotiations", "these attacks": a re-mention, a record only if its claimant's first.
    anaphoric: bool
    # Set where the sentence's shape decides it rather than the trigger's clause (a cleft).
    modality: Modality | None = None

    @property
    def topical(self) -> bool:
        """A re-mention that is what its clause is about ("the sales include ..."): no record
        whoever says it."""
        return self.anaphoric and self.trigger.head.dep_ in {"nsubj", "nsubjpass"}


def find_event_mentions(doc: Doc, document_words: frozenset[str]) -> list[EventMention]:
    """Triggers in a parsed sentence that report events, not frames, anaphora or tolls."""
    mentions: list[EventMention] = []
    triggers = find_triggers(doc)
    for trigger in triggers:
        head = trigger.head
        if not requirement_met(trigger, document_words) or _is_frame(head):
            continue
        if any(child.lower_ in _GENERIC_MODIFIERS for child in head.children):
            continue
        if head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"compound", "amod"}:
            continue  # a modifier ("arms transfer process", "battle groups") names no event
        if head.tag_ == "VBG" and head.dep_ in {"amod", "compound"}:
            continue  # "fighting force"
        if (
            head.tag_ == "VBN"
            and head.dep_ in {"acl", "amod"}
            and singular_lemma(head.head) not in metric_words().instrument_nouns
            and not any(child.dep_ == "agent" for child in head.children)
        ):
            # "1,700 others detained in Gaza" describes people; "weapons handed to it by the
            # US" and "talks mediated by Qatar" name who did it, and so report the event.
            continue
        if _argument_of_same_event(trigger, triggers) or _describes_same_event(trigger, triggers):
            continue  # "authorised 100 weapons sales", "talks mediated by Qatar": one event
        if head.dep_ == "pobj" and head.head.lower_ == "in" and head.lower_ == "protest":
            continue  # "resigned in protest"
        if trigger.type == "armed_clash" and _is_struggle(head):
            continue
        if trigger.type == "killing" and (
            not _is_bounded_killing(head) or _caused_by_other_event(trigger, triggers)
        ):
            continue
        if undergone_by_subject(trigger):
            # "their troops have come under fire": the subject is whom it was done to.
            actor, target = None, _subject(head)
        else:
            actor, target = _actor_of(head, trigger.type), _target_of(head)
        if actor is not None and not can_act(actor):
            actor = None  # "the ceasefire came into effect", "sirens sounded"
        anaphoric = _is_anaphoric(head)
        contrast = _cleft_contrast(head)
        if contrast is not None:
            # "It is not Hamas that broke the truce but Israel": denied of one, said of the other.
            mentions.append(EventMention(trigger, contrast[0], target, anaphoric, "negated"))
            mentions.append(EventMention(trigger, contrast[1], target, anaphoric, "asserted"))
            continue
        mentions.append(EventMention(trigger, actor, target, anaphoric))
    return mentions


def _cleft_contrast(head: Token) -> tuple[Token, Token] | None:
    """The denied and the named doer of "it is not X that did it but Y" / "not X but Y that"."""
    relative = any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in head.children)
    copula = head.head
    if not relative or copula.lemma_ != "be" or head.dep_ not in {"ccomp", "relcl"}:
        return None
    if not any(c.dep_ == "neg" for c in copula.children):
        return None
    focus = next((c for c in copula.children if c.dep_ == "attr"), None)
    if focus is None:
        return None
    # The parser hangs "but Y" on the copula, the focus or the verb's object; Y follows "but".
    for but in (t for t in copula.subtree if t.dep_ == "cc" and t.lower_ == "but"):
        named = [c for c in but.head.children if c.dep_ == "conj" and c.i > but.i]
        if named:
            return focus, named[0]
    return None


def _argument_of_same_event(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A noun that is the object of a verb reporting the same type of event."""
    head = trigger.head
    return head.pos_ in {"NOUN", "PROPN"} and any(
        other.type == trigger.type and other.head == head.head and other.head.pos_ == "VERB"
        for other in triggers
        if other is not trigger and head.dep_ in {"dobj", "nsubjpass"}
    )


def _describes_same_event(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A participle describing a noun of the same type of event ("negotiations, mediated by")."""
    head = trigger.head
    return head.dep_ == "acl" and any(
        other.type == trigger.type and other.head == head.head for other in triggers
    )


def _is_frame(head: Token) -> bool:
    """ "after the withdrawal", "from the first day of the talks", "since the bombardment began"."""
    node = head
    for _ in range(3):
        if node.pos_ not in {"NOUN", "PROPN"} or node.dep_ != "pobj":
            break
        if node.head.lower_ in _FRAME_PREPOSITIONS:
            return True
        if node.head.lower_ == "for" and node != head and node.lemma_.lower() in _DURATIONS:
            return True  # "munitions for 10 days of fighting": a measure, not the fighting
        if node.head.lower_ != "of":
            break
        node = node.head.head
    if head.pos_ == "VERB" and any(
        c.dep_ == "mark" and c.lower_ in _FRAME_MARKS for c in head.children
    ):
        return not _causal_since(head)
    if head.dep_ == "dobj" and head.head.lower_ in _FRAME_PREPOSITIONS:
        return True  # "following two airstrikes", tagged as a verb and its object
    governor = head.head
    if head.dep_ in {"nsubj", "nsubjpass"} and (
        any(c.dep_ == "mark" and c.lower_ in _FRAME_MARKS for c in governor.children)
        or (governor.dep_ == "pcomp" and governor.head.lower_ in _FRAME_PREPOSITIONS)
    ):
        return True  # "since Israel's air bombardment began"
    return head.pos_ == "VERB" and head.dep_ == "pcomp" and head.head.lower_ in _FRAME_PREPOSITIONS


def _causal_since(verb: Token) -> bool:
    """ "since Israel has used 2,500 bombs, it only retains ...": a "since" clause in the present
    perfect gives a reason, and reports its event; a temporal one ("since the war began") is in
    the simple past."""
    marked = any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children)
    return marked and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in {"VBZ", "VBP"} for c in verb.children
    )


def _is_anaphoric(head: Token) -> bool:
    return head.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETERMINERS | {"the"} for c in head.children
    )


def _is_struggle(head: Token) -> bool:
    """ "fighting for socialism", "fighting a defensive war": a cause or the war, no clash."""
    return any(
        (child.dep_ == "prep" and child.lower_ == "for")
        or (child.dep_ == "dobj" and child.lemma_.lower() in _WHOLE_WAR)
        for child in head.children
    )


def _caused_by_other_event(killing: Trigger, triggers: list[Trigger]) -> bool:
    """ "killed in an Israeli strike": the strike is the event, the deaths its toll."""
    clause = clause_of(killing.head)
    return any(
        other.type in _ATTACK_TYPES and clause.left_edge.i <= other.head.i <= clause.right_edge.i
        for other in triggers
        if other is not killing
    )


def _is_bounded_killing(head: Token) -> bool:
    """A killing is an incident when it is a finite clause without the words of a running toll."""
    if head.tag_ == "VBG" or head.dep_ in {"advcl", "acl", "amod", "pcomp"} and head.tag_ != "VBN":
        return False
    clause = clause_of(head)
    if _CUMULATIVE_CUE.search(clause.sent.text.lower()):
        return False
    for token in clause.subtree:
        if token.like_num:
            try:
                if float(token.text.replace(",", "")) >= _INCIDENT_MAX:
                    return False
            except ValueError:
                continue
    return True


def _actor_of(head: Token, event_type: str) -> Token | None:
    """Who did it: subject or passive agent of a verb; owner, demonym or "by X" of a noun."""
    if event_type == "ceasefire_violation":
        accused = accused_party(head)
        if accused is not None:
            return accused
        if head.dep_ == "pobj" and head.head.lower_ == "in":
            return _subject(clause_of(head))  # "airstrikes have escalated in violation of"
    if head.pos_ in {"NOUN", "PROPN"}:
        for child in head.children:
            # "demonstrations involving millions of people": who took part.
            if child.dep_ == "acl" and child.lemma_.lower() in _PARTICIPATION:
                objects = [_counted(g) for g in child.children if g.dep_ == "dobj"]
                if objects:
                    return objects[0]
            # "negotiations, mediated by the US": the participle's agent.
            if child.dep_ == "acl":
                agent = next((g for g in child.children if g.dep_ == "agent"), None)
                objects = [g for g in agent.children if g.dep_ == "pobj"] if agent else []
                if objects:
                    return objects[0]
            if child.dep_ == "prep" and child.lower_ == "by":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in head.children:
            if child.dep_ == "poss" or (
                child.dep_ in {"amod", "compound"}
                and child.pos_ in {"PROPN", "ADJ"}
                and child.text[:1].isupper()
            ):
                return child
        carrier = _light_verb(head)
        return _subject(carrier) if carrier is not None else None
    return _subject(head)


def _counted(token: Token) -> Token:
    """What a quantity noun counts ("thousands of students" -> students), else the token."""
    if token.ent_type_ != "CARDINAL" and not token.like_num:
        return token
    counted = [g for c in token.children if c.lower_ == "of" for g in c.children]
    return next((g for g in counted if g.dep_ == "pobj"), token)


def _subject(verb: Token) -> Token | None:
    found = _grammatical_subject(verb)
    if found is not None and found.lower_ in RELATIVE_PRONOUNS and found.head.dep_ == "relcl":
        return found.head.head  # "Hamas that has broken the ceasefire" -> Hamas
    return found


def _grammatical_subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in current.children:
            if child.dep_ in {"nsubj"}:
                return child
        for auxiliary in (c for c in current.children if c.dep_ in {"aux", "auxpass"}):
            # "Hamas is ‘constantly pushing’": quote marks can make the parser hang the
            # subject on the auxiliary.
            subjects = [g for g in auxiliary.children if g.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
        if current.dep_ == "pcomp" and current.head.head != current.head:
            # "has shown flexibility in dealing with the mediators": the doer of the clause
            # the preposition belongs to.
            current = clause_of(current.head)
            continue
        if current.dep_ in {"xcomp", "conj", "advcl", "acl"} and current.head != current:
            current = current.head
            continue
        return None
    return None


def _target_of(head: Token) -> Token | None:
    """Whom it was done to: an object or "on/against/at X" that names people or a party."""
    for child in head.children:
        if head.pos_ == "VERB" and child.dep_ == "dobj" and _names_a_party(child):
            return child
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS:
            objects = [g for g in child.children if g.dep_ == "pobj" and _names_a_party(g)]
            if objects:
                return objects[0]
    return None


def _names_a_party(token: Token) -> bool:
    """People or a named party, not a thing ("aid", "the boundary") or a place."""
    if token.ent_type_ in {"PERSON", "ORG", "NORP"}:
        return True
    return singular_lemma(token) in metric_words().people_nouns or any(
        child.ent_type_ in {"NORP", "ORG"} and child.dep_ in {"amod", "compound"}
        for child in token.children
    )


def _light_verb(noun: Token) -> Token | None:
    """The verb that carries out an event noun: "launched a wave of air attacks", "carried out
    airstrikes along with demolitions"."""
    node = noun
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"}:
            return node if node.lemma_.lower() in _LIGHT_VERBS else None
        if node.dep_ in {"conj", "pobj", "dobj"} or (
            node.dep_ == "prep" and node.lower_ in {"with", "along", "of"}
        ):
            node = node.head
            continue
        return None
    return None


def carries_clause(head: Token) -> bool:
    """Whether the trigger's clause is its own: a verb, or a noun a light verb carries out
    ("carried out airstrikes east of Khan Younis"); a noun elsewhere in a clause is not placed
    by that clause's words."""
    if head.pos_ in {"VERB", "AUX"}:
        return True
    # "carried out airstrikes ... along with demolitions": the verb carries both.
    node = head
    while node.dep_ in {"conj", "pobj"} or (
        node.dep_ == "prep" and node.lower_ in {"with", "along", "of"}
    ):
        node = node.head
    # "killed in Gaza in a wave of strikes": the strikes happened where the killing did.
    located_by = node.dep_ == "prep" and node.lower_ in {"in", "during", "by"}
    return (
        node.dep_ in {"dobj", "nsubj", "nsubjpass"}
        and (node.head.lemma_.lower() in _LIGHT_VERBS or node.dep_ != "dobj")
        or (node.pos_ in {"VERB", "AUX"} and node.lemma_.lower() in _LIGHT_VERBS)
        or located_by
    )
