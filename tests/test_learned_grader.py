"""The learned grading engine (`--engine learned`): natural Chinese, case knowledge, exact evidence."""

from __future__ import annotations

import json

import pytest

from scenarios import load_library
from scenarios.vocabulary import Event
from scoring.learned_grader import grade_reply_learned
from scoring.model import GradeContext
from tests.clirun import run_module

GEARBOX = load_library().get("auto-gearbox-defect")
ANGRY = "我这车修了三次还坏！"


@pytest.mark.parametrize(
    "reply",
    [
        "您自己不看短信，现在来怪我们？",
        "合同上白纸黑字写着，您签字的时候怎么不看？",
        "谁跟您说能退的？您找他去。",
        # A near paraphrase of the case's forbidden phrase: no listed words, still arguing.
        "双离合低速有点顿挫是正常现象，很多车都这样，您别太敏感",
    ],
)
def test_hostile_lines_without_listed_phrases_score_low_and_argue(reply: str) -> None:
    grade = grade_reply_learned(reply, GradeContext(customer=ANGRY, case=GEARBOX))
    assert grade.no_arguing < 50 and grade.event == Event.ARGUED_WITH, grade
    assert all(flag.span in reply for flag in grade.flags if flag.rule.startswith("act-"))


def test_what_the_policy_allows_is_credited_not_flagged_as_an_over_promise() -> None:
    reply = "我这边安排厂家区域技术专家48小时内到鑫达远驰4S店联合检测，结论会出书面报告给您。"
    grade = grade_reply_learned(reply, GradeContext(customer=ANGRY, case=GEARBOX))
    rules = {flag.rule for flag in grade.flags}
    assert "over-promise" not in rules and "act-offer_remedy" in rules and grade.no_arguing >= 80
    assert grade.event == Event.OFFERED_SOLUTION


def test_the_case_forbidden_phrase_still_caps_the_script_score() -> None:
    grade = grade_reply_learned("您直接去找4S店处理吧。", GradeContext(customer=ANGRY, case=GEARBOX))
    assert grade.script <= 40 and "case-forbidden" in {flag.rule for flag in grade.flags}


def test_the_grade_command_takes_the_learned_engine_and_keeps_the_contract() -> None:
    line = json.dumps(
        {"reply": "真对不起，让您着急了，这件事我来跟进。", "customer": ANGRY}, ensure_ascii=False
    )
    result = run_module("scoring", "grade", "--engine", "learned", stdin=line + "\n")
    out = json.loads(result.stdout.splitlines()[0])
    assert {"empathy", "no_arguing", "script", "overall", "flags", "suggestion"} <= out.keys()
    assert out["engine"] == "learned" and out["empathy"] >= 60
    assert all({"rule", "dimension", "span", "effect"} <= flag.keys() for flag in out["flags"])


def test_every_flag_quotes_text_that_is_in_the_reply() -> None:
    """Acts, case checks, anti-gaming checks alike: the evidence is the trainee's own words."""
    from scoring.corpus import all_replies, in_split, load_calls
    from tests.sim_helpers import LIBRARY

    replies = all_replies(in_split(load_calls(), "dev"))[::7]
    for reply in replies:
        context = GradeContext(
            customer=reply.customer, history=reply.history, case=LIBRARY.get(reply.call.case_id)
        )
        grade = grade_reply_learned(reply.text, context)
        outside = [(f.rule, f.span) for f in grade.flags if f.span not in reply.text]
        assert not outside, (reply.text, outside)


def test_a_line_with_no_call_around_it_is_not_taken_for_an_opening() -> None:
    """No history, no customer line: the stage comes from the line, not from 'first reply'."""
    from scenarios.vocabulary import Stage

    closing = grade_reply_learned("好的，跟您确认一下，退款三个工作日内到账，还有别的需要帮忙的吗？")
    assert closing.stage != Stage.GREETING and "工号" not in closing.suggestion
    helpful = grade_reply_learned("我理解您的心情，我马上帮您查一下扣费记录，今天下午五点前给您回电。")
    assert helpful.stage != Stage.GREETING and helpful.overall >= 60 and helpful.no_arguing >= 60
    opening = grade_reply_learned("您好，工号1024为您服务，请问有什么可以帮您？")
    assert opening.stage == Stage.GREETING and opening.no_arguing >= 60 and opening.script >= 60
