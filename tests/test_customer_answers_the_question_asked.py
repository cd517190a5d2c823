"""The customer answers the questions the trainee asked: its name when asked 「您贵姓？」, the fact
a question asks about in other words (「那位客服当时是怎么跟您说的？」), not the fact a keyword
in the trainee's self-introduction happens to name (「工号1562为您服务」), and both of two
questions asked in one reply."""

from __future__ import annotations

import pytest

from scenarios.fill import fill
from scoring.case_checks import asked_facts
from simulator.offline import fact_answer
from tests.sim_helpers import LIBRARY


def _fact(case_id: str, topic: str) -> str:
    case = LIBRARY.get(case_id)
    return next(fill(f.answer, case) for f in case.customer.known_facts if f.topic == topic)


@pytest.mark.parametrize("case_id", ["city-parking-ticket", "hospital-billing-error", "auto-gearbox-defect"])
def test_asked_its_name_the_customer_gives_its_surname(case_id):
    case = LIBRARY.get(case_id)
    assert fact_answer(case, "请问您贵姓？", set()) == f"我姓{case.customer.honorific[0]}。"


def test_a_name_asked_about_someone_else_is_not_the_callers_name():
    assert "怎么称呼" not in asked_facts(
        "那个推荐的客服叫什么名字？", LIBRARY.get("telecom-ringback-consent")
    )


def test_a_question_in_other_words_gets_the_fact_it_asks_about():
    answer = fact_answer(LIBRARY.get("broadband-agent-attitude"), "那位客服当时是怎么跟您说的？", set())
    assert answer == _fact("broadband-agent-attitude", "那位客服说了什么")


def test_the_trainees_own_number_in_a_greeting_asks_for_nothing():
    case = LIBRARY.get("broadband-agent-attitude")
    assert asked_facts("您好，工号1562为您服务，请问有什么可以帮您？", case) == []
    assert asked_facts("请问那位客服的工号您记下了吗？", case) == ["工号"]


def test_two_questions_in_one_reply_get_both_answers_in_the_order_asked():
    case_id = "broadband-agent-attitude"
    answer = fact_answer(LIBRARY.get(case_id), "您是哪天打的电话？那位客服的工号您记下了吗？", set())
    assert answer == _fact(case_id, "来电时间") + _fact(case_id, "工号")


def test_a_fact_already_told_is_not_told_again_when_asked_with_another():
    case_id = "broadband-agent-attitude"
    said = {_fact(case_id, "来电时间")}
    answer = fact_answer(LIBRARY.get(case_id), "您是哪天打的电话？那位客服的工号您记下了吗？", said)
    assert answer == _fact(case_id, "工号")
