"""The login cookie's value: signed, expiring, bound to a token; its secret; one-time handoffs."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from accounts.cookies import cookie_secret, sign, verify
from accounts.handoff import CookieGrant, CookieHandoffs

SECRET = b"s" * 64


def test_a_signed_value_gives_back_its_token_until_it_expires() -> None:
    value = sign(SECRET, "tok-en_1", 2_000)
    assert verify(SECRET, value, now=1_999) == "tok-en_1"
    assert verify(SECRET, value, now=2_000) is None


def test_a_changed_token_expiry_or_secret_is_refused() -> None:
    token, expires, mac = sign(SECRET, "token", 2_000).split(".")
    assert verify(SECRET, f"other.{expires}.{mac}", now=1_000) is None
    assert verify(SECRET, f"{token}.9999999999.{mac}", now=1_000) is None
    assert verify(b"another secret", f"{token}.{expires}.{mac}", now=1_000) is None


def test_malformed_values_are_refused_without_an_error() -> None:
    for value in (None, "", "token", "a.b.c", "a..c", "a.12.c.d", "a.-5.c", ".12."):
        assert verify(SECRET, value, now=0) is None


def test_the_secret_is_created_once_readable_by_the_owner_only(tmp_path: Path) -> None:
    first = cookie_secret(tmp_path / "data")
    assert len(first) == 64
    assert cookie_secret(tmp_path / "data") == first
    mode = stat.S_IMODE((tmp_path / "data" / "cookie_secret").stat().st_mode)
    assert mode == 0o600


def test_a_handoff_code_is_redeemed_once() -> None:
    handoffs = CookieHandoffs()
    code = handoffs.issue(CookieGrant("value", 60))
    assert handoffs.pending(code)
    assert handoffs.redeem(code) == CookieGrant("value", 60)
    assert not handoffs.pending(code)
    assert handoffs.redeem(code) is None
    assert handoffs.redeem("made-up") is None


def test_an_expired_handoff_code_is_refused() -> None:
    handoffs = CookieHandoffs(ttl_s=0.01)
    code = handoffs.issue(CookieGrant("value", 60))
    time.sleep(0.05)
    assert not handoffs.pending(code)
    assert handoffs.redeem(code) is None
