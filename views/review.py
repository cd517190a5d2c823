"""通话审阅 (trainers): every trainee's calls; open one to read its report, comment on any line,
correct a reply's scores with a reason (kept as an audit trail), and mark the call reviewed.
The grader–trainer agreement (Cohen's κ per dimension) and its export sit at the top."""

from __future__ import annotations

from typing import Any

import streamlit as st

from accounts import Role, User
from practice.exams import frozen_case
from practice.review import KAPPA_DIMENSIONS, agreement, correct_reply, corrected_report, recalibration_jsonl
from scenarios.schema import Case
from scoring.model import DIMENSION_LABELS, GOOD_AT
from scoring.report import OUTCOME_LABELS, md_escape, quote, render_markdown
from store import Store, StoreError
from views.components import report_view
from views.context import app_context, require
from views.data import libraries_or_stop
from views.errors import guarded_callback
from views.notes import trainer_notes
from views.times import human_time
from views.widgets import multiselect, selectbox

LABELS = {**DIMENSION_LABELS, "overall": "综合"}
NOTICE_KEY = "review_notice"


def call_table(calls: list[dict[str, Any]], cases, reviewed: set[str]) -> list[dict[str, Any]]:
    """The calls table (filtered by trainee), with whether each was reviewed; the calls shown."""
    trainees = sorted({c["display_name"] for c in calls})
    chosen = multiselect("学员", trainees, placeholder="全部学员")
    shown = [c for c in calls if not chosen or c["display_name"] in chosen]
    st.dataframe(
        [
            {
                "时间": human_time(c["started_at"]),
                "学员": c["display_name"],
                "类型": "考试" if c["mode"] == "exam" else "练习",
                "案例": cases.get(c["case_id"]).title,
                "状态": "进行中" if c["status"] == "active" else "已结束",
                "结果": OUTCOME_LABELS.get(c["outcome"] or "", "—"),
                "综合": c["overall"],
                "审阅": "✅ 已审阅" if c["id"] in reviewed else "—",
            }
            for c in shown
        ],
        hide_index=True,
        width="stretch",
    )
    return shown


def agreement_section(store: Store) -> None:
    """Cohen's κ per dimension over the reviewed calls, and the overrides as JSONL."""
    with st.expander("评分一致性：评分程序与培训师（κ 系数）"):
        rows = agreement(store)
        if not rows or not rows[0].replies:
            st.info("还没有标记为已审阅的通话。审阅通话并点击「标记为已审阅」后，这里会计算一致性。")
        else:
            st.dataframe(
                [
                    {
                        "维度": LABELS[r.dimension],
                        "回复数": r.replies,
                        "一致率": f"{r.agreed:.0%}",
                        "κ": "—" if r.kappa is None else f"{r.kappa:.2f}",
                    }
                    for r in rows
                ],
                hide_index=True,
            )
            st.caption(f"以 {GOOD_AT} 分为“好/不好”的分界；已审阅通话中未修改的评分视为培训师同意。")
        st.download_button(
            "导出改分记录（JSONL，用于校准评分程序）",
            recalibration_jsonl(store),
            file_name="改分记录.jsonl",
            mime="application/jsonl",
        )


def call_case(store: Store, row: dict[str, Any]) -> Case:
    """The case the call was played with: an exam's frozen copy, else the library's."""
    attempt = store.attempt_for_call(row["id"]) if row["mode"] == "exam" else None
    return frozen_case(attempt) if attempt else libraries_or_stop()[0].get(row["case_id"])


def open_call(store: Store, user: User, row: dict[str, Any]) -> None:
    """One call: report (with corrections in force), per-line comments and corrections, the trail."""
    case = call_case(store, row)
    show_notice()
    review = store.review_of(row["id"])
    if review:
        st.caption(
            f"✅ {md_escape(review['reviewer'])} 于 {human_time(review['reviewed_at'])} 审阅了这通电话"
        )
    report_tab, lines_tab, trail_tab = st.tabs(["报告", "批注与改分", "改分记录"])
    with report_tab:
        report = corrected_report(store, row["id"], case) or store.report(row["id"])
        if report is not None:
            trainer_notes(store, row["id"])
            report_view(
                report, render_markdown(report), store.load_session(row["id"]), case.customer.honorific
            )
    with lines_tab:
        line_editors(store, user, row["id"])
        if st.button("标记为已审阅（未修改的评分视为同意）", key="mark_reviewed"):
            store.mark_reviewed(row["id"], user.id)
            st.rerun()
    with trail_tab:
        audit_trail(store, row["id"])


def line_editors(store: Store, user: User, call_id: str) -> None:
    """Per trainee reply: its scores (grader → in force), comments, and a form to correct it."""
    session = store.load_session(call_id)
    ids, in_force = store.live_turn_ids(call_id), store.scores_in_force(call_id)
    comments = store.comments(call_id)
    number, customer = 0, ""
    for turn in session.turns:
        if turn.role == "customer":
            customer = turn.text
        if turn.role != "agent" or turn.grade is None:
            continue
        number += 1
        turn_id = ids[turn.index]
        scores = {
            dim: in_force.get(turn_id, {}).get(dim, getattr(turn.grade, dim)) for dim in KAPPA_DIMENSIONS
        }
        changed = "（已改分）" if turn_id in in_force else ""
        with st.expander(f"第 {number} 句{changed}：{quote(turn.text, 30)}"):
            if customer:
                st.markdown(f"> 客户：{md_escape(customer)}")
            st.markdown(f"**客服：** {md_escape(turn.text)}")
            for comment in (c for c in comments if c["turn_id"] == turn_id):
                st.info(
                    f"💬 {md_escape(comment['author'])}（{human_time(comment['created_at'])}）：{md_escape(comment['text'])}"
                )
            line_form(call_id, turn_id, user.id, scores, number)


def line_form(call_id: str, turn_id: int, author_id: int, scores: dict[str, int], number: int) -> None:
    """Correct the scores (a reason is required) and/or add a comment, in one save."""
    with st.form(f"line_{turn_id}"):
        columns = st.columns(4)
        for column, dim in zip(columns, KAPPA_DIMENSIONS, strict=True):
            column.number_input(LABELS[dim], value=scores[dim], step=1, key=f"score_{turn_id}_{dim}")
        st.text_input("改分理由（改分时必填）", key=f"reason_{turn_id}", max_chars=200)
        st.text_area("批注（学员会在报告中看到）", key=f"comment_{turn_id}", max_chars=500, height=80)
        st.form_submit_button("保存", on_click=save_line, args=(call_id, turn_id, author_id, scores, number))


@guarded_callback
def save_line(call_id: str, turn_id: int, author_id: int, shown: dict[str, int], number: int = 0) -> None:
    """Callback of 保存: the changed scores as overrides, the comment if any; a refusal is shown."""
    state, store = st.session_state, app_context().store
    wanted = {dim: int(state[f"score_{turn_id}_{dim}"]) for dim in KAPPA_DIMENSIONS}
    changed = {dim: value for dim, value in wanted.items() if value != shown[dim]}
    comment = (state.get(f"comment_{turn_id}") or "").strip()
    try:
        if changed:
            case = call_case(store, store.call(call_id))
            correct_reply(
                store, call_id, turn_id, author_id, changed, state.get(f"reason_{turn_id}") or "", case
            )
        if comment:
            store.add_comment(call_id, turn_id, author_id, comment)
    except StoreError as exc:
        state[NOTICE_KEY] = ("error", f"第 {number} 句：{exc}")
        return
    if not changed and not comment:
        state[NOTICE_KEY] = ("warning", f"第 {number} 句：没有修改评分，也没有填写批注，未保存任何内容")
        return
    state[f"comment_{turn_id}"] = state[f"reason_{turn_id}"] = ""
    state[NOTICE_KEY] = (
        "success",
        f"第 {number} 句已保存：{'改分 ' + str(len(changed)) + ' 项' if changed else ''}{' 批注 1 条' if comment else ''}",
    )


def show_notice() -> None:
    """What the last save did."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        kind, message = notice
        {"error": st.error, "warning": st.warning, "success": st.success}[kind](message)


def audit_trail(store: Store, call_id: str) -> None:
    """Every override of the call: who, when, which reply and dimension, before → after, why."""
    rows = store.overrides(call_id)
    if not rows:
        st.info("这通电话还没有改分记录。")
        return
    st.dataframe(
        [
            {
                "时间": human_time(r["created_at"]),
                "培训师": r["author"],
                "回复": quote(r["reply"], 24),
                "维度": LABELS[r["dimension"]],
                "原分": r["before"],
                "改为": r["after"],
                "理由": r["reason"],
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )


def main() -> None:
    """The page."""
    user = require(Role.TRAINER)
    store = app_context().store
    cases, _ = libraries_or_stop()
    st.title("通话审阅")
    agreement_section(store)
    calls = store.calls()
    if not calls:
        st.info("还没有任何通话记录。")
        return
    finished = [c for c in call_table(calls, cases, store.reviewed_call_ids()) if c["status"] == "finished"]
    if not finished:
        return
    labels = {
        c["id"]: f"{c['display_name']} · {cases.get(c['case_id']).title} · {human_time(c['started_at'])}"
        for c in finished
    }
    call_id = selectbox("查看报告", list(labels), format_func=labels.get)
    open_call(store, user, next(c for c in finished if c["id"] == call_id))


main()
