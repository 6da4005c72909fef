"""The `ceasefire` command: parses options, calls the library, formats output. Nothing else."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ceasefire.errors import CeasefireError, ConfigError, InputError

if TYPE_CHECKING:
    from ceasefire.document import Document

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


@app.command()
def extract(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, or - for JSON Lines on stdin.")
    ],
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="jsonl, table or csv (default: table on a terminal)."),
    ] = None,
) -> None:
    """Extract figures and quotes, with their claimants, from documents."""
    from ceasefire.extract import extract_many
    from ceasefire.ingest import iter_documents
    from ceasefire.output import FORMATS, write_csv, write_jsonl, write_table
    from ceasefire.progress import track_documents

    chosen = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if chosen not in FORMATS:
        _errors.print(
            f"error: --format must be one of {', '.join(FORMATS)}, not {chosen!r}", markup=False
        )
        raise typer.Exit(2)
    failures = 0

    def documents() -> Iterator[Document]:
        nonlocal failures
        for item in iter_documents(sources):
            if isinstance(item, InputError):
                failures += 1
                _report(item)
            else:
                yield item

    collected = []
    for records in extract_many(track_documents(documents())):
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
