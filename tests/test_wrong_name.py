"""Calling the customer by the wrong name: the grade flags it with the span, the customer puts
it right in its next line, and a colleague's name or 谢谢阿姨 is not a wrong name."""

from __future__ import annotations

import pytest

from scenarios.fill import fill
from scoring.address import wrong_address
from scoring.engines import grade_reply
from scoring.model import GradeContext
from simulator import Call, OfflineEngine
from tests.sim_helpers import LIBRARY, PERSONAS

JACKET = LIBRARY.get("retail-down-jacket-thin")  # the customer is 杨阿姨
GREETING = "您好，瑞丰商场客服中心，工号1024，请问有什么可以帮您？"


@pytest.mark.parametrize(
    ("reply", "honorific", "span"),
    [
        ("王阿姨，真是对不起，让您受冻了。", "杨阿姨", "王阿姨"),
        ("好的杨先生，我马上帮您查。", "杨阿姨", "杨先生"),
        ("王总您好，这边是客服中心。", "赵总", "王总"),
    ],
)
def test_another_surname_or_title_is_a_wrong_name(reply, honorific, span):
    assert wrong_address(reply, honorific) == span


@pytest.mark.parametrize(
    ("reply", "honorific"),
    [
        ("杨阿姨，真是对不起。", "杨阿姨"),
        ("好的，谢谢阿姨，天冷多穿点。", "杨阿姨"),
        ("我让我们李经理今天下午给您回电。", "赵总"),
        ("您放心，张经理会亲自跟进。", "赵总"),
        ("这位先生，您先别着急。", "刘先生"),
    ],
)
def test_the_right_name_a_colleague_or_a_thank_you_is_not(reply, honorific):
    assert wrong_address(reply, honorific) is None


def test_the_grade_flags_the_wrong_name_with_its_span():
    grade = grade_reply("王阿姨，真是对不起，让您这么冷的天受冻了。", GradeContext(case=JACKET))
    flag = next(f for f in grade.flags if f.rule == "wrong-name")
    assert flag.span == "王阿姨" and flag.dimension == "script" and "杨阿姨" in flag.why
    assert grade.signals.misnamed and grade.script <= 50


@pytest.mark.parametrize("persona", ["choleric", "sanguine", "phlegmatic", "melancholic"])
def test_the_customer_puts_its_name_right_in_the_next_line(persona):
    call, opening = Call.start(JACKET, PERSONAS.get(persona), OfflineEngine(), seed=2)
    opening.text()
    call.reply(GREETING).text()
    line = call.reply("王阿姨，真是对不起，让您这么冷的天受冻了。").text()
    bank = PERSONAS.get(persona).templates.misnamed
    assert call.session.state.move.kind == "correct_name"
    assert line in {fill(text, JACKET) for _, texts in bank for text in texts}
    assert "杨" in line
