"""Server-side login sessions: checked on every run, ended by logout, deactivation, idle time."""

from __future__ import annotations

import pytest

from accounts import AuthError, Role, change_password, create_user, update_user
from accounts.attempts import FREE_ATTEMPTS
from accounts.sessions import log_out_everywhere, open_session, session_user, token_hash
from store import Store

IDLE_H = 8.0


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "c.db")


def test_a_session_token_finds_its_user_and_only_its_hash_is_stored(store):
    user = create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    token = open_session(store, user, at=1000.0)
    assert session_user(store, token, IDLE_H, at=1001.0) == user
    stored = [row[0] for row in store.db.execute("select token_hash from auth_sessions")]
    assert stored == [token_hash(token)] and token not in stored
    assert session_user(store, "made-up", IDLE_H, at=1001.0) is None


def test_logout_in_one_tab_ends_the_other_tabs(store):
    user = create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    tab_a, tab_b = open_session(store, user, at=1000.0), open_session(store, user, at=1000.0)
    log_out_everywhere(store, user.id)
    assert session_user(store, tab_a, IDLE_H, at=1001.0) is None
    assert session_user(store, tab_b, IDLE_H, at=1001.0) is None


def test_deactivation_and_demotion_take_effect_on_the_next_check(store):
    admin = create_user(store, "boss", "guanli123", Role.ADMIN)
    other = create_user(store, "boss2", "guanli123", Role.ADMIN)
    token = open_session(store, other, at=1000.0)
    update_user(store, admin, other.id, Role.TRAINEE, active=True)
    assert session_user(store, token, IDLE_H, at=1001.0).role == Role.TRAINEE
    update_user(store, admin, other.id, Role.TRAINEE, active=False)
    assert session_user(store, token, IDLE_H, at=1002.0) is None


def test_an_idle_session_ends_after_the_timeout_and_a_used_one_does_not(store):
    user = create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    busy, idle = open_session(store, user, at=0.0), open_session(store, user, at=0.0)
    for hour in range(1, 12):  # the busy tab is used every hour
        assert session_user(store, busy, IDLE_H, at=hour * 3600.0) == user
    assert session_user(store, idle, IDLE_H, at=IDLE_H * 3600 + 1) is None
    assert session_user(store, busy, IDLE_H, at=12 * 3600.0) == user


def test_changing_the_password_ends_the_other_sessions_only(store):
    user = create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    here, elsewhere = open_session(store, user, at=1000.0), open_session(store, user, at=1000.0)
    with pytest.raises(AuthError, match="原密码"):
        change_password(store, user, "wrong-old", "xinmima456", token_hash(here))
    change_password(store, user, "lianxi123", "xinmima456", token_hash(here))
    assert session_user(store, here, IDLE_H, at=1001.0) == user
    assert session_user(store, elsewhere, IDLE_H, at=1001.0) is None


def test_the_last_active_admin_cannot_be_deactivated_or_demoted(store):
    admin = create_user(store, "boss", "guanli123", Role.ADMIN)
    with pytest.raises(AuthError, match="唯一"):
        update_user(store, admin, admin.id, Role.TRAINER, active=True)
    with pytest.raises(AuthError, match="唯一"):
        update_user(store, admin, admin.id, Role.ADMIN, active=False)


def test_guessing_the_old_password_on_the_change_page_is_rate_limited(store):
    user = create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    refusals = []
    for n in range(8):
        try:
            change_password(store, user, f"guess{n}", "xinmima456", None)
        except AuthError as exc:
            refusals.append(str(exc))
    assert refusals.count("原密码不正确") == FREE_ATTEMPTS and "次数过多" in refusals[-1]
