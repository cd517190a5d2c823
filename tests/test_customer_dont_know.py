"""Asked something it does not know, the customer says so about that very thing: the case's
don't-know line closest to the question, else its temperament's general one — never a
don't-know about something else (「她叫什么我哪知道」 to a question about its phone plan)."""

from __future__ import annotations

import pytest

from scenarios.fill import fill
from simulator import Call, OfflineEngine
from tests.sim_helpers import LIBRARY, PERSONAS

RINGBACK = LIBRARY.get("telecom-ringback-consent")
GREETING = "您好，工号1024为您服务，请问有什么可以帮您？"
ABOUT_THE_CALLER = "她叫什么、工号多少我哪知道，就听出来是个女的。"


def _answer_to(question: str, persona_id: str) -> str:
    call, opening = Call.start(RINGBACK, PERSONAS.get(persona_id), OfflineEngine(), seed=1)
    opening.text()
    call.reply(GREETING).text()
    line = call.reply(question).text()
    assert call.session.state.move.kind == "answer"
    return line


@pytest.mark.parametrize("persona_id", ["choleric", "sanguine", "phlegmatic", "melancholic"])
def test_an_unrelated_question_gets_a_general_i_do_not_know(persona_id):
    line = _answer_to("请问您现在用的是哪个套餐？", persona_id)
    general = PERSONAS.get(persona_id).templates.dont_know
    assert line in {fill(text, RINGBACK) for _, texts in general for text in texts}
    assert line not in RINGBACK.agenda.dont_know


def test_a_question_about_what_the_case_line_covers_gets_that_line():
    assert _answer_to("那个推荐的客服叫什么名字？", "phlegmatic") == ABOUT_THE_CALLER
