"""练习: pick a case and a persona, then talk with the simulated customer.

The call lives in the Store; only its id sits in the session, so a refresh or a server restart
(and logging in again) resumes it. Every turn is stored before it is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from accounts import Role, User
from personas import PersonaLibrary
from practice import MAX_REPLY_CHARS, PracticeCall, finish, pick, resume, start
from scenarios import CaseLibrary
from scenarios.fill import fill
from store import StoreError
from views.call_parts import answer_owed, reply_notice, show_notice
from views.components import case_card, mood_meter, show_outcome, transcript
from views.context import REPORT_CALL_KEY, AppContext, app_context, refresh_user, require
from views.customer_voice import autoplay_switch, play_latest
from views.data import case_library, libraries_or_stop, persona_library, practice_cases
from views.errors import guarded_callback
from views.task_panel import hints_allowed, my_tasks
from views.voice_reply import forget_spoken_reply, spoken_reply, voice_reply
from views.widgets import selectbox

RANDOM = "random"
REPLY_KEY, LIVE_KEY = "reply_text", "live_practice"
SEEN_KEY, START_ERROR_KEY = "seen_version", "start_error"
LOG = logging.getLogger("coach")


def active_practice(context: AppContext, user: User) -> PracticeCall | None:
    """The user's unfinished call (None when there is none)."""
    call_id = context.store.active_call_id(user.id)
    if call_id is None:
        return None
    return current_practice(context, call_id, libraries_or_stop)


def current_practice(
    context: AppContext, call_id: str, libraries: Callable[[], tuple[CaseLibrary, PersonaLibrary]]
) -> PracticeCall:
    """The call as the Store holds it. This session's copy is reused while the Store's version of
    the call is the one the copy is at (one query); any other writer moves the version on, and the
    call is rebuilt. Rebuilding every run was a fifth of a reply's server time under load."""
    kept = st.session_state.get(LIVE_KEY)
    if kept is not None and kept.id == call_id and context.store.call_version(call_id) == kept.version:
        return kept
    cases, personas = libraries()
    # The page voices an owed answer itself (streamed), so resume only rebuilds.
    practice = resume(context.store, call_id, cases, personas, context.llm_config, voice_owed=False)
    st.session_state[LIVE_KEY] = practice
    return practice


def forget_practice() -> None:
    """Drop this session's copy of the call (after a failed write it may differ from the Store)."""
    st.session_state.pop(LIVE_KEY, None)


def setup(context: AppContext, user: User) -> None:
    """Choose a case and a persona (or 随机), read the brief, start the call."""
    _, personas = libraries_or_stop()
    cases = practice_cases()
    st.title("练习")
    if my_tasks(context, user):
        st.subheader("自由练习")
    st.caption(f"选择案例和客户性格后开始通话。当前引擎：{context.engine_label()}")
    left, right = st.columns(2)
    case_id = selectbox(
        "案例",
        [RANDOM, *cases.cases],
        format_func=lambda i: (
            "🎲 随机案例" if i == RANDOM else f"{cases.get(i).title}（{cases.get(i).industry}）"
        ),
        key="pick_case",
        where=left,
    )
    selectbox(
        "客户性格",
        [RANDOM, *personas.personas],
        format_func=lambda i: "🎲 随机性格" if i == RANDOM else f"{personas.get(i).label}",
        key="pick_persona",
        where=right,
    )
    st.toggle("显示阶段提示（练习模式）", value=True, key="pick_hints")
    if case_id != RANDOM:
        case_card(cases.get(case_id), with_outline=False)
    error = st.session_state.pop(START_ERROR_KEY, None)
    if error:
        st.error(error)
    # A callback: the call is started before the page is drawn, so this same run shows it.
    st.button("开始通话", type="primary", on_click=start_clicked)


@guarded_callback
def start_clicked() -> None:
    """Callback of 开始通话: start the chosen (or a random) case with the chosen persona."""
    context = app_context()
    user = refresh_user(context)
    if user is None or context.store.active_call_id(user.id) is not None:
        return  # logged out meanwhile, or a call already runs (another tab): the page shows it
    chosen = [st.session_state.get(key, RANDOM) for key in ("pick_case", "pick_persona")]
    case, persona = pick(practice_cases(), persona_library(), *(None if c == RANDOM else c for c in chosen))
    try:
        st.session_state[LIVE_KEY] = start(context.store, user.id, case, persona, context.llm_config)
    except StoreError as exc:
        LOG.warning("call not started: %s", exc, exc_info=True)
        st.session_state[START_ERROR_KEY] = f"{exc}。通话没有开始，请再点一次「开始通话」。"
        return
    st.session_state["hints"] = st.session_state.get("pick_hints", True)


def call_view(practice: PracticeCall) -> None:
    """The call: meter, hint, transcript, reply box, rewind and end."""
    call = practice.call
    state, case, persona = call.session.state, call.case, call.persona
    st.title(f"练习：{case.title}")
    st.caption(f"客户性格：{persona.label} ｜ 引擎：{app_context().engine_label()}")
    mood_meter(state)
    autoplay = autoplay_switch(default=True)
    with st.expander("情况简介"):
        st.markdown(fill(case.brief.summary, case))
    if not state.ended and hints_allowed(app_context(), practice.id):
        points = "；".join(fill(p, case) for p in getattr(case.stages, state.stage.value).key_points)
        st.info(f"提示（{state.stage.label}阶段）：{points}")
    transcript(call.session, case.customer.honorific)
    show_notice()
    owed = answer_owed(practice)  # while owed, no reply box: the warning says a refresh heals it
    voice_slot = st.empty()  # the customer's voice goes here, once everything else is drawn
    replay_slot = st.empty()  # and the picker to hear an earlier line again
    if state.ended:
        show_outcome(state.outcome)
    elif not owed:
        st.caption(f"每句回复最多 {MAX_REPLY_CHARS} 字，空白回复不会发送。")
        reply_box(practice)
        voice_reply(practice.id, practice.version, submit_reply, (practice.id, practice.version))
    controls(practice)
    play_latest(call.session, persona, case.customer.honorific, autoplay, voice_slot, replay_slot)


def reply_box(practice: PracticeCall) -> None:
    """The chat input. Its callback stores the reply before anything is drawn, so a second submit
    (which interrupts this run) can no longer drop the first one unseen."""
    # No max_chars on the box: the browser would cut a longer paste silently. The server refuses it
    # with the limit and gives the whole text back to edit instead.
    st.chat_input(
        "输入你的回复，按回车发送",
        key=REPLY_KEY,
        on_submit=submit_reply,
        args=(practice.id, practice.version),
    )


def submit_reply(call_id: str, seen_version: int, spoken: bool = False) -> None:
    """Callback: store the reply (typed, or `spoken` with how it was delivered) against the call
    as the Store holds it now, if that is the version the trainee saw; a refusal is kept (with
    the text) for the page to show."""
    text, voice = spoken_reply() if spoken else (st.session_state.get(REPLY_KEY) or "", None)
    context = st.session_state.get("app")
    sent = False
    try:
        user = refresh_user(context) if context is not None else None
        if user is None or context.store.call(call_id)["user_id"] != user.id:
            return  # logged out meanwhile: the page shows the login form
        practice = current_practice(context, call_id, lambda: (case_library(), persona_library()))
        practice.send(text, seen_version, voice)
        sent = True
        if spoken:
            forget_spoken_reply()
        if practice.is_offline:  # answered here too: the page then draws once, with both turns
            "".join(practice.answer() or ())
    except Exception as exc:  # sorted out below: the message depends on whether the reply was kept
        forget_practice()
        reply_notice(exc, text, sent)


def controls(practice: PracticeCall) -> None:
    """撤回 to a chosen reply, and 结束通话."""
    agent_turns = [t for t in practice.call.session.turns if t.role == "agent"]
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    if agent_turns:
        number = selectbox(
            "撤回到哪一句之前",
            range(len(agent_turns), 0, -1),
            # Says how much goes: picking the first reply takes the whole conversation back.
            format_func=lambda n: (
                f"第 {n} 句及之后（撤回 {len(agent_turns) - n + 1} 句）：{agent_turns[n - 1].text[:20]}"
            ),
            where=left,
        )
        if middle.button("撤回") and not overtaken(practice):
            forget_practice()  # rebuilt next run: a refused rewind may leave this copy changed
            practice.rewind(number)
            st.rerun()
    if right.button("结束通话", type="primary") and not overtaken(practice):
        forget_practice()
        finish(practice)  # refused (CallConflict) if another window moved the call on meanwhile
        st.session_state[REPORT_CALL_KEY] = practice.id
        st.switch_page("views/report.py")
    st.session_state[SEEN_KEY] = (practice.id, practice.version)


def overtaken(practice: PracticeCall) -> bool:
    """True (and says so) when the call moved on since this tab last drew it: a click on 撤回 or
    结束通话 is meant for the call as the trainee saw it, not as another window left it."""
    seen_id, seen_version = st.session_state.get(SEEN_KEY, (None, None))
    if seen_id != practice.id or seen_version == practice.version:
        return False
    st.warning("这通电话已在另一个窗口继续，刚才的操作没有执行；页面已更新，请看清后再操作。")
    return True


def main() -> None:
    """The page."""
    user = require(Role.TRAINEE)
    context = app_context()
    practice = active_practice(context, user)
    if practice is None:
        setup(context, user)
    else:
        call_view(practice)


main()
