"""The trainee's 练习任务 on the practice page: each task's progress, due date and a button that
starts the next case of the task (hints as the task allows)."""

from __future__ import annotations

import logging
import random

import streamlit as st

from accounts import User
from practice import start
from practice.tasks import progress
from store import StoreError
from views.context import AppContext, app_context, refresh_user
from views.data import case_library, persona_library
from views.errors import guarded_callback
from views.times import today

LIVE_KEY, START_ERROR_KEY = "live_practice", "start_error"  # shared with views/practice.py
LOG = logging.getLogger("coach")


def my_tasks(context: AppContext, user: User) -> bool:
    """The trainee's open tasks, with progress and 开始 for the next case; False when there are none."""
    tasks = context.store.tasks_for(user.id, user_group(context, user))
    if not tasks:
        return False
    st.subheader("我的练习任务")
    cases = case_library()
    for task in tasks:
        done = progress(task, context.store.task_calls(task["id"], user.id), cases, today())
        with st.container(border=True):
            late = "（已逾期）" if done.overdue else ""
            st.markdown(
                f"**{task['title']}**　截止 {task['due_date']}{late}　已完成 {done.done}/{done.total}"
            )
            st.progress(done.done / done.total if done.total else 1.0)
            if done.next_case_id is None:
                st.caption("✅ 这个任务已经完成。")
                continue
            hint = "" if task["hints_allowed"] else "（本任务不显示阶段提示）"
            st.button(
                f"开始：{cases.get(done.next_case_id).title}{hint}",
                key=f"start_task_{task['id']}",
                on_click=start_task_clicked,
                args=(task["id"],),
            )
    return True


def user_group(context: AppContext, user: User) -> str:
    """The trainee's 班组 as the Store holds it now."""
    row = context.store.user_by_id(user.id) or {}
    return row.get("group_name") or ""


@guarded_callback
def start_task_clicked(task_id: int) -> None:
    """Callback: start the task's next case with a random persona."""
    context = app_context()
    user = refresh_user(context)
    if user is None or context.store.active_call_id(user.id) is not None:
        return
    task = context.store.task(task_id)
    cases = case_library()
    done = progress(task, context.store.task_calls(task_id, user.id), cases, today())
    if done.next_case_id is None or task not in context.store.tasks_for(user.id, user_group(context, user)):
        return  # completed or withdrawn meanwhile: the page shows it as it is now
    persona = random.choice(list(persona_library()))
    try:
        st.session_state[LIVE_KEY] = start(
            context.store, user.id, cases.get(done.next_case_id), persona, context.llm_config, task_id=task_id
        )
    except StoreError as exc:
        LOG.warning("task call not started: %s", exc, exc_info=True)
        st.session_state[START_ERROR_KEY] = f"{exc}。通话没有开始，请再点一次。"
        return
    st.session_state["hints"] = bool(task["hints_allowed"])


def hints_allowed(context: AppContext, call_id: str) -> bool:
    """Whether the call may show stage hints: a task that forbids them decides, whatever the toggle."""
    task_id = context.store.call(call_id).get("task_id")
    if task_id and not context.store.task(task_id)["hints_allowed"]:
        return False
    return bool(st.session_state.get("hints", True))
