"""A case's 禁语 counts when said in other words, and not when the trainee denies it."""

from __future__ import annotations

from scoring import Flag, GradeContext, ReplyGrade, grade_reply
from tests.sim_helpers import LIBRARY

GEARBOX = LIBRARY.get("auto-gearbox-defect")
CUSTOMER = "我这车一挡起步就顿，你们管不管？"


def _forbidden(reply: str) -> tuple[ReplyGrade, list[Flag]]:
    grade = grade_reply(reply, GradeContext(customer=CUSTOMER, case=GEARBOX))
    return grade, [f for f in grade.flags if f.rule == "case-forbidden"]


def test_a_paraphrased_forbidden_phrase_is_flagged_quoting_the_clause_that_says_it():
    reply = "双离合低速有点顿挫是正常现象，很多车都这样，您别太敏感"
    grade, flags = _forbidden(reply)
    assert flags and all(flag.span in reply for flag in flags)
    assert "双离合顿挫是正常现象" in flags[0].why  # names the 禁语 it means
    assert grade.no_arguing <= 40 and grade.script <= 40


def test_denying_a_forbidden_phrase_is_not_saying_it():
    _, flags = _forbidden("不是您的驾驶习惯问题，这个顿挫我们一定给您查清楚。")
    assert not flags


def test_a_helpful_line_in_the_same_case_carries_no_forbidden_flag():
    grade, flags = _forbidden(
        "您说的起步顿挫我记下了，我现在就帮您预约4S店检测，今天下班前给您回电确认时间。"
    )
    assert not flags and not grade.signals.argued
