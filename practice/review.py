"""What trainers' reviews change and measure: the report with their corrected scores, and how
often the grader agrees with them (Cohen's κ per dimension), exported for recalibrating it.

Agreement is measured on calls a trainer marked as reviewed: there every reply the trainer did
not correct counts as agreed, so κ is not computed on disagreements alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from sklearn.metrics import cohen_kappa_score

from scenarios.schema import Case
from scoring.model import DIMENSIONS, GOOD_AT
from scoring.report import CallReport, GradedTurn, build_report
from simulator.session import emotion_curve
from store import Store

KAPPA_DIMENSIONS = (*DIMENSIONS, "overall")


@dataclass(frozen=True)
class Agreement:
    """Grader–trainer agreement on one dimension, on "good" (≥ GOOD_AT) vs not."""

    dimension: str
    replies: int
    agreed: float  # share of replies with the same label
    kappa: float | None  # None when it is undefined (too few replies, or one label only)


def corrected_report(store: Store, call_id: str, case: Case) -> CallReport | None:
    """The call's report with the trainers' corrected scores in force (None when none corrected):
    every reply's grade with its overridden dimensions, the report rebuilt from them."""
    in_force = store.scores_in_force(call_id)
    if not in_force:
        return None
    session = store.load_session(call_id)
    ids = store.live_turn_ids(call_id)
    graded, customer = [], ""
    for turn in session.turns:
        if turn.role == "customer":
            customer = turn.text
        elif turn.grade is not None:
            grade = turn.grade.model_copy(update=in_force.get(ids[turn.index], {}))
            graded.append(GradedTurn(customer, turn.text, grade, turn.voice))
    return build_report(graded, case, session.outcome, emotion_curve(session))


def correct_reply(
    store: Store, call_id: str, turn_id: int, author_id: int, changes: dict[str, int], reason: str, case: Case
) -> int:
    """A trainer's correction of one reply (an audit row per changed dimension), then the call's
    listed scores recomputed with every correction in force; how many dimensions changed."""
    changed = store.override_grade(call_id, turn_id, author_id, changes, reason)
    report = corrected_report(store, call_id, case)
    if changed and report is not None:
        store.set_call_scores(call_id, {**report.scores, "overall": report.overall})
    return changed


def agreement(store: Store) -> list[Agreement]:
    """κ per dimension between the grader and the trainers over every reviewed call's replies."""
    replies = store.reviewed_replies()
    in_force = store.scores_in_force()
    result = []
    for dim in KAPPA_DIMENSIONS:
        grader = [row[dim] >= GOOD_AT for row in replies]
        trainer = [in_force.get(row["turn_id"], {}).get(dim, row[dim]) >= GOOD_AT for row in replies]
        result.append(_agreement(dim, grader, trainer))
    return result


def _agreement(dimension: str, grader: list[bool], trainer: list[bool]) -> Agreement:
    n = len(grader)
    agreed = sum(g == t for g, t in zip(grader, trainer, strict=True)) / n if n else 0.0
    kappa = None
    if n >= 2 and len(set(grader) | set(trainer)) > 1:
        value = float(cohen_kappa_score(grader, trainer))
        kappa = None if math.isnan(value) else round(value, 3)
    return Agreement(dimension, n, round(agreed, 3), kappa)


def recalibration_jsonl(store: Store) -> bytes:
    """Every override with the reply it corrects, one JSON object per line (UTF-8): the grader's
    score, the trainer's, and why — what a recalibration of the grader starts from."""
    lines, calls = [], {}
    for row in store.overrides():
        call = calls.get(row["call_id"]) or calls.setdefault(row["call_id"], store.call(row["call_id"]))
        record = {
            "call_id": row["call_id"], "case_id": call["case_id"], "turn_index": row["idx"], "reply": row["reply"],
            "dimension": row["dimension"], "before": row["before"], "after": row["after"], "reason": row["reason"],
            "trainer": row["author"], "at": row["created_at"], "engine": call["engine"],
        }  # fmt: skip
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
