"""Fuzzing the readers of what users hand the project: agreement files, JSON Lines, HTML pages and
PDFs, garbage, truncated, mutated, deeply nested or huge. Each gives its result or the project's
own error on one line naming the input, never another exception."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from conftest import SHARED
from fuzz_targets import (
    SAMPLE_PAGE,
    fuzz_agreement,
    fuzz_html,
    fuzz_jsonl,
    fuzz_pdf,
    sample_pdf,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ceasefire.errors import InputError
from ceasefire.ingest.html import parse_html
from ceasefire.ingest.jsonl import parse_jsonl
from ceasefire.settings import DATA_DIR

# Reproducible in CI; the readers' speed varies too much for hypothesis's deadline.
FUZZ = settings(
    derandomize=True,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
AGREEMENTS = sorted((DATA_DIR / "agreements").glob("*.yaml"))


def mutated(original: bytes) -> st.SearchStrategy[bytes]:
    """`original` cut short, with bytes flipped, inserted, dropped or repeated anywhere."""

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        data = original
        for _ in range(draw(st.integers(min_value=1, max_value=5))):
            at = draw(st.integers(min_value=0, max_value=len(data)))
            to = draw(st.integers(min_value=at, max_value=min(len(data), at + 64)))
            change = draw(st.sampled_from(["truncate", "flip", "insert", "drop", "repeat"]))
            if change == "truncate":
                data = data[:at]
            elif change == "flip" and at < len(data):
                data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
            elif change == "insert":
                data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
            elif change == "drop":
                data = data[:at] + data[to:]
            else:
                data = data[:to] + data[at:to] * draw(st.integers(1, 20)) + data[to:]
        return data

    return mutate()


@cache
def real_lines() -> tuple[bytes, ...]:
    """The sample documents' JSON lines, read from ../shared at run time."""
    corpus = SHARED / "dev" / "docs.jsonl"
    if not corpus.exists():
        pytest.skip(f"sample corpus not found at {corpus}")
    return tuple(corpus.read_bytes().splitlines(keepends=True)[:5])


def nested(depth: int, opening: str, closing: str, inner: str = "") -> bytes:
    """`inner` inside `depth` levels of the same brackets or elements."""
    return (opening * depth + inner + closing * depth).encode("utf-8")


# --- agreement files ---------------------------------------------------------------------------

YAML_PIECES = st.sampled_from(
    [
        "id: ", "name: ", "parties: ", "terms:", "period:", "zones:", "kind: ", "versions:",
        "- ", "  ", "\n", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/none ",
        "? ", "|", ">", "'", '"', "#", "---", "...", "%YAML 1.1", "2025-10-10", "2025-13-45",
        "2025-10-10T12:00:00+25:00", "Asia/Gaza", "Europe", "../etc", "prohibition", "quota",
        "exchange", "1e999", "9" * 5000, "~", "null", "\t", "\x07", "\u2028", "\ufeff", "قال",
    ]
)  # fmt: skip


@FUZZ
@given(st.sampled_from(AGREEMENTS).flatmap(lambda path: mutated(path.read_bytes())))
def test_a_mutated_agreement_loads_or_fails_by_line(data: bytes) -> None:
    fuzz_agreement(data)


@FUZZ
@given(st.lists(YAML_PIECES, max_size=40).map("".join).map(str.encode) | st.binary(max_size=200))
@example(b"id: a\x07\n")  # a character YAML refuses: was not a ConfigError
@example(b"- " * 5000 + b"a")  # nested too deeply for the parser's recursion
@example(b"period: {start: 2025-13-45}\n")  # a date that is none
@example(b"zones: {'a\nb': {zone: x}}\n")  # a key with a line break, quoted in the error
def test_garbage_agreement_fails_by_line(data: bytes) -> None:
    fuzz_agreement(data)


def test_an_alias_bomb_fails_fast() -> None:
    # Each level refers to the one before ten times: expanded, a billion strings.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    started = time.monotonic()
    fuzz_agreement(("\n".join(levels) + "\nsources: *a9\n").encode())
    assert time.monotonic() - started < 10


# --- JSON Lines --------------------------------------------------------------------------------

JSON_PIECES = st.sampled_from(
    [
        '{"id": ', '"text": ', '"published": ', '"title": ', '"a"', '"2024-03-07"', "1", "-0",
        "1e999", "NaN", "Infinity", "null", "true", "[", "]", "{", "}", ",", ":", '"', "\\u",
        "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\\", "\n", "\r\n", "\ufeff",
        "\x00", "\xff", "9" * 5000,
    ]
)  # fmt: skip


@FUZZ
@given(st.integers(min_value=0, max_value=4).flatmap(lambda n: mutated(real_lines()[n])))
def test_a_mutated_real_line_reads_or_fails_by_line(data: bytes) -> None:
    fuzz_jsonl(data)


@FUZZ
@given(
    st.lists(JSON_PIECES, max_size=30).map("".join).map(lambda s: s.encode("utf-8", "replace"))
    | st.binary(max_size=300)
)
@example(b'{"id": "a", "text": "Five were killed \\ud800 on Monday."}')  # lone surrogate
@example(b'{"id": "a", "text": "x", "n": ' + b"9" * 5000 + b"}")  # past Python's digit limit
def test_garbage_lines_read_or_fail_by_line(data: bytes) -> None:
    fuzz_jsonl(data)


@FUZZ
@given(st.integers(min_value=1, max_value=200_000), st.sampled_from(["[", '{"a":', '{"id":[']))
@example(100_000, "[")
def test_deeply_nested_json_fails_by_line(depth: int, opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    fuzz_jsonl(nested(depth, opening, closing, "1"))


@pytest.mark.slow
def test_a_huge_line_is_read_and_an_oversized_one_refused(
    configure: Callable[..., None],
) -> None:
    text = "Five people were killed in Rafah on Monday. " * 100_000  # 4.4 MB
    line = json.dumps({"id": "huge", "text": text}).encode()
    [document] = parse_jsonl([line], "huge.jsonl")
    assert not isinstance(document, InputError) and len(document.text) > 4_000_000

    configure(max_document_bytes=str(1_000_000))
    [error] = parse_jsonl([line], "huge.jsonl")
    assert isinstance(error, InputError)
    assert str(error).startswith("huge.jsonl:1: document too large (4.2 MB > limit")


# --- HTML --------------------------------------------------------------------------------------


@FUZZ
@given(mutated(SAMPLE_PAGE.encode("utf-8")))
@example(SAMPLE_PAGE.encode("utf-8")[:200])
@example(SAMPLE_PAGE.encode("cp1256", "replace"))  # a charset declaration that lies
@example(SAMPLE_PAGE.encode("utf-16"))
def test_a_mutated_or_truncated_page_reads_or_fails_by_name(data: bytes) -> None:
    fuzz_html(data)


@settings(FUZZ, max_examples=12)
@given(
    st.sampled_from([10, 300, 5_000, 100_000]),
    st.sampled_from([("<div>", "</div>"), ("<b><i>", ""), ("<table><tr><td>", ""), ("<p>", "")]),
)
def test_deeply_nested_elements_read_or_fail_by_name(depth: int, tags: tuple[str, str]) -> None:
    opening, closing = tags
    inner = "Five people were killed in Rafah on Monday, the health ministry said."
    fuzz_html(b"<html><body>" + nested(depth, opening, closing, inner) + b"</body></html>")


@pytest.mark.slow
def test_a_huge_page_is_read_in_reasonable_time() -> None:
    # Distinct paragraphs: trafilatura drops repeated ones as boilerplate.
    paragraphs = "".join(
        f"<p>Report {n}: five people were killed in Rafah, the ministry said.</p>"
        for n in range(50_000)
    )
    page = f"<html><body><article>{paragraphs}</article></body></html>".encode()
    started = time.monotonic()
    document = parse_html(page, "huge.html", "huge")
    assert document.text.count("five people were killed") == 50_000
    assert time.monotonic() - started < 60


@FUZZ
@given(st.binary(max_size=2000))
def test_binary_pages_read_or_fail_by_name(data: bytes) -> None:
    fuzz_html(data)


# --- PDF ---------------------------------------------------------------------------------------


@FUZZ
@given(mutated(sample_pdf()))
def test_a_mutated_pdf_reads_or_fails_by_name(data: bytes) -> None:
    fuzz_pdf(data)


@FUZZ
@given(st.integers(min_value=0))
def test_a_truncated_pdf_reads_or_fails_by_name(cut: int) -> None:
    pdf = sample_pdf()
    fuzz_pdf(pdf[: cut % len(pdf)])


@FUZZ
@given(st.binary(max_size=500).map(lambda data: b"%PDF-1.7\n" + data) | st.binary(max_size=500))
def test_garbage_after_a_pdf_header_fails_by_name(data: bytes) -> None:
    fuzz_pdf(data)


def test_a_deeply_nested_pdf_fails_by_name() -> None:
    pdf = sample_pdf()
    # An array nested 100,000 deep in the document catalogue.
    fuzz_pdf(pdf.replace(b"/Type /Catalog", b"/Type /Catalog /Deep " + nested(100_000, "[", "]")))


def test_the_real_pdf_reads(tmp_path: Path) -> None:
    # The seed the mutations start from is a PDF the reader reads whole.
    from ceasefire.ingest.pdf import parse_pdf

    document = parse_pdf(sample_pdf(), "sitrep.pdf", "sitrep")
    assert "Five people were killed in Rafah" in document.text
    assert (document.title, document.author) == ("Sitrep 41", "OCHA")
