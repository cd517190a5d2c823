"""客诉陪练 — the Streamlit entry point: read configuration, gate on login, route by role.

No domain logic here: pages live in views/ and call package functions.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from accounts import ROLE_LABELS, Role, can, seed_demo_accounts
from accounts.cookies import DEFAULT_REMEMBER_DAYS, cookie_secret
from accounts.sessions import DEFAULT_IDLE_HOURS, log_out_everywhere
from llm import load_llm_config, read_setting
from llm.transcribe import load_transcription_config
from scoring.report import md_escape
from simulator.audio_cache import AudioCache
from simulator.speech import TTS_MODES, CustomerSpeech, customer_speech
from store import Store
from views.context import AppContext, current_user, refresh_user
from views.errors import run_guarded
from views.login import main as login_view
from views.remember import forget_login, restore_login, send_cookie_requests
from views.widgets import hide_english_chrome

ROOT = Path(__file__).resolve().parent
VIEWS = ROOT / "views"
LOG = logging.getLogger("coach")


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> Store:
    """One Store per database file per process (it hands each thread its own connection)."""
    return Store(Path(path))


def load_context() -> AppContext:
    """Configuration: the app's `.streamlit/secrets.toml` (or COACH_SECRETS), then the environment;
    offline when no key is set."""
    data_dir = Path(read_setting("COACH_DATA_DIR") or ROOT / "data")
    store = open_store(str(data_dir / "coach.db"))
    demo = read_setting("COACH_DEMO") == "1"
    llm_config = load_llm_config()
    if demo:
        seed_demo_accounts(store)
    return AppContext(
        store=store,
        cookie_secret=cookie_secret(data_dir),
        remember_days=positive_number(read_setting("COACH_REMEMBER_DAYS"), DEFAULT_REMEMBER_DAYS),
        llm_config=llm_config,
        demo=demo,
        idle_hours=positive_number(read_setting("COACH_IDLE_HOURS"), DEFAULT_IDLE_HOURS),
        behind_proxy=read_setting("COACH_BEHIND_PROXY") == "1",
        speech=open_speech(str(data_dir / "audio"), read_setting("COACH_TTS", "auto")),
        transcription=load_transcription_config(llm_config),
    )


@st.cache_resource(show_spinner=False)
def open_speech(folder: str, mode: str) -> CustomerSpeech:
    """One customer voice per process (its memory of a synthesizer that just failed is shared).
    A COACH_TTS value that is not auto/offline/off is logged and treated as auto."""
    if mode not in TTS_MODES:
        LOG.warning("COACH_TTS=%r is not one of %s: using auto", mode, "/".join(TTS_MODES))
        mode = "auto"
    return customer_speech(mode, AudioCache(Path(folder)))


def positive_number(text: str, default: float) -> float:
    """A setting such as COACH_IDLE_HOURS as a positive number (a bad or missing value keeps the default)."""
    try:
        number = float(text)
    except ValueError:
        return default
    return number if number > 0 else default


# (section, page file, title, icon, lowest role that may open it) — the one list of pages.
PAGES = (
    ("练习", "practice.py", "练习", "🎧", Role.TRAINEE),
    ("练习", "report.py", "报告", "📝", Role.TRAINEE),
    ("练习", "history.py", "我的记录", "📈", Role.TRAINEE),
    ("练习", "exam.py", "考试", "🎓", Role.TRAINEE),
    ("内容", "case_library.py", "案例库", "📚", Role.TRAINEE),
    ("内容", "persona_gallery.py", "客户性格", "🎭", Role.TRAINEE),
    ("培训", "dashboard.py", "看板", "📊", Role.TRAINER),
    ("培训", "tasks.py", "练习任务", "📋", Role.TRAINER),
    ("培训", "studio.py", "场景工坊", "🛠️", Role.TRAINER),
    ("培训", "persona_tuning.py", "性格调校", "🎚️", Role.TRAINER),
    ("培训", "review.py", "通话审阅", "🔍", Role.TRAINER),
    ("培训", "exam_admin.py", "考试管理", "🗂️", Role.TRAINER),
    ("管理", "users.py", "用户管理", "👥", Role.ADMIN),
    ("管理", "settings.py", "设置", "⚙️", Role.ADMIN),
    ("账号", "account.py", "修改密码", "🔑", Role.TRAINEE),
)


def pages_for(role: str) -> dict[str, list[st.Page]]:
    """The navigation a role sees. Pages above the role are registered hidden: a typed or
    bookmarked URL then reaches the page itself, whose own role check shows the refusal
    (instead of Streamlit's English "Page not found")."""
    pages: dict[str, list[st.Page]] = {}
    for index, (section, file, title, icon, needed) in enumerate(PAGES):
        allowed = can(role, needed)
        page = st.Page(
            VIEWS / file,
            title=title,
            icon=icon,
            default=index == 0,
            visibility="visible" if allowed else "hidden",
        )
        # A hidden page goes under the first section: no menu entry, no empty section header.
        pages.setdefault(section if allowed else PAGES[0][0], []).append(page)
    return pages


def login_pages() -> list[st.Page]:
    """Logged out: the login page, also under every page's URL (hidden), so a bookmarked or
    typed link shows the login form and, once logged in, that very page (or its refusal)."""
    aliases = [
        st.Page(login_view, title="登录", icon="🔐", url_path=Path(file).stem, visibility="hidden")
        for _, file, _, _, _ in PAGES[1:]  # the first page is the default: its URL is the root
    ]
    return [st.Page(VIEWS / "login.py", title="登录", icon="🔐", default=True), *aliases]


def sidebar(context: AppContext) -> None:
    """Who is logged in (as plain text), the engine in use, and logging out of every tab."""
    st.sidebar.markdown("### 🎧 客诉陪练")
    user = current_user()
    if user is not None:
        st.sidebar.caption(f"{md_escape(user.display_name)} · {ROLE_LABELS[user.role]}")
        if st.sidebar.button("退出登录", key="logout"):
            log_out_everywhere(context.store, user.id)
            st.session_state.clear()
            forget_login()
            st.rerun()
    st.sidebar.caption(f"当前引擎：{context.engine_label()}")


def route(context: AppContext) -> None:
    """Read who is logged in from the Store, draw the sidebar, run the page."""
    restore_login(context)
    user = refresh_user(context)
    sidebar(context)
    send_cookie_requests()
    if user is None:
        st.navigation(login_pages()).run()
        return
    st.navigation(pages_for(user.role), expanded=True).run()  # all pages: no English "View more"


def main() -> None:
    """Configure, authenticate, route — every error as a short message (views/errors.py)."""
    st.set_page_config(page_title="客诉陪练", page_icon="🎧", layout="wide")
    hide_english_chrome()
    run_guarded(lambda: route(session_context()))


def session_context() -> AppContext:
    """This browser session's context, read on its first run."""
    if "app" not in st.session_state:
        st.session_state["app"] = load_context()
    return st.session_state["app"]


if __name__ == "__main__":  # `streamlit run` and AppTest run this file as __main__
    main()
