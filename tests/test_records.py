"""Records: the one place typed records become the JSON objects and flat rows of SCHEMA.md."""

from __future__ import annotations

import json
from datetime import date

from ceasefire.records import (
    METRICS,
    QUALIFIERS,
    Actor,
    DateRange,
    DocumentRecord,
    Event,
    Figure,
    Period,
    Place,
    Quote,
    Value,
    flatten_record,
    record_to_dict,
)

TEXT = "At least 27 people were killed in Khan Younis on Sunday, the health ministry said."

HEALTH_MINISTRY = Actor("gaza-ministry-of-health", "Gaza Ministry of Health", "the health ministry")

FIGURE = Figure(
    doc="gaza-0312",
    span=(0, 30),
    text=TEXT[0:30],
    metric="killed",
    subject="people",
    value=Value(27.0, None, "at_least"),
    period=Period("on", date(2024, 3, 10), date(2024, 3, 10)),
    place=Place("Khan Younis", 281133, 31.34, 34.3, "PS"),
    claimant=HEALTH_MINISTRY,
    actor=None,
)

DOCUMENT = DocumentRecord(
    doc="gaza-0312",
    span=(0, len(TEXT)),
    text=TEXT,
    title="Strikes on Khan Younis",
    outlet="Coast Herald",
    author=None,
    url=None,
    published=date(2024, 3, 11),
    language="en",
    chars=len(TEXT),
    sha256="0" * 64,
)

QUOTE = Quote(
    doc="kyiv-0601",
    span=(40, 77),
    text="“We will not give up a single metre.”",
    speaker=Actor(None, "the commander", "the commander"),
    quote="We will not give up a single metre.",
)


def test_figure_fields_come_in_schema_order() -> None:
    assert list(record_to_dict(FIGURE)) == [
        "kind",
        "doc",
        "span",
        "text",
        "metric",
        "subject",
        "value",
        "period",
        "place",
        "claimant",
        "actor",
    ]


def test_document_fields_come_in_schema_order() -> None:
    assert list(record_to_dict(DOCUMENT)) == [
        "kind",
        "doc",
        "span",
        "text",
        "title",
        "outlet",
        "author",
        "url",
        "published",
        "language",
        "chars",
        "sha256",
    ]


def test_quote_fields_come_in_schema_order() -> None:
    assert list(record_to_dict(QUOTE)) == ["kind", "doc", "span", "text", "speaker", "quote"]


def test_event_becomes_the_schema_object_in_schema_order() -> None:
    strike = Event(
        doc="gaza-0312",
        span=(0, len(TEXT)),
        text=TEXT,
        type="airstrike",
        place=Place("Khan Younis"),
        date=DateRange(date(2024, 3, 10), date(2024, 3, 10)),
        killed=Value(27, None, "at_least"),
        claimant=HEALTH_MINISTRY,
    )
    record = record_to_dict(strike)
    assert list(record) == [
        "kind",
        "doc",
        "span",
        "text",
        "type",
        "actor",
        "target",
        "place",
        "date",
        "killed",
        "injured",
        "claimant",
        "modality",
    ]
    assert record["kind"] == "event"
    assert record["date"] == {"start": "2024-03-10", "end": "2024-03-10"}
    assert record["killed"] == {"n": 27, "to": None, "qualifier": "at_least"}
    assert record["injured"] is None
    assert record["modality"] == "asserted"


def test_figure_becomes_the_schema_object() -> None:
    assert record_to_dict(FIGURE) == {
        "kind": "figure",
        "doc": "gaza-0312",
        "span": [0, 30],
        "text": "At least 27 people were killed",
        "metric": "killed",
        "subject": "people",
        "value": {"n": 27, "to": None, "qualifier": "at_least"},
        "period": {"kind": "on", "start": "2024-03-10", "end": "2024-03-10"},
        "place": {
            "name": "Khan Younis",
            "geonames_id": 281133,
            "lat": 31.34,
            "lon": 34.3,
            "country": "PS",
            "precision": None,
            "relation": None,
            "as_written": None,
        },
        "claimant": {
            "id": "gaza-ministry-of-health",
            "name": "Gaza Ministry of Health",
            "as_written": "the health ministry",
        },
        "actor": None,
    }


def test_whole_numbers_are_written_as_ints_and_fractions_kept() -> None:
    displaced = Figure(
        doc="d",
        span=(0, 1),
        text="1.7 million",
        metric="displaced",
        subject="people",
        value=Value(1_700_000.0, None, "about"),
    )
    share = Figure(
        doc="d",
        span=(0, 1),
        text="33.3",
        metric="share_percent",
        subject="homes",
        value=Value(33.3),
    )
    assert record_to_dict(displaced)["value"]["n"] == 1_700_000
    assert isinstance(record_to_dict(displaced)["value"]["n"], int)
    assert record_to_dict(share)["value"]["n"] == 33.3


def test_dates_are_iso_strings_and_unknown_dates_null() -> None:
    as_of = Figure(
        doc="d",
        span=(0, 1),
        text="x",
        metric="killed",
        subject="people",
        value=Value(4),
        period=Period("as_of", None, date(2023, 11, 22)),
    )
    assert record_to_dict(as_of)["period"] == {"kind": "as_of", "start": None, "end": "2023-11-22"}
    assert record_to_dict(DOCUMENT)["published"] == "2024-03-11"


def test_dicts_are_json_ready() -> None:
    line = json.dumps(record_to_dict(FIGURE), ensure_ascii=False)
    assert json.loads(line) == record_to_dict(FIGURE)


def test_own_voice_figure_has_null_claimant() -> None:
    own = Figure(doc="d", span=(0, 1), text="x", metric="killed", subject="people", value=Value(4))
    record = record_to_dict(own)
    assert record["claimant"] is None
    assert record["actor"] is None
    assert record["period"] is None
    assert record["place"] is None


def test_flattened_figure_has_dotted_columns() -> None:
    row = flatten_record(FIGURE)
    assert row["kind"] == "figure"
    assert row["span"] == "0-30"
    assert row["value.n"] == 27
    assert row["value.to"] is None
    assert row["value.qualifier"] == "at_least"
    assert row["period.start"] == "2024-03-10"
    assert row["place.name"] == "Khan Younis"
    assert row["claimant.id"] == "gaza-ministry-of-health"
    assert row["claimant.as_written"] == "the health ministry"
    assert row["actor"] is None


def test_flattened_rows_hold_no_nested_values() -> None:
    for record in (FIGURE, DOCUMENT, QUOTE):
        row = flatten_record(record)
        assert not any(isinstance(value, (dict, list, tuple)) for value in row.values())


def test_flattened_quote_names_its_speaker() -> None:
    row = flatten_record(QUOTE)
    assert row["speaker.id"] is None
    assert row["speaker.name"] == "the commander"
    assert row["quote"] == "We will not give up a single metre."


def test_metrics_and_qualifiers_are_those_of_the_schema() -> None:
    assert set(METRICS) == {
        "killed",
        "injured",
        "missing",
        "detained",
        "hostages_held",
        "hostages_released",
        "prisoners_released",
        "displaced",
        "aid_trucks",
        "strikes",
        "violations",
        "munitions_tonnes",
        "weapons_transfers",
        "money_usd",
        "fighters",
        "share_percent",
        "facilities",
        "other",
    }
    assert set(QUALIFIERS) == {
        "exact",
        "at_least",
        "more_than",
        "nearly",
        "about",
        "up_to",
        "range",
    }
