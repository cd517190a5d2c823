"""The cookie routes: a one-time code becomes an HttpOnly, SameSite=Strict cookie; clear drops it."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.testclient import TestClient

from accounts.cookies import COOKIE_NAME
from accounts.handoff import HANDOFFS, CookieGrant
from web.routes import AUTH_HEADER, CLAIM_PATH, CLEAR_PATH, cookie_routes

HEADERS = {AUTH_HEADER: "1"}


def client() -> TestClient:
    return TestClient(Starlette(routes=cookie_routes()))


def test_a_redeemed_code_sets_the_cookie_it_was_issued_for() -> None:
    code = HANDOFFS.issue(CookieGrant("signed-value", 3600))
    response = client().post(CLAIM_PATH, json={"code": code}, headers=HEADERS)
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=signed-value;")
    for part in ("HttpOnly", "SameSite=strict", "Max-Age=3600", "Path=/"):
        assert part in cookie
    assert "Secure" not in cookie  # plain http on loopback


def test_the_same_code_does_not_set_a_cookie_twice() -> None:
    code = HANDOFFS.issue(CookieGrant("signed-value", 3600))
    assert client().post(CLAIM_PATH, json={"code": code}, headers=HEADERS).status_code == 200
    again = client().post(CLAIM_PATH, json={"code": code}, headers=HEADERS)
    assert again.status_code == 403
    assert "set-cookie" not in again.headers
    assert "重新登录" in again.json()["error"]


def test_a_request_without_the_page_header_is_refused() -> None:
    code = HANDOFFS.issue(CookieGrant("signed-value", 3600))
    response = client().post(CLAIM_PATH, json={"code": code})
    assert response.status_code == 403
    assert "X-Coach-Auth" in response.json()["error"]
    assert HANDOFFS.pending(code)  # a refused request does not use the code up


def test_bad_bodies_are_refused_plainly() -> None:
    for body in (b"", b"not json", b"[1]", b'{"code": 5}', b'{"code": "' + b"x" * 2000 + b'"}'):
        response = client().post(CLAIM_PATH, content=body, headers=HEADERS)
        assert response.status_code == 403
        assert response.json()["ok"] is False


def test_the_cookie_is_secure_behind_an_https_proxy() -> None:
    code = HANDOFFS.issue(CookieGrant("signed-value", 3600))
    headers = {**HEADERS, "X-Forwarded-Proto": "https"}
    response = client().post(CLAIM_PATH, json={"code": code}, headers=headers)
    assert "Secure" in response.headers["set-cookie"]


def test_clear_expires_the_cookie() -> None:
    response = client().post(CLEAR_PATH, headers=HEADERS)
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f'{COOKIE_NAME}="";') and "Max-Age=0" in cookie
    assert client().post(CLEAR_PATH).status_code == 403
