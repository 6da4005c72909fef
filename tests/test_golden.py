"""Golden files: each corpus document's records, compared record by record with the checked-in ones.

A failure lists the records that appeared, disappeared or changed, field by field. If the
change is intended, run `.venv/bin/python tests/regenerate_golden.py` and review the diff.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest
from regenerate_golden import GOLDEN, corpus_documents, golden_text

from ceasefire.document import Document

GOLDEN_IDS = sorted(path.stem for path in GOLDEN.glob("*.jsonl"))
REGENERATE = "if the change is intended: .venv/bin/python tests/regenerate_golden.py"


@pytest.fixture(scope="module")
def corpus(seeds: Path) -> dict[str, Document]:
    return {document.id: document for document in corpus_documents(seeds)}


def read_records(text: str) -> list[dict[str, Any]]:
    """JSON Lines text as a list of records."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def dotted(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record's fields as dotted paths ("value.qualifier"), so a change names its field."""
    fields: dict[str, Any] = {}
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            fields.update(dotted(value, f"{path}."))
        else:
            fields[path] = value
    return fields


def label(record: dict[str, Any]) -> str:
    """A record in one line: kind, span and the start of its text."""
    text = record.get("text", "")
    excerpt = text if len(text) <= 60 else text[:57] + "..."
    return f"{record['kind']} {record['span']} {excerpt!r}"


def differences(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[str]:
    """Records missing, new, or changed (with each changed field), in document order."""
    keys_expected = [(r["kind"], tuple(r["span"])) for r in expected]
    keys_actual = [(r["kind"], tuple(r["span"])) for r in actual]
    matcher = difflib.SequenceMatcher(a=keys_expected, b=keys_actual, autojunk=False)
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old, new in zip(expected[i1:i2], actual[j1:j2], strict=True):
                if old == new:
                    continue
                lines.append(f"~ changed {label(old)}")
                old_fields, new_fields = dotted(old), dotted(new)
                for field in sorted(old_fields.keys() | new_fields.keys()):
                    if field == "text" and old["kind"] == "document":
                        if old_fields[field] != new_fields.get(field):
                            lines.append("    text: the document's text differs")
                        continue
                    before = old_fields.get(field, "<absent>")
                    after = new_fields.get(field, "<absent>")
                    if before != after:
                        lines.append(f"    {field}: {before!r} -> {after!r}")
            continue
        lines.extend(f"- missing {label(record)}" for record in expected[i1:i2])
        lines.extend(f"+ new     {label(record)}" for record in actual[j1:j2])
    return lines


def test_every_corpus_document_has_a_golden_file(corpus: dict[str, Document]) -> None:
    assert sorted(corpus) == GOLDEN_IDS, REGENERATE


@pytest.mark.slow
@pytest.mark.parametrize("doc_id", GOLDEN_IDS)
def test_records_match_the_golden_file(corpus: dict[str, Document], doc_id: str) -> None:
    if doc_id not in corpus:
        pytest.fail(f"tests/golden/{doc_id}.jsonl names no corpus document; {REGENERATE}")
    expected = read_records((GOLDEN / f"{doc_id}.jsonl").read_text(encoding="utf-8"))
    actual = read_records(golden_text(corpus[doc_id]))
    changes = differences(expected, actual)
    if changes:
        # Only the diff: the corpus fixture's repr would bury it.
        pytest.fail(
            f"{doc_id}: {len(expected)} golden records, {len(actual)} now; {REGENERATE}\n"
            + "\n".join(changes),
            pytrace=False,
        )


def test_differences_name_the_changed_field() -> None:
    # The diff itself, on two records of our own: one changed qualifier, one new quote.
    figure = {
        "kind": "figure",
        "doc": "d",
        "span": [0, 10],
        "text": "At least 4",
        "value": {"n": 4, "to": None, "qualifier": "at_least"},
    }
    changed = {**figure, "value": {"n": 4, "to": None, "qualifier": "exact"}}
    quote = {"kind": "quote", "doc": "d", "span": [20, 40], "text": "“We will respond.”"}
    assert differences([figure], [changed, quote]) == [
        "~ changed figure [0, 10] 'At least 4'",
        "    value.qualifier: 'at_least' -> 'exact'",
        "+ new     quote [20, 40] '“We will respond.”'",
    ]
