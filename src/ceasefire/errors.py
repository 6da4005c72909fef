"""One exception family, so the CLI can map every failure to a clear line and exit code."""

import re


class CeasefireError(Exception):
    """Base of every error the project raises on purpose."""


class InputError(CeasefireError):
    """An input (file, line, URL, stdin) cannot be read; the message names it and the problem."""


class ConfigError(CeasefireError):
    """A data or settings file (YAML registry, agreement) is invalid; names file and line."""


class StoreError(CeasefireError):
    """The database cannot be opened, read or written."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Words quoted from an input inside an error message, their line breaks and other control
    characters escaped ("\\n"): every message stays the one line the command prints."""
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode(), text)
