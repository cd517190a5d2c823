"""性格调校: a tuned persona keeps the shipped ones read-only, refuses bad numbers with reasons in
Chinese, is versioned, and its preview shows its numbers at work; calls pin the version."""

from __future__ import annotations

from pathlib import Path

import pytest

from personas import load_personas
from personas.tuning import TuningRefused, anger_preview, tuned
from practice import resume, start
from scenarios import load_library
from store import Store

PERSONAS, CASES = load_personas(), load_library()
CHOLERIC, RINGBACK = PERSONAS.get("choleric"), CASES.get("telecom-ringback-consent")


def _state(**changes):
    return CHOLERIC.state.model_dump() | changes


def test_a_shipped_id_and_bad_numbers_are_refused_with_every_reason():
    with pytest.raises(TuningRefused) as refused:
        tuned(CHOLERIC, "choleric", "", _state(arguing_anger=99), PERSONAS)
    assert len(refused.value.problems) == 3
    assert any("内置性格只读" in p for p in refused.value.problems)
    assert (
        "被争辩 +怒气：不能大于 50" in refused.value.problems and "名称：不能为空" in refused.value.problems
    )
    with pytest.raises(TuningRefused, match="resolve_below"):
        tuned(CHOLERIC, "choleric-2", "x", _state(resolve_below=99), PERSONAS)


def test_the_preview_shows_the_edited_numbers_at_work():
    touchy = tuned(CHOLERIC, "choleric-2", "更急的急脾气", _state(arguing_anger=50, patience=10), PERSONAS)
    rows = anger_preview(touchy, CHOLERIC, RINGBACK)
    after_first_argument = {
        r["性格"]: r["怒气"] for r in rows if r["学员"] == "争辩的学员" and r["回复"] == 2
    }
    assert after_first_argument["调校后"] > after_first_argument["调校前"]


def test_saves_are_versions_and_a_call_resumes_with_its_version(tmp_path: Path):
    store = Store(tmp_path / "coach.db")
    store.add_user("laoli", "x", "trainer")
    author = store.user("laoli")["id"]
    first = store.save_persona_version(tuned(CHOLERIC, "choleric-2", "一版", _state(), PERSONAS), author)
    call = start(store, author, RINGBACK, first, None, seed=1)
    second = store.save_persona_version(
        tuned(CHOLERIC, "choleric-2", "二版", _state(patience=9), PERSONAS), author
    )
    assert (first.version, second.version) == (1, 2)
    assert [r["version"] for r in store.persona_versions("choleric-2")] == [2, 1]
    library = type(PERSONAS)({**PERSONAS.personas, "choleric-2": second})
    assert resume(store, call.id, CASES, library, None).call.persona.name == "一版"
