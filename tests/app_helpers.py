"""Driving the Streamlit app with AppTest: a fresh data dir, demo accounts, logging in, clicking."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def new_app(monkeypatch, data_dir: Path, demo: bool = True, env: dict[str, str] | None = None) -> AppTest:
    """A freshly started app (new process state) over `data_dir`; the customer's voice is the
    offline one (edge-tts would reach for the network) unless `env` says otherwise."""
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COACH_DEMO", "1" if demo else "0")
    monkeypatch.setenv("COACH_TTS", "offline")
    for key in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "COACH_MODEL",
        "COACH_STT_API_KEY",
        "COACH_STT_BASE_URL",
    ):
        monkeypatch.delenv(key, raising=False)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=60).run()


def log_in(app: AppTest, username: str, password: str) -> AppTest:
    """Fill the login form and submit it."""
    app.text_input[0].input(username)
    app.text_input[1].input(password)
    return button(app, "登录").click().run()


def button(app: AppTest, label: str):
    """The button with this label."""
    return next(b for b in app.button if b.label == label)


def selectbox(app: AppTest, label: str):
    """The selectbox with this label."""
    return next(s for s in app.selectbox if s.label == label)


def all_text(app: AppTest) -> str:
    """Everything the page shows as markdown, captions, errors and infos."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [e.value for e in app.error] + [i.value for i in app.info] + [w.value for w in app.warning]
    return "\n".join(parts)


def start_call(
    app: AppTest, case_id: str = "telecom-ringback-consent", persona_id: str = "sanguine"
) -> AppTest:
    """Pick a case and persona on the practice page and start the call."""
    selectbox(app, "案例").set_value(case_id)
    selectbox(app, "客户性格").set_value(persona_id).run()
    return button(app, "开始通话").click().run()


def say(app: AppTest, text: str) -> AppTest:
    """Send one reply in the call."""
    return app.chat_input[0].set_value(text).run()
