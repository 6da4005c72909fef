"""Writers: records as JSON Lines (the contract), CSV with dotted columns, and Rich tables."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from rich.console import Console

from ceasefire.output import FORMATS, write_csv, write_jsonl, write_table
from ceasefire.records import (
    Actor,
    DocumentRecord,
    Figure,
    Period,
    Quote,
    Record,
    Value,
    record_to_dict,
)

TEXT = (
    "Nearly 300 aid trucks entered Gaza on Tuesday, according to UNRWA. "
    "“We need ten times that,” said Philippe Lazzarini."
)

DOCUMENT = DocumentRecord(
    doc="aid-0305",
    span=(0, len(TEXT)),
    text=TEXT,
    title="Aid into Gaza",
    outlet="Coast Herald",
    author=None,
    url=None,
    published=date(2024, 3, 6),
    language="en",
    chars=len(TEXT),
    sha256="f" * 64,
)
TRUCKS = Figure(
    doc="aid-0305",
    span=(0, 21),
    text=TEXT[0:21],
    metric="aid_trucks",
    subject="aid trucks",
    value=Value(300, None, "nearly"),
    period=Period("on", date(2024, 3, 5), date(2024, 3, 5)),
    claimant=Actor("unrwa", "UNRWA", "UNRWA"),
)
SHARE = Figure(
    doc="aid-0305",
    span=(0, 21),
    text=TEXT[0:21],
    metric="share_percent",
    subject="of the wells",
    value=Value(20, 30, "range"),
)
QUOTE = Quote(
    doc="aid-0305",
    span=(67, 93),
    text=TEXT[67:93],
    speaker=Actor(None, "Philippe Lazzarini", "Philippe Lazzarini"),
    quote="We need ten times that,",
)
RECORDS: list[Record] = [DOCUMENT, TRUCKS, QUOTE]


def test_formats_are_the_three_the_cli_offers() -> None:
    assert FORMATS == ("jsonl", "table", "csv")


def test_jsonl_is_one_schema_object_per_line() -> None:
    stream = io.StringIO()
    write_jsonl(RECORDS, stream)
    lines = stream.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [record_to_dict(r) for r in RECORDS]
    assert stream.getvalue().endswith("\n")


def test_jsonl_keeps_unicode_as_written() -> None:
    stream = io.StringIO()
    write_jsonl([QUOTE], stream)
    assert "“We need ten times that,”" in stream.getvalue()
    assert "\\u201c" not in stream.getvalue()


def test_jsonl_of_no_records_is_empty() -> None:
    stream = io.StringIO()
    write_jsonl([], stream)
    assert stream.getvalue() == ""


def test_csv_header_is_the_union_of_every_records_columns() -> None:
    stream = io.StringIO()
    write_csv(RECORDS, stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    header = next(csv.reader(io.StringIO(stream.getvalue())))
    assert header[:4] == ["kind", "doc", "span", "text"]
    for column in ("title", "sha256", "metric", "value.n", "claimant.id", "speaker.name", "quote"):
        assert column in header
    assert [row["kind"] for row in rows] == ["document", "figure", "quote"]


def test_csv_rows_hold_the_flattened_values() -> None:
    stream = io.StringIO()
    write_csv([TRUCKS, QUOTE], stream)
    truck_row, quote_row = csv.DictReader(io.StringIO(stream.getvalue()))
    assert truck_row["span"] == "0-21"
    assert truck_row["value.n"] == "300"
    assert truck_row["value.qualifier"] == "nearly"
    assert truck_row["period.start"] == "2024-03-05"
    assert truck_row["claimant.id"] == "unrwa"
    assert truck_row["quote"] == ""
    assert quote_row["speaker.name"] == "Philippe Lazzarini"
    assert quote_row["metric"] == ""


def render(records: list[Record]) -> str:
    """What write_table prints, on a wide console without colour."""
    console = Console(file=io.StringIO(), width=200, color_system=None)
    write_table(records, console)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_table_shows_figures_and_quotes_with_their_claimants() -> None:
    shown = render(RECORDS)
    assert "Figures (1)" in shown
    assert "Quotes (1)" in shown
    assert "aid_trucks" in shown
    assert "nearly 300" in shown
    assert "UNRWA" in shown
    assert "on 2024-03-05" in shown
    assert "Philippe Lazzarini" in shown
    assert "We need ten times that," in shown


def test_table_marks_the_outlets_own_voice() -> None:
    shown = render([SHARE])
    assert "(outlet)" in shown
    assert "range 20–30" in shown


def test_table_shortens_long_quotations() -> None:
    words = "The shelling of the eastern districts goes on night after night " * 3
    long_quote = Quote(doc="d", span=(0, 1), text="x", speaker=None, quote=words.strip())
    shown = render([long_quote])
    assert "..." in shown
    assert words.strip() not in shown
    assert "?" in shown
