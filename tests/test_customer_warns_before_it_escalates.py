"""Out of patience, the customer warns once before it acts: its anger climbs to just under its
first escalation, it says so in its own temperament's words, and the next reply decides — a real
answer keeps the call going, one more stall ends it."""

from __future__ import annotations

import pytest

from scenarios.fill import fill
from simulator.agenda_words import move_words
from simulator.state import ULTIMATUM_MARGIN, _escalations
from tests.sim_helpers import LIBRARY, PERSONAS, play_script

BILLING = LIBRARY.get("hospital-billing-error")
OPENING = "您好，这里是医院门诊服务中心，我是客服小王，请问有什么可以帮您？"
STALLS = ["这个我需要查一下，您稍等。", "您再等等，我们会尽快的。", "这个我得问问再说，您稍等。"] * 2
RECOVERY = (
    "我理解您跑了两趟很辛苦，真的很抱歉给您添麻烦了。我现在就帮您查这两笔重复的收费，"
    "今天下午五点前给您回电话，退费三个工作日内原路退回。"
)


def _first_escalation(persona_id: str) -> int:
    return min(at for at, _ in _escalations(PERSONAS.get(persona_id).state))


def _warning_turn(call):
    return next(t for t in call.session.turns if t.role == "customer" and t.state.move.kind == "ultimatum")


def _replies_before(call, turn) -> list[str]:
    turns = call.session.turns
    return [t.text for t in turns[: turns.index(turn)] if t.role == "agent"]


@pytest.mark.parametrize("persona_id", ["melancholic", "sanguine", "phlegmatic"])
def test_stalling_brings_one_warning_in_the_personas_words_before_the_call_ends(persona_id):
    call = play_script(persona_id, [OPENING, *STALLS], seed=3, case=BILLING)
    warning = _warning_turn(call)
    assert warning.state.outcome is None
    assert warning.state.anger >= _first_escalation(persona_id) - ULTIMATUM_MARGIN
    bank = PERSONAS.get(persona_id).templates.ultimatum
    assert warning.text in {fill(line, BILLING) for _, lines in bank for line in lines}
    assert call.session.state.ended, "one more stall after the warning ends the call"
    assert len(_replies_before(call, warning)) < len([t for t in call.session.turns if t.role == "agent"])


def test_a_real_answer_after_the_warning_keeps_the_customer_on_the_line():
    stalled = play_script("melancholic", [OPENING, *STALLS], seed=3, case=BILLING)
    warning = _warning_turn(stalled)
    call = play_script("melancholic", [*_replies_before(stalled, warning), RECOVERY], seed=3, case=BILLING)
    assert not call.session.state.ended
    assert call.session.state.anger < warning.state.anger


def test_the_llm_customer_is_told_to_warn_not_to_hang_up_yet():
    call = play_script("melancholic", [OPENING, *STALLS], seed=3, case=BILLING)
    words = move_words(BILLING, _warning_turn(call).state, "被拖延")
    assert "最后通牒" in words and "先不要真的挂断" in words
