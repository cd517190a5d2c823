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
from views.login import main as login_view

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
    """The navigation a role sees. Pages above the role are registered hidden: a typed or
    bookmarked URL then reaches the page itself, whose own role check shows the refusal
    (instead of Streamlit's English "Page not found")."""
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
    restricted = {
        "培训": (Role.TRAINER, [("review.py", "通话审阅", "🔍")]),
        "管理": (Role.ADMIN, [("users.py", "用户管理", "👥"), ("settings.py", "设置", "⚙️")]),
    }
    for section, (needed, entries) in restricted.items():
        allowed = can(role, needed)
        listed = [
            st.Page(VIEWS / file, title=title, icon=icon, visibility="visible" if allowed else "hidden")
            for file, title, icon in entries
        ]
        if allowed:
            pages[section] = listed
        else:
            pages["内容"] += listed  # hidden: no menu entry, no section header
    return pages


PAGE_PATHS = ("report", "history", "case_library", "persona_gallery", "review", "users", "settings")


def login_pages() -> list[st.Page]:
    """Logged out: the login page, also under every page's URL (hidden), so a bookmarked or
    typed link shows the login form and, once logged in, that very page (or its refusal)."""
    aliases = [
        st.Page(login_view, title="登录", icon="🔐", url_path=path, visibility="hidden")
        for path in PAGE_PATHS
    ]
    return [st.Page(VIEWS / "login.py", title="登录", icon="🔐", default=True), *aliases]


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
        st.navigation(login_pages()).run()
        return
    st.navigation(pages_for(user.role)).run()


if __name__ == "__main__":  # `streamlit run` and AppTest run this file as __main__
    main()
