"""The shipped Streamlit configuration keeps the server fast and tracebacks off the page."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_full_garbage_collection_after_every_run_is_off():
    assert CONFIG["runner"]["postScriptGC"] is False


def test_users_never_see_error_details():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_a_client_cannot_send_more_than_a_megabyte_per_rerun():
    assert CONFIG["server"]["maxWidgetStateSize"] == 1


def test_the_server_listens_on_loopback_and_sends_no_usage_statistics():
    assert CONFIG["server"]["address"] == "127.0.0.1" and CONFIG["browser"]["gatherUsageStats"] is False


def test_one_run_per_session_at_a_time_and_no_source_watcher():
    assert CONFIG["runner"]["fastReruns"] is False
    assert CONFIG["server"]["fileWatcherType"] == "none"
