"""The customer reacts to what the learned grader reads: natural hostile calls never calm anyone.

The hostile calls are the corpus' (written independently of our code, sarcasm, rhetorical
questions, blame and policy-hiding in plain spoken Chinese): played line by line against every
temperament, each ends with the customer escalating or hanging up, angrier than at the start;
poor calls never resolve nor end calmer, and an answer with no warmth informs without soothing.
"""

from __future__ import annotations

import pytest

from scenarios.vocabulary import Event, Stage
from scoring.corpus import load_calls, replies_of
from scoring.model import ReplyGrade, Signals
from simulator import Call, OfflineEngine
from simulator.state import initial_state, update
from tests.sim_helpers import LIBRARY, PERSONAS

HOSTILE = [call for call in load_calls() if call.level == "hostile"]
TEMPERAMENTS = ("choleric", "sanguine", "phlegmatic", "melancholic")


def _play(corpus_call, persona_id: str, seed: int = 1) -> tuple[int, Call]:
    call, opening = Call.start(
        LIBRARY.get(corpus_call.case_id), PERSONAS.get(persona_id), OfflineEngine(), seed=seed
    )
    opening.text()
    start = call.session.state.anger
    for reply in replies_of(corpus_call):
        if call.session.state.ended:
            break
        call.reply(reply.text).text()
    return start, call


@pytest.mark.parametrize("persona_id", TEMPERAMENTS)
def test_a_natural_hostile_call_never_calms_any_temperament(persona_id):
    assert len(HOSTILE) >= 21
    for corpus_call in HOSTILE:
        start, call = _play(corpus_call, persona_id)
        state = call.session.state
        assert call.session.outcome in {"escalated", "hung_up"}, (corpus_call.call_id, state.outcome)
        assert state.anger > start, (corpus_call.call_id, start, state.anger)


def test_sarcasm_blame_and_policy_hiding_are_read_as_arguing():
    from scoring import GradeContext, grade_reply

    for line in (
        "您自己不看短信，现在来怪我们？",
        "合同上白纸黑字写着，您签字的时候怎么不看？",
        "谁跟您说能退的？您找他去。",
    ):
        grade = grade_reply(line, GradeContext(customer="你们凭什么扣我钱？"))
        assert grade.signals.argued and grade.no_arguing < 50, (line, grade.no_arguing)


POOR = [call for call in load_calls() if call.level == "poor"]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("persona_id", TEMPERAMENTS)
def test_a_natural_poor_call_never_ends_calmer_than_it_started(persona_id, seed):
    assert len(POOR) >= 21
    for corpus_call in POOR:
        start, call = _play(corpus_call, persona_id, seed)
        assert call.session.outcome != "resolved", corpus_call.call_id
        assert call.session.state.anger >= start, (corpus_call.call_id, start, call.session.state.anger)


def _answer(empathy: int) -> ReplyGrade:
    return ReplyGrade(
        empathy=empathy, no_arguing=90, script=60, overall=60, flags=[], suggestion="",
        stage=Stage.CLARIFY, event=Event.EXPLAINED_TO, signals=Signals(explained=True, answered_question=True),
    )  # fmt: skip


@pytest.mark.parametrize("persona_id", TEMPERAMENTS)
def test_a_cold_answer_informs_but_soothes_less_than_a_warm_one(persona_id):
    persona = PERSONAS.get(persona_id)
    start = initial_state(persona)
    cold, warm = update(start, _answer(10), persona), update(start, _answer(60), persona)
    assert cold.needs.informed and warm.needs.informed
    assert start.anger - cold.anger == persona.state.decay
    assert warm.anger < cold.anger
