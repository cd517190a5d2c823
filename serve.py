"""The server entry point (`streamlit run serve.py`, as `make run` does): the app in app.py plus
the login-cookie routes (web/routes.py) that keep a login across reloads.

Streamlit finds the module-level `app` and serves it through its Starlette server; the pages
themselves are still app.py, which AppTest and `streamlit run app.py` can run alone (without
the cookie routes a login then lasts as long as the browser tab).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from web.routes import cookie_routes

app = st.App(Path(__file__).resolve().parent / "app.py", routes=cookie_routes())
