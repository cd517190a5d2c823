"""Fitting, storing and loading the learned model: plain arrays, same answers, never stale."""

from __future__ import annotations

import numpy as np

from scoring.clauses import split_clauses
from scoring.corpus import corpus_hash, in_split, load_calls, replies_of
from scoring.reply_model import MODEL_DIR, load, save
from scoring.training import call_turns, clause_acts, train
from scoring.understanding import read_call
from tests.fakes import HashingEncoder


def small_corpus():
    calls = in_split(load_calls(), "train")
    return [call for call in calls if call.case_id in {"auto-gearbox-defect", "telecom-ringback-consent"}]


def test_a_saved_model_loads_without_pickle_and_reads_a_call_the_same(tmp_path) -> None:
    calls = small_corpus()
    model = train(calls, "test-hash", HashingEncoder())
    save(model, tmp_path)
    loaded = load(tmp_path, HashingEncoder())
    np.load(tmp_path / "reply_model.npz", allow_pickle=False)  # plain arrays only
    turns = call_turns(calls[0])
    before, after = read_call(model, turns), read_call(loaded, turns)
    assert [r.stage for r in before] == [r.stage for r in after]
    assert [r.acts for r in before] == [r.acts for r in after]
    for a, b in zip(before, after, strict=True):
        assert all(np.allclose(a.probabilities[d], b.probabilities[d], atol=1e-5) for d in a.probabilities)
    assert loaded.corpus_hash == "test-hash"


def test_the_shipped_model_was_fitted_on_the_corpus_as_it_is_now() -> None:
    """Fails when the corpus changed after the last `python -m scoring train`."""
    stored = load(MODEL_DIR, HashingEncoder())
    assert stored.corpus_hash == corpus_hash(), (
        "语料已改动：请运行 python -m scoring train 并提交 scoring/models/"
    )
    assert stored.call_score is not None


def test_an_act_span_goes_to_the_clause_that_carries_it() -> None:
    calls = small_corpus()
    reply = next(r for c in calls for r in replies_of(c) if len(r.turn.acts) >= 2)
    clauses = split_clauses(reply.text)
    carried = clause_acts(reply, clauses)
    for act, span in reply.turn.acts:
        start = reply.text.find(span)
        holders = [c for c, acts in zip(clauses, carried, strict=True) if act in acts]
        assert holders and all(c.start < start + len(span) and start < c.end for c in holders)
