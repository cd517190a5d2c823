"""Exam rules kept by the server: attempts allowed, the time limit, no rewinding, one result per
attempt — whichever session (a reload, a second tab, another server process) asks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from personas import load_personas
from practice.exams import ExamSpec, check_exam, hand_in, seconds_left, start_attempt
from scenarios import load_library
from store import Store
from store.errors import ExamRefused
from tests.sim_helpers import EMPATHIC

CASES, PERSONAS = load_library(), load_personas()
RINGBACK = "telecom-ringback-consent"


def _exam(store: Store, **overrides) -> int:
    spec = {
        "title": "彩铃认证",
        "case_id": RINGBACK,
        "time_limit_s": 600,
        "attempts_allowed": 2,
        "pass_overall": 60,
    }
    return store.add_exam(ExamSpec(**spec | overrides).model_dump(), created_by=1)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "coach.db")
    store.add_user("trainer", "x", "trainer")
    store.add_user("kao", "x", "trainee")
    return store


def _candidate(store: Store) -> int:
    return store.user("kao")["id"]


def test_a_reload_or_second_session_resumes_the_running_attempt_with_its_clock(store, tmp_path):
    exam_id = _exam(store)
    first, call = start_attempt(store, exam_id, _candidate(store), CASES, PERSONAS, seed=5)
    other_process = Store(tmp_path / "coach.db")
    again, same_call = start_attempt(other_process, exam_id, _candidate(store), CASES, PERSONAS, seed=9)
    assert again["id"] == first["id"] and same_call.id == call.id
    assert again["deadline"] == first["deadline"] and again["seed"] == 5


def test_attempts_run_out_after_the_allowed_number_even_from_another_session(store, tmp_path):
    exam_id = _exam(store, attempts_allowed=1)
    attempt, _ = start_attempt(store, exam_id, _candidate(store), CASES, PERSONAS)
    hand_in(store, attempt)
    with pytest.raises(ExamRefused, match="1 次机会已经用完"):
        start_attempt(Store(tmp_path / "coach.db"), exam_id, _candidate(store), CASES, PERSONAS)
    assert len(store.attempts(exam_id)) == 1


def test_no_reply_is_taken_after_the_time_limit(store):
    exam_id = _exam(store, time_limit_s=60)
    attempt, call = start_attempt(
        store, exam_id, _candidate(store), CASES, PERSONAS, clock=lambda: time.time() - 61
    )
    assert seconds_left(attempt) == 0
    with pytest.raises(ExamRefused, match="考试时间已到"):
        call.send(EMPATHIC[0])
    result, _ = hand_in(store, attempt)
    assert result.timed_out and not result.passed


def test_an_exam_call_cannot_be_rewound(store):
    attempt, call = start_attempt(store, _exam(store), _candidate(store), CASES, PERSONAS)
    "".join(call.reply(EMPATHIC[0]))
    with pytest.raises(ExamRefused, match="不能撤回"):
        call.rewind(1)
    assert len(store.load_session(attempt["call_id"]).turns) == 3


def test_handing_in_twice_stores_one_result_and_refuses_further_replies(store):
    attempt, call = start_attempt(store, _exam(store), _candidate(store), CASES, PERSONAS)
    for reply in EMPATHIC:
        "".join(call.reply(reply))
    first, _ = hand_in(store, attempt)
    second, _ = hand_in(store, attempt)
    assert first == second and first.passed
    assert store.attempt(attempt["id"])["status"] == "finished"


def test_a_closed_exam_takes_no_new_attempt(store):
    exam_id = _exam(store)
    store.set_exam_active(exam_id, False)
    with pytest.raises(ExamRefused, match="已关闭"):
        start_attempt(store, exam_id, _candidate(store), CASES, PERSONAS)


def test_an_exam_spec_is_checked_with_reasons_in_chinese():
    with pytest.raises(ValidationError):
        ExamSpec(title="", case_id=RINGBACK, time_limit_s=10, attempts_allowed=0, pass_overall=120)
    with pytest.raises(ValueError, match="离线客户引擎"):
        ExamSpec(
            title="x", case_id=RINGBACK, time_limit_s=600, attempts_allowed=1, pass_overall=60, engine="llm"
        )
    spec = ExamSpec(title="x", case_id="no-such-case", time_limit_s=600, attempts_allowed=1, pass_overall=60)
    with pytest.raises(ValueError, match="案例「no-such-case」不存在"):
        check_exam(spec, CASES, PERSONAS)


def test_a_drawn_persona_comes_from_the_recorded_seed(store):
    exam_id = _exam(store, attempts_allowed=3)
    attempt, _ = start_attempt(store, exam_id, _candidate(store), CASES, PERSONAS, seed=123)
    hand_in(store, attempt)
    again, _ = start_attempt(store, exam_id, _candidate(store), CASES, PERSONAS, seed=123)
    assert again["persona_id"] == attempt["persona_id"] and again["number"] == 2


APOLOGIES = [
    "对不起对不起，真的非常抱歉！",
    "实在抱歉，给您添麻烦了，对不起！",
    "真的很对不起，非常抱歉。",
] * 3


@pytest.mark.parametrize("required", [True, False])
def test_an_exam_can_require_the_customer_to_be_satisfied(store, required):
    exam_id = _exam(store, pass_overall=0, require_resolved=required)
    attempt, call = start_attempt(store, exam_id, _candidate(store), CASES, PERSONAS, seed=1)
    for reply in APOLOGIES:
        if call.call.session.state.ended:
            break
        "".join(call.reply(reply))
    result, _ = hand_in(store, attempt)
    assert result.outcome != "resolved" and all(result.passed_by_dimension.values())
    assert result.passed is not required
