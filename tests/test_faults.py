"""Faults: the LLM endpoint misbehaves or vanishes, the database is locked, the server dies mid-turn.

Each test proves the call continues or resumes and every turn is stored exactly once.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from llm import LLMConfig
from llm.fake_server import Behaviour, FakeOpenAIServer
from llm.openai_adapter import OpenAIChatModel
from practice import AnswerPending, resume, start
from simulator import Call
from simulator.llm_engine import LLMEngine
from store import Store, StoreError
from tests.sim_helpers import EMPATHIC, LIBRARY, PERSONAS, RINGBACK

ANSWER = "我还是不太明白，你说清楚一点。"


def assert_stored_exactly_once(store: Store, call_id: str) -> None:
    """Turn indexes are 0..n-1 with no gaps or doubles, roles alternate, each agent turn has one grade."""
    rows = list(
        store.db.query(
            "select idx, role from turns where call_id = ? and rewound = 0 order by idx", [call_id]
        )
    )
    assert [r["idx"] for r in rows] == list(range(len(rows)))
    assert all(r["role"] == ("customer" if r["idx"] % 2 == 0 else "agent") for r in rows)
    graded = store.db.execute("select count(*) from grades where call_id = ?", [call_id]).fetchone()[0]
    assert graded == sum(r["role"] == "agent" for r in rows)
    assert store.load_session(call_id).turns[-1].index == len(rows) - 1


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "coach.db", timeout=2.0)
    store.add_user("xiaowang", "hash", "trainee")
    return store


def _llm_call(store: Store, base_url: str) -> Call:
    model = OpenAIChatModel(LLMConfig(api_key="k", base_url=base_url, model="m", timeout=0.8, max_retries=0))
    call, opening = Call.start(
        RINGBACK, PERSONAS.get("phlegmatic"), LLMEngine(model), seed=2, recorder=store.record_turn, model="m"
    )
    store.create_call(call.session, 1)
    opening.text()
    return call


def test_every_llm_failure_mid_call_is_covered_and_stored_once(store):
    failures = [Behaviour(status=500), Behaviour(status=429), Behaviour(delay=1.5), Behaviour(garbage=True)]
    failures.append(Behaviour(content="一二三四五六七八。九十。", cut_stream_after=1))
    with FakeOpenAIServer(default=Behaviour(content=ANSWER)) as server:
        call = _llm_call(store, server.base_url)
        for failure, reply in zip(failures, EMPATHIC, strict=False):
            server.enqueue(failure)
            assert call.reply(reply).text()
            assert call.session.turns[-1].engine == "llm→offline"
        assert call.reply(EMPATHIC[5]).text() == ANSWER
    assert_stored_exactly_once(store, call.session.id)


def test_the_endpoint_disappearing_mid_call_does_not_stop_the_call(store):
    with FakeOpenAIServer(default=Behaviour(content=ANSWER)) as server:
        call = _llm_call(store, server.base_url)
        assert call.reply(EMPATHIC[0]).text() == ANSWER
    for reply in EMPATHIC[1:4]:  # the server is gone now: connection refused every time
        assert call.reply(reply).text()
        assert call.session.turns[-1].engine == "llm→offline"
    assert_stored_exactly_once(store, call.session.id)


def _hold_write_lock(path, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def _practice(store: Store):
    return start(store, 1, RINGBACK, PERSONAS.get("sanguine"), None, seed=4)


def test_a_short_lock_by_another_writer_is_waited_out(store):
    practice = _practice(store)
    ready = threading.Event()
    locker = threading.Thread(target=_hold_write_lock, args=(store.path, 0.5, ready))
    locker.start()
    ready.wait()
    assert "".join(practice.reply(EMPATHIC[0]))
    locker.join()
    assert_stored_exactly_once(store, practice.id)


def test_a_lock_held_past_the_timeout_refuses_the_reply_cleanly_and_a_retry_succeeds(tmp_path):
    store = Store(tmp_path / "coach.db", timeout=0.3)
    store.add_user("xiaowang", "hash", "trainee")
    practice = _practice(store)
    ready = threading.Event()
    locker = threading.Thread(target=_hold_write_lock, args=(store.path, 1.2, ready))
    locker.start()
    ready.wait()
    with pytest.raises(StoreError, match="数据库繁忙"):
        practice.reply(EMPATHIC[0])
    assert len(practice.call.session.turns) == 1  # nothing half-applied in memory
    locker.join()
    assert "".join(practice.reply(EMPATHIC[0]))
    assert_stored_exactly_once(store, practice.id)


def test_a_lock_during_the_customers_answer_is_healed_on_resume(tmp_path):
    store = Store(tmp_path / "coach.db", timeout=0.3)
    store.add_user("xiaowang", "hash", "trainee")
    practice = _practice(store)
    original = store.record_turn

    def lock_before_customer_turn(session, turn):
        if turn.role == "customer":
            raise StoreError("数据库繁忙（模拟）")
        original(session, turn)

    store.record_turn = lock_before_customer_turn
    practice.call.recorder = store.record_turn
    with pytest.raises(AnswerPending):
        practice.reply(EMPATHIC[0])
    store.record_turn = original
    resumed = resume(store, practice.id, LIBRARY, PERSONAS, None)
    assert [t.role for t in resumed.call.session.turns] == ["customer", "agent", "customer"]
    assert_stored_exactly_once(store, practice.id)


def test_a_server_dying_between_reply_and_answer_resumes_with_one_answer(store):
    practice = _practice(store)
    practice.call.reply(EMPATHIC[0])  # stored; the process dies before the answer is voiced
    first = resume(store, practice.id, LIBRARY, PERSONAS, None)
    second = resume(store, practice.id, LIBRARY, PERSONAS, None)  # a second refresh voices nothing new
    assert first.call.session == second.call.session
    assert_stored_exactly_once(store, practice.id)
