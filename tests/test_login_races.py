"""Parallel requests cannot outrun a check: guesses against the limit, first-admin forms."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable

from accounts import AuthError, Role, authenticate, create_first_admin, create_user, update_user
from accounts.attempts import FREE_ATTEMPTS
from store import Store


def _in_parallel(n: int, work: Callable[[int], str]) -> Counter[str]:
    """Run `work(i)` on n threads released together; count what each returned or raised."""
    results: Counter[str] = Counter()
    lock, gate = threading.Lock(), threading.Barrier(n)

    def run(i: int) -> None:
        gate.wait()
        try:
            outcome = work(i)
        except AuthError as exc:
            outcome = str(exc)
        with lock:
            results[outcome] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_forty_parallel_wrong_passwords_check_at_most_the_allowed_number(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    for _ in range(3):  # three failures already on record
        with contextlib.suppress(AuthError):
            authenticate(store, "xiaowang", "wrong", client="c1", now=1000.0)
    results = _in_parallel(
        40, lambda i: authenticate(store, "xiaowang", f"guess{i}", client="c1", now=1001.0)
    )
    checked = results["用户名或密码不正确"]  # only a checked password can be called wrong
    assert checked == FREE_ATTEMPTS - 3
    assert sum(n for text, n in results.items() if "次数过多" in text) == 40 - checked


def test_forty_parallel_attempts_cannot_slip_a_right_password_past_the_limit(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    for _ in range(FREE_ATTEMPTS):
        with contextlib.suppress(AuthError):
            authenticate(store, "xiaowang", "wrong", client="c1", now=1000.0)
    results = _in_parallel(
        40, lambda i: authenticate(store, "xiaowang", "lianxi123", client="c1", now=1001.0).username
    )
    assert results["xiaowang"] == 0


def test_ten_parallel_first_admin_forms_create_one_admin(tmp_path):
    store = Store(tmp_path / "c.db")
    results = _in_parallel(10, lambda i: create_first_admin(store, f"boss{i}", "guanli123x").username)
    admins = [u for u in store.users() if u["role"] == "admin"]
    assert len(store.users()) == 1 and len(admins) == 1
    assert results[admins[0]["username"]] == 1
    assert results["管理员账号已经创建，请直接登录"] == 9


def test_the_first_admin_form_is_refused_once_any_account_exists(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    try:
        create_first_admin(store, "boss", "guanli123x")
    except AuthError as exc:
        assert "已经创建" in str(exc)
    else:
        raise AssertionError("a second way to become admin")
    assert [u["role"] for u in store.users()] == ["trainee"]


def test_two_admins_demoting_each_other_at_once_leave_one_admin(tmp_path):
    store = Store(tmp_path / "c.db")
    first = create_user(store, "boss1", "guanli123", Role.ADMIN)
    second = create_user(store, "boss2", "guanli123", Role.ADMIN)
    pairs = [(first, second), (second, first)]

    def demote(i: int) -> str:
        actor, target = pairs[i]
        update_user(store, actor, target.id, Role.TRAINEE, active=True)
        return "demoted"

    results = _in_parallel(2, demote)
    assert results["demoted"] == 1 and store.active_admins() == 1
