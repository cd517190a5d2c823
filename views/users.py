"""用户管理 (admins): list accounts, create new ones, change a role or deactivate an account."""

from __future__ import annotations

import streamlit as st

from accounts import ROLE_LABELS, AuthError, Role, User, create_user, update_user
from accounts.rules import MAX_NAME, MAX_PASSWORD, NAME_RULE, PASSWORD_RULE, USERNAME_RULE
from store import Store
from views.context import app_context, require
from views.times import human_time
from views.widgets import selectbox


def user_table(store: Store) -> None:
    """Every account (display names are plain text in a dataframe)."""
    rows = [
        {
            "用户名": u["username"],
            "姓名": u["display_name"],
            "角色": ROLE_LABELS[Role(u["role"])],
            "状态": "在用" if u["active"] else "已停用",
            "创建时间": human_time(u["created_at"]),
        }
        for u in store.users()
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def new_user_form(store: Store) -> None:
    """Create an account."""
    st.subheader("新建用户")
    with st.form("new-user", clear_on_submit=True):
        username = st.text_input(f"用户名（{USERNAME_RULE}）", max_chars=64)
        display_name = st.text_input(f"姓名（{NAME_RULE}）", max_chars=MAX_NAME)
        password = st.text_input(f"初始密码（{PASSWORD_RULE}）", type="password", max_chars=MAX_PASSWORD)
        role = selectbox("角色", list(Role), format_func=lambda r: ROLE_LABELS[r])
        submitted = st.form_submit_button("创建", type="primary")
    if submitted:
        try:
            user = create_user(store, username, password, role, display_name)
        except AuthError as exc:
            st.error(str(exc))
        else:
            st.success(f"已创建{ROLE_LABELS[user.role]}账号「{user.username}」。")


def edit_user_form(store: Store, admin: User) -> None:
    """Change a role or the active flag; a deactivated user is logged out on their next action.

    The user is picked outside the form, so the form opens on that user's current role and flag
    (a fixed default would quietly demote whoever was picked)."""
    st.subheader("修改角色或停用账号")
    users = {u["id"]: u for u in store.users()}
    user_id = selectbox(
        "用户", list(users), format_func=lambda i: f"{users[i]['username']}（{users[i]['display_name']}）"
    )
    chosen, roles = users[user_id], list(Role)
    with st.form(f"edit-user-{user_id}"):
        role = selectbox(
            "角色",
            roles,
            index=roles.index(Role(chosen["role"])),
            format_func=lambda r: ROLE_LABELS[r],
            key=f"edit-role-{user_id}",
        )
        active = st.checkbox(
            "账号在用（取消勾选即停用，对方会立即退出登录）",
            value=bool(chosen["active"]),
            key=f"edit-active-{user_id}",
        )
        submitted = st.form_submit_button("保存修改")
    if submitted:
        try:
            update_user(store, admin, user_id, role, active)
        except AuthError as exc:
            st.error(str(exc))
        else:
            st.success(f"已保存「{users[user_id]['username']}」的修改。")


def main() -> None:
    """The page."""
    admin = require(Role.ADMIN)
    store = app_context().store
    st.title("用户管理")
    new_user_form(store)
    edit_user_form(store, admin)
    st.subheader("全部账号")
    user_table(store)


main()
