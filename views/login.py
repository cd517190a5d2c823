"""登录: username and password; on a fresh install with no users, create the first admin."""

from __future__ import annotations

import streamlit as st

from accounts import AuthError, Role, authenticate, create_user
from accounts.service import DEMO_ACCOUNTS
from views.context import app_context


def login_form() -> None:
    """The login form; a wrong password is counted towards the rate limit."""
    with st.form("login"):
        username = st.text_input("用户名")
        password = st.text_input("密码", type="password")
        submitted = st.form_submit_button("登录", type="primary")
    if submitted:
        try:
            st.session_state["user"] = authenticate(app_context().store, username, password)
        except AuthError as exc:
            st.error(str(exc))
            return
        st.rerun()


def first_admin_form() -> None:
    """No users yet (and not in demo mode): create the first administrator."""
    st.info("这是一个全新的安装，还没有任何账号。请先创建管理员账号。")
    with st.form("first-admin"):
        username = st.text_input("管理员用户名")
        password = st.text_input("密码（至少 8 位）", type="password")
        submitted = st.form_submit_button("创建管理员", type="primary")
    if submitted:
        try:
            st.session_state["user"] = create_user(
                app_context().store, username, password, Role.ADMIN, "管理员"
            )
        except AuthError as exc:
            st.error(str(exc))
            return
        st.rerun()


def main() -> None:
    """The page."""
    st.title("客诉陪练 · 登录")
    st.caption("呼叫中心客户投诉处理陪练：和模拟客户通话，逐句评分，通话后看培训师式的案例精评。")
    context = app_context()
    if not context.store.users():
        first_admin_form()
        return
    login_form()
    if context.demo:
        rows = "\n".join(
            f"| {name} | `{username}` | `{password}` |" for username, password, _, name in DEMO_ACCOUNTS
        )
        st.markdown("**演示账号**\n\n| 身份 | 用户名 | 密码 |\n|---|---|---|\n" + rows)


if __name__ == "__main__":  # run as a page; app.py also imports `main` for deep links
    main()
