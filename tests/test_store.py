"""The Store: migrations on open, atomic writes, concurrent writers, soft rewinds, Chinese search."""

from __future__ import annotations

import threading

import pytest

from simulator import Call, OfflineEngine
from store import Store, StoreError
from tests.sim_helpers import EMPATHIC, PERSONAS, RINGBACK

THREADS, TURNS_EACH = 8, 12


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "coach.db")


def _stored_call(store: Store, user_id: int, seed: int = 1) -> Call:
    call, opening = Call.start(
        RINGBACK, PERSONAS.get("sanguine"), OfflineEngine(), seed=seed, recorder=store.record_turn
    )
    store.create_call(call.session, user_id)
    opening.text()
    return call


def test_migrations_apply_on_open_and_are_safe_to_repeat(tmp_path):
    first = Store(tmp_path / "coach.db")
    first.add_user("a", "hash", "trainee")
    second = Store(tmp_path / "coach.db")
    assert {"users", "calls", "turns", "grades", "reports"} <= set(second.db.table_names())
    assert second.user("a")["role"] == "trainee"
    assert second.db.journal_mode == "wal"


def test_a_failing_write_rolls_back_whole(store):
    with pytest.raises(RuntimeError), store.transaction() as db:
        db["users"].insert({"username": "ghost", "role": "trainee", "password_hash": "x"})
        raise RuntimeError("boom halfway")
    assert store.user("ghost") is None


def test_recording_a_turn_for_an_unknown_call_writes_nothing(store):
    _, opening = Call.start(
        RINGBACK, PERSONAS.get("sanguine"), OfflineEngine(), seed=1, recorder=store.record_turn
    )
    with pytest.raises(StoreError):
        opening.text()
    assert store.db["turns"].count == 0


def test_eight_concurrent_writers_lose_nothing(store):
    users = [store.add_user(f"user{i}", "hash", "trainee")["id"] for i in range(THREADS)]
    errors: list[BaseException] = []

    def trainee(user_id: int) -> None:
        try:
            call = _stored_call(store, user_id, seed=user_id)
            for n in range(TURNS_EACH):
                if call.session.state.ended:
                    break
                call.reply(EMPATHIC[n % len(EMPATHIC)]).text()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=trainee, args=(uid,)) for uid in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for call in store.calls():
        session = store.load_session(call["id"])
        assert [t.index for t in session.turns] == list(range(len(session.turns)))
        assert store.db["grades"].count_where("call_id = ?", [call["id"]]) == sum(
            t.role == "agent" for t in session.turns
        )
    assert len(store.calls()) == THREADS


def test_rewind_keeps_the_tries_but_leaves_them_out_of_the_call(store):
    user = store.add_user("xiaowang", "hash", "trainee")
    call = _stored_call(store, user["id"])
    for reply in EMPATHIC[:3]:
        call.reply(reply).text()
    call.rewind(2)
    store.rewind(call.session.id, len(call.session.turns))
    assert store.load_session(call.session.id) == call.session
    assert store.db["turns"].count_where("rewound = 1") == 4


def test_chinese_full_text_search_finds_words_in_own_transcripts_only(store):
    mine, other = store.add_user("mine", "h", "trainee"), store.add_user("other", "h", "trainee")
    for user in (mine, other):
        call = _stored_call(store, user["id"])
        call.reply("我理解您的心情，每月1号会返还5元话费。").text()
    hits = store.search_turns(mine["id"], "返还话费")
    assert hits and all("返还" in hit["text"] for hit in hits)
    assert {h["call_id"] for h in hits} == {c["id"] for c in store.calls(mine["id"])}
    assert store.search_turns(mine["id"], "") == []


def test_active_call_is_found_until_it_is_finished(store):
    user = store.add_user("xiaowang", "hash", "trainee")
    call = _stored_call(store, user["id"])
    assert store.active_call_id(user["id"]) == call.session.id
    report = call.end()
    store.finish_call(call.session.id, report, "md")
    assert store.active_call_id(user["id"]) is None
    assert store.report(call.session.id) == report and store.calls(user["id"])[0]["overall"] == report.overall


def test_duplicate_username_is_a_clear_error(store):
    store.add_user("xiaowang", "hash", "trainee")
    with pytest.raises(StoreError, match="已存在"):
        store.add_user("xiaowang", "hash", "trainee")


def test_a_sqlite_failure_inside_a_write_becomes_a_clear_store_error_and_rolls_back(store):
    with pytest.raises(StoreError, match="没有保存"), store.transaction() as db:
        db["users"].insert({"username": "ghost", "role": "trainee", "password_hash": "x"})
        db.execute("insert into no_such_table values (1)")
    assert store.user("ghost") is None
    store.add_user("after", "hash", "trainee")  # the connection is usable again


def test_live_threads_get_their_own_connection_and_a_finished_threads_is_reused(store):
    seen: dict[str, object] = {}
    both_running = threading.Barrier(2)

    def grab(name: str, wait: bool) -> None:
        seen[name] = store.db
        if wait:
            both_running.wait()

    first, second = (threading.Thread(target=grab, args=(n, True)) for n in ("a", "b"))
    first.start(), second.start()
    first.join(), second.join()
    assert seen["a"] is not seen["b"]  # never shared while both threads live
    later = threading.Thread(target=grab, args=("c", False))
    later.start()
    later.join()
    assert seen["c"] in (seen["a"], seen["b"])  # taken over, not opened anew
