"""Exam grading is frozen with the attempt: re-grading the stored transcript from scratch gives the
same scores, with the case as it was when the attempt started and the grading fingerprint kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from personas import load_personas
from practice.exams import ExamSpec, hand_in, regrade, start_attempt
from practice.fingerprint import grading_fingerprint
from scenarios import load_library
from store import Store
from tests.sim_helpers import ARGUING, EMPATHIC

CASES, PERSONAS = load_library(), load_personas()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "coach.db")
    store.add_user("kao", "x", "trainee")
    spec = ExamSpec(
        title="彩铃认证",
        case_id="telecom-ringback-consent",
        time_limit_s=900,
        attempts_allowed=5,
        pass_overall=70,
    )
    store.add_exam(spec.model_dump(), created_by=1)
    return store


def _take(store: Store, replies: list[str], seed: int):
    attempt, call = start_attempt(store, 1, store.user("kao")["id"], CASES, PERSONAS, seed=seed)
    for reply in replies:
        if call.call.session.state.ended:
            break
        "".join(call.reply(reply))
    return attempt, hand_in(store, attempt)[0]


@pytest.mark.parametrize("replies, seed", [(EMPATHIC, 1), (ARGUING, 2), (EMPATHIC[:3] + ARGUING[3:], 3)])
def test_regrading_the_stored_transcript_reproduces_the_scores_exactly(store, replies, seed):
    attempt, result = _take(store, replies, seed)
    assert regrade(store, attempt["id"]) == result


def test_a_good_call_passes_and_an_arguing_call_fails(store):
    assert _take(store, EMPATHIC, 1)[1].passed
    failed = _take(store, ARGUING, 2)[1]
    assert not failed.passed and not all(failed.passed_by_dimension.values())


def test_the_attempt_keeps_its_grading_fingerprint_and_case(store):
    attempt, _ = _take(store, EMPATHIC, 4)
    stored = store.attempt(attempt["id"])
    fingerprint = json.loads(stored["fingerprint_json"])
    case, persona = CASES.get("telecom-ringback-consent"), PERSONAS.get(stored["persona_id"])
    assert fingerprint == grading_fingerprint(case, persona, 4)
    assert {"model_sha256", "corpus_sha256", "lexicons_sha256", "grader_code_sha256"} <= set(fingerprint)
    assert json.loads(stored["case_json"])["id"] == "telecom-ringback-consent"
