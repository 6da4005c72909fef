"""Document: the normalized text every record's span points into, plus its metadata."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HYPHEN_AT_LINE_END = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Document:
    """One input document; `text` is normalized and is what spans refer to."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"

    @property
    def sha256(self) -> str:
        """Hash of the normalized text: the key that makes re-ingesting a no-op."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def normalize_text(raw: str) -> str:
    """Normalize text so that offsets are stable and hard-wrapped lines read as sentences.

    Joins hyphens broken at line ends ("two-\\nstate" -> "two-state"), unwraps hard-wrapped
    paragraphs (a wrapped line is continued by the next one), keeps paragraph breaks, and
    collapses runs of spaces.
    """
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    text = _HYPHEN_AT_LINE_END.sub("-", text)
    lines = text.split("\n")
    paragraphs = _unwrap(lines) if _is_hard_wrapped(lines) else [line.strip() for line in lines]
    text = "\n".join(_SPACES.sub(" ", p).strip() for p in paragraphs)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A text is hard-wrapped when most of its lines are short and stop mid-sentence."""
    filled = [line.rstrip() for line in lines if line.strip()]
    if len(filled) < 5:
        return False
    short = sum(1 for line in filled if len(line) <= 80)
    open_ended = sum(1 for line in filled if not re.search(r"[.!?:\"”’)]$", line))
    return short / len(filled) > 0.8 and open_ended / len(filled) > 0.5


def _unwrap(lines: list[str]) -> list[str]:
    """Join wrapped lines; a blank line or an indented line starts a new paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        starts_paragraph = not line.strip() or re.match(r"[ \t]{2,}\S", line) is not None
        if starts_paragraph and current:
            paragraphs.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line.strip())
        elif paragraphs and paragraphs[-1] != "":
            paragraphs.append("")
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
