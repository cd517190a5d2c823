"""Linear classifiers as plain arrays: fitted by scikit-learn, applied with numpy.

A fitted `LogisticRegression` is reduced to its weights and intercepts, so a stored model is
arrays (no pickle) and prediction needs no scikit-learn state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix, spmatrix
from sklearn.linear_model import LogisticRegression

# One feature matrix, or several side by side (see `scoring.features.Blocks`).
Features = spmatrix | np.ndarray | Sequence[spmatrix | np.ndarray]

C = 4.0  # inverse regularisation, picked on the dev writer
# The stage model weighs context blocks beside the reply: less regularised it does better —
# leave-one-writer-out over the train and dev writers, stage accuracy 0.836 (C=4) → 0.843 (C=20).
STAGE_C = 20.0


class _Applied:
    """What applying a linear model needs besides its `weights` (classes × features)."""

    weights: np.ndarray

    @cached_property
    def columns(self) -> np.ndarray:
        """The weights as contiguous features × classes: `features @ weights.T` on a transposed
        view copies the whole matrix on every call (it was most of a single reply's time)."""
        return np.ascontiguousarray(self.weights.T)

    def logits(self, features: Features) -> np.ndarray:
        """Rows of `features @ weights.T + intercepts`; blocks side by side each meet their slice
        of the weights."""
        if not isinstance(features, Sequence):
            features = [features]
        total, offset = None, 0
        for block in features:
            part = block @ self.columns[offset : offset + block.shape[1]]
            total = part if total is None else total + part
            offset += block.shape[1]
        if offset != self.columns.shape[0]:
            raise ValueError(f"features have {offset} columns, the model {self.columns.shape[0]}")
        return np.asarray(total) + self.intercepts


@dataclass
class Softmax(_Applied):
    """Multinomial logistic regression over `classes` (weights: classes × features)."""

    classes: np.ndarray
    weights: np.ndarray
    intercepts: np.ndarray

    @classmethod
    def fit(cls, features: csr_matrix, labels: np.ndarray, balanced: bool = True, c: float = C) -> Softmax:
        """Fit on `features` and integer `labels` (`c`: inverse regularisation)."""
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
        model.fit(features, labels)
        weights, intercepts = model.coef_, model.intercept_
        if len(model.classes_) == 2:  # scikit-learn keeps one row for two classes: expand it
            weights, intercepts = (
                np.vstack([-weights / 2, weights / 2]),
                np.hstack([-intercepts / 2, intercepts / 2]),
            )
        return cls(model.classes_.astype(np.int64), weights.astype(np.float32), intercepts.astype(np.float32))

    def probabilities(self, features: Features) -> np.ndarray:
        """Rows of class probabilities (columns in `classes` order)."""
        logits = self.logits(features)
        logits -= np.max(logits, axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


@dataclass
class OneVsRest(_Applied):
    """Independent binary logistic regressions, one per label (weights: labels × features)."""

    labels: list[str]
    weights: np.ndarray
    intercepts: np.ndarray

    @classmethod
    def fit(cls, features: csr_matrix, targets: dict[str, np.ndarray]) -> OneVsRest:
        """One binary model per label; a label never seen positive gets a model that never fires."""
        weights, intercepts = [], []
        for target in targets.values():
            if target.sum() == 0:
                weights.append(np.zeros(features.shape[1]))
                intercepts.append(-20.0)
                continue
            model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(features, target)
            weights.append(model.coef_[0])
            intercepts.append(model.intercept_[0])
        return cls(list(targets), np.asarray(weights, np.float32), np.asarray(intercepts, np.float32))

    def probabilities(self, features: Features) -> np.ndarray:
        """Rows of per-label probabilities (columns in `labels` order)."""
        logits = self.logits(features)
        return 1 / (1 + np.exp(-logits))
