"""The learned part of a grade: the reply read in its call, scored, and its acts as flags.

Readings are cached per (customer line, previous reply, reply, position), so grading a call
reply by reply reads each reply once however long the history grows.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from scenarios.vocabulary import Stage
from scoring.acts import act_catalogue
from scoring.grader import MAX_ANALYSED
from scoring.model import Flag, GradeContext
from scoring.reply_model import DIMENSIONS, STAGES, shipped_model
from scoring.understanding import ReplyReading, ReplyRow, read_in_call, read_row


@lru_cache(maxsize=8192)
def _row(customer: str, previous: str, reply: str, numbers: tuple[int, ...]) -> ReplyRow:
    return read_row(shipped_model(), customer, previous, reply, numbers)


def forget_readings() -> None:
    """Empty the per-reply reading cache (benchmarks measure replies as new)."""
    _row.cache_clear()


# Where a line with no call around it might have been said: its stage is read at each of these
# reply numbers and averaged, instead of taking it for the opening of a call.
ANY_POSITION = (1, 3, 6, 10)


def read_in_context(reply: str, context: GradeContext) -> ReplyReading:
    """The reply read as the next reply of the call in `context` (its history and customer line);
    a line with neither is read as said anywhere in a call, not as its opening."""
    if not context.history and not context.customer:
        return _read_alone(reply)
    rows, customer, previous = [], "", ""
    for role, text in context.history:
        if role == "agent":
            previous_text = text[:MAX_ANALYSED]  # as the grader cut it when it graded that reply
            rows.append(_row(customer, previous, previous_text, (len(rows) + 1,)))
            previous = previous_text
        else:
            customer = text
    rows.append(_row(context.customer, previous, reply, (len(rows) + 1,)))
    return read_in_call(shipped_model(), rows, reply)


def learned_scores(reading: ReplyReading) -> dict[str, int]:
    """Each dimension on 0–100: the model's expected label, scaled."""
    return {name: reading.score(name) for name in DIMENSIONS}


def act_flags(reading: ReplyReading) -> list[Flag]:
    """One flag per act found, quoting its clause; the effect is the act's typical effect in the corpus."""
    catalogue, effects = act_catalogue(), shipped_model().act_effects
    return [
        Flag(
            rule=f"act-{act.act}",
            dimension=catalogue[act.act].dimension,
            span=act.span,
            effect=effects.get(act.act, 0),
            label=catalogue[act.act].label,
            why=catalogue[act.act].why,
        )
        for act in reading.acts
    ]


def _read_alone(reply: str) -> ReplyReading:
    row = _row("", "", reply, ANY_POSITION)
    return ReplyReading(
        reply, row.probabilities, Stage(STAGES[int(np.argmax(row.stage_probabilities))]), row.acts
    )
