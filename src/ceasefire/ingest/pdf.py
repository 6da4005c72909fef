"""PDF reader: pypdf gives the text of every page, and the title and author the file declares."""

from __future__ import annotations

import logging
from io import BytesIO
from pathlib import Path

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from ceasefire.document import Document, normalize_text
from ceasefire.errors import InputError
from ceasefire.ingest.limits import check_size
from ceasefire.ingest.text import describe_os_error

_HEADER = b"%PDF-"
_HEADER_WINDOW = 1024

# pypdf logs each repair it makes to a damaged file; with no handler anywhere, Python would print
# those bare on stderr beside the InputError that already names the file. An application that
# configures logging still receives them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read_pdf(path: Path) -> Document:
    """Read a PDF file; refuse broken, encrypted, oversized or text-less files by name."""
    name = str(path)
    try:
        check_size(name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: {describe_os_error(error)}") from None
    return parse_pdf(data, name, path.stem)


def parse_pdf(data: bytes, name: str, id: str, url: str | None = None) -> Document:
    """PDF bytes read from `name` to a Document: all pages' text, then title and author."""
    reader = _open(data, name)
    try:
        pages = [page.extract_text() for page in reader.pages]
        metadata = reader.metadata
        title = metadata.title if metadata else None
        author = metadata.author if metadata else None
    # A damaged file can fail deep inside pypdf with almost any exception type (TypeError,
    # AttributeError, KeyError as well as its own PdfReadError): each means the same thing here.
    except Exception as error:
        raise InputError(f"{name}: broken PDF ({_describe(error)})") from None
    text = normalize_text("\n\n".join(pages))
    if not text:
        raise InputError(f"{name}: no extractable text (a scan without a text layer?)")
    return Document(id=id, text=text, title=_clean(title), author=_clean(author), url=url)


def _open(data: bytes, name: str) -> PdfReader:
    """Open the file; an encrypted one is read only if it opens without a password."""
    # Readers accept a little junk before the header, but a file without one is something else
    # (often an HTML error page saved or served as a PDF).
    if _HEADER not in data[:_HEADER_WINDOW]:
        raise InputError(f"{name}: not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(BytesIO(data))
        # Many published PDFs are encrypted only to restrict printing or copying: those open
        # with an empty password, and their text is as readable as any other's.
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
    except DependencyError as error:
        # AES needs the optional `cryptography` package; pypdf's message names it.
        raise InputError(f"{name}: encrypted PDF ({_describe(error)})") from None
    # See parse_pdf: pypdf reports a damaged file with many exception types.
    except Exception as error:
        raise InputError(f"{name}: broken PDF ({_describe(error)})") from None
    if locked:
        raise InputError(f"{name}: encrypted PDF (a password is needed)")
    return reader


def _describe(error: Exception) -> str:
    """pypdf's reason on one line, in lower case to fit after the file's name."""
    reason = " ".join(str(error).split()) or type(error).__name__
    return reason[:1].lower() + reason[1:]


def _clean(value: object) -> str | None:
    """A metadata string with its spacing tidied; a blank or non-text value counts as absent."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
