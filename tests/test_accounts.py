"""Passwords are salted and verified in constant time; logins are rate limited; roles nest."""

from __future__ import annotations

import pytest

from accounts import AuthError, Role, authenticate, can, create_user, hash_password, verify_password
from accounts.service import MAX_FAILURES, WINDOW_S
from store import Store


def test_hashes_are_salted_and_verify():
    first, second = hash_password("lianxi123"), hash_password("lianxi123")
    assert first != second and first.startswith("scrypt$")
    assert verify_password("lianxi123", first) and not verify_password("lianxi124", first)
    assert not verify_password("x", "garbage") and not verify_password("x", "md5$1$2$3$ab$cd")


def test_rate_limit_locks_after_repeated_failures_and_expires(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError, match="不正确"):
            authenticate(store, "xiaowang", "nope", now=1000.0)
    with pytest.raises(AuthError, match="次数过多"):
        authenticate(store, "xiaowang", "lianxi123", now=1001.0)
    assert authenticate(store, "xiaowang", "lianxi123", now=1000.0 + WINDOW_S + 1).username == "xiaowang"


def test_unknown_users_are_refused_like_wrong_passwords(tmp_path):
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        authenticate(Store(tmp_path / "c.db"), "nobody", "whatever")


@pytest.mark.parametrize(
    ("username", "password", "words"), [("ab", "longenough", "用户名"), ("okname", "short", "至少")]
)
def test_new_accounts_are_validated(tmp_path, username, password, words):
    with pytest.raises(AuthError, match=words):
        create_user(Store(tmp_path / "c.db"), username, password, Role.TRAINEE)


def test_roles_nest():
    assert can("admin", Role.TRAINER) and can("trainer", Role.TRAINEE)
    assert not can("trainee", Role.TRAINER) and not can("nonsense", Role.TRAINEE)
