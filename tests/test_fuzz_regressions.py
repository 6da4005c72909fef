"""Every input that ever crashed or hung a fuzzing target (tests/fuzz_regressions/, kept there by
hand or by benchmarks/fuzz.py), replayed through that target: each must now pass, and quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fuzz_targets import TARGETS, regression_files, target_of
from spacy.language import Language

# Some regressions were hangs, not exceptions (work that grew with the square of the input):
# fixed, each input takes seconds; before, minutes.
SECONDS_PER_INPUT = 30


@pytest.mark.parametrize("path", regression_files(), ids=lambda path: path.name)
def test_a_kept_input_passes_its_target(path: Path, parser: Language) -> None:
    target = TARGETS[target_of(path)]
    started = time.monotonic()
    target(path.read_bytes())
    assert time.monotonic() - started < SECONDS_PER_INPUT
