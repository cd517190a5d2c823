"""A trainee's whole practice call in a real browser: talk, 撤回, 结束通话, report, 我的记录."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser_helpers import (
    TRAINEE,
    Screenshots,
    browser_page,
    chat_messages,
    end_call,
    go_to,
    log_in,
    main_area,
    rewind_to_before,
    send_reply,
    skip_without_browser,
    start_call,
    table_rows,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

GREETING = "您好，工号1024为您服务。真对不起让您久等了，请问有什么可以帮您？"
EXPLANATION = "我理解您的心情。这项彩铃是优惠绑定的，每月1号会返还5元话费，正好抵扣，等于免费使用。"
ARGUING = "这是规定，我也没办法。"  # the reply the trainee takes back
RETRY = "请您放心，每月1号都会返还5元，您下个月1号可以来电查询返还到账。"
SCORE_LABELS = ["综合", "共情", "不争辩", "话术规范"]


def report_scores(page: Page) -> dict[str, int]:
    """The report's score metrics, label → value, in page order."""
    metrics = page.get_by_test_id("stMetric")
    expect(metrics).to_have_count(len(SCORE_LABELS))
    labels = metrics.get_by_test_id("stMetricLabel").all_inner_texts()
    values = metrics.get_by_test_id("stMetricValue").all_inner_texts()
    return {label.strip(): int(value) for label, value in zip(labels, values, strict=True)}


def chart_texts(page: Page, title: str, role: str) -> list[str]:
    """The SVG texts of one Vega-Lite chart (by its title) with the given Vega role."""
    chart = page.get_by_test_id("stVegaLiteChart").filter(has=page.locator(f"text={title}"))
    expect(chart.locator(f"g.{role} text").first).to_be_attached()
    return [text.strip() for text in chart.locator(f"g.{role} text").all_text_contents()]


def expect_readable_charts(page: Page, scores: dict[str, int]) -> None:
    """The emotion curve counts trainee replies in whole numbers (开场, 第 1 句 …) and names its
    lines and axes; the score bars show their values on a 0–100 scale."""
    labels = chart_texts(page, "客户情绪曲线", "role-axis-label")
    replies = [label for label in labels if "句" in label or label == "开场"]
    assert replies[0] == "开场" and all(re.fullmatch(r"开场|第 \d+ 句", label) for label in replies), labels
    assert len(replies) == len(set(replies)), labels  # no repeated (fractional) ticks
    titles = chart_texts(page, "客户情绪曲线", "role-axis-title")
    assert "学员的第几句回复" in titles and "怒气 / 信任（0–100）" in titles, titles
    assert {"怒气", "信任"} <= set(chart_texts(page, "客户情绪曲线", "role-legend-label"))
    bars = chart_texts(page, "三项得分", "role-mark")
    assert {str(scores[label]) for label in ("共情", "不争辩", "话术规范")} <= set(bars), bars
    assert "100" in chart_texts(page, "三项得分", "role-axis-label")


def test_a_trainee_talks_rewinds_ends_the_call_and_finds_it_in_the_report_and_history(
    tmp_path: Path,
) -> None:
    """Log in → call → three replies → 撤回 the third and say something else → 结束通话.

    The report shows the three scores and the numbered ①② critique of exactly the kept replies,
    and 我的记录 lists the call with the same scores.
    """
    shots = Screenshots(tmp_path, "call")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        log_in(page, url, TRAINEE)
        shots.take(page, "logged-in")
        start_call(page)
        for reply in (GREETING, EXPLANATION, ARGUING):
            send_reply(page, reply)
        messages = chat_messages(page)
        expect(messages).to_have_count(7)
        expect(messages.nth(5)).to_contain_text(ARGUING)
        shots.take(page, "three-replies")

        rewind_to_before(page, 3)
        # The taken-back reply and the customer's answer to it are gone from the call.
        expect(messages.filter(has_text=ARGUING)).to_have_count(0)
        send_reply(page, RETRY)
        expect(messages.nth(5)).to_contain_text(RETRY)
        shots.take(page, "after-rewind")

        end_call(page)
        scores = report_scores(page)
        assert list(scores) == SCORE_LABELS
        assert all(0 <= value <= 100 for value in scores.values()), scores
        report = main_area(page)
        expect(report).to_contain_text("案例精评：彩铃业务“被开通”")
        # Every kept reply is quoted and numbered within its stage (①, then ② if two share one —
        # which stages they fall in depends on the customer's words, and so on the call's seed).
        expect(report.get_by_text(re.compile(r"^①处"))).not_to_have_count(0)
        expect(report.get_by_text(re.compile(r"^[①②③]处"))).to_have_count(3)
        for reply in (GREETING, EXPLANATION, RETRY):
            expect(report.get_by_role("blockquote").filter(has_text=reply)).to_have_count(1)
        expect(report.get_by_role("blockquote").filter(has_text=ARGUING)).to_have_count(0)
        expect(report).to_contain_text("接下来练习")
        expect_readable_charts(page, scores)
        shots.take(page, "report")

        go_to(page, "我的记录", "搜索我的通话")
        [row] = table_rows(page)
        assert row[1] == "彩铃业务“被开通”"
        # 综合, 共情, 不争辩, 话术 in the history row are the report's scores.
        assert [int(cell) for cell in row[3:7]] == list(scores.values())
        shots.take(page, "history")
        expect_search_opens_the_call(page)
        shots.take(page, "search-hit-opened")


def expect_search_opens_the_call(page: Page) -> None:
    """A 我的记录 search hit's 查看 opens that call's report with the full transcript open and
    the found line marked."""
    box = page.get_by_label("关键词（支持中文分词，最多 100 字）")
    box.fill("返还到账")
    box.press("Enter")
    expect(main_area(page).get_by_text("找到 1 句")).to_be_visible()
    main_area(page).get_by_role("button", name="查看").click()
    expect(page.locator("h1").first).to_contain_text("通话报告")
    expect(main_area(page).get_by_text("已打开搜索到的那一句所在的通话")).to_be_visible()
    marked = page.get_by_test_id("stExpanderDetails").get_by_test_id("stChatMessage").filter(has_text="🔎")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text(RETRY)
