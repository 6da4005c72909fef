"""Cross-checking archived tolls against official series: which series, which day, which label."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ceasefire.archive import ingest
from ceasefire.document import Document, normalize_text
from ceasefire.reconcile.crosscheck import Crosscheck, crosscheck
from ceasefire.reconcile.official import import_series
from ceasefire.store.database import open_database
from ceasefire.store.reading import Filters

# Our own small series, shaped like the official files.
GAZA = [
    {"report_date": "2023-11-18", "report_source": "mohtel", "report_period": 24,
     "killed_cum": 12300, "injured_cum": 30000, "ext_killed_cum": 12300},
    {"report_date": "2023-11-21", "report_source": "gmotel", "report_period": 24,
     "killed": 300, "killed_cum": 14128, "injured_cum": 33000, "ext_killed_cum": 14128},
    {"report_date": "2023-11-22", "report_source": "gmotel", "report_period": 24,
     "killed_cum": 14532, "injured_cum": 35000, "ext_killed_cum": 14532},
    {"report_date": "2023-11-23", "report_source": "gmotel", "report_period": 24,
     "killed_cum": 14800, "injured_cum": 36000, "ext_killed_cum": 14800},
]  # fmt: skip
WEST_BANK = [
    {"report_date": "2024-01-16", "killed_cum": 344, "injured_cum": 4215,
     "settler_attacks_cum": 430, "flash_source": "un"},
]  # fmt: skip
LEBANON = [
    {"report_date": "2024-12-04", "report_source": "moph_lb", "report_period": 144,
     "phase": 1, "killed_cum": 4047, "injured_cum": 16638,
     "killed_cum_reported": 4047, "injured_cum_reported": 16638},
]  # fmt: skip
TRUCKS = "date,total_truck\n2023-11-25,150\n2023-11-26,200\n"

# (id, published, text): each states one figure.
REPORTS = [
    ("said-on-wednesday", date(2023, 11, 23),
     "The Gaza health ministry said on Wednesday that more than 14,000 Palestinians "
     "have been killed."),
    ("day-before", date(2023, 11, 23),
     "The Gaza health ministry said 14,532 people have been killed in the Gaza Strip "
     "since October 7."),
    ("media-office", date(2023, 11, 23),
     "The Government Media Office said the death toll had risen to 16,000."),
    ("about", date(2023, 11, 23),
     "About 15,000 people have been killed in Gaza, the health ministry said."),
    ("nearly-wounded", date(2023, 11, 23),
     "Nearly 37,000 people have been wounded in the Gaza Strip, the health ministry said "
     "on Thursday."),
    ("tuesday", date(2023, 11, 22),
     "Israeli strikes killed 300 people across Gaza on Tuesday, the health ministry said."),
    ("eastern-khan-younis", date(2023, 11, 22),
     "At least 30 people were killed in eastern Khan Younis on Tuesday, medics said."),
    ("northern-gaza", date(2023, 11, 22),
     "The Gaza health ministry said 12,000 people had been killed in northern Gaza."),
    ("december", date(2023, 12, 10),
     "The Gaza health ministry said 20,000 people have been killed."),
    ("west-bank", date(2024, 1, 16),
     "The Palestinian health ministry said 400 Palestinians have been killed in the "
     "West Bank since October 7."),
    ("lebanon", date(2024, 12, 5),
     "Lebanon's health ministry said 4,047 people have been killed in Israeli attacks "
     "since October 2023."),
    ("trucks", date(2023, 11, 27),
     "On Sunday, 200 aid trucks entered Gaza through the Rafah crossing, the UN said."),
    # Not checked: a count since the truce (the series counts from October 7), a toll in
    # Israel, and an international body naming no place.
    ("since-truce", date(2023, 11, 30),
     "Since the truce began on November 24, 50 people have been killed in Gaza, "
     "the health ministry said."),
    ("israel", date(2023, 11, 22), "Medics said at least 60 people have been killed in Israel."),
    ("ocha", date(2024, 1, 16), "OCHA said 300 people have been killed so far."),
]  # fmt: skip


def build_archive(database_url: str, folder: Path) -> Engine:
    """The reports ingested and the series imported into a fresh archive."""
    engine = open_database(database_url)
    documents = [
        Document(id=name, text=normalize_text(text), published=published)
        for name, published, text in REPORTS
    ]
    errors: list[object] = []
    ingest(engine, documents, on_error=errors.append)
    assert not errors
    for name, records in (("gaza.json", GAZA), ("wb.json", WEST_BANK), ("lb.json", LEBANON)):
        (folder / name).write_text(json.dumps(records), encoding="utf-8")
        import_series(engine, folder / name)
    (folder / "trucks.csv").write_text(TRUCKS, encoding="utf-8")
    import_series(engine, folder / "trucks.csv")
    return engine


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Crosscheck]:
    """Every check made on the archive, by its document's id (one figure each)."""
    folder = tmp_path_factory.mktemp("crosscheck")
    engine = build_archive(f"sqlite:///{folder / 'x.db'}", folder)
    found = crosscheck(engine)
    by_document = {check.source.doc: check for check in found}
    assert len(by_document) == len(found), [c.figure.text for c in found]
    return by_document


def test_over_14000_said_on_a_day_is_consistent_with_that_days_total(
    checks: dict[str, Crosscheck],
) -> None:
    check = checks["said-on-wednesday"]
    assert check.figure.value.qualifier == "more_than"
    assert (check.series, check.official_day, check.official) == (
        "gaza-killed",
        date(2023, 11, 22),
        14532,
    )
    assert check.label == "consistent"


def test_the_same_number_a_day_earlier_is_exact(checks: dict[str, Crosscheck]) -> None:
    check = checks["day-before"]
    assert check.day == date(2023, 11, 23)
    assert (check.official_day, check.official, check.label) == (date(2023, 11, 22), 14532, "exact")
    assert check.difference == 0


def test_a_higher_toll_is_off_by_its_signed_percentage(checks: dict[str, Crosscheck]) -> None:
    check = checks["media-office"]  # placed by its claimant: the media office reports Gaza
    assert (check.series, check.official_day, check.official) == (
        "gaza-killed",
        date(2023, 11, 23),
        14800,
    )
    assert check.label == "off"
    assert check.difference == pytest.approx(8.108, abs=0.001)  # 16,000 against 14,800


def test_hedged_numbers_admit_values_near_them(checks: dict[str, Crosscheck]) -> None:
    about = checks["about"]
    assert (about.official, about.label) == (14800, "consistent")
    assert about.difference == pytest.approx(1.351, abs=0.001)
    nearly = checks["nearly-wounded"]
    assert (nearly.series, nearly.official, nearly.label) == ("gaza-injured", 36000, "consistent")


def test_a_days_count_is_checked_against_the_days_series(checks: dict[str, Crosscheck]) -> None:
    check = checks["tuesday"]
    assert (check.series, check.official_day, check.official, check.label) == (
        "gaza-killed-daily",
        date(2023, 11, 21),
        300,
        "exact",
    )


def test_a_part_of_gaza_is_checked_against_the_gaza_series(
    checks: dict[str, Crosscheck],
) -> None:
    check = checks["northern-gaza"]
    assert check.series == "gaza-killed"
    # 14,128 the day before is nearer than 14,532 on the day.
    assert (check.official_day, check.label) == (date(2023, 11, 21), "off")
    assert check.difference == pytest.approx(-15.062, abs=0.001)


def test_a_side_of_a_town_lies_where_the_town_does(checks: dict[str, Crosscheck]) -> None:
    check = checks["eastern-khan-younis"]
    assert check.figure.place is not None
    assert check.figure.place.name == "eastern Khan Younis"
    # At least 30 there admits 300 across Gaza that day.
    assert (check.series, check.official, check.label) == ("gaza-killed-daily", 300, "consistent")


def test_a_day_the_series_lacks_has_no_official_value(checks: dict[str, Crosscheck]) -> None:
    check = checks["december"]
    assert (check.series, check.label) == ("gaza-killed", "no_official_value")
    assert (check.official_day, check.official, check.difference) == (None, None, None)


def test_the_west_bank_is_told_from_gaza_by_place_not_claimant(
    checks: dict[str, Crosscheck],
) -> None:
    check = checks["west-bank"]
    assert check.figure.claimant is not None
    assert check.figure.claimant.id == "gaza-ministry-of-health"
    assert (check.series, check.official, check.label) == ("west-bank-killed", 344, "off")
    assert check.difference == pytest.approx(16.279, abs=0.001)


def test_lebanons_ministry_places_its_own_toll(checks: dict[str, Crosscheck]) -> None:
    check = checks["lebanon"]
    assert check.figure.place is None
    assert (check.series, check.official_day, check.label) == (
        "lebanon-killed",
        date(2024, 12, 4),
        "exact",
    )


def test_trucks_on_a_day_are_checked_against_that_days_count(
    checks: dict[str, Crosscheck],
) -> None:
    check = checks["trucks"]
    assert (check.series, check.official_day, check.official, check.label) == (
        "gaza-aid-trucks-daily",
        date(2023, 11, 26),
        200,
        "exact",
    )


def test_figures_no_series_fits_are_left_out(checks: dict[str, Crosscheck]) -> None:
    assert {"since-truce", "israel", "ocha"}.isdisjoint(checks)
    assert len(checks) == 12


def test_filters_choose_the_figures_checked(database_url: str, tmp_path: Path) -> None:
    engine = build_archive(database_url, tmp_path)

    injured = crosscheck(engine, Filters(kind="injured"))
    assert [(c.source.doc, c.label) for c in injured] == [("nearly-wounded", "consistent")]
    labels = {c.source.doc: c.label for c in crosscheck(engine, Filters(since=date(2024, 1, 1)))}
    assert labels == {"west-bank": "off", "lebanon": "exact"}
