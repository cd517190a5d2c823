"""不争辩: every arguing family deducts; polite firm statements and ownership do not."""

from __future__ import annotations

import pytest

from tests.scoring_helpers import grade, rules

ARGUING = [
    ("不是这样的，您搞错了。", "contradict"),
    ("这是您自己没看清楚短信。", "blame"),
    ("难道您不知道要回复才算开通吗？", "rhetorical"),
    ("您应该先看清楚合同再办业务。", "lecture"),
    ("公司就是这样规定的，我也没办法。", "policy-shield"),
    ("这不归我们管，您去找营业厅吧。", "deflect"),
    ("您先冷静一下，别激动。", "calm-down"),
    ("请您注意您的措辞，先给我道歉。", "ask-apology"),
    ("您先听我说完。", "interrupt"),
]


@pytest.mark.parametrize(("reply", "rule"), ARGUING)
def test_each_arguing_family_is_caught(reply, rule):
    result = grade(reply)
    assert rule in rules(result)
    assert result.no_arguing < 60


@pytest.mark.parametrize(
    "reply",
    [
        "我理解您的心情，这项业务在绑定期内暂时不能取消，不过每月1号会返还5元。",
        "我来帮您联系营业厅核实，有结果第一时间告诉您。",
        "您先别着急，我马上帮您查一下。",
        "我向您道歉，是我们没有跟您说清楚。",
        "如果是我们误会了您的意思，请您再说一遍，我记下来。",
        "请问您当时是怎么答复的？我记下来帮您核实。",
    ],
)
def test_firm_but_polite_replies_are_not_arguing(reply):
    result = grade(reply)
    assert result.no_arguing == 100, [f.rule for f in result.flags if f.dimension == "no_arguing"]


def test_asking_for_an_apology_caps_the_overall_score():
    assert grade("我理解您的心情，但请您先给我道歉。").overall <= 30


def test_you_did_agree_to_a_customer_who_never_agreed_is_arguing():
    history = (("agent", "当时您有没有答应呢？"), ("customer", "我没有，我只是说我要考虑。"))
    result = grade("当时应该是外呼您同意了以后才帮您开通的。", "你们不能强制开通！", history=history)
    assert "contradict-account" in rules(result) and result.no_arguing < 60


def test_asking_whether_they_agreed_is_not_arguing():
    history = (("agent", "您好"), ("customer", "我根本没有同意开通！"))
    result = grade("请问您当时有没有同意呢？我帮您调取录音核实。", "我根本没有同意开通！", history=history)
    assert "contradict-account" not in rules(result)


def test_restating_the_customers_denial_is_not_arguing():
    result = grade("您没有同意的话，我马上帮您核查录音。", "我没有同意！")
    assert "contradict-account" not in rules(result)
