"""Writes a drafted agreement as a YAML file for review: every term under a comment quoting the
sentences it was read from, every missing value a placeholder that fails validation."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

PLACEHOLDER = "REVIEW"
_COMMENT_WIDTH = 94
_FLOW_WIDTH = 80  # a mapping or list of scalars shorter than this is written on one line


@dataclass(frozen=True)
class Missing:
    """A value the text does not give. `written` is REVIEW where the model checks the value (a
    slug, date, time, time zone or type) and null where any text would pass (a party), so that
    either way the file fails to load until a person fills it in."""

    note: str
    written: str | None = PLACEHOLDER


@dataclass(frozen=True)
class DraftZone:
    """An area a term applies to: a key of the agreement's `zones`, what it refers to, a name."""

    key: str
    reference: tuple[str, str]  # ("zone", "gaza-north") or ("place", "gaza-strip")
    name: str


@dataclass
class DraftTerm:
    """A drafted term: its fields, the sentences it rests on, and what a reviewer should check."""

    kind: str
    name: str
    fields: dict[str, Any]
    versions: list[dict[str, Any]]
    said: list[str]
    parties: list[str | Missing]
    zone: DraftZone | None = None
    words: list[str] = field(default_factory=list)  # the activities, as the text names them
    notes: list[str] = field(default_factory=list)
    id: str = ""


@dataclass(frozen=True)
class DraftAgreement:
    """Everything a draft file holds, with the sentences each part was read from."""

    id: str | Missing
    name: str
    parties: list[str | Missing]
    mediators: list[str]
    mediators_said: list[str]
    source: str
    period: dict[str, Any]
    period_said: list[str]
    period_notes: list[str]
    terms: list[DraftTerm]


def write_draft(draft: DraftAgreement) -> str:
    """The YAML text of a draft, comments and placeholders included."""
    zones = _zones(draft.terms)
    root = _node(
        {
            "id": draft.id,
            "name": draft.name,
            "parties": draft.parties,
            **({"mediators": draft.mediators} if draft.mediators else {}),
            "sources": [draft.source],
            "period": draft.period,
            **({"zones": zones} if zones else {}),
            "terms": [_term_fields(term) for term in draft.terms]
            or Missing("no term was found in the text: write them", None),
        }
    )
    root.yaml_set_start_comment(
        _wrapped(
            f"Draft agreement read from: {draft.source}",
            "Each term quotes the sentences it was read from: check it against the parties' "
            f"own statements, and what a {PLACEHOLDER} comment above it says. A value marked "
            f"{PLACEHOLDER} (or null) is missing: the file loads once each is filled in.",
        )
    )
    root.yaml_add_eol_comment(f"{PLACEHOLDER}: a short name for the agreement", "name")
    root.yaml_set_comment_before_after_key("parties", before="bound by the terms below")
    if draft.mediators:
        root.yaml_set_comment_before_after_key("mediators", before=_comment(draft.mediators_said))
    period_comment = _comment(draft.period_said, draft.period_notes)
    if period_comment:
        root.yaml_set_comment_before_after_key("period", before=period_comment)
    terms = root["terms"]
    if isinstance(terms, CommentedSeq):
        for index, term in enumerate(draft.terms):
            comment = _comment(term.said, term.notes)
            terms.yaml_set_comment_before_after_key(index, before=comment, indent=2)
    yaml = YAML()
    yaml.width = 4096  # a quoted sentence stays on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.Representer = _Representer
    text = io.StringIO()
    yaml.dump(root, text)
    return text.getvalue()


def _term_fields(term: DraftTerm) -> dict[str, Any]:
    zone = {"zone": term.zone.key} if term.zone else {}
    return {
        "id": term.id,
        "kind": term.kind,
        "name": term.name,
        **zone,
        **term.fields,
        "versions": term.versions,
    }


def _zones(terms: list[DraftTerm]) -> dict[str, dict[str, str]]:
    zones = [term.zone for term in terms if term.zone is not None]
    return {zone.key: dict([zone.reference]) for zone in zones}


def _node(value: Any) -> Any:
    """ruamel's form of a value: placeholders with their comment, hours quoted."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _node(item.written if isinstance(item, Missing) else item)
            if isinstance(item, Missing):
                mapping.yaml_add_eol_comment(f"{PLACEHOLDER}: {item.note}", key)
        if _short(value):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq()
        for index, item in enumerate(value):
            sequence.append(_node(item.written if isinstance(item, Missing) else item))
            if isinstance(item, Missing):
                sequence.yaml_add_eol_comment(f"{PLACEHOLDER}: {item.note}", index)
        if _short(value):
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, Missing):
        return _node(value.written)
    if isinstance(value, time):
        return DoubleQuotedScalarString(f"{value:%H:%M}")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _short(value: dict[str, Any] | list[Any]) -> bool:
    """Whether a mapping or list is best on one line: only scalars, no placeholder, short."""
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
    scalar = all(not isinstance(item, dict | list | Missing) for item in items)
    return bool(items) and scalar and sum(len(str(_node(item))) + 2 for item in items) < _FLOW_WIDTH


def _comment(sentences: list[str], notes: Sequence[str] = ()) -> str:
    """The sentences a part was read from, quoted, then what a reviewer should check."""
    return _wrapped(*(f'"{s}"' for s in sentences), *(f"{PLACEHOLDER}: {n}" for n in notes))


def _wrapped(*paragraphs: str) -> str:
    return "\n".join(line for text in paragraphs for line in textwrap.wrap(text, _COMMENT_WIDTH))


class _Representer(RoundTripRepresenter):
    """ruamel's round-trip representer, writing null as `null` rather than as nothing: a
    reviewer sees the gap."""

    def represent_none(self, data: None) -> Any:
        """Null as the word."""
        return self.represent_scalar("tag:yaml.org,2002:null", "null")


_Representer.add_representer(type(None), _Representer.represent_none)
