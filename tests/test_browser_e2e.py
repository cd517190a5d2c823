"""A real browser (Playwright + Debian chromium) plays a short call; a screenshot is kept.

`make test` installs chromium and fonts-wqy-microhei when missing; set COACH_SKIP_BROWSER=1 only
on a machine that cannot have them.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.server_helpers import running_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# The page after the answer is stored and re-rendered: the reply carries its grade caption and the
# customer's answer its name label (neither is there while the answer is still streaming).
ANSWERED = """() => {
  const m = document.querySelectorAll('[data-testid="stChatMessage"]');
  return m.length >= 3 && m[1].innerText.includes('综合') && m[2].innerText.includes('：');
}"""
pytestmark = pytest.mark.skipif(os.environ.get("COACH_SKIP_BROWSER") == "1", reason="COACH_SKIP_BROWSER=1")


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        yield context.new_page()
        browser.close()


def _log_in(page, url: str) -> None:
    page.goto(url)
    page.get_by_label("用户名").fill("xiaowang")
    page.get_by_label("密码").fill("lianxi123")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name="开始通话").wait_for(timeout=30_000)


def test_a_trainee_plays_a_short_call_in_a_real_browser(page, tmp_path):
    from playwright.sync_api import expect

    with running_app(tmp_path / "data") as url:
        _log_in(page, url)
        page.get_by_role("button", name="开始通话").click()
        messages = page.locator('[data-testid="stChatMessage"]')
        messages.first.wait_for(timeout=30_000)
        box = page.get_by_placeholder("输入你的回复，按回车发送")
        box.fill("您好，工号1024为您服务，真对不起让您久等了，请问有什么可以帮您？")
        box.press("Enter")
        page.wait_for_function(
            "document.querySelectorAll('[data-testid=\"stChatMessage\"]').length >= 3", timeout=30_000
        )
        expect(page.locator("h1").first).to_contain_text("练习：")
        expect(messages.nth(1)).to_contain_text("综合", timeout=30_000)
        expect(messages.nth(2)).to_contain_text("：", timeout=30_000)
        expect(page.get_by_text("怒气").first).to_be_visible()
        shot = tmp_path / "practice-call.png"
        page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
