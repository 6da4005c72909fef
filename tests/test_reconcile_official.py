"""Importing official series: what each file gives, re-importing, and the errors that name
the file and the place in it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from ceasefire.errors import InputError
from ceasefire.reconcile.official import OfficialPoint, import_series, list_series_points
from ceasefire.store.database import open_database

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def gaza_report(day: str, source: str, period: int = 24, **counts: int) -> dict[str, Any]:
    """A Gaza day as TechForPalestine writes it, with gap-filled twins that differ from the
    reported counts, so a test can tell which were read."""
    twins = {f"ext_{key}": value + 1000 for key, value in counts.items()}
    return {"report_date": day, "report_source": source, "report_period": period,
            "ext_killed_cum": 1, "ext_injured_cum": 1, **counts, **twins}  # fmt: skip


GAZA_DAYS = [
    gaza_report("2023-11-21", "gmotel", killed_cum=14128, injured_cum=33000),
    gaza_report("2023-11-22", "gmotel", killed_cum=14532, injured_cum=35000),
    # No report: the dataset carries the total through, but nobody published it that day.
    gaza_report("2023-11-24", "missing", killed_cum=14800),
    gaza_report("2023-12-01", "mohtel", killed=178, killed_cum=15000, injured_cum=36000),
    # A 48-hour report: its total is a total, its "killed" covers two days.
    gaza_report("2023-12-03", "mohtel", period=48, killed=700, killed_cum=15700),
]

LEBANON_REPORTS = [
    {"report_date": "2024-11-28", "report_source": "ocha", "report_period": 24, "phase": 1,
     "killed": 3, "killed_cum": 3961, "injured_cum": 16520,
     "killed_cum_reported": 3961, "injured_cum_reported": 16520},
    {"report_date": "2026-03-05", "report_source": "moph_lb", "report_period": 96, "phase": 2,
     "killed": 123, "killed_cum": 4170, "injured_cum": 17321,
     "killed_cum_reported": 123, "injured_cum_reported": 683},
]  # fmt: skip

WEST_BANK_DAYS = [
    {"report_date": "2024-01-15", "killed_cum": 344, "injured_cum": 4212,
     "settler_attacks_cum": 421, "flash_source": "un",
     "verified": {"killed": 3, "killed_cum": 345, "injured_cum": 4238}},
    {"report_date": "2024-01-16", "killed_cum": 344, "injured_cum": 4215,
     "settler_attacks_cum": 430, "flash_source": "fill"},
]  # fmt: skip


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    """An empty archive in a SQLite file."""
    return open_database(f"sqlite:///{tmp_path / 'x.db'}")


def write_json(folder: Path, name: str, records: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    return path


def values(engine: Engine, series: str) -> dict[date, float]:
    return {point.day: point.value for point in list_series_points(engine, series)}


def test_gaza_totals_come_from_the_reported_counts_per_day_and_claimant(
    engine: Engine, tmp_path: Path
) -> None:
    summary = import_series(engine, write_json(tmp_path, "casualties_daily.json", GAZA_DAYS))

    assert summary.format == "techforpalestine-gaza"
    assert summary.unreported == 1
    assert summary.points == {"gaza-killed": 4, "gaza-injured": 3,
                              "gaza-killed-daily": 1, "gaza-injured-daily": 0}  # fmt: skip
    killed = list_series_points(engine, "gaza-killed")
    assert [(p.day, p.value, p.claimant_id) for p in killed] == [
        (date(2023, 11, 21), 14128, "gaza-government-media-office"),
        (date(2023, 11, 22), 14532, "gaza-government-media-office"),
        (date(2023, 12, 1), 15000, "gaza-ministry-of-health"),
        (date(2023, 12, 3), 15700, "gaza-ministry-of-health"),
    ]
    assert killed[0] == OfficialPoint(
        series="gaza-killed",
        day=date(2023, 11, 21),
        metric="killed",
        claimant_id="gaza-government-media-office",
        place_name="Gaza Strip",
        value=14128,
        cumulative=True,
        source="casualties_daily.json (gmotel)",
    )


def test_a_days_count_is_kept_only_from_a_24_hour_report(engine: Engine, tmp_path: Path) -> None:
    import_series(engine, write_json(tmp_path, "casualties_daily.json", GAZA_DAYS))

    daily = list_series_points(engine, "gaza-killed-daily")
    assert [(p.day, p.value, p.cumulative) for p in daily] == [(date(2023, 12, 1), 178, False)]


def test_lebanon_keeps_the_ministrys_own_phase_totals(engine: Engine, tmp_path: Path) -> None:
    summary = import_series(engine, write_json(tmp_path, "lebanon.json", LEBANON_REPORTS))

    assert summary.format == "techforpalestine-lebanon"
    assert values(engine, "lebanon-killed") == {date(2024, 11, 28): 3961, date(2026, 3, 5): 123}
    assert values(engine, "lebanon-injured-daily") == {}
    assert values(engine, "lebanon-killed-daily") == {date(2024, 11, 28): 3}
    points = list_series_points(engine, "lebanon-killed")
    # OCHA relays the ministry's figures: the claim is the ministry's.
    assert {p.claimant_id for p in points} == {"lebanese-health-ministry"}
    assert {p.place_name for p in points} == {"Lebanon"}


def test_west_bank_takes_ochas_flash_totals_and_skips_fills(engine: Engine, tmp_path: Path) -> None:
    summary = import_series(engine, write_json(tmp_path, "wb.json", WEST_BANK_DAYS))

    assert summary.format == "techforpalestine-west-bank"
    assert summary.unreported == 1
    assert values(engine, "west-bank-killed") == {date(2024, 1, 15): 344}
    assert values(engine, "west-bank-injured") == {date(2024, 1, 15): 4212}
    [point] = list_series_points(engine, "west-bank-killed")
    assert (point.claimant_id, point.place_name) == ("ocha", "West Bank")


def test_trucks_table_is_a_daily_count_for_gaza(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "trucks.csv"
    path.write_text("date,total_truck\n2023-11-25,200\n\n2023-11-26,187\n", encoding="utf-8")

    summary = import_series(engine, path)

    assert summary.points == {"gaza-aid-trucks-daily": 2}
    points = list_series_points(engine, "gaza-aid-trucks-daily")
    assert [(p.day, p.value) for p in points] == [
        (date(2023, 11, 25), 200),
        (date(2023, 11, 26), 187),
    ]
    assert {(p.metric, p.cumulative, p.claimant_id, p.place_name) for p in points} == {
        ("aid_trucks", False, None, "Gaza Strip")
    }


def test_the_format_is_told_by_content_not_by_name(engine: Engine, tmp_path: Path) -> None:
    gaza = write_json(tmp_path, "trucks.csv", GAZA_DAYS)
    trucks = tmp_path / "casualties_daily.json"
    trucks.write_text("date,total_truck\n2023-11-25,200\n", encoding="utf-8")

    assert import_series(engine, gaza).format == "techforpalestine-gaza"
    assert import_series(engine, trucks).format == "gaza-projections-trucks"


def test_importing_again_replaces_the_series(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    path = write_json(tmp_path, "casualties_daily.json", GAZA_DAYS)
    import_series(engine, path)
    first = list_series_points(engine)

    import_series(engine, path)
    assert list_series_points(engine) == first

    # A corrected file: the dropped day goes, the revised total is the new one.
    revised = [gaza_report("2023-11-22", "gmotel", killed_cum=14600)]
    import_series(engine, write_json(tmp_path, "casualties_daily.json", revised))
    assert values(engine, "gaza-killed") == {date(2023, 11, 22): 14600}
    assert values(engine, "gaza-killed-daily") == {}


def test_importing_one_format_leaves_the_others_series(engine: Engine, tmp_path: Path) -> None:
    import_series(engine, write_json(tmp_path, "wb.json", WEST_BANK_DAYS))
    import_series(engine, write_json(tmp_path, "gaza.json", GAZA_DAYS))

    assert values(engine, "west-bank-killed") == {date(2024, 1, 15): 344}


JSON_ERRORS = [
    ('[{"report_date": "2023-11-21",', "line 1: malformed JSON"),
    ('{"report_date": "2023-11-21"}', "not a known series format"),
    ("[]", "not a known series format"),
    ('[{"date": "2023-11-21", "killed": 5}]', "record 1 is no Gaza, Lebanon or West Bank report"),
    (json.dumps([GAZA_DAYS[0], {**GAZA_DAYS[1], "report_date": "22/11/2023"}]),
     "record 2: report_date: '22/11/2023' is not a YYYY-MM-DD date"),
    (json.dumps([GAZA_DAYS[0], {**GAZA_DAYS[1], "report_date": "2023-02-30"}]),
     "record 2: report_date: '2023-02-30' is not a YYYY-MM-DD date"),
    (json.dumps([GAZA_DAYS[0], {**GAZA_DAYS[1], "killed_cum": -4}]),
     "record 2: killed_cum: -4 is not a count"),
    (json.dumps([GAZA_DAYS[0], {**GAZA_DAYS[1], "killed_cum": "14,532"}]),
     "record 2: killed_cum: '14,532' is not a count"),
    (json.dumps([GAZA_DAYS[0], {**GAZA_DAYS[1], "report_source": "telegram"}]),
     "record 2: unknown report_source 'telegram'"),
    (json.dumps([GAZA_DAYS[0], GAZA_DAYS[0]]), "record 2: a second report for 2023-11-21"),
    (json.dumps([GAZA_DAYS[0], 7]), "record 2: not an object"),
]  # fmt: skip

CSV_ERRORS = [
    ("date,total_truck\n2023-11-25,200\n2023-11-26,many\n",
     "line 3: total_truck: 'many' is not a count"),
    ("date,total_truck\n2023-11-25,200,5\n", "line 2: expected 2 fields (date,total_truck), got 3"),
    ("date,total_truck\n2023-11-25,-1\n", "line 2: total_truck: '-1' is not a count"),
    ("date,total_truck\n\n2023-11-25,5\n25 Nov 2023,5\n",
     "line 4: date: '25 Nov 2023' is not a YYYY-MM-DD date"),
    ("date,total_truck\n2023-11-25,5\n2023-11-25,6\n", "line 3: a second row for 2023-11-25"),
    ("date,total_truck\n", "no rows after the header"),
    ("day,trucks\n2023-11-25,5\n", "not a known series format"),
    ("", "not a known series format"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "problem"), JSON_ERRORS + CSV_ERRORS)
def test_a_bad_file_is_one_line_naming_it_and_the_problem(
    engine: Engine, tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "series.txt"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(InputError) as raised:
        import_series(engine, path)

    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_a_file_that_cannot_be_read_is_an_input_error(engine: Engine, tmp_path: Path) -> None:
    missing = tmp_path / "absent.json"
    with pytest.raises(InputError, match=f"^{missing}: no such file"):
        import_series(engine, missing)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"date,total_truck\n2023-11-25,5 \xe9\n")
    with pytest.raises(InputError, match="not UTF-8 text"):
        import_series(engine, latin)


def test_a_bad_file_leaves_the_stored_series_as_they_were(engine: Engine, tmp_path: Path) -> None:
    path = write_json(tmp_path, "casualties_daily.json", GAZA_DAYS)
    import_series(engine, path)
    before = list_series_points(engine)

    path.write_text(json.dumps([GAZA_DAYS[0], {**GAZA_DAYS[1], "killed_cum": -1}]))
    with pytest.raises(InputError):
        import_series(engine, path)

    assert list_series_points(engine) == before


def test_the_shared_techforpalestine_and_trucks_files(engine: Engine) -> None:
    if not SHARED_DATA.exists():
        pytest.skip(f"reference data not found at {SHARED_DATA}")
    gaza = import_series(engine, SHARED_DATA / "techforpalestine" / "casualties_daily.json")
    # 1,051 days from 2023-10-07 to 2026-08-22, 28 of them without a report; two ministry
    # reports (2023-12-20 and 21) give no total.
    assert gaza.unreported == 28
    assert gaza.points["gaza-killed"] == 1051 - 28 - 2
    killed = values(engine, "gaza-killed")
    assert killed[date(2023, 10, 7)] == 232
    assert killed[date(2023, 11, 22)] == 14532
    assert date(2023, 11, 24) not in killed  # "missing", though the file carries 14,800

    lebanon = import_series(
        engine, SHARED_DATA / "techforpalestine" / "lebanon_casualties_daily.json"
    )
    assert lebanon.points["lebanon-killed"] == 187
    assert values(engine, "lebanon-killed")[date(2024, 12, 4)] == 4047

    west_bank = import_series(engine, SHARED_DATA / "techforpalestine" / "west_bank_daily.min.json")
    assert west_bank.points["west-bank-killed"] == 256
    assert values(engine, "west-bank-killed")[date(2024, 1, 16)] == 344

    trucks_file = SHARED_DATA / "gaza_projections" / "gaza_trucks_daily_2023-10-07_2024-01-30.csv"
    trucks = import_series(engine, trucks_file)
    assert trucks.points == {"gaza-aid-trucks-daily": 116}
    assert values(engine, "gaza-aid-trucks-daily")[date(2023, 11, 26)] == 201
