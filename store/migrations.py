"""Schema migrations, applied in order on every open (sqlite-utils `Migrations`, safe to repeat)."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("complaint-coach")


@migrations()
def m001_initial(db: Database) -> None:
    """Users, login failures, calls, turns, grades and reports."""
    db["users"].create(
        {
            "id": int,
            "username": str,
            "display_name": str,
            "role": str,
            "password_hash": str,
            "created_at": str,
            "active": int,
        },
        pk="id",
        not_null={"username", "role", "password_hash"},
    )
    db["users"].create_index(["username"], unique=True)
    db["login_failures"].create({"id": int, "username": str, "at": float}, pk="id")
    db["login_failures"].create_index(["username", "at"])
    db["calls"].create(
        {
            "id": str, "user_id": int, "case_id": str, "case_version": int, "persona_id": str, "persona_version": int,
            "engine": str, "model": str, "seed": int, "mode": str, "status": str, "outcome": str,
            "started_at": str, "updated_at": str, "ended_at": str,
            "empathy": int, "no_arguing": int, "script": int, "overall": int,
        },
        pk="id",
        foreign_keys=[("user_id", "users", "id")],
    )  # fmt: skip
    db["calls"].create_index(["user_id", "status"])
    db["turns"].create(
        {
            "id": int, "call_id": str, "idx": int, "role": str, "text": str, "text_seg": str, "state_json": str,
            "engine": str, "note": str, "created_at": str, "rewound": int,
        },
        pk="id",
        foreign_keys=[("call_id", "calls", "id")],
        defaults={"rewound": 0},
    )  # fmt: skip
    db["turns"].create_index(["call_id", "idx"])
    db["grades"].create(
        {
            "id": int, "turn_id": int, "call_id": str, "empathy": int, "no_arguing": int, "script": int, "overall": int,
            "stage": str, "event": str, "grade_json": str,
        },
        pk="id",
        foreign_keys=[("turn_id", "turns", "id"), ("call_id", "calls", "id")],
    )  # fmt: skip
    db["grades"].create_index(["call_id"])
    db["reports"].create(
        {"call_id": str, "report_json": str, "markdown": str, "created_at": str}, pk="call_id"
    )
    # Chinese full-text search: FTS tokenises Chinese poorly, so index a jieba-segmented copy.
    db["turns"].enable_fts(["text_seg"], create_triggers=True, tokenize="unicode61")
