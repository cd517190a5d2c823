"""Features for the learned models: character 1–3-grams (TF-IDF) beside sentence embeddings.

The n-gram vocabulary and IDF weights are fitted on the training writers' replies and stored as
plain arrays; transforming needs no fitted scikit-learn object, so nothing is pickled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from scoring.encoder import Encoder

NGRAMS = (1, 3)
MIN_DF = 2
EMBEDDING_WEIGHT = 0.5  # picked on the dev writer: embeddings beside n-grams, not over them


@dataclass
class CharNgrams:
    """Sublinear TF-IDF over character n-grams with a fixed vocabulary (index = column)."""

    vocabulary: list[str]
    idf: np.ndarray

    def __post_init__(self) -> None:
        self._counter = CountVectorizer(
            analyzer="char", ngram_range=NGRAMS, vocabulary={g: i for i, g in enumerate(self.vocabulary)}
        )

    @classmethod
    def fit(cls, texts: Sequence[str]) -> CharNgrams:
        """Vocabulary and IDF from `texts` (the training replies)."""
        fitted = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, min_df=MIN_DF, sublinear_tf=True)
        fitted.fit(texts)
        vocabulary = sorted(fitted.vocabulary_, key=fitted.vocabulary_.get)
        return cls(vocabulary, fitted.idf_.astype(np.float32))

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """Rows of L2-normalised sublinear TF-IDF, as `TfidfVectorizer(sublinear_tf=True)` gives."""
        counts = self._counter.transform(texts).astype(np.float32)
        counts.data = 1 + np.log(counts.data)
        return normalize(counts.multiply(self.idf).tocsr())


@dataclass
class Featurizer:
    """Text → one feature row: n-grams, then the weighted sentence embedding."""

    ngrams: CharNgrams
    encoder: Encoder

    @property
    def width(self) -> int:
        """Number of feature columns."""
        return len(self.ngrams.vocabulary) + self.encoder.dimensions

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """The feature rows of `texts`."""
        embedded = csr_matrix(EMBEDDING_WEIGHT * self.encoder.encode(list(texts)))
        return hstack([self.ngrams.transform(texts), embedded]).tocsr()
