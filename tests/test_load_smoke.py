"""A short load smoke: simulated trainees play whole calls at once on one Store; no turn is lost.

The full capacity search (how many trainees before turn p95 passes 200 ms) is `python -m bench`.
"""

from __future__ import annotations

from bench.load import run_load, stored_turns_by_call
from store import Store


def test_concurrent_trainees_finish_their_calls_and_lose_no_turn(tmp_path):
    run = run_load(12, tmp_path, replies_per_call=4, think_s=(0.0, 0.02))
    assert run.errors == []
    assert run.turns_shown >= 12 * 3  # at least the opening, one reply and one answer each
    assert run.lost_turns == 0
    figures = run.figures()
    assert figures["sessions"] == 12 and figures["turns"] == len(run.turn_s) > 0


def test_lost_turns_are_counted_from_the_database_not_from_the_trainees(tmp_path):
    run = run_load(3, tmp_path, replies_per_call=2, think_s=(0.0, 0.0))
    store = Store(tmp_path / "coach.db")
    finished = store.db.execute("select count(*) from calls where status = 'finished'").fetchone()[0]
    assert finished == 3  # every trainee's call was ended and its report stored
    store.db.execute("delete from turns where id = (select max(id) from turns)")  # one turn vanishes
    run.stored = stored_turns_by_call(store)
    assert run.lost_turns == 1
