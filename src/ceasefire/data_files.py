"""Loads the project's YAML knowledge files, validated, with errors that name the file and line."""

from __future__ import annotations

import pickle
import re
import sys
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from ceasefire.data_cache import cache_folder, cached, fingerprint
from ceasefire.errors import ConfigError, one_line
from ceasefire.settings import DATA_DIR, get_settings

Model = TypeVar("Model", bound=BaseModel)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file keeping line numbers; a syntax error names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read ({error})") from error
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else "?"
        problem = one_line(error.problem or "")
        raise ConfigError(f"{path}:{line}: invalid YAML ({problem})") from error
    except ReaderError as error:  # a character YAML does not allow, such as a control character
        line = text.count("\n", 0, max(error.position, 0)) + 1
        character = _code_point(error.character)
        reason = one_line(error.reason)
        raise ConfigError(
            f"{path}:{line}: invalid YAML (character {character}: {reason})"
        ) from error
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML (nested too deeply)") from None
    except ValueError as error:
        # A value that looks like a date or number but is none ("2025-13-45", 5,000 digits).
        raise ConfigError(f"{path}: invalid YAML ({one_line(str(error))})") from error


def load_model(path: Path, model: type[Model]) -> Model:
    """Read and validate a YAML file against a pydantic model, naming the first error's line.

    A shipped file's validated model is kept in the disk cache, keyed by the file and the
    model's code: parsing YAML with line numbers was most of a new process's time to its
    first record. A user's file (an agreement) may be validated against other data, so it
    is read afresh each time.
    """
    if not path.is_relative_to(DATA_DIR):
        return validate_node(model, read_yaml(path), path)
    module = sys.modules[model.__module__].__file__
    keyed = [path, *([Path(module)] if module else [])]
    kind = "yaml_" + re.sub(r"\W", "_", path.stem)
    name = f"{kind}-{fingerprint(keyed, model.__qualname__)}.pickle"
    return cached(
        cache_folder(),
        name,
        lambda: validate_node(model, read_yaml(path), path),
        pickle.dumps,
        pickle.loads,
    )


def validate_node(
    model: type[Model], node: Any, path: Path, line: int | str = "?", label: str = ""
) -> Model:
    """Validate one node of a YAML tree; an error names the line of the bad field, else `line`."""
    try:
        return model.model_validate(node)
    except ValidationError as error:
        first = error.errors()[0]
        location = one_line(".".join(str(part) for part in first["loc"]))
        found = line_of(node, first["loc"])
        where = line if found == "?" else found
        message = one_line(first["msg"])
        raise ConfigError(f"{path}:{where}: {label}{location}: {message}") from error


def _code_point(character: int | str) -> str:
    """The character a YAML reader refused, as its code point."""
    code = character if isinstance(character, int) else ord(character)
    return f"U+{code:04X}"


def line_of(data: Any, location: tuple[int | str, ...]) -> int | str:
    """The 1-based line of a node addressed by a pydantic error location, as near as known."""
    line: int | str = "?"
    node = data
    for key in location:
        position = getattr(node, "lc", None)
        if isinstance(key, str) and isinstance(node, dict) and key not in node:
            continue  # a union's tag ("prohibition" in terms.0.prohibition.events), not a key
        try:
            if position is not None:
                place = position.key(key) if isinstance(key, str) else position.item(key)
                line = place[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def shipped(name: str) -> Path:
    """Path of a data file shipped in the package."""
    return DATA_DIR / name


def user_files(stem: str) -> tuple[Path, ...]:
    """The user's own `<stem>*.yaml` files: listed in CEASEFIRE_DATA, or inside a listed folder."""
    found: list[Path] = []
    for path in get_settings().user_data_files:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        found.extend(
            candidate
            for candidate in candidates
            if candidate.name.startswith(stem) and candidate.suffix in {".yaml", ".yml"}
        )
    return tuple(found)
