"""练习任务: a task's checks, who it is for (named trainees or a 班组), and progress read from the
calls finished for it — listed cases, a random draw, overdue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from personas import load_personas
from practice import finish, start
from practice.tasks import TaskSpec, progress
from scenarios import load_library
from store import Store

CASES, PERSONAS = load_library(), load_personas()
RINGBACK = "telecom-ringback-consent"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "coach.db")
    store.add_user("laoli", "x", "trainer")
    store.add_user("kao", "x", "trainee")
    store.add_user("zhao", "x", "trainee")
    store.set_user_group(store.user("zhao")["id"], "一组")
    return store


def _task(store: Store, **fields) -> dict:
    spec = TaskSpec(**{"title": "本周练习", "due_date": "2026-12-10", "case_ids": [RINGBACK]} | fields)
    return store.task(store.add_task(spec.model_dump(), store.user("laoli")["id"]))


def _practise(store: Store, user: str, case_id: str, task_id: int) -> None:
    call = start(
        store, store.user(user)["id"], CASES.get(case_id), PERSONAS.get("sanguine"), None, task_id=task_id
    )
    "".join(call.reply("您好，工号1024为您服务，请问有什么可以帮您？"))
    finish(call)


def test_a_task_needs_cases_or_a_draw_assignees_and_a_real_date():
    with pytest.raises(ValidationError, match="随机抽取"):
        TaskSpec(title="x", due_date="2026-12-10", user_ids=[1])
    with pytest.raises(ValidationError, match="学员或班组"):
        TaskSpec(title="x", due_date="2026-12-10", case_ids=[RINGBACK])
    with pytest.raises(ValidationError, match="不是有效日期"):
        TaskSpec(title="x", due_date="12/10", case_ids=[RINGBACK], group="一组")


def test_a_task_reaches_named_trainees_and_everyone_in_its_group(store):
    named = _task(store, user_ids=[store.user("kao")["id"]])
    grouped = _task(store, group="一组")
    assert [t["id"] for t in store.tasks_for(store.user("kao")["id"], "")] == [named["id"]]
    assert [t["id"] for t in store.tasks_for(store.user("zhao")["id"], "一组")] == [grouped["id"]]
    store.set_task_active(grouped["id"], False)
    assert store.tasks_for(store.user("zhao")["id"], "一组") == []


def test_progress_counts_the_listed_cases_finished_for_the_task(store):
    task = _task(store, case_ids=[RINGBACK, "auto-gearbox-defect"], user_ids=[store.user("kao")["id"]])
    kao = store.user("kao")["id"]
    assert (
        progress(task, store.task_calls(task["id"], kao), CASES, date(2026, 12, 3)).next_case_id == RINGBACK
    )
    _practise(store, "kao", RINGBACK, task["id"])
    _practise(store, "kao", RINGBACK, None)  # free practice does not count for the task
    half = progress(task, store.task_calls(task["id"], kao), CASES, date(2026, 12, 3))
    assert (half.done, half.total, half.next_case_id, half.complete) == (1, 2, "auto-gearbox-defect", False)
    assert progress(task, store.task_calls(task["id"], kao), CASES, date(2026, 12, 11)).overdue


def test_a_random_draw_offers_cases_not_yet_practised_in_a_stable_order(store):
    task = _task(store, case_ids=[], draw_count=2, group="一组")
    zhao = store.user("zhao")["id"]
    first = progress(task, [], CASES, date(2026, 12, 3)).next_case_id
    assert first == progress(task, [], CASES, date(2026, 12, 3)).next_case_id
    _practise(store, "zhao", first, task["id"])
    after = progress(task, store.task_calls(task["id"], zhao), CASES, date(2026, 12, 3))
    assert after.done == 1 and after.next_case_id not in (None, first)
