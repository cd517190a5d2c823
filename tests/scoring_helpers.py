"""Grading shortcuts for the rule grader's tests (scoring.grader, `--engine rules`)."""

from __future__ import annotations

from scenarios import load_library
from scenarios.vocabulary import Stage
from scoring import GradeContext, ReplyGrade
from scoring.grader import grade_reply

RINGBACK = load_library().get("telecom-ringback-consent")


def grade(
    reply: str,
    customer: str = "",
    stage: Stage | None = Stage.TURNAROUND,
    history: tuple[tuple[str, str], ...] = (("customer", "喂？"), ("agent", "您好，工号1024为您服务。")),
    case=RINGBACK,
) -> ReplyGrade:
    """Grade a reply in the ringback case (turnaround stage unless told otherwise)."""
    return grade_reply(reply, GradeContext(customer=customer, history=history, case=case, stage=stage))


def rules(result: ReplyGrade) -> set[str]:
    """The ids of every flag on a grade."""
    return {flag.rule for flag in result.flags}
