"""考试管理 (trainers): set up an exam, open or close it, see every attempt, export them as CSV,
re-grade attempts from their stored transcripts, and open an attempt's full report."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from accounts import Role, User
from practice.exam_export import attempts_csv
from practice.exams import DRAWN, ExamSpec, check_exam, regrade, spec_problems, stored_result
from scoring.model import DIMENSION_LABELS, DIMENSIONS
from store import StoreError
from views.context import app_context, require
from views.data import libraries_or_stop, persona_library, practice_cases
from views.errors import guarded_callback
from views.exam_review import attempt_report
from views.times import epoch_iso, full_time
from views.voice_reply import voice_available
from views.widgets import selectbox

LABELS = {**DIMENSION_LABELS, "overall": "综合"}
FORM_ERROR_KEY, CREATED_KEY = "exam_form_errors", "exam_created"


def new_exam_form(user: User) -> None:
    """The 新建考试 form; a refused spec keeps what was typed and lists every reason."""
    _, personas = libraries_or_stop()
    cases = practice_cases()
    expander = st.expander("新建考试", expanded=not app_context().store.exams())
    with expander, st.form("new_exam", clear_on_submit=False):
        st.text_input("考试名称", key="exam_title", max_chars=60)
        selectbox("案例", list(cases.cases), key="exam_case", format_func=lambda i: cases.get(i).title)
        selectbox(
            "客户性格",
            [DRAWN, *personas.personas],
            key="exam_persona",
            format_func=lambda i: (
                "🎲 每位考生随机抽取（种子有记录）" if i == DRAWN else f"{personas.get(i).label}"
            ),
        )
        left, right = st.columns(2)
        # No min/max on the inputs: the browser would only show an English tooltip and silently
        # not submit; the server checks every number and says what is wrong in Chinese.
        left.number_input("时间限制（分钟，1–240）", value=15, step=1, key="exam_minutes")
        right.number_input("允许次数（1–10）", value=2, step=1, key="exam_attempts")
        columns = st.columns(4)
        for column, dim, default in zip(columns, ("overall", *DIMENSIONS), (70, 0, 0, 0), strict=True):
            column.number_input(
                f"{LABELS[dim]}合格线（0–100）", value=default, step=1, key=f"exam_pass_{dim}"
            )
        st.checkbox("须圆满解决（客户升级或挂断即不通过）", value=True, key="exam_require_resolved")
        st.checkbox("须语音作答（客户语音自动播放，考生只能用麦克风回答）", key="exam_require_voice")
        st.checkbox(
            "交卷后考生可以看本次通话的案例精评（逐句点评和建议说法）", value=True, key="exam_show_review"
        )
        if not voice_available():
            st.caption(
                "注意：当前没有配置语音转写接口，须语音作答的考试考生无法开始（配置方法见 README「语音」）。"
            )
        st.caption("考试固定使用离线客户引擎：同一种子下每位考生遇到的客户完全一致，成绩可复核。")
        st.form_submit_button("发布考试", type="primary", on_click=create_clicked, args=(user.id,))
    for problem in st.session_state.pop(FORM_ERROR_KEY, []):
        st.error(problem)
    created = st.session_state.pop(CREATED_KEY, None)
    if created:
        st.success(f"考试「{created}」已发布，学员在「考试」页面可以看到。")


@guarded_callback
def create_clicked(user_id: int) -> None:
    """Callback of 发布考试: check the spec (every reason in Chinese) and store it."""
    state = st.session_state
    fields = {
        "title": (state.get("exam_title") or "").strip(),
        "case_id": state.get("exam_case") or "",
        "persona_id": state.get("exam_persona") or DRAWN,
        "time_limit_s": int(state.get("exam_minutes") or 0) * 60,
        "attempts_allowed": int(state.get("exam_attempts") or 0),
        **{f"pass_{dim}": int(state.get(f"exam_pass_{dim}") or 0) for dim in ("overall", *DIMENSIONS)},
        "require_resolved": bool(state.get("exam_require_resolved", True)),
        "require_voice": bool(state.get("exam_require_voice", False)),
        "show_review": bool(state.get("exam_show_review", True)),
    }
    _, personas = libraries_or_stop()
    minutes = int(state.get("exam_minutes") or 0)
    if not 1 <= minutes <= 240:
        state[FORM_ERROR_KEY] = [f"考试没有发布：时间限制须在 1–240 分钟之间（填的是 {minutes}）"]
        return
    try:
        spec = check_exam(ExamSpec(**fields), practice_cases(), personas)
        app_context().store.add_exam(spec.model_dump(), created_by=user_id)
    except ValidationError as exc:
        state[FORM_ERROR_KEY] = [f"考试没有发布：{p}" for p in spec_problems(exc)]
        return
    except (ValueError, StoreError) as exc:
        state[FORM_ERROR_KEY] = [f"考试没有发布：{exc}"]
        return
    state[CREATED_KEY] = spec.title


def exam_table(exams: list[dict[str, Any]], attempts: list[dict[str, Any]]) -> None:
    """Every exam with its rules, status and how its candidates did; 开放/关闭 per exam."""
    cases, _ = libraries_or_stop()
    rows = []
    for exam in exams:
        taken = [a for a in attempts if a["exam_id"] == exam["id"] and a["status"] == "finished"]
        passed = sum(a["passed"] for a in taken)
        rows.append(
            {
                "考试": exam["title"],
                "案例": cases.get(exam["case_id"]).title,
                "时间（分钟）": exam["time_limit_s"] // 60,
                "次数": exam["attempts_allowed"],
                "合格线（综合）": exam["pass_overall"],
                "作答方式": "须语音作答" if exam["require_voice"] else "打字或语音",
                "交卷后精评": "考生可看" if exam["show_review"] else "只给成绩",
                "状态": "开放" if exam["active"] else "已关闭",
                "已交卷": len(taken),
                "通过率": f"{passed / len(taken):.0%}" if taken else "—",
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    labels = {e["id"]: f"{e['title']}（{'开放' if e['active'] else '已关闭'}）" for e in exams}
    chosen = selectbox("选择考试", list(labels), format_func=labels.get, key="admin_exam")
    exam = next(e for e in exams if e["id"] == chosen)
    if st.button("关闭考试" if exam["active"] else "重新开放", key="toggle_exam"):
        app_context().store.set_exam_active(exam["id"], not exam["active"])
        st.rerun()


def attempts_section(attempts: list[dict[str, Any]]) -> None:
    """Every attempt, the CSV export, re-grading, and one attempt's report."""
    st.subheader("考试记录")
    if not attempts:
        st.info("还没有考生参加考试。")
        return
    st.dataframe([attempt_row(a) for a in attempts], hide_index=True, width="stretch")
    st.download_button(
        "导出全部考试记录（CSV，可用 Excel 打开）",
        attempts_csv(attempts, lambda t: full_time(epoch_iso(t)) if t else "", persona_label),
        file_name="考试记录.csv",
        mime="text/csv",
    )
    finished = [a for a in attempts if a["status"] == "finished"]
    if finished and st.button("复核评分（按存档重新评分）"):
        regrade_report(finished)
    if finished:
        labels = {a["id"]: f"{a['display_name']} · {a['title']} · 第 {a['number']} 次" for a in finished}
        attempt_id = selectbox("查看考卷报告", list(labels), format_func=labels.get, key="admin_attempt")
        open_attempt(next(a for a in finished if a["id"] == attempt_id))


def persona_label(persona_id: str) -> str:
    """A persona as trainers know it: 胆汁质 · 急脾气的直性子."""
    personas = persona_library()
    return personas.get(persona_id).label if persona_id in personas.personas else persona_id


def attempt_row(attempt: dict[str, Any]) -> dict[str, Any]:
    """One attempt as a table row."""
    finished = attempt["status"] == "finished"
    scores = stored_result(attempt).scores if finished else {}
    verdict = ("通过" if attempt["passed"] else "未通过") if finished else "进行中"
    return {
        "考生": attempt["display_name"],
        "考试": attempt["title"],
        "第几次": attempt["number"],
        "开始": full_time(epoch_iso(attempt["started_at"])),
        **{LABELS[d]: scores.get(d) for d in ("overall", *DIMENSIONS)},
        "结果": verdict + ("（超时）" if attempt["timed_out"] else ""),
    }


def regrade_report(finished: list[dict[str, Any]]) -> None:
    """Re-grade every finished attempt from its stored transcript and say whether each matches."""
    store = app_context().store
    differ = [a for a in finished if regrade(store, a["id"]) != stored_result(a)]
    if differ:
        names = "、".join(f"{a['display_name']}第 {a['number']} 次" for a in differ)
        st.error(f"{len(differ)} 份考卷重新评分与存档不一致：{names}（评分程序或模型可能已更新，见指纹）")
    else:
        st.success(f"已复核 {len(finished)} 份考卷：重新评分与存档成绩完全一致。")


def open_attempt(attempt: dict[str, Any]) -> None:
    """The attempt's full report and transcript, with its grading fingerprint."""
    attempt_report(attempt, with_fingerprint=True)


def main() -> None:
    """The page."""
    user = require(Role.TRAINER)
    store = app_context().store
    st.title("考试管理")
    new_exam_form(user)
    exams = store.exams()
    if not exams:
        st.info("还没有考试。用上面的「新建考试」发布第一场。")
        return
    attempts = store.attempts()
    exam_table(exams, attempts)
    attempts_section(attempts)


main()
