"""练习任务 (assigned practice): what a trainer assigns — cases or a random draw, to trainees or a
班组, a due date, hints allowed or not — and each trainee's progress, read from the calls they
finished for the task."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scenarios import CaseLibrary


class TaskSpec(BaseModel):
    """A task as a trainer sets it (checked before it is stored)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=60)
    case_ids: list[str] = Field(default_factory=list)  # empty: `draw_count` cases drawn at random
    draw_count: int = Field(default=0, ge=0, le=20)
    user_ids: list[int] = Field(default_factory=list)
    group: str = ""
    due_date: str  # ISO date, e.g. 2026-12-10
    hints_allowed: bool = True

    @model_validator(mode="after")
    def _complete(self) -> TaskSpec:
        if not self.case_ids and self.draw_count < 1:
            raise ValueError("请选择案例，或设置随机抽取的案例数（至少 1 个）")
        if not self.user_ids and not self.group:
            raise ValueError("请选择学员或班组")
        try:
            date.fromisoformat(self.due_date)
        except ValueError:
            raise ValueError(f"截止日期「{self.due_date}」不是有效日期（格式：2026-12-10）") from None
        return self


@dataclass(frozen=True)
class TaskProgress:
    """One trainee's progress on one task."""

    done: int
    total: int
    next_case_id: str | None  # None once complete
    overdue: bool

    @property
    def complete(self) -> bool:
        """Every case of the task practised (and the call finished)."""
        return self.done >= self.total


def progress(
    task: dict[str, Any], finished_calls: list[dict[str, Any]], cases: CaseLibrary, today: date
) -> TaskProgress:
    """A trainee's progress from the calls they finished for the task (rows of `Store.task_calls`)."""
    practised = {call["case_id"] for call in finished_calls}
    if task["case_ids"]:
        left = [case_id for case_id in task["case_ids"] if case_id not in practised]
        done, total = len(task["case_ids"]) - len(left), len(task["case_ids"])
    else:
        total = task["draw_count"]
        done = min(len(finished_calls), total)
        left = _draw(task, cases, practised) if done < total else []
    overdue = today > date.fromisoformat(task["due_date"]) and done < total
    return TaskProgress(done, total, left[0] if left else None, overdue)


def _draw(task: dict[str, Any], cases: CaseLibrary, practised: set[str]) -> list[str]:
    """Cases not yet practised, in an order fixed per task (a refresh draws the same next case)."""
    fresh = [case.id for case in cases if case.id not in practised] or [case.id for case in cases]
    random.Random(task["id"]).shuffle(fresh)
    return fresh


def assignees(task: dict[str, Any], users: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The active trainees a task is for: those named, and everyone now in its 班组."""
    return [
        u
        for u in users
        if u["role"] == "trainee"
        and u["active"]
        and (
            u["id"] in task["user_ids"] or (task["target_group"] and u["group_name"] == task["target_group"])
        )
    ]
