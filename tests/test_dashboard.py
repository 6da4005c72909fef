"""The dashboard in a real browser (Debian's Chromium, headless, driven by Playwright): every
view draws from the API over the sample corpus, a click shows the record's own words marked in
its document, the filters narrow every view, and a hostile document's text never runs as code.
Screenshots of each test's page are left in tests/artifacts/."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from ceasefire.archive import ingest
from ceasefire.document import Document, normalize_text
from ceasefire.ingest import iter_documents
from ceasefire.reconcile.official import import_series
from ceasefire.show.api import create_app
from ceasefire.store.database import open_database

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = "CEASEFIRE_REQUIRE_BROWSER"
# Headless, and nothing that phones home: the page may only talk to the test server.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds.jsonl"
OFFICIAL = SHARED / "data" / "techforpalestine" / "casualties_daily.json"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AGREEMENT = "gaza-ceasefire-2025-10"
VIEWS = ("timeline", "events", "figures", "agreement")

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
SVG = '<svg onload="window.__pwned=1"></svg>'
# The emoji comes first on purpose: it is one code point in the archive's spans but two UTF-16
# units in the browser, so a mark cut by UTF-16 offsets would land one character off.
HOSTILE = Document(
    id="hostile",
    title=f"{SCRIPT} Strikes resume {IMAGE}",
    outlet=IMAGE,
    author=SVG,
    url="javascript:window.__pwned=1",
    published=date(2025, 11, 19),
    text=normalize_text(
        f"🕊️ {SCRIPT} Reporting from the south.\n\n"
        f"Israeli jets bombed a house in Khan Younis on Monday, killing 12 people {IMAGE}, "
        "the Gaza health ministry said.\n\n"
        f'{SVG} "<b onmouseover=window.__pwned=1>Calm</b>" returned on Tuesday, the ministry '
        'said. <iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>'
    ),
)


@dataclass
class Dashboard:
    """One browser tab on the dashboard, with what went wrong in it along the way."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> Page:
        """Load the dashboard (with filters in the address) and wait until every view drew."""
        self.page.goto(f"{self.base}/{query}")
        self.wait_until_drawn()
        return self.page

    def wait_until_drawn(self, *sections: str) -> None:
        """Wait until the sections (every view by default) have loaded their data."""
        for section in sections or VIEWS:
            self.page.wait_for_selector(f"#{section}[data-state=ready]", timeout=15_000)

    def api(self, path: str, **parameters: Any) -> Any:
        """What the API answers, for comparing with what the page shows."""
        response = httpx.get(f"{self.base}{path}", params=parameters, timeout=10)
        response.raise_for_status()
        return response.json()

    def evidence(self) -> Locator:
        """The evidence panel, once it shows the document just asked for."""
        self.wait_until_drawn("evidence")
        return self.page.locator("#evidence")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium; skipped where it is missing unless CEASEFIRE_REQUIRE_BROWSER is set
    (as in CI), and never downloaded."""
    if not CHROMIUM.exists():
        if os.environ.get(REQUIRE_BROWSER):
            pytest.fail(f"Chromium is required ({REQUIRE_BROWSER}) but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API and dashboard on a free loopback port, over the sample corpus, the hostile
    document and the official Gaza series."""
    for needed in (SEEDS, OFFICIAL):
        if not needed.exists():
            pytest.skip(f"shared data not found at {needed}")
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'archive.db'}")
    summary = ingest(engine, [*iter_documents([str(SEEDS)]), HOSTILE], on_error=print)
    assert summary.failed == 0
    import_series(engine, OFFICIAL)
    config = uvicorn.Config(
        create_app(engine, None, max_upload_bytes=10_000),
        host="127.0.0.1",
        port=0,
        log_level="warning",
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    port = running.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def dashboard(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Dashboard]:
    """A fresh tab; its screenshot is saved when the test ends, pass or fail."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    seen = Dashboard(page, server)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("request", lambda r: seen.requests.append(r.url))
    yield seen
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    page.close()


def test_every_view_loads_from_this_server_alone_without_console_errors(
    dashboard: Dashboard,
) -> None:
    page = dashboard.open()
    assert dashboard.errors == []
    foreign = [u for u in dashboard.requests if not u.startswith((dashboard.base, "data:"))]
    assert foreign == [], "the dashboard must load nothing from elsewhere"
    for view in VIEWS:
        assert page.locator(f"#{view} .status").text_content() is not None
        assert "Could not load" not in (page.locator(f"#{view} .status").text_content() or "")
    assert page.locator(".country-outline").count() > 100


def test_the_map_shows_the_events_that_have_coordinates(dashboard: Dashboard) -> None:
    page = dashboard.open()
    events = dashboard.api("/api/events", limit=1000)["items"]
    placed = [e for e in events if e["place"] and e["place"]["lat"] is not None]
    markers = page.locator(".event-marker")
    assert markers.count() == len(placed) > 0
    khan_younis = page.locator(".event-marker[aria-label='airstrike at Khan Younis']")
    assert khan_younis.count() >= 1
    khan_younis.last.click()  # markers at one spot stack: the last drawn is on top
    assert "reported at Khan Younis" in (page.locator(".leaflet-popup").text_content() or "")


def test_clicking_a_figure_marks_its_words_in_the_document(dashboard: Dashboard) -> None:
    page = dashboard.open()
    [figure] = [
        f
        for f in dashboard.api("/api/figures", doc="000_027503ef8cb4049e")["items"]
        if f["text"] == "153 tonnes"
    ]
    page.locator(".figure-row", has_text="153 tonnes").click()
    evidence = dashboard.evidence()
    found = dashboard.api(f"/api/documents/{figure['doc']}")
    assert evidence.locator(".title").text_content() == found["title"]
    assert evidence.locator("mark").text_content() == figure["text"]
    assert _text_before_mark(page) == found["text"][: figure["span"][0]]


def test_the_timeline_draws_claimed_lines_over_the_dashed_official_series(
    dashboard: Dashboard,
) -> None:
    page = dashboard.open()
    chart = page.locator("#timeline svg")
    assert chart.locator("path.claimed-line").count() > 0
    official = chart.locator("path.official-line")
    assert official.count() == 1
    assert official.evaluate("line => getComputedStyle(line).strokeDasharray") != "none"
    assert page.locator("#timeline select[name=official]").input_value() == "gaza-killed"
    point = chart.locator("circle.series-point").last  # drawn last, so never covered
    title = point.locator("title").text_content() or ""
    point.click()
    evidence = dashboard.evidence()
    assert evidence.locator(".about").text_content() == title
    rows = dashboard.api("/api/series", type="killed", limit=1000)["items"]
    said = {row["text"] for row in rows if row["day"] in title and row["claimant"] in title}
    assert evidence.locator("mark").text_content() in said


def test_the_matrix_of_the_gaza_ceasefire_shows_violations_and_claimed_totals(
    dashboard: Dashboard,
) -> None:
    page = dashboard.open()
    page.locator("#agreement select[name=agreement]").select_option(AGREEMENT)
    dashboard.wait_until_drawn("agreement")
    matrix = dashboard.api(f"/api/agreements/{AGREEMENT}/check")["matrix"]
    grid = page.locator("#agreement table.matrix")
    assert grid.locator("tr.term").count() == len(matrix["terms"])
    assert grid.locator("tr.term").first.locator("td").count() == len(matrix["days"])
    violated = sum(
        1 for row in matrix["cells"].values() for cell in row.values() if cell["violations"]
    )
    assert grid.locator("td.violation").count() == violated > 0
    [aggregate] = matrix["aggregates"]["no-attacks"]
    claimed = page.locator("#agreement .aggregates li")
    assert aggregate["accuser"] in (claimed.first.text_content() or "")

    grid.locator("td.violation").first.click()
    findings = page.locator("#agreement .findings li")
    first_day = next(
        day for day, cell in matrix["cells"]["no-attacks"].items() if cell["violations"]
    )
    assert findings.count() >= 1
    assert all(first_day in text for text in findings.all_text_contents())
    findings.first.click()
    evidence = dashboard.evidence()
    assert (evidence.locator("mark").text_content() or "") in (findings.first.text_content() or "")


def test_the_filters_narrow_every_view_and_stay_in_the_address(dashboard: Dashboard) -> None:
    page = dashboard.open()
    page.locator("#filters input[name=place]").fill("Khan Younis")
    page.locator("#filters button[type=submit]").click()
    for view in ("timeline", "events", "figures"):
        page.wait_for_selector(f"#{view} a.json[href*='place=Khan+Younis']")
    dashboard.wait_until_drawn()
    assert "place=Khan+Younis" in page.url
    labels = [m.get_attribute("aria-label") for m in page.locator(".event-marker").all()]
    assert labels and all(label and label.endswith("at Khan Younis") for label in labels)
    places = page.locator(".figure-row td:nth-child(7)").all_text_contents()
    assert places and set(places) == {"Khan Younis"}

    reopened = dashboard.open("?place=Khan+Younis")
    assert reopened.locator("#filters input[name=place]").input_value() == "Khan Younis"
    assert reopened.locator(".event-marker").count() == len(labels)


def test_hostile_text_shows_literally_and_never_runs(dashboard: Dashboard) -> None:
    page = dashboard.open()
    [figure] = [
        f for f in dashboard.api("/api/figures", doc=HOSTILE.id)["items"] if f["text"] == "12"
    ]
    row = page.locator(".figure-row").filter(has_text="Khan Younis")
    row.filter(has=page.locator("td:nth-child(3)", has_text=re.compile(r"^12$"))).click()
    evidence = dashboard.evidence()
    assert evidence.locator(".title").text_content() == HOSTILE.title
    assert IMAGE in (evidence.locator(".meta").text_content() or "")
    assert evidence.locator(".document-text").text_content() == HOSTILE.text
    assert evidence.locator("mark").text_content() == figure["text"]
    assert _text_before_mark(page) == HOSTILE.text[: figure["span"][0]]
    assert evidence.locator("a").count() == 0, "a javascript: address is never a link"

    page.locator(".event-marker[aria-label='airstrike at Khan Younis']").last.click()
    assert 'killing 12 people <img src=x onerror="window.__pwned=1' in (
        page.locator(".leaflet-popup").text_content() or ""
    )
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 2  # Leaflet and the app, nothing more
    assert page.locator("img, iframe, object, embed").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).map(a => a.name)"
    )
    assert handlers == []
    assert dashboard.errors == []


def test_the_servers_policy_stops_script_that_gets_into_the_page(dashboard: Dashboard) -> None:
    response = dashboard.page.goto(f"{dashboard.base}/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    dashboard.wait_until_drawn()
    dashboard.page.evaluate(
        "() => { const script = document.createElement('script');"
        " script.textContent = 'window.__pwned = 1'; document.body.append(script);"
        " const image = document.createElement('img'); image.src = 'x';"
        " image.setAttribute('onerror', 'window.__pwned = 2'); document.body.append(image); }"
    )
    dashboard.page.wait_for_timeout(200)
    assert dashboard.page.evaluate("typeof window.__pwned") == "undefined"
    blocked = [e for e in dashboard.errors if "Content Security Policy" in e]
    assert blocked, "the browser reports what the policy refused"


def test_the_api_reference_draws_from_this_server_alone(dashboard: Dashboard) -> None:
    page = dashboard.page
    page.goto(f"{dashboard.base}/docs")
    page.wait_for_selector(".opblock-summary-path[data-path='/api/events']", timeout=15_000)
    assert page.locator(".opblock").count() == len(
        [op for path in dashboard.api("/openapi.json")["paths"].values() for op in path]
    )
    assert dashboard.errors == []
    foreign = [u for u in dashboard.requests if not u.startswith((dashboard.base, "data:"))]
    assert foreign == [], "the reference must load nothing from elsewhere"


def _text_before_mark(page: Page) -> str:
    """The document text in front of the <mark>, as the reader sees it."""
    return str(
        page.evaluate(
            "() => { const mark = document.querySelector('#evidence mark');"
            " const range = document.createRange();"
            " range.setStart(mark.parentNode, 0); range.setEndBefore(mark);"
            " return range.toString(); }"
        )
    )
