"""客诉陪练 — the Streamlit entry point: read configuration, gate on login, route by role.

No domain logic here: pages live in views/ and call package functions.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from accounts import ROLE_LABELS, Role, can, seed_demo_accounts
from llm import load_llm_config, read_setting
from store import Store
from views.context import AppContext, current_user

ROOT = Path(__file__).resolve().parent
VIEWS = ROOT / "views"


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> Store:
    """One Store per database file per process (it hands each thread its own connection)."""
    return Store(Path(path))


def load_context() -> AppContext:
    """Configuration: `.streamlit/secrets.toml`, then the environment; offline when no key is set."""
    data_dir = Path(read_setting("COACH_DATA_DIR") or ROOT / "data")
    store = open_store(str(data_dir / "coach.db"))
    demo = read_setting("COACH_DEMO") == "1"
    if demo:
        seed_demo_accounts(store)
    return AppContext(store=store, llm_config=load_llm_config(), demo=demo)


def pages_for(role: str) -> dict[str, list[st.Page]]:
    """The navigation a role sees (each page still checks the role itself)."""
    pages = {
        "练习": [
            st.Page(VIEWS / "practice.py", title="练习", icon="🎧", default=True),
            st.Page(VIEWS / "report.py", title="报告", icon="📝"),
            st.Page(VIEWS / "history.py", title="我的记录", icon="📈"),
        ],
        "内容": [
            st.Page(VIEWS / "case_library.py", title="案例库", icon="📚"),
            st.Page(VIEWS / "persona_gallery.py", title="客户性格", icon="🎭"),
        ],
    }
    if can(role, Role.TRAINER):
        pages["培训"] = [st.Page(VIEWS / "review.py", title="通话审阅", icon="🔍")]
    if can(role, Role.ADMIN):
        pages["管理"] = [
            st.Page(VIEWS / "users.py", title="用户管理", icon="👥"),
            st.Page(VIEWS / "settings.py", title="设置", icon="⚙️"),
        ]
    return pages


def sidebar(context: AppContext) -> None:
    """Who is logged in, the engine in use, and logging out."""
    st.sidebar.markdown("### 🎧 客诉陪练")
    user = current_user()
    if user is not None:
        st.sidebar.caption(f"{user.display_name} · {ROLE_LABELS[user.role]}")
        if st.sidebar.button("退出登录", key="logout"):
            st.session_state.clear()
            st.rerun()
    st.sidebar.caption(f"当前引擎：{context.engine_label()}")


def main() -> None:
    """Configure, authenticate, route."""
    st.set_page_config(page_title="客诉陪练", page_icon="🎧", layout="wide")
    if "app" not in st.session_state:
        st.session_state["app"] = load_context()
    sidebar(st.session_state["app"])
    user = current_user()
    if user is None:
        st.navigation([st.Page(VIEWS / "login.py", title="登录", icon="🔐")]).run()
        return
    st.navigation(pages_for(user.role)).run()


main()
