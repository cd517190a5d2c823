"""The Store's exam records: exams, attempts, and the exam rules only the server can keep.

A mixin of `Store`. The rules a candidate must not be able to get round — attempts allowed, the
time limit, no rewinding — are checked inside the write they guard (one `BEGIN IMMEDIATE`
transaction), so a reload, a second tab or two clicks at once cannot reset or bypass them.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlite_utils import Database

from store.errors import ExamRefused, StoreError, now

EXAM_FIELDS = (
    "title", "case_id", "persona_id", "time_limit_s", "attempts_allowed", "pass_overall",
    "pass_empathy", "pass_no_arguing", "pass_script", "require_resolved", "engine",
    "require_voice", "show_review",
)  # fmt: skip


class ExamRecords:
    """Exams and exam attempts (mixed into `Store`)."""

    db: Database
    transaction: Callable[[], AbstractContextManager[Database]]

    def add_exam(self, exam: dict[str, Any], created_by: int) -> int:
        """A new exam (its fields are checked by `practice.exams.ExamSpec` first); its id."""
        row = {key: exam[key] for key in EXAM_FIELDS} | {
            "created_by": created_by,
            "created_at": now(),
            "active": 1,
        }
        with self.transaction() as db:
            return db["exams"].insert(row).last_pk

    def set_exam_active(self, exam_id: int, active: bool) -> None:
        """Open or close an exam to candidates (attempts already taken are kept)."""
        with self.transaction() as db:
            db["exams"].update(exam_id, {"active": int(active)})

    def exam(self, exam_id: int) -> dict[str, Any]:
        """The exam row; StoreError if unknown."""
        return _exam_row(self.db, exam_id)

    def exams(self, active_only: bool = False) -> list[dict[str, Any]]:
        """Every exam, newest first (only open ones with `active_only`)."""
        where = "active = 1" if active_only else "1 = 1"
        return list(self.db.query(f"select * from exams where {where} order by id desc"))

    def begin_attempt(
        self,
        exam_id: int,
        user_id: int,
        call_row: dict[str, Any],
        attempt: dict[str, Any],
        clock: Callable[[], float] = time.time,
    ) -> dict[str, Any]:
        """The candidate's attempt in progress, or a new one with its call (one transaction).

        An attempt already in progress is returned as it is — a reload or a second tab resumes
        it, its clock still running; with every attempt used, ExamRefused."""
        with self.transaction() as db:
            running = _running_attempt(db, exam_id, user_id)
            if running is not None:
                return running
            exam = _exam_row(db, exam_id)
            if not exam["active"]:
                raise ExamRefused(f"考试「{exam['title']}」已关闭，不能再参加")
            used = db.execute(
                "select count(*) from exam_attempts where exam_id = ? and user_id = ?", [exam_id, user_id]
            ).fetchone()[0]
            if used >= exam["attempts_allowed"]:
                raise ExamRefused(f"考试「{exam['title']}」的 {exam['attempts_allowed']} 次机会已经用完")
            started = clock()
            db["calls"].insert(call_row)
            row = attempt | {
                "exam_id": exam_id,
                "user_id": user_id,
                "number": used + 1,
                "call_id": call_row["id"],
            }
            row |= {
                "started_at": started,
                "deadline": started + exam["time_limit_s"],
                "status": "in_progress",
            }
            try:
                db["exam_attempts"].insert(row)
            except sqlite3.IntegrityError:
                raise ExamRefused("另一个窗口刚刚开始了这场考试，请刷新页面") from None
            return _running_attempt(db, exam_id, user_id) or {}

    def attempt(self, attempt_id: int) -> dict[str, Any]:
        """The attempt row; StoreError if unknown."""
        rows = list(self.db.query("select * from exam_attempts where id = ?", [attempt_id]))
        if not rows:
            raise StoreError(f"找不到考试记录 {attempt_id}")
        return rows[0]

    def attempt_for_call(self, call_id: str) -> dict[str, Any] | None:
        """The exam attempt a call belongs to (None for a practice call)."""
        rows = list(self.db.query("select * from exam_attempts where call_id = ?", [call_id]))
        return rows[0] if rows else None

    def attempts(self, exam_id: int | None = None, user_id: int | None = None) -> list[dict[str, Any]]:
        """Attempts with the candidate's name and the exam's title, newest first."""
        where, params = ["1 = 1"], []
        for column, value in (("a.exam_id", exam_id), ("a.user_id", user_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = (
            "select a.*, u.username, u.display_name, e.title, e.show_review from exam_attempts a "
            "join users u on u.id = a.user_id join exams e on e.id = a.exam_id "
            f"where {' and '.join(where)} order by a.id desc"
        )
        return list(self.db.query(sql, params))

    def close_attempt(
        self, attempt_id: int, result: dict[str, Any], clock: Callable[[], float] = time.time
    ) -> bool:
        """Record a finished attempt's result (passed / timed_out / result_json); False when it was
        already closed (another tab handed it in first), so a result is never written twice."""
        with self.transaction() as db:
            changed = db.execute(
                "update exam_attempts set status = 'finished', finished_at = ?, passed = ?, timed_out = ?, "
                "result_json = ? where id = ? and status = 'in_progress'",
                [clock(), int(result["passed"]), int(result["timed_out"]), result["result_json"], attempt_id],
            ).rowcount
        return changed == 1


def check_exam_turn(db: Database, call_id: str, role: str, clock: Callable[[], float] = time.time) -> None:
    """Inside a turn's write: an exam call takes no reply after its deadline or once handed in."""
    row = db.execute("select deadline, status from exam_attempts where call_id = ?", [call_id]).fetchone()
    if row is None or role != "agent":
        return
    if row[1] != "in_progress":
        raise ExamRefused("这场考试已经交卷，不能再回复")
    if clock() > row[0]:
        raise ExamRefused("考试时间已到，这句没有记录；请交卷查看成绩")


def check_no_rewind(db: Database, call_id: str) -> None:
    """Inside a rewind's write: exam calls cannot be rewound."""
    if db.execute("select 1 from exam_attempts where call_id = ?", [call_id]).fetchone():
        raise ExamRefused("考试中不能撤回回复")


def _running_attempt(db: Database, exam_id: int, user_id: int) -> dict[str, Any] | None:
    sql = "select * from exam_attempts where exam_id = ? and user_id = ? and status = 'in_progress'"
    return next(iter(db.query(sql, [exam_id, user_id])), None)


def _exam_row(db: Database, exam_id: int) -> dict[str, Any]:
    row = next(iter(db.query("select * from exams where id = ?", [exam_id])), None)
    if row is None:
        raise StoreError(f"找不到考试 {exam_id}")
    return row
