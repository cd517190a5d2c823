"""In a long call the customer's mood meter and stage bar stay in view: after 12 replies, with
the chat scrolled to the newest line, the meter is still on screen above it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser_helpers import (
    TRAINEE,
    Screenshots,
    browser_page,
    chat_messages,
    log_in,
    send_reply,
    skip_without_browser,
    start_call,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

# Polite questions and reassurance: a phlegmatic customer stays on the line for all twelve.
REPLIES = [
    "您好，工号1024为您服务，请问有什么可以帮您？",
    "真对不起，让您遇到这种事，换谁都着急。",
    "请问您是什么时候发现多扣了彩铃费的？",
    "您还记得当时有没有收到过确认短信吗？",
    "我理解您的心情，我来帮您把情况查清楚。",
    "请问您当时接到的外呼电话大概是哪一天？",
    "明白了，谢谢您耐心告诉我这些。",
    "请问您现在用的是哪个套餐？",
    "您先别担心，这个问题我一定帮您跟到底。",
    "请问您方便留一个联系电话吗？",
    "好的，我都记下来了，非常感谢您的配合。",
    "还有什么其他情况需要补充的吗？",
]


def in_view(page: Page, selector: str) -> bool:
    """The element's box lies inside the browser window."""
    box = page.locator(selector).last.bounding_box()
    height = (page.viewport_size or {"height": 900})["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_the_mood_meter_stays_in_view_after_twelve_replies(tmp_path: Path) -> None:
    shots = Screenshots(tmp_path, "sticky-meter")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        log_in(page, url, TRAINEE)
        start_call(page, temperament="粘液质")
        for reply in REPLIES:
            send_reply(page, reply)
        chat_messages(page).last.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        assert in_view(page, '[data-testid="stChatMessage"]')
        meter = page.locator(".st-key-mood-meter")
        expect(meter).to_contain_text("怒气")
        expect(meter).to_contain_text("阶段")
        assert in_view(page, ".st-key-mood-meter"), meter.bounding_box()
        shots.take(page, "twelve-replies")
