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
    "ended_badly",
    "unfinished",
)
# How the call ended is what a trainer sees first: in the train and dev writers' calls one that
# ended with a supervisor, a regulator or a hang-up never scored above 52. The reply scores alone
# let two apologies followed by 升级 score 78 (found by the case self-test): such calls are outside
# the corpus (none is that short), so the model also keeps each bad ending's highest trainer score
# as a cap. The app says "escalated" for supervisor and regulator alike.
BAD_ENDINGS = frozenset({"supervisor", "regulator", "hung_up", "escalated"})
# A call ended before the customer agreed to anything is capped the same way (trainers marked
# such calls 31 at most): one polite greeting and 结束通话 scored 78 before.
CAPPED_ENDINGS = BAD_ENDINGS | {"unfinished"}
ESCALATED = ("supervisor", "regulator")
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


def call_features(replies: Sequence[ReplySummary], outcome: str) -> np.ndarray:
    """The feature vector of a call that ended with `outcome` (resolved / supervisor / regulator /
    escalated / hung_up / unfinished), in `FEATURES` order (zeros for a call with no replies)."""
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
            float(outcome in BAD_ENDINGS),
            float(outcome == "unfinished"),
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
    ending_caps: dict[str, int]  # bad or no ending → the highest trainer score any such call got

    @classmethod
    def fit(
        cls, features: np.ndarray, scores: np.ndarray, levels: Sequence[str], outcomes: Sequence[str]
    ) -> CallScoreModel:
        """Fit the level model on call features and the calls' levels; keep each level's mean score
        and each bad ending's highest score."""
        mean, scale = features.mean(axis=0), features.std(axis=0)
        scale[scale == 0] = 1.0
        labels = np.array(levels)
        model = LogisticRegression(C=C, max_iter=5000).fit((features - mean) / scale, labels)
        classes = [str(level) for level in model.classes_]
        level_scores = np.array([scores[labels == level].mean() for level in classes])
        ended = np.array([str(outcome) for outcome in outcomes])
        caps = {
            end: int(scores[ended == end].max()) for end in sorted(CAPPED_ENDINGS) if (ended == end).any()
        }
        return cls(mean, scale, model.coef_, model.intercept_, level_scores, classes, caps)

    def cap_for(self, outcome: str) -> int:
        """The highest score a call that ended with `outcome` can get (100 for a good ending)."""
        if outcome == "escalated":
            return max((self.ending_caps.get(end, 100) for end in ESCALATED), default=100)
        return self.ending_caps.get(str(outcome), 100)

    def level_probabilities(self, replies: Sequence[ReplySummary], outcome: str) -> dict[str, float]:
        """How likely each quality level is for the call."""
        logits = (
            (call_features(replies, outcome) - self.mean) / self.scale
        ) @ self.weights.T + self.intercepts
        exp = np.exp(logits - logits.max())
        return dict(zip(self.levels, (exp / exp.sum()).tolist(), strict=True))

    def score(self, replies: Sequence[ReplySummary], outcome: str) -> int:
        """The call score, 0–100: the expected trainer score over the levels."""
        probabilities = self.level_probabilities(replies, outcome)
        expected = sum(
            probabilities[level] * score for level, score in zip(self.levels, self.level_scores, strict=True)
        )
        return round(float(np.clip(expected, 0, self.cap_for(outcome))))

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
            "ending_caps": self.ending_caps,
        }

    @classmethod
    def from_dict(cls, data: dict) -> CallScoreModel:
        """The inverse of `to_dict`."""
        if data.get("features") != list(FEATURES):
            raise ValueError("整通评分模型与当前特征不一致：请运行 python -m scoring train")
        arrays = {key: np.array(data[key], dtype=float) for key in ("mean", "scale", "weights", "intercepts")}
        caps = {str(end): int(cap) for end, cap in data.get("ending_caps", {}).items()}
        return cls(
            **arrays,
            level_scores=np.array(data["level_scores"]),
            levels=list(data["levels"]),
            ending_caps=caps,
        )


@lru_cache(maxsize=1)
def shipped_call_model() -> CallScoreModel:
    """The call model stored with the shipped reply model."""
    data = shipped_model().call_score
    if data is None:
        raise ModelMissing("评分模型里没有整通评分部分：请运行 python -m scoring train")
    return CallScoreModel.from_dict(data)
