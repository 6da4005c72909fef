"""Plain-text reader: a `.txt` file (or a text/plain download) becomes a Document."""

from __future__ import annotations

import codecs
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
    return parse_text(data, name, path.stem)


def parse_text(
    data: bytes, name: str, id: str, *, charset: str | None = None, url: str | None = None
) -> Document:
    """Text bytes to a Document; `charset` is a server's declared encoding (UTF-8 if none)."""
    if b"\x00" in data:
        raise InputError(f"{name}: binary file")
    text = normalize_text(_decode(data, name, charset))
    if not text:
        raise InputError(f"{name}: empty document")
    return Document(id=id, text=text, url=url)


def _decode(data: bytes, name: str, charset: str | None) -> str:
    """UTF-8 unless another encoding is declared; bytes the declared one cannot read are refused."""
    try:
        encoding = codecs.lookup(charset or "utf-8").name
    except LookupError:
        raise InputError(f"{name}: unknown text encoding {charset!r}") from None
    if encoding == "utf-8":
        return decode_utf8(data, name)
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"{name}: unknown text encoding {charset!r}") from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not {encoding} text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


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
