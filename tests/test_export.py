"""Exporting the archive for other tools: ACLED-like CSV, our CSV, Parquet, GeoJSON, PLOVER,
each read back by the tools people use on them (pandas, DuckDB, geopandas)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import geopandas
import pandas
import pytest
from spacy.language import Language
from sqlalchemy import Engine
from typer.testing import CliRunner

from ceasefire.archive import ingest
from ceasefire.cli import app
from ceasefire.data_files import load_model, shipped
from ceasefire.document import Document, normalize_text
from ceasefire.errors import ConfigError, InputError
from ceasefire.show.export import ExportSummary, export_events
from ceasefire.show.export_types import AcledTypes, PloverTypes
from ceasefire.store.database import open_database
from ceasefire.store.reading import Filters

PUBLISHED = date(2024, 3, 7)  # a Thursday: "Monday" is 4 March, "Sunday" 3 March
MONDAY = date(2024, 3, 4)
RAFAH = (34.2436, 31.2972)  # lon, lat

REPORTS = [
    ("strike", "Wire A",
     "Israeli jets bombed a house in Rafah on Monday, killing 12 people, the Gaza health "
     "ministry said."),
    ("rockets", "Wire B", "Hamas fired rockets at Sderot on Monday, the Israeli military said."),
    ("denial", "Wire B", "Israel will not strike Rafah, the Israeli military said."),
    ("talks", "Daily C",
     "Negotiators met in Cairo on Sunday for ceasefire talks, Egyptian officials said."),
    ("aid", "Daily C",
     "Forty aid trucks entered Gaza through the Kerem Shalom crossing on Sunday, the UN said."),
]  # fmt: skip


@dataclass(frozen=True)
class Archive:
    """The fixture archive, by engine for the library and by URL for the command."""

    engine: Engine
    url: str


@pytest.fixture(scope="module")
def archive(parser: Language, tmp_path_factory: pytest.TempPathFactory) -> Archive:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'archive.db'}"
    engine = open_database(url)
    documents = [
        Document(
            id=name,
            text=normalize_text(text),
            published=PUBLISHED,
            outlet=outlet,
            url=f"https://example.org/{name}",
        )
        for name, outlet, text in REPORTS
    ]
    ingest(engine, documents, on_error=print)
    return Archive(engine, url)


def export_text(archive: Archive, output_format: str, **options: Any) -> tuple[str, ExportSummary]:
    stream = io.StringIO()
    summary = export_events(archive.engine, output_format, stream, **options)
    return stream.getvalue(), summary


def acled_table(archive: Archive, **options: Any) -> pandas.DataFrame:
    text, _ = export_text(archive, "acled", **options)
    return pandas.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


def test_acled_rows_speak_acleds_vocabulary_and_keep_ours_beside(archive: Archive) -> None:
    table = acled_table(archive).set_index("ceasefire_type")
    strike = table.loc["airstrike"]
    assert (strike.event_type, strike.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert table.loc["rocket_fire"].sub_event_type == "Shelling/artillery/missile attack"
    assert (table.loc["negotiation"].event_type, table.loc["negotiation"].sub_event_type) == (
        "Strategic developments",
        "Other",
    )
    assert (strike.event_date, strike.time_precision) == (MONDAY.isoformat(), 1)
    assert (strike.actor1, strike.actor1_id, strike.actor1_as_written) == (
        "Israel",
        "israel",
        "Israeli",
    )
    assert (strike.location, strike.longitude, strike.latitude, strike.geo_precision) == (
        "Rafah",
        *RAFAH,
        1,
    )
    assert (strike.claimant, strike.claimant_id) == (
        "Gaza Ministry of Health",
        "gaza-ministry-of-health",
    )
    assert strike.evidence.startswith("Israeli jets bombed a house in Rafah")
    assert (strike.doc, strike.span_start, strike.outlet, strike.source) == (
        "strike",
        0,
        "Wire A",
        "Wire A",
    )
    assert (strike.url, strike.published) == ("https://example.org/strike", "2024-03-07")
    assert "12 killed, according to Gaza Ministry of Health" in strike.notes


def test_fatalities_are_the_stated_toll_and_zero_when_none_is_stated(archive: Archive) -> None:
    table = acled_table(archive).set_index("ceasefire_type")
    assert table.loc["airstrike"].fatalities == 12
    assert table.loc["rocket_fire"].fatalities == 0


def test_a_region_is_acleds_geo_precision_3(archive: Archive) -> None:
    aid = acled_table(archive).set_index("ceasefire_type").loc["aid_delivery"]
    assert (aid.location, aid.location_as_written, aid.geo_precision) == ("Gaza Strip", "Gaza", 3)


def test_acled_keeps_what_happened_unless_every_modality_is_asked_for(archive: Archive) -> None:
    asserted = acled_table(archive)
    assert set(asserted.modality) == {"asserted"}
    assert list(asserted.ceasefire_type).count("airstrike") == 1
    every = acled_table(archive, all_modalities=True)
    denial = every[every.doc == "denial"].iloc[0]
    assert (denial.ceasefire_type, denial.modality, denial.location) == (
        "airstrike",
        "negated",
        "Rafah",
    )
    # Undated, it takes its report's day, as a day within a week of it.
    assert (denial.event_date, denial.time_precision) == (PUBLISHED.isoformat(), 2)


def test_our_csv_has_every_field_of_every_modality_under_a_fixed_header(
    archive: Archive,
) -> None:
    text, summary = export_text(archive, "csv")
    table = pandas.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    assert summary.events == len(table) == 5
    assert {"killed.qualifier", "target.name", "place.relation", "date.end"} <= set(table.columns)
    strike = table.set_index("doc").loc["strike"]
    assert (strike["killed.n"], strike["killed.qualifier"], strike["claimant.as_written"]) == (
        12,
        "exact",
        "Gaza health ministry",
    )
    assert sorted(table.modality) == ["asserted"] * 4 + ["negated"]
    asserted, _ = export_text(archive, "csv", all_modalities=False)
    assert text.splitlines()[0] == asserted.splitlines()[0]
    assert "negated" not in asserted


def test_duckdb_queries_the_csv(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export_events(archive.engine, "acled", path)
    found = duckdb.sql(
        f"SELECT location, sub_event_type, fatalities FROM read_csv('{path}') ORDER BY location"
    ).fetchall()
    assert found == [
        ("Gaza Strip", "Other", 0),
        ("Rafah", "Air/drone strike", 12),
        ("Sderot", "Shelling/artillery/missile attack", 0),
        (None, "Other", 0),
    ]


def test_parquet_has_real_types_for_pandas_and_duckdb(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    summary = export_events(archive.engine, "parquet", path)
    assert summary.events == 5  # every modality: a Parquet user filters on `modality`
    frame = pandas.read_parquet(path)
    strike = frame.set_index("doc").loc["strike"]
    assert strike.event_date == MONDAY and strike.published == PUBLISHED
    assert (strike.fatalities, strike.latitude, strike.longitude) == (12, RAFAH[1], RAFAH[0])
    assert str(frame.fatalities.dtype) == "int64" and str(frame.latitude.dtype) == "float64"
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()
    types = {name: kind for name, kind, *_ in described}
    assert (types["event_date"], types["published"], types["fatalities"]) == (
        "DATE",
        "DATE",
        "BIGINT",
    )
    assert (types["latitude"], types["span_start"], types["claimant"]) == (
        "DOUBLE",
        "BIGINT",
        "VARCHAR",
    )
    tolls = duckdb.sql(
        f"SELECT claimant_id, sum(fatalities) FROM '{path}' WHERE modality = 'asserted' "
        "GROUP BY claimant_id ORDER BY claimant_id"
    ).fetchall()
    assert tolls == [("egypt", 0), ("gaza-ministry-of-health", 12), ("idf", 0), ("un", 0)]


def test_geojson_places_the_events_with_coordinates_for_gis(
    archive: Archive, tmp_path: Path
) -> None:
    path = tmp_path / "events.geojson"
    summary = export_events(archive.engine, "geojson", path)
    assert (summary.events, summary.without_coordinates) == (3, 1)  # the talks have no place
    frame = geopandas.read_file(path)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    strike = frame.set_index("doc").loc["strike"]
    assert (strike.geometry.x, strike.geometry.y) == RAFAH
    assert (strike.sub_event_type, strike.fatalities, strike.modality) == (
        "Air/drone strike",
        12,
        "asserted",
    )
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection" and "crs" not in raw
    assert {feature["geometry"]["type"] for feature in raw["features"]} == {"Point"}


def test_plover_records_carry_categories_modes_and_the_claimant(archive: Archive) -> None:
    text, summary = export_text(archive, "plover")
    records = {record["cite_info"]["doc"]: record for record in map(json.loads, text.splitlines())}
    assert summary.events == len(records) == 5
    strike = records["strike"]
    assert (strike["event_type"], strike["mode"], strike["date"], strike["dead"]) == (
        "ASSAULT",
        None,
        MONDAY.isoformat(),
        12,
    )
    assert strike["actor"] == {
        "identifier_id": "israel",
        "identifier_text": "Israel",
        "actor_text": "Israeli",
    }
    location = strike["event_loc"]
    assert (location["geonameid"], location["name"]) == (281102, "Rafah")
    assert (location["longitude"], location["latitude"]) == RAFAH
    assert strike["claimant"]["id"] == "gaza-ministry-of-health"
    assert strike["text"].startswith("Israeli jets bombed")
    assert (records["rockets"]["event_type"], records["rockets"]["mode"]) == (
        "ASSAULT",
        "heavy-weapons",
    )
    assert (records["aid"]["event_type"], records["aid"]["mode"]) == ("AID", "humanitarian")
    assert records["talks"]["event_type"] == "CONSULT"
    denial = records["denial"]
    assert (denial["modality"], denial["context"]) == ("negated", ["negation"])
    assert strike["context"] == []


def test_an_event_keeps_its_id_across_formats_and_runs(archive: Archive) -> None:
    first = acled_table(archive, all_modalities=True)
    again = acled_table(archive, all_modalities=True)
    assert list(first.event_id) == list(again.event_id)
    assert first.event_id.is_unique
    text, _ = export_text(archive, "plover")
    records = [json.loads(line) for line in text.splitlines()]
    plover_ids = {record["cite_info"]["doc"]: record["id"] for record in records}
    assert plover_ids == dict(zip(first.doc, first.event_id, strict=True))


def test_the_filters_choose_the_events(archive: Archive) -> None:
    table = acled_table(archive, filters=Filters(claimant="idf"), all_modalities=True)
    assert sorted(table.doc) == ["denial", "rockets"]
    table = acled_table(archive, filters=Filters(kind="airstrike", place="rafah"))
    assert list(table.doc) == ["strike"]


def test_a_binary_format_needs_a_file_and_a_format_must_be_known(archive: Archive) -> None:
    with pytest.raises(InputError, match="parquet is a binary format"):
        export_events(archive.engine, "parquet", io.StringIO())
    with pytest.raises(InputError, match="unknown export format 'xlsx'"):
        export_events(archive.engine, "xlsx", io.StringIO())


def test_a_type_mapped_to_a_pair_acled_lacks_names_the_file_and_type(tmp_path: Path) -> None:
    path = tmp_path / "acled_types.yaml"
    text = shipped("acled_types.yaml").read_text(encoding="utf-8")
    path.write_text(
        text.replace("sub_event_type: Air/drone strike}", "sub_event_type: Air strike}")
    )
    with pytest.raises(
        ConfigError, match=r"acled_types\.yaml:\d+: types: .*airstrike: 'Air strike'"
    ):
        load_model(path, AcledTypes)


def test_every_event_type_must_be_mapped(tmp_path: Path) -> None:
    path = tmp_path / "plover_types.yaml"
    text = shipped("plover_types.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("  negotiation: {event_type: CONSULT}\n", ""))
    with pytest.raises(ConfigError, match="not mapped: negotiation"):
        load_model(path, PloverTypes)
    path.write_text(text.replace("mode: demo}", "mode: march}"))
    with pytest.raises(ConfigError, match="protest: 'march' is not a mode of PROTEST"):
        load_model(path, PloverTypes)


def test_the_command_writes_stdout_or_a_file(archive: Archive, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "geojson", "--db", archive.url])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["features"]) == 3
    assert "exported: 3 events, 1 without coordinates left out" in result.stderr
    out = tmp_path / "events.parquet"
    result = runner.invoke(
        app, ["export", "-f", "parquet", "--db", archive.url, "--out", str(out), "--asserted-only"]
    )
    assert result.exit_code == 0, result.output
    assert set(pandas.read_parquet(out).modality) == {"asserted"}
    result = runner.invoke(
        app,
        ["export", "-f", "acled", "--db", archive.url, "--type", "airstrike", "--all-modalities"],
    )
    table = pandas.read_csv(io.StringIO(result.stdout))
    assert sorted(table.modality) == ["asserted", "negated"]


def test_the_command_refuses_parquet_on_stdout_and_unknown_formats(
    archive: Archive, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "-f", "parquet", "--db", archive.url])
    assert result.exit_code == 2
    assert "error: parquet is a binary format" in result.stderr
    never = tmp_path / "never.db"
    result = runner.invoke(app, ["export", "-f", "kml", "--db", f"sqlite:///{never}"])
    assert result.exit_code == 2
    assert "unknown export format 'kml'" in result.stderr
    assert not never.exists()  # refused before the database was opened
