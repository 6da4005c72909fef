"""Which named place a figure or event is about: a locative mention in its clause."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ceasefire.extract.places import PlaceMention, find_places
from ceasefire.records import Place

# Prepositions that put what a clause says at a place ("in Rafah", "east of Khan Younis").
_LOCATIVE = {"in", "on", "at", "near", "across", "into", "from", "throughout", "over", "inside",
             "around", "outside", "of", "along", "within", "toward", "towards"}  # fmt: skip
# "to" places a movement ("trucks to northern Gaza") but names a recipient when the place is a
# country ("sales to Israel").
_TO = "to"
# Dependencies under which a place name only describes something located there
# ("the Gaza quagmire", "Gaza's hospitals").
_MODIFIER = {"compound", "amod", "poss", "nmod"}
# Words that a place name qualifies as an owner or party, not as a location.
_OWNED = {
    "onslaught",
    "offensive",
    "aggression",
    "campaign",
    "bombardment",
    "ceasefire",
    "truce",
    "agreement",
    "deal",
    "government",
    "ministry",
    "office",
    "authority",
    "official",
    "military",
    "army",
    "force",
    "war",
    "talk",
    "negotiation",
    "media",
    "agency",
    "police",
    "spokesman",
    "spokeswoman",
    "leader",
    "president",
}
_NOT_LOCATIVE_RELATIONS = {"to", "by", "with", "for", "between"}
# Clauses under a trigger that tell another event ("trading fire since Hamas attacked Israel");
# a relative clause or participle describes the trigger's own ("strikes that hit Rafah").
_SUBORDINATE = {"advcl", "ccomp", "conj", "parataxis", "csubj"}
# A place a verb acts on: "bombed Gaza", "Al-Shifa Hospital has been occupied".
_ACTED_ON = {"dobj", "nsubjpass"}


def sentence_places(
    doc: Doc, mentions: list[PlaceMention] | None = None
) -> list[tuple[PlaceMention, Token]]:
    """Every place mention of a parsed sentence with the token that ends it.

    `mentions` are the sentence's from a scan of the whole document (offsets relative to the
    sentence), which resolves "the enclave" and "the region" from earlier sentences; without
    them the sentence is scanned alone.
    """
    found: list[tuple[PlaceMention, Token]] = []
    for mention in find_places(doc.text) if mentions is None else mentions:
        root = _phrase_root(doc, mention)
        if root is not None:
            found.append((mention, root))
    return found


def _phrase_root(doc: Doc, mention: PlaceMention) -> Token | None:
    """The token a place phrase hangs from the sentence by: its last word, unless the parser
    split the phrase ("in the country’s south" parsed as "in the country" + "’s south" hung
    elsewhere); then the part a preposition takes."""
    last = _root_at(doc, mention.end - 1)
    if last is None:
        return None
    words = [t for t in doc if mention.start <= t.idx < mention.end]
    roots = [t for t in words if not (mention.start <= t.head.idx < mention.end) or t.head == t]
    if len(roots) > 1:
        return next((t for t in roots if t.dep_ == "pobj"), last)
    return last


def place_for(
    places: list[tuple[PlaceMention, Token]],
    head: Token,
    clause: Token | None,
    whole_sentence: bool = False,
) -> Place | None:
    """Where a record is placed: a place the trigger acts on or names in its own words, else a
    locative place in its clause ("in Rafah", "east of Khan Younis"), else (for a figure, which
    the whole sentence qualifies) in the sentence; never a party ("Israel said").
    """
    acted_on = [m for m, token in places if token.head == head and token.dep_ in _ACTED_ON]
    own = [
        m
        for m, token in places
        if _within(token, head) and not _in_other_clause(token, head, head) and _locative(m, token)
    ]
    in_clause = [
        m
        for m, token in places
        if clause is not None
        and _within(token, clause)
        and not _in_other_clause(token, clause, head)
        and _locative(m, token)
    ]
    # A figure is about the place its sentence names in any relation ("to Gaza's residents").
    in_sentence = [
        m for m, token in places if whole_sentence and (m.relation or _locative(m, token))
    ]
    if not (acted_on or own) and in_clause:
        # The clause's place that follows the trigger ("airstrikes east of Khan Younis along
        # with demolitions ... across the Gaza Strip"), else the nearest before it.
        after = [m for m in in_clause if m.start >= head.idx]
        in_clause = after[:1] or in_clause[-1:]
    chosen = acted_on or own or in_clause or in_sentence
    if not chosen:
        return None
    mention = chosen[0]
    return replace(
        mention.place,
        precision=mention.precision,
        relation=mention.relation,
        as_written=mention.as_written,
    )


def _in_other_clause(token: Token, clause: Token, head: Token) -> bool:
    """Whether a place lies in a clause of its own inside the trigger's clause: "violations by
    Hamas coupled with the unwillingness to send troops into Gaza" does not place the violations.
    """
    node = token.head
    while node != clause and node.head != node:
        if not _within(head, node) and (
            _infinitive(node)
            or (_own_clause(node) and (not _within(node, head) or node.dep_ in _SUBORDINATE))
        ):
            return True
        node = node.head
    return False


def _infinitive(verb: Token) -> bool:
    """ "to send troops into Gaza": another, unrealised event, even inside the trigger's phrase."""
    return verb.pos_ == "VERB" and any(
        child.dep_ == "aux" and child.lower_ == "to" for child in verb.children
    )


def _own_clause(verb: Token) -> bool:
    """A finite or infinitive clause, or one with its own subject; a participle ("rockets ...
    coming from Lebanon") describes what it hangs from and shares its place, as does a clause
    whose auxiliary is left out ("74 were killed and 17 wounded in the El-Fasher attack")."""
    if verb.pos_ not in {"VERB", "AUX"} or _gapped(verb):
        return False
    return verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        child.dep_ in {"nsubj", "nsubjpass"} or (child.dep_ == "aux" and child.lower_ == "to")
        for child in verb.children
    )


def _gapped(verb: Token) -> bool:
    """A conjoined participle that borrows its auxiliary from the verb before it."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(child.dep_ in {"aux", "auxpass"} for child in verb.children)
        and any(child.dep_ in {"aux", "auxpass"} for child in verb.head.children)
    )


def _within(token: Token, ancestor: Token) -> bool:
    return ancestor.left_edge.i <= token.i <= ancestor.right_edge.i


def _locative(mention: PlaceMention, token: Token) -> bool:
    # "according to the Gaza ..." names a source, not a location.
    if token.dep_ in _MODIFIER and token.head.lemma_.lower() in _OWNED:
        return False  # "over Israel's onslaught": an owner, whatever the preposition
    related = mention.relation is not None and mention.relation not in _NOT_LOCATIVE_RELATIONS
    return related or _is_locative(token, mention.precision == "country")


def _root_at(doc: Doc, position: int) -> Token | None:
    for token in doc:
        if token.idx <= position < token.idx + len(token.text):
            return token
    return None


def _is_locative(token: Token, country: bool = False) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ == "pobj":
            return node.head.lower_ in _LOCATIVE or (node.head.lower_ == _TO and not country)
        if node.dep_ in _MODIFIER and node.head.lemma_.lower() in _OWNED:
            return False  # "the Gaza ceasefire", "the Gaza Government Media Office"
        if node.dep_ in _MODIFIER | {"conj", "appos"}:
            node = node.head
            continue
        return False
    return False
