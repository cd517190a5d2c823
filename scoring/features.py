"""Features for the learned models: character 1–3-grams (TF-IDF) beside sentence embeddings.

The n-gram vocabulary and IDF weights are fitted on the training writers' replies and stored as
plain arrays; transforming needs no fitted scikit-learn object, so nothing is pickled.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from scoring.encoder import Encoder

NGRAMS = (1, 3)
MIN_DF = 2
_WHITESPACE = re.compile(r"\s\s+")
EMBEDDING_WEIGHT = 0.5  # picked on the dev writer: embeddings beside n-grams, not over them
# The encoder's cost grows with the text; no corpus reply is over 220 characters, and a longer
# paste is flagged too long anyway: its first 400 characters say what it is about.
ENCODED_CHARS = 400


@dataclass
class CharNgrams:
    """Sublinear TF-IDF over character n-grams with a fixed vocabulary (index = column)."""

    vocabulary: list[str]
    idf: np.ndarray

    def __post_init__(self) -> None:
        self._index = {gram: i for i, gram in enumerate(self.vocabulary)}

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
        data: list[float] = []
        columns: list[int] = []
        pointers = [0]
        for text in texts:
            counts = self._counts(text)
            weights = {col: (1 + math.log(n)) * self.idf[col] for col, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            columns.extend(weights)
            data.extend(w / norm for w in weights.values())
            pointers.append(len(columns))
        shape = (len(texts), len(self.vocabulary))
        return csr_matrix(
            (np.asarray(data, np.float32), np.asarray(columns, np.int32), pointers), shape=shape
        )

    def _counts(self, text: str) -> Counter[int]:
        text = _WHITESPACE.sub(" ", text.lower())  # scikit-learn's char analyzer does the same
        index, counts = self._index, Counter()
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            for start in range(len(text) - n + 1):
                column = index.get(text[start : start + n])
                if column is not None:
                    counts[column] += 1
        return counts


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
        head = [text[:ENCODED_CHARS] for text in texts]
        embedded = csr_matrix(EMBEDDING_WEIGHT * self.encoder.encode(head))
        return hstack([self.ngrams.transform(texts), embedded]).tocsr()
