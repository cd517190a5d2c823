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


@migrations()
def m002_hardening(db: Database) -> None:
    """One writer per call, login attempts per client, server-side login sessions.

    Live turns get a UNIQUE (call_id, idx): two tabs can no longer both store turn n. Rows that
    an older version duplicated are first marked rewound (kept for review, out of the call).
    """
    db.execute(
        "update turns set rewound = 1 where rewound = 0 and id not in "
        "(select min(id) from turns where rewound = 0 group by call_id, idx)"
    )
    db.execute(
        "create unique index if not exists turns_live_call_idx on turns(call_id, idx) where rewound = 0"
    )
    # Every write to a call bumps its version: a tab compares the version it saw, so a rewind
    # followed by a new reply elsewhere (same turn count, different call) is still caught.
    db["calls"].add_column("version", int, not_null_default=0)
    db["login_failures"].add_column("client", str, not_null_default="")
    db["login_failures"].create_index(["username", "client", "at"])
    db["login_failures"].create_index(["at"])
    db["auth_sessions"].create(
        {"token_hash": str, "user_id": int, "created_at": float, "last_seen": float, "ended": int},
        pk="token_hash",
        foreign_keys=[("user_id", "users", "id")],
        defaults={"ended": 0},
    )
    db["auth_sessions"].create_index(["user_id"])
    # Names are unique case-insensitively from now on (the code checks too, inside the insert's
    # transaction); an older install that already holds two names differing only in case keeps
    # them, without the index, rather than failing to open.
    clash = db.execute("select 1 from users group by lower(username) having count(*) > 1").fetchone()
    if clash is None:
        db.execute("create unique index if not exists users_username_nocase on users(lower(username))")


@migrations()
def m003_user_groups(db: Database) -> None:
    """An optional 班组 (team) per user: "" for every existing account, so older rows stay valid."""
    db["users"].add_column("group_name", str, not_null_default="")


@migrations()
def m004_exams(db: Database) -> None:
    """Certification exams and their attempts. An attempt keeps the case and persona it was taken
    with and the grading fingerprint, so it can be re-graded exactly; (exam, user, number) is
    unique, so two tabs starting at once cannot both use the same attempt."""
    db["exams"].create(
        {
            "id": int, "title": str, "case_id": str, "persona_id": str, "time_limit_s": int,
            "attempts_allowed": int, "pass_overall": int, "pass_empathy": int, "pass_no_arguing": int,
            "pass_script": int, "require_resolved": int, "engine": str, "created_by": int, "created_at": str,
            "active": int,
        },
        pk="id",
        defaults={"active": 1, "require_resolved": 1},
    )  # fmt: skip
    db["exam_attempts"].create(
        {
            "id": int, "exam_id": int, "user_id": int, "number": int, "call_id": str, "seed": int,
            "persona_id": str, "started_at": float, "deadline": float, "finished_at": float,
            "status": str, "passed": int, "timed_out": int, "result_json": str, "fingerprint_json": str,
            "case_json": str, "persona_json": str,
        },
        pk="id",
        foreign_keys=[("exam_id", "exams", "id"), ("user_id", "users", "id"), ("call_id", "calls", "id")],
        defaults={"status": "in_progress", "passed": 0, "timed_out": 0},
    )  # fmt: skip
    db["exam_attempts"].create_index(["exam_id", "user_id", "number"], unique=True)
    db["exam_attempts"].create_index(["call_id"], unique=True)


@migrations()
def m005_reviews(db: Database) -> None:
    """Trainers' review of calls: comments on lines, grade overrides as an audit trail (the
    original grade row is never changed), and which calls a trainer has reviewed as a whole."""
    db["line_comments"].create(
        {"id": int, "call_id": str, "turn_id": int, "author_id": int, "text": str, "created_at": str},
        pk="id",
        foreign_keys=[("call_id", "calls", "id"), ("turn_id", "turns", "id"), ("author_id", "users", "id")],
    )
    db["line_comments"].create_index(["call_id"])
    db["grade_overrides"].create(
        {
            "id": int, "call_id": str, "turn_id": int, "dimension": str, "before": int, "after": int,
            "reason": str, "author_id": int, "created_at": str,
        },
        pk="id",
        foreign_keys=[("call_id", "calls", "id"), ("turn_id", "turns", "id"), ("author_id", "users", "id")],
    )  # fmt: skip
    db["grade_overrides"].create_index(["call_id"])
    db["call_reviews"].create(
        {"call_id": str, "reviewer_id": int, "reviewed_at": str},
        pk="call_id",
        foreign_keys=[("call_id", "calls", "id"), ("reviewer_id", "users", "id")],
    )


@migrations()
def m006_authored_cases(db: Database) -> None:
    """Cases written in 场景工坊: every save a new row (version), the YAML as written and the
    checked case as JSON; archiving hides a case from trainees without deleting any version."""
    db["authored_cases"].create(
        {
            "id": int, "case_id": str, "version": int, "yaml_text": str, "case_json": str, "author_id": int,
            "created_at": str, "archived": int,
        },
        pk="id",
        foreign_keys=[("author_id", "users", "id")],
        defaults={"archived": 0},
    )  # fmt: skip
    db["authored_cases"].create_index(["case_id", "version"], unique=True)


@migrations()
def m007_tasks(db: Database) -> None:
    """练习任务: practice a trainer assigns to trainees or a 班组, with a due date and whether hints
    are allowed; each call records the task it was started for. A 班组 may have a trainer."""
    db["tasks"].create(
        {
            "id": int, "title": str, "trainer_id": int, "case_ids_json": str, "draw_count": int,
            "target_user_ids_json": str, "target_group": str, "due_date": str, "hints_allowed": int,
            "created_at": str, "active": int,
        },
        pk="id",
        foreign_keys=[("trainer_id", "users", "id")],
        defaults={"active": 1, "hints_allowed": 1, "draw_count": 0, "target_group": ""},
    )  # fmt: skip
    db["calls"].add_column("task_id", int)
    db["calls"].create_index(["task_id", "user_id"])
    db["group_trainers"].create(
        {"group_name": str, "trainer_id": int}, pk="group_name", foreign_keys=[("trainer_id", "users", "id")]
    )


@migrations()
def m008_tuned_personas(db: Database) -> None:
    """Personas tuned in 性格调校: every save a new version under its own id (shipped ones stay)."""
    db["authored_personas"].create(
        {
            "id": int, "persona_id": str, "version": int, "persona_json": str, "author_id": int,
            "created_at": str, "archived": int,
        },
        pk="id",
        foreign_keys=[("author_id", "users", "id")],
        defaults={"archived": 0},
    )  # fmt: skip
    db["authored_personas"].create_index(["persona_id", "version"], unique=True)


@migrations()
def m009_voice(db: Database) -> None:
    """Spoken replies: a turn keeps how it was spoken (pace, pauses, what recognition heard) as
    JSON, "" for a typed one; an exam may require answering by voice."""
    db["turns"].add_column("voice_json", str, not_null_default="")
    db["exams"].add_column("require_voice", int, not_null_default=0)


@migrations()
def m010_exam_review(db: Database) -> None:
    """Whether a candidate may read the 案例精评 of a handed-in attempt (existing exams: yes)."""
    db["exams"].add_column("show_review", int, not_null_default=1)
