"""One writer per call: two tabs, double submits and reopened calls never store a turn twice."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from practice import PracticeCall, ReplyRejected, finish, resume, start
from store import CallConflict, Store
from tests.sim_helpers import EMPATHIC, LIBRARY, PERSONAS, RINGBACK


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "coach.db")


def _practice(store: Store) -> PracticeCall:
    user_id = store.add_user("xiaowang", "hash", "trainee")["id"]
    return start(store, user_id, RINGBACK, PERSONAS.get("sanguine"), None, seed=3)


def _tab(store: Store, call_id: str) -> PracticeCall:
    """A second browser tab: the same call, rebuilt from the Store."""
    return resume(store, call_id, LIBRARY, PERSONAS, None, voice_owed=False)


def _live_indexes(store: Store, call_id: str) -> list[int]:
    rows = store.db.execute("select idx from turns where call_id = ? and rewound = 0 order by idx", [call_id])
    return [row[0] for row in rows]


def test_two_tabs_replying_at_once_store_each_turn_exactly_once(store):
    first = _practice(store)
    tabs = [_tab(store, first.id) for _ in range(2)]
    seen = tabs[0].version
    outcomes: list[str] = []
    gate = threading.Barrier(2)

    def reply(tab: PracticeCall, text: str) -> None:
        gate.wait()
        try:
            tab.send(text, seen)
            "".join(tab.answer() or [])
            outcomes.append("sent")
        except CallConflict as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=reply, args=(tab, EMPATHIC[n])) for n, tab in enumerate(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("sent") == 1 and len(outcomes) == 2
    assert "另一个窗口" in next(o for o in outcomes if o != "sent")
    assert _live_indexes(store, first.id) == [0, 1, 2]


def test_a_reply_typed_on_a_stale_tab_is_refused_and_not_stored(store):
    here = _practice(store)
    stale = _tab(store, here.id)
    seen_by_stale = stale.version
    "".join(here.reply(EMPATHIC[0]))
    fresh = _tab(store, here.id)  # what the stale tab's callback rebuilds before sending
    with pytest.raises(CallConflict, match="另一个窗口"):
        fresh.send(EMPATHIC[1], seen_by_stale)
    assert _live_indexes(store, here.id) == [0, 1, 2]


def test_a_rewind_and_a_new_reply_elsewhere_still_refuse_the_stale_tab(store):
    here = _practice(store)
    "".join(here.reply(EMPATHIC[0]))
    stale = _tab(store, here.id)  # sees opening, reply 1, answer 1
    here.rewind(1)
    "".join(here.reply(EMPATHIC[1]))  # same turn count as the stale tab saw, different call
    with pytest.raises(CallConflict):
        stale.send(EMPATHIC[2])
    with pytest.raises(CallConflict):
        stale.rewind(1)
    with pytest.raises(CallConflict):
        finish(stale)
    texts = [t.text for t in store.load_session(here.id).turns if t.role == "agent"]
    assert texts == [EMPATHIC[1]]


def test_four_tabs_reopening_a_call_with_a_missing_answer_store_it_once(store):
    practice = _practice(store)
    practice.call.reply(EMPATHIC[0])  # the reply is stored, the server dies before the answer
    tabs: list[PracticeCall] = []
    gate = threading.Barrier(4)

    def reopen() -> None:
        gate.wait()
        tabs.append(resume(store, practice.id, LIBRARY, PERSONAS, None))

    threads = [threading.Thread(target=reopen) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _live_indexes(store, practice.id) == [0, 1, 2]
    assert all(len(tab.call.session.turns) == 3 for tab in tabs)


def test_the_database_itself_refuses_a_second_live_turn_at_one_index(store):
    practice = _practice(store)
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "insert into turns (call_id, idx, role, text, state_json, rewound) values (?, 0, 'customer', 'x', '{}', 0)",
            [practice.id],
        )


def test_ending_a_call_from_a_stale_tab_is_refused(store):
    here = _practice(store)
    stale = _tab(store, here.id)
    "".join(here.reply(EMPATHIC[0]))
    with pytest.raises(CallConflict):
        finish(stale)
    finish(_tab(store, here.id))
    with pytest.raises(CallConflict, match="已经结束"):
        finish(_tab(store, here.id))


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "好" * 1001])
def test_blank_and_overlong_replies_are_not_sent(store, text):
    practice = _practice(store)
    with pytest.raises(ReplyRejected, match=r"空白|1000"):
        practice.send(text)
    assert _live_indexes(store, practice.id) == [0]


def test_a_reply_of_exactly_the_limit_is_sent(store):
    practice = _practice(store)
    practice.send("好" * 1000)
    assert _live_indexes(store, practice.id) == [0, 1]


def test_duplicates_left_by_an_older_version_are_set_aside_by_the_migration(tmp_path):
    from sqlite_utils import Database

    from store.migrations import migrations

    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_hardening")
    db["users"].insert({"id": 1, "username": "u", "role": "trainee", "password_hash": "h"})
    db["calls"].insert({"id": "c1", "user_id": 1, "status": "active"})
    for text in ("first", "twin"):
        db["turns"].insert({"call_id": "c1", "idx": 0, "role": "customer", "text": text, "rewound": 0})
    db.conn.close()
    store = Store(path)
    rows = store.db.execute("select text, rewound from turns order by id").fetchall()
    assert rows == [("first", 0), ("twin", 1)]
