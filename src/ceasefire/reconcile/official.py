"""Official series: the tolls and truck counts extracted figures are cross-checked against.

A file is recognised by its content, not its name: TechForPalestine's daily casualty JSON for
Gaza, Lebanon or the West Bank, or a `date,total_truck` CSV of aid trucks entering Gaza (the
Gaza-projections table). A point is a value some body published for a day; the datasets' own
gap-fills are left out, so a figure is never judged against a number nobody stated.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from ceasefire.errors import InputError, StoreError
from ceasefire.extract.places import place_index
from ceasefire.ingest.text import decode_utf8, describe_os_error
from ceasefire.store.tables import series_points

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_TRUCKS_HEADER = ["date", "total_truck"]
_TRUCKS_SERIES = "gaza-aid-trucks-daily"


@dataclass(frozen=True)
class OfficialPoint:
    """One official value: a series' count on a day, whose it is, and where it was read."""

    series: str
    day: date
    metric: str
    claimant_id: str | None
    place_name: str | None
    value: float
    cumulative: bool  # a running total, else the count for that day alone
    source: str


@dataclass(frozen=True)
class ImportSummary:
    """What an import stored: the file's format, points per series, and days left out."""

    path: str
    format: str
    points: dict[str, int]
    unreported: int  # records marking a day without a report: no points are taken from them


@dataclass(frozen=True)
class _Loaded:
    """A file read: its format, the series it gives, and their points."""

    format: str
    series: list[str]
    points: list[OfficialPoint]
    unreported: int = 0


@dataclass(frozen=True)
class _Column:
    """One series a casualty file holds: the field its values are read from."""

    suffix: str
    metric: str
    key: str
    cumulative: bool


@dataclass(frozen=True)
class _CasualtyFormat:
    """A TechForPalestine casualty file: how to know it, and which series it gives."""

    name: str
    signature: frozenset[str]  # fields its first record has, and no other format's does
    prefix: str
    place_id: str
    source_key: str  # the field naming who reported the day
    claimants: Mapping[str, str]  # that field's values -> the claimant's actor id
    unreported: frozenset[str]  # that field's values marking a day nobody reported
    columns: tuple[_Column, ...]

    def series(self) -> list[str]:
        """The ids of the series this format gives."""
        return [f"{self.prefix}-{column.suffix}" for column in self.columns]


_KILLED_DAILY = _Column("killed-daily", "killed", "killed", cumulative=False)
_INJURED_DAILY = _Column("injured-daily", "injured", "injured", cumulative=False)

# Gaza: the cumulative counts are the authoritative ones. The `ext_*` twins are left out: they
# are the dataset's extrapolations over days without a report, and a figure checked against
# them would be judged by a number neither ministry published. For the same reason "missing"
# days give no points, even where the dataset carries a total through them.
_GAZA = _CasualtyFormat(
    name="techforpalestine-gaza",
    signature=frozenset({"report_date", "report_source", "ext_killed_cum"}),
    prefix="gaza",
    place_id="gaza-strip",
    source_key="report_source",
    claimants={
        "mohtel": "gaza-ministry-of-health",
        "gmotel": "gaza-government-media-office",
        "unocha": "ocha",
    },
    unreported=frozenset({"missing"}),
    columns=(
        _Column("killed", "killed", "killed_cum", cumulative=True),
        _Column("injured", "injured", "injured_cum", cumulative=True),
        _KILLED_DAILY,
        _INJURED_DAILY,
    ),
)

# Lebanon: the running totals as the Ministry of Public Health published them
# (`*_cum_reported`), which restart at each counting phase, rather than the dataset's totals
# carried across phases: documents quote the ministry's own number. OCHA and WHO rows relay
# the ministry's figures, so they are the ministry's claims too.
_LEBANON = _CasualtyFormat(
    name="techforpalestine-lebanon",
    signature=frozenset({"report_date", "report_source", "phase", "killed_cum_reported"}),
    prefix="lebanon",
    place_id="lebanon",
    source_key="report_source",
    claimants={
        "moph_lb": "lebanese-health-ministry",
        "ocha": "lebanese-health-ministry",
        "who": "lebanese-health-ministry",
    },
    unreported=frozenset(),
    columns=(
        _Column("killed", "killed", "killed_cum_reported", cumulative=True),
        _Column("injured", "injured", "injured_cum_reported", cumulative=True),
        _KILLED_DAILY,
        _INJURED_DAILY,
    ),
)

# West Bank: OCHA's flash-update totals (top-level `killed_cum`, `injured_cum`), not the
# `verified` sub-object: verification comes weeks later, stops in November 2024 and is not
# the number reported at the time. "fill" days are the dataset's carry-overs between updates.
_WEST_BANK = _CasualtyFormat(
    name="techforpalestine-west-bank",
    signature=frozenset({"report_date", "flash_source", "settler_attacks_cum"}),
    prefix="west-bank",
    place_id="west-bank",
    source_key="flash_source",
    claimants={"un": "ocha"},
    unreported=frozenset({"fill"}),
    columns=(
        _Column("killed", "killed", "killed_cum", cumulative=True),
        _Column("injured", "injured", "injured_cum", cumulative=True),
    ),
)

_CASUALTY_FORMATS = (_GAZA, _LEBANON, _WEST_BANK)


def import_series(engine: Engine, path: Path) -> ImportSummary:
    """Load an official series file, replacing the series it gives (re-importing is a no-op).

    Each series the file's format gives is deleted and written again in one transaction, so
    the archive holds the file as it is now, corrections and dropped days included.
    """
    loaded = _load(path, _read(path))
    _replace(engine, path, loaded.series, loaded.points)
    counts = Counter(point.series for point in loaded.points)
    points = {name: counts[name] for name in loaded.series}
    return ImportSummary(str(path), loaded.format, points, loaded.unreported)


def list_series_points(engine: Engine, series: str | None = None) -> list[OfficialPoint]:
    """Official points, by series then day; only those of `series` when it is given."""
    query = select(series_points).order_by(series_points.c.series, series_points.c.day)
    if series is not None:
        query = query.where(series_points.c.series == series)
    with engine.connect() as connection:
        return [
            OfficialPoint(**{**row._mapping, "cumulative": bool(row.cumulative)})
            for row in connection.execute(query)
        ]


def _load(path: Path, text: str) -> _Loaded:
    """The file's points, its format told by its content: a JSON list or the trucks header."""
    if text.lstrip().startswith("["):
        records = _json_records(path, text)
        casualties = _casualty_format(path, records)
        return _Loaded(
            casualties.name, casualties.series(), *_casualty_points(path, casualties, records)
        )
    if _first_row(text) == _TRUCKS_HEADER:
        return _Loaded("gaza-projections-trucks", [_TRUCKS_SERIES], _truck_points(path, text))
    raise InputError(
        f"{path}: not a known series format "
        "(expected TechForPalestine casualty JSON or a date,total_truck CSV)"
    )


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: {describe_os_error(error)}") from None
    return decode_utf8(data, str(path))


def _json_records(path: Path, text: str) -> list[Any]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: line {error.lineno}: malformed JSON ({error.msg})") from None
    if not isinstance(records, list) or not records:
        raise InputError(f"{path}: not a known series format (expected a list of daily reports)")
    return records


def _casualty_format(path: Path, records: list[Any]) -> _CasualtyFormat:
    first = records[0]
    keys = set(first) if isinstance(first, dict) else set()
    for casualties in _CASUALTY_FORMATS:
        if casualties.signature <= keys:
            return casualties
    raise InputError(
        f"{path}: not a known series format (record 1 is no Gaza, Lebanon or West Bank report)"
    )


def _casualty_points(
    path: Path, casualties: _CasualtyFormat, records: list[Any]
) -> tuple[list[OfficialPoint], int]:
    place = _place_name(casualties.place_id)
    points: list[OfficialPoint] = []
    unreported = 0
    days: set[date] = set()
    for number, record in enumerate(records, start=1):
        where = f"{path}: record {number}"
        if not isinstance(record, dict):
            raise InputError(f"{where}: not an object")
        day = _day(record.get("report_date"), f"{where}: report_date")
        if day in days:
            raise InputError(f"{where}: a second report for {day}")
        days.add(day)
        reporter = record.get(casualties.source_key)
        known = casualties.unreported | casualties.claimants.keys()
        if not isinstance(reporter, str) or reporter not in known:
            raise InputError(f"{where}: unknown {casualties.source_key} {reporter!r}")
        if reporter in casualties.unreported:
            unreported += 1
            continue
        # A day's count covers one day only in a 24-hour report; longer ones span several.
        one_day = record.get("report_period") == 24
        for column in casualties.columns:
            value = record.get(column.key)
            if value is None or not (column.cumulative or one_day):
                continue
            points.append(
                OfficialPoint(
                    series=f"{casualties.prefix}-{column.suffix}",
                    day=day,
                    metric=column.metric,
                    claimant_id=casualties.claimants[reporter],
                    place_name=place,
                    value=_count(value, f"{where}: {column.key}"),
                    cumulative=column.cumulative,
                    source=f"{path.name} ({reporter})",
                )
            )
    return points, unreported


def _first_row(text: str) -> list[str]:
    return [cell.strip().lower() for cell in text.partition("\n")[0].split(",")]


def _truck_points(path: Path, text: str) -> list[OfficialPoint]:
    """Trucks per day; the table names no body, so the points have no claimant."""
    place = _place_name("gaza-strip")
    points: list[OfficialPoint] = []
    days: set[date] = set()
    for number, row in _csv_rows(path, text):
        where = f"{path}: line {number}"
        if len(row) != len(_TRUCKS_HEADER):
            raise InputError(f"{where}: expected 2 fields (date,total_truck), got {len(row)}")
        day = _day(row[0].strip(), f"{where}: date")
        if day in days:
            raise InputError(f"{where}: a second row for {day}")
        days.add(day)
        points.append(
            OfficialPoint(
                series=_TRUCKS_SERIES,
                day=day,
                metric="aid_trucks",
                claimant_id=None,
                place_name=place,
                value=_count(_digits(row[1].strip()), f"{where}: total_truck"),
                cumulative=False,
                source=path.name,
            )
        )
    if not points:
        raise InputError(f"{path}: no rows after the header")
    return points


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header, each with the line it starts on; blank lines skipped."""
    reader = csv.reader(text.splitlines())
    try:
        next(reader)
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{path}: line {reader.line_num}: malformed CSV ({error})") from None


def _day(value: object, where: str) -> date:
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # a well-formed string naming no day ("2023-02-30") falls through
    raise InputError(f"{where}: {value!r} is not a YYYY-MM-DD date")


def _digits(written: str) -> float | str:
    """A CSV cell as a number when it is written in digits; as itself otherwise, to be
    refused as it was written."""
    return float(written) if _DIGITS.fullmatch(written) else written


def _count(value: object, where: str) -> float:
    """A count read from a file: a finite number, not below zero."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise InputError(f"{where}: {value!r} is not a count")
    return float(value)


def _place_name(place_id: str) -> str:
    """The registry's name for a place: what crosscheck matches figures' places against."""
    index = place_index()
    return index.place(index.index_of[place_id]).place.name


def _replace(engine: Engine, path: Path, series: list[str], points: list[OfficialPoint]) -> None:
    rows = [{**asdict(point), "cumulative": int(point.cumulative)} for point in points]
    try:
        with engine.begin() as connection:
            connection.execute(delete(series_points).where(series_points.c.series.in_(series)))
            connection.execute(insert(series_points), rows)
    except SQLAlchemyError as error:
        raise StoreError(f"{path}: cannot store the series: {error}") from error
