"""通话审阅 (trainers): every trainee's calls, and any call's report and transcript."""

from __future__ import annotations

import streamlit as st

from accounts import Role
from scoring.report import OUTCOME_LABELS
from views.components import report_view
from views.context import app_context, require
from views.data import libraries_or_stop
from views.times import human_time
from views.widgets import multiselect, selectbox


def main() -> None:
    """The page."""
    require(Role.TRAINER)
    store = app_context().store
    cases, _ = libraries_or_stop()
    st.title("通话审阅")
    calls = store.calls()
    if not calls:
        st.info("还没有任何通话记录。")
        return
    trainees = sorted({c["display_name"] for c in calls})
    chosen = multiselect("学员", trainees, placeholder="全部学员")
    shown = [c for c in calls if not chosen or c["display_name"] in chosen]
    st.dataframe(
        [
            {
                "时间": human_time(c["started_at"]),
                "学员": c["display_name"],
                "案例": cases.get(c["case_id"]).title,
                "状态": "进行中" if c["status"] == "active" else "已结束",
                "结果": OUTCOME_LABELS.get(c["outcome"] or "", "—"),
                "综合": c["overall"],
            }
            for c in shown
        ],
        hide_index=True,
        width="stretch",
    )
    finished = [c for c in shown if c["status"] == "finished"]
    if not finished:
        return
    labels = {
        c["id"]: f"{c['display_name']} · {cases.get(c['case_id']).title} · {human_time(c['started_at'])}"
        for c in finished
    }
    call_id = selectbox("查看报告", list(labels), format_func=labels.get)
    report = store.report(call_id)
    if report:
        case = cases.get(store.call(call_id)["case_id"])
        from scoring.report import render_markdown

        report_view(report, render_markdown(report), store.load_session(call_id), case.customer.honorific)


main()
