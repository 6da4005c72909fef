"""Drafts an agreement file from an article that states a truce's terms, for a person to review.

The terms are read from the extracted records and the sentences that hold them: releases
stated as terms make an exchange, per-day numbers a quota, what a deal sentence bars a
prohibition, a range of hours a window, and the truce's start, length and places its period.
Nothing the text does not give is made up: it is left as a placeholder for the reviewer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from ceasefire.agreements.draft_file import (
    PLACEHOLDER,
    DraftAgreement,
    DraftTerm,
    DraftZone,
    Missing,
    write_draft,
)
from ceasefire.agreements.draft_reading import (
    Reading,
    cessations,
    located_place,
    party_of,
    said,
    side_zone,
    subject_party,
    zone_for,
)
from ceasefire.agreements.draft_words import (
    clause_from,
    clause_start,
    clock_ranges,
    drafting_words,
    find_activities,
    find_word,
    lone_clock,
)
from ceasefire.document import Document
from ceasefire.extract import extract
from ceasefire.extract.actors import default_registry
from ceasefire.extract.numbers import find_numbers
from ceasefire.extract.places import find_places
from ceasefire.extract.sentences import Sentence, split_sentences
from ceasefire.records import Actor, Event, Figure

__all__ = ["PLACEHOLDER", "draft_agreement"]

_NEAR = 100  # characters between a truce's stated length and the word for the truce
_SLUG_WORDS = 8
_UNBOUND = "who is bound (an actor id)"


class _Length(NamedTuple):
    length: timedelta
    words: str
    sentence: Sentence


def draft_agreement(document: Document) -> str:
    """The YAML of a draft agreement read from one article; REVIEW marks what a person must add."""
    records = extract(document)
    reading = Reading(
        document,
        split_sentences(document.text),
        [r for r in records if isinstance(r, Figure)],
        [r for r in records if isinstance(r, Event)],
    )
    prohibitions = _prohibitions(reading)
    terms = [*_exchanges(reading), *_quotas(reading), *prohibitions]
    terms += _windows(reading, prohibitions)
    _name_ids(terms)
    period, period_said, period_notes = _period(reading)
    parties = _parties(terms)
    mediators, mediators_said = _mediators(reading, parties)
    return write_draft(
        DraftAgreement(
            id=_agreement_id(terms, period.get("start")),
            name=document.title or document.id,
            parties=parties,
            mediators=mediators,
            mediators_said=mediators_said,
            source=reading.source,
            period=period,
            period_said=period_said,
            period_notes=period_notes,
            terms=terms,
        )
    )


def _exchanges(reading: Reading) -> list[DraftTerm]:
    """Releases stated as terms: one exchange, the hostages' side giving, the prisoners' taking."""
    sides = drafting_words().exchange
    roles = {"gives": sides.gives, "receives": sides.receives}
    stated = {
        role: [f for f in reading.figures if f.metric == side.metric and reading.states_term(f)]
        for role, side in roles.items()
    }
    if not any(stated.values()):
        return []
    fields: dict[str, Any] = {}
    names = []
    for role, side in roles.items():
        first = stated[role][0] if stated[role] else None
        fields[role] = {
            "party": party_of(first.actor if first else None)
            or Missing(f"the party whose release is {side.metric} (an actor id)", None),
            "metric": side.metric,
            "event": side.event,
        }
        if first is not None:
            fields[role]["total"] = first.value.n
        names.append(
            f"{first.value.n:g} {first.subject}" if first else side.metric.replace("_", " ")
        )
    by_sentence: dict[Sentence, list[Figure]] = {}
    for figure in sorted([*stated["gives"], *stated["receives"]], key=lambda f: f.span):
        by_sentence.setdefault(reading.sentence_at(figure.span[0]), []).append(figure)
    versions = [
        {
            **{_total_key(f, sides.gives.metric): f.value.n for f in figures},
            **reading.version(sentence, figures[0].claimant),
        }
        for sentence, figures in by_sentence.items()
    ]
    parties = [fields["gives"]["party"], fields["receives"]["party"]]
    sentences = [said(sentence) for sentence in by_sentence]
    term = DraftTerm("exchange", " for ".join(names), fields, versions, sentences, parties)
    if stated["gives"] and stated["receives"] and stated["gives"][0].value.n:
        ratio = stated["receives"][0].value.n / stated["gives"][0].value.n
        term.notes.append(f"the totals imply {ratio:g} released by `receives` for each by `gives`")
        if len({str(version["stated_by"]) for version in versions}) == 1:
            versions[-1]["ratio"] = round(ratio, 2)  # one source states both totals
    return [term]


def _total_key(figure: Figure, gives_metric: str) -> str:
    return "gives_total" if figure.metric == gives_metric else "receives_total"


def _quotas(reading: Reading) -> list[DraftTerm]:
    """Per-day numbers stated as terms ("200 trucks ... each day"): one quota per metric."""
    words = drafting_words()
    terms: dict[str, DraftTerm] = {}
    for figure in reading.figures:
        if figure.metric not in words.quotas or not reading.states_term(figure):
            continue
        sentence = reading.sentence_at(figure.span[0])
        if not find_word(
            words.per_day_words, clause_from(sentence.text, figure.span[1] - sentence.start)
        ):
            continue
        bound = "maximum" if figure.value.qualifier == "up_to" else "minimum"
        version = {bound: figure.value.n, **reading.version(sentence, figure.claimant)}
        if figure.metric in terms:
            terms[figure.metric].versions.append(version)
            terms[figure.metric].said.append(said(sentence))
            continue
        party = party_of(figure.actor) or Missing("who must make it happen (an actor id)", None)
        evidence = words.quotas[figure.metric]
        fields = {"metric": figure.metric, "party": party, "evidence_events": evidence}
        name = f"{figure.value.n:g} {figure.subject} a day"
        terms[figure.metric] = DraftTerm(
            "quota", name, fields, [version], [said(sentence)], [party], zone_for(figure.place)
        )
    return list(terms.values())


def _prohibitions(reading: Reading) -> list[DraftTerm]:
    """What deal sentences bar ("halt fighting in Gaza", "refrain from operating drones over
    the south"), and barrable events the extractor read as negated ("will not strike")."""
    words = drafting_words()
    barrable = {t for types in words.activities.values() for t in types}
    found: dict[tuple[object, ...], DraftTerm] = {}
    for sentence in reading.deal_sentences:
        stated: list[DraftTerm] = []
        cues = cessations(sentence.text)
        for cue, following in zip(cues, [*cues[1:], None], strict=False):
            # "Israel will halt airstrikes and Hamas will stop ...": each cue its own scope.
            scope = clause_from(
                sentence.text[: following.start() if following else None], cue.end()
            )
            named, types = find_activities(scope)
            if not types or clock_ranges(scope):
                continue  # nothing barred, or barred at some hours: a window
            place = located_place(scope)
            where = f" {place.relation or 'in'} {place.place.name}" if place else ""
            party = subject_party(sentence.text, cue.start()) or _last_party(stated)
            term = _prohibition(reading, sentence, f"no {' or '.join(named)}{where}", types)
            stated.append(_bind(term, party, zone_for(place), named))
        covered = {t for term in stated for t in term.fields["events"]}
        for event in reading.records_in(sentence):
            if not isinstance(event, Event) or event.modality != "negated":
                continue
            if event.type in barrable and event.type not in covered:
                where = f" in {event.place.name}" if event.place else ""
                name = f"no {event.type.replace('_', ' ')}{where}"
                term = _prohibition(reading, sentence, name, [event.type], event.claimant)
                stated.append(_bind(term, party_of(event.actor), zone_for(event.place), []))
        for term in stated:
            key = (str(term.parties), term.zone, tuple(term.fields["events"]))
            if key in found:  # stated again: one term, each statement a version
                found[key].versions.extend(term.versions)
                found[key].said.extend(term.said)
            else:
                found[key] = term
    return list(found.values())


def _prohibition(
    reading: Reading,
    sentence: Sentence,
    name: str,
    types: list[str],
    claimant: Actor | None = None,
) -> DraftTerm:
    version = reading.version(sentence, claimant)
    return DraftTerm("prohibition", name, {"events": types}, [version], [said(sentence)], [])


def _bind(
    term: DraftTerm, party: str | None, zone: DraftZone | None, words: list[str]
) -> DraftTerm:
    """Set who a term binds (a placeholder when no one is named), where, and by what words."""
    bound = party or Missing(_UNBOUND, None)
    term.fields["parties"] = [bound]
    term.parties, term.zone, term.words = [bound], zone, words
    return term


def _windows(reading: Reading, prohibitions: list[DraftTerm]) -> list[DraftTerm]:
    """Clock-time ranges in deal sentences ("between 10:00 a.m. and 4:00 p.m."): the hours of
    the activity their clause names, or of the one the sentence bars before them ("do so")."""
    words = drafting_words()
    terms = []
    for sentence in reading.deal_sentences:
        text = sentence.text
        earlier = [term for term in prohibitions if said(sentence) in term.said]
        for start, _, opens, closes in clock_ranges(text):
            begins = clause_start(text, start)
            clause = clause_from(text, begins)
            named, types = find_activities(clause)
            if not types and earlier:
                named, types = earlier[-1].words, list(earlier[-1].fields["events"])
            place = located_place(clause)
            zone = zone_for(place) or side_zone(text, begins, clause)
            what = " or ".join(named) or "the events"
            where = f" in {zone.name}" if zone else ""
            fields: dict[str, Any] = {
                "events": types or [Missing("the event types the hours apply to")],
                "barred": {"start": opens, "end": closes},
            }
            name = f"no {what}{where} between {opens:%H:%M} and {closes:%H:%M}"
            term = DraftTerm(
                "window", name, fields, [reading.version(sentence)], [said(sentence)], []
            )
            party = subject_party(text, start) or _last_party(earlier)
            _bind(term, party, zone, named)
            term.notes.append("check that these are the hours the events are barred in")
            allowed = find_word(words.allowed_hours_words, clause)
            if allowed:
                term.notes.append(
                    f'the sentence says "{allowed.group()}": these may be the hours the events '
                    f"are allowed in; barred would then be {closes:%H:%M}-{opens:%H:%M}"
                )
            if zone is None:
                term.notes.append("no place found for these hours: add `zone:` if they have one")
            terms.append(term)
    return terms


def _period(reading: Reading) -> tuple[dict[str, Any], list[str], list[str]]:
    """When the truce is in force: the day of its ceasefire_start event at the clock time of
    that sentence; the end from a stated length; the time zone of the places the terms name."""
    starts = [e for e in reading.events if e.type == "ceasefire_start" and e.date is not None]
    deal = reading.deal_sentences
    starts.sort(key=lambda e: reading.sentence_at(e.span[0]) not in deal)
    fields: dict[str, Any] = {"start": Missing("when it begins, local time (YYYY-MM-DDThh:mm:ss)")}
    quoted: list[str] = []
    notes: list[str] = []
    versions: list[dict[str, Any]] = []
    if starts and starts[0].date is not None:
        day = starts[0].date.start
        sentence = reading.sentence_at(starts[0].span[0])
        clock = lone_clock(sentence.text)
        fields["start"] = (
            datetime.combine(day, clock)
            if clock
            else Missing(f"the hour it begins on {day} ({day}Thh:mm:ss)")
        )
        quoted.append(said(sentence))
        versions.append(reading.version(sentence, starts[0].claimant))
    length = _length(reading)
    if length is None:
        notes.append("no length found: add `end:`, or leave it out for an open-ended truce")
    else:
        quoted.append(said(length.sentence))
        start = fields["start"]
        fields["end"] = (
            start + length.length
            if isinstance(start, datetime)
            else Missing(f"the start plus {length.words}")
        )
    fields["timezone"], tie = _timezone(reading)
    notes.extend(tie)
    if versions:
        fields["start_versions"] = versions
    return fields, list(dict.fromkeys(quoted)), notes


def _length(reading: Reading) -> _Length | None:
    """The truce's length most often stated near a word for it ("a four-day pause"), not an
    extension ("extended by two days")."""
    words = drafting_words()
    found = []
    for sentence in reading.deal_sentences:
        text = sentence.text
        for mention in find_numbers(text):
            if mention.not_figure != "duration" or mention.unit not in {"hours", "days", "weeks"}:
                continue
            near = text[max(0, mention.start - _NEAR) : mention.end + _NEAR]
            before = text[max(0, mention.start - _NEAR // 2) : mention.start]
            if find_word(words.period_words, near) and not find_word(words.extension_words, before):
                length = timedelta(**{mention.unit: mention.n})
                found.append(_Length(length, text[mention.start : mention.end], sentence))
    if not found:
        return None
    commonest = Counter(item.length for item in found).most_common(1)[0][0]
    return next(item for item in found if item.length == commonest)


def _timezone(reading: Reading) -> tuple[str | Missing, list[str]]:
    """The zone of the country the places of the deal sentences lie in most (the places they
    name as locations, and their records'), else of the document's records; a tie is noted."""
    zones = drafting_words().timezones
    deal = reading.deal_sentences
    named = [m.place for s in deal for m in find_places(s.text) if m.relation]
    recorded = [r.place for s in deal for r in reading.records_in(s) if r.place]
    records: list[Figure | Event] = [*reading.figures, *reading.events]
    everything = [r.place for r in records if r.place]
    for places in ([*named, *recorded], everything):
        countries = Counter(place.country for place in places if place.country in zones)
        if not countries:
            continue
        ranked = countries.most_common()
        tied = [country for country, count in ranked if count == ranked[0][1]]
        if len(tied) == 1:
            return zones[tied[0]], []
        choices = ", ".join(f"{zones[country]} ({country})" for country in tied)
        return zones[tied[0]], [f"the terms name places as often in each of {choices}"]
    return Missing("the local time zone, e.g. Asia/Gaza"), []


def _parties(terms: list[DraftTerm]) -> list[str | Missing]:
    """The parties the terms bind, in order; at least two, as the model requires."""
    parties: list[str | Missing] = list(
        dict.fromkeys(p for term in terms for p in term.parties if isinstance(p, str))
    )
    while len(parties) < 2:
        parties.append(Missing("a party bound by the terms (an actor id)", None))
    return parties


def _mediators(reading: Reading, parties: list[str | Missing]) -> tuple[list[str], list[str]]:
    """Who negotiated or mediated, other than the parties: "mediated by Qatar and the US"."""
    found: list[str] = []
    quoted: list[str] = []
    for event in reading.events:
        if event.type != "negotiation" or event.modality == "negated":
            continue
        named = [actor for _, _, actor in default_registry().find(event.text)]
        for actor in [event.actor, *named]:
            mediator = party_of(actor)
            if mediator and mediator not in parties and mediator not in found:
                found.append(mediator)
                quoted.append(said(reading.sentence_at(event.span[0])))
    return found, list(dict.fromkeys(quoted))


def _last_party(terms: list[DraftTerm]) -> str | None:
    """The party bound by the last of the terms that names one ("they will only do so")."""
    known = [party for term in terms for party in term.parties if isinstance(party, str)]
    return known[-1] if known else None


def _agreement_id(terms: list[DraftTerm], start: object) -> str | Missing:
    """The main place the terms name and the month the truce starts: "gaza-strip-2023-11"."""
    zones = [term.zone for term in terms if term.zone is not None]
    places = Counter(z.key for z in zones if z.reference[0] == "place") or Counter(
        z.key for z in zones
    )
    if not places or not isinstance(start, datetime):
        return Missing("a slug naming the agreement, e.g. gaza-pause-2023-11")
    return _slug(f"{places.most_common(1)[0][0]} {start:%Y %m}")


def _name_ids(terms: list[DraftTerm]) -> None:
    """Term ids: slugs of what they bind, numbered when two would be the same."""
    used: set[str] = set()
    for term in terms:
        base = _slug(term.name) or term.kind
        if term.kind == "exchange":
            base = "exchange"
        elif term.kind == "quota":
            base = _slug(str(term.fields["metric"]))
        elif term.kind == "window":  # "no drones in northern Gaza between ..." -> "...-hours"
            base = _slug(f"{term.name.split(' between ')[0]} hours")
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate)
        term.id = candidate


def _slug(words: str) -> str:
    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)[:_SLUG_WORDS])
