"""修改密码: every user changes their own password; their other login sessions end."""

from __future__ import annotations

import streamlit as st

from accounts import AuthError, Role, change_password
from accounts.rules import MAX_PASSWORD, PASSWORD_RULE
from accounts.sessions import token_hash
from views.context import TOKEN_KEY, app_context, require


def main() -> None:
    """The page."""
    user = require(Role.TRAINEE)
    st.title("修改密码")
    st.caption(f"新密码{PASSWORD_RULE}。修改后，你在其他窗口和设备上的登录会退出。")
    with st.form("change-password", clear_on_submit=True):
        old = st.text_input("原密码", type="password", max_chars=MAX_PASSWORD)
        new = st.text_input("新密码", type="password", max_chars=MAX_PASSWORD)
        again = st.text_input("再输入一次新密码", type="password", max_chars=MAX_PASSWORD)
        submitted = st.form_submit_button("修改密码", type="primary")
    if not submitted:
        return
    if new != again:
        st.error("两次输入的新密码不一致，请重新输入。")
        return
    token = st.session_state.get(TOKEN_KEY)
    try:
        change_password(app_context().store, user, old, new, token_hash(token) if token else None)
    except AuthError as exc:
        st.error(str(exc))
        return
    st.success("密码已修改。")


main()
