"""What every page needs: the app context app.py set up, the logged-in user, and role checks.

Role checks run in each page's own code (`require`), so typing a page's URL does not bypass them.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from accounts import ROLE_LABELS, Role, can
from accounts.service import User
from llm import LLMConfig
from store import Store


@dataclass(frozen=True)
class AppContext:
    """Configuration read once by app.py and handed to the pages."""

    store: Store
    llm_config: LLMConfig | None
    demo: bool

    def engine_label(self) -> str:
        """The engine in use, said plainly."""
        if self.llm_config is None:
            return "离线引擎（无需密钥、无需联网）"
        return f"大模型：{self.llm_config.describe()}"


def app_context() -> AppContext:
    """The context app.py put in the session."""
    return st.session_state["app"]


def current_user() -> User | None:
    """The logged-in user, if any."""
    return st.session_state.get("user")


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
