"""The offline customer: deterministic per seed, never repeats a line, answers with the facts it knows."""

from __future__ import annotations

import itertools

import pytest

from simulator import Call, OfflineEngine
from simulator.offline import fact_answer
from tests.sim_helpers import EMPATHIC, LIBRARY, PERSONAS, RINGBACK, play_script

CHATTER = [
    "请问您是哪天发现扣费的？",
    "我帮您看一下。",
    "您的情况我记下了。",
    "请问您的手机号是哪个？",
    "我们这边核实一下。",
    "还有别的情况吗？",
    "好的，我再确认一下。",
    "您稍等，我马上查，两分钟内告诉您。",
    "我理解您的心情。",
    "请问您收到过短信吗？",
]


def _customer_lines(call) -> list[str]:
    return [t.text for t in call.session.turns if t.role == "customer"]


def test_same_seed_and_replies_give_the_same_transcript():
    first, second = play_script("phlegmatic", EMPATHIC, seed=11), play_script("phlegmatic", EMPATHIC, seed=11)
    assert first.session.history == second.session.history


def test_different_seeds_can_word_the_call_differently():
    transcripts = {play_script("sanguine", CHATTER, seed=s).session.history for s in range(6)}
    assert len(transcripts) > 1


@pytest.mark.parametrize(
    ("case", "persona_id"), list(itertools.product(list(LIBRARY)[:8], ["sanguine", "phlegmatic"]))
)
def test_no_line_is_repeated_in_a_long_call(case, persona_id):
    lines = _customer_lines(play_script(persona_id, CHATTER, seed=2, case=case))
    assert len(lines) == len(set(lines)) and all(lines)


def test_a_direct_question_is_answered_with_the_known_fact():
    said: set[str] = set()
    answer = fact_answer(RINGBACK, "请问您之前有没有收到过我们的短信？", said)
    assert "短信" in answer and answer in {f.answer for f in RINGBACK.customer.known_facts}
    assert fact_answer(RINGBACK, "我帮您处理。", said) == ""


def test_the_customer_answers_questions_in_the_call():
    call, opening = Call.start(RINGBACK, PERSONAS.get("phlegmatic"), OfflineEngine(), seed=1)
    opening.text()
    text = call.reply("您好，工号1024为您服务，请问您之前有没有收到过我们发的短信？").text()
    assert "短信" in text


def test_every_line_is_filled_with_the_cases_facts():
    for case in LIBRARY:
        lines = _customer_lines(play_script("choleric", CHATTER[:5], seed=4, case=case))
        assert all("{" not in line for line in lines)
