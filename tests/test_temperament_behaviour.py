"""Every temperament reacts to what the trainee did: arguing angers, empathy resolves the 彩铃 case."""

from __future__ import annotations

import pytest

from simulator import initial_state, update
from tests.scoring_helpers import grade
from tests.sim_helpers import ARGUING, EMPATHIC, PERSONAS, RINGBACK, play_script

TEMPERAMENTS = ["choleric", "sanguine", "phlegmatic", "melancholic"]


def _peak_anger(call) -> int:
    return max(turn.state.anger for turn in call.session.turns)


@pytest.mark.parametrize("persona_id", TEMPERAMENTS)
def test_arguing_ends_far_angrier_than_empathy(persona_id):
    argued, empathic = play_script(persona_id, ARGUING), play_script(persona_id, EMPATHIC)
    assert argued.session.state.anger - empathic.session.state.anger >= 40
    assert _peak_anger(argued) > _peak_anger(empathic)


@pytest.mark.parametrize("persona_id", TEMPERAMENTS)
def test_the_empathic_script_resolves_the_ringback_case(persona_id):
    call = play_script(persona_id, EMPATHIC)
    assert call.session.outcome == "resolved"
    assert call.session.state.outcome is not None and call.session.state.outcome.value == "resolved"


@pytest.mark.parametrize("persona_id", TEMPERAMENTS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_arguing_never_resolves(persona_id, seed):
    call = play_script(persona_id, ARGUING + EMPATHIC[4:], seed=seed)
    assert call.session.outcome in {"escalated", "hung_up"}


def _after(persona_id: str, replies: list[tuple[str, str]]):
    persona = PERSONAS.get(persona_id)
    state = initial_state(persona)
    for reply, customer in replies:
        state = update(state, grade(reply, customer), persona, RINGBACK)
    return state


def test_choleric_heats_faster_than_phlegmatic():
    jab = [("这是规定，我也没办法。", "能取消吗？")]
    rise = {p: _after(p, jab).anger - PERSONAS.get(p).state.start_anger for p in ("choleric", "phlegmatic")}
    assert rise["choleric"] > 2 * rise["phlegmatic"]


def test_choleric_cools_faster_than_phlegmatic():
    soothe = [("我非常理解您的心情，是我们没说清楚，我马上帮您核实。", "我没同意开通！")] * 2
    drop = {
        p: PERSONAS.get(p).state.start_anger - _after(p, soothe).anger for p in ("choleric", "phlegmatic")
    }
    assert drop["choleric"] > drop["phlegmatic"]


def test_melancholic_stays_wary_after_one_bad_line():
    good = [("我非常理解您的心情，是我们没说清楚，我马上帮您核实。", "我没同意开通！")] * 4
    bad_then_good = [("肯定是您自己同意的。", "我没同意开通！"), *good]
    hurt, spared = _after("melancholic", bad_then_good), _after("melancholic", good)
    assert hurt.grudge_floor > 0 and hurt.anger >= hurt.grudge_floor > spared.anger
    assert hurt.trust < spared.trust


def test_sanguine_is_won_over_by_being_heard_more_than_phlegmatic():
    heard = [("我非常理解您的心情，换作是我也会着急。", "你们太过分了！")]
    drop = {p: PERSONAS.get(p).state.start_anger - _after(p, heard).anger for p in ("sanguine", "phlegmatic")}
    assert drop["sanguine"] > drop["phlegmatic"]


def test_stalling_uses_up_patience_until_the_customer_escalates():
    call = play_script("choleric", ["您再等等吧，我们会尽快的。"] * 6)
    assert call.session.outcome == "escalated"
    assert (
        len([t for t in call.session.turns if t.role == "agent"])
        <= PERSONAS.get("choleric").state.patience + 1
    )
