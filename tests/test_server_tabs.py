"""Against the real server over its websocket: two tabs on one call and a double submit never store a
turn twice, and nothing the trainee sent disappears without a word."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

from bench.ws_client import Page, StreamlitClient
from tests.server_helpers import running_app

FIRST, SECOND = "您好，工号1024为您服务，请问有什么可以帮您？", "非常抱歉给您添麻烦了，我理解您的心情。"


async def _tab(url: str) -> StreamlitClient:
    """A browser tab logged in as the demo trainee."""
    client = StreamlitClient(url)
    await client.open()
    client.type_text("用户名", "xiaowang")
    client.type_text("密码", "lianxi123")
    await client.click("登录")
    return client


def _turns(data_dir: Path) -> list[tuple[int, str, str]]:
    with closing(sqlite3.connect(data_dir / "coach.db")) as conn:
        return conn.execute("select idx, role, text from turns where rewound = 0 order by idx").fetchall()


def _refused(page: Page) -> bool:
    return any("没有发送" in w or "另一个窗口" in w for w in page.warnings)


async def _two_tabs_reply_at_once(url: str) -> tuple[Page, Page]:
    tab_a = await _tab(url)
    await tab_a.click("开始通话")
    tab_b = await _tab(url)  # opens the same active call
    pages = await asyncio.gather(tab_a.chat(FIRST), tab_b.chat(SECOND))
    for tab in (tab_a, tab_b):
        await tab.close()
    return pages


def test_two_tabs_replying_at_once_store_each_turn_once_and_the_other_tab_is_told(tmp_path):
    with running_app(tmp_path) as url:
        pages = asyncio.run(_two_tabs_reply_at_once(url))
    turns = _turns(tmp_path)
    assert [t[0] for t in turns] == list(range(len(turns)))  # no index twice, none missing
    agent = [text for _, role, text in turns if role == "agent"]
    assert len(agent) in (1, 2) and len(set(agent)) == len(agent)
    if len(agent) == 1:  # one tab lost the race: it must say so
        assert any(_refused(page) for page in pages), [p.warnings for p in pages]
    assert not any(page.exceptions for page in pages)


async def _double_submit(url: str) -> Page:
    tab = await _tab(url)
    await tab.click("开始通话")
    # 5 ms apart: the second submit arrives while the first run is starting or storing the reply.
    page = await tab.burst([[tab.chat_state(FIRST)], [tab.chat_state(SECOND)]], gap_s=0.005)
    await tab.close()
    return page


def test_a_double_submit_keeps_the_first_reply_and_sends_or_visibly_refuses_the_second(tmp_path):
    with running_app(tmp_path) as url:
        page = asyncio.run(_double_submit(url))
    agent = [text for _, role, text in _turns(tmp_path) if role == "agent"]
    assert agent[:1] == [FIRST]  # the first reply is never dropped
    assert agent == [FIRST, SECOND] or (agent == [FIRST] and _refused(page)), (agent, page.warnings)
    assert not page.exceptions and not page.error_alerts
