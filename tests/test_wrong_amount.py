"""Stating a wrong sum of money: the grade flags it with the span, the customer queries it in its
next line instead of taking the offer, and amounts the case knows or the trainee worked out
(a price gap, a total) are not wrong."""

from __future__ import annotations

import pytest

from scenarios.fill import fill, filled_texts
from scoring.amounts import chinese_number, known_amounts, money_amounts, wrong_amount
from scoring.engines import grade_reply
from scoring.model import GradeContext
from simulator import Call, OfflineEngine
from tests.sim_helpers import LIBRARY, PERSONAS

PHONE = LIBRARY.get("retail-phone-price-gap")  # paid 3380 元, the brand shop sells it at 2999 元
KNOWN = known_amounts(filled_texts(PHONE))
GREETING = "您好，恒悦百货客服中心，工号1024，请问有什么可以帮您？"


@pytest.mark.parametrize(
    ("spoken", "value"),
    [
        ("三千三百八", 3380),
        ("两千九百九十九", 2999),
        ("三千零九十九", 3099),
        ("一百二", 120),
        ("3,380", 3380),
    ],
)
def test_spoken_and_written_numbers_are_read(spoken, value):
    assert chinese_number(spoken) == value


def test_only_sums_with_a_money_unit_count_in_a_reply():
    found = money_amounts("差价三百八十一元，退您381块，送您一块手表，两块钱的袋子")
    assert [value for value, _ in found] == [381, 381]


@pytest.mark.parametrize(
    "reply",
    [
        "陈女士，您是3380元买的，专卖店卖2999元，差价381元核实后退给您。",
        "您是花了三千三百八十块买的，对吧？",
        "差价381元加上200元的购物券，一共581元的补偿。",
    ],
)
def test_amounts_the_case_knows_or_the_trainee_worked_out_are_not_wrong(reply):
    assert wrong_amount(reply, KNOWN) is None


def test_a_sum_nobody_mentioned_is_wrong_and_quoted():
    assert wrong_amount("我跟您核对一下，您是3500元买的，差价500元。", KNOWN) == "3500元"


def test_the_grade_flags_the_wrong_amount_with_its_span():
    grade = grade_reply("陈女士，我复述一下：您是3500元买的，核实后退您差价500元。", GradeContext(case=PHONE))
    flag = next(f for f in grade.flags if f.rule == "wrong-amount")
    assert flag.span == "3500元" and flag.dimension == "script"
    assert grade.signals.misstated and grade.script <= 50


@pytest.mark.parametrize("persona", ["choleric", "sanguine", "phlegmatic", "melancholic"])
def test_the_customer_queries_a_wrong_amount_instead_of_taking_the_offer(persona):
    call, opening = Call.start(PHONE, PERSONAS.get(persona), OfflineEngine(), seed=2)
    opening.text()
    call.reply(GREETING).text()
    line = call.reply("陈女士，真对不起。我帮您登记价保，核实后退您差价500元。").text()
    bank = PERSONAS.get(persona).templates.misstated
    assert call.session.state.move.kind == "correct_fact"
    assert line in {fill(text, PHONE) for _, texts in bank for text in texts}
    assert not call.session.state.agenda.offered
