"""The fuzzing targets the fuzz tests and benchmarks/fuzz.py share.

Each target takes an input's raw bytes, as a file or a line would bring them, runs them through
one parser or reader, and checks the one property fuzzing is for: it succeeds with a sound
result, or fails with the project's own error (a CeasefireError) on one line naming the input.
Any other exception, or an AssertionError from a check here, is a crash.
"""

from __future__ import annotations

import io
import json
import math
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from pathlib import Path

from conftest import SHARED, write_pdf
from pypdf import PdfReader, PdfWriter

from ceasefire.document import Document
from ceasefire.errors import CeasefireError
from ceasefire.records import Record
from ceasefire.settings import DATA_DIR

Target = Callable[[bytes], None]

# The day relative dates resolve against when a target needs one.
PUBLISHED = date(2024, 3, 7)
REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions"
CORPORA = (SHARED / "corpus" / "seeds.jsonl", SHARED / "dev" / "docs.jsonl")
AGREEMENTS = DATA_DIR / "agreements"
SAMPLE_PAGE = (
    "<html><head><meta charset='utf-8'><title>Strikes on Rafah</title></head><body>"
    "<nav>Home | World</nav><article><h1>Strikes on Rafah</h1>"
    "<p>Five people were killed in Rafah on Monday, the health ministry said.</p>"
    "<p>“We struck 12 targets,” the army said in a statement.</p>"
    "<p>قال المتحدث إن خمسة أشخاص قتلوا في رفح.</p></article><footer>©</footer></body></html>"
)
# Each target's regression files end in the type of input it reads.
SUFFIXES = {
    "numbers": ".txt",
    "dates": ".txt",
    "extractor": ".txt",
    "agreement": ".yaml",
    "jsonl": ".jsonl",
    "html": ".html",
    "pdf": ".pdf",
}


def check_error(error: BaseException, name: str) -> None:
    """Let through only the project's own error, on one line that starts with the input's name."""
    if not isinstance(error, CeasefireError):
        raise error
    message = str(error)
    assert message.splitlines() == [message], f"not one line: {message!r}"
    assert message.startswith(f"{name}:"), f"does not name {name}: {message!r}"


def check_document(document: Document) -> None:
    """A reader's Document is usable downstream: text to extract, all of it valid Unicode."""
    assert document.text, "a document without text"
    assert document.id, "a document without an id"
    assert len(document.sha256) == 64  # encodes the text as UTF-8: no lone surrogates
    for value in (document.title, document.outlet, document.author, document.url):
        if value is not None:
            value.encode("utf-8")


def check_records(document: Document, records: list[Record]) -> None:
    """Every record rests on its span of the text, and all of them write as JSON Lines."""
    from ceasefire.output import write_jsonl
    from ceasefire.records import DocumentRecord

    assert isinstance(records[0], DocumentRecord)
    for record in records:
        start, end = record.span
        assert 0 <= start <= end <= len(document.text), f"span {record.span} outside the text"
        assert record.text == document.text[start:end], f"{record.kind} text is not its span"
    written = io.StringIO()
    write_jsonl(records, written)
    written.getvalue().encode("utf-8")


def read_numbers(text: str) -> None:
    """Every number found lies inside the text, in order, with its words and a finite value."""
    from ceasefire.extract.numbers import find_numbers

    previous_end = 0
    for found in find_numbers(text):
        assert 0 <= found.start <= found.number_start < found.number_end <= found.end <= len(text)
        assert found.start >= previous_end, "mentions overlap"
        assert text[found.start : found.end] == found.words
        assert math.isfinite(found.n) and (found.to is None or math.isfinite(found.to))
        previous_end = found.end


def read_dates(text: str, published: date | None, focus: int | None) -> None:
    """Date phrases give a date or nothing, and periods one of the four kinds, on any text."""
    from ceasefire.extract.dates import parse_date, resolve_event_date, resolve_period

    day = parse_date(text, published)
    assert day is None or isinstance(day, date)
    for cumulative in (False, True):
        period = resolve_period(text, published, cumulative, focus=focus)
        assert period is None or period.kind in {"on", "since", "between", "as_of"}
    for ahead in (False, True):
        days = resolve_event_date(text, published, focus=focus, ahead=ahead)
        assert days is None or all(isinstance(d, date) for d in days)


def extract_document(document: Document) -> None:
    """Extract a Document the ingest layer made, and check its records."""
    from ceasefire.extract import extract

    check_document(document)
    check_records(document, extract(document))


def fuzz_numbers(data: bytes) -> None:
    """The number finder on the input read as text."""
    read_numbers(data.decode("utf-8", "replace"))


def fuzz_dates(data: bytes) -> None:
    """The date parsers on the input read as text, dated and undated, focused and not."""
    text = data.decode("utf-8", "replace")
    for published in (PUBLISHED, None):
        for focus in (None, len(text) // 2):
            read_dates(text, published, focus)


def fuzz_extractor(data: bytes) -> None:
    """The path a .txt document takes: the text reader, then the extractor."""
    from ceasefire.ingest.text import parse_text

    try:
        document = parse_text(data, "fuzz.txt", "fuzz")
    except CeasefireError as error:
        check_error(error, "fuzz.txt")
        return
    extract_document(document)


def fuzz_agreement(data: bytes) -> None:
    """The agreement loader on the input as an agreement file's bytes."""
    from ceasefire.agreements.model import load_agreement

    with tempfile.TemporaryDirectory(prefix="ceasefire-fuzz-") as folder:
        path = Path(folder) / "agreement.yaml"
        path.write_bytes(data)
        try:
            agreement = load_agreement(path)
        except CeasefireError as error:
            check_error(error, str(path))
            return
    assert agreement.id and agreement.terms


def fuzz_jsonl(data: bytes) -> None:
    """The JSON Lines reader on the input as a file: a Document or an error for each line."""
    from ceasefire.ingest.jsonl import parse_jsonl

    check_results(parse_jsonl(io.BytesIO(data), "fuzz.jsonl"), "fuzz.jsonl")


def check_results(results: Iterable[Document | CeasefireError], name: str) -> None:
    """A reader's stream of Documents and errors: each error well formed, each Document sound."""
    try:
        for result in results:
            if isinstance(result, Document):
                check_document(result)
            else:
                check_error(result, name)
    except CeasefireError as error:
        check_error(error, name)


def fuzz_html(data: bytes) -> None:
    """The HTML reader on the input as a page's bytes."""
    from ceasefire.ingest.html import parse_html

    _read_one(lambda: parse_html(data, "fuzz.html", "fuzz"), "fuzz.html")


def fuzz_pdf(data: bytes) -> None:
    """The PDF reader on the input as a file's bytes."""
    from ceasefire.ingest.pdf import parse_pdf

    _read_one(lambda: parse_pdf(data, "fuzz.pdf", "fuzz"), "fuzz.pdf")


def _read_one(read: Callable[[], Document], name: str) -> None:
    try:
        document = read()
    except CeasefireError as error:
        check_error(error, name)
        return
    check_document(document)


TARGETS: dict[str, Target] = {
    "numbers": fuzz_numbers,
    "dates": fuzz_dates,
    "extractor": fuzz_extractor,
    "agreement": fuzz_agreement,
    "jsonl": fuzz_jsonl,
    "html": fuzz_html,
    "pdf": fuzz_pdf,
}


def regression_files() -> list[Path]:
    """Every input kept because it once crashed a target, in name order."""
    return sorted(path for path in REGRESSIONS.iterdir() if path.name[0] != ".")


def target_of(path: Path) -> str:
    """The target a regression file crashed: its name's first word ("jsonl-huge-integer")."""
    target = path.name.split("-", 1)[0]
    if target not in TARGETS or path.suffix != SUFFIXES[target]:
        raise ValueError(f"{path.name}: not named <target>-<what>{SUFFIXES.get(target, '.ext')}")
    return target


def save_regression(target: str, what: str, data: bytes) -> Path:
    """Keep a crashing input as tests/fuzz_regressions/<target>-<what><suffix>; no duplicates."""
    REGRESSIONS.mkdir(exist_ok=True)
    for existing in REGRESSIONS.glob(f"{target}-*{SUFFIXES[target]}"):
        if existing.read_bytes() == data:
            return existing
    path = REGRESSIONS / f"{target}-{what}{SUFFIXES[target]}"
    number = 2
    while path.exists():
        path = REGRESSIONS / f"{target}-{what}-{number}{SUFFIXES[target]}"
        number += 1
    path.write_bytes(data)
    return path


@cache
def sample_pdf() -> bytes:
    """A small two-page PDF as pypdf writes one: compressed content streams and metadata."""
    written = PdfReader(
        io.BytesIO(
            write_pdf(
                "Five people were killed in Rafah on Monday,\nthe health ministry said.",
                "The army said it struck 12 targets in Khan Younis.",
            )
        )
    )
    writer = PdfWriter()
    writer.append(written)
    for page in writer.pages:
        page.compress_content_streams()
    writer.add_metadata({"/Title": "Sitrep 41", "/Author": "OCHA"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def seed_inputs(target: str) -> list[bytes]:
    """Real inputs for a target to start from: the sample corpus (../shared, where it is), the
    shipped agreements, a page and a PDF of our own."""
    lines = [line for path in CORPORA if path.exists() for line in path.read_bytes().splitlines()]
    texts = [json.loads(line)["text"] for line in lines]
    paragraphs = [p.encode() for text in texts for p in text.split("\n") if len(p.split()) > 3]
    seeds = {
        "numbers": paragraphs[:50],
        "dates": paragraphs[:50],
        "extractor": paragraphs[:20],
        "agreement": [path.read_bytes() for path in sorted(AGREEMENTS.glob("*.yaml"))],
        "jsonl": lines[:10],
        "html": [SAMPLE_PAGE.encode()],
        "pdf": [sample_pdf()],
    }
    return seeds[target] or [b"Five people were killed in Rafah on Monday, the ministry said."]
