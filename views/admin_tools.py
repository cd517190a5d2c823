"""用户管理's smaller tools: reset a user's password, and set which trainer leads a 班组."""

from __future__ import annotations

import streamlit as st

from accounts import ROLE_LABELS, AuthError, Role, can
from accounts.rules import MAX_PASSWORD, PASSWORD_RULE
from accounts.service import reset_password
from store import Store
from views.context import app_context, refresh_user
from views.errors import guarded_callback
from views.widgets import selectbox

RESET_PICK, RESET_PASSWORD, RESET_NOTICE = "reset-pick", "reset-password", "reset-notice"
LEAD_GROUP, LEAD_TRAINER, LEAD_NOTICE = "lead-group", "lead-trainer", "lead-notice"
NOBODY = 0


def reset_password_form(store: Store) -> None:
    """Set a new password for a user who forgot theirs (their sessions end at once)."""
    st.subheader("重置密码")
    users = {u["id"]: u for u in store.users()}
    with st.form("reset-form", clear_on_submit=False):
        selectbox(
            "用户", list(users), key=RESET_PICK,
            format_func=lambda i: f"{users[i]['username']}（{users[i]['display_name']} · {ROLE_LABELS[users[i]['role']]}）",
        )  # fmt: skip
        st.text_input(
            f"新密码（{PASSWORD_RULE}）", type="password", max_chars=MAX_PASSWORD, key=RESET_PASSWORD
        )
        st.form_submit_button("重置密码", on_click=reset_submitted)
    notice(RESET_NOTICE)


@guarded_callback
def reset_submitted() -> None:
    """Callback of 重置密码: the new password is checked; the form is emptied only on success."""
    admin = refresh_user(app_context())
    if admin is None or not can(admin.role, Role.ADMIN):
        return
    state, store = st.session_state, app_context().store
    try:
        reset_password(store, admin, state[RESET_PICK], state.get(RESET_PASSWORD) or "")
    except AuthError as exc:
        state[RESET_NOTICE] = ("error", f"密码没有重置：{exc}")
        return
    name = (store.user_by_id(state[RESET_PICK]) or {}).get("username", "")
    state[RESET_PASSWORD] = ""
    state[RESET_NOTICE] = (
        "success",
        f"已重置「{name}」的密码，对方已在所有窗口退出登录，请把新密码告诉对方。",
    )


def group_trainer_form(store: Store) -> None:
    """Which trainer leads each 班组 (shown to trainers, used when they look for their trainees)."""
    groups = sorted({u["group_name"] for u in store.users() if u["group_name"]})
    if not groups:
        return
    st.subheader("班组负责培训师")
    trainers = {
        u["id"]: u["display_name"] for u in store.users() if u["role"] == Role.TRAINER.value and u["active"]
    }
    leads = store.group_trainers()
    with st.form("group-trainer"):
        left, right = st.columns(2)
        selectbox("班组", groups, key=LEAD_GROUP, where=left)
        selectbox("负责培训师", [NOBODY, *trainers], key=LEAD_TRAINER, where=right,
                  format_func=lambda i: trainers.get(i, "（不指定）"))  # fmt: skip
        st.form_submit_button("保存", on_click=lead_submitted)
    notice(LEAD_NOTICE)
    st.caption("　".join(f"{g}：{trainers.get(leads.get(g, NOBODY), '未指定')}" for g in groups))


@guarded_callback
def lead_submitted() -> None:
    """Callback of the 班组 form."""
    admin = refresh_user(app_context())
    if admin is None or not can(admin.role, Role.ADMIN):
        return
    state = st.session_state
    trainer = state.get(LEAD_TRAINER) or None
    app_context().store.set_group_trainer(state[LEAD_GROUP], trainer)
    state[LEAD_NOTICE] = ("success", f"已保存班组「{state[LEAD_GROUP]}」的负责培训师。")


def notice(key: str) -> None:
    """A form's message, once."""
    found = st.session_state.pop(key, None)
    if found:
        (st.success if found[0] == "success" else st.error)(found[1])
