"""JSON Lines reader: one document a line, each judged alone so a bad line costs only itself."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, field_validator

from ceasefire.document import Document, normalize_text
from ceasefire.errors import InputError
from ceasefire.ingest.limits import check_size
from ceasefire.ingest.text import decode_utf8, describe_os_error

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class DocumentLine(BaseModel):
    """One line's fields; unknown fields are ignored so producers can add their own."""

    model_config = ConfigDict(extra="ignore", strict=True)

    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None

    @field_validator("id", "text", "title", "outlet", "author", "url")
    @classmethod
    def _valid_unicode(cls, value: str | None) -> str | None:
        """JSON escapes can spell lone surrogates ("\\ud800"), which no UTF-8 text can hold: the
        document could be neither hashed, stored nor written out."""
        lone = None if value is None else _LONE_SURROGATE.search(value)
        if lone is not None:
            raise ValueError(f"lone surrogate {lone.group()!r} at offset {lone.start()}")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _parse_published(cls, value: object) -> date | None:
        """Accept an ISO date or datetime, as text or typed (a Parquet date or timestamp column);
        keep the date as written rather than shift it to UTC."""
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise ValueError("expected an ISO date string")
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            raise ValueError(f"not an ISO date or datetime: {value!r}") from None


def read_jsonl(path: Path) -> Iterator[Document | InputError]:
    """Read a JSON Lines file as bytes, so an encoding error is reported with its line."""
    try:
        with path.open("rb") as lines:
            yield from parse_jsonl(lines, str(path))
    except OSError as error:
        yield InputError(f"{path}: {describe_os_error(error)}")


def parse_jsonl(lines: Iterable[str | bytes], name: str) -> Iterator[Document | InputError]:
    """Yield a Document or an InputError ("<name>:<line>: ...") per non-blank line."""
    for number, line in enumerate(lines, start=1):
        try:
            document = _parse_line(line, f"{name}:{number}")
        except InputError as error:
            yield error
            continue
        if document is not None:
            yield document


def _parse_line(line: str | bytes, where: str) -> Document | None:
    """One line to a Document; None for a blank line."""
    if isinstance(line, bytes):
        check_size(where, len(line))
        raw = decode_utf8(line, where)
    else:
        check_size(where, len(line.encode("utf-8", "replace")))
        raw = line.removeprefix("\ufeff")
    raw = raw.rstrip("\r\n")
    if not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: malformed JSON ({error.msg}: column {error.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: malformed JSON (nested too deeply)") from None
    except ValueError:
        # Python refuses to read integers of more than 4,300 digits (sys.int_info).
        raise InputError(f"{where}: malformed JSON (a number with too many digits)") from None
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object")
    return document_from_fields(value, where)


def document_from_fields(value: dict[str, object], where: str) -> Document:
    """A line's fields (from JSON, or a Parquet row) to a Document, or an InputError at `where`."""
    try:
        fields = DocumentLine.model_validate(value)
    except ValidationError as error:
        raise InputError(f"{where}: {_describe(error)}") from None
    text = normalize_text(fields.text)
    if not text:
        raise InputError(f"{where}: empty document")
    return Document(
        id=fields.id,
        text=text,
        title=fields.title or None,
        outlet=fields.outlet or None,
        author=fields.author or None,
        url=fields.url or None,
        published=fields.published,
    )


def _describe(error: ValidationError) -> str:
    """Pydantic's report in one line: which fields are missing or wrong, and why."""
    problems = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        if problem["type"] == "missing":
            problems.append(f"missing '{field}'")
        else:
            problems.append(f"'{field}': {problem['msg'].removeprefix('Value error, ')}")
    return "; ".join(problems)
