"""HTML pages: trafilatura keeps the article and its metadata and drops menus, footers and ads."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.errors import InputError
from ceasefire.ingest.html import parse_html, read_html
from ceasefire.settings import get_settings

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Aid convoys enter northern Gaza as truce enters third day | Coast Herald</title>
  <meta property="og:title" content="Aid convoys enter northern Gaza as truce enters third day">
  <meta property="og:site_name" content="Coast Herald">
  <meta name="author" content="Ana Ruiz">
  <meta property="article:published_time" content="2024-03-07T09:15:00+02:00">
  <meta property="article:modified_time" content="2024-03-09T18:00:00+02:00">
  <link rel="canonical" href="https://coastherald.example/world/aid-convoys-truce-third-day">
</head>
<body>
  <header>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
  </header>
  <main>
    <article>
      <h1>Aid convoys enter northern Gaza as truce enters third day</h1>
      <p class="byline">By Ana Ruiz</p>
      <p>Forty aid trucks crossed into northern Gaza on Thursday morning, the relief agency
      said, the largest convoy since the pause in fighting began on Tuesday.</p>
      <p>The agency said the trucks carried flour, medical supplies and fuel for two
      hospitals, and that a further 60 trucks were waiting at the crossing.</p>
      <p>A spokesman for the mediators said the truce had largely held overnight, though
      residents reported gunfire near the coastal road before dawn.</p>
    </article>
  </main>
  <aside class="newsletter">Sign up for our morning briefing</aside>
  <footer>&copy; 2024 Coast Herald. All rights reserved.</footer>
</body>
</html>
"""


PARAGRAPHS = (
    "<p>Negotiators in Cairo said on Monday that the pause would be extended by two days, and "
    "that a further exchange of detainees was planned for Wednesday.</p>"
    "<p>Both delegations were expected to return to the talks after consulting their leaders, "
    "a diplomat briefed on the meetings said.</p>"
)
STRUCTURED = (
    '<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "headline": "Pause extended by two days", '
    '"author": {"@type": "Person", "name": "Omar Haddad"}, '
    '"datePublished": "2024-02-12T08:00:00Z", "dateModified": "2024-02-14T10:00:00Z", '
    '"publisher": {"@type": "Organization", "name": "Delta Wire"}}</script></head>'
    f"<body><article>{PARAGRAPHS}</article></body></html>"
)
DUBLIN_CORE = (
    '<html><head><meta name="DC.title" content="Detainee exchange planned">'
    '<meta name="DC.creator" content="Lee Park"><meta name="DC.date" content="2023-12-01">'
    f"</head><body><article>{PARAGRAPHS}</article></body></html>"
)
UNLABELLED = f"<html><body><article>{PARAGRAPHS}</article></body></html>"


@pytest.fixture
def tiny_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A 64-byte document limit, so any real page counts as too large."""
    monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", "64")
    get_settings.cache_clear()
    yield 64
    get_settings.cache_clear()


def test_an_article_keeps_its_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "aid-convoys.html"
    path.write_text(ARTICLE, encoding="utf-8")

    document = read_html(path)

    assert document.id == "aid-convoys"
    assert document.title == "Aid convoys enter northern Gaza as truce enters third day"
    assert document.author == "Ana Ruiz"
    assert document.outlet == "Coast Herald"
    assert document.url == "https://coastherald.example/world/aid-convoys-truce-third-day"
    assert document.published == date(2024, 3, 7)
    assert "Forty aid trucks crossed into northern Gaza on Thursday morning" in document.text
    assert "residents reported gunfire near the coastal road before dawn." in document.text


def test_metadata_is_read_from_structured_data(tmp_path: Path) -> None:
    path = tmp_path / "pause.html"
    path.write_text(STRUCTURED, encoding="utf-8")

    document = read_html(path)

    assert document.title == "Pause extended by two days"
    assert document.author == "Omar Haddad"
    assert document.outlet == "Delta Wire"
    assert document.published == date(2024, 2, 12)


def test_metadata_is_read_from_dublin_core_tags(tmp_path: Path) -> None:
    path = tmp_path / "exchange.html"
    path.write_text(DUBLIN_CORE, encoding="utf-8")

    document = read_html(path)

    assert (document.title, document.author, document.published) == (
        "Detainee exchange planned",
        "Lee Park",
        date(2023, 12, 1),
    )


def test_a_page_without_metadata_leaves_it_unknown(tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_text(UNLABELLED, encoding="utf-8")

    document = read_html(path)

    assert document.text.startswith("Negotiators in Cairo said on Monday")
    assert (document.title, document.author, document.outlet) == (None, None, None)
    assert (document.url, document.published) == (None, None)


def test_a_downloaded_page_is_named_by_the_address_it_came_from() -> None:
    address = "https://coastherald.example/world/aid-convoys"

    document = parse_html(ARTICLE.encode("utf-8"), address, address, url=address + "?amp=1")

    assert document.id == address
    assert document.url == address + "?amp=1"
    assert document.outlet == "Coast Herald"


def test_an_address_does_not_stand_in_for_a_missing_site_name() -> None:
    document = parse_html(UNLABELLED, "page", "page", url="https://deltawire.example/news/1")

    assert document.outlet is None


def test_menus_footers_and_asides_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "aid-convoys.htm"
    path.write_text(ARTICLE, encoding="utf-8")

    text = read_html(path).text

    assert "Sport" not in text
    assert "All rights reserved" not in text
    assert "morning briefing" not in text


def test_the_text_is_normalized(tmp_path: Path) -> None:
    path = tmp_path / "aid-convoys.html"
    path.write_text(ARTICLE, encoding="utf-8")

    text = read_html(path).text

    assert "  " not in text
    assert "the relief agency said, the largest convoy" in text


def test_a_declared_latin1_page_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "doha.html"
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Café talks</title></head><body>'
        "<article><p>Negotiators met at a café in Doha on Monday and agreed to extend the "
        "pause by two days, the mediators said.</p></article></body></html>"
    )
    path.write_bytes(page.encode("latin-1"))

    assert "met at a café in Doha" in read_html(path).text


def test_broken_html_still_gives_its_text(tmp_path: Path) -> None:
    path = tmp_path / "truncated.html"
    path.write_text(
        "<html><body><div><p>Two rockets were fired from the north overnight and the army "
        "said it struck the launch site.<p>No injuries were reported in the town, the mayor "
        "said in a statement on Friday",
        encoding="utf-8",
    )

    document = read_html(path)

    assert "Two rockets were fired from the north overnight" in document.text
    assert document.published is None


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"<html><head><title>Live updates</title></head><body></body></html>",
        b"<html><body><script>var feed = [];</script></body></html>",
        b"<<<>>></p></div><p",
    ],
)
def test_a_page_without_main_text_is_refused(tmp_path: Path, page: bytes) -> None:
    path = tmp_path / "shell.html"
    path.write_bytes(page)

    with pytest.raises(InputError) as caught:
        read_html(path)

    assert str(caught.value) == f"{path}: no main text found"


def test_a_page_over_the_size_limit_is_refused(tmp_path: Path, tiny_limit: int) -> None:
    path = tmp_path / "aid-convoys.html"
    path.write_text(ARTICLE, encoding="utf-8")

    with pytest.raises(InputError, match=r"^.*aid-convoys\.html: document too large \("):
        read_html(path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_a_document_or_an_input_error(tmp_path: Path, page: bytes) -> None:
    path = tmp_path / "fuzz.html"
    path.write_bytes(page)

    try:
        document = read_html(path)
    except InputError as error:
        assert str(error) == f"{path}: no main text found"
    else:
        assert document.text
