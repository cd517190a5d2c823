"""The agenda-driven customer: each line answers what the trainee just did, nothing before it is said."""

from __future__ import annotations

import pytest

from scenarios.fill import fill
from simulator import Call, OfflineEngine
from simulator.agenda import raise_order
from simulator.selftest import bank_lines
from tests.sim_helpers import LIBRARY, PERSONAS

JACKET = LIBRARY.get("retail-down-jacket-thin")
AGENDA = JACKET.agenda
GREETING = "您好，瑞丰商场客服中心，工号1024，请问有什么可以帮您？"
APOLOGY = "杨阿姨，这么冷的天让您穿着不暖和，真是对不住，给您添麻烦了。"
OFFER = "我们可以把衣服送到厂家检测，缺多少补多少，免费补绒返工，大概10到15天。"


def _filled(lines) -> set[str]:
    return {fill(line, JACKET) for line in lines}


def _accepting_lines() -> set[str]:
    lines = [line for d in AGENDA.demands for line in d.accept] + list(JACKET.lines.outcomes.resolved)
    return _filled(lines)


def _play(replies: list[str], persona: str = "phlegmatic", seed: int = 3) -> list[str]:
    call, opening = Call.start(JACKET, PERSONAS.get(persona), OfflineEngine(), seed=seed)
    said = [opening.text()]
    for reply in replies:
        if call.session.state.ended:
            break
        said.append(call.reply(reply).text())
    return said


def test_every_case_has_an_agenda_whose_demands_name_its_resolutions():
    for case in LIBRARY:
        assert case.agenda is not None, case.id
        known = {r.id for r in case.resolutions}
        assert all(set(d.met_by) <= known for d in case.agenda.demands), case.id


@pytest.mark.parametrize("persona", ["choleric", "sanguine", "phlegmatic", "melancholic"])
def test_nothing_is_accepted_before_anything_was_offered(persona):
    lines = _play(
        [GREETING, APOLOGY, "我非常理解您的心情，这事搁谁身上都着急。", "您说的情况我都记下了。"], persona
    )
    assert not set(lines) & _accepting_lines()


def test_after_a_greeting_the_customer_states_its_first_demand():
    lines = _play([GREETING])
    first = AGENDA.demands[0]
    assert lines[1] in _filled(line for _, bank in first.voice for line in bank)


def test_a_question_about_a_known_fact_is_answered_in_the_next_line():
    lines = _play([GREETING, "杨阿姨，您是哪天买的，多少钱？"])
    assert "二百六十九" in lines[2]


def test_an_offer_that_meets_the_demand_is_evaluated_as_an_offer():
    lines = _play([GREETING, APOLOGY, OFFER])
    first = AGENDA.demands[0]
    assert lines[3] in _filled([*first.accept, *first.bargain, *JACKET.lines.outcomes.resolved])


def test_an_explanation_clears_a_voiced_misunderstanding():
    call, opening = Call.start(JACKET, PERSONAS.get("sanguine"), OfflineEngine(), seed=5)
    opening.text()
    belief = AGENDA.misunderstandings[0]
    for reply in [GREETING, APOLOGY, "您说的情况我都记下了，我来帮您处理。"]:
        call.reply(reply).text()
        if belief.id in call.session.state.agenda.voiced:
            break
    assert belief.id in call.session.state.agenda.voiced
    line = call.reply("杨阿姨您放心，特价的我们一样负责，特价商品同样享受三包。").text()
    assert line in _filled(belief.cleared)


def test_anything_else_with_nothing_left_gets_a_goodbye_not_a_new_complaint():
    call, opening = Call.start(JACKET, PERSONAS.get("sanguine"), OfflineEngine(), seed=5)
    opening.text()
    call.reply(GREETING).text()
    settled = call.session.state.agenda.model_copy(update={"settled": tuple(raise_order(AGENDA))})
    state = call.session.turns[-1].state.model_copy(update={"agenda": settled})
    call.session.turns[-1] = call.session.turns[-1].model_copy(update={"state": state})
    assert call.reply("请问您还有别的需要吗？").text() in _filled(AGENDA.nothing_else)


def test_each_customer_line_is_one_line_of_the_banks_never_two_stitched():
    banks = _all_lines()
    replies = [
        GREETING,
        APOLOGY,
        "您说的情况我都记下了。",
        OFFER,
        "我们也是按规定办事，您自己没看清楚。",
        "请您稍等。",
    ]
    for persona in ["choleric", "sanguine", "phlegmatic", "melancholic"]:
        for line in _play(replies, persona)[1:]:
            assert line in banks, line


def _all_lines() -> set[str]:
    lines: set[str] = set()
    for persona in PERSONAS:
        lines |= bank_lines(JACKET, persona)
    return lines


PHONE = LIBRARY.get("retail-phone-price-gap")
PHONE_TURNS = [
    "您好，恒悦百货客服中心，工号1024，请问有什么可以帮您？",
    "陈女士，真对不起，砍了半天价结果比专卖店还贵，换谁都会觉得被耍了。",
]
OFFER_AND_QUESTION = (
    "我马上帮您登记价保申请，核实后退还差价381元，3个工作日内原路退回。请问您是哪天在专卖店看到这个价格的？"
)


@pytest.mark.parametrize("persona", ["sanguine", "phlegmatic"])
def test_a_question_asked_with_an_accepted_offer_is_answered_first_then_the_yes_comes(persona):
    call, opening = Call.start(PHONE, PERSONAS.get(persona), OfflineEngine(), seed=2)
    opening.text()
    for reply in PHONE_TURNS:
        call.reply(reply).text()
    answer = call.reply(OFFER_AND_QUESTION).text()
    state = call.session.state
    assert state.move.kind == "answer" and not state.agreed
    assert answer in {fill(fact.answer, PHONE) for fact in PHONE.customer.known_facts}
    call.reply("好的，我都记下了。").text()
    assert call.session.state.move.kind == "resolved" and call.session.state.agreed
