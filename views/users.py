"""用户管理 (admins): list accounts and create new ones."""

from __future__ import annotations

import streamlit as st

from accounts import ROLE_LABELS, AuthError, Role, create_user
from views.context import app_context, require


def main() -> None:
    """The page."""
    require(Role.ADMIN)
    store = app_context().store
    st.title("用户管理")
    rows = [
        {
            "用户名": u["username"],
            "姓名": u["display_name"],
            "角色": ROLE_LABELS[Role(u["role"])],
            "创建时间": u["created_at"][:16],
        }
        for u in store.users()
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    st.subheader("新建用户")
    with st.form("new-user", clear_on_submit=True):
        username = st.text_input("用户名（字母、数字、下划线）")
        display_name = st.text_input("姓名")
        password = st.text_input("初始密码（至少 8 位）", type="password")
        role = st.selectbox("角色", list(Role), format_func=lambda r: ROLE_LABELS[r])
        submitted = st.form_submit_button("创建", type="primary")
    if submitted:
        try:
            user = create_user(store, username, password, role, display_name)
        except AuthError as exc:
            st.error(str(exc))
        else:
            st.success(f"已创建{ROLE_LABELS[user.role]}账号「{user.username}」。")


main()
