"""Once the customer has agreed and calmed down, a used-up bank never pulls in a line of another
mood: no choleric threat (「你再说一遍试试？」) after 「谢谢你」, and a resolved call ends on a
closing line of the case."""

from __future__ import annotations

import pytest

from scenarios.fill import fill
from tests.sim_helpers import LIBRARY, PERSONAS, play_script

GEARBOX = LIBRARY.get("auto-gearbox-defect")
# A good call whose recap names times the case's own lines do not (明天之内, 三个工作日内).
GOOD = [
    "您好，厂家客户关爱中心，工号6601为您服务，请问有什么可以帮您？",
    "您说的这些我都在听，高速上突然没了动力，您和家人当时一定吓坏了，人没事吧？",
    "真的对不起，让您碰上这么危险的情况。麻烦跟您核对一下：车是哪天买的，之前三次维修分别是什么时候、收了多少钱？",
    "反复故障还两次收您检测费，这个确实不合理，三包期内的故障检测不该让您掏钱，检测费我们会督促店里全额退还。",
    "具体安排是：明天之内厂家技术专家到店和4S店联合检测；检测费三个工作日内退还；今天就协调店里给您提供代步车。",
    "我复述一下：明天专家到店联合检测，检测费三个工作日内退，代步车今天安排。您看可以吗？",
    "请问还有别的需要我帮您的吗？",
    "感谢您的耐心，路上注意安全，再见。",
]


def hot_lines(persona_id: str) -> set[str]:
    persona = PERSONAS.get(persona_id)
    return {
        fill(line, GEARBOX)
        for _, bank in persona.templates
        if bank is not None
        for line in (*bank.angry, *bank.furious)
    }


@pytest.mark.parametrize("persona_id", sorted(PERSONAS.personas))
@pytest.mark.parametrize("seed", [15, 16, 17])
def test_after_agreeing_the_customer_says_nothing_from_an_angry_bank(persona_id, seed):
    call = play_script(persona_id, GOOD, seed=seed, case=GEARBOX)
    agreed_at = next((t.index for t in call.session.turns if t.state.agreed), None)
    assert agreed_at is not None, [t.text for t in call.session.turns]
    later = [
        t for t in call.session.turns[agreed_at:] if t.role == "customer" and t.state.mood.value == "calm"
    ]
    assert not [t.text for t in later if t.text in hot_lines(persona_id)]
