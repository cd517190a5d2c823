"""看板 (trainers): the cohort's scores over time, task completion, exam pass rates, the most
frequent deductions and 禁语, per-case difficulty, grader–trainer agreement and the trainees who
need help — filtered by 班组, case and date; any call row opens that call's report."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st

from accounts import Role
from practice import dashboard as figures
from practice.review import agreement
from practice.tasks import assignees, progress
from scoring.model import DIMENSION_LABELS
from scoring.report import OUTCOME_LABELS, render_markdown
from store import Store
from views.components import report_view
from views.context import app_context, require
from views.data import case_library, libraries_or_stop
from views.times import human_time, local_time, today
from views.widgets import multiselect

LABELS = {**DIMENSION_LABELS, "overall": "综合"}
LAST_TABLE = "dashboard_last_table"


def day_of(stamp: str) -> date | None:
    """A stored time's local date."""
    moment = local_time(stamp)
    return moment.date() if moment else None


def filters(calls: list[dict[str, Any]]) -> figures.CallFilter:
    """班组, case and date range."""
    cases = case_library()
    left, middle, right = st.columns([1, 2, 1.4])
    groups = sorted({c["group_name"] for c in calls if c.get("group_name")})
    chosen_groups = multiselect("班组", groups, "全部班组", where=left)
    case_ids = sorted({c["case_id"] for c in calls})
    chosen_cases = multiselect(
        "案例", case_ids, "全部案例", where=middle, format_func=lambda i: cases.get(i).title
    )
    span = right.date_input("日期", value=(today() - timedelta(days=30), today()), format="YYYY-MM-DD")
    # While only the first day is picked the range is one day long, not empty.
    start, end = (span[0], span[-1]) if isinstance(span, tuple) and span else (None, None)
    return figures.CallFilter(frozenset(chosen_groups), frozenset(chosen_cases), start, end)


def headline(store: Store, calls: list[dict[str, Any]]) -> None:
    """Calls, mean score, pass share, 禁语 said, task completion."""
    deductions = store.deductions([c["id"] for c in calls])
    columns = st.columns(5)
    columns[0].metric("通话数", len(calls))
    mean = f"{sum(c['overall'] or 0 for c in calls) / len(calls):.0f}" if calls else "—"
    columns[1].metric("平均综合", mean)
    passed = sum((c["overall"] or 0) >= figures.PASS_MARK for c in calls)
    columns[2].metric(f"达标率（≥{figures.PASS_MARK}）", f"{passed / len(calls):.0%}" if calls else "—")
    columns[3].metric("说出禁语", figures.forbidden_said(deductions))
    columns[4].metric("任务完成率", task_completion(store))


def task_completion(store: Store) -> str:
    """Assignee-tasks completed over assignee-tasks given, across the active tasks."""
    cases, users, done, given = case_library(), store.users(), 0, 0
    for task in store.tasks(active_only=True):
        for person in assignees(task, users):
            given += 1
            done += progress(task, store.task_calls(task["id"], person["id"]), cases, today()).complete
    return f"{done}/{given}" if given else "—"


def score_chart(calls: list[dict[str, Any]]) -> None:
    """Mean scores per day, one line per dimension."""
    rows = [r | {"dimension": LABELS[r["dimension"]]} for r in figures.scores_by_day(calls, day_of)]
    if not rows:
        return
    st.vega_lite_chart(
        {
            "data": {"values": rows},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "day", "type": "temporal", "title": "日期", "axis": {"format": "%m-%d"}},
                "y": {
                    "field": "score",
                    "type": "quantitative",
                    "scale": {"domain": [0, 100]},
                    "title": "平均分",
                },
                "color": {"field": "dimension", "type": "nominal", "title": "维度"},
                "tooltip": [
                    {"field": "day", "title": "日期"},
                    {"field": "dimension", "title": "维度"},
                    {"field": "score", "title": "平均分"},
                ],
            },
        },
        width="stretch",
    )


def tables(store: Store, calls: list[dict[str, Any]]) -> None:
    """Deductions, case difficulty, exam pass rates and agreement."""
    cases = case_library()
    left, right = st.columns(2)
    left.markdown("**最常见的扣分**")
    top = figures.top_deductions(store.deductions([c["id"] for c in calls]))
    table(left, [{"扣分项": label, "次数": n, "涉及通话": k} for label, n, k in top], "没有扣分。")
    right.markdown("**各案例难度**（综合分从低到高）")
    difficulty = figures.case_difficulty(calls, store.final_anger([c["id"] for c in calls]))
    table(
        right,
        [
            {
                "案例": cases.get(r["case_id"]).title,
                "通话": r["calls"],
                "解决": f"{r['resolved']:.0%}",
                "升级": f"{r['escalated']:.0%}",
                "挂断": f"{r['hung_up']:.0%}",
                "平均综合": r["overall"],
                "结束时怒气": r["anger"],
            }
            for r in difficulty
        ],
        "没有通话。",
    )
    left, right = st.columns(2)
    left.markdown("**考试通过率**（按考生）")
    rates = figures.exam_pass_rates(store.exams(), store.attempts())
    table(
        left,
        [
            {
                "考试": r["title"],
                "考生": r["candidates"],
                "交卷": r["attempts"],
                "通过": r["passed"],
                "通过率": f"{r['rate']:.0%}" if r["rate"] is not None else "—",
            }
            for r in rates
        ],
        "还没有考试。",
    )
    right.markdown("**评分一致性**（评分程序与培训师，κ）")
    table(
        right,
        [
            {
                "维度": LABELS[a.dimension],
                "回复数": a.replies,
                "一致率": f"{a.agreed:.0%}" if a.replies else "—",
                "κ": "—" if a.kappa is None else f"{a.kappa:.2f}",
            }
            for a in agreement(store)
        ],
        "还没有审阅过的通话。",
    )


def call_rows(store: Store, calls: list[dict[str, Any]]) -> str | None:
    """Trainees who need help and the recent calls, as tables whose rows open a call."""
    st.subheader("需要帮助的学员")
    helped = figures.needs_help(calls)
    if not helped:
        st.caption("没有需要特别关注的学员。")
    picked = selectable(
        [{"学员": r["user"], "最近平均": r["mean"], "原因": r["why"]} for r in helped], "help_rows"
    )
    chosen = helped[picked]["call_id"] if picked is not None else None
    st.subheader("最近的通话")
    cases = case_library()
    recent = calls[:50]
    rows = [
        {"时间": human_time(c["started_at"]), "学员": c["display_name"], "班组": c.get("group_name") or "—",
         "案例": cases.get(c["case_id"]).title, "结果": OUTCOME_LABELS.get(c["outcome"] or "", "—"), "综合": c["overall"]}
        for c in recent
    ]  # fmt: skip
    picked = selectable(rows, "recent_rows")
    return recent[picked]["id"] if picked is not None else chosen


def selectable(rows: list[dict[str, Any]], key: str) -> int | None:
    """A table whose clicked row (its index) is returned — only while this table was the one
    clicked last, so a click in the other table opens that table's call."""
    if not rows:
        return None
    event = st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        on_select=lambda: st.session_state.update({LAST_TABLE: key}),
        selection_mode="single-row",
        key=key,
    )
    picked = event.selection.rows
    return picked[0] if picked and st.session_state.get(LAST_TABLE, key) == key else None


def table(where: Any, rows: list[dict[str, Any]], empty: str) -> None:
    """A table, or a line saying there is nothing yet (an empty table says "empty" in English)."""
    if rows:
        where.dataframe(rows, hide_index=True, width="stretch")
    else:
        where.caption(empty)


def open_call(store: Store, call_id: str) -> None:
    """The chosen call's report."""
    report = store.report(call_id)
    if report is None:
        return
    row = store.call(call_id)
    case = case_library().get(row["case_id"])
    st.subheader(f"通话报告：「{case.title}」")
    report_view(report, render_markdown(report), store.load_session(call_id), case.customer.honorific)


def main() -> None:
    """The page."""
    require(Role.TRAINER)
    libraries_or_stop()
    store = app_context().store
    st.title("看板")
    every = store.calls(status="finished", mode="practice")
    if not every:
        st.info("还没有完成的练习通话：学员开始练习后，这里会显示整体情况。")
        return
    calls = figures.chosen(every, filters(every), day_of)
    headline(store, calls)
    score_chart(calls)
    tables(store, calls)
    call_id = call_rows(store, calls)
    st.caption("点击表格中的一行，即可在下方打开那通电话的报告。")
    if call_id:
        open_call(store, call_id)


main()
