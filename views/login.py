"""登录: username and password; on a fresh install with no users, create the first admin."""

from __future__ import annotations

import streamlit as st

from accounts import AuthError, authenticate, create_first_admin
from accounts.rules import MAX_PASSWORD, PASSWORD_RULE, USERNAME_RULE
from accounts.service import DEMO_ACCOUNTS
from accounts.sessions import open_session
from accounts.user import User
from views.context import TOKEN_KEY, app_context, client_id
from views.remember import remember_login

LOGIN_ERROR_KEY = "login_error"


def start_session(user: User) -> None:
    """Log this browser session in: a server-side login session, its token kept here and,
    signed, in a cookie that outlives a reload (views/remember.py)."""
    context = app_context()
    token = open_session(context.store, user)
    st.session_state[TOKEN_KEY] = token
    st.session_state.pop("logged_out_notice", None)
    remember_login(context, token)


def login_form() -> None:
    """The login form; each attempt counts towards this client's limit before it is checked.

    The check runs in the submit button's callback, before app.py routes: a successful login
    draws the user's first page in this same run (no second run for a whole class logging in)."""
    with st.form("login"):
        st.text_input("用户名", max_chars=64, key="login_username")
        st.text_input("密码", type="password", max_chars=MAX_PASSWORD, key="login_password")
        st.form_submit_button("登录", type="primary", on_click=log_in_submitted)
    error = st.session_state.pop(LOGIN_ERROR_KEY, None)
    if error:
        st.error(error)


def log_in_submitted() -> None:
    """Callback of 登录: authenticate and open the login session, or keep the refusal to show."""
    context = app_context()
    username = st.session_state.get("login_username", "")
    password = st.session_state.get("login_password", "")
    try:
        user = authenticate(context.store, username, password, client=client_id(context))
    except AuthError as exc:
        st.session_state[LOGIN_ERROR_KEY] = str(exc)
        return
    st.session_state.pop("login_password", None)
    start_session(user)


def first_admin_form() -> None:
    """No users yet (and not in demo mode): create the first administrator (only one, ever)."""
    st.info("这是一个全新的安装，还没有任何账号。请先创建管理员账号。")
    with st.form("first-admin"):
        username = st.text_input(f"管理员用户名（{USERNAME_RULE}）", max_chars=64)
        password = st.text_input(f"密码（{PASSWORD_RULE}）", type="password", max_chars=MAX_PASSWORD)
        submitted = st.form_submit_button("创建管理员", type="primary")
    if submitted:
        try:
            user = create_first_admin(app_context().store, username, password)
        except AuthError as exc:
            st.error(str(exc))
            return
        start_session(user)
        st.rerun()


def main() -> None:
    """The page."""
    st.title("客诉陪练 · 登录")
    st.caption("呼叫中心客户投诉处理陪练：和模拟客户通话，逐句评分，通话后看培训师式的案例精评。")
    notice = st.session_state.get("logged_out_notice")
    if notice:
        st.info(notice)
    context = app_context()
    if not context.store.has_users():
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
