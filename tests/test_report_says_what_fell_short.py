"""The critique under 失误 says what fell short, never praise; a dimension the call failed gets a
practice tip even when no fault rule fired."""

from __future__ import annotations

from scenarios.vocabulary import Stage
from scoring.model import Flag, ReplyGrade, Signals
from scoring.report import GradedTurn, build_report
from tests.sim_helpers import RINGBACK


def _grade(empathy: int, no_arguing: int, script: int, overall: int, labels: list[str]) -> ReplyGrade:
    """A learned-style grade: low scores with only positive flags (no fault rule fired)."""
    flags = [
        Flag(rule=f"good-{i}", dimension="script", span="您好", effect=3, label=label)
        for i, label in enumerate(labels)
    ]
    return ReplyGrade(
        empathy=empathy,
        no_arguing=no_arguing,
        script=script,
        overall=overall,
        flags=flags,
        suggestion="您好，工号1024，很抱歉让您久等了。",
        stage=Stage.GREETING,
        event="explained_to",
        signals=Signals(),
        engine="learned",
    )


def _report(grade: ReplyGrade):
    return build_report([GradedTurn("你们谁说的对？", "喂，您好，您说吧，什么事？", grade)], RINGBACK)


def test_a_slip_without_a_fault_flag_is_told_which_dimension_fell_short_not_praised() -> None:
    line = _report(_grade(15, 77, 45, 46, ["问候", "自报家门"])).stages[0].lines[0]
    assert line.verdict == "失误"
    assert not any(reason.startswith("做得好") for reason in line.why), line.why
    assert any("共情" in reason for reason in line.why), line.why


def test_a_dimension_failed_on_average_gets_a_practice_tip() -> None:
    report = _report(_grade(40, 90, 85, 70, ["问候"]))
    assert any(tip.startswith("练习共情") and "40" in tip for tip in report.practice), report.practice


def test_a_call_passing_every_dimension_gets_no_weak_dimension_tip() -> None:
    report = _report(_grade(90, 95, 90, 92, ["问候"]))
    assert not any("（这通平均" in tip for tip in report.practice), report.practice
