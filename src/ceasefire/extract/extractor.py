"""extract(document) -> records: the pure function every interface calls."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from ceasefire.document import Document
from ceasefire.extract.actors import default_registry
from ceasefire.extract.attribution import Speaker, reporting_words
from ceasefire.extract.coreference import antecedent, is_third_person
from ceasefire.extract.dates import resolve_event_date, resolve_period
from ceasefire.extract.events import EventMention, carries_clause, find_event_mentions
from ceasefire.extract.figures import agent_words, read_number
from ceasefire.extract.modality import modality_of
from ceasefire.extract.numbers import NumberMention, find_numbers
from ceasefire.extract.pipeline import load_parser
from ceasefire.extract.places import PlaceMention, find_places
from ceasefire.extract.placing import place_for, sentence_places
from ceasefire.extract.quotes import QuoteMarks, find_quotations
from ceasefire.extract.sentences import Sentence, split_sentences
from ceasefire.extract.speakers import (
    ParsedSentence,
    frame_for_token,
    is_scare_quote,
    quote_speaker,
    resolve_frames,
)
from ceasefire.extract.triggers import clause_of, trigger_words
from ceasefire.records import Actor, DateRange, DocumentRecord, Event, Figure, Quote, Record, Value
from ceasefire.settings import get_settings

_QUOTE_MARKS = '“”‘’"«»'
# First-person pronouns an actor may be named by: they stand for the claimant ("we struck").
_FIRST_PERSON = {"we", "our", "us", "i", "my"}
# Sentence openers that put what follows on the day of the sentence before.
_SAME_TIME = re.compile(r"(at the same time|meanwhile|simultaneously)\b", re.IGNORECASE)
_CLOCK_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}\s*(?:am|pm)\b", re.I
)
# Figures that are totals over time rather than counts on a day get an "as of" period by default.
_CUMULATIVE_METRICS = {"killed", "injured", "detained", "displaced", "missing", "hostages_held"}


@cache
def _candidate_pattern() -> re.Pattern[str]:
    """Cheap test for sentences that can hold a record: a number, quotation, trigger or verb."""
    triggers = {
        phrase[0][:4] for words in trigger_words().types.values() for phrase in words.phrases
    } | {verb[:4] for words in trigger_words().types.values() for verb in words.objects}
    triggers |= set(trigger_words().irregular_forms)
    triggers.discard("*")
    stems = sorted(
        {verb[:4] for verb in reporting_words().verbs} | {"said", "told", "wrote"} | triggers
    )
    words = "|".join(re.escape(stem) for stem in stems)
    numbers = (
        r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
        r"fifty|hundred|thousand|million|billion|half|third|quarter|dozen"
    )
    return re.compile(
        rf"\d|[{_QUOTE_MARKS}]|\b(?:{numbers})\b|\b(?:{words})|\baccording\b", re.IGNORECASE
    )


def extract(document: Document) -> list[Record]:
    """All records of one document: its metadata, then figures and quotes in document order."""
    return next(iter(extract_many([document])))


def extract_many(documents: Iterable[Document]) -> Iterator[list[Record]]:
    """Extract documents one after another, reusing the loaded models."""
    for document in documents:
        yield _extract_one(document)


def _extract_one(document: Document) -> list[Record]:
    text = document.text
    sentences = split_sentences(text)
    quotations = find_quotations(text)
    parsed = _parse([s for s in sentences if _may_hold_record(s)], find_places(text))
    registry = default_registry()

    def is_person(words: str) -> bool:
        return registry.kind_of(registry.resolve(words)) == "person"

    resolve_frames(parsed, quotations, is_person)
    quote_records, quote_speakers = _quotes(document, quotations, parsed)
    figures = _figures(document, parsed, quote_speakers)
    events = _events(document, parsed, quote_speakers, figures)
    header = _document_record(document)
    body: list[Record] = sorted(
        [*figures, *events, *quote_records], key=lambda r: (r.span[0], r.kind)
    )
    return [header, *body]


def _may_hold_record(sentence: Sentence) -> bool:
    return len(sentence.text) <= get_settings().max_sentence_chars and bool(
        _candidate_pattern().search(sentence.text)
    )


def _parse(sentences: list[Sentence], places: list[PlaceMention]) -> list[ParsedSentence]:
    nlp = load_parser()
    docs = nlp.pipe(s.text for s in sentences)
    return [
        ParsedSentence(sentence, doc, places=sentence_places(doc, _within(places, sentence)))
        for sentence, doc in zip(sentences, docs, strict=True)
    ]


def _within(places: list[PlaceMention], sentence: Sentence) -> list[PlaceMention]:
    """The document's place mentions inside a sentence, with offsets from its start."""
    start, end = sentence.start, sentence.start + len(sentence.text)
    # Places are in document order: only those starting within the sentence are looked at.
    first = bisect_left(places, start, key=lambda place: place.start)
    last = bisect_right(places, end, key=lambda place: place.start)
    return [
        replace(place, start=place.start - start, end=place.end - start)
        for place in places[first:last]
        if place.end <= end
    ]


def _actor(words: str | None) -> Actor | None:
    if not words:
        return None
    return default_registry().resolve(words)


def _quotes(
    document: Document, quotations: list[QuoteMarks], parsed: list[ParsedSentence]
) -> tuple[list[Quote], list[tuple[QuoteMarks, Speaker | None]]]:
    records: list[Quote] = []
    speakers: list[tuple[QuoteMarks, Speaker | None]] = []
    previous: tuple[QuoteMarks, Speaker | None] | None = None
    for quotation in quotations:
        speaker = quote_speaker(quotation, parsed, previous)
        previous = (quotation, speaker)
        if is_scare_quote(quotation, speaker, parsed, document.text):
            continue
        speakers.append((quotation, speaker))
        words = " ".join(document.text[quotation.content_start : quotation.content_end].split())
        records.append(
            Quote(
                doc=document.id,
                span=(quotation.start, quotation.end),
                text=document.text[quotation.start : quotation.end],
                speaker=_actor(speaker.words) if speaker else None,
                quote=words,
            )
        )
    return records, speakers


def _figures(
    document: Document,
    parsed: list[ParsedSentence],
    quote_speakers: list[tuple[QuoteMarks, Speaker | None]],
) -> list[Figure]:
    figures: list[Figure] = []
    seen: set[tuple[object, ...]] = set()
    for index, item in enumerate(parsed):
        earlier = [p.doc for p in parsed[max(0, index - 2) : index]]
        for mention in find_numbers(item.sentence.text):
            figure = _figure(document, item, mention, quote_speakers, earlier)
            if figure is None:
                continue
            # A number repeated with the same metric and claimant is one figure (first mention).
            key = (figure.metric, figure.value.n, figure.value.to, _claimant_key(figure.claimant))
            if key not in seen:
                seen.add(key)
                figures.append(figure)
    return figures


def _events(
    document: Document,
    parsed: list[ParsedSentence],
    quote_speakers: list[tuple[QuoteMarks, Speaker | None]],
    figures: list[Figure],
) -> list[Event]:
    document_words = frozenset(re.findall(r"[a-z-]+", document.text.lower()))
    # (type, claimant) of events already reported: "the negotiations" re-mentions them.
    seen: set[tuple[str, str | None]] = set()
    seen_types: set[str] = set()
    events: list[Event] = []
    latest: DateRange | None = None  # the date of the last dated event so far
    for index, item in enumerate(parsed):
        earlier = [p.doc for p in parsed[max(0, index - 2) : index]]
        found: list[Event] = []
        for mention in find_event_mentions(item.doc, document_words):
            event = _event(document, item, mention, quote_speakers, figures, earlier)
            key = (event.type, _claimant_key(event.claimant))
            if mention.anaphoric and (key in seen or mention.topical and event.type in seen_types):
                continue
            seen.add(key)
            seen_types.add(event.type)
            _add_event(found, event)
        day_in_focus = _day_in_focus(document, item, events, latest)
        if day_in_focus is not None:
            found = [e if e.date else replace(e, date=day_in_focus) for e in found]
        events.extend(found)
        latest = next((e.date for e in reversed(found) if e.date is not None), latest)
    return events


def _add_event(found: list[Event], event: Event) -> None:
    """Add a sentence's event, unless another trigger of the sentence told the same one ("a man
    firing at a target, claiming he was shooting at soldiers"): then the two are merged."""
    for index, other in enumerate(found):
        if _same_event(event, other):
            found[index] = replace(
                other,
                actor=other.actor or event.actor,
                target=other.target or event.target,
                claimant=other.claimant or event.claimant,
            )
            return
    found.append(event)


def _same_event(event: Event, other: Event) -> bool:
    """Same type, place and modality, and no two different doers or claimants."""

    def key(e: Event) -> tuple[object, ...]:
        return (e.type, e.place.name if e.place else None, e.modality)

    def compatible(a: Actor | None, b: Actor | None) -> bool:
        return len({_claimant_key(a), _claimant_key(b)} - {None}) <= 1

    return (
        key(event) == key(other)
        and compatible(event.actor, other.actor)
        and compatible(event.claimant, other.claimant)
    )


def _day_in_focus(
    document: Document, item: ParsedSentence, events: list[Event], latest: DateRange | None
) -> DateRange | None:
    """The day a sentence without a date of its own is about, when its words tie it to one:
    "At the same time, ..." (the day of the events just reported) or a clock time ("at 7:36
    a.m.": the day last reported (`latest`), else the publication day)."""
    text = item.sentence.text
    if _SAME_TIME.match(text) and events and events[-1].date is not None:
        return events[-1].date
    if _CLOCK_TIME.search(text):
        if latest is not None and latest.start == latest.end:
            return latest
        if document.published is not None:
            return DateRange(document.published, document.published)
    return None


def _event(
    document: Document,
    item: ParsedSentence,
    mention: EventMention,
    quote_speakers: list[tuple[QuoteMarks, Speaker | None]],
    figures: list[Figure],
    earlier: list[Doc],
) -> Event:
    start = item.sentence.start
    head = mention.trigger.head
    clause = clause_of(head)
    clause_start = start + clause.left_edge.idx
    clause_end = start + clause.right_edge.idx + len(clause.right_edge.text)
    position = start + head.idx
    claimant = _claimant(item, head, position, quote_speakers)
    killed = _toll(figures, "killed", clause_start, clause_end)
    injured = _toll(figures, "injured", clause_start, clause_end)
    modality = mention.modality or modality_of(head)
    dates = resolve_event_date(
        item.sentence.text, document.published, focus=head.idx, ahead=modality == "future"
    )
    actor_words = _actor_words(mention.actor, claimant, earlier)
    span_start = min(start + mention.trigger.span.start_char, clause_start)
    return Event(
        doc=document.id,
        span=(span_start, clause_end),
        text=document.text[span_start:clause_end],
        type=mention.trigger.type,  # type: ignore[arg-type]
        actor=_actor(actor_words),
        target=_target(item, mention),
        place=place_for(item.places, head, clause if carries_clause(head) else None),
        date=DateRange(*dates) if dates else None,
        killed=killed,
        injured=injured,
        claimant=_actor(claimant.words) if claimant else None,
        modality=modality,
    )


def _target(item: ParsedSentence, mention: EventMention) -> Actor | None:
    """The party an event was done to; a place it hit is its place, not its target."""
    target = mention.target
    if target is None or any(token == target for _, token in item.places):
        return None
    return _actor(agent_words(target))


def _toll(figures: list[Figure], metric: str, start: int, end: int) -> Value | None:
    """The killed or injured figure stated in the event's own clause."""
    # Figures are in document order: only those starting inside the clause are looked at.
    first = bisect_left(figures, start, key=lambda figure: figure.span[0])
    last = bisect_left(figures, end, key=lambda figure: figure.span[0])
    return next((f.value for f in figures[first:last] if f.metric == metric), None)


def _claimant_key(claimant: Actor | None) -> str | None:
    if claimant is None:
        return None
    return claimant.id or claimant.name.lower()


def _figure(
    document: Document,
    item: ParsedSentence,
    mention: NumberMention,
    quote_speakers: list[tuple[QuoteMarks, Speaker | None]],
    earlier: list[Doc],
) -> Figure | None:
    if mention.not_figure is not None:
        return None
    start = item.sentence.start
    token = item.token_at(start + mention.number_end - 1)
    if token is None:
        return None
    reading = read_number(item.doc, token, mention.unit)
    if reading.counted_is_source:
        return None
    position = start + mention.number_start
    claimant = _claimant(item, token, position, quote_speakers)
    actor_words = _actor_words(reading.actor_token, claimant, earlier)
    period = resolve_period(
        item.sentence.text,
        document.published,
        as_of_default=reading.metric in _CUMULATIVE_METRICS,
        focus=mention.number_start,
    )
    return Figure(
        doc=document.id,
        span=(start + mention.start, start + mention.end),
        text=document.text[start + mention.start : start + mention.end],
        metric=reading.metric,  # type: ignore[arg-type]
        subject=reading.subject,
        value=Value(mention.n, mention.to, mention.qualifier),  # type: ignore[arg-type]
        period=period,
        place=place_for(item.places, token, clause_of(token), whole_sentence=True),
        claimant=_actor(claimant.words) if claimant else None,
        actor=_actor(actor_words),
    )


def _actor_words(token: Token | None, claimant: Speaker | None, earlier: list[Doc]) -> str | None:
    """The words naming who acted; a pronoun stands for its antecedent, or for the claimant
    ("we struck", "Israel said it struck")."""
    if token is None:
        return None
    words = agent_words(token)
    lowered = words.lower()
    if lowered in _FIRST_PERSON:
        return claimant.words if claimant else words
    if not is_third_person(lowered):
        return words
    pronoun = (
        token
        if token.lower_ == lowered
        else next((child for child in token.children if child.lower_ == lowered), token)
    )
    found = antecedent(pronoun, earlier, _names_person)
    if found is not None:
        return agent_words(found)
    return claimant.words if claimant else words


def _names_person(token: Token) -> bool:
    registry = default_registry()
    return registry.kind_of(registry.resolve(agent_words(token))) == "person"


def _claimant(
    item: ParsedSentence,
    token: Token,
    position: int,
    quote_speakers: list[tuple[QuoteMarks, Speaker | None]],
) -> Speaker | None:
    # Quotations are in document order and never overlap: only the last one starting at or
    # before the position can hold it.
    index = bisect_right(quote_speakers, position, key=lambda pair: pair[0].content_start) - 1
    if index >= 0 and position < quote_speakers[index][0].content_end:
        return quote_speakers[index][1]
    return frame_for_token(item, token)


def _document_record(document: Document) -> DocumentRecord:
    return DocumentRecord(
        doc=document.id,
        span=(0, len(document.text)),
        text=document.text,
        title=document.title,
        outlet=document.outlet,
        author=document.author,
        url=document.url,
        published=document.published,
        language=document.language,
        chars=len(document.text),
        sha256=document.sha256,
    )
