"""Coverage-guided fuzzing with atheris (libFuzzer for Python): a longer run than the test suite's
over the same targets (tests/fuzz_targets.py), each in its own process for `--seconds` seconds,
starting from real inputs. An input that raises anything but the project's own one-line error,
or takes longer than --timeout, is a crash: it is kept in tests/fuzz_regressions/, where the test
suite replays it, and the run prints it.

    .venv/bin/pip install atheris==3.0.0
    .venv/bin/python benchmarks/fuzz.py --seconds 20
    .venv/bin/python benchmarks/fuzz.py --seconds 300 --targets extractor,pdf

`run_fuzzing()` runs the same from Python (benchmarks/reliability.py). atheris hands control to
libFuzzer, which ends its process when time is up, so each target runs in a child process
(`--worker TARGET`) and `run_fuzzing` reads back what it found.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# Longest input libFuzzer makes, per target: PDFs need room for their structure.
MAX_LENGTH = {"pdf": 65536, "html": 16384, "agreement": 16384, "jsonl": 16384}
DEFAULT_MAX_LENGTH = 4096
# What a child prints for each crash it keeps, so the parent can count them.
CRASH_LINE = re.compile(r"^crash\t(?P<path>.+)$", re.MULTILINE)
# libFuzzer's progress lines ("#4096\tpulse ...") and its summary ("Done 1234 runs in 20 s").
RUNS_LINE = re.compile(r"^#(\d+)\s|^Done (\d+) runs", re.MULTILINE)


@dataclass
class TargetResult:
    """What fuzzing one target found."""

    inputs: int
    crashes: int
    seconds: float


@dataclass
class FuzzResult:
    """What a whole run found: inputs tried and crashes kept, in all and per target."""

    inputs: int = 0
    crashes: int = 0
    targets: dict[str, TargetResult] = field(default_factory=dict)


def run_fuzzing(
    seconds_per_target: float, targets: Sequence[str] | None = None, timeout: float = 60
) -> FuzzResult:
    """Fuzz each target (all by default) in its own process; crashing inputs are kept in
    tests/fuzz_regressions/. `timeout`: seconds one input may take before it counts as a hang."""
    if importlib.util.find_spec("atheris") is None:
        raise SystemExit("error: atheris is not installed (pip install -e '.[fuzz]')")
    names = list(targets or _target_names())
    result = FuzzResult()
    for name in names:
        found = _fuzz_in_child(name, seconds_per_target, timeout)
        result.targets[name] = found
        result.inputs += found.inputs
        result.crashes += found.crashes
    return result


def _target_names() -> list[str]:
    sys.path.insert(0, str(TESTS))
    from fuzz_targets import TARGETS

    return list(TARGETS)


def _fuzz_in_child(name: str, seconds: float, timeout: float) -> TargetResult:
    """Run one target's worker; count its inputs and crashes, and keep a hang libFuzzer caught."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"ceasefire-fuzz-{name}-") as folder:
        command = [
            sys.executable,
            __file__,
            "--worker",
            name,
            "--seconds",
            str(seconds),
            "--timeout",
            str(timeout),
            "--folder",
            folder,
        ]
        # The model's load and the seeds' first run come before libFuzzer's clock starts.
        done = subprocess.run(command, capture_output=True, text=True, errors="replace")
        output = done.stdout + done.stderr
        for crash in CRASH_LINE.finditer(done.stdout):
            print(crash.group(), flush=True)
        crashes = len(CRASH_LINE.findall(done.stdout))
        for artifact in sorted(Path(folder).glob("artifacts/*")):
            # libFuzzer's own findings: an input over the time or memory limit.
            kind = artifact.name.split("-", 1)[0]
            print(f"crash\t{_keep(name, kind, artifact.read_bytes())}", flush=True)
            crashes += 1
        if done.returncode != 0 and crashes == 0:
            raise RuntimeError(f"fuzzing {name} failed (exit {done.returncode}):\n{output[-2000:]}")
    runs = [int(a or b) for a, b in RUNS_LINE.findall(output)]
    return TargetResult(max(runs, default=0), crashes, time.monotonic() - started)


def _keep(target: str, kind: str, data: bytes) -> Path:
    sys.path.insert(0, str(TESTS))
    from fuzz_targets import save_regression

    return save_regression(target, f"{kind}-{hashlib.sha256(data).hexdigest()[:12]}", data)


def _work(name: str, seconds: float, timeout: float, folder: Path) -> None:
    """The child: fuzz one target with libFuzzer until time is up (this never returns)."""
    import atheris

    sys.path.insert(0, str(TESTS))
    corpus = folder / "corpus"
    corpus.mkdir()
    (folder / "artifacts").mkdir()
    # Only the project's own code is instrumented: its branches are what coverage should grow.
    with atheris.instrument_imports(include=["ceasefire"]):
        from fuzz_targets import TARGETS, save_regression, seed_inputs

        target = TARGETS[name]
        for number, seed in enumerate(seed_inputs(name)):
            target(seed)  # loads what the target needs (the model) and checks the seeds pass
            (corpus / f"seed-{number}").write_bytes(seed)
    seen: set[str] = set()

    def test_one_input(data: bytes) -> None:
        try:
            target(data)
        except Exception as error:  # a crash: anything but the project's own one-line error
            where = traceback.extract_tb(error.__traceback__)[-1]
            signature = f"{type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
            if signature in seen:
                return
            seen.add(signature)
            what = re.sub(r"\W+", "-", type(error).__name__.lower())
            kept = save_regression(name, f"{what}-{hashlib.sha256(data).hexdigest()[:12]}", data)
            print(f"crash\t{kept}\t{signature}: {' '.join(str(error).split())[:200]}", flush=True)

    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={max(1, round(seconds))}",
            f"-timeout={max(1, round(timeout))}",
            f"-max_len={MAX_LENGTH.get(name, DEFAULT_MAX_LENGTH)}",
            "-rss_limit_mb=6144",
            f"-artifact_prefix={folder / 'artifacts'}/",
            str(corpus),
        ],
        test_one_input,
    )
    atheris.Fuzz()


def main() -> None:
    """Fuzz the targets for --seconds each; print each target's counts and the totals."""
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--seconds", type=float, default=20, help="seconds per target")
    options.add_argument("--targets", help="comma-separated targets (default: all)")
    options.add_argument("--timeout", type=float, default=60, help="seconds one input may take")
    options.add_argument("--worker", help=argparse.SUPPRESS)
    options.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.worker:
        _work(args.worker, args.seconds, args.timeout, args.folder)
        return
    try:
        import atheris  # noqa: F401
    except ImportError:
        raise SystemExit("atheris is not installed: .venv/bin/pip install atheris==3.0.0") from None
    targets = args.targets.split(",") if args.targets else None
    started = time.monotonic()
    result = run_fuzzing(args.seconds, targets, args.timeout)
    for name, found in result.targets.items():
        print(
            f"{name:10} inputs {found.inputs:>9,}  crashes {found.crashes}  {found.seconds:.0f} s"
        )
    print(f"inputs fuzzed {result.inputs}")
    print(f"crashes {result.crashes}")
    print(f"time {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
