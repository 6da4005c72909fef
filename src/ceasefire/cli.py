"""The `ceasefire` command: parses options, calls the library, formats output. Nothing else."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from ceasefire.errors import CeasefireError, ConfigError, InputError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ceasefire.document import Document
    from ceasefire.records import Record
    from ceasefire.store.reading import Filters

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Source-attributed facts from conflict reporting.",
    # A traceback of a bug should not print the documents held in local variables.
    pretty_exceptions_show_locals=False,
)
_errors = Console(stderr=True, highlight=False, soft_wrap=True)
_SHARED = Path("../shared")


def _report(error: CeasefireError) -> None:
    _errors.print(f"error: {error}", markup=False)


JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Processes extracting at once (one per core).")
]


@app.command()
def extract(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, or - for JSON Lines on stdin.")
    ],
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="jsonl, table or csv (default: table on a terminal)."),
    ] = None,
    jobs: JobsOption = 1,
    engine: Annotated[
        str,
        typer.Option(help="local (processes on this machine) or dask (a Dask cluster; --output)."),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="A running Dask scheduler, e.g. tcp://host:8786 (default: a local cluster of "
            "--jobs workers)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="New folder for the records as Parquet (dask)."),
    ] = None,
) -> None:
    """Extract figures and quotes, with their claimants, from documents."""
    from ceasefire.extract.parallel import extract_in_parallel
    from ceasefire.ingest import iter_documents
    from ceasefire.output import write_csv, write_jsonl, write_table
    from ceasefire.progress import track_documents

    _check_engine(engine, output_format, scheduler, output)
    chosen = _chosen_format(output_format) if engine == "local" else None
    failures = 0

    def documents() -> Iterator[Document]:
        nonlocal failures
        for item in iter_documents(sources):
            if isinstance(item, InputError):
                failures += 1
                _report(item)
            else:
                yield item

    if engine == "dask" and output is not None:
        try:
            from ceasefire.extract.cluster import extract_on_dask
        except ModuleNotFoundError as error:
            _errors.print(
                f"error: --engine dask needs Dask ({error}): pip install 'ceasefire[dask]'",
                markup=False,
            )
            raise typer.Exit(2) from error
        try:
            summary = extract_on_dask(track_documents(documents()), output, scheduler, jobs)
        except InputError as error:  # the output folder or the scheduler's address
            _report(error)
            raise typer.Exit(2) from error
        _errors.print(f"extracted: {summary.line()} -> {output}", markup=False)
        if failures:
            raise typer.Exit(1)
        return
    collected = []
    for _, records in extract_in_parallel(track_documents(documents()), jobs):
        if chosen == "jsonl":
            write_jsonl(records, sys.stdout)
            sys.stdout.flush()
        else:
            collected.extend(records)
    if chosen == "csv":
        write_csv(collected, sys.stdout)
    elif chosen == "table":
        write_table(collected, Console())
    if failures:
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold JSON Lines files.")] = _SHARED / "gold",
    docs: Annotated[Path, typer.Option(help="JSON Lines documents the gold describes.")] = _SHARED
    / "corpus"
    / "seeds.jsonl",
    errors: Annotated[bool, typer.Option(help="List every miss and false positive.")] = True,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Score extraction against hand-made gold records: precision, recall, F1, and the misses."""
    import json

    from ceasefire.evaluate import evaluate_files, format_report, report_to_dict

    if output_format not in ("text", "json"):
        _errors.print(f"error: --format must be text or json, not {output_format!r}", markup=False)
        raise typer.Exit(2)
    try:
        report = evaluate_files(docs, gold)
    except CeasefireError as error:
        _report(error)
        raise typer.Exit(2) from error
    if output_format == "json":
        print(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, show_errors=errors))


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: CEASEFIRE_DB, else sqlite:///ceasefire.db)."),
]
FormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", help="table, jsonl or csv (default: table on a terminal)."),
]
SinceOption = Annotated[
    datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Only from this day (YYYY-MM-DD).")
]
UntilOption = Annotated[
    datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Only up to this day.")
]
PlaceOption = Annotated[str | None, typer.Option(help="Words of the place's name.")]
ActorOption = Annotated[str | None, typer.Option(help="Actor id or words of its name.")]
ClaimantOption = Annotated[str | None, typer.Option(help="Claimant id or words of its name.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="Event type or figure metric.")]


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders, URLs, feeds, or - for JSON Lines on stdin."),
    ],
    db: DbOption = None,
    jobs: JobsOption = 1,
) -> None:
    """Archive documents and their records; known texts are skipped, near-copies linked."""
    from ceasefire.archive import IngestStopped
    from ceasefire.archive import ingest as ingest_all
    from ceasefire.ingest import iter_documents
    from ceasefire.progress import track_documents

    engine = _open(db)
    try:
        summary = ingest_all(engine, track_documents(iter_documents(sources)), _report, jobs=jobs)
    except IngestStopped as stopped:
        _report(stopped)
        _errors.print(
            f"ingested: {stopped.summary.line()}; stopped by the error above "
            "(once it is fixed, the same command resumes)",
            markup=False,
        )
        raise typer.Exit(1) from stopped
    _errors.print(f"ingested: {summary.line()}", markup=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def documents(
    db: DbOption = None,
    output_format: FormatOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """List archived documents."""
    from ceasefire.store.reading import list_documents
    from ceasefire.views import document_rows

    rows = document_rows(list_documents(_open(db), _filters(since, until)))
    columns = ("doc", "published", "outlet", "title", "chars")
    _write(rows, output_format, "Documents", columns)


@app.command()
def figures(
    db: DbOption = None,
    output_format: FormatOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    actor: ActorOption = None,
    claimant: ClaimantOption = None,
    kind: TypeOption = None,
) -> None:
    """List archived figures with their claimants and evidence."""
    from ceasefire.store.reading import list_figures

    filters = _filters(since, until, place, actor, claimant, kind)
    _write_records(list_figures(_open(db), filters), output_format)


@app.command()
def events(
    db: DbOption = None,
    output_format: FormatOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    actor: ActorOption = None,
    claimant: ClaimantOption = None,
    kind: TypeOption = None,
) -> None:
    """List archived events (every modality) with their actors, places, dates and claimants."""
    from ceasefire.store.reading import list_events

    filters = _filters(since, until, place, actor, claimant, kind)
    _write_records(list_events(_open(db), filters), output_format)


@app.command()
def clusters(
    db: DbOption = None,
    output_format: FormatOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    actor: ActorOption = None,
    claimant: ClaimantOption = None,
    kind: TypeOption = None,
    min_sources: Annotated[int, typer.Option(help="Only events this many documents report.")] = 1,
) -> None:
    """Events as reported by several documents: one row per event, with its sources."""
    from ceasefire.reconcile.clusters import event_clusters
    from ceasefire.views import cluster_rows

    filters = _filters(since, until, place, actor, claimant, kind)
    rows = cluster_rows(event_clusters(_open(db), filters, min_sources))
    columns = ("type", "day", "place", "actor", "sources", "outlets", "text")
    _write(rows, output_format, "Event clusters", columns)


@app.command()
def contradictions(
    db: DbOption = None,
    output_format: FormatOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    claimant: ClaimantOption = None,
    kind: TypeOption = None,
) -> None:
    """Claimants' incompatible figures for the same thing and day, side by side."""
    from ceasefire.reconcile.contradictions import contradictions as find
    from ceasefire.views import contradiction_rows

    filters = _filters(since, until, place, None, claimant, kind)
    rows = contradiction_rows(find(_open(db), filters))
    columns = ("group", "metric", "day", "place", "claimant", "value", "subject", "doc")
    _write(rows, output_format, "Contradictions", columns)


series_app = typer.Typer(
    help="Figure series per claimant; `series import` loads an official series."
)
app.add_typer(series_app, name="series")


@series_app.callback(invoke_without_command=True)
def series(
    context: typer.Context,
    db: DbOption = None,
    output_format: FormatOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    claimant: ClaimantOption = None,
    kind: TypeOption = None,
) -> None:
    """Each claimant's values of each metric over time (one row per point)."""
    if context.invoked_subcommand is not None:
        return
    from ceasefire.reconcile.series import claimed_series
    from ceasefire.views import series_rows

    filters = _filters(since, until, place, None, claimant, kind)
    rows = series_rows(claimed_series(_open(db), filters))
    columns = ("metric", "claimant", "kind", "day", "value", "subject", "doc")
    _write(rows, output_format, "Series", columns)


@series_app.command("import")
def series_import(
    paths: Annotated[list[Path], typer.Argument(help="Official series files (JSON or CSV).")],
    db: DbOption = None,
) -> None:
    """Load official series (a ministry's daily tolls, aid trucks a day) to cross-check against."""
    from ceasefire.reconcile.official import import_series

    engine = _open(db)
    failures = 0
    for path in paths:
        try:
            summary = import_series(engine, path)
        except InputError as error:
            failures += 1
            _report(error)
            continue
        counts = ", ".join(f"{name} {count}" for name, count in summary.points.items())
        _errors.print(f"{path}: {summary.format}: {counts}", markup=False)
    if failures:
        raise typer.Exit(1)


@app.command()
def crosscheck(
    db: DbOption = None,
    output_format: FormatOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    claimant: ClaimantOption = None,
    kind: TypeOption = None,
) -> None:
    """Each extracted toll beside the official value on its day: exact, consistent, or off."""
    from ceasefire.reconcile.crosscheck import crosscheck as check_all
    from ceasefire.views import crosscheck_rows

    filters = _filters(since, until, place, None, claimant, kind)
    rows = crosscheck_rows(check_all(_open(db), filters))
    columns = ("label", "difference_percent", "value", "day", "official", "series", "claimant")
    _write(rows, output_format, "Cross-checks", columns)


@app.command()
def check(
    agreement: Annotated[str, typer.Argument(help="An agreement file, or a shipped id.")],
    db: DbOption = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="table (summary), jsonl, csv or matrix (JSON)."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Alleged violations, evidence of compliance and days without data, per term and day."""
    from ceasefire.agreements.check import check as check_terms
    from ceasefire.agreements.files import find_agreement
    from ceasefire.agreements.report import finding_rows, matrix, summary_lines

    terms = find_agreement(agreement)
    result = check_terms(
        _open(db), terms, since.date() if since else None, until.date() if until else None
    )
    if output_format == "matrix":
        import json

        print(json.dumps(matrix(result), ensure_ascii=False, indent=1))
        return
    chosen = _chosen_format(output_format)
    if chosen != "table":
        _write(finding_rows(result), chosen, "Findings", ())
        return
    console = Console()
    console.print(f"[bold]{terms.name}[/bold]: {len(result.days)} days in force checked")
    for line in summary_lines(result):
        console.print(line, markup=False, highlight=False)
    for term in terms.terms:
        missing = len(result.days_without_data(term.id))
        console.print(f"  {term.id}: no data on {missing} of {len(result.days)} days", markup=False)


agreements_app = typer.Typer(help="The agreements shipped and your own; drafting new ones.")
app.add_typer(agreements_app, name="agreements")


@agreements_app.command("list")
def agreements_list() -> None:
    """The agreements `check` knows by id."""
    from ceasefire.agreements.files import shipped_agreements

    for path, terms in shipped_agreements():
        print(f"{terms.id}\t{terms.name}\t{path}")


@agreements_app.command("draft")
def agreements_draft(
    source: Annotated[
        str, typer.Argument(help="An article: a file, JSON Lines (its first document), or -.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the draft here, not to stdout.")
    ] = None,
) -> None:
    """Propose an agreement file from an article that states a truce's terms, each term under
    the sentence it came from; REVIEW marks what a person must check or fill in."""
    from ceasefire.agreements.draft import draft_agreement
    from ceasefire.ingest import iter_documents

    first = next(iter_documents([source]), InputError(f"{source}: no document in it"))
    if isinstance(first, InputError):
        _report(first)
        raise typer.Exit(1)
    draft = draft_agreement(first)
    if out is None:
        sys.stdout.write(draft)
        return
    try:
        out.write_text(draft, encoding="utf-8")
    except OSError as error:
        _report(CeasefireError(f"{out}: cannot write ({error.strerror})"))
        raise typer.Exit(1) from error


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (default: one per core).")
    ] = os.cpu_count() or 1,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard (at /) over the archive.

    Writes (POST /api/ingest) need the token in CEASEFIRE_API_TOKEN; without one they are off.
    """
    import uvicorn

    from ceasefire.settings import get_settings
    from ceasefire.show.server import TOKEN_VARIABLE

    url = db or get_settings().database_url
    _open(url).dispose()  # create or migrate the schema once, before the workers start
    os.environ["CEASEFIRE_DB"] = url  # each worker opens its own engine from the environment
    get_settings.cache_clear()
    writes = "on" if os.environ.get(TOKEN_VARIABLE) else "off"
    _errors.print(f"serving on http://{host}:{port}/ ({workers} workers, writes {writes})")
    uvicorn.run(
        "ceasefire.show.server:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


@app.command()
def export(
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="acled (ACLED's columns and types, ours beside), csv (our records, every "
            "field), parquet (the acled rows, typed; needs --out), geojson (events with "
            "coordinates, as points) or plover (PLOVER JSON Lines).",
        ),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: stdout).")
    ] = None,
    all_modalities: Annotated[
        bool | None,
        typer.Option(
            "--all-modalities/--asserted-only",
            help="Also export negated, future, conditional and hypothetical events. Default: "
            "acled and geojson asserted only (ACLED records what happened); the other formats "
            "every modality. Every format has a modality column.",
        ),
    ] = None,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    actor: ActorOption = None,
    claimant: ClaimantOption = None,
    kind: TypeOption = None,
) -> None:
    """Export archived events for other tools: ACLED-like CSV, Parquet, GeoJSON, PLOVER."""
    from ceasefire.show.export import check_export, export_events

    filters = _filters(since, until, place, actor, claimant, kind)
    try:
        check_export(output_format, out)
        engine = _open(db)
        summary = export_events(engine, output_format, out or sys.stdout, filters, all_modalities)
    except InputError as error:
        _report(error)
        raise typer.Exit(2) from error
    _errors.print(f"exported: {summary.line()}", markup=False)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], help="First day (YYYY-MM-DD; default: the first publication)."
        ),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Last day (default: the last publication)."),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="html or md.")] = "html",
    db: DbOption = None,
    agreement: Annotated[
        list[str] | None,
        typer.Option(help="An agreement file or shipped id (default: those in force)."),
    ] = None,
) -> None:
    """Write one self-contained report of a period: tolls, events, agreements, contradictions."""
    from ceasefire.agreements.files import find_agreement
    from ceasefire.show.report import REPORT_FORMATS, write_report
    from ceasefire.store.reading import publication_span

    if output_format not in REPORT_FORMATS:
        _errors.print(f"error: --format must be html or md, not {output_format!r}", markup=False)
        raise typer.Exit(2)
    chosen = [find_agreement(name) for name in agreement] if agreement else None
    engine = _open(db)
    first, last = publication_span(engine)
    start = since.date() if since else first
    end = until.date() if until else last
    if start is None or end is None:
        _errors.print("error: the archive is empty: give --since and --until", markup=False)
        raise typer.Exit(2)
    try:
        written = write_report(engine, out, start, end, output_format, chosen)
    except InputError as error:
        _report(error)
        raise typer.Exit(2) from error
    _errors.print(
        f"{out}: {len(written.tolls)} toll charts, {written.event_total} events, "
        f"{len(written.agreements)} agreements, {len(written.contradictions)} contradictions",
        markup=False,
    )


def _check_engine(
    engine: str, output_format: str | None, scheduler: str | None, output: Path | None
) -> None:
    """`--engine dask` writes Parquet to --output; the local engine writes records to stdout."""
    problem = None
    if engine not in ("local", "dask"):
        problem = f"--engine must be local or dask, not {engine!r}"
    elif engine == "dask" and output is None:
        problem = "--engine dask writes Parquet: give --output FOLDER"
    elif engine == "dask" and output_format is not None:
        problem = "--format is for records on stdout; --engine dask writes Parquet to --output"
    elif engine == "local" and (output is not None or scheduler is not None):
        problem = "--output and --scheduler need --engine dask"
    if problem:
        _errors.print(f"error: {problem}", markup=False)
        raise typer.Exit(2)


def _open(db: str | None) -> Engine:
    from ceasefire.settings import get_settings
    from ceasefire.store.database import open_database

    return open_database(db or get_settings().database_url)


def _filters(
    since: datetime | None,
    until: datetime | None,
    place: str | None = None,
    actor: str | None = None,
    claimant: str | None = None,
    kind: str | None = None,
) -> Filters:
    from ceasefire.store.reading import Filters

    return Filters(
        since=since.date() if since else None,
        until=until.date() if until else None,
        place=place,
        actor=actor,
        claimant=claimant,
        kind=kind,
    )


def _chosen_format(output_format: str | None) -> str:
    from ceasefire.output import FORMATS

    chosen = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if chosen not in FORMATS:
        _errors.print(
            f"error: --format must be one of {', '.join(FORMATS)}, not {chosen!r}", markup=False
        )
        raise typer.Exit(2)
    return chosen


def _write(
    rows: list[dict[str, Any]], output_format: str | None, title: str, columns: tuple[str, ...]
) -> None:
    from ceasefire.output import write_rows

    write_rows(rows, _chosen_format(output_format), sys.stdout, Console(), title, columns)


def _write_records(records: Sequence[Record], output_format: str | None) -> None:
    from ceasefire.output import write_csv, write_jsonl, write_table

    chosen = _chosen_format(output_format)
    if chosen == "jsonl":
        write_jsonl(records, sys.stdout)
    elif chosen == "csv":
        write_csv(records, sys.stdout)
    else:
        write_table(records, Console())


def main() -> None:
    """The `ceasefire` command: a project error anywhere is one line on stderr; a bad data or
    settings file is bad input (exit 2), any other failure of the work exit 1."""
    try:
        app()
    except ConfigError as error:
        _report(error)
        sys.exit(2)
    except CeasefireError as error:
        _report(error)
        sys.exit(1)
