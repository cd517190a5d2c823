"""共情: each empathy family earns credit; owed apologies are expected in context."""

from __future__ import annotations

import pytest

from scenarios.vocabulary import Stage
from tests.scoring_helpers import grade, rules


@pytest.mark.parametrize(
    ("reply", "rule"),
    [
        ("真对不起，给您添麻烦了，我帮您看一下。", "apology"),
        ("我非常理解您的心情，换作是我也会着急。", "feeling"),
        ("这件事我来帮您处理，我马上为您核实。", "ownership"),
        ("请您放心，我一定给您一个明确的答复。", "reassurance"),
        ("感谢您的耐心，我把情况记下来了。", "thanks"),
    ],
)
def test_each_empathy_family_is_credited(reply, rule):
    result = grade(reply)
    assert rule in rules(result)
    assert result.empathy >= 60


@pytest.mark.parametrize(
    "reply",
    ["彩铃每月1号返还5元，绑定到明年3月底。", "您可以拨12580人工换歌。", "系统显示是4月开通的。"],
)
def test_a_purely_factual_reply_earns_no_empathy_credit(reply):
    result = grade(reply)
    assert not rules(result) & {"apology", "feeling", "ownership", "reassurance", "thanks"}
    assert result.empathy < 60


def test_customer_who_waited_expects_an_apology():
    customer = "喂，你好。终于打通你们的电话了。"
    without = grade("您好，工号1024为您服务，请问有什么可以帮您？", customer, Stage.GREETING, history=())
    with_apology = grade(
        "您好，工号1024，真对不起让您久等了，请问有什么可以帮您？", customer, Stage.GREETING, history=()
    )
    assert "apology-for-waiting" in rules(without)
    assert "apology-for-waiting" not in rules(with_apology)
    assert with_apology.empathy > without.empathy


def test_no_apology_is_expected_when_nothing_went_wrong():
    result = grade(
        "您好，工号1024为您服务，请问有什么可以帮您？", "你好，我想问一下彩铃。", Stage.GREETING, history=()
    )
    assert not {"apology-for-waiting", "acknowledge-anger"} & rules(result)


def test_angry_customer_expects_feelings_acknowledged():
    customer = "你们凭什么给我乱扣钱！太过分了！"
    cold = grade("彩铃每月1号会返还5元。", customer)
    warm = grade("我非常理解您的心情，彩铃每月1号会返还5元。", customer)
    assert "acknowledge-anger" in rules(cold) and "acknowledge-anger" not in rules(warm)
    assert warm.empathy - cold.empathy >= 40


def test_a_jab_next_to_a_warm_word_does_not_read_as_empathy():
    assert grade("我理解您，但这是您自己没看清楚。").empathy < 60
