"""The call score a trainer would give: a linear model over what was read in the whole call.

Not a mean of reply scores. Its features say how the call went — the average and the worst
reply on each dimension, how many replies argued or carried a mistake, whether the call reached
an agreement and a proper close — and its weights are fitted (ridge regression) to the corpus'
call-level trainer scores, from readings made by models that never saw that writer's calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import Ridge

from scenarios.vocabulary import Stage
from scoring.reply_model import DIMENSIONS
from scoring.understanding import ReplyReading

FEATURES = (
    *(f"mean_{name}" for name in DIMENSIONS),
    *(f"worst_{name}" for name in DIMENSIONS),
    *(f"low_share_{name}" for name in DIMENSIONS),
    "arguing_replies",
    "mistake_acts",
    "reached_agreement",
    "reached_closing",
)
ALPHA = 1.0
LOW = 0.5  # a reply whose expected label is below this is "low" on that dimension


def call_features(readings: Sequence[ReplyReading]) -> np.ndarray:
    """The feature vector of a call, in `FEATURES` order (zeros for a call with no replies)."""
    if not readings:
        return np.zeros(len(FEATURES))
    expected = np.array([[r.expected(name) for name in DIMENSIONS] for r in readings])
    stages = {r.stage for r in readings}
    arguing = sum(r.probabilities["no_arguing"].argmax() == 0 for r in readings)
    mistakes = sum(len(r.bad_acts) for r in readings)
    return np.array(
        [
            *expected.mean(axis=0),
            *expected.min(axis=0),
            *(expected < LOW).mean(axis=0),
            min(arguing, 5),
            min(mistakes, 10),
            float(Stage.AGREEMENT in stages or Stage.CLOSING in stages),
            float(Stage.CLOSING in stages),
        ]
    )


@dataclass
class CallScoreModel:
    """Weights over `FEATURES` and an intercept; scores are clipped to 0–100."""

    weights: np.ndarray
    intercept: float

    @classmethod
    def fit(cls, features: np.ndarray, scores: np.ndarray) -> CallScoreModel:
        """Ridge regression of trainer scores on call features."""
        model = Ridge(alpha=ALPHA).fit(features, scores)
        return cls(model.coef_.astype(np.float64), float(model.intercept_))

    def score(self, readings: Sequence[ReplyReading]) -> int:
        """The call score, 0–100."""
        return round(float(np.clip(call_features(readings) @ self.weights + self.intercept, 0, 100)))

    def to_dict(self) -> dict[str, object]:
        """Plain data for the model JSON (weights by feature name)."""
        return {
            "weights": dict(zip(FEATURES, self.weights.tolist(), strict=True)),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: dict) -> CallScoreModel:
        """The inverse of `to_dict`."""
        return cls(np.array([data["weights"][name] for name in FEATURES]), float(data["intercept"]))
