"""Every page speaks Chinese in a real browser: no English words Streamlit adds on its own
("Choose options", "Select all", "Press Enter to submit form" …) in any visible text, with every
dropdown opened and a text box being typed in, and no raw ISO time (「2026-12-01T12:08」).

What may stay: code spans (file names, setting names, case ids shown as code), icon ligatures
(Material icons are drawn from their English names), acronyms in capitals (API, URL, APP), the
names of products (OpenAI) and user names (ASCII by rule, typed by the admin). Text a screen reader gets but a person does not see (the
"Skip to main content" link, live-region counts) is not scanned.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser_helpers import (
    ADMIN,
    Screenshots,
    browser_page,
    log_in,
    main_area,
    skip_without_browser,
    start_call,
    wait_settled,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

PAGES = [
    "练习",
    "报告",
    "我的记录",
    "考试",
    "案例库",
    "客户性格",
    "看板",
    "练习任务",
    "场景工坊",
    "性格调校",
    "通话审阅",
    "考试管理",
    "用户管理",
    "设置",
    "修改密码",
]
# Product names, and the demo accounts' user names (user data shown as typed, not UI text).
ALLOWED = {"OpenAI", "admin", "laoli", "xiaowang"}
ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
# Visible text nodes outside code spans and icons, with the text of input placeholders.
VISIBLE_TEXT = """() => {
  const skip = el => el.closest('code, pre, [data-testid="stIconMaterial"], .material-symbols-rounded,'
    + ' [data-testid="stSkipLink"], script, style');
  const shown = el => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && style.opacity !== '0'
      && !/rect\\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\\)/.test(style.clip);
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (el && node.textContent.trim() && !skip(el) && shown(el)) texts.push(node.textContent);
  }
  for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]'))
    if (shown(input)) texts.push(input.placeholder);
  return texts;
}"""


ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def english_on(page: Page) -> set[str]:
    """English words in what the page visibly shows now, and any raw ISO time (「…T12:08」)."""
    texts = page.evaluate(VISIBLE_TEXT)
    words = {word for text in texts for word in ENGLISH_WORD.findall(text)}
    raw_times = {match for text in texts for match in ISO_TIME.findall(text)}
    return {word for word in words if len(word) > 1 and word not in ALLOWED} | raw_times


def open_dropdown(page: Page, box: Locator) -> None:
    """Open a selectbox and wait for its options (a fixed pause let a slow machine scan a closed
    list); a click that only focused the box, as happens right after closing another, is repeated."""
    for _ in range(3):
        box.click()
        try:
            page.get_by_role("option").first.wait_for(state="visible", timeout=2000)
            return
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    raise AssertionError(f"the dropdown {box} did not open")


def english_in_dropdowns(page: Page) -> set[str]:
    """English words shown while each selectbox and multiselect of the page is open."""
    found: set[str] = set()
    for box in main_area(page).get_by_role("combobox").all():
        open_dropdown(page, box)
        found |= english_on(page)
        page.keyboard.press("Escape")
    return found


def english_in_tabs(page: Page) -> set[str]:
    """English words shown on each tab of the page (a tab's content is hidden until it is opened)."""
    found: set[str] = set()
    tabs = main_area(page).get_by_role("tab").all()
    for tab in tabs:
        tab.click()
        page.wait_for_timeout(300)
        found |= english_on(page)
    if tabs:
        tabs[0].click()
    return found


def english_while_typing(page: Page) -> set[str]:
    """English words shown while typing in the page's first text box (its hint appears then)."""
    boxes = main_area(page).get_by_role("textbox")
    if not boxes.count():
        return set()
    box, original = boxes.first, boxes.first.input_value()
    box.type("试")
    page.wait_for_timeout(300)
    found = english_on(page)
    # Put the text back and leave the box: a box still being edited swallows the next click (the
    # link to the next page) to commit itself, and the old page would be scanned under a new name.
    box.fill(original)
    box.press("Tab")
    page.wait_for_timeout(300)
    wait_settled(page)
    return found


def test_no_page_shows_english_words_streamlit_adds(tmp_path: Path) -> None:
    shots = Screenshots(tmp_path, "chinese-ui")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        page.goto(url)
        main_area(page).get_by_label("用户名").type("adm")  # typing shows Streamlit's input hint
        found = {"登录": english_on(page)}
        log_in(page, url, ADMIN)
        start_call(page)
        for title in PAGES:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
            # The new page's own heading proves its run started (else the old page gets scanned).
            expect(page.locator("h1").first).to_contain_text(title)
            wait_settled(page)
            found[title] = english_on(page) | english_in_tabs(page) | english_in_dropdowns(page)
            found[title] |= english_while_typing(page)
            shots.take(page, title)
        assert all(not words for words in found.values()), {t: w for t, w in found.items() if w}
