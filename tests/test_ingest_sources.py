"""Sources: files, folders and standard input become Documents; each bad input is one error line."""

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest import iter_documents
from ceasefire.settings import get_settings

SEEDS = Path(__file__).resolve().parents[2] / "shared/corpus/seeds.jsonl"

PAGE = (
    "<html><head><title>Crossing reopens</title>"
    '<meta property="og:site_name" content="Coast Herald"></head><body><article>'
    "<p>The southern crossing reopened on Wednesday after a two-day closure, and 35 trucks "
    "of food and medicine entered before it closed again at dusk, the relief agency said.</p>"
    "</article></body></html>"
)


def jsonl(*documents: dict[str, str]) -> str:
    """JSON Lines text holding the given documents."""
    return "".join(json.dumps(d) + "\n" for d in documents)


def outcomes(results: Iterator[Document | InputError]) -> list[str]:
    """Each result as a document id or an error message, in order."""
    return [r.id if isinstance(r, Document) else str(r) for r in results]


@pytest.fixture
def tiny_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A 64-byte document limit, so a paragraph counts as too large."""
    monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", "64")
    get_settings.cache_clear()
    yield 64
    get_settings.cache_clear()


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A folder of good and bad inputs, with a subfolder, hidden files and files to ignore."""
    folder = tmp_path / "newsroom"
    (folder / "wires" / "april").mkdir(parents=True)
    (folder / ".cache").mkdir()
    (folder / "a-statement.txt").write_text("The ministry said talks would resume.\n")
    (folder / "b-empty.txt").write_text("\n  \n")
    (folder / "c-crossing.html").write_text(PAGE)
    (folder / "d-scan.txt").write_bytes(b"%PDF-1.7\x00\x00binary")
    (folder / "e-notes.md").write_text("Call the ministry back.\n")
    (folder / ".draft.txt").write_text("Not ready for the monitor.\n")
    (folder / ".cache" / "copy.txt").write_text("A cached copy.\n")
    (folder / "wires" / "feed.jsonl").write_text(
        jsonl({"id": "wire-1", "text": "Gunfire was heard overnight."}) + '{"id": "wire-2"}\n'
    )
    (folder / "wires" / "april" / "Z-LATE.TXT").write_text("A late wire in capitals.\n")
    return folder


def test_a_folder_yields_its_good_documents_and_reports_the_bad(newsroom: Path) -> None:
    results = outcomes(iter_documents([str(newsroom)]))

    assert results == [
        "a-statement",
        f"{newsroom}/b-empty.txt: empty document",
        "c-crossing",
        f"{newsroom}/d-scan.txt: binary file",
        "wire-1",
        f"{newsroom}/wires/feed.jsonl:2: missing 'text'",
        "Z-LATE",
    ]


def test_documents_from_a_folder_carry_their_reader_s_metadata(newsroom: Path) -> None:
    documents = [d for d in iter_documents([str(newsroom)]) if isinstance(d, Document)]

    crossing = next(d for d in documents if d.id == "c-crossing")
    assert crossing.outlet == "Coast Herald"
    assert crossing.text.startswith("The southern crossing reopened on Wednesday")


def test_sources_are_read_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "second.txt").write_text("The second report.\n")
    (tmp_path / "first.txt").write_text("The first report.\n")

    results = iter_documents([str(tmp_path / "second.txt"), str(tmp_path / "first.txt")])

    assert outcomes(results) == ["second", "first"]


def test_a_file_named_explicitly_with_an_unknown_type_is_reported(tmp_path: Path) -> None:
    (tmp_path / "briefing.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "README").write_text("Notes.\n")

    results = iter_documents([str(tmp_path / "briefing.pdf"), str(tmp_path / "README")])

    assert outcomes(results) == [
        f"{tmp_path}/briefing.pdf: unsupported file type '.pdf'",
        f"{tmp_path}/README: unsupported file type (no extension)",
    ]


def test_a_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    (tmp_path / ".draft.txt").write_text("Talks stalled on Monday.\n")

    assert outcomes(iter_documents([str(tmp_path / ".draft.txt")])) == [".draft"]


def test_a_missing_path_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "here.txt").write_text("The truce held.\n")

    results = iter_documents(["no/such/report.txt", str(tmp_path / "here.txt")])

    assert outcomes(results) == ["no/such/report.txt: no such file or directory", "here"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, tiny_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The ceasefire was extended by a week, mediators said on Sunday.\n" * 2)

    def refuse_to_read(self: Path) -> bytes:
        raise AssertionError(f"{self} was read despite its size")

    monkeypatch.setattr(Path, "read_bytes", refuse_to_read)

    assert outcomes(iter_documents([str(path)])) == [
        f"{path}: document too large (128 bytes > limit 64 bytes)"
    ]


def test_standard_input_is_read_as_json_lines() -> None:
    stdin = io.StringIO(
        jsonl(
            {"id": "in-1", "text": "Rockets were fired at dawn.", "published": "2024-05-02"},
            {"id": "in-2", "text": "The border stayed closed."},
        )
        + "not json\n"
    )

    results = list(iter_documents(["-"], stdin=stdin))

    assert outcomes(iter(results)) == [
        "in-1",
        "in-2",
        "<stdin>:3: malformed JSON (Expecting value: column 1)",
    ]
    assert isinstance(results[0], Document)
    assert results[0].published == date(2024, 5, 2)


def test_every_error_is_one_line_starting_with_the_input_s_name(newsroom: Path) -> None:
    sources = [str(newsroom), "missing.html", str(newsroom / "e-notes.md")]

    errors = [r for r in iter_documents(sources) if isinstance(r, InputError)]

    assert len(errors) == 5
    for error in errors:
        assert "\n" not in str(error)
        assert str(error).startswith((str(newsroom), "missing.html"))


@pytest.mark.skipif(not SEEDS.exists(), reason="the shared sample corpus is not checked out")
def test_the_sample_corpus_gives_five_dated_documents() -> None:
    documents = list(iter_documents([str(SEEDS)]))

    assert all(isinstance(d, Document) for d in documents)
    assert [(d.id, d.published) for d in documents if isinstance(d, Document)] == [
        ("000_027503ef8cb4049e", date(2025, 11, 25)),
        ("001_86796e4fc3e7ac04", date(2024, 1, 22)),
        ("002_ea2231eb9c9fd352", date(2023, 12, 1)),
        ("003_16e58f1561d085f4", date(2024, 3, 7)),
        ("004_f53504607c9bea4b", date(2023, 11, 22)),
    ]
