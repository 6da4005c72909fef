"""Periods and event dates resolved against the publication date (sentences of our own)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.errors import ConfigError
from ceasefire.extract.dates import load_anchors, resolve_event_date, resolve_period
from ceasefire.records import Period

TUE, MON = "2025-11-25", "2025-11-24"  # a Tuesday and a Monday


def period(spec: str | None, published: str | None = None) -> Period | None:
    """A period from a spec: "on D", "as_of D", "since D [E]", "between D [E]" (E: published)."""
    if spec is None:
        return None
    kind, *days = spec.split()
    first, *rest = [date.fromisoformat(day) for day in days]
    if kind == "on":
        return Period("on", first, first)
    if kind == "as_of":
        return Period("as_of", None, first)
    end = rest[0] if rest else date.fromisoformat(published) if published else None
    return Period("since", first, end) if kind == "since" else Period("between", first, end)


CASES: list[tuple[str, str, str | None]] = [
    # on: relative days and weekdays
    ("Yesterday morning three fishermen were shot dead.", TUE, "on 2025-11-24"),
    ("Yesterday, 12 aid lorries crossed at the gate.", TUE, "on 2025-11-24"),
    ("Today the agency counted 40 lorries.", TUE, "on 2025-11-25"),
    ("On Sunday the army fired 60 shells at the camp.", TUE, "on 2025-11-23"),
    ("The agency said on Saturday that 14 had died.", TUE, "on 2025-11-22"),
    ("Late Wednesday two drones hit a school, killing 6.", TUE, "on 2025-11-19"),
    ("Three people were wounded Wednesday evening.", TUE, "on 2025-11-19"),
    ("Strikes on Tuesday night killed 9 people.", TUE, "on 2025-11-25"),
    ("Early Friday, 5 rockets were launched.", TUE, "on 2025-11-21"),
    ("Monday's shelling wounded 8 people.", TUE, "on 2025-11-24"),
    ("The count rose to 27 today, Saturday, it said.", "2025-11-23", "on 2025-11-22"),
    ("The ministry said last Friday that 70 had died.", "2025-11-21", "on 2025-11-14"),
    # on: absolute dates, the latest one not after publication unless a year is given
    ("On December 1 some 200 lorries entered.", "2025-12-03", "on 2025-12-01"),
    ("On Dec 1 some 200 lorries entered.", "2025-12-03", "on 2025-12-01"),
    ("On 7 October gunmen killed 1,100 people.", "2024-01-22", "on 2023-10-07"),
    ("Nov 24 saw 30 prisoners freed.", TUE, "on 2025-11-24"),
    ("The first 13 captives went home on Nov. 24, 2023.", TUE, "on 2023-11-24"),
    # week and year boundaries
    ("On Sunday 4 people were killed.", MON, "on 2025-11-23"),
    ("On Monday 4 people were killed.", MON, "on 2025-11-24"),
    ("On December 30 a strike killed 11.", "2026-01-02", "on 2025-12-30"),
    ("On Wednesday a strike killed 11.", "2026-01-02", "on 2025-12-31"),
    # since: explicit dates
    ("Since 10 October monitors logged 410 breaches.", TUE, "since 2025-10-10"),
    ("Since October 10 monitors logged 410 breaches.", TUE, "since 2025-10-10"),
    ("Some 60 convoys have arrived since Jan. 19.", "2025-02-20", "since 2025-01-19"),
    ("A total of 39 captives have gone free since Friday.", "2023-11-26", "since 2023-11-24"),
    ("More than 180 people have died since July.", "2023-09-10", "since 2023-07-01"),
    ("The 10 October ceasefire has been broken 300 times.", TUE, "since 2025-10-10"),
    # since: named anchors
    ("Since the truce took hold, 97 people have died.", TUE, "since 2025-10-10"),
    ("At least 40 died since the ceasefire came into effect.", "2025-02-01", "since 2025-01-19"),
    ("Some 150 lorries a day came in since the pause began.", "2023-11-28", "since 2023-11-24"),
    ("Since the ceasefire took effect, Hezbollah lost 30 men.", TUE, "since 2024-11-27"),
    ("The toll has passed 30,000 since the start of the war.", "2024-03-07", "since 2023-10-07"),
    ("Hezbollah has lost 400 men since the start of the war.", "2024-09-13", "since 2023-10-08"),
    ("90 sales since the start of the Gaza war in early October", "2024-03-07", "since 2023-10-07"),
    ("3,000 bombs since the bombardment began five weeks ago.", "2023-11-15", "since 2023-10-07"),
    ("Four months into the offensive, 28,000 have died.", "2024-02-10", "since 2023-10-07"),
    ("Since the aggression began 1,200 schools were hit.", "2024-02-10", "since 2023-10-07"),
    ("Fire killed 500 since Hamas attacked Israel on October 7.", "2024-09-13", "since 2023-10-07"),
    ("Ten thousand have died since the full-scale invasion.", "2024-05-01", "since 2022-02-24"),
    ("Since the war began in Sudan, 12 million have fled.", "2024-05-01", "since 2023-04-15"),
    # an explicit date in the phrase wins over the anchor
    ("Since the truce started on 24 November, 5 were killed.", TUE, "since 2025-11-24"),
    # between
    ("Throughout the past week at most 900 lorries got in.", "2023-12-01", "between 2023-11-24"),
    ("Over the last month we delivered 350 loads of flour.", "2024-03-25", "between 2024-02-25"),
    ("There were 40 marches over the past six weeks.", "2023-11-22", "between 2023-10-11"),
    ("For the past five months, 70 doctors worked there.", "2024-03-07", "between 2023-10-07"),
    ("Over the past two days 78 detainees were let go.", "2023-11-26", "between 2023-11-24"),
    ("In the past 24 hours 50 people were killed.", TUE, "between 2025-11-24"),
    ("Over the past month 12 clinics closed.", "2024-03-31", "between 2024-02-29"),
    ("Between 24 and 28 November 800 came.", "2023-12-01", "between 2023-11-24 2023-11-28"),
    ("Between November 24 and 28 800 came.", "2023-12-01", "between 2023-11-24 2023-11-28"),
    ("From November 30 to December 2, 300 came.", "2024-01-01", "between 2023-11-30 2023-12-02"),
    ("Last week 17 homes were razed.", TUE, "between 2025-11-17 2025-11-23"),
    ("Last month 17 homes were razed.", TUE, "between 2025-10-01 2025-10-31"),
    ("Two strikes overnight killed 10.", TUE, "between 2025-11-24"),
    # as_of
    ("So far, the war has killed at least 30,000 people.", "2024-03-07", "as_of 2024-03-07"),
    ("Only two sales had been made public to date.", "2024-03-07", "as_of 2024-03-07"),
    ("Just 9 of the 36 hospitals are currently working.", "2023-11-22", "as_of 2023-11-22"),
    ("The fighting left at least 900 dead as of last Friday.", "2025-02-03", "as_of 2025-01-31"),
    ("The toll stood at 773 as of 30 January.", "2025-02-03", "as_of 2025-01-30"),
    ("The group had some 30,000 fighters before the war.", "2024-01-22", "as_of 2023-10-06"),
    ("It had 30,000 fighters before the Gaza offensive.", "2024-01-22", "as_of 2023-10-06"),
    # no time in the text
    ("Officials recently put the number at 5,000.", TUE, None),
    ("Now it is dropping 40 pallets of food.", TUE, None),
    ("Washington gives $3.8 billion every year.", TUE, None),
    ("The deal frees 50 captives in exchange for 150 prisoners.", TUE, None),
    ("Over the past few days they asked for 3 convoys.", TUE, None),
]


@pytest.mark.parametrize(("text", "published", "spec"), CASES, ids=[c[0][:40] for c in CASES])
def test_resolve_period(text: str, published: str, spec: str | None) -> None:
    assert resolve_period(text, date.fromisoformat(published)) == period(spec, published)


UNDATED: list[tuple[str, str | None]] = [
    ("Yesterday 4 people were killed.", None),
    ("On Sunday 4 people were killed.", None),
    ("Last month 17 homes were demolished.", None),
    ("More than 180 people have died since July.", None),
    ("So far 30,000 have been killed.", None),
    ("Over the past week 300 lorries entered.", None),
    ("Since the war began 30,000 have died.", None),
    ("On 7 October 2023, 1,100 people were killed.", "on 2023-10-07"),
    ("Some 900 have died since 7 October 2023.", "since 2023-10-07"),
    # an anchor that names one unambiguous day still resolves; the end stays open
    ("Fire is traded daily since the group attacked Israel on October 7.", "since 2023-10-07"),
]


@pytest.mark.parametrize(("text", "spec"), UNDATED, ids=[c[0][:40] for c in UNDATED])
def test_undated_documents_never_use_todays_date(text: str, spec: str | None) -> None:
    assert resolve_period(text, None) == period(spec)
    assert resolve_period(text, None, as_of_default=True) == period(spec)


TRUCE = "Since the ceasefire took effect, 60 people have been killed."
LEBANON_TRUCE = "Since the ceasefire took effect, 60 people have been killed in Lebanon."
WAR = "Since the war began 30,000 have died."


@pytest.mark.parametrize(
    ("text", "published", "spec"),
    [
        (TRUCE, "2023-11-24", "since 2023-11-24"),
        (TRUCE, "2023-12-01", "since 2023-11-24"),
        (TRUCE, "2023-12-02", None),
        (TRUCE, "2025-01-19", "since 2025-01-19"),
        (TRUCE, "2025-03-18", "since 2025-01-19"),
        (TRUCE, "2025-03-19", None),
        (TRUCE, "2025-10-10", "since 2025-10-10"),
        (TRUCE, "2026-06-30", "since 2025-10-10"),
        (TRUCE, "2026-07-01", None),
        (LEBANON_TRUCE, "2024-11-26", None),
        (LEBANON_TRUCE, "2024-11-27", "since 2024-11-27"),
        (LEBANON_TRUCE, "2025-11-25", "since 2024-11-27"),
        (WAR, "2023-10-06", None),
        (WAR, "2023-10-07", "since 2023-10-07"),
    ],
)
def test_anchor_validity_windows(text: str, published: str, spec: str | None) -> None:
    assert resolve_period(text, date.fromisoformat(published)) == period(spec, published)


def test_nearest_expression_to_the_figure_governs_it() -> None:
    text = "On Sunday the army dropped 90 bombs; 342 people were killed since the truce began."
    published = date.fromisoformat(TUE)
    assert resolve_period(text, published, focus=text.index("90")) == period("on 2025-11-23")
    assert resolve_period(text, published, focus=text.index("342")) == period(
        "since 2025-10-10", TUE
    )


def test_spans_are_preferred_over_bare_weekdays() -> None:
    text = "Officials said Monday that 300 people had been killed since the war began."
    expected = period("since 2023-10-07", "2024-01-22")
    assert resolve_period(text, date(2024, 1, 22)) == expected
    assert resolve_period(text, date(2024, 1, 22), focus=text.index("300")) == expected


def test_cumulative_totals_default_to_as_of_publication() -> None:
    published = date.fromisoformat(TUE)
    total = "Hamas had 30,000 fighters."
    assert resolve_period(total, published, as_of_default=True) == period("as_of 2025-11-25")
    assert resolve_period(total, published) is None
    assert resolve_period("It pays $3.8 billion every year.", published, as_of_default=True) is None


def test_event_dates() -> None:
    published = date.fromisoformat(TUE)
    killed = "Yesterday morning four people were killed."
    assert resolve_event_date(killed, published) == (date(2025, 11, 24), date(2025, 11, 24))
    strikes = "Strikes have continued since the truce began."
    assert resolve_event_date(strikes, published) == (date(2025, 10, 10), published)
    assert resolve_event_date("The army has so far hit 500 sites.", published) is None
    assert resolve_event_date("On Sunday a drone hit a car.", None) is None
    began = "The truce began on Nov. 27, 2024."
    assert resolve_event_date(began, None) == (date(2024, 11, 27), date(2024, 11, 27))


def test_packaged_anchors_load() -> None:
    anchors = load_anchors()
    ids = [anchor.id for anchor in anchors]
    assert len(ids) == len(set(ids))
    assert "gaza-ceasefire-2025-10" in ids


HEAD = "anchors:\n  - id: x\n    name: X\n"  # lines 1-3 of a one-anchor file


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("anchors:\n  - id: x\n    name: [unclosed\n", 4, "invalid YAML"),
        (HEAD + "    patterns: [war]\n", 2, "date"),
        (HEAD + "    date: 2023-10-07\n    patterns: ['(']\n", 5, "regular"),
        (HEAD + "    date: not-a-date\n    patterns: [war]\n", 4, "date"),
        (HEAD + "    date: 2023-10-07\n    patterns: [war]\n    colour: red\n", 6, "colour"),
    ],
)
def test_bad_anchor_files_name_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    path = tmp_path / "anchors.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_anchors(path)
    assert f"{path}:{line}:" in str(caught.value)
    assert words in str(caught.value)


TIME_WORDS = st.sampled_from(
    [
        "since",
        "before",
        "as of",
        "on",
        "the",
        "past",
        "last",
        "over",
        "between",
        "and",
        "to",
        "from",
        "into",
        "months",
        "week",
        "24",
        "7",
        "31",
        "October",
        "Dec.",
        "2023",
        "Sunday",
        "yesterday",
        "today",
        ",",
        ".",
        "war",
        "ceasefire",
        "Lebanon",
        "so far",
        "night",
        "99999",
        "nine hundred",
        "few",
        "hours",
        "early",
        "mid-",
        "—",
        "(",
    ]
)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
PUBLISHED = st.one_of(st.none(), DATES)


@settings(deadline=None)
@given(
    st.one_of(st.text(), st.lists(TIME_WORDS, max_size=12).map(" ".join)),
    PUBLISHED,
    st.booleans(),
    st.one_of(st.none(), st.integers(min_value=-5, max_value=200)),
)
def test_never_raises(text: str, published: date | None, default: bool, focus: int | None) -> None:
    period = resolve_period(text, published, default, focus=focus)
    assert period is None or period.kind in {"on", "since", "between", "as_of"}
    resolve_event_date(text, published, focus=focus)


@st.composite
def day_and_later_same_year(draw: st.DrawFn) -> tuple[date, date]:
    day = draw(DATES)
    return day, draw(st.dates(min_value=day, max_value=date(day.year, 12, 31)))


@settings(deadline=None)
@given(day_and_later_same_year())
def test_since_a_formatted_date(days: tuple[date, date]) -> None:
    day, published = days
    assert resolve_period(f"since {day:%d %B}", published) == Period("since", day, published)


@settings(deadline=None)
@given(DATES, st.integers(min_value=0, max_value=6))
def test_on_a_weekday_is_the_latest_such_day(published: date, back: int) -> None:
    day = published - timedelta(days=back)
    assert resolve_period(f"on {day:%A}", published) == Period("on", day, day)


def test_a_weekday_of_an_event_still_to_come_is_the_next_one() -> None:
    said_on_a_wednesday = date(2023, 11, 22)
    text = "The pause is scheduled to begin at 10:00 a.m. local time Thursday."
    assert resolve_event_date(text, said_on_a_wednesday, ahead=True) == (
        date(2023, 11, 23),
        date(2023, 11, 23),
    )
    assert resolve_event_date(text, said_on_a_wednesday) == (date(2023, 11, 16), date(2023, 11, 16))
