"""The period report: tolls by claimant beside the official series, events, agreement findings,
contradictions and cross-checks, as one self-contained HTML file (or Markdown) in which
document text, hostile or not, is only ever text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine
from typer.testing import CliRunner

from ceasefire.agreements.model import load_agreement
from ceasefire.archive import ingest
from ceasefire.cli import app
from ceasefire.document import Document, normalize_text
from ceasefire.errors import InputError
from ceasefire.reconcile.official import import_series
from ceasefire.show.report import render_html, write_report
from ceasefire.show.report_data import PeriodReport, agreements_in_force, build_report
from ceasefire.show.report_evidence import sentence_around
from ceasefire.show.report_markdown import markdown_text, render_markdown, sparkline
from ceasefire.show.svg import ChartLine, bar_chart, line_chart
from ceasefire.store.database import open_database
from ceasefire.store.reading import list_events

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
SINCE, UNTIL = date(2024, 3, 1), date(2024, 3, 6)
# Published on Monday 4 March 2024: "Sunday" is 3 March.
MONDAY = date(2024, 3, 4)

DOCUMENTS = [
    ("ministry-1", "Wire A", date(2024, 3, 3), "Toll rises",
     "The Gaza health ministry said 30,410 people have been killed so far."),
    ("ministry-2", "Wire C", MONDAY, None,
     "The Gaza health ministry said 30,534 people have been killed so far and 71,920 people "
     "have been injured."),
    ("army", "Wire B", MONDAY, None,
     "The Israeli military said 26,000 people have been killed so far."),
    ("rafah-a", "Wire A", MONDAY, None,
     "Israeli jets bombed a house in Rafah on Sunday, the Gaza health ministry said."),
    ("rafah-b", "Wire B", MONDAY, None,
     "An Israeli airstrike hit a home in Rafah on Sunday, witnesses said."),
    ("rockets", "Wire B", MONDAY, None,
     "Hamas fired rockets at Sderot on Sunday, the Israeli military said."),
    ("threat", "Wire C", MONDAY, None, "Israel threatened to bomb Jabalia on Sunday."),
    ("hostile", IMAGE, MONDAY, SCRIPT,
     f"So far, 15,000 people {SCRIPT} have been killed. {IMAGE}\n"
     f"Israeli jets bombed a house in Jenin {IMAGE} on Sunday."),
]  # fmt: skip


def gaza_day(day: str, killed: int, injured: int) -> dict[str, object]:
    """A day of the Gaza ministry's toll as TechForPalestine publishes it."""
    return {"report_date": day, "report_source": "mohtel", "report_period": 24,
            "killed_cum": killed, "injured_cum": injured,
            "ext_killed_cum": killed, "ext_injured_cum": injured}  # fmt: skip


OFFICIAL = [
    gaza_day("2024-03-02", 30320, 71533),
    gaza_day("2024-03-03", 30410, 71700),
    gaza_day("2024-03-04", 30534, 71920),
]
TRUCE = """\
id: test-truce
name: A test truce
parties: [israel, hamas]
period:
  start: 2024-03-01T07:00:00
  end: 2024-03-05T07:00:00
  timezone: Asia/Gaza
terms:
  - id: no-attacks
    kind: prohibition
    name: no attacks
    events: [airstrike, shelling, rocket_fire, ceasefire_violation]
    parties: [israel, hamas]
    versions:
      - {stated_by: qatar, source: a statement}
"""


@dataclass
class Archive:
    """The fixture archive: its URL, its engine, the truce file, and the report of the period."""

    url: str
    engine: Engine
    truce: Path
    report: PeriodReport
    html: str = field(init=False)
    markdown: str = field(init=False)

    def __post_init__(self) -> None:
        self.html = render_html(self.report)
        self.markdown = render_markdown(self.report)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, parser: Language) -> Archive:
    folder = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{folder / 'archive.db'}"
    engine = open_database(url)
    documents = [
        Document(id=name, text=normalize_text(text), published=day, outlet=outlet, title=title)
        for name, outlet, day, title, text in DOCUMENTS
    ]
    errors: list[object] = []
    ingest(engine, documents, on_error=errors.append)
    assert not errors
    series = folder / "casualties_daily.json"
    series.write_text(json.dumps(OFFICIAL), encoding="utf-8")
    import_series(engine, series)
    truce = folder / "truce.yaml"
    truce.write_text(TRUCE, encoding="utf-8")
    report = build_report(engine, SINCE, UNTIL, [load_agreement(truce)])
    return Archive(url, engine, truce, report)


class _Tags(HTMLParser):
    """The tags and attributes of a page, as a browser would parse them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def section(page: str, key: str) -> str:
    """One section of the page."""
    found = re.search(rf'<section id="{key}">.*?</section>', page, re.S)
    assert found, key
    return found.group()


def test_the_page_has_every_section_with_its_charts(archive: Archive) -> None:
    page = archive.html
    for key in ("tolls", "events", "agreements", "contradictions", "crosschecks"):
        assert f'<section id="{key}">' in page
    tolls = section(page, "tolls")
    assert "<h3>Killed: totals to date</h3>" in tolls
    assert "<h3>Injured: totals to date</h3>" in tolls
    assert tolls.count("<svg") == 2
    assert section(page, "events").count("<svg") == 2  # by type, by place


def test_each_claimants_tolls_are_shown_with_their_evidence(archive: Archive) -> None:
    tolls = section(archive.html, "tolls")
    for words in ("Gaza Ministry of Health", "Israel Defense Forces", "30,410", "30,534",
                  "71,920", "26,000"):  # fmt: skip
        assert words in tolls
    assert "The Gaza health ministry said <mark>30,410</mark> people have been killed so far." in (
        tolls
    )
    assert "ministry-1 · Toll rises · Wire A · 2024-03-03" in tolls


def test_the_official_series_is_a_dashed_line_of_its_own(archive: Archive) -> None:
    killed = archive.html.split("<h3>Killed: totals to date</h3>")[1].split("</svg>")[0]
    assert "official: gaza-killed (Gaza Strip)" in killed
    assert "stroke-dasharray" in killed
    [claimed] = [c for c in archive.report.tolls if c.metric == "killed" and c.running_total]
    assert [p.value for p in claimed.official[0].points] == [30320, 30410, 30534]


def test_events_are_asserted_ones_counted_once_per_event(archive: Archive) -> None:
    threats = [e for e in list_events(archive.engine) if "Jabalia" in e.text]
    assert threats and all(e.modality != "asserted" for e in threats)
    events = section(archive.html, "events")
    assert "Asserted events only" in events
    assert "Jabalia" not in archive.html
    by_place = {count.label: (count.events, count.reports) for count in
                archive.report.events_by_place}  # fmt: skip
    assert by_place["Rafah"] == (1, 2)
    [most] = archive.report.most_reported[:1]
    assert (most.type, most.day, len(most.sources)) == ("airstrike", date(2024, 3, 3), 2)
    assert "Wire A, Wire B" in events


def test_agreement_findings_have_summary_lines_and_a_grid(archive: Archive) -> None:
    agreements = section(archive.html, "agreements")
    assert "A test truce (test-truce)" in agreements
    line = "Gaza Ministry of Health: Israel violated term 'no attacks' on 2024-03-03, 1 document"
    assert escape(line) in agreements
    assert '<table class="grid">' in agreements
    assert re.search(r'<td class="violation" title="2024-03-03: alleged violations', agreements)
    assert "In force on 4 days of the period (2024-03-01 to 2024-03-04)." in agreements


def test_contradicting_tolls_stand_side_by_side_never_averaged(archive: Archive) -> None:
    contradictions = section(archive.html, "contradictions")
    assert "<h3>killed · 2024-03-04</h3>" in contradictions
    header = re.search(r"<tr><th></th>(.*?)</tr>", contradictions)
    assert header and header.group(1) == (
        "<th>Gaza Ministry of Health</th><th>Israel Defense Forces</th>"
    )
    assert "<tr><td>value</td><td>30,534</td><td>26,000</td></tr>" in contradictions
    assert "28,267" not in archive.html  # their mean


def test_tolls_are_labelled_against_the_official_series(archive: Archive) -> None:
    checks = {c.source.doc: c for c in archive.report.crosschecks}
    assert checks["ministry-1"].label == "exact"
    crosschecks = section(archive.html, "crosschecks")
    assert "exact: 3" in crosschecks
    assert "30,410 on 2024-03-03" in crosschecks


def test_the_page_loads_nothing_and_runs_nothing(archive: Archive) -> None:
    tags = _Tags(archive.html).tags
    names = {name for name, _ in tags}
    assert names.isdisjoint({"script", "link", "img", "iframe", "object", "embed", "base"})
    for name, attributes in tags:
        assert "src" not in attributes, name
        assert not any(key.startswith("on") for key in attributes), (name, attributes)
        assert (attributes.get("href") or "#").startswith("#"), attributes
    assert "://" not in archive.html
    assert "url(" not in archive.html and "@import" not in archive.html
    assert "default-src 'none'" in archive.html


def test_hostile_document_text_appears_only_escaped(archive: Archive) -> None:
    page = archive.html
    assert SCRIPT not in page and IMAGE not in page
    assert escape(SCRIPT) in page  # the title, the evidence
    assert escape(IMAGE) in page  # the outlet, a claimant in its own voice, the evidence
    assert f"{escape(IMAGE)} (own voice)" in page
    assert {name for name, _ in _Tags(page).tags}.isdisjoint({"script", "img"})


def test_markdown_says_the_same_with_sparklines(archive: Archive) -> None:
    text = archive.markdown
    for heading in ("## Tolls by claimant", "## Events", "## Agreements", "## Contradictions",
                    "## Cross-checks against official series"):  # fmt: skip
        assert f"\n{heading}\n" in text
    assert "| official: gaza-killed (Gaza Strip) | 3 | ▁▄█ | 30,320 | 30,534 |" in text
    assert "The Gaza health ministry said **30,410** people have been killed so far." in text
    assert "| value | 30,534 | 26,000 |" in text
    assert "Asserted events only" in text
    assert "Israel violated term 'no attacks' on 2024-03-03, 1 document" in text


def test_markdown_makes_hostile_text_inert(archive: Archive) -> None:
    assert SCRIPT not in archive.markdown and IMAGE not in archive.markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in archive.markdown
    assert markdown_text("![x](http://e.example/p.png) <b>a|b</b>") == (
        "\\!\\[x\\](http://e.example/p.png) &lt;b&gt;a\\|b&lt;/b&gt;"
    )
    assert markdown_text("line\nbreak *bold*") == "line break \\*bold\\*"


def test_sparklines_run_from_the_lowest_to_the_highest_value() -> None:
    assert sparkline([1, 2, 3]) == "▁▅█"
    assert sparkline([5, 5]) == "▄▄"
    assert sparkline([]) == ""


def test_charts_are_inline_svg_with_escaped_labels() -> None:
    line = line_chart(
        "Killed",
        [ChartLine(IMAGE, ((date(2024, 3, 1), 10.0), (date(2024, 3, 2), 20.0))),
         ChartLine("official", ((date(2024, 3, 1), 12.0),), official=True)],
    )  # fmt: skip
    assert line.startswith("<svg") and line.endswith("</svg>")
    assert IMAGE not in line and escape(IMAGE) in line
    assert line.count("<polyline") == 1 and line.count("<circle") == 3
    assert 'stroke-dasharray="6 4"' in line
    bars = bar_chart("By place", [(SCRIPT, 3), ("Rafah", 1)])
    assert SCRIPT not in bars and escape(SCRIPT) in bars
    assert bars.count("<rect") == 2


def test_the_evidence_is_the_sentence_around_the_record() -> None:
    text = "Intro.\nThe ministry spoke. So far 14,000 people have been killed, it said. More."
    start = text.index("14,000")
    found = sentence_around(text, (start, start + 6))
    assert (found.before, found.words, found.after) == (
        "So far ",
        "14,000",
        " people have been killed, it said.",
    )


def test_agreements_in_force_are_those_meeting_the_period() -> None:
    found = agreements_in_force(date(2023, 11, 25), date(2023, 11, 26))
    assert [agreement.id for agreement in found] == ["gaza-pause-2023-11"]
    assert agreements_in_force(date(2024, 3, 1), date(2024, 3, 6)) == []


def test_a_period_ending_before_it_starts_is_refused(archive: Archive) -> None:
    with pytest.raises(InputError, match="ends .* before it starts"):
        build_report(archive.engine, UNTIL, SINCE)


def test_write_report_writes_markdown_too(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    write_report(archive.engine, out, SINCE, UNTIL, "md", [load_agreement(archive.truce)])
    assert out.read_text(encoding="utf-8") == archive.markdown


@pytest.mark.parametrize(("output_format", "marker"), [("html", "<svg"), ("md", "## Events")])
def test_the_cli_writes_the_report_file(
    archive: Archive, tmp_path: Path, output_format: str, marker: str
) -> None:
    out = tmp_path / f"report.{output_format}"
    result = CliRunner().invoke(
        app,
        ["report", "--since", "2024-03-01", "--until", "2024-03-06", "--out", str(out),
         "--format", output_format, "--db", archive.url, "--agreement", str(archive.truce)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert marker in written and "A test truce" in written
    assert f"{out}: 2 toll charts" in result.stderr


def test_the_cli_without_agreements_checks_those_in_force(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["report", "--since", "2024-03-01", "--until", "2024-03-06", "--out", str(out),
              "--db", archive.url],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "No known agreement was in force in the period." in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "pdf"], "--format must be html or md, not 'pdf'"),
        (["--since", "2024-03-09"], "the period ends (2024-03-06) before it starts (2024-03-09)"),
    ],
)
def test_the_cli_refuses_bad_options_with_exit_2(
    archive: Archive, tmp_path: Path, options: list[str], message: str
) -> None:
    out = tmp_path / "report.html"
    arguments = ["report", "--since", "2024-03-01", "--until", "2024-03-06", "--out", str(out),
                 "--db", archive.url, *options]  # fmt: skip
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists()


def test_an_unwritable_out_path_is_named(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "report.html"
    result = CliRunner().invoke(
        app, ["report", "--since", "2024-03-01", "--until", "2024-03-06", "--out", str(out),
              "--db", archive.url],
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"{out}: cannot write the report: no such file or directory" in result.stderr
