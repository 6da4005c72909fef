"""Claimants: whom a sentence credits for what it says, read from the parse of the sentence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel
from spacy.tokens import Doc, Span, Token

from ceasefire.data_files import load_model, shipped

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_INHERITS_SUBJECT = {"xcomp", "advcl", "conj", "acl", "pcomp", "ccomp", "relcl"}
_TRIMMED = {"relcl", "acl", "appos", "punct", "cc", "prep"}
_DETERMINERS = {"the", "a", "an", "these", "those", "this", "that"}


class ReportingWords(BaseModel):
    """The schema of reporting.yaml."""

    verbs: list[str]
    clausal_only: list[str]
    prepositions: list[str]
    pronouns: dict[str, list[str]]
    speech_nouns: list[str]
    person_nouns: list[str]


@cache
def reporting_words() -> ReportingWords:
    """Reporting verbs, prepositions and pronouns, loaded once."""
    return load_model(shipped("reporting.yaml"), ReportingWords)


@dataclass(frozen=True)
class Speaker:
    """Words naming a claimant, where they stand, and whether they name a person."""

    words: str
    start: int
    end: int
    is_person: bool


@dataclass(frozen=True)
class Frame:
    """A reporting clause: its verb (or preposition) and the speaker it credits."""

    trigger: Token
    speaker: Speaker | None
    pronoun: str | None
    scope: frozenset[int]


def find_frames(sentence: Doc | Span, offset: int) -> list[Frame]:
    """Every reporting clause in a parsed sentence; `offset` maps tokens to document offsets."""
    words = reporting_words()
    verbs = set(words.verbs)
    clausal = set(words.clausal_only)
    frames: list[Frame] = []
    for token in sentence:
        if token.lemma_.lower() in verbs and token.pos_ in {"VERB", "AUX"}:
            subject = _subject_of(token)
            if subject is None:
                continue
            speech = subject.lemma_.lower() in words.speech_nouns
            if token.lemma_.lower() in clausal and not (speech or _introduces_clause(token)):
                continue
            scope = frozenset(t.i for t in token.subtree) - frozenset(t.i for t in subject.subtree)
            frames.append(_frame(token, subject, scope, offset))
        elif _is_possessed_speech(token, set(words.speech_nouns)):
            owner = next(child for child in token.children if child.dep_ == "poss")
            head = token.head
            scope = frozenset(t.i for t in head.subtree) - frozenset(t.i for t in token.subtree)
            frames.append(_frame(head, owner, scope, offset))
        elif _is_according_to(token, words.prepositions):
            objects = [child for child in token.children if child.dep_ == "pobj"]
            target = objects[0] if objects else None
            if target is None:
                nested = [c for c in token.children if c.dep_ == "prep"]
                objects = [g for c in nested for g in c.children if g.dep_ == "pobj"]
                target = objects[0] if objects else None
            if target is not None:
                scope = frozenset(t.i for t in sentence) - frozenset(t.i for t in target.subtree)
                frames.append(_frame(token, target, scope, offset))
    return frames


def _introduces_clause(verb: Token) -> bool:
    deps = {child.dep_ for child in verb.children}
    # "as X put it, ..." introduces words through its object "it".
    says_it = any(child.dep_ == "dobj" and child.lower_ == "it" for child in verb.children)
    # "calling such assertions 'an absolute lie'": a predicate in quotation marks is words;
    # "called general strikes" is not.
    quoted_predicate = any(
        child.dep_ == "oprd"
        and child.left_edge.i > 0
        and child.doc[child.left_edge.i - 1].text in "“‘\"'"
        for child in verb.children
    )
    return (
        says_it
        or quoted_predicate
        or bool(deps & {"ccomp", "parataxis"})  # an infinitive is no clause of words
        or any(child.text in {":", ","} for child in verb.rights)
    )


def _is_possessed_speech(token: Token, speech_nouns: set[str]) -> bool:
    """ "His message was that ...": a possessed speech noun as subject of "be" credits its owner."""
    return (
        token.dep_ == "nsubj"
        and token.lemma_.lower() in speech_nouns
        and token.head.lemma_ == "be"
        and any(child.dep_ == "poss" for child in token.children)
    )


def _is_according_to(token: Token, prepositions: list[str]) -> bool:
    lowered = token.lower_
    for phrase in prepositions:
        first, *rest = phrase.split()
        if lowered != first:
            continue
        following = [t.lower_ for t in token.doc[token.i + 1 : token.i + 1 + len(rest)]]
        if following == rest:
            return True
    return False


def _subject_of(verb: Token) -> Token | None:
    """The subject of a reporting verb: its own, the agent of a passive, or its governor's."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        subjects = [child for child in current.children if child.dep_ in {"nsubj", "csubj"}]
        if subjects:
            # "A senior member of Hamas, Ghazi Hamad says": the name is the speaker.
            named = [s for s in subjects if s.ent_type_ == "PERSON" or s.pos_ == "PROPN"]
            return (named or subjects)[-1]
        for child in current.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ == "relcl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head
        if current.dep_ not in _INHERITS_SUBJECT or current.head == current:
            return None
        current = current.head
    return None


def _frame(trigger: Token, subject: Token, scope: frozenset[int], offset: int) -> Frame:
    pronouns = reporting_words().pronouns
    lowered = subject.lower_
    if lowered in pronouns["person"] or lowered in pronouns["any"]:
        return Frame(trigger, None, lowered, scope)
    return Frame(trigger, _speaker_words(subject, offset), None, scope)


def _speaker_words(head: Token, offset: int) -> Speaker:
    """The noun phrase naming the speaker, trimmed of relative clauses and descriptions.

    A person's name inside the phrase wins ("a senior member of Hamas, Ghazi Hamad" -> Ghazi
    Hamad), since that is whom the document credits.
    """
    # "UNRWA's report", "reports from a volunteer aid group": the report's source speaks.
    if head.lemma_.lower() in reporting_words().speech_nouns:
        owners = [child for child in head.children if child.dep_ == "poss"]
        if owners:
            head = owners[0]
    if head.lemma_.lower() in reporting_words().speech_nouns:
        sources = [
            grandchild
            for child in head.children
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
        if sources:
            head = sources[0]
    # A name that is the head or stands in apposition to it; not one that only modifies it
    # ("Biden administration officials" are officials, not Biden).
    named = [head, *[child for child in head.children if child.dep_ == "appos"]]
    persons = [ent for ent in head.doc.ents if ent.label_ == "PERSON" and ent.root in named]
    if persons:
        ent = persons[0]
        return Speaker(ent.text, offset + ent.start_char, offset + ent.end_char, True)
    kept = _core_phrase(head)
    while kept and kept[0].lower_ in _DETERMINERS:
        kept = kept[1:]
    if not kept:
        kept = [head]
    start = kept[0].idx
    end = kept[-1].idx + len(kept[-1].text)
    text = head.doc.text[start:end]
    is_person = head.ent_type_ == "PERSON" or head.lemma_.lower() in reporting_words().person_nouns
    return Speaker(text, offset + start, offset + end, is_person)


def _core_phrase(head: Token) -> list[Token]:
    """The head noun with its modifiers, without clauses, appositions or prepositional tails.

    "of" tails that name a body are kept ("a spokeswoman for UNIFIL", "the office of X").
    """
    keep: set[int] = {head.i}
    for child in head.children:
        if child.dep_ in _TRIMMED and not (
            child.dep_ == "prep"
            and child.i > head.i
            and (
                child.lower_ in {"of", "for"}
                or (child.lower_ == "in" and any(g.pos_ == "PROPN" for g in child.children))
            )
        ):
            continue
        keep.update(t.i for t in child.subtree)
    tokens = sorted(keep)
    # keep a contiguous run around the head
    run = [head.i]
    for index in range(head.i - 1, tokens[0] - 1, -1):
        if index in keep:
            run.insert(0, index)
        else:
            break
    for index in range(head.i + 1, tokens[-1] + 1):
        if index in keep:
            run.append(index)
        else:
            break
    doc = head.doc
    trimmed = [doc[i] for i in run]
    while trimmed and trimmed[-1].is_punct:
        trimmed.pop()
    while trimmed and trimmed[0].is_punct:
        trimmed.pop(0)
    return trimmed


def frame_for(frames: list[Frame], token_index: int) -> Frame | None:
    """The reporting clause crediting a token: the closest governing one, else a trailing one."""
    governing = [frame for frame in frames if token_index in frame.scope]
    verbal = [frame for frame in governing if frame.trigger.pos_ in {"VERB", "AUX"}]
    if verbal:
        return max(verbal, key=lambda frame: _depth(frame.trigger))
    if governing:
        return governing[0]
    trailing = [
        frame
        for frame in frames
        if frame.trigger.i > token_index and frame.trigger.dep_ in {"parataxis", "ROOT", "ccomp"}
    ]
    return trailing[0] if trailing else None


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token:
        token = token.head
        depth += 1
    return depth


def accused_party(token: Token) -> Token | None:
    """The party accused when a token sits under "X accused Y of ..." (Y), else None."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in {"accuse", "charge", "blame"}:
            objects = [c for c in ancestor.children if c.dep_ == "dobj"]
            return objects[0] if objects else None
    return None
