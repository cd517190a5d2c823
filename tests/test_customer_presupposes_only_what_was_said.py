"""The customer takes for granted only what the trainee said: a time the company commits to
(48小时, 五天内), a share refunded (两成), a ticket number, the trainee's 工号 or a callback appears
in the customer's acceptance, recap or goodbye only after the trainee said it — offline and
through the LLM guard — and 「你一句都没听进去」 only once the call is long enough for it."""

from __future__ import annotations

import pytest

from simulator.guard import SentenceGuard
from simulator.presuppose import unsaid
from tests.sim_helpers import LIBRARY, PERSONAS, play_script

GEARBOX = LIBRARY.get("auto-gearbox-defect")
BROADBAND = LIBRARY.get("broadband-agent-attitude")
# A good call that promises the expert visit "三天内" where the case's own policy says 48 hours.
THREE_DAYS = [
    "您好，很高兴为您服务，真对不起让您久等了，请问有什么可以帮您？",
    "陈先生，非常理解您的心情，新车修了三次还坏，高速上失去动力太危险了，您和家人没受伤吧？我用您的手机号调出维修记录核对一下。",
    "三包期内还收您两次检测费共600元确实不合理，我不替4S店辩解，这600元我帮您申请退回；换不换车要看三包条件和检测结论，厂家会直接介入。",
    "我马上安排厂家技术专家三天内到店检测并给书面结论，期间给您安排代步车；符合三包换车条件的我们按规定给您办。",
    "跟您确认一下：三天内专家到店检测、出书面结论，600元检测费退回，今天安排代步车，工单号稍后短信发您。感谢您给我们处理的机会，进展我会主动告知您。",
    "好的陈先生，一定按这个办，请您保持电话畅通，感谢您的来电，祝您生活愉快，再见。",
]
# A good broadband call that never gives a ticket number, its 工号 or a callback.
NO_TICKET = [
    "您好，这里是宽带客服中心，请问有什么可以帮您？",
    "阿姨，真对不起，您明明说了两遍只续原来的套餐，还被改成月付、被那样对待，换谁都会生气。",
    "我查到前天下午那通电话确实把套餐改成了500兆月付，是我们办错了，我马上把您的投诉正式提交上去，由服务监督团队核实那位客服的态度。",
    "核实后给您恢复200兆包年续费，多扣的129元原路退回，这些不会让那位客服来处理。",
    "跟您确认一下：恢复包年续费、退回129元、那位客服的态度由服务监督团队核实处理。您看对吗？",
    "感谢您的耐心，祝您生活愉快，再见。",
]


@pytest.mark.parametrize(
    ("line", "said", "presupposed"),
    [
        ("工单号我记下了，别让我白等。", "", "ticket_number"),
        ("工单号我记下了，别让我白等。", "工单编号是A1023", None),
        ("我的订单号是8848，你查一下。", "", None),
        ("好，那我等你们电话，没别的了。", "", "callback"),
        ("好，那我等你们电话，没别的了。", "明天上午给您回电", None),
        ("我记下你工号了，没动静我就发网上。", "", "agent_number"),
        ("我记下你工号了，没动静我就发网上。", "我是工号1024的客服", None),
        ("这事我会盯着的，你工号多少？", "", None),
        ("行，48小时内专家到店就行。", "三天内安排专家", "time_commitment"),
        ("行，三天内专家到店就行。", "三天内安排专家", None),
        ("行，菜钱退了，再退两成，这事就这么着吧。", "退您128元菜钱", "refund_share"),
        ("行，就按退两成那个办吧。", "二是退还当晚消费的两成", None),
        ("八成是你们后厨没检查。", "", None),
        ("彩超的事你说了，那40块呢？", "重复收费的那笔我来查", "topic_explained"),
        ("彩超的事你说了，那40块呢？", "那笔彩超的费用会退回", None),
    ],
)
def test_a_line_presupposes_what_only_the_trainee_could_have_said(line, said, presupposed):
    assert unsaid(line, said) == presupposed


@pytest.mark.parametrize("persona_id", sorted(PERSONAS.personas))
@pytest.mark.parametrize("seed", [1, 7, 42])
def test_after_the_offer_no_customer_line_restates_a_time_the_trainee_did_not_say(persona_id, seed):
    _assert_nothing_unsaid(play_script(persona_id, THREE_DAYS, seed=seed, case=GEARBOX).session.turns)


@pytest.mark.parametrize("persona_id", sorted(PERSONAS.personas))
@pytest.mark.parametrize("seed", [1, 7, 42])
def test_without_a_ticket_number_the_customer_never_says_it_noted_one(persona_id, seed):
    turns = play_script(persona_id, NO_TICKET, seed=seed, case=BROADBAND).session.turns
    _assert_nothing_unsaid(turns)


@pytest.mark.parametrize(
    ("line", "history", "presupposed"),
    [
        ("我说了这么多你一句都没听进去！", [("customer", "我车被抄了！")], "told_many_times"),
        (
            "我说了这么多你一句都没听进去！",
            [("customer", "喂？"), ("agent", "您好"), ("customer", "抄单的事"), ("agent", "嗯")],
            None,
        ),
        ("我刚才问的是具体时间。", [("customer", "我车被抄了！"), ("agent", "您好")], "asked_before"),
        ("我刚才问的是具体时间。", [("customer", "钱什么时候退？"), ("agent", "您好")], None),
    ],
)
def test_a_line_presupposes_a_call_long_enough_for_it(line, history, presupposed):
    assert unsaid(line, "", history) == presupposed


@pytest.mark.parametrize("persona_id", sorted(PERSONAS.personas))
def test_a_bare_first_greeting_is_never_told_it_did_not_listen(persona_id):
    for seed in range(12):
        call = play_script(
            persona_id, ["您好，城管热线，请讲。"], seed=seed, case=LIBRARY.get("city-parking-ticket")
        )
        reply = call.session.turns[-1].text
        assert unsaid(reply, "", [("customer", "x"), ("agent", "您好")]) != "told_many_times", (seed, reply)


def test_the_checks_are_not_vacuous_the_cases_hold_lines_presupposing_these():
    lines = [
        *GEARBOX.lines.outcomes.resolved,
        *GEARBOX.lines.stages.agreement.calm,
        *BROADBAND.lines.stages.closing.calm,
        *BROADBAND.lines.stages.closing.annoyed,
    ]
    found = {unsaid(line, "") for line in lines}
    assert {"time_commitment", "ticket_number", "callback"} <= found


def test_the_llm_guard_drops_a_sentence_noting_a_ticket_number_never_given():
    guard = SentenceGuard("", 80, may_agree=True, trainee_said="我马上把您的投诉提交上去。")
    assert guard.allow("工单号我记下了，别让我白等。") == ""
    assert guard.allow("好，希望这回真有人管。") == "好，希望这回真有人管。"


def _assert_nothing_unsaid(turns) -> None:
    said = ""
    for turn in turns:
        if turn.role == "agent":
            said += turn.text
        elif said:
            assert unsaid(turn.text, said) is None, (turn.text, said)
