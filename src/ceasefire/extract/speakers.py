"""Who speaks: a memory of named speakers for pronouns, and the speaker of each quotation."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ceasefire.extract.attribution import Frame, Speaker, find_frames, frame_for, reporting_words
from ceasefire.extract.places import PlaceMention
from ceasefire.extract.quotes import QuoteMarks
from ceasefire.extract.sentences import Sentence

# Words before a short quotation that make it a label the outlet uses, not someone's words.
_LABEL_OPENERS = {
    "the",
    "a",
    "an",
    "so-called",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "our",
}
_OBJECT_DEPS = {"dobj", "pobj", "oprd", "attr", "xcomp", "ccomp", "conj", "ROOT"}
SCARE_QUOTE_MAX_WORDS = 3


@dataclass
class SpeakerMemory:
    """The named speakers so far, so "he said" or "the office added" can be credited.

    Only the latest speaker, the latest person and the latest speaker named by each word are
    kept: what a lookup needs, without walking back through a long document's every speaker.
    """

    latest: Speaker | None = None
    latest_person: Speaker | None = None
    by_word: dict[str, Speaker] = field(default_factory=dict)

    def resolve(self, pronoun: str) -> Speaker | None:
        """The speaker a pronoun stands for: the last person for he/she, else the last speaker."""
        if pronoun in reporting_words().pronouns["person"]:
            return self.latest_person or self.latest
        return self.latest

    def resolve_definite(self, words: str) -> Speaker | None:
        """ "the ministry", "the Hamas official", "the statement": the latest speaker it means."""
        lowered = words.lower().split()
        if len(lowered) < 2 or lowered[0] not in {"the", "its"}:
            return None
        noun = lowered[-1]
        if noun in reporting_words().speech_nouns and len(lowered) == 2:
            return self.latest
        if noun in reporting_words().person_nouns:
            return self.latest_person
        if len(lowered) == 2:
            return self.by_word.get(noun)
        return None

    def remember(self, speaker: Speaker) -> None:
        """Note a named speaker as the latest."""
        self.latest = speaker
        if speaker.is_person:
            self.latest_person = speaker
        for word in speaker.words.lower().split():
            self.by_word[word] = speaker


@dataclass
class ParsedSentence:
    """A parsed sentence with its reporting clauses, each resolved to a speaker."""

    sentence: Sentence
    doc: Doc
    frames: list[tuple[Frame, Speaker | None]] = field(default_factory=list)
    places: list[tuple[PlaceMention, Token]] = field(default_factory=list)

    def token_at(self, position: int) -> Token | None:
        """The token covering a document character position."""
        local = position - self.sentence.start
        for token in self.doc:
            if token.idx <= local < token.idx + max(len(token.text), 1):
                return token
        return None


def resolve_frames(
    parsed: list[ParsedSentence],
    quotations: list[QuoteMarks],
    is_person: Callable[[str], bool],
) -> None:
    """Find every sentence's reporting clauses and resolve pronoun speakers, in document order."""
    memory = SpeakerMemory()
    for item in parsed:
        frames = find_frames(item.doc, item.sentence.start)
        for frame in sorted(frames, key=lambda f: f.trigger.i):
            position = item.sentence.start + frame.trigger.idx
            if _inside(position, quotations):
                continue
            speaker: Speaker | None
            if frame.speaker is not None:
                named = memory.resolve_definite(_full_words(frame, item)) or Speaker(
                    frame.speaker.words,
                    frame.speaker.start,
                    frame.speaker.end,
                    frame.speaker.is_person or is_person(frame.speaker.words),
                )
                memory.remember(named)
                speaker = named
            else:
                speaker = memory.resolve(frame.pronoun or "")
            item.frames.append((frame, speaker))
        for person in _person_subjects(item):
            memory.remember(person)


def _full_words(frame: Frame, item: ParsedSentence) -> str:
    """The speaker phrase with its determiner, to tell "the ministry" from "a ministry"."""
    assert frame.speaker is not None
    start = frame.speaker.start - item.sentence.start
    before = item.sentence.text[:start].split()
    determiner = before[-1] if before and before[-1].lower() in {"the", "its"} else ""
    return f"{determiner} {frame.speaker.words}".strip()


def _person_subjects(item: ParsedSentence) -> Iterator[Speaker]:
    """Named people who are the subject of any verb: the antecedents "he" and "she" look for."""
    for ent in item.doc.ents:
        if ent.label_ == "PERSON" and ent.root.dep_ in {"nsubj", "nsubjpass"}:
            start = item.sentence.start + ent.start_char
            yield Speaker(ent.text, start, start + len(ent.text), True)


def _inside(position: int, quotations: list[QuoteMarks]) -> bool:
    # Quotations are in document order and never overlap: the last one starting at or before
    # the position is the only one that can hold it.
    index = bisect_right(quotations, position, key=lambda q: q.content_start) - 1
    return index >= 0 and position < quotations[index].content_end


def quote_speaker(
    quote: QuoteMarks,
    parsed: list[ParsedSentence],
    previous: tuple[QuoteMarks, Speaker | None] | None,
) -> Speaker | None:
    """The speaker of a quotation: a reporting clause governing it, after it, or before it."""
    opening = _sentence_at(parsed, quote.content_start)
    closing = _sentence_at(parsed, max(quote.content_end - 1, quote.content_start))
    if opening is not None:
        first = opening.token_at(quote.content_start)
        if first is not None:
            speaker = frame_for_token(opening, first)
            if speaker is not None:
                return speaker
    if closing is not None:
        after = [
            s for f, s in closing.frames if closing.sentence.start + f.trigger.idx >= quote.end
        ]
        if after and after[0] is not None:
            return after[0]
    if opening is not None:
        before = [
            s for f, s in opening.frames if opening.sentence.start + f.trigger.idx < quote.start
        ]
        if before and before[-1] is not None:
            return before[-1]
    introducer = _introducing_sentence(parsed, quote)
    if introducer is not None and introducer.frames:
        return introducer.frames[-1][1]
    if opening is not None:
        named = _person_subject(opening, quote)
        if named is not None:
            return named
    if previous is not None:
        # A quotation going on in the same paragraph, or after an unclosed one, keeps its speaker.
        # So does a paragraph that opens with a quotation right after a credited one.
        earlier, speaker = previous
        opens_paragraph = _opens_paragraph(parsed, quote)
        if earlier.paragraph == quote.paragraph or (
            earlier.paragraph + 1 == quote.paragraph and (earlier.open_ended or opens_paragraph)
        ):
            return speaker
    return None


# `parsed` is in document order, and its sentences never overlap, so their starts, ends and
# paragraph numbers all ascend: the lookups below bisect it rather than walk it, which keeps a
# document with thousands of quotations linear.


def _opens_paragraph(parsed: list[ParsedSentence], quote: QuoteMarks) -> bool:
    item = _sentence_at(parsed, quote.content_start)
    if item is None:
        return False
    paragraph = item.sentence.paragraph
    first_of_paragraph = parsed[bisect_left(parsed, paragraph, key=lambda p: p.sentence.paragraph)]
    return item is first_of_paragraph and quote.start <= item.sentence.start + 1


def _sentence_at(parsed: list[ParsedSentence], position: int) -> ParsedSentence | None:
    index = bisect_right(parsed, position, key=lambda p: p.sentence.start) - 1
    if index >= 0 and position < parsed[index].sentence.end:
        return parsed[index]
    return None


def _introducing_sentence(parsed: list[ParsedSentence], quote: QuoteMarks) -> ParsedSentence | None:
    """A sentence just before the quotation that ends in a colon or comma ("X told reporters,")."""
    index = bisect_right(parsed, quote.start, key=lambda p: p.sentence.end) - 1
    if index < 0:
        return None
    last = parsed[index]
    return last if last.sentence.text.rstrip().endswith((":", ",")) else None


def _person_subject(item: ParsedSentence, quote: QuoteMarks) -> Speaker | None:
    """A named person who is the subject of the verb governing the quotation."""
    token = item.token_at(quote.content_start)
    for _ in range(8):
        if token is None or token.head == token:
            break
        token = token.head
        subjects = [
            c
            for c in token.children
            if c.dep_ == "nsubj"
            and (c.ent_type_ == "PERSON" or (c.pos_ == "PROPN" and not c.ent_type_))
        ]
        if subjects:
            subject = subjects[0]
            ents = [e for e in item.doc.ents if e.start <= subject.i < e.end]
            span = ents[0] if ents else item.doc[subject.i : subject.i + 1]
            start = item.sentence.start + span.start_char
            return Speaker(span.text, start, start + len(span.text), True)
    return None


def is_scare_quote(
    quote: QuoteMarks, speaker: Speaker | None, parsed: list[ParsedSentence], text: str
) -> bool:
    """A short quotation is a scare quote when nobody says it or it labels a noun phrase."""
    if quote.words(text) > SCARE_QUOTE_MAX_WORDS:
        return False
    if speaker is None:
        return True
    item = _sentence_at(parsed, quote.content_start)
    if item is None:
        return False
    first = item.token_at(quote.content_start)
    if first is None or first.i == 0:
        return False
    before = item.doc[first.i - 1]
    if before.is_punct and first.i >= 2:
        before = item.doc[first.i - 2]
    if before.lower_ == "so-called" or before.lower_ == "called":
        return True
    if before.lower_ not in _LABEL_OPENERS and before.dep_ != "poss" and before.pos_ != "ADJ":
        return False
    root = item.doc[first.i : first.i + 1]
    head = root.root
    while (
        head.head != head
        and quote.content_start <= item.sentence.start + head.head.idx < quote.content_end
    ):
        head = head.head
    return head.dep_ not in _OBJECT_DEPS


def frame_for_token(item: ParsedSentence, token: Token) -> Speaker | None:
    """The speaker of the reporting clause that credits a token, if any."""
    frames = [frame for frame, _ in item.frames]
    chosen = frame_for(frames, token.i)
    for frame, speaker in item.frames:
        if frame is chosen:
            return speaker
    return None
