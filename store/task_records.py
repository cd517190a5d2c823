"""The Store's practice tasks (练习任务) and which trainer leads each 班组.

A mixin of `Store`. A task names its cases (or how many to draw at random) and its trainees
(named, or a whole 班组 — whoever is in it when the trainee looks); progress is read from the
calls started for the task, so it can never disagree with what was practised.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlite_utils import Database

from store.errors import StoreError, now


class TaskRecords:
    """Tasks, their progress and group trainers (mixed into `Store`)."""

    db: Database
    transaction: Callable[[], AbstractContextManager[Database]]

    def add_task(self, task: dict[str, Any], trainer_id: int) -> int:
        """A new task (checked by `practice.tasks.TaskSpec` first); its id."""
        row = {
            "title": task["title"], "trainer_id": trainer_id, "case_ids_json": json.dumps(task["case_ids"]),
            "draw_count": task["draw_count"], "target_user_ids_json": json.dumps(task["user_ids"]),
            "target_group": task["group"], "due_date": task["due_date"], "hints_allowed": int(task["hints_allowed"]),
            "created_at": now(), "active": 1,
        }  # fmt: skip
        with self.transaction() as db:
            return db["tasks"].insert(row).last_pk

    def set_task_active(self, task_id: int, active: bool) -> None:
        """Withdraw a task (trainees stop seeing it; its calls stay) or put it back."""
        with self.transaction() as db:
            db["tasks"].update(task_id, {"active": int(active)})

    def task(self, task_id: int) -> dict[str, Any]:
        """The task row (with its lists decoded); StoreError if unknown."""
        rows = list(self.db.query("select * from tasks where id = ?", [task_id]))
        if not rows:
            raise StoreError(f"找不到练习任务 {task_id}")
        return _decoded(rows[0])

    def tasks(self, trainer_id: int | None = None, active_only: bool = False) -> list[dict[str, Any]]:
        """Tasks newest first, optionally of one trainer and/or only the active ones."""
        where, params = ["1 = 1"], []
        if trainer_id is not None:
            where.append("trainer_id = ?")
            params.append(trainer_id)
        if active_only:
            where.append("active = 1")
        rows = self.db.query(f"select * from tasks where {' and '.join(where)} order by id desc", params)
        return [_decoded(row) for row in rows]

    def tasks_for(self, user_id: int, group_name: str) -> list[dict[str, Any]]:
        """The active tasks assigned to this trainee, by name or through their 班组."""
        return [
            task
            for task in self.tasks(active_only=True)
            if user_id in task["user_ids"] or (group_name and task["target_group"] == group_name)
        ]

    def task_calls(self, task_id: int, user_id: int | None = None) -> list[dict[str, Any]]:
        """Finished calls started for the task (of one trainee, or of all), oldest first."""
        sql = "select * from calls where task_id = ? and status = 'finished'"
        params: list[Any] = [task_id]
        if user_id is not None:
            sql += " and user_id = ?"
            params.append(user_id)
        return list(self.db.query(sql + " order by started_at", params))

    def set_group_trainer(self, group_name: str, trainer_id: int | None) -> None:
        """Who leads a 班组 (None: nobody)."""
        with self.transaction() as db:
            if trainer_id is None:
                db.execute("delete from group_trainers where group_name = ?", [group_name])
            else:
                db["group_trainers"].upsert(
                    {"group_name": group_name, "trainer_id": trainer_id}, pk="group_name"
                )

    def group_trainers(self) -> dict[str, int]:
        """班组 → the trainer who leads it."""
        return dict(self.db.execute("select group_name, trainer_id from group_trainers").fetchall())


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    return row | {
        "case_ids": json.loads(row["case_ids_json"]),
        "user_ids": json.loads(row["target_user_ids_json"]),
    }
