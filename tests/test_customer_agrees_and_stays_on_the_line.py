"""A customer who says yes mid-call stays on the line: no goodbye, a yes to 「这样行吗？」, no old
misunderstanding raised again, a demand voiced in its current mood's words."""

from __future__ import annotations

import pytest

from scoring.text import asks_only_consent, is_question
from simulator import Call, OfflineEngine
from simulator.agenda_words import may_close
from simulator.guard import closes_call
from tests.sim_helpers import PERSONAS, RINGBACK

OPENING = [
    "您好，这里是星联移动客服，工号1024，很抱歉让您久等了，请问有什么可以帮您？",
    "王先生，非常理解您的心情，没经过您同意就被开了业务，换谁都会着急。请问您最近有没有接到过我们的外呼电话？",
    "明白了，您只是说考虑考虑。系统看到是4月份外呼时开的优惠套餐，彩铃每月5块，但每月1号会返还5块话费，所以相当于不花钱。",
]
KEEP_IT = "这个优惠绑定到明年3月底，期间每月都会返还，不喜欢铃声可以自己换歌。您看这样保留着行吗？"


def _agreed_call(seed: int) -> tuple[Call, list[str]]:
    call, opening = Call.start(RINGBACK, PERSONAS.get("sanguine"), OfflineEngine(), seed=seed)
    lines = [opening.text()]
    for reply in OPENING:
        lines.append(call.reply(reply).text())
    assert call.session.state.agreed and not call.session.state.ended
    return call, lines


@pytest.mark.parametrize("seed", range(4))
def test_the_line_that_says_yes_does_not_say_goodbye_while_the_call_goes_on(seed: int) -> None:
    _, lines = _agreed_call(seed)
    assert not closes_call(lines[-1]), lines[-1]


@pytest.mark.parametrize("seed", range(4))
def test_is_that_all_right_after_a_yes_gets_a_yes_not_a_dont_know(seed: int) -> None:
    call, _ = _agreed_call(seed)
    line = call.reply(KEEP_IT).text()
    assert call.session.state.move.kind == "confirm"
    assert "不知道" not in line and "不清楚" not in line, line


def test_after_saying_yes_the_customer_raises_no_mistaken_belief() -> None:
    call, _ = _agreed_call(0)
    beliefs = {line for m in RINGBACK.agenda.misunderstandings for line in m.voice}
    for reply in [
        KEEP_IT,
        "返还是从5月1号开始的，每个月按时返到您话费里。",
        "您还有别的疑问吗？我都可以帮您解答。",
    ]:
        line = call.reply(reply).text()
        assert line not in beliefs, line


def test_a_calm_customer_voices_a_demand_in_its_calm_words() -> None:
    call, _ = _agreed_call(0)
    for reply in [KEEP_IT, "好的，彩铃给您保留着。", "返还是每月1号到账的。"]:
        line = call.reply(reply).text()
        state = call.session.state
        if state.move.kind == "raise" and state.mood.value == "calm":
            demand = next((d for d in RINGBACK.agenda.demands if d.id == state.move.item), None)
            if demand is not None:
                assert line in demand.voice.calm, line
                return
    pytest.skip("no demand raised in this script")


def test_llm_customer_may_not_say_goodbye_just_for_having_agreed() -> None:
    call, _ = _agreed_call(0)
    assert not may_close(call.session.state)


@pytest.mark.parametrize(
    ("text", "consent"),
    [
        ("您看这样保留着行吗？", True),
        ("我给您登记一下，以后外呼先征得您同意，您看可以吗？", True),
        ("这样处理您满意吗？", True),
        ("请问您是哪天收到短信的？", False),
        ("您看这样行吗？另外您是哪天收到短信的？", False),
        ("好的，给您保留着。", False),
    ],
)
def test_a_question_asking_only_for_a_yes_is_told_from_one_asking_a_fact(text: str, consent: bool) -> None:
    assert asks_only_consent(text) is consent


def test_these_few_months_is_not_a_question() -> None:
    assert not is_question("返还每个月都到账，您这几个月的账单上应该能看到。")
    assert is_question("您打了几次电话？")
