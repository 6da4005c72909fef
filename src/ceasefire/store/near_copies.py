"""Near-copies (syndicated text, the same article under another headline), found with MinHash.

A document's signature is a datasketch MinHash of its word 5-grams. Locality-sensitive
hashing splits the signature into bands; documents sharing a band's hash are candidates,
kept in the `document_bands` table so that the search is one indexed query on any database,
and confirmed when their estimated Jaccard similarity reaches the threshold.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 128
BANDS = 32  # of 4 rows: texts about 45% alike share a band half the time, 80% alike always
_ROWS = PERMUTATIONS // BANDS
_SHINGLE = 5
_WORD = re.compile(r"\w+")
# Near-copies share this much of their 5-grams; rewritten articles on one event share far less.
SIMILARITY = 0.8


@dataclass(frozen=True)
class Signature:
    """A text's MinHash values and the band hashes that index them."""

    values: bytes
    bands: tuple[int, ...]


def signature(text: str) -> Signature:
    """The signature of a normalized text (case and punctuation ignored)."""
    words = _WORD.findall(text.lower())
    shingles = {
        " ".join(words[index : index + _SHINGLE]).encode()
        for index in range(max(1, len(words) - _SHINGLE + 1))
    }
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch(sorted(shingles))
    values = minhash.hashvalues.astype(np.uint32)
    return Signature(values.tobytes(), tuple(_band_hashes(values)))


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two signatures' texts."""
    a = np.frombuffer(first, dtype=np.uint32)
    b = np.frombuffer(second, dtype=np.uint32)
    return float(np.count_nonzero(a == b)) / len(a)


def _band_hashes(values: np.ndarray) -> list[int]:
    """One signed 64-bit hash per band (stable across processes, unlike `hash`)."""
    found = []
    for band in range(BANDS):
        chunk = values[band * _ROWS : (band + 1) * _ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        found.append(int.from_bytes(digest, "big", signed=True))
    return found
