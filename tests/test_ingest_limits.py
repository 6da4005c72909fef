"""The document size limit: inputs over `max_document_bytes` are refused by name."""

from collections.abc import Callable, Iterator

import pytest

from ceasefire.errors import InputError
from ceasefire.ingest.limits import check_size
from ceasefire.settings import get_settings


@pytest.fixture
def set_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """Set CEASEFIRE_MAX_DOCUMENT_BYTES for one test; settings are re-read before and after."""

    def set_to(limit: int) -> None:
        monkeypatch.setenv("CEASEFIRE_MAX_DOCUMENT_BYTES", str(limit))
        get_settings.cache_clear()

    yield set_to
    get_settings.cache_clear()


def test_a_document_at_the_limit_is_accepted(set_limit: Callable[[int], None]) -> None:
    set_limit(100)

    check_size("report.txt", 100)


def test_a_document_over_the_limit_is_refused_in_megabytes(
    set_limit: Callable[[int], None],
) -> None:
    set_limit(20 * 1024 * 1024)

    with pytest.raises(InputError) as caught:
        check_size("archive/report.txt", 25 * 1024 * 1024 + 300_000)

    assert str(caught.value) == "archive/report.txt: document too large (25.3 MB > limit 20.0 MB)"


def test_a_tiny_limit_is_stated_in_bytes(set_limit: Callable[[int], None]) -> None:
    set_limit(64)

    with pytest.raises(InputError) as caught:
        check_size("note.txt", 65)

    assert str(caught.value) == "note.txt: document too large (65 bytes > limit 64 bytes)"
