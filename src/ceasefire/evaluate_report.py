"""The evaluation report: counts, field accuracies and errors, as text and as its JSON twin."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The fields scored on matched records of each kind; the summary shows them in this order.
FIGURE_FIELDS = ("qualifier", "claimant", "subject", "actor", "period", "place")
# Events are matched on place by shared words ("Gaza" ~ "Gaza City"); "exact_place" then
# asks for the same place.
EVENT_FIELDS = ("actor", "target", "date", "claimant", "exact_place")
QUOTE_FIELDS = ("speaker",)
# Error listings cut record text here; the JSON report keeps it whole.
SHOWN_CHARS = 110


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
        lines += [
            f"  {doc}  {t.matched}/{t.predicted}/{t.gold}" for doc, t in report.per_document.items()
        ]
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
