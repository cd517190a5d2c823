"""A call session: start, reply, rewind, end; plain data that saves, restores and records every turn."""

from __future__ import annotations

import pytest

from simulator import Call, CallEnded, OfflineEngine, Session
from tests.sim_helpers import ARGUING, EMPATHIC, PERSONAS, RINGBACK, play_script


def _new_call(recorded: list | None = None) -> Call:
    recorder = (
        (lambda session, turn: recorded.append((turn.role, turn.text))) if recorded is not None else None
    )
    call, opening = Call.start(RINGBACK, PERSONAS.get("sanguine"), OfflineEngine(), seed=5, recorder=recorder)
    opening.text()
    return call


def test_start_gives_an_opening_line_in_the_customers_mood():
    call = _new_call()
    (opening,) = call.session.turns
    assert opening.role == "customer" and opening.text in str(RINGBACK.lines.opening.model_dump())


def test_reply_returns_grade_and_state_before_the_words_and_records_both_turns():
    recorded: list = []
    call = _new_call(recorded)
    pending = call.reply(EMPATHIC[0])
    assert pending.grade.overall > 0 and pending.state.anger < PERSONAS.get("sanguine").state.start_anger
    assert recorded[-1] == ("agent", EMPATHIC[0])  # stored before the customer says anything
    text = "".join(pending.stream())
    assert recorded[-1] == ("customer", text) and len(call.session.turns) == 3


def test_rewind_goes_back_to_before_the_chosen_reply():
    call = _new_call()
    for reply in EMPATHIC[:3]:
        call.reply(reply).text()
    state_before_second = call.session.turns[2].state
    call.rewind(2)
    assert len(call.session.turns) == 3 and call.session.state == state_before_second
    call.reply("这是规定，我也没办法。").text()
    assert call.session.state.anger > state_before_second.anger


def test_rewind_to_a_reply_that_does_not_exist_is_refused():
    with pytest.raises(ValueError):
        _new_call().rewind(1)


def test_session_round_trips_through_json_and_continues_identically():
    call = _new_call()
    call.reply(EMPATHIC[0]).text()
    restored = Session.model_validate_json(call.session.model_dump_json())
    assert restored == call.session
    twin = Call(restored, RINGBACK, PERSONAS.get("sanguine"), OfflineEngine())
    assert twin.reply(EMPATHIC[1]).text() == call.reply(EMPATHIC[1]).text()


def test_an_interrupted_reply_can_be_answered_after_a_restore():
    call = _new_call()
    call.reply(EMPATHIC[0])  # the stream is never consumed: e.g. the server restarted here
    restored = Call(
        Session.model_validate_json(call.session.model_dump_json()),
        RINGBACK,
        PERSONAS.get("sanguine"),
        OfflineEngine(),
    )
    pending = restored.unanswered()
    assert pending is not None and pending.text()
    assert [t.role for t in restored.session.turns] == ["customer", "agent", "customer"]
    assert restored.unanswered() is None


def test_no_reply_is_taken_after_the_customer_ends_the_call():
    call = play_script("choleric", ARGUING)
    assert call.session.state.ended
    with pytest.raises(CallEnded):
        call.reply("对不起。")


def test_end_gives_the_report_with_emotion_curve_and_the_lines_that_moved_it():
    call = play_script("phlegmatic", [EMPATHIC[0], "这是规定，我也没办法。", EMPATHIC[2]])
    report = call.end()
    assert report.outcome in {"unfinished", "escalated", "resolved"}
    assert len(report.emotion_curve) == 4 and report.emotion_curve[0].agent_line == ""
    assert any(p.agent_line == "这是规定，我也没办法。" and p.delta > 0 for p in report.movers)
