"""Logging in (with rate limiting), creating users, and the demo accounts of `make run`."""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass

from accounts.passwords import hash_password, verify_password
from accounts.roles import Role
from store import Store, StoreError

MAX_FAILURES = 5
WINDOW_S = 300
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
MIN_PASSWORD = 8
# Listed in the README; created only in demo mode (`make run` sets COACH_DEMO=1).
DEMO_ACCOUNTS = [
    ("xiaowang", "lianxi123", Role.TRAINEE, "小王（学员）"),
    ("laoli", "peixun123", Role.TRAINER, "李老师（培训师）"),
    ("admin", "guanli123", Role.ADMIN, "管理员"),
]


class AuthError(Exception):
    """A refused login or user creation; the message is for the user."""


@dataclass(frozen=True)
class User:
    """Who is logged in."""

    id: int
    username: str
    display_name: str
    role: Role


def authenticate(store: Store, username: str, password: str, now: float | None = None) -> User:
    """The user for these credentials, or AuthError (too many recent failures lock the name)."""
    now = time.time() if now is None else now
    username = username.strip()
    if store.login_failures_since(username, now - WINDOW_S) >= MAX_FAILURES:
        raise AuthError(f"密码错误次数过多，请 {WINDOW_S // 60} 分钟后再试")
    row = store.user(username)
    # Verify against a dummy hash for unknown names too, so timing does not reveal which names exist.
    ok = (
        verify_password(password, row["password_hash"] if row else _DUMMY_HASH)
        and row is not None
        and row["active"]
    )
    if not ok:
        store.add_login_failure(username, now)
        raise AuthError("用户名或密码不正确")
    store.clear_login_failures(username)
    return User(
        id=row["id"], username=row["username"], display_name=row["display_name"], role=Role(row["role"])
    )


def create_user(store: Store, username: str, password: str, role: str, display_name: str = "") -> User:
    """A new account; AuthError explains what to fix."""
    if not USERNAME.match(username):
        raise AuthError("用户名需 3–32 位，只能包含字母、数字、下划线、点或连字符")
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"密码至少 {MIN_PASSWORD} 位")
    try:
        row = store.add_user(username, hash_password(password), Role(role).value, display_name)
    except StoreError as exc:
        raise AuthError(str(exc)) from None
    except ValueError:
        raise AuthError(f"未知角色「{role}」") from None
    return User(
        id=row["id"], username=row["username"], display_name=row["display_name"], role=Role(row["role"])
    )


def seed_demo_accounts(store: Store) -> None:
    """Create the demo accounts that do not exist yet (idempotent)."""
    for username, password, role, name in DEMO_ACCOUNTS:
        if store.user(username) is None:
            with contextlib.suppress(AuthError):  # created concurrently by another session: fine
                create_user(store, username, password, role, name)


_DUMMY_HASH = hash_password("not-a-real-password")
