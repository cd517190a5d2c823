"""客诉陪练 — the Streamlit entry point: configure the page and route; no domain logic here."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

VIEWS = Path(__file__).resolve().parent / "views"


def build_navigation() -> st.Page:
    """The pages, grouped by what a user comes to do."""
    pages = {
        "内容": [
            st.Page(VIEWS / "case_library.py", title="案例库", icon="📚", default=True),
            st.Page(VIEWS / "persona_gallery.py", title="客户性格", icon="🎭"),
        ],
    }
    return st.navigation(pages)


def main() -> None:
    """Configure, show the engine in use, and run the chosen page."""
    st.set_page_config(page_title="客诉陪练", page_icon="🎧", layout="wide")
    st.sidebar.markdown("### 🎧 客诉陪练")
    st.sidebar.caption("当前引擎：离线引擎（无需密钥、无需联网）")
    build_navigation().run()


main()
