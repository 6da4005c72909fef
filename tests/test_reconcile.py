"""Reconciling the archive: claimant series, one event from many reports, contradictions shown."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from ceasefire.archive import ingest
from ceasefire.document import Document, normalize_text
from ceasefire.reconcile.clusters import event_clusters
from ceasefire.reconcile.contradictions import contradictions
from ceasefire.reconcile.series import claimed_series
from ceasefire.store.database import open_database
from ceasefire.store.reading import Filters

DAY = date(2024, 3, 5)


def archive(database_url: str, *texts: tuple[str, str, date, str]) -> Engine:
    """An archive of (id, outlet, published, text) documents."""
    engine = open_database(database_url)
    documents = [
        Document(id=name, text=normalize_text(text), published=day, outlet=outlet)
        for name, outlet, day, text in texts
    ]
    ingest(engine, documents, on_error=print)
    return engine


def test_a_claimants_tolls_become_one_series_in_time_order(database_url: str) -> None:
    engine = archive(
        database_url,
        ("b", "Wire B", date(2024, 1, 22),
         "The Gaza health ministry said 25,105 Palestinians have been killed so far."),
        ("a", "Wire A", date(2023, 11, 22),
         "The Gaza health ministry said 14,000 Palestinians have been killed so far."),
        ("c", "Daily C", date(2024, 3, 7), "So far, 30,717 Palestinians have been killed."),
    )  # fmt: skip
    lines = {(s.metric, s.claimant.label): s for s in claimed_series(engine)}
    ministry = lines[("killed", "Gaza Ministry of Health")]
    assert [(p.day, p.figure.value.n) for p in ministry.points] == [
        (date(2023, 11, 22), 14000),
        (date(2024, 1, 22), 25105),
    ]
    own_voice = lines[("killed", "Daily C (own voice)")]
    assert [p.figure.value.n for p in own_voice.points] == [30717]


def test_five_reports_of_one_strike_are_one_event_with_five_sources(database_url: str) -> None:
    wordings = [
        "Israeli jets bombed a house in Rafah on Monday, medics said.",
        "An Israeli airstrike hit a home in Rafah on Monday, witnesses said.",
        "Israel bombed Rafah on Monday, the civil defence said.",
        "On Monday Israeli warplanes struck a building in Rafah, residents said.",
        "The occupation bombed a family home in Rafah on Monday.",
    ]
    engine = archive(
        database_url,
        *((f"r{n}", f"Outlet {n}", date(2024, 3, 5), text) for n, text in enumerate(wordings)),
        ("other", "Outlet X", date(2024, 3, 5), "Hamas fired rockets at Sderot on Monday."),
    )
    [strike] = event_clusters(engine, min_sources=2)
    assert (strike.type, strike.day, len(strike.sources)) == ("airstrike", date(2024, 3, 4), 5)
    assert strike.place is not None and strike.place.name == "Rafah"
    assert strike.actor is not None and strike.actor.id == "israel"


def test_reports_of_another_day_or_place_are_other_events(database_url: str) -> None:
    engine = archive(
        database_url,
        ("a", "A", date(2024, 3, 5), "Israeli jets bombed a house in Rafah on Monday."),
        ("b", "B", date(2024, 3, 5), "Israeli jets bombed a house in Jenin on Monday."),
        ("c", "C", date(2024, 3, 5), "Israeli jets bombed a house in Rafah on Sunday."),
    )
    assert event_clusters(engine, min_sources=2) == []
    assert len(event_clusters(engine)) == 3


def test_a_threat_is_not_clustered_as_a_report_that_it_happened(database_url: str) -> None:
    engine = archive(
        database_url,
        ("a", "A", date(2024, 3, 5), "Israeli jets bombed a house in Rafah on Monday."),
        ("b", "B", date(2024, 3, 5), "Israel threatened to bomb Rafah on Monday."),
    )
    [only] = event_clusters(engine)
    assert only.sources == ["a"]


def test_incompatible_tolls_of_two_claimants_are_shown_side_by_side(database_url: str) -> None:
    engine = archive(
        database_url,
        ("a", "A", DAY, "The Gaza health ministry said 14,000 people have been killed so far."),
        ("b", "B", DAY, "The Israeli military said 11,000 people have been killed so far."),
        ("c", "C", DAY, "The UN said more than 13,000 people have been killed so far."),
    )
    [found] = contradictions(engine)
    values = sorted((c.claimant.label, c.figure.value.n) for c in found.claims)
    assert values == [("Gaza Ministry of Health", 14000), ("Israel Defense Forces", 11000),
                      ("United Nations", 13000)]  # fmt: skip
    assert found.metric == "killed" and found.day == date(2024, 3, 5)


def test_compatible_tolls_are_no_contradiction(database_url: str) -> None:
    engine = archive(
        database_url,
        ("a", "A", DAY, "The Gaza health ministry said 14,532 people have been killed so far."),
        ("b", "B", DAY, "The UN said more than 14,000 people have been killed so far."),
    )
    assert contradictions(engine) == []


def test_series_and_clusters_take_the_filters(database_url: str) -> None:
    engine = archive(
        database_url,
        ("a", "A", date(2024, 3, 5), "Israeli jets bombed a house in Rafah on Monday."),
        ("b", "B", date(2024, 3, 12), "Israeli jets bombed a house in Jenin on Monday."),
    )
    found = event_clusters(engine, Filters(since=date(2024, 3, 8)))
    assert [c.place.name if c.place else None for c in found] == ["Jenin"]


def test_totals_counted_from_another_day_are_lines_of_their_own_and_never_contradict(
    database_url: str,
) -> None:
    day = date(2025, 11, 23)
    engine = archive(
        database_url,
        ("war", "Wire A", day,
         "The Gaza health ministry said 69,700 Palestinians have been killed so far."),
        ("truce", "Wire B", day,
         "The Gaza health ministry said 340 Palestinians have been killed since 10 October."),
        ("truce-again", "Wire C", day,
         "The Israeli military said 310 Palestinians have been killed since 10 October."),
    )  # fmt: skip
    lines = {
        s.since: [p.figure.value.n for p in s.points]
        for s in claimed_series(engine)
        if (s.metric, s.claimant.label) == ("killed", "Gaza Ministry of Health")
    }
    assert lines == {None: [69700], date(2025, 10, 10): [340]}
    [found] = contradictions(engine)  # 340 and 310 since one day, not against the war's toll
    assert sorted(c.figure.value.n for c in found.claims) == [310, 340]
