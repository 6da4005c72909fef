"""One exception family, so the CLI can map every failure to a clear line and exit code."""


class CeasefireError(Exception):
    """Base of every error the project raises on purpose."""


class InputError(CeasefireError):
    """An input (file, line, URL, stdin) cannot be read; the message names it and the problem."""


class ConfigError(CeasefireError):
    """A data or settings file (YAML registry, agreement) is invalid; names file and line."""


class StoreError(CeasefireError):
    """The database cannot be opened, read or written."""
