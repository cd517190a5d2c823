"""Shared pieces of the real-browser tests: chromium, logging in, talking, waiting, screenshots.

Playwright (sync API) drives Debian chromium against the real Streamlit server that
`tests.server_helpers.running_app` starts. `make test` installs chromium and fonts-wqy-microhei when
missing; set COACH_SKIP_BROWSER=1 only on a machine that cannot have them.

Waiting is done with Playwright's auto-retrying `expect(...)` on what the page shows once a script
run has finished, never with sleeps: Streamlit re-renders the whole page on every run, so "the
element exists" is not enough — the helpers wait for content that only the finished run shows.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
skip_without_browser = pytest.mark.skipif(
    os.environ.get("COACH_SKIP_BROWSER") == "1", reason="COACH_SKIP_BROWSER=1"
)

TRAINEE = ("xiaowang", "lianxi123")
TRAINER = ("laoli", "peixun123")
ADMIN = ("admin", "guanli123")
# The case and persona every call test uses, so the customer's lines (and scores) stay comparable.
CASE_LABEL = "彩铃业务“被开通”（通信运营商）"
PERSONA_TEMPERAMENT = "多血质"
REPLY_PLACEHOLDER = "输入你的回复，按回车发送"
# A cold server (first page load imports the libraries and jieba) can take a while on 2 cores.
SLOW_MS = 60_000
MIN_SCREENSHOT_BYTES = 10_000
MAX_SCREENSHOT_HEIGHT = 12_000  # px; chromium refuses much taller captures
# `expect` retries until this timeout (its own default of 5 s is too short for a cold server).
# Process-wide, but only the browser tests import this module or use `expect`.
expect.set_options(timeout=SLOW_MS)


@contextmanager
def browser_page(extra_args: tuple[str, ...] = (), permissions: tuple[str, ...] = ()) -> Iterator[Page]:
    """A fresh headless chromium page (Chinese locale, desktop viewport) with `extra_args` on the
    command line and `permissions` granted; closed afterwards."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *extra_args])
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, locale="zh-CN", permissions=list(permissions)
            )
            context.set_default_timeout(SLOW_MS)
            yield context.new_page()
        finally:
            browser.close()


def chat_messages(page: Page) -> Locator:
    """Every chat bubble on the page (customer and trainee), in order."""
    return page.locator('[data-testid="stChatMessage"]')


def main_area(page: Page) -> Locator:
    """The page body without the sidebar."""
    return page.get_by_test_id("stMain")


def wait_settled(page: Page) -> None:
    """Wait until no element of a previous script run is still shown as stale.

    Only meaningful after a content check that proves the new run has started; on its own it can
    pass in the instant between a click and the rerun it triggers.
    """
    expect(page.locator('[data-stale="true"]')).to_have_count(0)


def log_in(page: Page, url: str, account: tuple[str, str]) -> None:
    """Open the app at `url` as a new visitor (no login cookie) and log in; returns once logged in."""
    page.context.clear_cookies()  # else the login cookie of an earlier login logs the page in
    page.goto(url)
    fill_login_form(page, account)


def login_button(page: Page) -> Locator:
    """The login form's 登录 button. Matched exactly: Playwright matches role names as
    substrings, and 退出登录 (shown while logged in) contains 登录."""
    return page.get_by_role("button", name="登录", exact=True)


def fill_login_form(page: Page, account: tuple[str, str]) -> None:
    """Submit the login form already on screen and wait for the logged-in sidebar."""
    username, password = account
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    login_button(page).click()
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    wait_settled(page)


def choose(page: Page, label: str, option: str | re.Pattern[str]) -> None:
    """Pick `option` in the selectbox labelled `label` (Streamlit renders it as a combobox)."""
    combobox = page.get_by_role("combobox", name=label)
    if _shows(combobox.input_value(), option):
        return
    open_list(combobox)
    page.get_by_role("option").filter(has_text=option).first.click()
    expect(combobox).to_have_attribute("aria-expanded", "false")
    wait_settled(page)


def _shows(value: str, option: str | re.Pattern[str]) -> bool:
    """Whether a combobox showing `value` already has `option` picked."""
    return bool(option.search(value)) if isinstance(option, re.Pattern) else option in value


def open_list(combobox: Locator, tries: int = 10) -> None:
    """Open a selectbox's option list from the keyboard, retrying while Streamlit redraws it.

    A click can miss while Streamlit re-scrolls the chat pane, and a key press can land during a
    rerun that replaces the widget (seen in CI), so the press is repeated until the list is open.
    """
    for _ in range(tries):
        combobox.focus()
        combobox.press("ArrowDown")
        try:
            expect(combobox).to_have_attribute("aria-expanded", "true", timeout=3000)
            return
        except AssertionError:
            continue
    expect(combobox).to_have_attribute("aria-expanded", "true")


def start_call(page: Page, temperament: str = PERSONA_TEMPERAMENT) -> None:
    """On the practice page: pick the fixed case and a persona, start the call, wait for the opening."""
    expect(page.get_by_role("button", name="开始通话")).to_be_visible()
    choose(page, "案例", CASE_LABEL)
    choose(page, "客户性格", temperament)
    page.get_by_role("button", name="开始通话").click()
    expect(page.locator("h1").first).to_contain_text("练习：")
    expect_call_idle(page, 1)


def expect_call_idle(page: Page, count: int) -> None:
    """The call page after a finished run with `count` chat bubbles, every reply graded.

    While the customer's answer streams, the reply is shown without its grade caption and the
    answer without the customer's name; both appear only once the turn is stored and re-rendered.
    """
    messages = chat_messages(page)
    try:
        expect(messages).to_have_count(count)
        for index in range(count):
            # Bubbles alternate customer, trainee, customer, ... (the customer opens the call).
            expect(messages.nth(index)).to_contain_text("综合" if index % 2 else "：")
        expect(page.get_by_role("button", name="结束通话")).to_be_visible()
        wait_settled(page)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n\nThe page shows:\n{main_area(page).inner_text()}") from exc


def send_reply(page: Page, text: str) -> None:
    """Say `text` in the call and wait until the customer's answer is stored and shown."""
    before = chat_messages(page).count()
    box = page.get_by_placeholder(REPLY_PLACEHOLDER)
    box.fill(text)
    box.press("Enter")
    expect_call_idle(page, before + 2)


def rewind_to_before(page: Page, reply_number: int) -> None:
    """撤回 to just before the trainee's `reply_number`-th reply (1-based)."""
    choose(page, "撤回到哪一句之前", re.compile(rf"^第 {reply_number} 句及之后"))
    page.get_by_role("button", name="撤回").click()
    expect_call_idle(page, 1 + 2 * (reply_number - 1))


def end_call(page: Page) -> None:
    """结束通话 and wait for the whole report page (its last widget is 再练一次)."""
    page.get_by_role("button", name="结束通话").click()
    expect(page.locator("h1").first).to_have_text("通话报告")
    expect(page.get_by_role("button", name="再练一次")).to_be_visible()
    wait_settled(page)


def go_to(page: Page, link: str, last_text: str) -> None:
    """Follow the sidebar menu entry `link`; wait for `last_text`, shown at the end of that page."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    expect(main_area(page).get_by_text(last_text, exact=True)).to_be_visible()
    wait_settled(page)


def table_rows(page: Page, index: int = 0) -> list[list[str]]:
    """The cells of the `index`-th st.dataframe, row by row.

    The grid is drawn on a canvas; its accessible <table> copy appears once the canvas has focus.
    """
    frame = page.get_by_test_id("stDataFrame").nth(index)
    frame.get_by_test_id("data-grid-canvas").focus()
    # Canvas fallback content counts as hidden, so role selectors (which skip hidden nodes) and
    # inner_text (which is empty for unrendered nodes) would see nothing: use CSS and textContent.
    cells = frame.locator('td[role="gridcell"]')
    expect(cells).not_to_have_count(0)
    rows = frame.locator('tbody tr[role="row"]').all()
    return [row.locator('td[role="gridcell"]').all_text_contents() for row in rows]


def artifacts_dir() -> Path:
    """Where screenshots are kept after the run: $COACH_ARTIFACTS_DIR or <repo>/.artifacts/screenshots."""
    configured = os.environ.get("COACH_ARTIFACTS_DIR")
    return Path(configured) if configured else ROOT / ".artifacts" / "screenshots"


# The viewport height at which no scrolling pane inside the app has anything left to scroll.
_HEIGHT_WITHOUT_SCROLLING = """() => {
  const panes = [...document.querySelectorAll('[data-testid="stApp"] *')]
    .filter(e => /(auto|scroll)/.test(getComputedStyle(e).overflowY));
  const hidden = panes.map(e => e.scrollHeight - e.clientHeight);
  return window.innerHeight + Math.max(0, ...hidden);
}"""


class Screenshots:
    """Numbered full-page screenshots of one test, in its tmp_path and in the artifacts directory."""

    def __init__(self, tmp_path: Path, topic: str) -> None:
        self.local = tmp_path / "screenshots"
        self.kept = artifacts_dir() / topic
        # Only this test's own folder is emptied, so a rerun leaves no stale pictures behind.
        shutil.rmtree(self.kept, ignore_errors=True)
        self.local.mkdir(parents=True, exist_ok=True)
        self.kept.mkdir(parents=True, exist_ok=True)
        self.steps: list[str] = []

    def take(self, page: Page, step: str) -> None:
        """Save the whole page as `NN-step.png` in both places; a blank page fails the test."""
        self.steps.append(step)
        name = f"{len(self.steps):02d}-{step}.png"
        local, kept = self.local / name, self.kept / name
        # Streamlit scrolls inside its main pane, not the document, so `full_page` alone would stop
        # at the viewport: grow the viewport to the pane's height for the shot, then restore it.
        viewport = page.viewport_size or {"width": 1280, "height": 900}
        height = min(page.evaluate(_HEIGHT_WITHOUT_SCROLLING), MAX_SCREENSHOT_HEIGHT)
        page.set_viewport_size({"width": viewport["width"], "height": height})
        try:
            page.screenshot(path=str(local), full_page=True, animations="disabled")
        finally:
            page.set_viewport_size(viewport)
        shutil.copyfile(local, kept)
        for path in (local, kept):
            assert path.stat().st_size > MIN_SCREENSHOT_BYTES, f"{path} looks blank"
