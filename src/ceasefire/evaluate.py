"""Score extracted records against hand-made gold files: the work behind `ceasefire evaluate`."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ceasefire.errors import InputError
from ceasefire.evaluate_names import names_of, place_score, quote_overlap, same_name
from ceasefire.evaluate_report import (
    EVENT_FIELDS,
    FIGURE_FIELDS,
    QUOTE_FIELDS,
    Accuracy,
    FieldError,
    Finding,
    Report,
    Tally,
    format_report,
    report_to_dict,
)
from ceasefire.ingest.text import decode_utf8, describe_os_error

__all__ = [
    "Gold",
    "Report",
    "evaluate_files",
    "format_report",
    "load_gold",
    "report_to_dict",
    "score",
]

Rec = dict[str, Any]
Pairs = list[tuple[int, int]]  # (index of the prediction, index of the gold record)

GOLD_FILES = ("figures", "events", "not_events", "quotes")  # not_events: not-events.jsonl
# Numbers compare as floats: "$147.5 million" may arrive as 147500000.0 or 147500000.
NUMBER_TOLERANCE = 1e-6
# Two quotations match when this share of the shorter one's words is in the other.
QUOTE_OVERLAP = 0.6


@dataclass
class Gold:
    """The four gold files of a set, as SCHEMA record dicts in document order."""

    figures: list[Rec] = field(default_factory=list)
    events: list[Rec] = field(default_factory=list)
    not_events: list[Rec] = field(default_factory=list)
    quotes: list[Rec] = field(default_factory=list)

    def docs(self) -> set[str]:
        """Every document the gold says something about."""
        records = self.figures + self.events + self.not_events + self.quotes
        return {record["doc"] for record in records}


def load_gold(gold_dir: Path) -> Gold:
    """Read a gold folder; a missing file is an empty list, so partial gold sets still score.

    A folder that is missing or holds none of the gold files is an InputError: scoring
    against nothing would look like a result.
    """
    if not gold_dir.is_dir():
        problem = "not a folder" if gold_dir.exists() else "no such folder"
        raise InputError(f"{gold_dir}: {problem}")
    paths = {name: gold_dir / f"{name.replace('_', '-')}.jsonl" for name in GOLD_FILES}
    if not any(path.exists() for path in paths.values()):
        names = ", ".join(path.name for path in paths.values())
        raise InputError(f"{gold_dir}: no gold files ({names})")
    gold = Gold()
    for name, path in paths.items():
        if path.exists():
            setattr(gold, name, _read_jsonl(path))
    return gold


def _read_jsonl(path: Path) -> list[Rec]:
    records = []
    try:
        with path.open("rb") as lines:
            for number, raw in enumerate(lines, start=1):
                record = _parse_record(decode_utf8(raw, f"{path}:{number}"), f"{path}:{number}")
                if record is not None:
                    records.append(record)
    except OSError as error:
        raise InputError(f"{path}: {describe_os_error(error)}") from None
    return records


def _parse_record(line: str, where: str) -> Rec | None:
    """One gold line as a record dict; None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: invalid JSON ({error.msg})") from None
    if not isinstance(record, dict) or not isinstance(record.get("doc"), str):
        raise InputError(f"{where}: not a record object with a `doc`")
    return record


def score(predicted: Iterable[Rec], gold: Gold, docs: set[str] | None = None) -> Report:
    """Match predictions to gold and count what agrees, so extractor changes can be measured.

    Only documents in `docs` (default: those the gold covers) count, on both sides.
    """
    scope = set(docs) if docs is not None else gold.docs()
    report = Report(documents=sorted(scope), per_document={doc: Tally() for doc in sorted(scope)})
    by_kind: dict[str, list[Rec]] = {"figure": [], "event": [], "quote": []}
    seen = set()
    for record in predicted:
        if record.get("doc") not in scope:
            report.ignored += record.get("kind") != "document"
            continue
        seen.add(record["doc"])
        if record.get("kind") in by_kind:
            by_kind[record["kind"]].append(record)
    report.unseen_documents = sorted(scope - seen)
    figures, quotes = by_kind["figure"], by_kind["quote"]
    events = [r for r in by_kind["event"] if (r.get("modality") or "asserted") == "asserted"]
    report.non_asserted = len(by_kind["event"]) - len(events)
    kept = {name: [r for r in getattr(gold, name) if r["doc"] in scope] for name in GOLD_FILES}
    report.not_events = len(kept["not_events"])

    pairs = _match_greedy(figures, kept["figures"], _figure_key, FIGURE_FIELDS)
    report.figures = _score_kind(report, "figure", figures, kept["figures"], pairs, FIGURE_FIELDS)
    for record in kept["figures"]:
        report.per_document[record["doc"]].gold += 1
    matched = {p for p, _ in pairs}
    for p, record in enumerate(figures):
        report.per_document[record["doc"]].predicted += 1
        report.per_document[record["doc"]].matched += p in matched
    pairs = _match_greedy(events, kept["events"], _event_key, EVENT_FIELDS)
    report.events = _score_kind(report, "event", events, kept["events"], pairs, EVENT_FIELDS)
    _count_leaks(report, events, kept["not_events"], {p for p, _ in pairs})
    pairs = _match_quotes(quotes, kept["quotes"])
    report.quotes = _score_kind(report, "quote", quotes, kept["quotes"], pairs, QUOTE_FIELDS)
    return report


def _score_kind(
    report: Report,
    kind: str,
    predicted: list[Rec],
    gold: list[Rec],
    pairs: Pairs,
    fields: tuple[str, ...],
) -> Tally:
    """Record field accuracy, misses and false positives of one kind; return its tally."""
    for name in fields:
        report.accuracy[f"{kind}.{name}"] = Accuracy(total=len(pairs))
    for p, g in pairs:
        for name in fields:
            gold_value, predicted_value = _field(gold[g], name), _field(predicted[p], name)
            if _same(name, gold_value, predicted_value):
                report.accuracy[f"{kind}.{name}"].correct += 1
            else:
                report.wrong.append(
                    FieldError(
                        kind,
                        gold[g]["doc"],
                        _key(kind, gold[g]),
                        name,
                        _show(gold_value),
                        _show(predicted_value),
                    )
                )
    matched_gold, matched_predicted = {g for _, g in pairs}, {p for p, _ in pairs}
    report.misses += [_finding(kind, r) for i, r in enumerate(gold) if i not in matched_gold]
    report.false_positives += [
        _finding(kind, r) for i, r in enumerate(predicted) if i not in matched_predicted
    ]
    return Tally(gold=len(gold), predicted=len(predicted), matched=len(pairs))


def _match_greedy(
    predicted: list[Rec],
    gold: list[Rec],
    key_score: Callable[[Rec, Rec], int],
    fields: tuple[str, ...],
) -> Pairs:
    """One-to-one in document order: each prediction takes the best-keyed free gold record.

    Among gold records keyed equally well, the one agreeing on more fields wins, then the
    earliest, so two records sharing a key are not paired crosswise.
    """
    free = dict(enumerate(gold))
    pairs = []
    for p, record in enumerate(predicted):
        options = [
            (strength, sum(_same(f, _field(candidate, f), _field(record, f)) for f in fields), -g)
            for g, candidate in free.items()
            if (strength := key_score(candidate, record))
        ]
        if options:
            g = -max(options)[2]
            pairs.append((p, g))
            del free[g]
    return pairs


def _match_quotes(predicted: list[Rec], gold: list[Rec]) -> Pairs:
    """Best word overlap first, one-to-one, within a document."""
    options = []
    for p, record in enumerate(predicted):
        for g, candidate in enumerate(gold):
            if candidate["doc"] == record["doc"]:
                share, jaccard = quote_overlap(candidate.get("quote"), record.get("quote"))
                if share >= QUOTE_OVERLAP:
                    options.append((-share, -jaccard, p, g))
    pairs: Pairs = []
    for _, _, p, g in sorted(options):
        if all(p != q and g != h for q, h in pairs):
            pairs.append((p, g))
    return sorted(pairs)


def _count_leaks(
    report: Report, events: list[Rec], not_events: list[Rec], matched: set[int]
) -> None:
    """Each unmatched asserted event leaks at most one free not-event of its doc and type."""
    free = dict(enumerate(not_events))
    for p, record in enumerate(events):
        candidates = [
            (place_score(candidate.get("place"), record.get("place")), -n)
            for n, candidate in free.items()
            if (candidate["doc"], candidate.get("type")) == (record["doc"], record.get("type"))
        ]
        if p not in matched and candidates:
            report.leaks.append(_finding("not-event", free.pop(-max(candidates)[1])))


def _figure_key(gold: Rec, predicted: Rec) -> int:
    if (gold["doc"], gold.get("metric")) != (predicted["doc"], predicted.get("metric")):
        return 0
    gold_value, predicted_value = gold.get("value") or {}, predicted.get("value") or {}
    return int(all(_same_number(gold_value.get(k), predicted_value.get(k)) for k in ("n", "to")))


def _event_key(gold: Rec, predicted: Rec) -> int:
    if (gold["doc"], gold.get("type")) != (predicted["doc"], predicted.get("type")):
        return 0
    return place_score(gold.get("place"), predicted.get("place"))


def _same_number(gold: Any, predicted: Any) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (gold, predicted)):
        return False
    return math.isclose(gold, predicted, rel_tol=NUMBER_TOLERANCE, abs_tol=NUMBER_TOLERANCE)


def _field(record: Rec, name: str) -> Any:
    if name == "qualifier":
        return (record.get("value") or {}).get("qualifier")
    if name == "exact_place":
        return record.get("place")
    return record.get(name)


def _same(name: str, gold: Any, predicted: Any) -> bool:
    if name == "qualifier":
        return bool(gold == predicted)
    if name in ("period", "date"):
        return _time(gold) == _time(predicted)
    if name == "exact_place":
        return place_score(gold, predicted) == 2
    return same_name(gold, predicted)


def _time(value: Any) -> tuple[Any, ...] | None:
    """A period or date as (kind, start, end); an all-null date counts as null."""
    if not isinstance(value, dict):
        return None
    parts = (value.get("kind"), value.get("start"), value.get("end"))
    return None if parts == (None, None, None) else parts


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _key(kind: str, record: Rec) -> str:
    """A short label naming what a record was matched on."""
    if kind == "figure":
        value = record.get("value") or {}
        to = f"-{_number(value['to'])}" if value.get("to") is not None else ""
        return f"{record.get('metric')} {_number(value.get('n'))}{to} ({value.get('qualifier')})"
    if kind in ("event", "not-event"):
        place = names_of(record.get("place"))
        why = f" ({record['why']})" if record.get("why") else ""
        return f"{record.get('type')} @ {place[0] if place else 'null'}{why}"
    return f"by {_show(record.get('speaker'))}"


def _finding(kind: str, record: Rec) -> Finding:
    text = record.get("quote") or record.get("text") or ""
    return Finding(kind, record["doc"], _key(kind, record), str(text))


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict) and ("start" in value or "end" in value):
        kind = f"{value['kind']} " if value.get("kind") else ""
        return f"{kind}{value.get('start')}..{value.get('end')}"
    names = names_of(value)
    return " / ".join(names) if names else str(value)


def evaluate_files(docs_path: Path, gold_dir: Path) -> Report:
    """Extract the documents of a JSON Lines file and score the records against a gold folder.

    The gold is read first and any bad input raises an InputError before extraction starts.
    """
    from ceasefire.extract import extract_many
    from ceasefire.ingest import iter_documents
    from ceasefire.records import record_to_dict

    gold = load_gold(gold_dir)
    documents = []
    for item in iter_documents([str(docs_path)]):
        if isinstance(item, InputError):
            raise item
        documents.append(item)
    if not documents:
        raise InputError(f"{docs_path}: no documents")
    predicted = [record_to_dict(r) for records in extract_many(documents) for r in records]
    return score(predicted, gold, {document.id for document in documents})
