"""Rewrite the golden files from the extractor's current output, on purpose.

    .venv/bin/python tests/regenerate_golden.py

Each document of ../shared/corpus/seeds.jsonl gets tests/golden/<doc id>.jsonl: exactly what
`ceasefire extract --format jsonl` prints for it. Review the diff before checking it in: a
changed line is a changed record.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.extract import extract
from ceasefire.ingest import iter_documents
from ceasefire.output import write_jsonl

GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds.jsonl"


def corpus_documents(seeds: Path = SEEDS) -> list[Document]:
    """The corpus documents, read the way the command reads them; a bad line is an error."""
    documents = []
    for item in iter_documents([str(seeds)]):
        if isinstance(item, InputError):
            raise item
        documents.append(item)
    return documents


def golden_text(document: Document) -> str:
    """A document's records as the JSON Lines its golden file holds."""
    stream = io.StringIO()
    write_jsonl(extract(document), stream)
    return stream.getvalue()


def main() -> int:
    """Write one golden file per corpus document and name the files it wrote."""
    if not SEEDS.exists():
        print(f"error: {SEEDS}: no such file", file=sys.stderr)
        return 2
    GOLDEN.mkdir(exist_ok=True)
    documents = corpus_documents()
    for document in documents:
        path = GOLDEN / f"{document.id}.jsonl"
        text = golden_text(document)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(GOLDEN.parent.parent)} ({text.count(chr(10))} records)")
    stale = sorted({p.stem for p in GOLDEN.glob("*.jsonl")} - {d.id for d in documents})
    for name in stale:
        print(f"warning: tests/golden/{name}.jsonl names no corpus document", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
