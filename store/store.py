"""The one Store: sqlite-utils over one database file, shared safely by Streamlit's threads.

Each thread gets its own connection (`check_same_thread=False, timeout=10`, WAL), migrations run
on open, and every write happens in one `BEGIN IMMEDIATE` transaction — taking the write lock up
front so concurrent writers wait for each other instead of failing on a lock upgrade, and a failed
write rolls back whole. Turns are soft-deleted on rewind so a trainer can still see every try.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from scoring.model import ReplyGrade
from scoring.paraverbal import Paraverbal
from scoring.report import CallReport
from simulator.session import Session, Turn, outcome_name
from simulator.state import CustomerState
from store.auth_records import AuthRecords
from store.case_records import CaseRecords
from store.connections import ConnectionPool
from store.errors import CallConflict, StoreError, now
from store.exam_records import ExamRecords, check_exam_turn, check_no_rewind
from store.migrations import migrations
from store.permissions import private_files
from store.persona_records import PersonaRecords
from store.review_records import ReviewRecords
from store.segment import fts_query, segment
from store.task_records import TaskRecords

CONFLICT = "这通电话已在另一个窗口继续，请刷新页面"
MAX_SEARCH_CHARS = 100
LIVE_TURNS_SQL = "select count(*) from turns where call_id = ? and rewound = 0"


class Store(AuthRecords, CaseRecords, ExamRecords, PersonaRecords, ReviewRecords, TaskRecords):
    """All persistence of the app and the CLIs."""

    def __init__(self, path: Path, timeout: float = 10.0):
        self.path = Path(path)
        self.timeout = timeout
        private_files(self.path)
        self._connections = ConnectionPool(self.path, timeout)
        self.db.enable_wal()
        try:
            migrations.apply(self.db)
        except sqlite3.OperationalError:
            # Several processes opening an old database at once: one applied a migration while
            # another was about to. The second apply finds it recorded and does nothing.
            migrations.apply(self.db)

    @property
    def db(self) -> Database:
        """This thread's connection (reused from a finished thread when there is one)."""
        return self._connections.get()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One all-or-nothing write. A lock held past the timeout, or any SQLite failure inside the
        write or at COMMIT, becomes a StoreError (rolled back); IntegrityError stays itself, for
        callers that turn a constraint into their own message."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"数据库繁忙，本次写入未完成（{_reason(exc)}），请稍后重试") from exc
        try:
            yield db
            db.execute("COMMIT")
        except sqlite3.IntegrityError:
            _rollback(db)
            raise
        except sqlite3.Error as exc:
            _rollback(db)
            raise StoreError(f"数据库写入失败，本次操作没有保存（{_reason(exc)}），请稍后重试") from exc
        except BaseException:
            _rollback(db)
            raise

    # --- calls and turns ---------------------------------------------------------------------

    def create_call(
        self, session: Session, user_id: int, mode: str = "practice", task_id: int | None = None
    ) -> None:
        """Register a new call (for a 练习任务 when `task_id` is given) before its first turn."""
        with self.transaction() as db:
            db["calls"].insert(call_row(session, user_id, mode) | {"task_id": task_id})

    def active_call_id(self, user_id: int, mode: str = "practice") -> str | None:
        """The user's unfinished call of `mode` (practice; exam calls are reached through their
        attempt), to resume after a refresh or restart."""
        row = self.db.execute(
            "select id from calls where user_id = ? and status = 'active' and mode = ? "
            "order by started_at desc limit 1",
            [user_id, mode],
        ).fetchone()
        return row[0] if row else None

    def record_turn(self, session: Session, turn: Turn, version: int | None = None) -> None:
        """Store one turn (and its grade) — the recorder a `Call` calls before the turn is shown.

        With `version` (the call version the caller's copy is at) a call that moved on elsewhere
        is refused with CallConflict; the turn's index must be the next one in any case."""
        # Rows are built (jieba, JSON) before the write lock is taken: other trainees wait less.
        # Plain parameterised statements here, not table.insert(): sqlite-utils introspects the
        # table on every insert, which made this hot path three times slower under load.
        turn_row = _turn_row(session.id, turn)
        grade_row = _grade_row(session.id, turn.grade) if turn.grade is not None else None
        with self.transaction() as db:
            _check_live_call(db, session.id, turn.index, version)
            check_exam_turn(db, session.id, turn.role)
            try:
                turn_id = _insert(db, "turns", turn_row)
            except sqlite3.IntegrityError:  # the UNIQUE (call, idx) index: the last line of defence
                raise CallConflict(CONFLICT) from None
            if grade_row is not None:
                _insert(db, "grades", grade_row | {"turn_id": turn_id})
            db.execute(
                "update calls set updated_at = ?, outcome = ?, version = version + 1 where id = ?",
                [now(), outcome_name(turn.state), session.id],
            )

    def rewind(
        self, call_id: str, keep_turns: int, live_turns: int | None = None, version: int | None = None
    ) -> None:
        """Mark turns from index `keep_turns` on as rewound (kept for review, left out of the call).

        With `live_turns` / `version` (what the caller's copy holds) a call that moved on in
        another window is refused instead of rewound blind."""
        with self.transaction() as db:
            check_no_rewind(db, call_id)
            if live_turns is not None:
                _check_live_call(db, call_id, live_turns, version)
            db.execute(
                "update turns set rewound = 1 where call_id = ? and idx >= ? and rewound = 0",
                [call_id, keep_turns],
            )
            db.execute("update calls set version = version + 1 where id = ?", [call_id])

    def load_session(self, call_id: str) -> Session:
        """The call as a Session (rewound turns left out)."""
        call = self.call(call_id)
        rows = self.db.query(
            "select t.*, g.grade_json from turns t left join grades g on g.turn_id = t.id "
            "where t.call_id = ? and t.rewound = 0 order by t.idx",
            [call_id],
        )
        turns = [_turn_from_row(row) for row in rows]
        keys = (
            "id",
            "case_id",
            "case_version",
            "persona_id",
            "persona_version",
            "engine",
            "model",
            "seed",
            "started_at",
        )
        return Session(**{k: call[k] for k in keys}, turns=turns)

    def call_version(self, call_id: str) -> int:
        """The call's version: bumped by every turn, rewind and finish (0 for an unknown call)."""
        row = self.db.execute("select version from calls where id = ?", [call_id]).fetchone()
        return row[0] if row else 0

    def call(self, call_id: str) -> dict[str, Any]:
        """The call row; StoreError if unknown."""
        # Plain SQL on the hot paths: sqlite-utils' rows_where re-reads the table schema each call.
        row = _one(self.db, "select * from calls where id = ?", [call_id])
        if row is None:
            raise StoreError(f"找不到通话 {call_id}")
        return row

    def finish_call(
        self,
        call_id: str,
        report: CallReport,
        markdown: str,
        live_turns: int | None = None,
        version: int | None = None,
    ) -> None:
        """Close the call and keep its report (refused if another window moved the call on)."""
        scores = {**report.scores, "overall": report.overall}
        with self.transaction() as db:
            if live_turns is not None:
                _check_live_call(db, call_id, live_turns, version)
            db["calls"].update(
                call_id, {"status": "finished", "outcome": report.outcome, "ended_at": now(), **scores}
            )
            db.execute("update calls set version = version + 1 where id = ?", [call_id])
            db["reports"].upsert(
                {
                    "call_id": call_id,
                    "report_json": report.model_dump_json(),
                    "markdown": markdown,
                    "created_at": now(),
                },
                pk="call_id",
            )

    def set_call_scores(self, call_id: str, scores: dict[str, int]) -> None:
        """The scores the call's lists show (after a trainer's correction; the stored report and
        every grade keep what the grader said)."""
        with self.transaction() as db:
            db["calls"].update(
                call_id, {dim: scores[dim] for dim in ("empathy", "no_arguing", "script", "overall")}
            )

    def report(self, call_id: str) -> CallReport | None:
        """The stored report of a finished call."""
        rows = list(self.db["reports"].rows_where("call_id = ?", [call_id], limit=1))
        return CallReport.model_validate_json(rows[0]["report_json"]) if rows else None

    def calls(
        self, user_id: int | None = None, status: str | None = None, mode: str | None = None
    ) -> list[dict[str, Any]]:
        """Calls (newest first), optionally for one user, status and/or mode (practice / exam),
        with the username."""
        where, params = ["1 = 1"], []
        for column, value in (("c.user_id", user_id), ("c.status", status), ("c.mode", mode)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = f"select c.*, u.username, u.display_name, u.group_name from calls c join users u on u.id = c.user_id where {' and '.join(where)} order by c.started_at desc, c.rowid desc"
        return list(self.db.query(sql, params))

    def flag_counts(self, user_id: int, limit: int = 8) -> list[tuple[str, str, int]]:
        """The user's most frequent deductions: (rule, label, count)."""
        counts: Counter[tuple[str, str]] = Counter()
        sql = "select g.grade_json from grades g join calls c on c.id = g.call_id join turns t on t.id = g.turn_id where c.user_id = ? and t.rewound = 0"
        for row in self.db.query(sql, [user_id]):
            for flag in ReplyGrade.model_validate_json(row["grade_json"]).flags:
                if flag.effect < 0:
                    counts[(flag.rule, flag.label or flag.rule)] += 1
        return [(rule, label, n) for (rule, label), n in counts.most_common(limit)]

    def deductions(self, call_ids: list[str]) -> list[tuple[str, str, str]]:
        """Every deduction in the live replies of these calls: (call id, rule, label)."""
        found: list[tuple[str, str, str]] = []
        for start in range(0, len(call_ids), 500):  # SQLite caps the number of ? in one query
            chunk = call_ids[start : start + 500]
            sql = (
                "select g.call_id, g.grade_json from grades g join turns t on t.id = g.turn_id "
                f"where t.rewound = 0 and g.call_id in ({', '.join('?' for _ in chunk)})"
            )
            for call_id, grade_json in self.db.execute(sql, chunk).fetchall():
                flags = ReplyGrade.model_validate_json(grade_json).flags
                found += [(call_id, f.rule, f.label or f.rule) for f in flags if f.effect < 0]
        return found

    def final_anger(self, call_ids: list[str]) -> dict[str, int]:
        """The customer's anger after the last live customer line of each call."""
        found: dict[str, int] = {}
        for start in range(0, len(call_ids), 500):
            chunk = call_ids[start : start + 500]
            sql = (
                "select call_id, state_json from turns where id in (select max(id) from turns where role = "
                f"'customer' and rewound = 0 and call_id in ({', '.join('?' for _ in chunk)}) group by call_id)"
            )
            for call_id, state_json in self.db.execute(sql, chunk).fetchall():
                found[call_id] = CustomerState.model_validate_json(state_json).anger
        return found

    def search_turns(self, user_id: int, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Chinese full-text search over the user's own practice transcripts (exam papers are
        reviewed by trainers only)."""
        match = fts_query(query[:MAX_SEARCH_CHARS])
        if not match:
            return []
        sql = (
            "select t.call_id, t.idx, t.role, t.text, c.case_id, c.started_at, c.status from turns t "
            "join turns_fts f on f.rowid = t.id join calls c on c.id = t.call_id "
            "where turns_fts match ? and c.user_id = ? and t.rewound = 0 and c.mode = 'practice' order by c.started_at desc, t.idx limit ?"
        )
        return list(self.db.query(sql, [match, user_id, limit]))


def _one(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    """The first row of a query as a dict, or None."""
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


def _rollback(db: Database) -> None:
    """Undo the open write; a failed COMMIT may already have ended it."""
    with contextlib.suppress(sqlite3.Error):
        db.execute("ROLLBACK")


def call_row(session: Session, user_id: int, mode: str = "practice") -> dict[str, Any]:
    """The calls row of a new call (before its first turn)."""
    return {
        "id": session.id, "user_id": user_id, "case_id": session.case_id, "case_version": session.case_version,
        "persona_id": session.persona_id, "persona_version": session.persona_version, "engine": session.engine,
        "model": session.model, "seed": session.seed, "mode": mode, "status": "active", "outcome": "unfinished",
        "started_at": session.started_at, "updated_at": now(),
    }  # fmt: skip


def _reason(exc: sqlite3.Error) -> str:
    """SQLite's reason in words users can pass on: the lock case said plainly."""
    text = str(exc)
    return "数据库被占用" if "locked" in text or "busy" in text else text[:80]


def _check_live_call(db: Database, call_id: str, expected_turns: int, version: int | None) -> None:
    """Inside a write: the call exists, is still active, holds exactly `expected_turns` turns and,
    when `version` is given, is still at that version."""
    row = db.execute("select status, version from calls where id = ?", [call_id]).fetchone()
    if row is None:
        raise StoreError(f"通话 {call_id} 不存在，无法记录")
    if row[0] != "active":
        raise CallConflict("这通电话已经结束（可能是在另一个窗口结束的），请刷新页面查看报告")
    live = db.execute(LIVE_TURNS_SQL, [call_id]).fetchone()[0]
    if live != expected_turns or (version is not None and row[1] != version):
        raise CallConflict(CONFLICT)


def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert `row` (keys are our own column names, never user input); the new rowid."""
    columns = ", ".join(f"[{name}]" for name in row)
    marks = ", ".join("?" for _ in row)
    return db.execute(f"insert into [{table}] ({columns}) values ({marks})", list(row.values())).lastrowid


def _turn_row(call_id: str, turn: Turn) -> dict[str, Any]:
    return {
        "call_id": call_id, "idx": turn.index, "role": turn.role, "text": turn.text, "text_seg": segment(turn.text),
        "state_json": turn.state.model_dump_json(), "engine": turn.engine, "note": turn.note,
        "created_at": now(), "rewound": 0, "voice_json": turn.voice.model_dump_json() if turn.voice else "",
    }  # fmt: skip


def _grade_row(call_id: str, grade: ReplyGrade) -> dict[str, Any]:
    """The grade's columns; its turn_id is added once the turn row has one."""
    return {
        "call_id": call_id, "empathy": grade.empathy, "no_arguing": grade.no_arguing,
        "script": grade.script, "overall": grade.overall, "stage": grade.stage.value, "event": grade.event.value,
        "grade_json": grade.model_dump_json(),
    }  # fmt: skip


def _turn_from_row(row: dict[str, Any]) -> Turn:
    grade = ReplyGrade.model_validate_json(row["grade_json"]) if row.get("grade_json") else None
    state = CustomerState.model_validate_json(row["state_json"])
    return Turn(
        index=row["idx"],
        role=row["role"],
        text=row["text"],
        state=state,
        grade=grade,
        engine=row["engine"],
        note=row["note"] or "",
        voice=Paraverbal.model_validate_json(row["voice_json"]) if row.get("voice_json") else None,
    )
