"""What a trainee types is shown as text in a real browser: never run as HTML, script or a link.

The payloads try three ways in: an <img> whose onerror runs script, a <script> element, and a
Markdown javascript: link (plus Markdown bold). Each would set `window.__pwned`. The browser page is
never reloaded (Streamlit switches pages over its websocket), so one `window.__pwned` check after
each step also covers every render before it — including the reply as first echoed while the
customer's answer streams.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser_helpers import (
    TRAINEE,
    Screenshots,
    browser_page,
    chat_messages,
    end_call,
    go_to,
    log_in,
    main_area,
    send_reply,
    skip_without_browser,
    start_call,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

GREETING = "您好，工号1024为您服务。真对不起让您久等了，请问有什么可以帮您？"
PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    # Bare URLs and e-mails are linked by GitHub Markdown, which then showed escapes verbatim;
    # :red[…] is a Streamlit directive.
    "**粗体**[链接](javascript:window.__pwned=1) 网址 http://example.com) 邮箱 a@example.com :red[红字]",
]
# Anything the payloads would leave in the DOM if they were rendered as HTML or Markdown.
INJECTED = """() => ({
  pwned: typeof window.__pwned,
  images: document.querySelectorAll('img[src="x"]').length,
  scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')).length,
  links: document.querySelectorAll('a[href^="javascript:" i], a[href*="example.com"]').length
    + [...document.querySelectorAll('[data-testid="stMain"] a')].filter(a => a.textContent.includes('链接')).length,
  bold: [...document.querySelectorAll('[data-testid="stMain"] strong, [data-testid="stMain"] b')]
    .filter(b => b.textContent.includes('粗体')).length,
})"""
NOTHING_INJECTED = {"pwned": "undefined", "images": 0, "scripts": 0, "links": 0, "bold": 0}


def assert_nothing_injected(page: Page) -> None:
    """No payload ran or left an element behind anywhere on the page."""
    found = page.evaluate(INJECTED)
    assert found == NOTHING_INJECTED, found


def expect_literal_chart_tooltips(page: Page) -> None:
    """Hovering the report's emotion curve at each payload's turn shows the payload as text.

    The chart is SVG and Vega-Lite labels every point (aria-label) with its tooltip fields, so the
    point for a given reply can be picked and hovered directly. The trust line's points are used
    because the ◆ markers sit on top of the anger line's; every mark of a turn quotes the same reply.
    """
    chart = page.get_by_test_id("stVegaLiteChart").filter(has=page.locator("text=客户情绪曲线"))
    tooltip = page.locator("#vg-tooltip-element")
    points = chart.locator("g.mark-symbol path")
    expect(points).not_to_have_count(0)
    labels = [point.get_attribute("aria-label") or "" for point in points.all()]
    for payload in PAYLOADS:
        index = next(i for i, label in enumerate(labels) if "信任" in label and f"客服说: {payload}" in label)
        points.nth(index).hover(force=True)  # force: neighbouring points may overlap it
        expect(tooltip).to_contain_text(payload)


def shown_as(payload: str) -> re.Pattern[str]:
    """The payload as the page shows it: character for character, no escapes, with at most the
    invisible word joiner (U+2060) that keeps a bare URL or e-mail from being linked."""
    return re.compile("\u2060?".join(re.escape(char) for char in payload))


def expect_literal_payloads(area: Locator, payloads: list[str] = PAYLOADS) -> None:
    """Each payload is on screen character for character inside `area` (no escapes shown)."""
    for payload in payloads:
        expect(area.get_by_text(shown_as(payload)).first).to_be_visible()


def test_trainee_text_stays_inert_in_the_call_the_report_and_the_history(tmp_path: Path) -> None:
    """The payloads as replies: shown literally in the chat, the report's critique, emotion-curve
    tooltips and transcript, and 我的记录's search hits; no script runs, no image, link or bold
    text is created."""
    shots = Screenshots(tmp_path, "inert-text")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        log_in(page, url, TRAINEE)
        start_call(page)
        send_reply(page, GREETING)
        for payload in PAYLOADS:
            send_reply(page, payload)
            assert_nothing_injected(page)
        messages = chat_messages(page)
        for number, payload in enumerate(PAYLOADS, start=2):
            # Bubbles: opening, then (reply, answer) pairs; reply n is bubble 2n - 1.
            expect(messages.nth(2 * number - 1)).to_contain_text(shown_as(payload))
        # The 撤回 picker quotes the start of each reply too (as a form value, so inert by nature).
        last = f"第 {len(PAYLOADS) + 1} 句及之后（撤回 1 句）：{PAYLOADS[-1][:20]}"
        expect(page.get_by_role("combobox", name="撤回到哪一句之前")).to_have_value(last)
        shots.take(page, "call")

        end_call(page)
        main = main_area(page)
        for payload in PAYLOADS:
            expect(main.get_by_role("blockquote").filter(has_text=shown_as(payload))).not_to_have_count(0)
        expect_literal_chart_tooltips(page)
        assert_nothing_injected(page)
        page.get_by_text("完整通话记录").click()
        expect_literal_payloads(page.get_by_test_id("stExpanderDetails"))
        assert_nothing_injected(page)
        shots.take(page, "report")

        go_to(page, "我的记录", "搜索我的通话")
        page.get_by_label("关键词（支持中文分词，最多 100 字）").fill("pwned")
        page.get_by_label("关键词（支持中文分词，最多 100 字）").press("Enter")
        expect(main.get_by_text("找到 3 句")).to_be_visible()
        expect_literal_payloads(main)
        assert_nothing_injected(page)
        page.get_by_label("关键词（支持中文分词，最多 100 字）").fill("网址")
        page.get_by_label("关键词（支持中文分词，最多 100 字）").press("Enter")
        expect(main.get_by_text("找到 1 句")).to_be_visible()
        expect_literal_payloads(main, PAYLOADS[-1:])
        assert_nothing_injected(page)
        shots.take(page, "history-search")
