"""Score extracted records against hand-made gold files: the work behind `ceasefire evaluate`."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ceasefire.errors import InputError
from ceasefire.evaluate_names import names_of, place_score, quote_overlap, same_name

Rec = dict[str, Any]
Pairs = list[tuple[int, int]]  # (index of the prediction, index of the gold record)

GOLD_FILES = ("figures", "events", "not_events", "quotes")  # not_events: not-events.jsonl
# Numbers compare as floats: "$147.5 million" may arrive as 147500000.0 or 147500000.
NUMBER_TOLERANCE = 1e-6
# Two quotations match when this share of the shorter one's words is in the other.
QUOTE_OVERLAP = 0.6
# Error listings cut record text here; the JSON report keeps it whole.
SHOWN_CHARS = 110

FIGURE_FIELDS = ("qualifier", "claimant", "subject", "actor", "period", "place")
EVENT_FIELDS = ("actor", "target", "date", "claimant")
QUOTE_FIELDS = ("speaker",)


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


@dataclass
class Tally:
    """Counts behind precision, recall and F1 of one record kind."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that matched gold (1.0 when neither side has any)."""
        return self.matched / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        """Share of gold records found (1.0 when there is nothing to find)."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Accuracy:
    """How often one field was right on matched pairs."""

    correct: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        """Share correct, or None when no pair was matched."""
        return self.correct / self.total if self.total else None


@dataclass
class Finding:
    """A gold record missed, a prediction that matched nothing, or a leaked not-event."""

    kind: str
    doc: str
    key: str
    text: str


@dataclass
class FieldError:
    """A field that differs between a matched gold record and its prediction."""

    kind: str
    doc: str
    key: str
    field: str
    gold: str
    predicted: str


@dataclass
class Report:
    """What `ceasefire evaluate` shows: measures with their counts, and the errors behind them."""

    documents: list[str]
    figures: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    not_events: int = 0
    non_asserted: int = 0  # predicted events not `asserted`: kept out of event scores
    per_document: dict[str, Tally] = field(default_factory=dict)  # figures
    ignored: int = 0  # predicted records of documents outside the scored set
    unseen_documents: list[str] = field(default_factory=list)
    misses: list[Finding] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)
    leaks: list[Finding] = field(default_factory=list)
    wrong: list[FieldError] = field(default_factory=list)

    @property
    def leaked(self) -> int:
        """Not-events an extractor emitted as having happened."""
        return len(self.leaks)


def load_gold(gold_dir: Path) -> Gold:
    """Read a gold folder; a missing file is an empty list, so partial gold sets still score."""
    gold = Gold()
    for name in GOLD_FILES:
        path = gold_dir / f"{name.replace('_', '-')}.jsonl"
        if path.exists():
            setattr(gold, name, _read_jsonl(path))
    return gold


def _read_jsonl(path: Path) -> list[Rec]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}: invalid JSON ({error.msg})") from error
            if not isinstance(record, dict) or not isinstance(record.get("doc"), str):
                raise InputError(f"{path}:{number}: not a record object with a `doc`")
            records.append(record)
    return records


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
    report: Report, kind: str, predicted: list[Rec], gold: list[Rec], pairs: Pairs,
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
                report.wrong.append(FieldError(
                    kind, gold[g]["doc"], _key(kind, gold[g]), name,
                    _show(gold_value), _show(predicted_value),
                ))
    matched_gold, matched_predicted = {g for _, g in pairs}, {p for p, _ in pairs}
    report.misses += [_finding(kind, r) for i, r in enumerate(gold) if i not in matched_gold]
    report.false_positives += [
        _finding(kind, r) for i, r in enumerate(predicted) if i not in matched_predicted
    ]
    return Tally(gold=len(gold), predicted=len(predicted), matched=len(pairs))


def _match_greedy(
    predicted: list[Rec], gold: list[Rec], key_score: Callable[[Rec, Rec], int],
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
    return record.get(name)


def _same(name: str, gold: Any, predicted: Any) -> bool:
    if name == "qualifier":
        return bool(gold == predicted)
    if name in ("period", "date"):
        return _time(gold) == _time(predicted)
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


def report_to_dict(report: Report) -> dict[str, Any]:
    """The JSON twin of the text report, with precision, recall, F1 and rates filled in."""
    data = asdict(report)
    for kind in ("figures", "events", "quotes"):
        data[kind] = _tally_dict(getattr(report, kind))
    data["per_document"] = {doc: _tally_dict(t) for doc, t in report.per_document.items()}
    data["accuracy"] = {
        name: {**asdict(accuracy), "rate": accuracy.rate}
        for name, accuracy in report.accuracy.items()
    }
    data["leaked"] = report.leaked
    return data


def _tally_dict(tally: Tally) -> dict[str, Any]:
    return {**asdict(tally), "precision": tally.precision, "recall": tally.recall, "f1": tally.f1}


def format_report(report: Report, show_errors: bool = True) -> str:
    """Plain text: errors first, then a summary of at most 12 lines so `tail -n 12` shows it."""
    lines: list[str] = []
    if show_errors:
        lines += _format_findings("missed (gold not found)", report.misses)
        lines += _format_findings("false positives (matched no gold)", report.false_positives)
        lines += _format_findings("leaked not-events (emitted as asserted)", report.leaks)
        lines.append(f"wrong fields on matched records: {len(report.wrong)}")
        lines += [
            f"  {e.kind} {e.doc}  {e.key}  {e.field}: gold {e.gold!r}, predicted {e.predicted!r}"
            for e in report.wrong
        ]
        lines.append("figures per document (matched/predicted/gold):")
        lines += [f"  {doc}  {t.matched}/{t.predicted}/{t.gold}"
                  for doc, t in report.per_document.items()]
    return "\n".join(lines + _format_summary(report))


def _format_findings(title: str, findings: list[Finding]) -> list[str]:
    lines = [f"{title}: {len(findings)}"]
    for finding in findings:
        text = finding.text[:SHOWN_CHARS] + ("…" if len(finding.text) > SHOWN_CHARS else "")
        lines.append(f"  {finding.kind} {finding.doc}  {finding.key}  “{text}”")
    return lines


def _format_summary(report: Report) -> list[str]:
    header = f"== summary: {len(report.documents)} documents"
    if report.unseen_documents:
        header += f", {len(report.unseen_documents)} with no predicted records"
    if report.ignored:
        header += f"; {report.ignored} records of other documents ignored"
    return [
        header + " ==",
        _format_tally("figures", report.figures),
        _format_accuracy(report, "figure", FIGURE_FIELDS[:3]),
        _format_accuracy(report, "figure", FIGURE_FIELDS[3:]),
        _format_tally("events", report.events),
        _format_accuracy(report, "event", EVENT_FIELDS),
        f"  leaked not-events {report.leaked} of {report.not_events}; "
        f"non-asserted events predicted {report.non_asserted} (not scored)",
        _format_tally("quotes", report.quotes),
        _format_accuracy(report, "quote", QUOTE_FIELDS),
    ]


def _format_tally(kind: str, tally: Tally) -> str:
    line = (
        f"{kind:<8} P {tally.precision:.3f}  R {tally.recall:.3f}  F1 {tally.f1:.3f}  "
        f"(matched {tally.matched}, predicted {tally.predicted}, gold {tally.gold})"
    )
    missing = f"  no {kind[:-1]} records predicted" if tally.gold and not tally.predicted else ""
    return line + missing


def _format_accuracy(report: Report, kind: str, fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        accuracy = report.accuracy[f"{kind}.{name}"]
        rate = "n/a" if accuracy.rate is None else f"{accuracy.rate:.2f}"
        parts.append(f"{name} {rate} ({accuracy.correct}/{accuracy.total})")
    return "  " + "  ".join(parts)


def evaluate_files(docs_path: Path, gold_dir: Path) -> Report:
    """Extract the documents of a JSON Lines file and score the records against a gold folder."""
    from ceasefire.extract import extract_many
    from ceasefire.ingest import iter_documents
    from ceasefire.records import record_to_dict

    documents = []
    for item in iter_documents([str(docs_path)]):
        if isinstance(item, InputError):
            raise item
        documents.append(item)
    predicted = [record_to_dict(r) for records in extract_many(documents) for r in records]
    return score(predicted, load_gold(gold_dir), {document.id for document in documents})
