"""The Store's account records: users, login attempts per client, server-side login sessions.

A mixin of `Store` (which supplies `db` and `transaction`). Every check-then-write here runs in
one `BEGIN IMMEDIATE` transaction, so parallel requests cannot all pass the same check: ten
first-admin forms create one admin, forty parallel guesses pass the attempt gate only as often
as the policy allows.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlite_utils import Database

from store.errors import StoreError, now

# Given the times of recent failures and the time now: seconds to wait (0 = the attempt may go on).
AttemptPolicy = Callable[[list[float], float], float]
# A login session's last_seen is written at most this often: every rerun would be a write otherwise.
TOUCH_EVERY_S = 60.0


class AuthRecords:
    """Users, login attempts and login sessions (mixed into `Store`)."""

    db: Database
    transaction: Callable[[], AbstractContextManager[Database]]

    # --- users -------------------------------------------------------------------------------

    def add_user(
        self, username: str, password_hash: str, role: str, display_name: str = ""
    ) -> dict[str, Any]:
        """A new user; StoreError if the name is taken (names compare case-insensitively)."""
        with self.transaction() as db:
            self._insert_user(db, username, password_hash, role, display_name)
        return self.user(username) or {}

    def add_first_admin(self, username: str, password_hash: str, display_name: str) -> dict[str, Any]:
        """The first administrator, only while no user exists at all (one transaction)."""
        with self.transaction() as db:
            if db.execute("select count(*) from users").fetchone()[0]:
                raise StoreError("管理员账号已经创建，请直接登录")
            self._insert_user(db, username, password_hash, "admin", display_name)
        return self.user(username) or {}

    @staticmethod
    def _insert_user(db: Database, username: str, password_hash: str, role: str, display_name: str) -> None:
        if db.execute("select 1 from users where lower(username) = lower(?)", [username]).fetchone():
            raise StoreError(f"用户名「{username}」已存在，请换一个")
        row = {"username": username, "display_name": display_name or username, "role": role}
        row |= {"password_hash": password_hash, "created_at": now(), "active": 1}
        try:
            db["users"].insert(row)
        except sqlite3.IntegrityError:
            raise StoreError(f"用户名「{username}」已存在，请换一个") from None

    def user(self, username: str) -> dict[str, Any] | None:
        """The user row (name matched case-insensitively), or None."""
        rows = list(
            self.db["users"].rows_where("lower(username) = lower(?)", [username], order_by="id", limit=1)
        )
        return rows[0] if rows else None

    def user_by_id(self, user_id: int) -> dict[str, Any] | None:
        """The user row by id, or None."""
        rows = list(self.db["users"].rows_where("id = ?", [user_id], limit=1))
        return rows[0] if rows else None

    def users(self) -> list[dict[str, Any]]:
        """Every user without the password hash."""
        return [
            {k: v for k, v in row.items() if k != "password_hash"}
            for row in self.db["users"].rows_where(order_by="id")
        ]

    def has_users(self) -> bool:
        """True once any account exists."""
        return self.db.execute("select exists(select 1 from users)").fetchone()[0] == 1

    def update_user(self, user_id: int, role: str, active: bool) -> None:
        """Change a role and the active flag; deactivating ends every login session of the user.

        Refused (rolled back) if it would leave no active administrator: counted inside the same
        write, so two admins demoting each other at once cannot both succeed."""
        count = "select count(*) from users where role = 'admin' and active = 1"
        with self.transaction() as db:
            before = db.execute(count).fetchone()[0]
            db.execute("update users set role = ?, active = ? where id = ?", [role, int(active), user_id])
            if before and not db.execute(count).fetchone()[0]:
                raise StoreError("这是唯一的在用管理员账号，不能停用或降级；请先为其他人设置管理员角色")
            if not active:
                _end_sessions(db, user_id)

    def set_user_group(self, user_id: int, group_name: str) -> None:
        """Put a user in a 班组 ("" = none); the name is checked by the caller (accounts)."""
        with self.transaction() as db:
            db.execute("update users set group_name = ? where id = ?", [group_name, user_id])

    def set_password_hash(self, user_id: int, password_hash: str, keep_token_hash: str | None) -> None:
        """A new password; every other login session of the user ends."""
        with self.transaction() as db:
            db.execute("update users set password_hash = ? where id = ?", [password_hash, user_id])
            db.execute(
                "update auth_sessions set ended = 1 where user_id = ? and token_hash != ?",
                [user_id, keep_token_hash or ""],
            )

    def active_admins(self) -> int:
        """How many active administrators there are."""
        return self.db.execute("select count(*) from users where role = 'admin' and active = 1").fetchone()[0]

    # --- login attempts ----------------------------------------------------------------------

    def reserve_login_attempt(
        self, username: str, client: str, at: float, window_s: float, policy: AttemptPolicy
    ) -> float:
        """Count this attempt as a failure before the password is checked, if `policy` allows it.

        Returns 0 when the attempt may go on, else the seconds to wait (nothing is written). The
        count and the write are one transaction, so parallel attempts cannot all see the old count.
        """
        with self.transaction() as db:
            times = [
                row[0]
                for row in db.execute(
                    "select at from login_failures where username = ? and client = ? and at >= ? order by at",
                    [username, client, at - window_s],
                )
            ]
            wait = policy(times, at)
            if wait <= 0:
                db.execute(
                    "insert into login_failures (username, client, at) values (?, ?, ?)",
                    [username, client, at],
                )
                # Old rows go on every attempt, so made-up names cannot pile rows up forever.
                db.execute("delete from login_failures where at < ?", [at - window_s])
        return wait

    def clear_login_failures(self, username: str, client: str) -> None:
        """Forget this client's failures on this name after a successful login."""
        with self.transaction() as db:
            db.execute("delete from login_failures where username = ? and client = ?", [username, client])

    def login_failure_count(self) -> int:
        """All failure rows kept (for tests and the admin's view)."""
        return self.db.execute("select count(*) from login_failures").fetchone()[0]

    # --- login sessions ----------------------------------------------------------------------

    def open_auth_session(self, token_hash: str, user_id: int, at: float) -> None:
        """A new login session (the token itself is never stored, only its hash)."""
        with self.transaction() as db:
            db.execute(
                "insert into auth_sessions (token_hash, user_id, created_at, last_seen, ended) values (?, ?, ?, ?, 0)",
                [token_hash, user_id, at, at],
            )

    def auth_session_user(self, token_hash: str, at: float, idle_s: float) -> dict[str, Any] | None:
        """The active user behind a live session (role and flag as stored now), or None.

        A session idle for longer than `idle_s` is ended here; a live one has its last_seen moved on.
        """
        row = self.db.execute(
            "select s.last_seen, u.id, u.username, u.display_name, u.role from auth_sessions s "
            "join users u on u.id = s.user_id where s.token_hash = ? and s.ended = 0 and u.active = 1",
            [token_hash],
        ).fetchone()
        if row is None:
            return None
        last_seen, *user = row
        if at - last_seen > idle_s:
            self.end_auth_session(token_hash)
            return None
        if at - last_seen > TOUCH_EVERY_S:
            # Best effort: a busy database must not fail a page view over a timestamp.
            with contextlib.suppress(StoreError), self.transaction() as db:
                db.execute("update auth_sessions set last_seen = ? where token_hash = ?", [at, token_hash])
        return dict(zip(("id", "username", "display_name", "role"), user, strict=True))

    def end_auth_session(self, token_hash: str) -> None:
        """End one login session."""
        with self.transaction() as db:
            db.execute("update auth_sessions set ended = 1 where token_hash = ?", [token_hash])

    def end_user_sessions(self, user_id: int) -> None:
        """End every login session of a user (logout in one tab ends them all)."""
        with self.transaction() as db:
            _end_sessions(db, user_id)

    def prune_auth_sessions(self, before: float) -> None:
        """Drop ended or long-idle sessions last seen before `before`."""
        with self.transaction() as db:
            db.execute("delete from auth_sessions where last_seen < ?", [before])


def _end_sessions(db: Database, user_id: int) -> None:
    db.execute("update auth_sessions set ended = 1 where user_id = ?", [user_id])
