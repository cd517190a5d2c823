"""考试 (candidates): the open exams, taking one — no hints, no rewinding, the server's clock —
the result per dimension against the pass marks, and the certificate of a pass.

The attempt lives in the Store: a reload, a second tab or logging in again finds it running with
its clock; attempts and the time limit are enforced in the Store's writes, not here.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from accounts import Role, User
from practice import PracticeCall
from practice.certificate import CertificateFacts, certificate_html
from practice.exams import (
    ExamResult,
    exam_call,
    frozen_case,
    hand_in,
    seconds_left,
    start_attempt,
    stored_result,
)
from scenarios.fill import fill
from scoring.model import DIMENSION_LABELS, DIMENSIONS
from store import StoreError
from views.call_parts import answer_owed, reply_notice, show_notice
from views.components import transcript
from views.context import app_context, refresh_user, require
from views.customer_voice import autoplay_switch, play_latest
from views.data import libraries_or_stop
from views.errors import guarded_callback
from views.exam_review import attempt_report
from views.times import epoch_iso, full_time
from views.voice_reply import forget_spoken_reply, spoken_reply, voice_available, voice_reply
from views.widgets import selectbox

REPLY_KEY, ERROR_KEY, RESULT_KEY = "exam_reply", "exam_error", "exam_result_attempt"
CONFIRM_KEY = "exam_confirm_hand_in"
LABELS = {**DIMENSION_LABELS, "overall": "综合"}
NO_VOICE_EXAM = "本考试须语音作答，但系统还没有配置语音转写接口，暂时不能开始；请联系培训师或管理员。"


def running_attempt(user: User) -> dict[str, Any] | None:
    """The candidate's attempt in progress, if any (whichever tab or session started it)."""
    running = [a for a in app_context().store.attempts(user_id=user.id) if a["status"] == "in_progress"]
    return running[0] if running else None


def exam_list(user: User) -> None:
    """The open exams with attempts left, the start buttons, and every past attempt."""
    store = app_context().store
    cases, personas = libraries_or_stop()
    st.title("考试")
    show_just_handed_in(user)
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.error(error)
    mine = store.attempts(user_id=user.id)
    exams = store.exams(active_only=True)
    if not exams:
        st.info("目前没有开放的考试。培训师发布考试后会显示在这里。")
    for exam in exams:
        used = sum(1 for a in mine if a["exam_id"] == exam["id"])
        exam_card(exam, used, cases.get(exam["case_id"]).title, persona_label(exam, personas))
    past_attempts(user, [a for a in mine if a["status"] == "finished"])


def persona_label(exam: dict[str, Any], personas) -> str:
    """The persona an exam uses, or that one is drawn per candidate."""
    if not exam["persona_id"]:
        return "每位考生随机抽取（有记录）"
    return personas.get(exam["persona_id"]).label


def exam_card(exam: dict[str, Any], used: int, case_title: str, persona: str) -> None:
    """One exam: its rules in plain words and 开始考试 while attempts are left."""
    with st.container(border=True):
        st.subheader(exam["title"])
        marks = "、".join(
            f"{LABELS[d]} ≥ {exam[f'pass_{d}']}" for d in (*DIMENSIONS, "overall") if exam[f"pass_{d}"]
        )
        st.markdown(
            f"案例：{case_title}　客户性格：{persona}  \n"
            f"时间限制 {exam['time_limit_s'] // 60} 分钟　已用 {used} / {exam['attempts_allowed']} 次　合格线：{marks or '无'}"
            + ("，且须圆满解决客户问题" if exam["require_resolved"] else "")
            + ("。须语音作答（用麦克风回答，客户语音自动播放）" if exam["require_voice"] else "")
        )
        st.caption("考试中没有阶段提示和参考话术，不能撤回；计时以服务器为准，刷新页面不会重置。")
        left = exam["attempts_allowed"] - used
        no_voice = bool(exam["require_voice"]) and not voice_available()
        if no_voice:
            st.warning(NO_VOICE_EXAM)
        st.button(
            "开始考试" if left > 0 else "机会已用完",
            key=f"start_exam_{exam['id']}",
            type="primary",
            disabled=left <= 0 or no_voice,
            on_click=start_clicked,
            args=(exam["id"],),
        )


@guarded_callback
def start_clicked(exam_id: int) -> None:
    """Callback of 开始考试: the Store decides (attempts left, exam open)."""
    context = app_context()
    user = refresh_user(context)
    if user is None:
        return
    cases, personas = libraries_or_stop()
    if context.store.exam(exam_id)["require_voice"] and not voice_available():
        st.session_state[ERROR_KEY] = NO_VOICE_EXAM
        return
    try:
        start_attempt(context.store, exam_id, user.id, cases, personas)
    except StoreError as exc:
        st.session_state[ERROR_KEY] = str(exc)


def exam_view(attempt: dict[str, Any]) -> None:
    """The exam call: the time left, the brief, the transcript, the reply box and 交卷."""
    store = app_context().store
    if seconds_left(attempt) == 0:
        hand_in_now(attempt)
        return
    practice = exam_call(store, attempt)
    case = frozen_case(attempt)
    exam = store.exam(attempt["exam_id"])
    st.title(f"考试：{exam['title']}")
    clock(attempt["id"])
    autoplay = voice_only_notice() if exam["require_voice"] else autoplay_switch(default=False)
    # The sidebar stays in view however long the call grows: the deadline is always there.
    deadline = full_time(epoch_iso(attempt["deadline"]))[-5:]
    st.sidebar.warning(f"⏱ 考试进行中：{deadline} 截止，到时自动交卷")
    with st.expander("情况简介", expanded=len(practice.call.session.turns) <= 1):
        st.markdown(fill(case.brief.summary, case))
    transcript(practice.call.session, case.customer.honorific, with_grades=False)
    show_notice()
    owed = answer_owed(practice)
    voice_slot = st.empty()  # the customer's voice, once everything else is drawn
    if practice.call.session.state.ended:
        st.info("客户已经结束了通话，请点击「交卷」查看成绩。")
    elif not owed:
        if not exam["require_voice"]:
            reply_box(practice, attempt["id"])
        voice_reply(
            practice.id,
            practice.version,
            submit_reply,
            (attempt["id"], practice.version),
            editable=not exam["require_voice"],
        )
    hand_in_controls(attempt)
    play_latest(practice.call.session, practice.call.persona, case.customer.honorific, autoplay, voice_slot)


def voice_only_notice() -> bool:
    """An exam that requires voice: the customer always speaks (no switch), the candidate only
    speaks, and what recognition heard is the answer. Returns autoplay (always on)."""
    st.caption("🔊 本考试须语音作答：客户语音自动播放；用麦克风回答，按识别出的文字评分（不能修改）。")
    return True


def hand_in_controls(attempt: dict[str, Any]) -> None:
    """交卷 asks once more: a paper handed in cannot be answered any further."""
    confirming = st.session_state.get(CONFIRM_KEY) == attempt["id"]
    if not confirming:
        if st.button("交卷", type="primary"):
            st.session_state[CONFIRM_KEY] = attempt["id"]
            st.rerun()
        return
    st.warning("确定交卷吗？交卷后不能再回复，成绩按现在的通话评定。")
    left, right = st.columns(2)
    if left.button("确定交卷", type="primary"):
        st.session_state.pop(CONFIRM_KEY, None)
        hand_in_now(attempt)
    if right.button("继续作答"):
        st.session_state.pop(CONFIRM_KEY, None)
        st.rerun()


@st.fragment(run_every=20)
def clock(attempt_id: int) -> None:
    """The time left, redrawn every 20 s; once it is up the whole page reruns and hands in."""
    attempt = app_context().store.attempt(attempt_id)
    left = seconds_left(attempt)
    if left == 0 and attempt["status"] == "in_progress":
        st.rerun(scope="app")
    deadline = full_time(epoch_iso(attempt["deadline"]))[-5:]
    # Redrawn every 20 s, so whole minutes (rounded up): a seconds figure would look frozen.
    remaining = f"剩余约 {-(-left // 60)} 分钟" if left >= 60 else "剩余不到 1 分钟"
    st.info(f"⏱ {remaining}（{deadline} 截止，到时自动交卷）。无提示、不可撤回。")


def reply_box(practice: PracticeCall, attempt_id: int) -> None:
    """The chat input; its callback stores the reply (or keeps the refusal) before the page draws."""
    st.chat_input(
        "输入你的回复，按回车发送", key=REPLY_KEY, on_submit=submit_reply, args=(attempt_id, practice.version)
    )


def submit_reply(attempt_id: int, seen_version: int, spoken: bool = False) -> None:
    """Callback: store the reply (typed, or `spoken` with how it was delivered) in the attempt's
    call if the call is as the candidate saw it."""
    text, voice = spoken_reply() if spoken else (st.session_state.get(REPLY_KEY) or "", None)
    context = app_context()
    sent = False
    try:
        user = refresh_user(context)
        attempt = context.store.attempt(attempt_id)
        if user is None or attempt["user_id"] != user.id:
            return
        practice = exam_call(context.store, attempt)
        practice.send(text, seen_version, voice)
        sent = True
        if spoken:
            forget_spoken_reply()
        "".join(practice.answer() or ())
    except Exception as exc:  # the same notices as practice: whether the reply was kept decides
        reply_notice(exc, text, sent)


def hand_in_now(attempt: dict[str, Any]) -> None:
    """Hand the attempt in (the Store keeps one result however many tabs do) and show the list."""
    try:
        hand_in(app_context().store, attempt)
    except StoreError as exc:
        st.error(f"{exc}。请刷新页面后再交卷。")
        return
    st.session_state[RESULT_KEY] = attempt["id"]
    st.rerun()


def show_just_handed_in(user: User) -> None:
    """The result of the attempt this session just handed in, with the certificate of a pass."""
    attempt_id = st.session_state.get(RESULT_KEY)
    if attempt_id is None:
        return
    attempt = app_context().store.attempt(attempt_id)
    if attempt["user_id"] != user.id or attempt["status"] != "finished":
        return
    result = stored_result(attempt)
    verdict = "恭喜，考试通过！" if result.passed else "很遗憾，这次没有通过。"
    if result.resolved_required and not result.resolved:
        verdict += "本场考试要求圆满解决客户问题，这次通话没有解决。"
    if result.timed_out:
        verdict = "考试时间已到，已自动交卷。" + verdict
    (st.success if result.passed else st.warning)(verdict)
    result_metrics(result)
    if result.passed:
        certificate_button(attempt, user, "result")


def result_metrics(result: ExamResult) -> None:
    """Each dimension's score against its pass mark."""
    columns = st.columns(4)
    for column, dim in zip(columns, ("overall", *DIMENSIONS), strict=True):
        mark = result.thresholds[dim]
        ok = "✅ 达标" if result.passed_by_dimension[dim] else "❌ 未达标"
        column.metric(
            LABELS[dim], result.scores[dim], f"合格线 {mark} · {ok}", delta_color="off", delta_arrow="off"
        )


def past_attempts(user: User, finished: list[dict[str, Any]]) -> None:
    """Every handed-in attempt with its scores, and the certificates of the passes."""
    if not finished:
        return
    st.subheader("我的考试记录")
    rows = []
    for attempt in finished:
        result = stored_result(attempt)
        rows.append(
            {
                "交卷时间": full_time(epoch_iso(attempt["finished_at"])),
                "考试": attempt["title"],
                "第几次": attempt["number"],
                **{LABELS[d]: result.scores[d] for d in ("overall", *DIMENSIONS)},
                "结果": ("通过" if result.passed else "未通过") + ("（超时）" if result.timed_out else ""),
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    for attempt in finished:  # the one just handed in has its button in the result above
        if attempt["passed"] and attempt["id"] != st.session_state.get(RESULT_KEY):
            certificate_button(attempt, user, "list")
    review_section([a for a in finished if a["show_review"]])


def review_section(reviewable: list[dict[str, Any]]) -> None:
    """The 案例精评 of one handed-in attempt, chosen from those whose exam shows it (the one just
    handed in first); the transcript is shown with its grades now that the paper is in."""
    if not reviewable:
        return
    st.subheader("考试精评")
    by_id = {a["id"]: a for a in reviewable}
    just = st.session_state.get(RESULT_KEY)
    chosen = selectbox(
        "查看哪一次考试的案例精评",
        list(by_id),
        index=list(by_id).index(just) if just in by_id else 0,
        format_func=lambda i: (
            f"{by_id[i]['title']} · 第 {by_id[i]['number']} 次 · "
            + full_time(epoch_iso(by_id[i]["finished_at"]))
        ),
        key="exam_review_attempt",
    )
    attempt_report(by_id[chosen])


def certificate_button(attempt: dict[str, Any], user: User, place: str) -> None:
    """Download the certificate of a passed attempt (HTML: open it and print, or save as PDF)."""
    result = stored_result(attempt)
    exam = app_context().store.exam(attempt["exam_id"])
    facts = CertificateFacts(
        candidate=user.display_name,
        exam_title=exam["title"],
        case_title=frozen_case(attempt).title,
        passed_on=full_time(epoch_iso(attempt["finished_at"]))[:10],
        scores=result.scores,
        thresholds=result.thresholds,
        attempt_id=attempt["id"],
        fingerprint=json.loads(attempt["fingerprint_json"]),
    )
    st.download_button(
        f"下载合格证书：{exam['title']}（第 {attempt['number']} 次）",
        certificate_html(facts).encode("utf-8"),
        file_name=f"合格证书-{exam['title']}-{attempt['id']}.html",
        mime="text/html",
        key=f"certificate_{place}_{attempt['id']}",
    )


def main() -> None:
    """The page."""
    user = require(Role.TRAINEE)
    attempt = running_attempt(user)
    if attempt is None:
        exam_list(user)
    else:
        exam_view(attempt)


main()
