"""Passwords are salted and verified in constant time; logins are rate limited; roles nest."""

from __future__ import annotations

import pytest

from accounts import AuthError, Role, authenticate, can, create_user, hash_password, verify_password
from accounts.attempts import FIRST_WAIT_S, FREE_ATTEMPTS, MAX_WAIT_S, WINDOW_S, wait_seconds
from store import Store


def test_hashes_are_salted_and_verify():
    first, second = hash_password("lianxi123"), hash_password("lianxi123")
    assert first != second and first.startswith("scrypt$")
    assert verify_password("lianxi123", first) and not verify_password("lianxi124", first)
    assert not verify_password("x", "garbage") and not verify_password("x", "md5$1$2$3$ab$cd")


def test_repeated_failures_make_this_client_wait_and_the_wait_ends(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(AuthError, match="不正确"):
            authenticate(store, "xiaowang", "nope", client="1.2.3.4", now=1000.0)
    with pytest.raises(AuthError, match="次数过多"):
        authenticate(store, "xiaowang", "lianxi123", client="1.2.3.4", now=1001.0)
    later = 1000.0 + FIRST_WAIT_S + 1
    assert authenticate(store, "xiaowang", "lianxi123", client="1.2.3.4", now=later).username == "xiaowang"


def test_one_clients_failures_do_not_lock_out_another_client(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "admin1", "guanli123", Role.ADMIN)
    for _ in range(FREE_ATTEMPTS + 3):
        with pytest.raises(AuthError):
            authenticate(store, "admin1", "guess", client="attacker", now=1000.0)
    assert authenticate(store, "admin1", "guanli123", client="office", now=1000.0).role == Role.ADMIN


def test_the_wait_doubles_with_each_extra_failure_up_to_a_cap():
    free = [1000.0] * FREE_ATTEMPTS
    assert wait_seconds(free[:-1], 1000.0) == 0
    assert wait_seconds(free, 1000.0) == FIRST_WAIT_S
    assert wait_seconds([*free, 1000.0], 1000.0) == 2 * FIRST_WAIT_S
    assert wait_seconds(free * 10, 1000.0) == MAX_WAIT_S
    assert wait_seconds(free, 1000.0 + FIRST_WAIT_S) == 0


def test_failure_rows_older_than_the_window_are_pruned(tmp_path):
    store = Store(tmp_path / "c.db")
    for n in range(30):  # made-up names, as a scanner would try
        with pytest.raises(AuthError):
            authenticate(store, f"ghost{n}", "whatever", client="scanner", now=1000.0)
    assert store.login_failure_count() == 30
    with pytest.raises(AuthError):
        authenticate(store, "ghost-late", "whatever", client="scanner", now=1000.0 + WINDOW_S + 1)
    assert store.login_failure_count() == 1


def test_unknown_users_are_refused_like_wrong_passwords(tmp_path):
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        authenticate(Store(tmp_path / "c.db"), "nobody", "whatever")


def test_names_are_matched_whatever_their_case_and_width(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "XiaoWang", "lianxi123", Role.TRAINEE)
    assert authenticate(store, "  ｘｉａｏｗａｎｇ ", "lianxi123").username == "xiaowang"


def test_a_deactivated_account_cannot_log_in(tmp_path):
    store = Store(tmp_path / "c.db")
    user = create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    store.update_user(user.id, "trainee", active=False)
    with pytest.raises(AuthError, match="不正确"):
        authenticate(store, "xiaowang", "lianxi123")


def test_roles_nest():
    assert can("admin", Role.TRAINER) and can("trainer", Role.TRAINEE)
    assert not can("trainee", Role.TRAINER) and not can("nonsense", Role.TRAINEE)
