"""Progress: documents pass through unchanged; a bar only when stderr is a terminal."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import pytest

from ceasefire.progress import track_documents

DOCUMENTS = ["gaza-0301", "rafah-0302", "kyiv-0602"]


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_in_a_pipe_the_documents_pass_through_in_silence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert list(track_documents(iter(DOCUMENTS))) == DOCUMENTS
    assert pipe.getvalue() == ""


def test_in_a_pipe_the_documents_are_the_same_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    documents = [{"id": "gaza-0301"}, {"id": "rafah-0302"}]
    assert all(a is b for a, b in zip(track_documents(documents), documents, strict=True))


def test_documents_are_taken_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    taken: list[str] = []

    def source() -> Iterator[str]:
        for document in DOCUMENTS:
            taken.append(document)
            yield document

    tracked = track_documents(source())
    assert next(tracked) == "gaza-0301"
    assert taken == ["gaza-0301"]  # a stream of documents is never read ahead


def test_on_a_terminal_the_documents_still_pass_through_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert list(track_documents(iter(DOCUMENTS), label="articles")) == DOCUMENTS


def test_no_documents_is_no_output(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert list(track_documents([])) == []
    assert pipe.getvalue() == ""
