"""What every page needs: the app context app.py set up, the logged-in user, and role checks.

Role checks run in each page's own code (`require`), so typing a page's URL does not bypass them.
The user is re-read from the Store's login session on every run (app.py `refresh_user`), so a
deactivated, demoted or logged-out user loses access on their very next action.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from accounts import ROLE_LABELS, Role, User, can
from accounts.sessions import session_user
from llm import LLMConfig
from llm.transcribe import TranscriptionConfig
from simulator.speech import CustomerSpeech
from store import Store

TOKEN_KEY, USER_KEY = "auth_token", "user"
# The call a page opens: the report shown (报告), and the search hit it opens at (我的记录 → 报告).
REPORT_CALL_KEY, SEARCH_HIT_KEY = "report_call_id", "search_hit"


@dataclass(frozen=True)
class AppContext:
    """Configuration read once by app.py and handed to the pages."""

    store: Store
    llm_config: LLMConfig | None
    demo: bool
    idle_hours: float = 8.0
    behind_proxy: bool = False
    # Signs the login cookie (accounts/cookies.py); empty outside a configured app (no cookie).
    cookie_secret: bytes = b""
    remember_days: float = 14.0
    speech: CustomerSpeech | None = None  # the customer's voice (None: text only)
    transcription: TranscriptionConfig | None = None  # answering by voice (None: no microphone)

    def engine_label(self) -> str:
        """The engine in use, said plainly (never the endpoint: that is for the settings page)."""
        if self.llm_config is None:
            return "离线引擎（无需密钥、无需联网）"
        return f"大模型（{self.llm_config.model}）"


def app_context() -> AppContext:
    """The context app.py put in the session."""
    return st.session_state["app"]


def refresh_user(context: AppContext) -> User | None:
    """Who this browser session belongs to now, read from the Store (called once per run by app.py)."""
    token = st.session_state.get(TOKEN_KEY)
    user = session_user(context.store, token, context.idle_hours)
    if user is None:
        st.session_state.pop(USER_KEY, None)
        if token:  # ended elsewhere (logout in another tab, deactivation, idle timeout)
            st.session_state.pop(TOKEN_KEY, None)
            st.session_state["logged_out_notice"] = "你已退出登录或登录已过期，请重新登录。"
        return None
    st.session_state[USER_KEY] = user
    return user


def current_user() -> User | None:
    """The logged-in user of this run, if any."""
    return st.session_state.get(USER_KEY)


def require(role: Role) -> User:
    """The logged-in user if allowed; otherwise a refusal and the page stops."""
    user = current_user()
    if user is None:
        st.error("请先登录。")
        st.stop()
    if not can(user.role, role):
        st.error(f"无权访问：此页面仅限{ROLE_LABELS[role]}及以上角色使用。")
        st.stop()
    return user


def client_id(context: AppContext) -> str:
    """Where this browser connects from, for per-client login limits.

    Behind our documented reverse proxy every client has the proxy's address, so the proxy's
    X-Real-IP is used instead — only then: a client could forge that header otherwise."""
    address = st.context.headers.get("X-Real-Ip") if context.behind_proxy else st.context.ip_address
    # Outside a real server (AppTest) there is no address: every such client is one client.
    return address[:64] if isinstance(address, str) and address else "unknown"
