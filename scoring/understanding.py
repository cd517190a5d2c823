"""Read replies with the learned model: the three dimensions, the stage and each clause's acts.

`read_call` reads a whole call in one batch (evaluation, reports); the grader reads one reply
at a time through the same functions, so both see the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scenarios.vocabulary import Stage
from scoring.clauses import Clause, split_clauses
from scoring.corpus_schema import BAD_ACTS
from scoring.reply_model import DIMENSIONS, ReplyModel, StageInputs
from scoring.stage_tracker import StageTracker

ACT_THRESHOLD = 0.5


@dataclass(frozen=True)
class ActSpan:
    """A dialogue act found in a clause, with the clause quoted as evidence."""

    act: str
    span: str
    start: int
    probability: float


@dataclass(frozen=True)
class ReplyReading:
    """What the model read in one reply."""

    text: str
    probabilities: dict[str, np.ndarray]  # per dimension: P(label = 0, 1, 2)
    stage: Stage
    acts: tuple[ActSpan, ...]

    def expected(self, dimension: str) -> float:
        """The expected label (0–2) of a dimension."""
        return float(self.probabilities[dimension] @ np.arange(3))

    def score(self, dimension: str) -> int:
        """The dimension on 0–100: the expected label scaled."""
        return round(50 * self.expected(dimension))

    @property
    def bad_acts(self) -> list[ActSpan]:
        """The acts a trainer marks as a mistake."""
        return [act for act in self.acts if act.act in BAD_ACTS]


def read_call(model: ReplyModel, turns: Sequence[tuple[str, str]]) -> list[ReplyReading]:
    """Read every reply of a call; `turns` are (customer line before it, reply) in order."""
    if not turns:
        return []
    texts = [reply for _, reply in turns]
    features = model.features(texts)
    dimensions = model.dimension_probabilities(features)
    clauses = [split_clauses(text) for text in texts]
    act_rows = _split_rows(model.act_probabilities([c for group in clauses for c in group]), clauses)
    inputs = StageInputs(
        [customer for customer, _ in turns],
        ["", *texts[:-1]],
        np.array([model.reply_acts(rows) for rows in act_rows]),
        list(range(1, len(turns) + 1)),
    )
    stages = model.stage_probabilities(features, inputs)
    tracker = StageTracker(model)
    readings = []
    for row, text in enumerate(texts):
        acts = _acts(model, clauses[row], act_rows[row])
        probabilities = {name: dimensions[name][row] for name in DIMENSIONS}
        readings.append(ReplyReading(text, probabilities, tracker.update(stages[row]), acts))
    return readings


def _split_rows(rows: np.ndarray, groups: list[list[Clause]]) -> list[np.ndarray]:
    """The clause rows of all replies cut back into one block per reply."""
    ends = np.cumsum([len(group) for group in groups])[:-1]
    return np.split(rows, ends)


def _acts(model: ReplyModel, clauses: list[Clause], rows: list[np.ndarray]) -> tuple[ActSpan, ...]:
    found = []
    for clause, row in zip(clauses, rows, strict=True):
        for column in np.flatnonzero(row >= ACT_THRESHOLD):
            found.append(ActSpan(model.acts.labels[column], clause.text, clause.start, float(row[column])))
    return tuple(found)


@dataclass(frozen=True)
class ReplyRow:
    """One reply read on its own: dimension and stage probabilities and acts (before the tracker)."""

    probabilities: dict[str, np.ndarray]
    stage_probabilities: np.ndarray
    acts: tuple[ActSpan, ...]


def read_row(model: ReplyModel, customer: str, previous: str, reply: str, numbers: Sequence[int]) -> ReplyRow:
    """Read one reply after `customer`'s line and the trainee's `previous` reply (one encoder
    pass). `numbers`: where in its call it was said (1-based reply number); with several, its
    stage probabilities are averaged over them — a line whose place is not known."""
    clauses = split_clauses(reply)
    features = model.features([reply])
    act_rows = model.act_probabilities(clauses)
    count = len(numbers)
    acts = np.repeat(model.reply_acts(act_rows)[None, :], count, axis=0)
    inputs = StageInputs([customer] * count, [previous] * count, acts, list(numbers))
    repeated = features if count == 1 else [block[[0] * count] for block in features]  # one per position
    stage = model.stage_probabilities(repeated, inputs).mean(axis=0)
    dimensions = model.dimension_probabilities(features)
    return ReplyRow(
        {name: dimensions[name][0] for name in DIMENSIONS}, stage, _acts(model, clauses, list(act_rows))
    )


def read_in_call(model: ReplyModel, rows: Sequence[ReplyRow], text: str) -> ReplyReading:
    """The last of `rows` (the call's replies so far, in order) as a reading, its stage tracked
    over the whole call."""
    tracker = StageTracker(model)
    for row in rows:
        stage = tracker.update(row.stage_probabilities)
    last = rows[-1]
    return ReplyReading(text, last.probabilities, stage, last.acts)
