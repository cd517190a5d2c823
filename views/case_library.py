"""案例库: every case as a card with industry, difficulty and the trainee's brief."""

from __future__ import annotations

import streamlit as st

from scenarios.catalog import CaseFilter, filter_cases, industries, stage_outline
from scenarios.fill import fill
from scenarios.schema import Case
from views.data import libraries_or_stop

_SEVERITY_COLOUR = {"一般": "gray", "重大": "red"}
_DIFFICULTY_COLOUR = {1: "green", 2: "orange", 3: "red"}


def render_case_card(case: Case) -> None:
    """One case card: title, labels, brief, goals and the five-stage outline."""
    with st.container(border=True):
        st.subheader(case.title)
        with st.container(horizontal=True):
            st.badge(case.industry, color="blue")
            st.badge(f"难度：{case.difficulty_label}", color=_DIFFICULTY_COLOUR[case.difficulty])
            st.badge(case.complaint_type.value, color="violet")
            st.badge(f"{case.severity.value}投诉", color=_SEVERITY_COLOUR[case.severity.value])
        st.markdown(f"**来电客户：** {fill(case.brief.caller, case)}")
        st.markdown(f"**情况简介：** {fill(case.brief.summary, case)}")
        with st.expander("本次通话目标"):
            st.markdown("\n".join(f"- {fill(goal, case)}" for goal in case.brief.goals))
        with st.expander("五阶段要点（问候 · 切入 · 转化 · 协议 · 结束）"):
            for label, points in stage_outline(case):
                st.markdown(f"**{label}**：" + "；".join(points))
        st.caption(f"编号 {case.id} · 第 {case.version} 版 · 素材来源：{case.source}")


def main() -> None:
    """The page."""
    cases, _ = libraries_or_stop()
    st.title("案例库")
    st.caption("每个案例都来自真实投诉材料改写。选一个案例，了解客户来电的背景和本次通话要达成的目标。")
    left, middle, right = st.columns([2, 1, 2])
    chosen = CaseFilter(
        industries=frozenset(left.multiselect("行业", industries(cases), placeholder="全部行业")),
        difficulties=frozenset(
            middle.multiselect("难度", [1, 2, 3], format_func=lambda d: {1: "初级", 2: "中级", 3: "高级"}[d])
        ),
        query=right.text_input("搜索", placeholder="标题、行业或情况关键词"),
    )
    shown = filter_cases(cases, chosen)
    st.markdown(f"共 **{len(cases)}** 个案例，当前显示 **{len(shown)}** 个。")
    if not shown:
        st.info("没有符合条件的案例，请放宽筛选条件。")
    columns = st.columns(2)
    for index, case in enumerate(shown):
        with columns[index % 2]:
            render_case_card(case)


main()
