"""JSON Lines: one document a line; a bad line is reported with its number, the rest are read."""

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest.jsonl import parse_jsonl, read_jsonl
from ceasefire.settings import get_settings

BRIEFING = {
    "id": "briefing-0412",
    "text": "The ministry said  14 people were injured\r\nin the strike on Saturday.",
    "title": "Strike injures 14 in the north",
    "outlet": "Coast Herald",
    "author": "Ana Ruiz",
    "url": "https://coastherald.example/briefing-0412",
    "published": "2024-04-12",
}


def line(**fields: object) -> str:
    """One JSON Lines line, as a producer would write it."""
    return json.dumps(fields, ensure_ascii=False) + "\n"


def parse(*lines: str) -> list[Document | InputError]:
    """Everything a JSON Lines stream named docs.jsonl yields."""
    return list(parse_jsonl(lines, "docs.jsonl"))


@pytest.fixture
def tiny_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A 100-byte document limit, so a line with a paragraph of text counts as too large."""
    monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", "100")
    get_settings.cache_clear()
    yield 100
    get_settings.cache_clear()


def test_a_line_with_every_field_becomes_a_document() -> None:
    [document] = parse(line(**BRIEFING))

    assert document == Document(
        id="briefing-0412",
        text="The ministry said 14 people were injured\nin the strike on Saturday.",
        title="Strike injures 14 in the north",
        outlet="Coast Herald",
        author="Ana Ruiz",
        url="https://coastherald.example/briefing-0412",
        published=date(2024, 4, 12),
    )


def test_only_id_and_text_are_required() -> None:
    [document] = parse(line(id="note-1", text="Shelling resumed at dusk."))

    assert document == Document(id="note-1", text="Shelling resumed at dusk.")


def test_unknown_fields_are_ignored() -> None:
    [document] = parse(line(id="note-2", text="The crossing reopened.", source_feed="wire"))

    assert isinstance(document, Document)
    assert document.id == "note-2"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2023-11-22", date(2023, 11, 22)),
        ("2023-11-22T23:40:00", date(2023, 11, 22)),
        ("2023-11-22T23:40:00Z", date(2023, 11, 22)),
        ("2023-11-22T23:40:00-05:00", date(2023, 11, 22)),
        (None, None),
    ],
)
def test_published_takes_the_date_as_written(published: str | None, expected: date) -> None:
    [document] = parse(line(id="a", text="Talks ended.", published=published))

    assert isinstance(document, Document)
    assert document.published == expected


def test_blank_lines_are_skipped_but_counted() -> None:
    results = parse(
        line(id="a", text="First report."), "\n", "   \n", "{oops\n", line(id="b", text="Last.")
    )

    assert [getattr(r, "id", str(r)) for r in results] == [
        "a",
        "docs.jsonl:4: malformed JSON (Expecting property name enclosed in double quotes: "
        "column 2)",
        "b",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "a", "text": "Truce holds.",}', "malformed JSON (Expecting property name "),
        ('{"id": "a", "text": "Truce', "malformed JSON (Unterminated string starting at"),
        ("[" * 100_000, "malformed JSON (nested too deeply)"),
        ('["a", "Truce holds."]', "expected a JSON object"),
        ('{"text": "Truce holds."}', "missing 'id'"),
        ('{"id": "a"}', "missing 'text'"),
        ("{}", "missing 'id'; missing 'text'"),
        ('{"id": 17, "text": "Truce holds."}', "'id': Input should be a valid string"),
        ('{"id": "  ", "text": "Truce holds."}', "'id': String should have at least 1 character"),
        ('{"id": "a", "text": ["Truce", "holds."]}', "'text': Input should be a valid string"),
        ('{"id": "a", "text": "Truce.", "title": 3}', "'title': Input should be a valid string"),
        ('{"id": "a", "text": " \\n\\t "}', "empty document"),
        (
            '{"id": "a", "text": "Truce.", "published": "last Tuesday"}',
            "'published': not an ISO date or datetime: 'last Tuesday'",
        ),
        (
            '{"id": "a", "text": "Truce.", "published": "2024-02-30"}',
            "'published': not an ISO date or datetime: '2024-02-30'",
        ),
        (
            '{"id": "a", "text": "Truce.", "published": 1700000000}',
            "'published': expected an ISO date string",
        ),
    ],
)
def test_a_bad_line_is_reported_with_its_number(text: str, message: str) -> None:
    good = line(id="ok", text="The convoy arrived.")

    first, error, last = parse(good, text + "\n", good)

    assert isinstance(error, InputError)
    assert str(error).startswith(f"docs.jsonl:2: {message}")
    assert "\n" not in str(error)
    assert isinstance(first, Document)
    assert isinstance(last, Document)


def test_a_line_over_the_size_limit_is_refused(tiny_limit: int) -> None:
    results = parse(
        line(id="short", text="Calm night."),
        line(id="long", text="The ceasefire was extended by a week, mediators said. " * 3),
    )

    assert isinstance(results[0], Document)
    assert str(results[1]).startswith("docs.jsonl:2: document too large (")


def test_a_file_is_read_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line(id="a", text="Talks resumed.").encode())

    assert [d.id for d in read_jsonl(path) if isinstance(d, Document)] == ["a"]


def test_a_line_that_is_not_utf8_is_reported_and_the_others_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        line(id="a", text="Talks resumed.").encode()
        + line(id="b", text="Talks at a café.").encode("latin-1")
        + line(id="c", text="Talks ended.").encode()
    )

    results = list(read_jsonl(path))

    assert [getattr(r, "id", str(r)) for r in results] == [
        "a",
        f"{path}:2: not UTF-8 text (byte 0xe9 at offset 35)",
        "c",
    ]


def test_a_missing_file_is_yielded_as_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gone.jsonl"

    [error] = read_jsonl(path)

    assert str(error) == f"{path}: no such file or directory"


@given(st.lists(st.text(max_size=80), max_size=5))
def test_any_text_gives_documents_or_errors_naming_their_line(lines: list[str]) -> None:
    for result in parse_jsonl(lines, "feed.jsonl"):
        if isinstance(result, InputError):
            assert str(result).startswith("feed.jsonl:")
        else:
            assert result.id and result.text
