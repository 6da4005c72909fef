"""Pronoun antecedents: the party a "he", "it" or "they" acting in an event stands for.

A small, rule-based resolver: the nearest fitting subject before the pronoun, in its sentence
and then in the sentences just before it, else the nearest fitting mention. It is enough for
the pronouns that act in news sentences ("For the past five months, the US has backed Israel.
Now it is airdropping aid"); a learned coreference model could replace it behind `antecedent`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from ceasefire.extract.figures import metric_words, singular_lemma

PERSONAL = {"he", "him", "his", "she", "her"}
SINGULAR = {"it", "its"}
PLURAL = {"they", "them", "their"}
# How many sentences before the pronoun's own are searched.
_SENTENCES_BACK = 2
_SUBJECTS = {"nsubj", "nsubjpass"}
_NOUN_POS = {"NOUN", "PROPN"}


def is_third_person(word: str) -> bool:
    """Whether a word is a pronoun this module can resolve."""
    return word.lower() in PERSONAL | SINGULAR | PLURAL


def antecedent(
    pronoun: Token, earlier: Sequence[Doc], is_person: Callable[[Token], bool]
) -> Token | None:
    """The token heading the phrase a third-person pronoun stands for, or None.

    `earlier` holds the sentences before the pronoun's, oldest first; `is_person` tells a
    person's name from a party's (the actor registry knows which is which).
    """
    word = pronoun.lower_
    if word not in PERSONAL | SINGULAR | PLURAL:
        return None

    def fits(token: Token) -> bool:
        if word in PERSONAL:
            return _person(token, is_person)
        if word in SINGULAR:
            return _party(token, is_person) and token.tag_ not in {"NNS", "NNPS"}
        return _party(token, is_person) and _plural(token)

    # In the pronoun's own sentence the nearest mention before it ("Israel said it struck");
    # in an earlier one, the main clause's subject first, then in order of mention.
    own = [token for token in pronoun.sent if token.i < pronoun.i][::-1]
    searched = [own, *(sorted(doc, key=_salience) for doc in reversed(earlier[-_SENTENCES_BACK:]))]
    for tokens in searched:
        candidates = [token for token in tokens if _mentions(token) and fits(token)]
        subjects = [token for token in candidates if _subject(token)]
        chosen = subjects or candidates
        if chosen:
            return chosen[0]
    return None


def _salience(token: Token) -> tuple[bool, int]:
    """Sort key: the main clause's subject first, then document order."""
    return (not (token.dep_ in _SUBJECTS and token.head.dep_ == "ROOT"), token.i)


def _subject(token: Token) -> bool:
    """A subject, or the organization named in one ("Hamas officials have said it ...")."""
    return token.dep_ in _SUBJECTS or (token.dep_ == "compound" and token.head.dep_ in _SUBJECTS)


def _mentions(token: Token) -> bool:
    """A noun heading its phrase, or an organization named inside one ("Hamas officials")."""
    if token.pos_ not in _NOUN_POS:
        return False
    return token.dep_ not in {"compound", "amod", "poss"} or token.ent_type_ == "ORG"


def _person(token: Token, is_person: Callable[[Token], bool]) -> bool:
    if token.ent_type_ == "PERSON" or is_person(token):
        return True
    return token.tag_ == "NN" and singular_lemma(token) in metric_words().people_nouns


def _party(token: Token, is_person: Callable[[Token], bool]) -> bool:
    """A state, body or armed group: a named organization or country, or a party noun."""
    if is_person(token) or token.ent_type_ == "PERSON":
        return False
    if token.ent_type_ in {"ORG", "GPE", "NORP"}:
        return True
    return singular_lemma(token) in metric_words().party_nouns


def _plural(token: Token) -> bool:
    """Plural in form, or a people named by a plural demonym ("the Houthis")."""
    return token.tag_ in {"NNS", "NNPS"} or token.ent_type_ == "NORP"
