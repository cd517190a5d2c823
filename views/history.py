"""我的记录: the trainee's calls, scores over time, most frequent faults, transcript search."""

from __future__ import annotations

import altair as alt
import streamlit as st

from accounts import Role
from scoring.model import DIMENSION_LABELS
from scoring.report import OUTCOME_LABELS, md_escape, quote
from store.store import MAX_SEARCH_CHARS
from views.context import REPORT_CALL_KEY, SEARCH_HIT_KEY, app_context, require
from views.data import libraries_or_stop
from views.times import full_time, human_time


def score_rows(calls: list[dict]) -> list[dict[str, object]]:
    """One row per finished call and dimension, for the trend chart."""
    rows = []
    for number, call in enumerate(reversed(calls), start=1):
        for dim, label in {**DIMENSION_LABELS, "overall": "综合"}.items():
            rows.append(
                {"第几次": number, "维度": label, "得分": call[dim], "时间": full_time(call["started_at"])}
            )
    return rows


def search_hit(hit: dict, case_title: str, number: int) -> None:
    """One hit: when, which case, who said what; 查看 opens its call's report at that line (an
    unfinished call opens on the practice page, where it continues)."""
    who = "客户" if hit["role"] == "customer" else "我"
    text, button = st.columns([6, 1], vertical_alignment="center")
    text.markdown(
        f"{human_time(hit['started_at'])} · {md_escape(case_title)} · {who}：{md_escape(quote(hit['text'], 120))}"
    )
    finished = hit["status"] == "finished"
    if button.button("查看" if finished else "继续通话", key=f"hit-{number}"):
        if not finished:
            st.switch_page("views/practice.py")
        st.session_state[REPORT_CALL_KEY] = hit["call_id"]
        st.session_state[SEARCH_HIT_KEY] = (hit["call_id"], hit["idx"])
        st.switch_page("views/report.py")


def main() -> None:
    """The page."""
    user = require(Role.TRAINEE)
    store = app_context().store
    cases, _ = libraries_or_stop()
    st.title("我的记录")
    calls = store.calls(user.id, status="finished", mode="practice")
    if not calls:
        st.info("还没有完成的通话。")
    else:
        table = [
            {
                "时间": human_time(c["started_at"]),
                "案例": cases.get(c["case_id"]).title,
                "结果": OUTCOME_LABELS.get(c["outcome"], c["outcome"]),
                "综合": c["overall"],
                "共情": c["empathy"],
                "不争辩": c["no_arguing"],
                "话术": c["script"],
            }
            for c in calls
        ]
        st.dataframe(table, hide_index=True, width="stretch")
        chart = (
            alt.Chart(alt.Data(values=score_rows(calls)))
            .mark_line(point=True)
            .encode(
                # Whole calls only: without this Vega-Lite labels a single call "1.000000".
                x=alt.X("第几次:Q", axis=alt.Axis(format="d", tickMinStep=1)),
                y=alt.Y("得分:Q", scale=alt.Scale(domain=[0, 100])),
                color="维度:N",
                tooltip=["时间:N", "维度:N", "得分:Q"],
            )
        )
        st.altair_chart(chart.properties(height=260, title="各维度得分变化"), width="stretch")
    flags = store.flag_counts(user.id)
    if flags:
        st.subheader("最常见的扣分")
        st.dataframe([{"问题": label, "次数": n} for _, label, n in flags], hide_index=True)
    st.subheader("搜索我的通话")
    query = st.text_input(
        f"关键词（支持中文分词，最多 {MAX_SEARCH_CHARS} 字）",
        placeholder="例如：退款、录音、领导",
        max_chars=MAX_SEARCH_CHARS,
    )
    if len(query) > MAX_SEARCH_CHARS:
        st.warning(f"关键词最多 {MAX_SEARCH_CHARS} 字，请缩短后再搜索。")
    elif query.strip():
        hits = store.search_turns(user.id, query)
        st.caption(f"找到 {len(hits)} 句")
        for number, hit in enumerate(hits):
            search_hit(hit, cases.get(hit["case_id"]).title, number)


main()
