"""One exam end to end in a real browser: the trainer publishes it in 考试管理, the trainee takes
it on 考试 (no hints, no 撤回, the server's clock), hands in, passes and downloads the certificate."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser_helpers import (
    TRAINEE,
    TRAINER,
    Screenshots,
    browser_page,
    chat_messages,
    choose,
    go_to,
    log_in,
    main_area,
    skip_without_browser,
    wait_settled,
)
from tests.server_helpers import running_app
from tests.sim_helpers import EMPATHIC

pytestmark = skip_without_browser


def publish_exam(page: Page) -> None:
    """As the trainer: fill 新建考试 and publish it."""
    go_to(page, "考试管理", "发布考试")
    page.get_by_label("考试名称").fill("彩铃认证")
    choose(page, "案例", "彩铃业务“被开通”")
    choose(page, "客户性格", "多血质")
    page.get_by_role("button", name="发布考试").click()
    expect(main_area(page).get_by_text("考试「彩铃认证」已发布", exact=False)).to_be_visible()
    wait_settled(page)


def say_in_exam(page: Page, text: str) -> None:
    """Send a reply in the exam and wait until the customer's answer is shown."""
    before = chat_messages(page).count()
    box = page.get_by_placeholder("输入你的回复，按回车发送")
    box.fill(text)
    box.press("Enter")
    expect(chat_messages(page)).to_have_count(before + 2)
    wait_settled(page)


def test_a_trainee_takes_an_exam_to_a_pass_and_downloads_the_certificate(tmp_path: Path) -> None:
    shots = Screenshots(tmp_path, "exam")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        log_in(page, url, TRAINER)
        publish_exam(page)
        shots.take(page, "trainer-published")
        log_in(page, url, TRAINEE)
        go_to(page, "考试", "开始考试")
        shots.take(page, "exam-list")
        page.get_by_role("button", name="开始考试").click()
        expect(page.locator("h1").first).to_have_text("考试：彩铃认证")
        expect(chat_messages(page)).to_have_count(1)
        wait_settled(page)
        for reply in EMPATHIC[:4]:
            say_in_exam(page, reply)
        assert page.get_by_role("button", name="撤回").count() == 0
        # With the chat box at the bottom the page body has no stMain: search the whole page.
        assert page.get_by_text("提示（", exact=False).count() == 0
        assert page.get_by_text("综合", exact=False).count() == 0  # no live score in an exam
        expect(page.get_by_text("不可撤回", exact=False)).to_be_visible()
        shots.take(page, "exam-call")
        page.get_by_role("button", name="交卷").click()
        page.get_by_role("button", name="确定交卷").click()
        expect(page.get_by_text("恭喜，考试通过！")).to_be_visible()
        wait_settled(page)
        shots.take(page, "exam-passed")
        with page.expect_download() as download:
            page.get_by_role("button", name="下载合格证书").first.click()
        certificate = Path(download.value.path()).read_text(encoding="utf-8")
        assert "合格证书" in certificate and "小王" in certificate and "彩铃认证" in certificate
