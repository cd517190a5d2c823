"""The call score reads how the call ended: a call the customer escalated or hung up on never
scores above what trainers gave such calls in the train and dev writers' corpus, however polite
its few replies were."""

from __future__ import annotations

from scenarios.vocabulary import Stage
from scoring.call_score import ReplySummary, shipped_call_model
from scoring.corpus import load_calls
from scoring.training import ending_for_caps

POLITE = [ReplySummary((40, 95, 60), 0, Stage.GREETING), ReplySummary((40, 94, 58), 0, Stage.CLARIFY)]


def test_an_escalated_call_is_capped_by_the_corpus_highest_score_for_such_calls():
    model = shipped_call_model()
    assert model.ending_caps == {"hung_up": 30, "regulator": 30, "supervisor": 52, "unfinished": 31}
    assert model.score(POLITE, "escalated") <= 52 and model.score(POLITE, "hung_up") <= 30


def test_the_same_replies_score_higher_when_the_customer_was_satisfied():
    model = shipped_call_model()
    assert model.score(POLITE, "resolved") > model.score(POLITE, "escalated")


def test_a_call_ended_before_any_agreement_is_capped_too():
    assert shipped_call_model().score(POLITE[:1], "unfinished") <= 31


def test_a_good_ending_has_no_cap():
    model = shipped_call_model()
    assert model.cap_for("resolved") == 100
    assert model.cap_for("escalated") == 52  # the app's word for supervisor or regulator


def test_a_call_the_customer_agreed_in_does_not_set_the_cap_for_calls_left_without_agreement():
    call = next(c for c in load_calls() if c.outcome == "unfinished")
    assert ending_for_caps(call.model_copy(update={"agreement": True})) == "agreed"
    assert ending_for_caps(call.model_copy(update={"agreement": False})) == "unfinished"
