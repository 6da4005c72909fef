"""Sources: files, folders, URLs and standard input become Documents; a bad input is one error."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest import iter_documents
from ceasefire.settings import get_settings

if TYPE_CHECKING:
    from conftest import NewsSite

SEEDS = Path(__file__).resolve().parents[2] / "shared/corpus/seeds.jsonl"

PAGE = (
    "<html><head><title>Crossing reopens</title>"
    '<meta property="og:site_name" content="Coast Herald"></head><body><article>'
    "<p>The southern crossing reopened on Wednesday after a two-day closure, and 35 trucks "
    "of food and medicine entered before it closed again at dusk, the relief agency said.</p>"
    "</article></body></html>"
)


WIRE_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire desk</title>
<item><guid isPermaLink="false">wire-0311-1</guid><title>Shelling resumes</title>
<description>Shelling resumed at dusk near the eastern villages.</description></item>
<item><guid isPermaLink="false">wire-0311-2</guid><title>Calm in the south</title>
<description>The south was calm overnight, residents said.</description></item>
</channel></rss>"""
SITEMAP = '<?xml version="1.0"?><urlset><url><loc>https://coastherald.example/</loc></url></urlset>'


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
    (tmp_path / "briefing.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README").write_text("Notes.\n")

    results = iter_documents([str(tmp_path / "briefing.docx"), str(tmp_path / "README")])

    assert outcomes(results) == [
        f"{tmp_path}/briefing.docx: unsupported file type '.docx'",
        f"{tmp_path}/README: unsupported file type (no extension)",
    ]


def test_a_folder_reads_pdfs_and_feed_files_too(
    tmp_path: Path, make_pdf: Callable[..., bytes]
) -> None:
    folder = tmp_path / "archive"
    (folder / "feeds").mkdir(parents=True)
    (folder / "a-sitrep.pdf").write_bytes(make_pdf("Nine trucks crossed on Monday."))
    (folder / "b-cut-off.PDF").write_bytes(make_pdf("Nine trucks crossed on Monday.")[:200])
    (folder / "feeds" / "wire.rss").write_text(WIRE_FEED)
    (folder / "feeds" / "sitemap.xml").write_text(SITEMAP)

    results = outcomes(iter_documents([str(folder)]))

    assert results == [
        "a-sitrep",
        f"{folder}/b-cut-off.PDF: broken PDF (stream has ended unexpectedly)",
        f"{folder}/feeds/sitemap.xml: not an RSS or Atom feed with entries",
        "wire-0311-1",
        "wire-0311-2",
    ]


def test_urls_are_read_in_order_with_files(tmp_path: Path, news_site: NewsSite) -> None:
    page = news_site.serve("/crossing", PAGE, "text/html; charset=utf-8")
    note = news_site.serve("/note.txt", "The border stayed closed.", "text/plain")
    missing = news_site.url("/deleted")
    (tmp_path / "local.txt").write_text("Rockets were fired at dawn.\n")

    results = list(iter_documents([page, str(tmp_path / "local.txt"), missing, note]))

    assert outcomes(iter(results)) == [
        page,
        "local",
        f"{missing}: HTTP 404 Not Found",
        note,
    ]
    assert isinstance(results[0], Document)
    assert (results[0].url, results[0].outlet) == (page, "Coast Herald")


@pytest.mark.parametrize(
    "content_type",
    ["application/rss+xml", "application/x-rss+xml", "application/xml; charset=utf-8", "text/xml"],
)
def test_a_feed_url_gives_a_document_per_entry(news_site: NewsSite, content_type: str) -> None:
    address = news_site.serve("/feeds/wire", WIRE_FEED, content_type)

    documents = list(iter_documents([address]))

    assert outcomes(iter(documents)) == ["wire-0311-1", "wire-0311-2"]
    assert isinstance(documents[0], Document)
    assert documents[0].text == "Shelling resumed at dusk near the eastern villages."
    assert documents[0].outlet == "Wire desk"


def test_an_atom_feed_url_fetches_each_entry_s_page(news_site: NewsSite) -> None:
    page = news_site.serve("/crossing", PAGE, "text/html")
    feed = news_site.serve(
        "/feeds/atom",
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Herald</title>
<entry><title>Crossing reopens</title><link href="{page}"/><id>tag:ch,2024:1</id>
<updated>2024-03-06T10:00:00Z</updated></entry></feed>""",
        "application/atom+xml",
    )

    [document] = iter_documents([feed])

    assert isinstance(document, Document)
    assert document.id == page
    assert document.text.startswith("The southern crossing reopened on Wednesday")


def test_xml_that_is_not_a_feed_is_refused_by_url(news_site: NewsSite) -> None:
    address = news_site.serve("/sitemap.xml", SITEMAP, "application/xml")

    assert outcomes(iter_documents([address])) == [
        f"{address}: not an RSS or Atom feed with entries"
    ]


def test_a_bad_url_is_one_error_line_and_the_rest_go_on(
    news_site: NewsSite, configure: Callable[..., None]
) -> None:
    configure(read_timeout="0.2")
    slow = news_site.serve("/slow", "Late news.", "text/plain", delay=5.0)
    failing = news_site.serve("/broken", "Oops", "text/plain", status=500)
    image = news_site.serve("/map.png", b"\x89PNG", "image/png")
    good = news_site.serve("/good.txt", "The truce held.", "text/plain")

    results = outcomes(iter_documents([slow, failing, image, good]))

    assert results == [
        f"{slow}: timed out waiting for data",
        f"{failing}: HTTP 500 Internal Server Error",
        f"{image}: unsupported content type 'image/png'",
        good,
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
