"""Usernames, passwords and display names follow one stated rule each."""

from __future__ import annotations

import pytest

from accounts import AuthError, Role, create_user
from accounts.rules import RuleError, check_display_name, check_password, check_username
from store import Store


@pytest.mark.parametrize("raw", ["xiaowang\n", " XiaoWang ", "ＸＩＡＯＷＡＮＧ", "xiaowang\t"])
def test_usernames_are_normalised_before_they_are_checked(raw):
    assert check_username(raw) == "xiaowang"


@pytest.mark.parametrize("raw", ["ab", "x" * 33, "小王", "xiao wang", "xiao\nwang", "a/b/c", "<img>"])
def test_usernames_outside_the_rule_are_refused(raw):
    with pytest.raises(RuleError, match="3–32"):
        check_username(raw)


def test_names_differing_only_in_case_are_the_same_account(tmp_path):
    store = Store(tmp_path / "c.db")
    create_user(store, "xiaowang", "lianxi123", Role.TRAINEE)
    with pytest.raises(AuthError, match="已存在"):
        create_user(store, "XiaoWang", "lianxi456", Role.TRAINEE)
    with pytest.raises(AuthError, match="已存在"):
        create_user(store, "xiaowang\n", "lianxi456", Role.TRAINEE)


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short1", "8–128"),
        ("x" * 129, "8–128"),
        (" " * 8, "空格"),
        ("12345678", "数字"),
        ("20261201", "数字"),
        ("Xiaowang", "用户名"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, words):
    with pytest.raises(RuleError, match=words):
        check_password(password, "xiaowang")


def test_a_reasonable_password_passes_unchanged():
    assert check_password("lianxi 123", "xiaowang") == "lianxi 123"


def test_display_names_are_plain_text_of_at_most_40_characters():
    assert check_display_name("  小王  ", "xiaowang") == "小王"
    assert check_display_name("", "xiaowang") == "xiaowang"
    with pytest.raises(RuleError, match="40"):
        check_display_name("王" * 41, "x")
    with pytest.raises(RuleError, match="控制字符"):
        check_display_name("小王\n![](http://evil/x.png)", "x")
