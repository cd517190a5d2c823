"""案例库: every case as a card with industry, difficulty and the trainee's brief."""

from __future__ import annotations

import streamlit as st

from accounts import Role
from scenarios.catalog import CaseFilter, filter_cases, industries
from scenarios.schema import DIFFICULTY_LABELS
from views.components import case_card
from views.context import require
from views.data import libraries_or_stop, practice_cases
from views.widgets import multiselect


def main() -> None:
    """The page."""
    require(Role.TRAINEE)
    libraries_or_stop()
    cases = practice_cases()
    st.title("案例库")
    st.caption("每个案例都来自真实投诉材料改写。选一个案例，了解客户来电的背景和本次通话要达成的目标。")
    left, middle, right = st.columns([2, 1, 2])
    chosen = CaseFilter(
        industries=frozenset(multiselect("行业", industries(cases), "全部行业", where=left)),
        difficulties=frozenset(
            multiselect("难度", [1, 2, 3], "全部难度", where=middle, format_func=DIFFICULTY_LABELS.get)
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
            case_card(case)


main()
