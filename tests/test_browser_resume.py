"""An unfinished call survives a server restart: log in again and it carries on where it was."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser_helpers import (
    TRAINEE,
    Screenshots,
    browser_page,
    chat_messages,
    expect_call_idle,
    log_in,
    send_reply,
    skip_without_browser,
    start_call,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

BEFORE_RESTART = [
    "您好，工号1024为您服务。真对不起让您久等了，请问有什么可以帮您？",
    "我理解您的心情。这项彩铃是优惠绑定的，每月1号会返还5元话费，正好抵扣，等于免费使用。",
]
AFTER_RESTART = "请您放心，每月1号都会返还5元，您下个月1号可以来电查询返还到账。"


def test_a_call_resumes_with_every_earlier_turn_after_the_server_restarts(tmp_path: Path) -> None:
    """Two replies, then the server is terminated and a new one started over the same data dir.

    Logging in again shows the same call with exactly the same five chat messages (opening, two
    replies, two answers), and the call goes on: a third reply is answered.
    """
    shots = Screenshots(tmp_path, "resume")
    data_dir = tmp_path / "data"
    with browser_page() as page:
        with running_app(data_dir) as url:
            log_in(page, url, TRAINEE)
            start_call(page)
            for reply in BEFORE_RESTART:
                send_reply(page, reply)
            before = chat_messages(page).all_inner_texts()
            assert len(before) == 5
            shots.take(page, "before-restart")
            first_url = url
        # Leaving the block terminated that server (SIGTERM, then waited for); prove it is gone.
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{first_url}/_stcore/health", timeout=2)

        with running_app(data_dir) as url:
            log_in(page, url, TRAINEE)
            expect(page.locator("h1").first).to_have_text("练习：彩铃业务“被开通”")
            expect_call_idle(page, 5)
            assert chat_messages(page).all_inner_texts() == before
            shots.take(page, "after-restart")

            send_reply(page, AFTER_RESTART)
            messages = chat_messages(page)
            expect(messages).to_have_count(7)
            expect(messages.nth(5)).to_contain_text(AFTER_RESTART)
            assert messages.all_inner_texts()[:5] == before
            shots.take(page, "reply-after-restart")
