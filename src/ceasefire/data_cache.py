"""A disk cache for what is built from the knowledge files, so a new process starts fast.

Entries are keyed by a fingerprint of the files' bytes and the code's version, written
atomically, and a damaged or missing entry only costs a rebuild.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from ceasefire import __version__
from ceasefire.errors import ConfigError

Value = TypeVar("Value")


def cache_folder() -> Path:
    """The user's cache folder for the project ($XDG_CACHE_HOME or ~/.cache)."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "ceasefire"


def fingerprint(paths: Iterable[Path], salt: str) -> str:
    """A short hash of the files' contents, the package version and `salt` (format, options)."""
    digest = hashlib.sha256(f"{salt}/{__version__}".encode())
    for path in paths:
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as error:
            raise ConfigError(f"{path}: cannot read ({error})") from error
    return digest.hexdigest()[:20]


def cached(
    folder: Path | None,
    name: str,
    build: Callable[[], Value],
    dump: Callable[[Value], bytes],
    load: Callable[[bytes], Value],
) -> Value:
    """The value stored under the file `name` in `folder`; built and stored when absent or
    damaged. Without a folder, just built."""
    if folder is None:
        return build()
    path = folder / name
    try:
        return load(path.read_bytes())
    except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError, AttributeError):
        value = build()
        _store(path, dump(value), name.split("-")[0])
        return value


def _store(path: Path, data: bytes, kind: str) -> None:
    """Write atomically, drop older copies of the same kind; a read-only cache only costs time."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
        for stale in path.parent.glob(f"{kind}-*{path.suffix}"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        temporary.unlink(missing_ok=True)
