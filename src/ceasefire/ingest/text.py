"""Plain-text reader: a `.txt` file becomes a Document whose id is the file name."""

from __future__ import annotations

from pathlib import Path

from ceasefire.document import Document, normalize_text
from ceasefire.errors import InputError
from ceasefire.ingest.limits import check_size


def read_text(path: Path) -> Document:
    """Read a UTF-8 text file; refuse binary, mis-encoded, oversized or empty files by name."""
    name = str(path)
    try:
        check_size(name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: {describe_os_error(error)}") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary file")
    text = normalize_text(decode_utf8(data, name))
    if not text:
        raise InputError(f"{name}: empty document")
    return Document(id=path.stem, text=text)


def decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 (dropping a byte-order mark), naming the first bad byte so it can be found."""
    try:
        # Not "utf-8-sig": it reports offsets after the mark, which would not match the file.
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{bad:02x} at offset {error.start})"
        ) from None


def describe_os_error(error: OSError) -> str:
    """The operating system's reason in lower case, to fit after the input's name."""
    reason = error.strerror or type(error).__name__
    return reason[:1].lower() + reason[1:]
