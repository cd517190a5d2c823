"""Keeping a login across reloads: hand the signed cookie to the browser, read it back on reload.

After a login the page runs a small same-origin `fetch` that redeems a one-time code at the
cookie route (web/routes.py); the response sets the HttpOnly cookie. A reload, bookmark or
typed URL opens a new browser session whose first run finds the cookie in `st.context.cookies`
and, if its signature, expiry and server-side session all hold, is logged in again.
"""

from __future__ import annotations

import json
import time

import streamlit as st

from accounts.cookies import COOKIE_NAME, sign, verify
from accounts.handoff import HANDOFFS, CookieGrant
from views.context import TOKEN_KEY, AppContext
from web.routes import AUTH_HEADER, CLAIM_PATH, CLEAR_PATH

HANDOFF_KEY, CHECKED_KEY, FORGET_KEY = "cookie_handoff", "cookie_checked", "cookie_forget"


def remember_login(context: AppContext, token: str) -> None:
    """Queue the cookie for `token`; the next drawn page sends it to the browser."""
    max_age = int(context.remember_days * 24 * 3600)
    value = sign(context.cookie_secret, token, int(time.time()) + max_age)
    st.session_state[HANDOFF_KEY] = HANDOFFS.issue(CookieGrant(value, max_age))
    st.session_state[CHECKED_KEY] = True


def restore_login(context: AppContext) -> None:
    """On a browser session's first run, take the login from a valid cookie (if there is one)."""
    if st.session_state.get(CHECKED_KEY) or st.session_state.get(TOKEN_KEY):
        return
    st.session_state[CHECKED_KEY] = True
    token = verify(context.cookie_secret, _cookie())
    if token:
        st.session_state[TOKEN_KEY] = token


def forget_login() -> None:
    """After logout (which cleared the session state): drop the cookie, and do not read it again."""
    st.session_state[CHECKED_KEY] = True
    st.session_state[FORGET_KEY] = True


def send_cookie_requests() -> None:
    """Run the pending cookie request of this session, if any, as an invisible script."""
    code = st.session_state.get(HANDOFF_KEY)
    if code and HANDOFFS.pending(code):
        _run_fetch(CLAIM_PATH, {"code": code})
    elif code:
        st.session_state.pop(HANDOFF_KEY, None)
    if st.session_state.pop(FORGET_KEY, False):
        _run_fetch(CLEAR_PATH, {})


def _cookie() -> str | None:
    try:
        return st.context.cookies.get(COOKIE_NAME)
    except (AttributeError, RuntimeError):  # outside a browser session (AppTest, bare mode)
        return None


def _run_fetch(path: str, body: dict[str, str]) -> None:
    """A same-origin POST from the page; its response, not this script, sets or clears the cookie."""
    request = {
        "method": "POST",
        "credentials": "same-origin",
        "headers": {"Content-Type": "application/json", AUTH_HEADER: "1"},
        "body": json.dumps(body),
    }
    script = f"<script>fetch({json.dumps(path)}, {json.dumps(request)}).catch(() => {{}});</script>"
    st.sidebar.html(script, unsafe_allow_javascript=True)
