"""A stage's key work done in a line the stage tracker placed elsewhere still counts: the 结束
review right after a recap never says the recap is missing nor offers the recap again."""

from __future__ import annotations

from scenarios.vocabulary import Stage
from scoring.case_checks import reference_lines
from scoring.engines import grade_reply
from scoring.lexicon import load_lexicons
from scoring.model import GradeContext
from scoring.report import CallReport, GradedTurn, build_report, render_markdown
from tests.sim_helpers import RINGBACK

OPENING = [
    ("喂？", "您好，工号1024为您服务，请问有什么可以帮您？", Stage.GREETING),
    ("我没开过彩铃怎么扣钱了？", "给您添麻烦了，请问您之前有没有收到过开通的短信？", Stage.CLARIFY),
    (
        "收到过，我以为是广告。",
        "我理解您的心情，这项彩铃是优惠绑定的，每月1号返还5元话费正好抵扣。",
        Stage.TURNAROUND,
    ),
]
RECAP = ("那就这样吧。", "好，我总结一下：每月1号返还5元话费，换歌拨12580找人工，您看对吗？", Stage.AGREEMENT)
NO_RECAP = ("那就这样吧。", "好的，换歌也可以拨12580找人工设置。", Stage.AGREEMENT)
FAREWELL = ("对，就是这样。", "还有别的需要帮忙的吗？", Stage.CLOSING)


def _report(said: list[tuple[str, str, Stage]]) -> CallReport:
    """The report of the call, each line graded by the learned grader in the stage given (as if
    the tracker had placed it there)."""
    turns, history = [], []
    for customer, reply, stage in said:
        history.append(("customer", customer))
        context = GradeContext(customer=customer, history=tuple(history), case=RINGBACK, stage=stage)
        turns.append(GradedTurn(customer, reply, grade_reply(reply, context)))
        history.append(("agent", reply))
    return build_report(turns, RINGBACK)


def _closing(report: CallReport):
    return next(review for review in report.stages if review.stage == Stage.CLOSING)


def test_the_recap_line_the_tracker_placed_in_the_agreement_is_read_as_a_recap():
    agreement = next(r for r in _report([*OPENING, RECAP]).stages if r.stage == Stage.AGREEMENT)
    assert "recap" in agreement.lines[-1].acts  # the premise of every test below


def test_closing_after_a_recap_in_the_agreement_is_credited_with_it():
    closing = _closing(_report([*OPENING, RECAP, FAREWELL]))
    assert closing.covered
    assert closing.verdict.startswith("要点已在「协议」①（复述确认）做到")
    assert "还没做到" not in closing.verdict


def test_closing_lines_are_not_told_they_missed_the_recap_nor_offered_it_again():
    closing = _closing(_report([*OPENING, RECAP, FAREWELL]))
    missed_point = load_lexicons().dimension_hints["script"]
    recap_script = reference_lines(RINGBACK, Stage.CLOSING, "", with_points=False)[0]
    for line in closing.lines:
        assert missed_point not in line.why
        assert recap_script not in line.better


def test_a_call_that_ends_on_the_recap_does_not_say_the_closing_was_never_reached():
    report = _report([*OPENING, RECAP])
    closing = _closing(report)
    assert closing.covered and "没有走到" not in closing.verdict
    assert report.coverage["closing"] is True
    assert not any("「结束」" in tip for tip in report.practice)


def test_without_any_recap_the_closing_still_says_its_key_point_is_missing():
    closing = _closing(_report([*OPENING, NO_RECAP, FAREWELL]))
    assert not closing.covered and "还没做到" in closing.verdict


def test_the_rendered_critique_keeps_the_credit_and_the_acts_survive_json():
    report = _report([*OPENING, RECAP, FAREWELL])
    assert "要点已在「协议」①（复述确认）做到" in render_markdown(report)
    again = CallReport.model_validate_json(report.model_dump_json())
    assert again.stages[3].lines[-1].acts == report.stages[3].lines[-1].acts
