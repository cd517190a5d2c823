"""报告: the coach's 案例精评 for a finished call, with charts, transcript and 再练一次."""

from __future__ import annotations

import streamlit as st

from accounts import Role, can
from practice import start
from practice.review import corrected_report
from scoring.report import md_escape, render_markdown
from store import StoreError
from views.components import report_view
from views.context import REPORT_CALL_KEY, SEARCH_HIT_KEY, app_context, require
from views.customer_voice import play_all, speech
from views.data import libraries_or_stop
from views.notes import trainer_notes
from views.times import human_time
from views.widgets import selectbox

ENGINE_LABELS = {"offline": "离线引擎", "llm": "大模型"}


def chosen_call_id(user_id: int) -> str | None:
    """The call to show: the one just finished, else the user's pick of their finished calls."""
    store = app_context().store
    calls = store.calls(user_id, status="finished", mode="practice")
    cases, _ = libraries_or_stop()
    if not calls:
        return st.session_state.get(REPORT_CALL_KEY)
    ids = [c["id"] for c in calls]
    current = st.session_state.get(REPORT_CALL_KEY)
    index = ids.index(current) if current in ids else 0
    labels = {
        c["id"]: f"{human_time(c['started_at'])} · {cases.get(c['case_id']).title} · 综合 {c['overall']}"
        for c in calls
    }
    return selectbox("选择一次通话", ids, index=index, format_func=labels.get)


def searched_turn(call_id: str) -> int | None:
    """The turn a 我的记录 search hit opened this report at (shown marked in the transcript)."""
    found = st.session_state.get(SEARCH_HIT_KEY)
    if found and found[0] == call_id:
        st.info("已打开搜索到的那一句所在的通话：在下方「完整通话记录」中用 🔎 标出。")
        return found[1]
    return None


def main() -> None:
    """The page."""
    user = require(Role.TRAINEE)
    store = app_context().store
    st.title("通话报告")
    call_id = chosen_call_id(user.id)
    if call_id is None:
        st.info("还没有完成的通话。去「练习」页面开始一通电话吧。")
        return
    try:
        row = store.call(call_id)
    except StoreError as exc:
        st.error(str(exc))
        return
    if row["user_id"] != user.id and not can(user.role, Role.TRAINER):
        st.error("无权访问：只能查看自己的通话报告。")
        st.stop()
    if row["mode"] == "exam" and not can(user.role, Role.TRAINER):
        # The critique quotes the better lines — the reference scripts an exam keeps from candidates.
        st.error("考试的逐句点评只对培训师开放；成绩（以及培训师允许查看的考试精评）请在「考试」页面查看。")
        st.stop()
    report = store.report(call_id)
    if report is None:
        st.info("这通电话还没有结束，结束通话后即可查看报告。")
        return
    cases, personas = libraries_or_stop()
    case = cases.get(row["case_id"])
    highlight = searched_turn(call_id)
    corrected = corrected_report(store, call_id, case)
    if corrected is not None:
        st.info("培训师修正了部分评分：下面的分数和点评按修正后的评分计算（原始评分保留在审阅记录中）。")
        report = corrected
    trainer_notes(store, call_id)
    report_view(
        report, render_markdown(report), store.load_session(call_id), case.customer.honorific, highlight
    )
    session = store.load_session(call_id)
    if speech() is not None and st.toggle("🔊 逐句收听客户语音", key=f"listen-{call_id}"):
        play_all(session, personas.get(row["persona_id"]), case.customer.honorific)
    if row["user_id"] == user.id and st.button("再练一次", type="primary"):
        start(store, user.id, case, personas.get(row["persona_id"]), app_context().llm_config)
        st.switch_page("views/practice.py")
    st.caption(
        f"案例：{md_escape(case.title)} · 客户性格：{personas.get(row['persona_id']).temperament.label} · 引擎：{ENGINE_LABELS.get(row['engine'], row['engine'])}"
    )


main()
