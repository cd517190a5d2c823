"""用户管理 (admins): list accounts, create new ones, change a role, a 班组 or the active flag,
reset a password, and set which trainer leads a 班组.

Both forms are handled in their submit buttons' callbacks, which run before the page is drawn:
the table at the bottom already shows the change in the same run, and a refused form keeps what
was typed (the new-user form is emptied only after a successful create).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from accounts import ROLE_LABELS, AuthError, Role, User, can
from accounts.rules import (
    GROUP_RULE,
    MAX_GROUP,
    MAX_NAME,
    MAX_PASSWORD,
    NAME_RULE,
    PASSWORD_RULE,
    USERNAME_RULE,
)
from accounts.service import create_user_in_group, update_user_and_group
from store import Store
from views.admin_tools import group_trainer_form, reset_password_form
from views.context import app_context, refresh_user, require
from views.times import human_time
from views.widgets import selectbox

# Session-state keys of the new-user form's widgets, and of the message each form leaves.
NEW_USERNAME, NEW_NAME, NEW_PASSWORD, NEW_GROUP, NEW_ROLE = (
    "new-user-username",
    "new-user-name",
    "new-user-password",
    "new-user-group",
    "new-user-role",
)
NEW_USER_NOTICE, EDIT_USER_NOTICE, EDIT_USER_PICK = "new-user-notice", "edit-user-notice", "edit-user-pick"


def group_label(row: dict[str, Any]) -> str:
    """A user's 班组 for display ("—" when none; older rows may lack the column)."""
    return row.get("group_name") or "—"


def user_table(store: Store) -> None:
    """Every account (display names are plain text in a dataframe)."""
    rows = [
        {
            "用户名": u["username"],
            "姓名": u["display_name"],
            "角色": ROLE_LABELS[Role(u["role"])],
            "班组": group_label(u),
            "状态": "在用" if u["active"] else "已停用",
            "创建时间": human_time(u["created_at"]),
        }
        for u in store.users()
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def show_notice(key: str) -> None:
    """The message a form's callback left under `key`, shown once, right below that form."""
    notice = st.session_state.pop(key, None)
    if notice is not None:
        kind, text = notice
        (st.success if kind == "success" else st.error)(text)


def acting_admin() -> User | None:
    """The logged-in admin as the Store has them now, else None.

    A callback runs before app.py re-reads the login session, so it checks again itself: an admin
    deactivated or demoted in another tab gets no further change through."""
    user = refresh_user(app_context())
    return user if user is not None and can(user.role, Role.ADMIN) else None


def create_submitted() -> None:
    """Callback of 创建: create the account and empty the form, or keep the form and say why."""
    if acting_admin() is None:
        return  # the page run that follows shows the refusal
    state = st.session_state
    try:
        user = create_user_in_group(
            app_context().store,
            state.get(NEW_USERNAME, ""),
            state.get(NEW_PASSWORD, ""),
            state.get(NEW_ROLE, Role.TRAINEE),
            state.get(NEW_NAME, ""),
            state.get(NEW_GROUP, ""),
        )
    except AuthError as exc:
        state[NEW_USER_NOTICE] = ("error", str(exc))
        return
    for key in (NEW_USERNAME, NEW_NAME, NEW_PASSWORD, NEW_GROUP, NEW_ROLE):
        state.pop(key, None)
    state[NEW_USER_NOTICE] = ("success", f"已创建{ROLE_LABELS[user.role]}账号「{user.username}」。")


def new_user_form() -> None:
    """Create an account; the labels quote the rules the checks enforce (accounts/rules.py)."""
    st.subheader("新建用户")
    with st.form("new-user"):
        st.text_input(f"用户名（{USERNAME_RULE}）", max_chars=64, key=NEW_USERNAME)
        st.text_input(f"姓名（{NAME_RULE}）", max_chars=MAX_NAME, key=NEW_NAME)
        st.text_input(
            f"初始密码（{PASSWORD_RULE}）", type="password", max_chars=MAX_PASSWORD, key=NEW_PASSWORD
        )
        st.text_input(f"班组（{GROUP_RULE}）", max_chars=MAX_GROUP, key=NEW_GROUP)
        selectbox("角色", list(Role), format_func=lambda r: ROLE_LABELS[r], key=NEW_ROLE)
        st.form_submit_button("创建", type="primary", on_click=create_submitted)
    show_notice(NEW_USER_NOTICE)


def edit_keys(user_id: int) -> tuple[str, str, str]:
    """Session-state keys of the edit form's role, 班组 and active-flag widgets for one user."""
    return f"edit-role-{user_id}", f"edit-group-{user_id}", f"edit-active-{user_id}"


def edit_submitted(user_id: int) -> None:
    """Callback of 保存修改: save the role, 班组 and active flag, or keep the form and say why."""
    admin = acting_admin()
    if admin is None:
        return
    state, store = st.session_state, app_context().store
    role_key, group_key, active_key = edit_keys(user_id)
    try:
        update_user_and_group(store, admin, user_id, state[role_key], state[active_key], state[group_key])
    except AuthError as exc:
        state[EDIT_USER_NOTICE] = ("error", str(exc))
        return
    for key in edit_keys(user_id):  # the form reopens on the values as saved (a 班组 trimmed…)
        state.pop(key, None)
    row = store.user_by_id(user_id) or {}
    state[EDIT_USER_NOTICE] = ("success", f"已保存「{row.get('username', '')}」的修改。")


def edit_user_form(store: Store) -> None:
    """Change a role, the 班组 or the active flag; a deactivated user is logged out on their next action.

    The user is picked outside the form, so the form opens on that user's current values (a fixed
    default would quietly demote whoever was picked)."""
    st.subheader("修改角色、班组或停用账号")
    users = {u["id"]: u for u in store.users()}
    user_id = selectbox(
        "用户",
        list(users),
        format_func=lambda i: f"{users[i]['username']}（{users[i]['display_name']}）",
        key=EDIT_USER_PICK,
    )
    chosen, roles = users[user_id], list(Role)
    role_key, group_key, active_key = edit_keys(user_id)
    with st.form(f"edit-user-{user_id}"):
        selectbox(
            "角色",
            roles,
            index=roles.index(Role(chosen["role"])),
            format_func=lambda r: ROLE_LABELS[r],
            key=role_key,
        )
        st.text_input(
            f"班组（{GROUP_RULE}）", value=chosen.get("group_name") or "", max_chars=MAX_GROUP, key=group_key
        )
        st.checkbox(
            "账号在用（取消勾选即停用，对方会立即退出登录）", value=bool(chosen["active"]), key=active_key
        )
        st.form_submit_button("保存修改", on_click=edit_submitted, args=(user_id,))
    show_notice(EDIT_USER_NOTICE)


def main() -> None:
    """The page: the forms first (their callbacks already ran), then the table as it is now."""
    require(Role.ADMIN)
    store = app_context().store
    st.title("用户管理")
    new_user_form()
    edit_user_form(store)
    reset_password_form(store)
    group_trainer_form(store)
    st.subheader("全部账号")
    user_table(store)


main()
