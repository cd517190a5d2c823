"""A reload, a typed URL or a bookmark keeps the login and the call; logout ends it for good.

The login cookie is HttpOnly (the page's JavaScript cannot read it), bound to the server-side
login session (a copy of it is useless after logout) and signed (an edited one is refused).
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from accounts.cookies import COOKIE_NAME
from tests.browser_helpers import (
    TRAINEE,
    Screenshots,
    browser_page,
    chat_messages,
    expect_call_idle,
    log_in,
    login_button,
    main_area,
    send_reply,
    skip_without_browser,
    start_call,
    wait_settled,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

REPLY = "您好，工号1024为您服务。真对不起让您久等了，请问有什么可以帮您？"


def login_cookie(context: BrowserContext) -> dict | None:
    """The login cookie the browser holds, if any."""
    return next((cookie for cookie in context.cookies() if cookie["name"] == COOKIE_NAME), None)


def wait_for_login_cookie(page: Page) -> dict:
    """The page sets the cookie with a fetch after the login run: wait until the browser has it."""
    for _ in range(100):
        cookie = login_cookie(page.context)
        if cookie:
            return cookie
        page.wait_for_timeout(100)
    raise AssertionError("登录后浏览器没有收到登录 cookie")


def expect_logged_in(page: Page) -> None:
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    wait_settled(page)


def expect_login_form(page: Page) -> None:
    expect(login_button(page)).to_be_visible()
    expect(page.get_by_role("button", name="退出登录")).to_have_count(0)


def test_reload_and_typed_urls_keep_the_login_and_the_call(tmp_path: Path) -> None:
    shots = Screenshots(tmp_path, "reload-login")
    with browser_page() as page, running_app(tmp_path / "data") as url:
        log_in(page, url, TRAINEE)
        start_call(page)
        send_reply(page, REPLY)
        before = chat_messages(page).all_inner_texts()
        cookie = wait_for_login_cookie(page)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert COOKIE_NAME not in page.evaluate("document.cookie")
        shots.take(page, "before-reload")

        page.reload()
        expect_logged_in(page)
        expect(page.locator("h1").first).to_have_text("练习：彩铃业务“被开通”")
        expect_call_idle(page, 3)
        assert chat_messages(page).all_inner_texts() == before
        shots.take(page, "after-reload")

        page.goto(f"{url}/history")  # a typed URL or a bookmark of another page
        expect_logged_in(page)
        expect(page.locator("h1").first).to_have_text("我的记录")
        shots.take(page, "deep-link")


def test_logout_ends_the_cookie_and_an_edited_or_copied_cookie_opens_nothing(tmp_path: Path) -> None:
    shots = Screenshots(tmp_path, "reload-logout")
    with browser_page() as page, running_app(tmp_path / "data") as url:
        log_in(page, url, TRAINEE)
        cookie = wait_for_login_cookie(page)

        edited = {**cookie, "value": cookie["value"][:-1] + ("0" if cookie["value"][-1] != "0" else "1")}
        other = page.context.browser.new_context()
        other.add_cookies([edited])
        stranger = other.new_page()
        stranger.goto(url)
        expect_login_form(stranger)

        page.get_by_role("button", name="退出登录").click()
        expect_login_form(page)
        for _ in range(50):  # the page clears the cookie with a fetch after the logout run
            if login_cookie(page.context) is None:
                break
            page.wait_for_timeout(100)
        assert login_cookie(page.context) is None
        page.reload()
        expect_login_form(page)
        shots.take(page, "after-logout-reload")

        other.clear_cookies()
        other.add_cookies([cookie])  # a copy taken before logout: its server session has ended
        stranger.goto(url)
        expect_login_form(stranger)
        expect(main_area(stranger).get_by_text("你已退出登录或登录已过期")).to_be_visible()
        other.close()
