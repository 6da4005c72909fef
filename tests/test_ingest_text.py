"""Plain-text files: UTF-8 text becomes a normalized Document; anything else is refused by name."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceasefire.errors import InputError
from ceasefire.ingest.text import read_text
from ceasefire.settings import get_settings

REPORT = (
    "Truce largely holds in the south\r\n"
    "\r\n"
    "The  truce held  for a third day on Tuesday, local officials said.\r\n"
    "Two shells landed near the crossing at dawn; no injuries were reported.\r\n"
)


@pytest.fixture
def tiny_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A 64-byte document limit, so a short file counts as too large."""
    monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", "64")
    get_settings.cache_clear()
    yield 64
    get_settings.cache_clear()


def test_a_report_is_read_with_its_file_name_as_id(tmp_path: Path) -> None:
    path = tmp_path / "south-2024-03-05.txt"
    path.write_bytes(REPORT.encode("utf-8"))

    document = read_text(path)

    assert document.id == "south-2024-03-05"
    assert document.text == (
        "Truce largely holds in the south\n"
        "\n"
        "The truce held for a third day on Tuesday, local officials said.\n"
        "Two shells landed near the crossing at dawn; no injuries were reported."
    )
    assert (document.title, document.outlet, document.published) == (None, None, None)


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"Mediators met in Cairo on Sunday.")

    assert read_text(path).text == "Mediators met in Cairo on Sunday."


def test_latin1_bytes_are_refused_with_the_offending_byte(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Talks resumed at a café in Doha.".encode("latin-1"))

    with pytest.raises(InputError) as caught:
        read_text(path)

    assert str(caught.value) == f"{path}: not UTF-8 text (byte 0xe9 at offset 22)"


def test_the_offset_of_a_bad_byte_counts_from_the_start_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "marked.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xe9")

    with pytest.raises(InputError, match=r"byte 0xe9 at offset 6\)$"):
        read_text(path)


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    with pytest.raises(InputError) as caught:
        read_text(path)

    assert str(caught.value) == f"{path}: binary file"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  \n"])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)

    with pytest.raises(InputError) as caught:
        read_text(path)

    assert str(caught.value) == f"{path}: empty document"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, tiny_limit: int) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The ceasefire was extended by a week. " * 3, encoding="utf-8")

    with pytest.raises(InputError) as caught:
        read_text(path)

    assert str(caught.value) == (
        f"{path}: document too large (114 bytes > limit {tiny_limit} bytes)"
    )


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"

    with pytest.raises(InputError) as caught:
        read_text(path)

    assert str(caught.value) == f"{path}: no such file or directory"
