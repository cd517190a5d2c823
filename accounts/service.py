"""Logging in (rate limited per client), creating and changing accounts, and the demo accounts."""

from __future__ import annotations

import contextlib
import time

from accounts.attempts import WINDOW_S, wait_message, wait_seconds
from accounts.passwords import hash_password, verify_password
from accounts.roles import Role
from accounts.rules import (
    RuleError,
    check_display_name,
    check_group_name,
    check_password,
    check_username,
    normalize_username,
)
from accounts.user import User
from store import Store, StoreError

# Listed in the README; created only in demo mode (`make run` sets COACH_DEMO=1).
DEMO_ACCOUNTS = [
    ("xiaowang", "lianxi123", Role.TRAINEE, "小王（学员）"),
    ("laoli", "peixun123", Role.TRAINER, "李老师（培训师）"),
    ("admin", "guanli123", Role.ADMIN, "管理员"),
]


PASSWORD_CHANGE_CLIENT = "password-change"


class AuthError(Exception):
    """A refused login or account change; the message is for the user."""


def authenticate(
    store: Store, username: str, password: str, client: str = "", now: float | None = None
) -> User:
    """The user for these credentials, or AuthError.

    The attempt is counted (atomically) before the slow hash check, per (name, client), so
    parallel guesses cannot outrun the limit and nobody can lock another client out."""
    now = time.time() if now is None else now
    name = normalize_username(username)[:64]
    wait = store.reserve_login_attempt(name, client, now, WINDOW_S, wait_seconds)
    if wait > 0:
        raise AuthError(wait_message(wait))
    row = store.user(name)
    # Verify against a dummy hash for unknown names too, so timing does not reveal which names exist.
    ok = verify_password(password[:256], row["password_hash"] if row else _DUMMY_HASH)
    if not (ok and row is not None and row["active"]):
        raise AuthError("用户名或密码不正确")
    store.clear_login_failures(name, client)
    return User.from_row(row)


def _checked(username: str, password: str, display_name: str) -> tuple[str, str, str]:
    """The normalised name, the password and the display name, or AuthError saying what to fix."""
    try:
        name = check_username(username)
        return name, check_password(password, name), check_display_name(display_name, name)
    except RuleError as exc:
        raise AuthError(str(exc)) from None


def create_user(store: Store, username: str, password: str, role: str, display_name: str = "") -> User:
    """A new account; AuthError explains what to fix."""
    name, password, display = _checked(username, password, display_name)
    try:
        row = store.add_user(name, hash_password(password), Role(role).value, display)
    except StoreError as exc:
        raise AuthError(str(exc)) from None
    except ValueError:
        raise AuthError(f"未知角色「{role}」") from None
    return User.from_row(row)


def create_first_admin(store: Store, username: str, password: str, display_name: str = "管理员") -> User:
    """The first administrator of a fresh install; refused once any account exists."""
    name, password, display = _checked(username, password, display_name)
    try:
        return User.from_row(store.add_first_admin(name, hash_password(password), display))
    except StoreError as exc:
        raise AuthError(str(exc)) from None


def change_password(store: Store, user: User, old: str, new: str, keep_token_hash: str | None) -> None:
    """Replace the password after checking the old one; the user's other sessions end."""
    row = store.user_by_id(user.id)
    if row is None:
        raise AuthError("找不到这个用户")
    # Guesses at the old password count like login attempts: an open session is not a free oracle.
    wait = store.reserve_login_attempt(
        row["username"], PASSWORD_CHANGE_CLIENT, time.time(), WINDOW_S, wait_seconds
    )
    if wait > 0:
        raise AuthError(wait_message(wait))
    if not verify_password(old[:256], row["password_hash"]):
        raise AuthError("原密码不正确")
    store.clear_login_failures(row["username"], PASSWORD_CHANGE_CLIENT)
    if old == new:
        raise AuthError("新密码不能和原密码相同")
    try:
        check_password(new, row["username"])
    except RuleError as exc:
        raise AuthError(str(exc)) from None
    store.set_password_hash(user.id, hash_password(new), keep_token_hash)


def reset_password(store: Store, actor: User, user_id: int, new: str) -> None:
    """An admin sets a new password for a user (who forgot theirs); every session of that user
    ends, so whoever held the old password is logged out."""
    if actor.role != Role.ADMIN:
        raise AuthError("只有管理员可以重置密码")
    row = store.user_by_id(user_id)
    if row is None:
        raise AuthError("找不到这个用户")
    try:
        check_password(new, row["username"])
    except RuleError as exc:
        raise AuthError(str(exc)) from None
    store.set_password_hash(user_id, hash_password(new), None)


def update_user(store: Store, actor: User, user_id: int, role: str, active: bool) -> None:
    """An admin changes a role or the active flag; the last active admin cannot remove themself."""
    row = store.user_by_id(user_id)
    if row is None:
        raise AuthError("找不到这个用户")
    losing_admin = row["role"] == Role.ADMIN and row["active"] and (role != Role.ADMIN or not active)
    if losing_admin and store.active_admins() <= 1:  # said early; the Store re-checks inside the write
        raise AuthError("这是唯一的在用管理员账号，不能停用或降级；请先为其他人设置管理员角色")
    if user_id == actor.id and not active:
        raise AuthError("不能停用自己正在使用的账号")
    try:
        store.update_user(user_id, Role(role).value, active)
    except StoreError as exc:
        raise AuthError(str(exc)) from None


def _checked_group(group_name: str) -> str:
    """The cleaned 班组 name ("" = none), or AuthError saying what to fix."""
    try:
        return check_group_name(group_name)
    except RuleError as exc:
        raise AuthError(str(exc)) from None


def set_user_group(store: Store, user_id: int, group_name: str) -> str:
    """Put a user in a 班组 ("" takes them out of any); the name saved, or AuthError."""
    group = _checked_group(group_name)
    if store.user_by_id(user_id) is None:
        raise AuthError("找不到这个用户")
    try:
        store.set_user_group(user_id, group)
    except StoreError as exc:
        raise AuthError(str(exc)) from None
    return group


def create_user_in_group(
    store: Store, username: str, password: str, role: str, display_name: str = "", group_name: str = ""
) -> User:
    """`create_user` plus an optional 班组; every field is checked (in form order) before any write."""
    _checked(username, password, display_name)
    group = _checked_group(group_name)
    user = create_user(store, username, password, role, display_name)
    if group:
        set_user_group(store, user.id, group)
    return user


def update_user_and_group(
    store: Store, actor: User, user_id: int, role: str, active: bool, group_name: str
) -> None:
    """`update_user` plus the 班组; a bad 班组 name or a refused role change saves neither."""
    _checked_group(group_name)
    update_user(store, actor, user_id, role, active)
    set_user_group(store, user_id, group_name)


def seed_demo_accounts(store: Store) -> None:
    """Create the demo accounts that do not exist yet (idempotent)."""
    for username, password, role, name in DEMO_ACCOUNTS:
        if store.user(username) is None:
            with contextlib.suppress(AuthError):  # created concurrently by another session: fine
                create_user(store, username, password, role, name)


_DUMMY_HASH = hash_password("not-a-real-password")
