"""The call score a trainer would give: the expected trainer score over the five quality levels.

Not a mean of reply scores. The features say how the call went — the average and the worst
reply on each dimension, how many replies argued or carried a mistake, whether the call reached
an agreement and a proper close. A multinomial logistic regression reads from them how likely
each quality level is (exemplary … hostile), and the score is those probabilities times each
level's mean trainer score in the corpus. Fitted on readings made by models that never saw that
call's writer. Chosen over a ridge regression on the same features by leave-one-writer-out on
the train and dev writers: pass/fail agreement 0.946 → 0.970, mean absolute error 4.9 → 3.9
(the ridge pulled calls a trainer marks 55–57 over the pass line).

The same features come from a call's readings (training, evaluation) or from its grades (the
report), through `ReplySummary`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.linear_model import LogisticRegression

from scenarios.vocabulary import Stage
from scoring.corpus_schema import BAD_ACTS
from scoring.model import ReplyGrade
from scoring.reply_model import DIMENSIONS, ModelMissing, shipped_model
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
C = 3.0  # picked by leave-one-writer-out on the train and dev writers (0.1–3 tried)
LOW = 25  # a reply scoring below this (expected label under 0.5) is "low" on that dimension
HARD_FINDINGS = ("case-forbidden", "over-promise")  # the case's own findings count as mistakes


@dataclass(frozen=True)
class ReplySummary:
    """What the call score needs of one reply: its three scores, its mistakes and its stage."""

    scores: tuple[int, int, int]  # in DIMENSIONS order, 0–100
    mistakes: int
    stage: Stage

    @classmethod
    def of_reading(cls, reading: ReplyReading) -> ReplySummary:
        """From the learned model's reading."""
        scores = tuple(reading.score(name) for name in DIMENSIONS)
        return cls(scores, len(reading.bad_acts), reading.stage)  # type: ignore[arg-type]

    @classmethod
    def of_grade(cls, grade: ReplyGrade) -> ReplySummary:
        """From a reply's grade: its act flags and the case's hard findings are the mistakes."""
        bad = {f"act-{act}" for act in BAD_ACTS} | set(HARD_FINDINGS)
        scores = tuple(getattr(grade, name) for name in DIMENSIONS)
        return cls(scores, sum(f.rule in bad for f in grade.flags), grade.stage)  # type: ignore[arg-type]


def call_features(replies: Sequence[ReplySummary]) -> np.ndarray:
    """The feature vector of a call, in `FEATURES` order (zeros for a call with no replies)."""
    if not replies:
        return np.zeros(len(FEATURES))
    scores = np.array([reply.scores for reply in replies], dtype=float)
    stages = {reply.stage for reply in replies}
    arguing = sum(reply.scores[DIMENSIONS.index("no_arguing")] < LOW for reply in replies)
    return np.array(
        [
            *(scores.mean(axis=0) / 50),
            *(scores.min(axis=0) / 50),
            *(scores < LOW).mean(axis=0),
            min(arguing, 5),
            min(sum(reply.mistakes for reply in replies), 10),
            float(Stage.AGREEMENT in stages or Stage.CLOSING in stages),
            float(Stage.CLOSING in stages),
        ]
    )


@dataclass
class CallScoreModel:
    """Standardisation, level weights (levels × `FEATURES`) and each level's mean trainer score."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercepts: np.ndarray
    level_scores: np.ndarray  # in `levels` order
    levels: list[str]

    @classmethod
    def fit(cls, features: np.ndarray, scores: np.ndarray, levels: Sequence[str]) -> CallScoreModel:
        """Fit the level model on call features and the calls' levels; keep each level's mean score."""
        mean, scale = features.mean(axis=0), features.std(axis=0)
        scale[scale == 0] = 1.0
        labels = np.array(levels)
        model = LogisticRegression(C=C, max_iter=5000).fit((features - mean) / scale, labels)
        classes = [str(level) for level in model.classes_]
        level_scores = np.array([scores[labels == level].mean() for level in classes])
        return cls(mean, scale, model.coef_, model.intercept_, level_scores, classes)

    def level_probabilities(self, replies: Sequence[ReplySummary]) -> dict[str, float]:
        """How likely each quality level is for the call."""
        logits = ((call_features(replies) - self.mean) / self.scale) @ self.weights.T + self.intercepts
        exp = np.exp(logits - logits.max())
        return dict(zip(self.levels, (exp / exp.sum()).tolist(), strict=True))

    def score(self, replies: Sequence[ReplySummary]) -> int:
        """The call score, 0–100: the expected trainer score over the levels."""
        probabilities = self.level_probabilities(replies)
        expected = sum(
            probabilities[level] * score for level, score in zip(self.levels, self.level_scores, strict=True)
        )
        return round(float(np.clip(expected, 0, 100)))

    def to_dict(self) -> dict[str, object]:
        """Plain data for the model JSON."""
        return {
            "features": list(FEATURES),
            "levels": self.levels,
            "level_scores": self.level_scores.tolist(),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "intercepts": self.intercepts.tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> CallScoreModel:
        """The inverse of `to_dict`."""
        if data.get("features") != list(FEATURES):
            raise ValueError("整通评分模型与当前特征不一致：请运行 python -m scoring train")
        arrays = {key: np.array(data[key], dtype=float) for key in ("mean", "scale", "weights", "intercepts")}
        return cls(**arrays, level_scores=np.array(data["level_scores"]), levels=list(data["levels"]))


@lru_cache(maxsize=1)
def shipped_call_model() -> CallScoreModel:
    """The call model stored with the shipped reply model."""
    data = shipped_model().call_score
    if data is None:
        raise ModelMissing("评分模型里没有整通评分部分：请运行 python -m scoring train")
    return CallScoreModel.from_dict(data)
