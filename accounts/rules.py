"""What a username, a password, a display name and a 班组 may be: one place, shown in the forms as said here."""

from __future__ import annotations

import re
import unicodedata

# Shown in the forms' labels after the field's name, and in the refusals.
USERNAME_RULE = "3–32 位，只能用英文字母、数字、下划线、点或连字符，不区分大小写"
PASSWORD_RULE = "8–128 位，不能全是空格、不能只有数字、不能和用户名相同"
NAME_RULE = "最多 40 个字"
GROUP_RULE = "选填，最多 20 个字"
MIN_PASSWORD, MAX_PASSWORD, MAX_NAME = 8, 128, 40
MAX_GROUP = 20
_USERNAME = re.compile(r"[a-z0-9_.-]{3,32}")


class RuleError(ValueError):
    """The value breaks its rule; the message says which rule, in Chinese."""


def normalize_username(raw: str) -> str:
    """The canonical form: NFKC (full-width letters become ASCII), trimmed, lower case."""
    return unicodedata.normalize("NFKC", raw).strip().lower()


def check_username(raw: str) -> str:
    """The normalised username, or RuleError."""
    username = normalize_username(raw)
    if not _USERNAME.fullmatch(username):  # fullmatch: "$" alone would let a trailing newline in
        raise RuleError(f"用户名需 {USERNAME_RULE}")
    return username


def check_password(password: str, username: str) -> str:
    """The password unchanged, or RuleError naming what is wrong with it."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise RuleError(f"密码需 {MIN_PASSWORD}–{MAX_PASSWORD} 位，现在是 {len(password)} 位")
    if not password.strip():
        raise RuleError("密码不能全是空格")
    if password.isdigit():
        raise RuleError("密码不能只有数字，请加上字母或符号")
    if normalize_username(password) == normalize_username(username):
        raise RuleError("密码不能和用户名相同")
    return password


def check_display_name(raw: str, fallback: str) -> str:
    """A display name as plain text: NFKC, trimmed, no control characters, at most 40 characters."""
    name = unicodedata.normalize("NFKC", raw).strip()
    if any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in name):
        raise RuleError("姓名里不能有控制字符或换行")
    if len(name) > MAX_NAME:
        raise RuleError(f"姓名{NAME_RULE}，现在是 {len(name)} 个字")
    return name or fallback


def check_group_name(raw: str) -> str:
    """A 班组 name as plain text: NFKC, trimmed, no control characters, at most 20 characters.

    "" means no 班组 (the field is optional)."""
    name = unicodedata.normalize("NFKC", raw).strip()
    if any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in name):
        raise RuleError("班组名称里不能有控制字符或换行")
    if len(name) > MAX_GROUP:
        raise RuleError(f"班组名称最多 {MAX_GROUP} 个字，现在是 {len(name)} 个字")
    return name
