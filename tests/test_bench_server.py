"""The server benchmark drives the real Streamlit server over its websocket, and counts lost and
duplicated turns against the database (timings are printed, never asserted)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from bench.server_load import LoadOptions, ramp_levels, run_level, stored_turns, turn_discrepancies
from bench.server_proc import nginx_config

FIGURE_KEYS = {
    "trainees", "logged_in", "turns", "answered", "turn_ms_p50", "turn_ms_p95", "turn_ms_p99",
    "login_ms_p50", "login_ms_p95", "turns_per_s", "server_cpu_s", "server_rss_peak_mb",
    "errors", "lost_turns", "duplicated_turns",
}  # fmt: skip


def test_tiny_load_on_the_real_server_logs_everyone_in_and_loses_no_turn():
    figures = run_level(LoadOptions(3, replies=2, think_s=(0.0, 0.0), arrival_s=0.2))
    assert set(figures) >= FIGURE_KEYS
    assert figures["errors"] == 0, figures["first_errors"]
    assert figures["logged_in"] == 3
    assert figures["turns"] == 6 and figures["answered"] == 6  # every reply got the customer's answer
    assert figures["lost_turns"] == 0 and figures["duplicated_turns"] == 0
    assert figures["server_cpu_s"] > 0 and figures["server_rss_peak_mb"] > 0


def plain_turns_db(path: Path, turns_per_call: int) -> None:
    """A database shaped like the app's (users, calls, turns) but with no unique index on turns."""
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(
            "create table users (id integer primary key, username text);"
            "create table calls (id text primary key, user_id integer);"
            "create table turns (id integer primary key, call_id text, idx integer, rewound integer);"
        )
        for user_id, name in ((1, "trainee0000"), (2, "trainee0001")):
            conn.execute("insert into users values (?, ?)", [user_id, name])
            conn.execute("insert into calls values (?, ?)", [f"call-{user_id}", user_id])
            for idx in range(turns_per_call):
                conn.execute(
                    "insert into turns (call_id, idx, rewound) values (?, ?, 0)", [f"call-{user_id}", idx]
                )
        conn.commit()


def test_lost_and_duplicated_turns_are_counted_call_by_call(tmp_path):
    db = tmp_path / "turns.db"
    plain_turns_db(db, turns_per_call=5)
    shown = {"trainee0000": 5, "trainee0001": 5}
    assert turn_discrepancies(shown, stored_turns(db)) == (0, 0)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("delete from turns where call_id = 'call-1' and idx = 3")
        conn.execute("insert into turns (call_id, idx, rewound) values ('call-2', 2, 0)")  # a duplicate row
        conn.execute("update turns set rewound = 1 where call_id = 'call-2' and idx = 4")  # rewound: not held
        conn.commit()
    assert turn_discrepancies(shown, stored_turns(db)) == (2, 1)


def test_rows_beyond_what_the_trainee_saw_count_as_duplicated():
    stored = {"trainee0000": {"call-1": [0, 1, 2, 3]}, "trainee0001": {"call-2": [0, 0, 1]}}
    assert turn_discrepancies({"trainee0000": 3, "trainee0001": 2}, stored) == (0, 2)
    assert turn_discrepancies({"trainee0000": 5, "trainee0001": 2}, stored) == (1, 1)


def test_ramp_levels_end_at_the_cap():
    assert ramp_levels(200) == [10, 25, 50, 100, 200]
    assert ramp_levels(60) == [10, 25, 50, 60]
    assert ramp_levels(3) == [3]
    assert ramp_levels(800) == [10, 25, 50, 100, 200, 400, 800]


def test_nginx_config_is_sticky_on_a_cookie_and_passes_websockets(tmp_path):
    config = nginx_config(tmp_path, 8080, ["http://127.0.0.1:9001", "http://127.0.0.1:9002"])
    assert "hash $coach_backend consistent;" in config and "ip_hash" not in config
    assert "listen 127.0.0.1:8080;" in config and "server 127.0.0.1:9002;" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    assert "daemon off;" in config and f"pid {tmp_path}/nginx.pid;" in config
