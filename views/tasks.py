"""练习任务 (trainers): assign cases (or a random draw) to trainees or a 班组 with a due date and
whether hints are allowed; see each assignee's progress; withdraw a task."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import streamlit as st
from pydantic import ValidationError

from accounts import Role, User
from practice.exams import spec_problems
from practice.tasks import TaskSpec, assignees, progress
from store import Store, StoreError
from views.context import app_context, require
from views.data import case_library, libraries_or_stop, practice_cases
from views.errors import guarded_callback
from views.times import today
from views.widgets import multiselect, selectbox

NOTICE_KEY = "task_notice"
NO_GROUP = ""


def trainees(store: Store) -> list[dict[str, Any]]:
    """Every active trainee account."""
    return [u for u in store.users() if u["role"] == Role.TRAINEE.value and u["active"]]


def new_task_form(store: Store, user: User) -> None:
    """The 布置任务 form; a refused task keeps what was typed and says why."""
    cases = practice_cases()
    people = {u["id"]: f"{u['display_name']}（{u['username']}）" for u in trainees(store)}
    groups = sorted({u["group_name"] for u in trainees(store) if u["group_name"]})
    with st.expander("布置新任务", expanded=not store.tasks(trainer_id=user.id)), st.form("new_task"):
        st.text_input("任务名称", key="task_title", max_chars=60)
        multiselect(
            "案例（不选则随机抽取）",
            list(cases.cases),
            "随机抽取",
            key="task_cases",
            format_func=lambda i: cases.get(i).title,
        )
        st.number_input("随机抽取几个案例（未选案例时，1–20）", value=1, step=1, key="task_draw")
        left, right = st.columns(2)
        multiselect("学员", list(people), "不指定学员", key="task_users", format_func=people.get, where=left)
        selectbox(
            "或整个班组",
            [NO_GROUP, *groups],
            key="task_group",
            format_func=lambda g: g or "不指定班组",
            where=right,
        )
        st.date_input(
            "截止日期",
            value=today() + timedelta(days=7),
            min_value=today(),
            key="task_due",
            format="YYYY-MM-DD",
        )
        st.checkbox("允许阶段提示", value=True, key="task_hints")
        st.form_submit_button("布置任务", type="primary", on_click=create_clicked, args=(user.id,))
    show_notice()


@guarded_callback
def create_clicked(trainer_id: int) -> None:
    """Callback of 布置任务: check the task (reasons in Chinese) and store it."""
    state = st.session_state
    fields = {
        "title": (state.get("task_title") or "").strip(),
        "case_ids": list(state.get("task_cases") or []),
        "draw_count": 0 if state.get("task_cases") else int(state.get("task_draw") or 0),
        "user_ids": list(state.get("task_users") or []),
        "group": state.get("task_group") or NO_GROUP,
        "due_date": str(state.get("task_due") or ""),
        "hints_allowed": bool(state.get("task_hints", True)),
    }
    try:
        spec = TaskSpec(**fields)
        app_context().store.add_task(spec.model_dump(), trainer_id)
    except ValidationError as exc:
        state[NOTICE_KEY] = ("error", "任务没有布置：" + "；".join(spec_problems(exc, TASK_LABELS)))
        return
    except StoreError as exc:
        state[NOTICE_KEY] = ("error", f"任务没有布置：{exc}")
        return
    state[NOTICE_KEY] = ("success", f"已布置任务「{spec.title}」，学员在「练习」页面可以看到。")


TASK_LABELS = {"title": "任务名称", "draw_count": "随机抽取数", "due_date": "截止日期"}


def show_notice() -> None:
    """What the last 布置任务 did."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        (st.success if notice[0] == "success" else st.error)(notice[1])


def task_table(store: Store, user: User) -> None:
    """Each task with every assignee's progress; 撤回 / 恢复 per task."""
    tasks = store.tasks(trainer_id=None if user.role == Role.ADMIN.value else user.id)
    if not tasks:
        st.info("还没有布置任务。")
        return
    cases = case_library()
    for task in tasks:
        rows = []
        for person in assignees(task, store.users()):
            done = progress(task, store.task_calls(task["id"], person["id"]), cases, today())
            state = "✅ 已完成" if done.complete else ("⚠️ 已逾期" if done.overdue else "进行中")
            rows.append({"学员": person["display_name"], "完成": f"{done.done}/{done.total}", "状态": state})
        with st.container(border=True):
            target = "、".join(
                filter(
                    None,
                    [
                        task["target_group"] and f"班组 {task['target_group']}",
                        f"{len(task['user_ids'])} 名学员" if task["user_ids"] else "",
                    ],
                )
            )
            st.markdown(
                f"**{task['title']}**　截止 {task['due_date']}　对象：{target}　{'允许提示' if task['hints_allowed'] else '不允许提示'}{'' if task['active'] else '　〔已撤回〕'}"
            )
            completed = sum(r["状态"] == "✅ 已完成" for r in rows)
            st.caption(f"完成 {completed}/{len(rows)} 人")
            if rows:
                st.dataframe(rows, hide_index=True, width="stretch")
            if st.button("撤回任务" if task["active"] else "恢复任务", key=f"toggle_task_{task['id']}"):
                store.set_task_active(task["id"], not task["active"])
                st.rerun()


def main() -> None:
    """The page."""
    user = require(Role.TRAINER)
    libraries_or_stop()
    store = app_context().store
    st.title("练习任务")
    new_task_form(store, user)
    task_table(store, user)


main()
