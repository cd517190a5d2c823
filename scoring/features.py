"""Features for the learned models: character 1–3-grams (TF-IDF) beside sentence embeddings.

The n-gram vocabulary and IDF weights are fitted on the training writers' replies and stored as
plain arrays; transforming needs no fitted scikit-learn object, so nothing is pickled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack, spmatrix
from sklearn.feature_extraction.text import TfidfVectorizer

from scoring.encoder import Encoder

NGRAMS = (1, 3)
MIN_DF = 2
_WHITESPACE = re.compile(r"\s\s+")
EMBEDDING_WEIGHT = 0.5  # picked on the dev writer: embeddings beside n-grams, not over them
# The encoder's cost grows with the text; no corpus reply is over 220 characters, and a longer
# paste is flagged too long anyway: its first 400 characters say what it is about.
ENCODED_CHARS = 400
ROW_CACHE = 4096  # n-gram rows kept by text: a call re-reads its lines as "previous" and clauses

# Feature rows as blocks side by side (sparse n-grams, dense embeddings, ...): linear models apply
# each block to its slice of the weights, which spares building one stacked matrix per reply.
Blocks = list[spmatrix | np.ndarray]


def stack(blocks: Blocks) -> csr_matrix:
    """The blocks as one sparse matrix (for fitting)."""
    return hstack([csr_matrix(block) for block in blocks]).tocsr()


@dataclass
class CharNgrams:
    """Sublinear TF-IDF over character n-grams with a fixed vocabulary (index = column)."""

    vocabulary: list[str]
    idf: np.ndarray

    def __post_init__(self) -> None:
        self._index = {gram: i for i, gram in enumerate(self.vocabulary)}
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def fit(cls, texts: Sequence[str]) -> CharNgrams:
        """Vocabulary and IDF from `texts` (the training replies)."""
        fitted = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, min_df=MIN_DF, sublinear_tf=True)
        fitted.fit(texts)
        vocabulary = sorted(fitted.vocabulary_, key=fitted.vocabulary_.get)
        return cls(vocabulary, fitted.idf_.astype(np.float32))

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """Rows of L2-normalised sublinear TF-IDF, exactly as `TfidfVectorizer(analyzer="char",
        sublinear_tf=True)` gives (counted here directly: scikit-learn's per-call checks were
        most of the time for a single reply)."""
        rows = [self._row(text) for text in texts]
        pointers = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(columns) for columns, _ in rows], out=pointers[1:])
        columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, np.int32)
        data = np.concatenate([d for _, d in rows]) if rows else np.zeros(0, np.float32)
        return csr_matrix((data, columns, pointers), shape=(len(texts), len(self.vocabulary)))

    def _row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One text's (columns, L2-normalised weights), cached by text."""
        cached = self._rows.get(text)
        if cached is None:
            counts = self._counts(text)
            columns = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
            weights = (1 + np.log(np.fromiter(counts.values(), np.float32, len(counts)))) * self.idf[columns]
            cached = (columns, weights / (np.sqrt(weights @ weights) or 1.0))
            if len(self._rows) >= ROW_CACHE:
                self._rows.clear()
            self._rows[text] = cached
        return cached

    def _counts(self, text: str) -> Counter[int]:
        text = _WHITESPACE.sub(" ", text.lower())  # scikit-learn's char analyzer does the same
        grams = [text[i : i + n] for n in range(NGRAMS[0], NGRAMS[1] + 1) for i in range(len(text) - n + 1)]
        return Counter(column for column in map(self._index.get, grams) if column is not None)


@dataclass
class Featurizer:
    """Text → one feature row: n-grams, then the weighted sentence embedding."""

    ngrams: CharNgrams
    encoder: Encoder

    @property
    def width(self) -> int:
        """Number of feature columns."""
        return len(self.ngrams.vocabulary) + self.encoder.dimensions

    def blocks(self, texts: Sequence[str]) -> Blocks:
        """The feature rows of `texts`: n-grams, then the weighted embedding."""
        head = [text[:ENCODED_CHARS] for text in texts]
        return [self.ngrams.transform(texts), EMBEDDING_WEIGHT * self.encoder.encode(head)]

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """The feature rows of `texts` as one matrix."""
        return stack(self.blocks(texts))
