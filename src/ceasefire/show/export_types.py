"""What our event types become in ACLED's and PLOVER's vocabularies: two validated data files."""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from ceasefire.data_files import load_model, shipped
from ceasefire.records import EVENT_TYPES, EventType, Modality

Mapped = TypeVar("Mapped")


class AcledType(BaseModel):
    """ACLED's pair for one of our types."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: str
    sub_event_type: str


class AcledTypes(BaseModel):
    """The schema of acled_types.yaml: ACLED's event types with their sub-event types, and ours."""

    model_config = ConfigDict(extra="forbid")

    vocabulary: dict[str, list[str]]
    types: dict[EventType, AcledType]

    @field_validator("types")
    @classmethod
    def _listed(cls, types: dict[str, AcledType], info: ValidationInfo) -> dict[str, AcledType]:
        """Every type mapped, each to a pair ACLED has (a typo would pass into every export)."""
        vocabulary: dict[str, list[str]] = info.data.get("vocabulary", {})
        for ours, pair in types.items():
            if pair.sub_event_type not in vocabulary.get(pair.event_type, []):
                raise ValueError(
                    f"{ours}: {pair.sub_event_type!r} is not a sub-event type of "
                    f"{pair.event_type!r} in the vocabulary"
                )
        return _complete(types)


class PloverType(BaseModel):
    """PLOVER's category and, where one fits, its mode for one of our types."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: str
    mode: str | None = None


class PloverTypes(BaseModel):
    """The schema of plover_types.yaml: PLOVER's categories with their modes, ours, contexts."""

    model_config = ConfigDict(extra="forbid")

    vocabulary: dict[str, list[str]]
    types: dict[EventType, PloverType]
    contexts: dict[Modality, str]

    @field_validator("types")
    @classmethod
    def _listed(cls, types: dict[str, PloverType], info: ValidationInfo) -> dict[str, PloverType]:
        """Every type mapped, each to a category PLOVER has and a mode of that category."""
        vocabulary: dict[str, list[str]] = info.data.get("vocabulary", {})
        for ours, target in types.items():
            if target.event_type not in vocabulary:
                raise ValueError(f"{ours}: {target.event_type!r} is not a PLOVER category")
            if target.mode is not None and target.mode not in vocabulary[target.event_type]:
                raise ValueError(f"{ours}: {target.mode!r} is not a mode of {target.event_type}")
        return _complete(types)


@cache
def acled_types() -> AcledTypes:
    """The ACLED table, loaded once."""
    return load_model(shipped("acled_types.yaml"), AcledTypes)


@cache
def plover_types() -> PloverTypes:
    """The PLOVER table, loaded once."""
    return load_model(shipped("plover_types.yaml"), PloverTypes)


def _complete(types: dict[str, Mapped]) -> dict[str, Mapped]:
    missing = [name for name in EVENT_TYPES if name not in types]
    if missing:
        raise ValueError(f"not mapped: {', '.join(missing)}")
    return types
