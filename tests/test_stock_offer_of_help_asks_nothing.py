"""「请问有什么可以帮您？」 is the stock offer of help, not a question about anything: as the first
reply (the customer speaks first in practice) it is the greeting, and the customer says what it
called about — no 「我怎么知道？」 — while the same words after the customer has asked something
leave that question unanswered. The trainee's own staff number answers nothing either."""

from __future__ import annotations

from scoring.context_checks import answers_question
from scoring.text import asks_beyond_stock_offer
from tests.sim_helpers import LIBRARY, play_script

BROADBAND = LIBRARY.get("broadband-agent-attitude")
OFFER = "请问有什么可以帮您？"


def _moves_and_events(replies: list[str]) -> list[tuple[str, str]]:
    turns = play_script("choleric", replies, seed=3, case=BROADBAND).session.turns
    return [(t.state.move.kind, t.grade.event.value) for t in turns if t.role == "agent"]


def test_stock_offers_ask_nothing_but_a_real_question_beside_one_does():
    for offer in (OFFER, "您好，工号1024为您服务，请问有什么可以帮您？", "还有什么需要帮忙的吗？"):
        assert not asks_beyond_stock_offer(offer), offer
    assert asks_beyond_stock_offer("您是哪天打的电话？请问有什么可以帮您？")


def test_offered_help_first_the_customer_says_what_it_called_about():
    move, event = _moves_and_events([OFFER])[0]
    assert move == "raise" and event != "ignored"


def test_offered_help_after_a_question_leaves_the_question_unanswered():
    assert answers_question(OFFER, "那你说这事怎么办？", BROADBAND) is False
    assert (
        answers_question("您好，工号1024为您服务，请问有什么可以帮您？", "那你说这事怎么办？", BROADBAND)
        is False
    )


def test_a_clarifying_question_back_still_engages_with_the_question():
    assert answers_question("您是说那位客服当时挂了您的电话，对吗？", "那你说这事怎么办？", BROADBAND) is True
