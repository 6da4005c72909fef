"""RSS and Atom feeds: each entry becomes a Document, from its linked page or its own text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.ingest.feed import read_entries, read_feed
from ceasefire.ingest.url import open_client

if TYPE_CHECKING:
    from conftest import NewsSite

# A page with a title but no author or date: the feed entry supplies those.
SHELTER_PAGE = """<html><head><title>Shelters fill as families flee the border villages</title>
</head><body><article>
<p>More than 400 families had reached the shelters in the town by Sunday evening, the
municipality said, after overnight shelling of three border villages.</p>
<p>Volunteers said blankets and baby formula were running short.</p>
</article></body></html>"""


def rss(base: str) -> str:
    """A wire's RSS feed whose entries link to pages on `base`."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Times: Region</title>
  <link>{base}/region</link>
  <description>News from the border region</description>
  <item>
    <title>Families flee border villages</title>
    <link>{base}/2024/03/shelters</link>
    <dc:creator>Mira Saleh</dc:creator>
    <pubDate>Sun, 10 Mar 2024 21:05:00 +0200</pubDate>
    <description>Families fled to shelters.</description>
  </item>
  <item>
    <title>Crossing closed again</title>
    <link>{base}/2024/03/crossing-closed</link>
    <dc:creator>Omar Haddad</dc:creator>
    <pubDate>Thu, 07 Mar 2024 23:30:00 -0500</pubDate>
    <description>&lt;p&gt;The southern crossing closed at noon on Thursday, the border
    authority said.&lt;/p&gt;&lt;p&gt;Aid &amp;amp; fuel trucks were turned back.&lt;/p&gt;
    </description>
  </item>
  <item>
    <title>Photo gallery</title>
  </item>
  <item>
    <guid isPermaLink="false">wire-2024-03-06-117</guid>
    <title>Talks to resume in Cairo</title>
    <description>Negotiators will meet in Cairo on Monday, mediators said.</description>
  </item>
</channel>
</rss>"""


def atom(base: str) -> str:
    """A ministry's Atom feed with full HTML content in each entry."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ministry of Health statements</title>
  <id>urn:uuid:7d1f2a60-0c1e-4f0e-9d55-2c7a1d6f3e10</id>
  <updated>2024-03-08T06:00:00Z</updated>
  <entry>
    <title type="html">Casualty figures &lt;em&gt;updated&lt;/em&gt;</title>
    <link rel="alternate" href="{base}/statements/0307"/>
    <id>urn:uuid:5b0c7d52-8f0b-4d8e-bb39-5d41f1a2e001</id>
    <published>2024-03-07T23:30:00-05:00</published>
    <updated>2024-03-08T05:00:00Z</updated>
    <author><name>Press Office</name></author>
    <content type="html">&lt;p&gt;The ministry said 14 people were injured in the strike
    on Thursday.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Nine in the north&lt;/li&gt;&lt;li&gt;Five in
    the centre&lt;/li&gt;&lt;/ul&gt;</content>
    <summary>Fourteen injured.</summary>
  </entry>
</feed>"""


@pytest.fixture
def client(news_site: NewsSite) -> Iterator[httpx.Client]:
    """An HTTP client for entry links, opened after the local site so proxies are bypassed."""
    with open_client() as opened:
        yield opened


def read(feed: str, name: str, client: httpx.Client, **options: str) -> list[Document | InputError]:
    """Everything a feed yields."""
    return list(read_entries(feed.encode("utf-8"), name, client, **options))


def test_an_entry_is_read_from_its_linked_page(news_site: NewsSite, client: httpx.Client) -> None:
    page = news_site.serve("/2024/03/shelters", SHELTER_PAGE, "text/html")

    first = read(rss(news_site.base), "region.rss", client)[0]

    assert isinstance(first, Document)
    assert first.id == page
    assert first.url == page
    assert first.text.startswith("More than 400 families had reached the shelters")
    assert first.title == "Shelters fill as families flee the border villages"


def test_the_entry_fills_what_the_page_leaves_out(
    news_site: NewsSite, client: httpx.Client
) -> None:
    news_site.serve("/2024/03/shelters", SHELTER_PAGE, "text/html")

    first = read(rss(news_site.base), "region.rss", client)[0]

    assert isinstance(first, Document)
    assert first.author == "Mira Saleh"
    assert first.published == date(2024, 3, 10)
    assert first.outlet == "Valley Times: Region"


def test_an_entry_whose_page_fails_falls_back_to_its_own_text(
    news_site: NewsSite, client: httpx.Client
) -> None:
    news_site.serve("/2024/03/crossing-closed", "Gone", "text/plain", status=404)

    second = read(rss(news_site.base), "region.rss", client)[1]

    assert second == Document(
        id=news_site.url("/2024/03/crossing-closed"),
        text="The southern crossing closed at noon on Thursday, the border authority said.\n\n"
        "Aid & fuel trucks were turned back.",
        title="Crossing closed again",
        outlet="Valley Times: Region",
        author="Omar Haddad",
        url=news_site.url("/2024/03/crossing-closed"),
        published=date(2024, 3, 7),
    )


def test_an_entry_with_no_page_and_no_text_is_reported_and_the_rest_read(
    news_site: NewsSite, client: httpx.Client
) -> None:
    results = read(rss(news_site.base), "region.rss", client)

    assert len(results) == 4
    assert str(results[2]) == ("region.rss#3: no link, and no content or summary to fall back on")
    assert isinstance(results[3], Document)
    assert results[3].id == "wire-2024-03-06-117"
    assert results[3].text == "Negotiators will meet in Cairo on Monday, mediators said."
    assert results[3].url is None


def test_a_failed_link_is_named_when_there_is_nothing_to_fall_back_on(
    news_site: NewsSite, client: httpx.Client
) -> None:
    feed = rss(news_site.base).replace(
        "<title>Photo gallery</title>",
        f"<title>Photo gallery</title><link>{news_site.base}/g</link>",
    )
    news_site.serve("/g", "Server error", "text/plain", status=500)

    results = read(feed, "region.rss", client)

    assert str(results[2]) == (
        f"region.rss#3: {news_site.base}/g: HTTP 500 Internal Server Error, "
        "and no content or summary to fall back on"
    )


def test_atom_content_is_preferred_to_the_summary_and_stripped_of_markup(
    news_site: NewsSite, client: httpx.Client
) -> None:
    news_site.serve("/statements/0307", "Unavailable", "text/plain", status=500)

    [statement] = read(atom(news_site.base), "ministry.atom", client)

    assert isinstance(statement, Document)
    assert statement.text == (
        "The ministry said 14 people were injured in the strike on Thursday.\n\n"
        "Nine in the north\n\nFive in the centre"
    )
    assert statement.title == "Casualty figures updated"
    assert statement.author == "Press Office"
    assert statement.outlet == "Ministry of Health statements"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("<published>2024-03-07T23:30:00-05:00</published>", date(2024, 3, 7)),
        ("<published>2024-03-08T01:15:00+02:00</published>", date(2024, 3, 8)),
        ("<published>2024-03-07</published>", date(2024, 3, 7)),
        ("", None),
    ],
)
def test_the_date_is_kept_as_the_feed_wrote_it(
    news_site: NewsSite, client: httpx.Client, written: str, expected: date | None
) -> None:
    feed = atom(news_site.base).replace("<published>2024-03-07T23:30:00-05:00</published>", written)

    [statement] = read(feed, "ministry.atom", client)

    assert isinstance(statement, Document)
    assert statement.published == expected


def test_relative_links_resolve_against_the_feed_s_address(
    news_site: NewsSite, client: httpx.Client
) -> None:
    news_site.serve("/2024/03/shelters", SHELTER_PAGE, "text/html")
    feed = rss(news_site.base).replace(news_site.base, "")

    first = read(feed, "region", client, base_url=news_site.url("/feeds/region.rss"))[0]

    assert isinstance(first, Document)
    assert first.id == news_site.url("/2024/03/shelters")
    assert first.text.startswith("More than 400 families")


def test_a_link_that_is_no_web_address_is_not_fetched(
    news_site: NewsSite, client: httpx.Client
) -> None:
    feed = rss(news_site.base).replace(
        "<title>Photo gallery</title>", "<title>Photo gallery</title><link>gallery/17</link>"
    )

    results = read(feed, "region.rss", client)

    assert str(results[2]) == (
        "region.rss#3: link 'gallery/17' is not a web address, "
        "and no content or summary to fall back on"
    )


def test_a_feed_file_is_read(tmp_path: Path, news_site: NewsSite, client: httpx.Client) -> None:
    news_site.serve("/2024/03/shelters", SHELTER_PAGE, "text/html")
    path = tmp_path / "region.rss"
    path.write_text(rss(news_site.base), encoding="utf-8")

    results = list(read_feed(path, client))

    assert [r.id if isinstance(r, Document) else str(r) for r in results] == [
        news_site.url("/2024/03/shelters"),
        news_site.url("/2024/03/crossing-closed"),
        f"{path}#3: no link, and no content or summary to fall back on",
        "wire-2024-03-06-117",
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"Not a feed at all",
        b'<?xml version="1.0"?><sitemap><loc>https://valleytimes.example/</loc></sitemap>',
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
    ],
    ids=["empty", "text", "other-xml", "no-entries"],
)
def test_a_file_without_feed_entries_is_refused(
    tmp_path: Path, client: httpx.Client, content: bytes
) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(content)

    assert [str(r) for r in read_feed(path, client)] == [
        f"{path}: not an RSS or Atom feed with entries"
    ]


def test_a_missing_feed_file_is_reported(tmp_path: Path, client: httpx.Client) -> None:
    path = tmp_path / "gone.rss"

    assert [str(r) for r in read_feed(path, client)] == [f"{path}: no such file or directory"]


def test_a_feed_file_over_the_size_limit_is_refused(
    tmp_path: Path, news_site: NewsSite, client: httpx.Client, configure: Callable[..., None]
) -> None:
    configure(max_document_bytes="512")
    path = tmp_path / "region.rss"
    path.write_text(rss(news_site.base), encoding="utf-8")

    [error] = read_feed(path, client)

    assert str(error).startswith(f"{path}: document too large (")


def refuse_request(request: httpx.Request) -> httpx.Response:
    """A transport that answers every request with a 404, so no test can reach a network."""
    return httpx.Response(404)


@given(
    data=st.binary(max_size=300)
    | st.text(max_size=200).map(
        lambda text: (
            f"<rss><channel><item><description>{text}</description></item></channel></rss>".encode()
        )
    )
)
def test_any_bytes_give_documents_or_errors_naming_the_feed(data: bytes) -> None:
    with httpx.Client(transport=httpx.MockTransport(refuse_request)) as offline:
        for result in read_entries(data, "wire.rss", offline):
            if isinstance(result, InputError):
                assert str(result).startswith("wire.rss")
                assert "\n" not in str(result)
            else:
                assert result.text
