"""Trainers' corrections: every override is an audit row (who, when, before, after, why), the
grader's own grade is never changed, the report recomputes with the corrections in force, and
agreement with the grader is Cohen's κ over reviewed calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from personas import load_personas
from practice import finish, start
from practice.review import agreement, corrected_report, recalibration_jsonl
from scenarios import load_library
from store import Store, StoreError
from tests.sim_helpers import EMPATHIC

CASES, PERSONAS = load_library(), load_personas()
RINGBACK = CASES.get("telecom-ringback-consent")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "coach.db")
    store.add_user("kao", "x", "trainee")
    store.add_user("laoli", "x", "trainer")
    return store


def _call(store: Store, replies=EMPATHIC[:3]) -> str:
    practice = start(store, store.user("kao")["id"], RINGBACK, PERSONAS.get("sanguine"), None, seed=3)
    for reply in replies:
        "".join(practice.reply(reply))
    finish(practice)
    return practice.id


def _first_reply(store: Store, call_id: str) -> int:
    return store.live_turn_ids(call_id)[1]


def _trainer(store: Store) -> int:
    return store.user("laoli")["id"]


def test_an_override_is_an_audit_chain_and_the_grade_stays(store):
    call_id = _call(store)
    turn_id = _first_reply(store, call_id)
    original = store.db.execute("select empathy from grades where turn_id = ?", [turn_id]).fetchone()[0]
    assert store.override_grade(call_id, turn_id, _trainer(store), {"empathy": 20}, "没有致歉") == 1
    store.override_grade(call_id, turn_id, _trainer(store), {"empathy": 35, "script": 50}, "复核后调整")
    trail = store.overrides(call_id)
    assert [(r["dimension"], r["before"], r["after"]) for r in trail] == [
        ("empathy", original, 20),
        ("empathy", 20, 35),
        ("script", trail[2]["before"], 50),
    ]
    assert {r["author"] for r in trail} == {"laoli"} and trail[0]["reason"] == "没有致歉"
    assert (
        store.db.execute("select empathy from grades where turn_id = ?", [turn_id]).fetchone()[0] == original
    )
    assert store.scores_in_force(call_id) == {turn_id: {"empathy": 35, "script": 50}}


def test_an_override_needs_a_reason_valid_scores_and_a_live_reply(store):
    call_id = _call(store)
    turn_id = _first_reply(store, call_id)
    with pytest.raises(StoreError, match="理由"):
        store.override_grade(call_id, turn_id, _trainer(store), {"empathy": 20}, "  ")
    with pytest.raises(StoreError, match="0–100"):
        store.override_grade(call_id, turn_id, _trainer(store), {"empathy": 120}, "x")
    customer_turn = store.live_turn_ids(call_id)[0]
    with pytest.raises(StoreError, match="不是该通话中已评分的回复"):
        store.override_grade(call_id, customer_turn, _trainer(store), {"empathy": 20}, "x")
    assert store.overrides(call_id) == []


def test_the_report_recomputes_with_the_corrections_in_force(store):
    call_id = _call(store)
    assert corrected_report(store, call_id, RINGBACK) is None
    before = store.report(call_id)
    for turn_id in list(store.live_turn_ids(call_id).values())[1::2]:
        store.override_grade(call_id, turn_id, _trainer(store), {"empathy": 0}, "共情不足")
    after = corrected_report(store, call_id, RINGBACK)
    assert after.scores["empathy"] == 0 and before.scores["empathy"] > 0
    assert after.scores["no_arguing"] == before.scores["no_arguing"]


def test_comments_are_kept_in_order_and_checked(store):
    call_id = _call(store)
    turn_id = _first_reply(store, call_id)
    store.add_comment(call_id, turn_id, _trainer(store), "开场很好")
    store.add_comment(call_id, turn_id, _trainer(store), "语速可以再慢一点")
    assert [c["text"] for c in store.comments(call_id)] == ["开场很好", "语速可以再慢一点"]
    with pytest.raises(StoreError, match="批注是空的"):
        store.add_comment(call_id, turn_id, _trainer(store), " ")
    with pytest.raises(StoreError, match="最多 500 字"):
        store.add_comment(call_id, turn_id, _trainer(store), "长" * 501)


def test_kappa_counts_uncorrected_replies_of_reviewed_calls_as_agreed(store):
    calls = [_call(store), _call(store, ["这是规定，我也没办法。", "您先冷静一下，别激动。"])]
    assert agreement(store)[0].replies == 0
    for call_id in calls:
        store.mark_reviewed(call_id, _trainer(store))
    perfect = {a.dimension: a for a in agreement(store)}
    assert perfect["no_arguing"].agreed == 1.0 and perfect["no_arguing"].replies == 5
    assert perfect["no_arguing"].kappa == 1.0
    argued = store.live_turn_ids(calls[1])[1]
    store.override_grade(calls[1], argued, _trainer(store), {"no_arguing": 95}, "其实没争辩")
    corrected = {a.dimension: a for a in agreement(store)}["no_arguing"]
    # grader good on 3 of 5, trainer on 4 of 5, agreeing on 4: κ = (0.8 − 0.56) / (1 − 0.56)
    assert corrected.agreed == 0.8 and corrected.kappa == pytest.approx(0.545, abs=0.001)


def test_the_recalibration_export_has_one_json_line_per_override(store):
    call_id = _call(store)
    store.override_grade(call_id, _first_reply(store, call_id), _trainer(store), {"script": 10}, "没报工号")
    lines = recalibration_jsonl(store).decode("utf-8").splitlines()
    record = json.loads(lines[0])
    assert len(lines) == 1 and record["reason"] == "没报工号" and record["after"] == 10
    assert record["case_id"] == "telecom-ringback-consent" and record["reply"] == EMPATHIC[0]


def test_kappa_is_undefined_when_both_sides_give_one_label_only():
    from practice.review import _agreement

    assert _agreement("empathy", [False] * 4, [False] * 4).kappa is None
    assert _agreement("empathy", [True], [True]).kappa is None


def test_a_correction_updates_the_scores_every_call_list_shows(store):
    from practice.review import correct_reply

    call_id = _call(store)
    listed = store.call(call_id)["empathy"]
    for turn_id in list(store.live_turn_ids(call_id).values())[1::2]:
        correct_reply(store, call_id, turn_id, _trainer(store), {"empathy": 0}, "共情不足", RINGBACK)
    assert listed > 0 and store.call(call_id)["empathy"] == 0
    assert store.report(call_id).scores["empathy"] == listed  # the stored report keeps the grader's
