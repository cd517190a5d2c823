"""话术规范: stage requirements, 禁语, over-promising, answering the question, paraphrase."""

from __future__ import annotations

import pytest

from scenarios.vocabulary import Stage
from tests.scoring_helpers import grade, rules


def test_greeting_needs_hello_agent_number_and_offer():
    plain = grade("您好，有什么可以帮您？", stage=Stage.GREETING, history=())
    proper = grade("您好，工号1024为您服务，请问有什么可以帮您？", stage=Stage.GREETING, history=())
    assert "greeting-id" in {f.rule for f in plain.flags if f.effect < 0}
    assert proper.script > plain.script and proper.script >= 80


def test_closing_needs_anything_else_and_farewell():
    bare = grade("好的。", "好，谢谢你啊。", Stage.CLOSING)
    proper = grade(
        "请问还有什么可以帮您？感谢您的来电，祝您生活愉快，再见！", "好，谢谢你啊。", Stage.CLOSING
    )
    assert proper.script >= 80 > bare.script


@pytest.mark.parametrize("reply", ["我也不知道，你爱找谁找谁。", "你听不懂吗？", "有本事你去投诉吧。"])
def test_global_forbidden_phrases_are_caught_and_cap_overall(reply):
    result = grade(reply)
    assert "forbidden" in rules(result) and result.overall <= 40


def test_case_forbidden_phrase_is_caught():
    result = grade("有录音为证，您跑不掉的。")
    assert "case-forbidden" in rules(result) and result.script < 60


def test_over_promising_beyond_policy_is_deducted():
    result = grade("我理解您，我马上给您取消。", "那可不可以取消？", Stage.AGREEMENT)
    assert "over-promise" in rules(result) and result.script < 60 and result.overall <= 50


def test_refusing_what_policy_forbids_is_not_over_promising():
    result = grade("绑定期内暂时不能马上给您取消，不过每月都会返还5元。", "可以取消吗？")
    assert "over-promise" not in rules(result)


def test_a_question_needs_an_answer_not_a_slogan():
    customer = "那怎么现在扣了钱呢？"
    slogan = grade("您的满意是我们的追求，请您理解。", customer)
    answer = grade("费用每月都扣，但每月1号会返还5元抵扣彩铃费，等于免费使用。", customer)
    assert "question-unanswered" in rules(slogan) and slogan.script < 60
    assert "answers-question" in rules(answer) and answer.script >= 60


def test_an_answer_that_takes_up_the_questions_words_is_an_answer():
    """「按三包规定是不是该换车？」 answered about 三包规定 and 换车 in other words is answered (the
    customer must not say it was ignored); a reply about something else still is not."""
    customer = "都修了三次了，按三包规定是不是就该给我换车了？"
    answer = grade(
        "关于换车，我跟您如实说：三包规定里主要总成修理次数和维修时长达到条件的，可以申请换车，需要厂家评估认定。",
        customer,
    )
    elsewhere = grade("您别着急，我先给您登记一下，稍后会有同事联系您。", customer)
    assert "answers-question" in rules(answer) and answer.event.value != "ignored"
    assert "question-unanswered" in rules(elsewhere)


def test_paraphrase_of_the_reference_script_earns_script_credit():
    paraphrase = grade(
        "换歌的话，您能上彩铃网站，也能用这个手机拨12530自己弄，或者拨12580让人工帮您换。",
        stage=Stage.AGREEMENT,
    )
    unrelated = grade("今天天气不错，您吃饭了吗？", stage=Stage.AGREEMENT)

    def credit(result):
        return {f.rule: f.effect for f in result.flags}.get("script-match", 0)

    assert credit(paraphrase) >= 20 and credit(unrelated) == 0


def test_offering_an_acceptable_resolution_is_credited_and_signalled():
    result = grade("我帮您提交核查录音的工单，3个工作日内给您回电。", stage=Stage.AGREEMENT)
    assert "offers-resolution" in rules(result) and "recording-check" in result.signals.offered


def test_stalling_without_a_time_is_flagged_but_a_concrete_time_is_not():
    assert "stalling" in rules(grade("您再等等吧，我们会尽快的。"))
    assert "stalling" not in rules(grade("请您稍等，我现在就帮您查，两分钟内告诉您。"))


def test_stage_is_detected_when_not_given():
    assert grade("您好，工号1024为您服务。", stage=None, history=()).stage == Stage.GREETING
    assert grade("请问还有什么可以帮您？感谢您的来电，再见！", stage=None).stage == Stage.CLOSING
    assert grade("我帮您申请退费，两个工作日内办理。", stage=None).stage == Stage.AGREEMENT
