"""The Store's review records: trainers' comments on lines, grade overrides and reviewed calls.

A mixin of `Store`. An override never touches the grade the grader wrote: each change is one
audit row (who, when, which dimension, before, after, why), and the score in force for a reply
is the latest row's `after`. `before` is read inside the same transaction as the insert, so two
trainers correcting one reply at once still leave a chain where each row's before is the
previous row's after.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlite_utils import Database

from store.errors import StoreError, now

OVERRIDABLE = ("empathy", "no_arguing", "script", "overall")
MAX_COMMENT_CHARS = 500


class ReviewRecords:
    """Comments, overrides and reviews (mixed into `Store`)."""

    db: Database
    transaction: Callable[[], AbstractContextManager[Database]]

    def live_turn_ids(self, call_id: str) -> dict[int, int]:
        """The call's live turns: index → turn row id (what comments and overrides point at)."""
        rows = self.db.execute("select idx, id from turns where call_id = ? and rewound = 0", [call_id])
        return dict(rows.fetchall())

    def add_comment(self, call_id: str, turn_id: int, author_id: int, text: str) -> None:
        """A trainer's comment on one line of a call."""
        text = text.strip()
        if not text:
            raise StoreError("批注是空的，没有保存")
        if len(text) > MAX_COMMENT_CHARS:
            raise StoreError(f"批注最多 {MAX_COMMENT_CHARS} 字，这条有 {len(text)} 字，没有保存")
        with self.transaction() as db:
            _check_turn(db, call_id, turn_id)
            row = {"call_id": call_id, "turn_id": turn_id, "author_id": author_id, "text": text}
            db["line_comments"].insert(row | {"created_at": now()})

    def comments(self, call_id: str) -> list[dict[str, Any]]:
        """The call's comments in the order written, with the author's name."""
        sql = (
            "select c.*, u.display_name as author from line_comments c join users u on u.id = c.author_id "
            "where c.call_id = ? order by c.id"
        )
        return list(self.db.query(sql, [call_id]))

    def override_grade(
        self, call_id: str, turn_id: int, author_id: int, scores: dict[str, int], reason: str
    ) -> int:
        """Correct a reply's scores (only the dimensions that change are written); how many changed.
        A reason is required: the audit trail says why, not only what."""
        reason = reason.strip()
        if not reason:
            raise StoreError("请填写修改评分的理由，评分没有修改")
        unknown = set(scores) - set(OVERRIDABLE)
        if unknown or any(not 0 <= value <= 100 for value in scores.values()):
            raise StoreError("评分须为 0–100 的整数（共情、不争辩、话术规范、综合），评分没有修改")
        with self.transaction() as db:
            original = _check_turn(db, call_id, turn_id)
            changed = 0
            for dimension, after in scores.items():
                before = _score_in_force(db, turn_id, dimension, original)
                if before == after:
                    continue
                row = {"call_id": call_id, "turn_id": turn_id, "dimension": dimension, "before": before}
                row |= {"after": after, "reason": reason, "author_id": author_id, "created_at": now()}
                db["grade_overrides"].insert(row)
                changed += 1
        return changed

    def overrides(self, call_id: str | None = None) -> list[dict[str, Any]]:
        """The audit trail (every override, oldest first), of one call or of all, with names."""
        where, params = ("o.call_id = ?", [call_id]) if call_id else ("1 = 1", [])
        sql = (
            "select o.*, u.display_name as author, t.idx, t.text as reply from grade_overrides o "
            "join users u on u.id = o.author_id join turns t on t.id = o.turn_id "
            f"where {where} order by o.id"
        )
        return list(self.db.query(sql, params))

    def scores_in_force(self, call_id: str | None = None) -> dict[int, dict[str, int]]:
        """Per turn row id, the dimensions a trainer overrode and the score now in force (of one
        call, or of every call in one query)."""
        in_force: dict[int, dict[str, int]] = {}
        for row in self.overrides(call_id):
            in_force.setdefault(row["turn_id"], {})[row["dimension"]] = row["after"]
        return in_force

    def mark_reviewed(self, call_id: str, reviewer_id: int) -> None:
        """Record that a trainer reviewed the whole call (every reply not overridden is agreed)."""
        with self.transaction() as db:
            db["call_reviews"].upsert(
                {"call_id": call_id, "reviewer_id": reviewer_id, "reviewed_at": now()}, pk="call_id"
            )

    def review_of(self, call_id: str) -> dict[str, Any] | None:
        """Who reviewed the call and when (None if nobody has)."""
        sql = (
            "select r.*, u.display_name as reviewer from call_reviews r join users u on u.id = r.reviewer_id "
            "where r.call_id = ?"
        )
        rows = list(self.db.query(sql, [call_id]))
        return rows[0] if rows else None

    def reviewed_call_ids(self) -> set[str]:
        """Every call a trainer marked as reviewed."""
        return {row[0] for row in self.db.execute("select call_id from call_reviews").fetchall()}

    def reviewed_replies(self) -> list[dict[str, Any]]:
        """Every graded reply of a reviewed call with its grade (for grader–trainer agreement)."""
        sql = (
            "select t.id as turn_id, t.call_id, t.text, g.empathy, g.no_arguing, g.script, g.overall "
            "from call_reviews r join turns t on t.call_id = r.call_id and t.rewound = 0 "
            "join grades g on g.turn_id = t.id order by t.call_id, t.idx"
        )
        return list(self.db.query(sql))


def _check_turn(db: Database, call_id: str, turn_id: int) -> dict[str, int]:
    """Inside a write: the turn is a live, graded reply of the call; its grader scores."""
    row = db.execute(
        "select g.empathy, g.no_arguing, g.script, g.overall from turns t join grades g on g.turn_id = t.id "
        "where t.id = ? and t.call_id = ? and t.rewound = 0",
        [turn_id, call_id],
    ).fetchone()
    if row is None:
        raise StoreError("这一句不是该通话中已评分的回复（可能已被撤回），没有保存")
    return dict(zip(OVERRIDABLE, row, strict=True))


def _score_in_force(db: Database, turn_id: int, dimension: str, original: dict[str, int]) -> int:
    row = db.execute(
        "select after from grade_overrides where turn_id = ? and dimension = ? order by id desc limit 1",
        [turn_id, dimension],
    ).fetchone()
    return row[0] if row else original[dimension]
