"""The offline customer accepts and recaps the deal in the trainee's terms: a time the company
commits to (48小时, 五天内, 3个工作日) appears in an acceptance only after the trainee said it."""

from __future__ import annotations

import pytest

from simulator.offline import COMMITMENT
from tests.sim_helpers import LIBRARY, PERSONAS, play_script

GEARBOX = LIBRARY.get("auto-gearbox-defect")
# A good call that promises the expert visit "三天内" where the case's own policy says 48 hours.
THREE_DAYS = [
    "您好，很高兴为您服务，真对不起让您久等了，请问有什么可以帮您？",
    "陈先生，非常理解您的心情，新车修了三次还坏，高速上失去动力太危险了，您和家人没受伤吧？我用您的手机号调出维修记录核对一下。",
    "三包期内还收您两次检测费共600元确实不合理，我不替4S店辩解，这600元我帮您申请退回；换不换车要看三包条件和检测结论，厂家会直接介入。",
    "我马上安排厂家技术专家三天内到店检测并给书面结论，期间给您安排代步车；符合三包换车条件的我们按规定给您办。",
    "跟您确认一下：三天内专家到店检测、出书面结论，600元检测费退回，今天安排代步车，工单号稍后短信发您。感谢您给我们处理的机会，进展我会主动告知您。",
    "好的陈先生，一定按这个办，请您保持电话畅通，感谢您的来电，祝您生活愉快，再见。",
]


@pytest.mark.parametrize("persona_id", sorted(PERSONAS.personas))
@pytest.mark.parametrize("seed", [1, 7, 42])
def test_after_the_offer_no_customer_line_restates_a_time_the_trainee_did_not_say(persona_id, seed):
    call = play_script(persona_id, THREE_DAYS, seed=seed, case=GEARBOX)
    turns = call.session.turns
    said = ""
    offered = False
    for turn in turns:
        if turn.role == "agent":
            said += turn.text
            offered = offered or "三天内" in turn.text
        elif offered:
            unsaid = [t for t in COMMITMENT.findall(turn.text) if t not in said]
            assert not unsaid, (turn.text, unsaid)


def test_the_check_is_not_vacuous_the_case_does_hold_lines_with_its_own_times():
    lines = [
        line
        for bank in (GEARBOX.lines.outcomes.resolved, GEARBOX.lines.stages.agreement.calm)
        for line in bank
    ]
    assert any("48小时" in line for line in lines)
