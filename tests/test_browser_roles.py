"""Typing a trainer or admin page's URL as a trainee gets a refusal, never the page.

Typing a URL reloads the browser tab, which starts a new Streamlit session, so the trainee logs in
again on the way: every page's URL shows the login form while logged out, and after logging in the
same URL runs the page, whose own role check (`require()`) refuses the trainee. The menu never
lists those pages for a trainee. The trainer and admin controls prove the URLs tried are the real
ones, so the refusals are not an artefact of a mistyped path.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser_helpers import (
    ADMIN,
    TRAINEE,
    TRAINER,
    Screenshots,
    browser_page,
    fill_login_form,
    go_to,
    log_in,
    login_button,
    main_area,
    skip_without_browser,
    wait_settled,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

# URL path → (menu title, text shown at the end of that page when there is no data yet).
RESTRICTED = {
    "review": ("通话审阅", "还没有任何通话记录。"),
    "users": ("用户管理", "新建用户"),
    "settings": ("设置", "未配置密钥：当前使用离线引擎，练习和评分都可以正常进行。"),
}


def nav_link(page: Page, path: str):
    """The sidebar menu link to `/path`."""
    return page.get_by_test_id("stSidebarNav").locator(f'a[href$="/{path}"]')


def test_a_trainee_typing_a_trainer_or_admin_url_is_refused(tmp_path: Path) -> None:
    """For 通话审阅, 用户管理 and 设置: the typed URL asks for a login, then refuses the trainee in
    Chinese, shows none of the page's content and no menu link to it."""
    shots = Screenshots(tmp_path, "roles")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        for path, (title, last_text) in RESTRICTED.items():
            page.goto(f"{url}/{path}")
            expect(login_button(page)).to_be_visible()
            expect(page.get_by_text("Page not found")).to_have_count(0)
            shots.take(page, f"trainee-types-{path}")

            fill_login_form(page, TRAINEE)
            expect(main_area(page).get_by_text("无权访问")).to_be_visible()
            wait_settled(page)
            assert page.url.rstrip("/").endswith(path), page.url
            expect(main_area(page).locator("h1").filter(has_text=title)).to_have_count(0)
            expect(main_area(page).get_by_text(last_text)).to_have_count(0)
            expect(nav_link(page, path)).to_have_count(0)
            shots.take(page, f"trainee-after-{path}")
            page.get_by_role("button", name="退出登录").click()
            # Wait for the logged-out form itself: the next goto must not race the logout.
            expect(login_button(page)).to_be_visible()
            expect(page.get_by_role("button", name="退出登录")).to_have_count(0)


def test_a_bookmarked_page_opens_after_logging_in(tmp_path: Path) -> None:
    """A trainer's bookmark to 通话审阅 asks for a login and then shows that page, not 练习."""
    with running_app(tmp_path / "data") as url, browser_page() as page:
        page.goto(f"{url}/review")
        fill_login_form(page, TRAINER)
        expect(page.locator("h1").first).to_have_text("通话审阅")
        expect(main_area(page).get_by_text(RESTRICTED["review"][1])).to_be_visible()


def test_trainer_and_admin_reach_those_urls_from_their_menus(tmp_path: Path) -> None:
    """The control: the same paths are where the trainer's and admin's menus lead."""
    shots = Screenshots(tmp_path, "roles-allowed")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        for account, paths in ((TRAINER, ["review"]), (ADMIN, ["review", "users", "settings"])):
            log_in(page, url, account)
            for path in paths:
                title, last_text = RESTRICTED[path]
                expect(nav_link(page, path)).to_contain_text(title)
                go_to(page, title, last_text)
                expect(page.locator("h1").first).to_have_text(title)
                assert page.url == f"{url}/{path}"
                shots.take(page, f"{account[0]}-{path}")
