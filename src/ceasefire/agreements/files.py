"""Where agreement files are: shipped with the package, listed by the user, or given by path."""

from __future__ import annotations

from pathlib import Path

from ceasefire.agreements.model import Agreement, load_agreement
from ceasefire.data_files import shipped, user_files
from ceasefire.errors import ConfigError


def shipped_agreements() -> list[tuple[Path, Agreement]]:
    """Every known agreement: the package's, then the user's (`agreement*.yaml` in
    CEASEFIRE_DATA), each checked."""
    paths = sorted(shipped("agreements").glob("*.yaml")) + list(user_files("agreement"))
    return [(path, load_agreement(path)) for path in paths]


def find_agreement(name: str) -> Agreement:
    """An agreement by file path, else by id among the known ones."""
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        if not path.exists():
            raise ConfigError(f"{name}: no such agreement file")
        return load_agreement(path)
    known = {agreement.id: agreement for _, agreement in shipped_agreements()}
    if name not in known:
        raise ConfigError(f"{name}: no such agreement (known: {', '.join(sorted(known))})")
    return known[name]
